#pragma once
// The office's letter-number pattern, e.g.
//   {klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun} → 400.12.2.1/0042/CLU/XI/2026
// 400.12.2.1 is "Identitas Penduduk" in Permendagri 83/2022's classification
// (older offices still use 471.13). The sequence number itself comes from
// storage (per office, register and year); this only lays it out.

#include "core/date.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

struct LetterNumberFields {
    std::string klasifikasi;  // Classification code, e.g. "400.12.2.1".
    std::int64_t nomor { 0 }; // The sequence number in the register.
    std::string unit;         // The office's unit code, e.g. "CLU".
    Date date;                // The date the number is given.
    std::string kode_wilayah; // The district code, e.g. "63.05.06".
    std::string register_code; // The register's code (register_code() in core/sop.hpp), e.g. "REG-EKTP".
};

class LetterNumberPattern {
public:
    // Placeholders: {klasifikasi}, {nomor} or {nomor:W} (zero-padded to W
    // digits, default 4), {unit}, {bulan_romawi}, {bulan} (two digits),
    // {tahun}, {kode_wilayah}, {register} (the register's code, so that one
    // registration pattern serves every service's register). {nomor} and {tahun} are required: the sequence
    // restarts every year, so a pattern without both would repeat numbers.
    static Result<LetterNumberPattern> parse(std::string_view pattern);

    std::string format(LetterNumberFields const&) const;
    std::string const& text() const { return m_text; }

private:
    enum class Field { Literal, Klasifikasi, Nomor, Unit, BulanRomawi, Bulan, Tahun, KodeWilayah, Register };
    struct Token {
        Field field { Field::Literal };
        std::string literal;
        int width { 0 };
    };

    std::string m_text;
    std::vector<Token> m_tokens;
};

// A new office's registration-number pattern: the register's code in it,
// "0042/REG-EKTP/CLU/2026" for a register with id register_ektp.
inline constexpr std::string_view k_default_registration_number_pattern = "{nomor}/{register}/{unit}/{tahun}";
inline constexpr std::string_view k_default_letter_number_pattern = "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}";

}
