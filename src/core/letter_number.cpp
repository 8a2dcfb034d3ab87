#include "core/letter_number.hpp"

#include "core/indonesian.hpp"

#include <cstdio>

namespace sopir {

static constexpr char const* k_pattern_field = "pola_nomor";
static constexpr int k_default_number_width = 4;
static constexpr int k_max_number_width = 9;

Result<LetterNumberPattern> LetterNumberPattern::parse(std::string_view pattern)
{
    LetterNumberPattern result;
    result.m_text = std::string(pattern);
    bool has_number = false;
    bool has_year = false;
    std::string literal;

    auto flush_literal = [&] {
        if (!literal.empty()) {
            result.m_tokens.push_back({ Field::Literal, literal, 0 });
            literal.clear();
        }
    };

    for (size_t i = 0; i < pattern.size(); ++i) {
        char const c = pattern[i];
        if (c == '}')
            return Error::invalid(k_pattern_field, "Pola nomor surat: tanda '}' tanpa pasangan '{' pada posisi " + std::to_string(i + 1) + ".", "pola_nomor.kurung");
        if (c != '{') {
            literal += c;
            continue;
        }
        size_t const close = pattern.find('}', i);
        if (close == std::string_view::npos)
            return Error::invalid(k_pattern_field, "Pola nomor surat: tanda '{' pada posisi " + std::to_string(i + 1) + " tidak ditutup dengan '}'.", "pola_nomor.kurung");
        std::string_view name = pattern.substr(i + 1, close - i - 1);
        int width = 0;
        if (auto colon = name.find(':'); colon != std::string_view::npos) {
            std::string_view digits = name.substr(colon + 1);
            name = name.substr(0, colon);
            if (name != "nomor" || digits.size() != 1 || digits[0] < '1' || digits[0] > '0' + k_max_number_width)
                return Error::invalid(k_pattern_field, "Pola nomor surat: lebar hanya untuk {nomor}, 1 sampai 9 digit, misalnya {nomor:4}.", "pola_nomor.lebar");
            width = digits[0] - '0';
        }
        Token token;
        if (name == "klasifikasi") {
            token.field = Field::Klasifikasi;
        } else if (name == "nomor") {
            token.field = Field::Nomor;
            token.width = width ? width : k_default_number_width;
            if (has_number)
                return Error::invalid(k_pattern_field, "Pola nomor surat: {nomor} hanya boleh muncul sekali.", "pola_nomor.ganda");
            has_number = true;
        } else if (name == "unit") {
            token.field = Field::Unit;
        } else if (name == "bulan_romawi") {
            token.field = Field::BulanRomawi;
        } else if (name == "bulan") {
            token.field = Field::Bulan;
        } else if (name == "tahun") {
            token.field = Field::Tahun;
            has_year = true;
        } else if (name == "kode_wilayah") {
            token.field = Field::KodeWilayah;
        } else if (name == "register") {
            token.field = Field::Register;
        } else {
            return Error::invalid(k_pattern_field, "Pola nomor surat: isian {" + std::string(name) + "} tidak dikenal; yang dikenal: {klasifikasi}, {nomor}, {unit}, {bulan_romawi}, {bulan}, {tahun}, {kode_wilayah}, {register}.", "pola_nomor.isian");
        }
        flush_literal();
        result.m_tokens.push_back(std::move(token));
        i = close;
    }
    flush_literal();

    if (!has_number)
        return Error::invalid(k_pattern_field, "Pola nomor surat harus memuat {nomor}.", "pola_nomor.tanpa_nomor");
    if (!has_year)
        return Error::invalid(k_pattern_field, "Pola nomor surat harus memuat {tahun}: nomor dimulai lagi setiap tahun, tanpa tahun nomor akan berulang.", "pola_nomor.tanpa_tahun");
    return result;
}

std::string LetterNumberPattern::format(LetterNumberFields const& fields) const
{
    std::string out;
    for (auto const& token : m_tokens) {
        switch (token.field) {
        case Field::Literal:
            out += token.literal;
            break;
        case Field::Klasifikasi:
            out += fields.klasifikasi;
            break;
        case Field::Nomor: {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%0*lld", token.width, static_cast<long long>(fields.nomor));
            out += buffer;
            break;
        }
        case Field::Unit:
            out += fields.unit;
            break;
        case Field::BulanRomawi:
            out += roman_month(fields.date.month);
            break;
        case Field::Bulan: {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "%02d", fields.date.month);
            out += buffer;
            break;
        }
        case Field::Tahun:
            out += std::to_string(fields.date.year);
            break;
        case Field::KodeWilayah:
            out += fields.kode_wilayah;
            break;
        case Field::Register:
            out += fields.register_code;
            break;
        }
    }
    return out;
}

}
