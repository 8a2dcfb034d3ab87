#include "core/form_check.hpp"

#include "core/indonesian.hpp"
#include "core/text.hpp"
#include "core/vocabularies.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <utility>

namespace sopir {

namespace {

    using Json = nlohmann::json;
    using OrderedJson = nlohmann::ordered_json;

    // Lengths in characters (code points), generous enough for any real
    // entry and small enough that a pasted page is caught.
    constexpr std::size_t k_text_max_length = 100;
    constexpr std::size_t k_textarea_max_length = 200;
    constexpr std::size_t k_name_min_length = 2;
    constexpr std::size_t k_document_number_max_length = 100;
    constexpr std::size_t k_rt_rw_max_digits = 3;
    constexpr std::size_t k_phone_min_digits = 9;
    constexpr std::size_t k_phone_max_digits = 15; // ITU-T E.164.
    constexpr Date k_earliest_date { 1900, 1, 1 };

    bool is_space(char c)
    {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    bool is_ascii_letter(char c)
    {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    char ascii_lower(char c)
    {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }

    // Trimmed, with every run of spaces, tabs and line ends made one space:
    // what a person sees is what is stored, whatever was pasted.
    std::string collapse_spaces(std::string_view text)
    {
        text = trim(text);
        std::string out;
        out.reserve(text.size());
        bool in_space = false;
        for (char c : text) {
            if (is_space(c)) {
                in_space = true;
                continue;
            }
            if (in_space)
                out += ' ';
            in_space = false;
            out += c;
        }
        return out;
    }

    std::string lower(std::string text)
    {
        std::transform(text.begin(), text.end(), text.begin(), ascii_lower);
        return text;
    }

    // The number of code points when `text` is valid UTF-8 (no overlong
    // forms, no surrogates, nothing past U+10FFFF); nullopt otherwise. The
    // values are rendered as JSON, which needs valid UTF-8.
    std::optional<std::size_t> utf8_length(std::string_view text)
    {
        std::size_t count = 0;
        std::size_t i = 0;
        while (i < text.size()) {
            auto const lead = static_cast<unsigned char>(text[i]);
            std::size_t extra = 0;
            std::uint32_t code_point = 0;
            std::uint32_t minimum = 0;
            if (lead < 0x80) {
                code_point = lead;
            } else if ((lead & 0xE0) == 0xC0) {
                extra = 1;
                code_point = lead & 0x1F;
                minimum = 0x80;
            } else if ((lead & 0xF0) == 0xE0) {
                extra = 2;
                code_point = lead & 0x0F;
                minimum = 0x800;
            } else if ((lead & 0xF8) == 0xF0) {
                extra = 3;
                code_point = lead & 0x07;
                minimum = 0x10000;
            } else {
                return std::nullopt;
            }
            if (text.size() - i <= extra)
                return std::nullopt;
            for (std::size_t k = 1; k <= extra; ++k) {
                auto const next = static_cast<unsigned char>(text[i + k]);
                if ((next & 0xC0) != 0x80)
                    return std::nullopt;
                code_point = (code_point << 6) | (next & 0x3F);
            }
            if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
                return std::nullopt;
            i += extra + 1;
            ++count;
        }
        return count;
    }

    bool has_control_character(std::string_view text)
    {
        return std::any_of(text.begin(), text.end(), [](char c) {
            auto const byte = static_cast<unsigned char>(c);
            return byte < 0x20 || byte == 0x7F;
        });
    }

    // 1-based position counted in characters, not bytes: a person counts "é" once.
    std::size_t character_position(std::string_view text, std::size_t byte_index)
    {
        std::size_t position = 0;
        for (std::size_t i = 0; i <= byte_index && i < text.size(); ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
                ++position;
        return position;
    }

    // A character as a person would name it, without echoing bytes that
    // might not be valid UTF-8.
    std::string describe_character(char c)
    {
        if (is_ascii_digit(c))
            return std::string("angka \"") + c + "\"";
        if (c > ' ' && c <= '~')
            return std::string("tanda \"") + c + "\"";
        return "huruf beraksen atau karakter lain di luar huruf latin";
    }

    std::string join(std::vector<std::string> const& names)
    {
        std::string out;
        for (std::size_t i = 0; i < names.size(); ++i)
            out += (i > 0 ? ", " : "") + names[i];
        return out;
    }

    // Whether `text` has the shape of `pattern`, where '#' stands for an
    // ASCII digit and any other character for itself.
    bool has_shape(std::string_view text, std::string_view pattern)
    {
        if (text.size() != pattern.size())
            return false;
        for (std::size_t i = 0; i < text.size(); ++i)
            if (pattern[i] == '#' ? !is_ascii_digit(text[i]) : text[i] != pattern[i])
                return false;
        return true;
    }

    // A document id safe to put in a field path: what the SOP's ids look
    // like. Anything else (from a hand-made request) is reported on
    // "documents".
    bool is_plain_id(std::string_view id)
    {
        return !id.empty() && id.size() <= 64
            && std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '_' || c == '-'; });
    }

    std::string document_path(std::string_view id, std::string_view part = {})
    {
        std::string path = "documents";
        if (!is_plain_id(id))
            return path;
        path += ".";
        path += id;
        if (!part.empty()) {
            path += ".";
            path += part;
        }
        return path;
    }

    // Each "{name}" in `text` replaced by its value; other braces kept.
    std::string fill(std::string text, std::map<std::string, std::string> const& values)
    {
        for (auto const& [name, value] : values) {
            std::string const placeholder = "{" + name + "}";
            for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
                text.replace(at, placeholder.size(), value);
        }
        return text;
    }

    std::optional<int> to_int(std::string_view text)
    {
        text = trim(text);
        if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), is_ascii_digit))
            return std::nullopt;
        int value = 0;
        for (char c : text)
            value = value * 10 + (c - '0');
        return value;
    }

    std::string param(RuleDefinition const& rule, std::string const& name)
    {
        auto found = rule.params.find(name);
        return found == rule.params.end() ? std::string() : found->second;
    }

    std::vector<std::string> split_list(std::string_view text)
    {
        std::vector<std::string> out;
        std::size_t start = 0;
        while (start <= text.size()) {
            auto const comma = text.find(',', start);
            auto const piece = collapse_spaces(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
            if (!piece.empty())
                out.push_back(piece);
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        return out;
    }

    // A rule's field: "applicant.birth_date" names a field of a group (each
    // row of a rows group), "documents.ID.date" a document's part.
    struct FieldRef {
        InputGroup const* group { nullptr };
        InputField const* field { nullptr };
        DocumentDefinition const* document { nullptr };
        std::string part; // Of a document: "number", "date", "valid_until".
    };

    // Where a field's value sits in one application: the normalized object
    // (a group's, or a row's), and the path findings name.
    struct Place {
        OrderedJson* object { nullptr };
        std::string path;
    };

    class FormChecker {
    public:
        FormChecker(SopDefinition const& definition, FormContext const& context)
            : m_definition(definition)
            , m_context(context)
        {
        }

        FormCheck run(Json const& input);

    private:
        void error(std::string field, std::string code, std::string message)
        {
            m_check.errors.push_back({ std::move(field), std::move(code), std::move(message) });
        }
        void issue(Severity severity, std::string field, std::string code, std::string message)
        {
            (severity == Severity::Warning ? m_check.warnings : m_check.errors).push_back({ std::move(field), std::move(code), std::move(message) });
        }

        std::optional<std::string> raw_text(Json const& object, std::string const& key, std::string const& path, bool number = false);
        void check_group(InputGroup const&, Json const& input);
        void check_rows(InputGroup const&, Json const& input);
        void check_fields(InputGroup const&, Json const& input, std::string const& prefix, OrderedJson& out);
        // The field's normalized value, or nullopt (after reporting) when it
        // is empty or wrong; an empty optional field is "" and not failed.
        std::optional<std::string> check_field(InputField const&, std::string const& path, std::string_view value, OrderedJson& out);

        std::optional<std::string> text(std::string const& path, std::string const& label, std::string_view value, bool required, std::size_t max_length);
        std::optional<Date> date(std::string const& path, std::string const& label, std::string_view value, bool required, bool past_only);
        std::optional<std::string> name(InputField const&, std::string const& path, std::string_view value);
        std::optional<std::string> integer(InputField const&, std::string const& path, std::string_view value);
        std::optional<std::string> time(InputField const&, std::string const& path, std::string_view value);
        std::optional<std::string> select(InputField const&, std::string const& path, std::string_view value);
        std::optional<std::string> nik(InputField const&, std::string const& path, std::string_view value);
        std::optional<std::string> kk(InputField const&, std::string const& path, std::string_view value);
        // A NIK's or KK's own findings, as the field's errors and warnings.
        template<typename Checked> void report(std::string const& path, Checked& checked)
        {
            for (auto& each : checked.errors)
                error(path, each.code, std::move(each.message));
            for (auto& each : checked.warnings)
                m_check.warnings.push_back({ path, each.code, std::move(each.message) });
        }
        std::optional<std::string> rt_rw(InputField const&, std::string const& path, std::string_view value);
        std::optional<std::string> phone(InputField const&, std::string const& path, std::string_view value);
        std::optional<std::string> village(InputField const&, std::string const& path, std::string_view value, OrderedJson& out);
        std::optional<std::string> region(InputField const&, std::string const& path, std::string_view value, OrderedJson& out);
        void keep_parent_names(InputField const&, std::string const& code, OrderedJson& out);

        void check_documents(Json const& input);
        bool document_given(Json const& documents, DocumentDefinition const&) const;
        void check_equals(DocumentDefinition const&, std::string const& field_path, OrderedJson& entry, std::optional<std::string> code,
            std::optional<std::string> message, Severity);

        FieldRef resolve(std::string const& path) const;
        // Every place the group's values sit: the group's object, or each row.
        std::vector<Place> places(InputGroup const&);
        bool failed(std::string const& path) const { return m_failed.contains(path); }
        std::string code_of(RuleDefinition const&, std::string_view fallback, InputGroup const* group) const;

        void apply(RuleDefinition const&);
        void nik_matches_person(RuleDefinition const&);
        void document_equals(RuleDefinition const&);
        void min_age(RuleDefinition const&);
        void document_max_age(RuleDefinition const&);
        void one_row_with(RuleDefinition const&);
        void date_rule(RuleDefinition const&, bool not_future);
        void derive_move_class(RuleDefinition const&);
        void differs_from(RuleDefinition const&);

        SopDefinition const& m_definition;
        FormContext const& m_context;
        FormCheck m_check;
        std::set<std::string> m_failed; // Paths whose value was given but refused.
        std::map<std::string, std::vector<std::size_t>> m_row_indexes; // Per rows group: each kept row's index in the request.
    };

}

std::string display_key(std::string_view field_name)
{
    if (field_name.ends_with("_code"))
        return std::string(field_name.substr(0, field_name.size() - 5)) + "_name";
    return std::string(field_name) + "_name";
}

std::vector<InputOption> field_options(InputField const& field)
{
    if (!field.options.empty() || field.vocabulary.empty())
        return field.options;
    return vocabulary(field.vocabulary).value_or(std::vector<InputOption> {});
}

std::string FormCheck::value(std::string_view path) const
{
    auto const dot = path.find('.');
    if (dot == std::string_view::npos)
        return {};
    auto group = values.find(std::string(path.substr(0, dot)));
    if (group == values.end() || !group->is_object())
        return {};
    auto found = group->find(std::string(path.substr(dot + 1)));
    return found != group->end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The text of a member; "" when absent or null; nullopt (reported) when of
// another JSON type. A JSON number is taken as written, for integer fields.
std::optional<std::string> FormChecker::raw_text(Json const& object, std::string const& key, std::string const& path, bool number)
{
    if (!object.is_object())
        return std::string();
    auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return std::string();
    if (found->is_string())
        return found->get<std::string>();
    if (found->is_number_integer() && number)
        return found->dump();
    error(path, "json.type", path + " harus berupa teks.");
    return std::nullopt;
}

std::optional<std::string> FormChecker::text(std::string const& path, std::string const& label, std::string_view value, bool required, std::size_t max_length)
{
    std::string collapsed = collapse_spaces(value);
    if (collapsed.empty()) {
        if (required)
            error(path, "required", label + " wajib diisi.");
        return std::nullopt;
    }
    auto const length = utf8_length(collapsed);
    if (!length || has_control_character(collapsed)) {
        error(path, "text.encoding", label + " berisi karakter yang tidak dapat dibaca; ketik ulang isinya tanpa menyalin dari dokumen lain.");
        return std::nullopt;
    }
    if (*length > max_length) {
        error(path, "text.too_long",
            label + " paling banyak " + std::to_string(max_length) + " karakter; yang diisi " + std::to_string(*length) + " karakter.");
        return std::nullopt;
    }
    return collapsed;
}

std::optional<Date> FormChecker::date(std::string const& path, std::string const& label, std::string_view value, bool required, bool past_only)
{
    std::string_view const trimmed = trim(value);
    if (trimmed.empty()) {
        if (required)
            error(path, "required", label + " wajib diisi.");
        return std::nullopt;
    }
    // Written either way round: ISO (the API's JSON) or day first (people).
    std::optional<std::string> const day_first = day_first_as_iso(trimmed);
    std::string const iso = day_first ? *day_first : std::string(trimmed);
    if (!has_shape(iso, "####-##-##")) {
        error(path, "date.format", label + " harus ditulis HH-BB-TTTT (tanggal-bulan-tahun), misalnya 07-12-1999.");
        return std::nullopt;
    }
    auto const parsed = parse_iso_date(iso);
    if (!parsed) {
        // The shape was checked, so the text is ASCII digits and separators
        // and safe to quote.
        error(path, "date.invalid", label + " " + std::string(trimmed) + " tidak ada dalam kalender.");
        return std::nullopt;
    }
    if (past_only && *parsed > m_context.today) {
        error(path, "date.future", label + " " + format_date_id(*parsed) + " sesudah hari ini (" + format_date_id(m_context.today) + ").");
        return std::nullopt;
    }
    if (*parsed < k_earliest_date) {
        error(path, "date.too_early", label + " " + format_date_id(*parsed) + " sebelum tahun 1900; periksa tahunnya.");
        return std::nullopt;
    }
    return parsed;
}

// A person's name as on the KK and the Akta Kelahiran. Permendagri 73/2022
// (at most 60 letters, at least two words, no digits or punctuation) governs
// names recorded for the first time; names recorded before it stay valid, and
// titles may be printed abbreviated on the KK, so "Drs.", "S.Pd", "Ma'ruf"
// and one-word names are accepted here. The name keeps the case it was typed
// in: capitals cannot be undone for the status page.
std::optional<std::string> FormChecker::name(InputField const& field, std::string const& path, std::string_view value)
{
    auto name = text(path, field.label, value, field.required, field.max_length ? static_cast<std::size_t>(*field.max_length) : k_text_max_length);
    if (!name)
        return std::nullopt;
    auto const bad = std::find_if(name->begin(), name->end(), [](char c) {
        return !is_ascii_letter(c) && c != ' ' && c != '.' && c != ',' && c != '\'' && c != '-';
    });
    if (bad != name->end()) {
        error(path, "name.characters",
            field.label + " hanya boleh berisi huruf latin, spasi, dan tanda . , ' -; ada " + describe_character(*bad) + " pada posisi ke-"
                + std::to_string(character_position(*name, static_cast<std::size_t>(bad - name->begin()))) + ".");
        return std::nullopt;
    }
    if (std::none_of(name->begin(), name->end(), is_ascii_letter)) {
        error(path, "name.characters", field.label + " harus berisi huruf.");
        return std::nullopt;
    }
    if (name->size() < k_name_min_length) {
        error(path, "name.length", field.label + " paling sedikit 2 huruf.");
        return std::nullopt;
    }
    return name;
}

std::optional<std::string> FormChecker::integer(InputField const& field, std::string const& path, std::string_view value)
{
    std::string_view const trimmed = trim(value);
    std::string_view const digits = trimmed.starts_with('-') ? trimmed.substr(1) : trimmed;
    if (digits.empty() || digits.size() > 15 || !std::all_of(digits.begin(), digits.end(), is_ascii_digit)) {
        error(path, "integer.format", field.label + " harus berupa bilangan bulat, misalnya 12.");
        return std::nullopt;
    }
    long long number = 0;
    for (char c : digits)
        number = number * 10 + (c - '0');
    if (trimmed.starts_with('-'))
        number = -number;
    if ((field.min && number < *field.min) || (field.max && number > *field.max)) {
        std::string range = field.min && field.max ? std::to_string(*field.min) + " sampai " + std::to_string(*field.max)
            : field.min                            ? "paling sedikit " + std::to_string(*field.min)
                                                   : "paling banyak " + std::to_string(*field.max);
        error(path, "integer.range", field.label + " harus " + range + "; yang diisi " + std::to_string(number) + ".");
        return std::nullopt;
    }
    return std::to_string(number);
}

std::optional<std::string> FormChecker::time(InputField const& field, std::string const& path, std::string_view value)
{
    std::string_view const trimmed = trim(value);
    bool const shaped = has_shape(trimmed, "##:##") || has_shape(trimmed, "#:##");
    std::string const padded = shaped && trimmed.size() == 4 ? "0" + std::string(trimmed) : std::string(trimmed);
    if (!shaped || (padded[0] - '0') * 10 + (padded[1] - '0') > 23 || (padded[3] - '0') > 5) {
        error(path, "time.format", field.label + " harus ditulis JJ:MM (24 jam), misalnya 08:30 atau 14:05.");
        return std::nullopt;
    }
    return padded;
}

std::optional<std::string> FormChecker::select(InputField const& field, std::string const& path, std::string_view value)
{
    auto const options = field_options(field);
    if (InputOption const* option = find_option(options, value))
        return option->id;
    std::vector<std::string> names;
    for (auto const& option : options)
        names.push_back(option.id == option.label ? option.id : option.id + " (" + option.label + ")");
    error(path, field.name + ".unknown", field.label + " harus salah satu dari: " + join(names) + ".");
    return std::nullopt;
}

std::optional<std::string> FormChecker::nik(InputField const&, std::string const& path, std::string_view value)
{
    auto checked = check_nik(value, { .today = m_context.today, .regions = m_context.regions });
    report(path, checked);
    if (!checked.valid)
        return std::nullopt;
    return checked.nik;
}

std::optional<std::string> FormChecker::kk(InputField const&, std::string const& path, std::string_view value)
{
    auto checked = check_kk(value, { .today = m_context.today, .regions = m_context.regions });
    report(path, checked);
    if (!checked.valid)
        return std::nullopt;
    return checked.number;
}

// RT and RW are numbered from 001 and written with three digits on the KK.
std::optional<std::string> FormChecker::rt_rw(InputField const& field, std::string const& path, std::string_view value)
{
    std::string_view const digits = trim(value);
    if (digits.size() > k_rt_rw_max_digits || !std::all_of(digits.begin(), digits.end(), is_ascii_digit)) {
        error(path, "rt_rw.format", field.label + " harus berupa angka 1–3 digit, misalnya 001 atau 1.");
        return std::nullopt;
    }
    if (std::all_of(digits.begin(), digits.end(), [](char c) { return c == '0'; })) {
        error(path, "rt_rw.zero", field.label + " tidak boleh 000; nomor " + field.label + " dimulai dari 001.");
        return std::nullopt;
    }
    return std::string(k_rt_rw_max_digits - digits.size(), '0') + std::string(digits);
}

// Digits with an optional leading +, spaces and dashes allowed; it must
// start with 0 or (+)62 and have 9 to 15 digits. Stored as digits only.
std::optional<std::string> FormChecker::phone(InputField const& field, std::string const& path, std::string_view value)
{
    std::string_view const trimmed = trim(value);
    std::string digits;
    bool well_formed = true;
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
        char const c = trimmed[i];
        if (is_ascii_digit(c))
            digits += c;
        else if (c == '+' && i == 0)
            continue;
        else if (c != ' ' && c != '-')
            well_formed = false;
    }
    bool const international = trimmed.front() == '+';
    bool const prefix_ok = international ? digits.starts_with("62") : (digits.starts_with("0") || digits.starts_with("62"));
    // "+62 0812…": the trunk 0 is dropped after the country code.
    bool const trunk_after_country = digits.starts_with("620");
    if (!well_formed || !prefix_ok || trunk_after_country || digits.size() < k_phone_min_digits || digits.size() > k_phone_max_digits) {
        std::string message = field.label + " harus 9–15 digit angka yang diawali 0 atau +62 (spasi dan tanda - boleh), misalnya 0812-3456-7890";
        if (well_formed && trunk_after_country)
            message += "; sesudah +62 angka 0 tidak ditulis";
        error(path, "phone.format", message + ".");
        return std::nullopt;
    }
    return digits;
}

std::optional<std::string> FormChecker::village(InputField const& field, std::string const& path, std::string_view value, OrderedJson& out)
{
    auto const dotted = normalize_region_code(value);
    if (!dotted || region_level_of_code(*dotted) != RegionLevel::Village) {
        std::string message = "Kode desa/kelurahan harus 10 digit, misalnya 63.05.06.2004 atau 6305062004";
        if (auto const level = dotted ? region_level_of_code(*dotted) : std::nullopt; level.has_value())
            message += "; yang diisi kode " + lower(std::string(region_level_name_id(level.value())));
        error(path, "village.format", message + ".");
        return std::nullopt;
    }
    auto const office_district = normalize_region_code(m_context.district_code);
    Region const* found = nullptr;
    if (m_context.regions) {
        found = m_context.regions->find(*dotted);
        if (!found) {
            error(path, "village.unknown", "Kode desa/kelurahan " + *dotted + " tidak ada dalam data wilayah.");
            return std::nullopt;
        }
    }
    // The parent of a village is the first eight characters of its dotted
    // code, so the kecamatan is checked even without region data.
    std::string const district = dotted->substr(0, 8);
    if (office_district && district != *office_district) {
        std::string message = "Desa/kelurahan " + *dotted;
        if (found)
            message += " (" + found->name + ")";
        message += " termasuk kecamatan " + district;
        if (Region const* other = m_context.regions ? m_context.regions->find(district) : nullptr)
            message += " (" + other->name + ")";
        message += ", bukan wilayah kecamatan kantor ini (" + *office_district;
        if (Region const* own = m_context.regions ? m_context.regions->find(*office_district) : nullptr)
            message += ", " + own->name;
        message += ").";
        error(path, "village.other_district", std::move(message));
        return std::nullopt;
    }
    out[display_key(field.name)] = found ? found->name : std::string();
    return dotted;
}

// The names of the regions above a region, beside its own, so that a letter
// can print a destination anywhere in Indonesia in full (Desa/Kelurahan,
// Kecamatan, Kabupaten/Kota, Provinsi). A village field needs none: it is
// of the office's own kecamatan ({office.district}, {office.regency}).
void FormChecker::keep_parent_names(InputField const& field, std::string const& code, OrderedJson& out)
{
    if (!m_context.regions)
        return;
    for (Region const* region : m_context.regions->path_to(code)) {
        if (region->code == code)
            continue;
        std::string_view const level = region->level == RegionLevel::Province ? "province"
            : region->level == RegionLevel::Regency                          ? "regency"
                                                                             : "district";
        out[parent_region_key(field.name, level)] = region->name;
    }
}

std::optional<std::string> FormChecker::region(InputField const& field, std::string const& path, std::string_view value, OrderedJson& out)
{
    auto const dotted = normalize_region_code(value);
    if (!dotted || region_level_of_code(*dotted) != field.level) {
        static constexpr char const* k_examples[] = { "63", "63.05", "63.05.06", "63.05.06.2004" };
        error(path, "region.format",
            "Kode " + lower(std::string(region_level_name_id(field.level))) + " untuk " + field.label + " tidak sah; contohnya "
                + k_examples[static_cast<std::size_t>(field.level)] + ".");
        return std::nullopt;
    }
    Region const* found = nullptr;
    if (m_context.regions) {
        found = m_context.regions->find(*dotted);
        if (!found) {
            error(path, "region.unknown", "Kode wilayah " + *dotted + " untuk " + field.label + " tidak ada dalam data wilayah.");
            return std::nullopt;
        }
    }
    out[display_key(field.name)] = found ? found->name : std::string();
    keep_parent_names(field, *dotted, out);
    return dotted;
}

std::optional<std::string> FormChecker::check_field(InputField const& field, std::string const& path, std::string_view value, OrderedJson& out)
{
    if (field.type == InputType::Village || field.type == InputType::Region)
        out[display_key(field.name)] = "";
    if (trim(value).empty()) {
        if (!field.required)
            return std::string();
        error(path, "required", field.label + " wajib diisi.");
        return std::nullopt;
    }
    std::size_t const max_length = field.max_length ? static_cast<std::size_t>(*field.max_length)
        : field.type == InputType::Textarea                      ? k_textarea_max_length
                                                                 : k_text_max_length;
    switch (field.type) {
    case InputType::Text:
    case InputType::Textarea: return text(path, field.label, value, field.required, max_length);
    case InputType::Name: return name(field, path, value);
    case InputType::Date: {
        auto const parsed = date(path, field.label, value, field.required, false);
        return parsed ? std::optional<std::string>(to_iso(*parsed)) : std::nullopt;
    }
    case InputType::Integer: return integer(field, path, value);
    case InputType::Time: return time(field, path, value);
    case InputType::Select: return select(field, path, value);
    case InputType::Nik: return nik(field, path, value);
    case InputType::Kk: return kk(field, path, value);
    case InputType::Phone: return phone(field, path, value);
    case InputType::RtRw: return rt_rw(field, path, value);
    case InputType::Village: return village(field, path, value, out);
    case InputType::Region: return region(field, path, value, out);
    }
    return std::nullopt;
}

void FormChecker::check_fields(InputGroup const& group, Json const& input, std::string const& prefix, OrderedJson& out)
{
    for (auto const& field : group.fields) {
        std::string const path = prefix + field.name;
        auto raw = raw_text(input, field.name, path, field.type == InputType::Integer);
        out[field.name] = "";
        if (!raw) {
            m_failed.insert(path);
            continue;
        }
        auto value = check_field(field, path, *raw, out);
        if (value) {
            out[field.name] = *value;
            // A display value goes right after its field.
            if (field.type == InputType::Village || field.type == InputType::Region) {
                std::string const key = display_key(field.name);
                std::string shown = out[key].get<std::string>();
                out.erase(key);
                out[key] = shown;
            }
        } else {
            m_failed.insert(path);
        }
    }
}

void FormChecker::check_group(InputGroup const& group, Json const& input)
{
    Json const empty = Json::object();
    Json const* object = &empty;
    if (input.is_object()) {
        auto found = input.find(group.id);
        if (found != input.end() && !found->is_null()) {
            if (found->is_object())
                object = &*found;
            else
                error(group.id, "json.type", group.id + " harus berupa objek.");
        }
    }
    OrderedJson out = OrderedJson::object();
    check_fields(group, *object, group.id + ".", out);
    m_check.values[group.id] = std::move(out);
}

void FormChecker::check_rows(InputGroup const& group, Json const& input)
{
    OrderedJson rows = OrderedJson::array();
    auto& indexes = m_row_indexes[group.id];
    auto found = input.is_object() ? input.find(group.id) : input.end();
    if (input.is_object() && found != input.end() && !found->is_null() && !found->is_array()) {
        error(group.id, "json.type", group.id + " harus berupa daftar.");
        m_check.values[group.id] = std::move(rows);
        return;
    }
    if (input.is_object() && found != input.end() && found->is_array()) {
        std::size_t index = 0;
        for (auto const& row : *found) {
            std::string const prefix = group.id + "." + std::to_string(index) + ".";
            if (!row.is_object() && !row.is_null()) {
                error(prefix.substr(0, prefix.size() - 1), "json.type", prefix.substr(0, prefix.size() - 1) + " harus berupa objek.");
                ++index;
                continue;
            }
            // A row left wholly empty (the staff form's spare rows) is no row.
            bool const blank = row.is_null() || std::all_of(group.fields.begin(), group.fields.end(), [&](InputField const& field) {
                auto member = row.find(field.name);
                return member == row.end() || member->is_null() || (member->is_string() && trim(member->get<std::string>()).empty());
            });
            if (!blank) {
                OrderedJson out = OrderedJson::object();
                check_fields(group, row, prefix, out);
                rows.push_back(std::move(out));
                indexes.push_back(index);
            }
            ++index;
        }
    }
    int const count = static_cast<int>(rows.size());
    if (count < group.min_rows)
        error(group.id, count == 0 && group.min_rows == 1 ? "required" : "rows.too_few",
            group.label + " paling sedikit " + std::to_string(group.min_rows) + " baris; yang diisi " + std::to_string(count) + ".");
    if (group.max_rows > 0 && count > group.max_rows)
        error(group.id, "rows.too_many",
            group.label + " paling banyak " + std::to_string(group.max_rows) + " baris; yang diisi " + std::to_string(count) + ".");
    m_check.values[group.id] = std::move(rows);
}

bool FormChecker::document_given(Json const& documents, DocumentDefinition const& document) const
{
    auto found = documents.is_object() ? documents.find(document.id) : documents.end();
    if (found == documents.end() || !found->is_object())
        return false;
    return std::any_of(found->begin(), found->end(), [](Json const& part) { return part.is_string() && !trim(part.get<std::string>()).empty(); });
}

void FormChecker::check_documents(Json const& input)
{
    Json const empty = Json::object();
    Json const* documents = &empty;
    if (input.is_object()) {
        auto found = input.find("documents");
        if (found != input.end() && found->is_object())
            documents = &*found;
        else if (found != input.end() && !found->is_null())
            error("documents", "json.type", "documents harus berupa objek.");
    }
    for (auto const& definition : m_definition.documents) {
        // One of the alternatives given is enough (an SPTJM in place of a
        // marriage certificate); a document asked only in place of another
        // is checked only when given.
        bool const stood_in = std::any_of(definition.alternatives.begin(), definition.alternatives.end(), [&](std::string const& other) {
            DocumentDefinition const* alternative = m_definition.find_document(other);
            return alternative && document_given(*documents, *alternative);
        });
        bool const given = document_given(*documents, definition);
        bool const needed = definition.required && !stood_in;
        auto found = documents->find(definition.id);
        if (found != documents->end() && !found->is_null() && !found->is_object()) {
            std::string const path = document_path(definition.id);
            error(path, "json.type", path + " harus berupa objek {\"number\", \"date\"}.");
            continue;
        }
        if (!needed && !given)
            continue;
        Json const entry = found == documents->end() || found->is_null() ? Json::object() : *found;
        std::string alternatives;
        for (auto const& other : definition.alternatives)
            if (DocumentDefinition const* alternative = m_definition.find_document(other))
                alternatives += " atau " + alternative->label;

        OrderedJson normalized = OrderedJson::object();
        std::string const number_path = document_path(definition.id, "number");
        bool number_ok = false;
        if (auto raw = raw_text(entry, "number", number_path)) {
            std::string const label = "Nomor " + definition.label;
            if (collapse_spaces(*raw).empty() && definition.number && !alternatives.empty()) {
                error(number_path, "required", label + " wajib diisi (atau dokumen penggantinya:" + alternatives.substr(5) + ").");
            } else if (auto number = text(number_path, label, *raw, definition.number, k_document_number_max_length)) {
                normalized["number"] = *number;
                number_ok = true;
            }
        }
        std::string const date_path = document_path(definition.id, "date");
        if (auto raw = raw_text(entry, "date", date_path))
            if (auto issued = date(date_path, "Tanggal " + definition.label, *raw, definition.date, true))
                normalized["date"] = to_iso(*issued);
        std::string const until_path = document_path(definition.id, "valid_until");
        if (auto raw = raw_text(entry, "valid_until", until_path))
            if (auto until = date(until_path, "Masa berlaku " + definition.label, *raw, definition.valid_until, false))
                normalized["valid_until"] = to_iso(*until);
        // A document_equals rule on the document says how a difference is
        // reported; then the rule compares, not this.
        bool const ruled = std::any_of(m_definition.rules.begin(), m_definition.rules.end(),
            [&](RuleDefinition const& rule) { return rule.check == "document_equals" && param(rule, "document") == definition.id; });
        if (number_ok && !definition.equals.empty() && !ruled)
            check_equals(definition, definition.equals, normalized, std::nullopt, std::nullopt, Severity::Error);
        if (found != documents->end() && !found->is_null())
            m_check.documents[definition.id] = std::move(normalized);
    }

    std::vector<std::string> labels;
    for (auto const& definition : m_definition.documents)
        labels.push_back(definition.label);
    for (auto const& [id, document] : documents->items()) {
        if (m_definition.find_document(id))
            continue;
        error(document_path(id), "document.unknown", "Dokumen ini tidak termasuk persyaratan layanan; yang diperlukan: " + join(labels) + ".");
    }
}

// The document brought is the applicant's own: its number is the field
// (the Kartu Keluarga's the Nomor KK), compared here rather than trusted twice.
void FormChecker::check_equals(DocumentDefinition const& document, std::string const& field_path, OrderedJson& entry,
    std::optional<std::string> code, std::optional<std::string> message, Severity severity)
{
    FieldRef const ref = resolve(field_path);
    if (!ref.field || !ref.group || ref.group->kind == GroupKind::Rows || !entry.contains("number"))
        return;
    std::string const expected = m_check.value(field_path);
    if (expected.empty())
        return;
    std::string digits = entry["number"].get<std::string>();
    std::erase(digits, ' ');
    if (digits == expected) {
        entry["number"] = digits;
        return;
    }
    std::string const whose = ref.group->subject ? "pemohon" : ref.group->label;
    std::map<std::string, std::string> const values { { "document", document.label }, { "field", ref.field->label } };
    issue(severity, document_path(document.id, "number"), code.value_or("document." + ref.field->name + "_mismatch"),
        message ? fill(*message, values) : "Nomor " + document.label + " berbeda dengan " + ref.field->label + " " + whose + "; periksa kembali keduanya.");
}

FieldRef FormChecker::resolve(std::string const& path) const
{
    FieldRef ref;
    if (path.starts_with("documents.")) {
        auto const rest = std::string_view(path).substr(10);
        auto const dot = rest.find('.');
        ref.document = m_definition.find_document(rest.substr(0, dot));
        ref.part = dot == std::string_view::npos ? "number" : std::string(rest.substr(dot + 1));
        return ref;
    }
    auto const dot = path.find('.');
    if (dot == std::string::npos) {
        ref.group = m_definition.form.find_group(path);
        return ref;
    }
    ref.group = m_definition.form.find_group(std::string_view(path).substr(0, dot));
    ref.field = m_definition.form.find_field(path);
    return ref;
}

std::vector<Place> FormChecker::places(InputGroup const& group)
{
    std::vector<Place> out;
    auto values = m_check.values.find(group.id);
    if (values == m_check.values.end())
        return out;
    if (group.kind != GroupKind::Rows) {
        out.push_back({ &*values, group.id + "." });
        return out;
    }
    auto const& indexes = m_row_indexes[group.id];
    for (std::size_t i = 0; i < values->size() && i < indexes.size(); ++i)
        out.push_back({ &(*values)[i], group.id + "." + std::to_string(indexes[i]) + "." });
    return out;
}

std::string FormChecker::code_of(RuleDefinition const& rule, std::string_view fallback, InputGroup const* group) const
{
    if (!rule.code.empty())
        return rule.code;
    return fill(std::string(fallback), { { "group", group ? group->id : std::string("form") } });
}

// The NIK carries the birth date (women: day + 40) and so the sex: a
// disagreement is for the officer to confirm, since NIKs are not reissued
// when a birth date is corrected. A birth date or sex the form does not
// require and that was left empty is filled from the NIK.
void FormChecker::nik_matches_person(RuleDefinition const& rule)
{
    InputGroup const* group = m_definition.form.find_group(param(rule, "group"));
    if (!group)
        return;
    auto name_or = [&](char const* key) {
        std::string const given = param(rule, key);
        return given.empty() ? std::string(key) : given;
    };
    std::string const nik_name = name_or("nik");
    std::string const birth_name = name_or("birth_date");
    std::string const sex_name = name_or("sex");
    InputField const* birth_field = m_definition.form.find_field(group->id + "." + birth_name);
    InputField const* sex_field = m_definition.form.find_field(group->id + "." + sex_name);
    for (auto& place : places(*group)) {
        OrderedJson& row = *place.object;
        auto text_of = [&](std::string const& key) { return row.contains(key) && row[key].is_string() ? row[key].get<std::string>() : std::string(); };
        std::string const nik_text = text_of(nik_name);
        if (nik_text.empty())
            continue;
        std::optional<Date> declared_birth = parse_iso_date(text_of(birth_name));
        std::optional<Sex> declared_sex = parse_sex(text_of(sex_name));
        auto checked = check_nik(nik_text, { .today = m_context.today, .regions = nullptr, .declared_birth_date = declared_birth,
                                               .declared_sex = declared_sex });
        if (!checked.valid)
            continue;
        for (auto& each : checked.warnings) {
            if (each.code != "nik.birth_date_mismatch" && each.code != "nik.sex_mismatch")
                continue;
            issue(rule.severity, place.path + nik_name, rule.code.empty() ? each.code : rule.code,
                rule.message.empty() ? each.message : rule.message);
        }
        if (birth_field && !birth_field->required && !declared_birth && checked.birth_date && !failed(place.path + birth_name))
            row[birth_name] = to_iso(*checked.birth_date);
        if (sex_field && !sex_field->required && !declared_sex && checked.sex && !failed(place.path + sex_name))
            row[sex_name] = std::string(1, sex_letter(*checked.sex));
    }
}

void FormChecker::document_equals(RuleDefinition const& rule)
{
    DocumentDefinition const* document = m_definition.find_document(param(rule, "document"));
    if (!document || !m_check.documents.contains(document->id))
        return;
    std::string const field = param(rule, "field");
    check_equals(*document, field.empty() ? document->equals : field, m_check.documents[document->id],
        rule.code.empty() ? std::nullopt : std::optional(rule.code), rule.message.empty() ? std::nullopt : std::optional(rule.message),
        rule.severity);
}

// A minimum age on the day of intake, with the office's own (a setting)
// when it has one, unless another field says otherwise (UU 24/2013 Pasal
// 63: 17, or younger when married or ever married).
void FormChecker::min_age(RuleDefinition const& rule)
{
    std::string const field_path = param(rule, "field");
    FieldRef const ref = resolve(field_path);
    if (!ref.group || !ref.field)
        return;
    auto const years = to_int(param(rule, "years"));
    int minimum = years.value_or(0);
    if (std::string const setting = param(rule, "setting"); !setting.empty())
        if (auto found = m_context.settings.find(setting); found != m_context.settings.end())
            minimum = found->second;
    std::string const unless_field = param(rule, "unless_field");
    std::string const unless_name = unless_field.substr(unless_field.find('.') + 1);
    auto const unless_values = split_list(param(rule, "unless_values"));
    for (auto& place : places(*ref.group)) {
        OrderedJson& row = *place.object;
        auto const birth = parse_iso_date(row.value(ref.field->name, std::string()));
        if (!birth)
            continue;
        if (!unless_field.empty()) {
            if (failed(place.path + unless_name))
                continue;
            std::string const other = row.value(unless_name, std::string());
            if (std::find(unless_values.begin(), unless_values.end(), other) != unless_values.end())
                continue;
        }
        int const age = age_on(*birth, m_context.today);
        if (age >= minimum)
            continue;
        std::string const office_note = years && minimum != *years
            ? fill(param(rule, "office_note"), { { "min", std::to_string(minimum) }, { "min_age", std::to_string(minimum) } })
            : "";
        std::map<std::string, std::string> const values { { "age", std::to_string(age) }, { "years", std::to_string(years.value_or(minimum)) },
            { "min", std::to_string(minimum) }, { "min_age", std::to_string(minimum) }, { "office_note", office_note },
            { "label", ref.field->label } };
        issue(rule.severity, place.path + ref.field->name, code_of(rule, "{group}.underage", ref.group),
            fill(rule.message.empty() ? "Umur {age} tahun, kurang dari umur minimal {min} tahun{office_note}." : rule.message, values));
    }
}

// How old a document may be (a Surat Pengantar of three months is a local
// custom, hence an office setting when the office has one).
void FormChecker::document_max_age(RuleDefinition const& rule)
{
    DocumentDefinition const* document = m_definition.find_document(param(rule, "document"));
    if (!document || !m_check.documents.contains(document->id))
        return;
    auto const issued = parse_iso_date(m_check.documents[document->id].value("date", std::string()));
    if (!issued)
        return;
    int limit = to_int(param(rule, "days")).value_or(0);
    if (std::string const setting = param(rule, "setting"); !setting.empty())
        if (auto found = m_context.settings.find(setting); found != m_context.settings.end())
            limit = found->second;
    auto const days_old = to_days(m_context.today) - to_days(*issued);
    if (limit <= 0 || days_old <= limit)
        return;
    std::map<std::string, std::string> const values { { "document", document->label }, { "label", document->label },
        { "date", format_date_id(*issued) }, { "age", std::to_string(days_old) }, { "days_old", std::to_string(days_old) },
        { "days", std::to_string(limit) } };
    issue(rule.severity, document_path(document->id, "date"), rule.code.empty() ? "document.expired" : rule.code,
        fill(rule.message.empty() ? "{document} bertanggal {date}, sudah {age} hari; kantor ini menerima paling lama {days} hari." : rule.message,
            values));
}

// Exactly one row whose field has the value (or any value): one Kepala
// Keluarga in a family.
void FormChecker::one_row_with(RuleDefinition const& rule)
{
    InputGroup const* group = m_definition.form.find_group(param(rule, "group"));
    std::string const field_name = param(rule, "field");
    InputField const* field = group ? m_definition.form.find_field(group->id + "." + field_name) : nullptr;
    if (!group || !field)
        return;
    std::string const wanted = param(rule, "value");
    std::string shown = wanted;
    auto const options = field_options(*field);
    if (InputOption const* option = find_option(options, wanted)) {
        shown = option->label;
        std::string const id = option->id;
        int count = 0;
        for (auto& place : places(*group))
            count += place.object->value(field_name, std::string()) == id ? 1 : 0;
        if (count == 1)
            return;
        issue(rule.severity, group->id, code_of(rule, "{group}.one_row_with", group),
            fill(rule.message.empty() ? "{group} harus berisi tepat satu baris dengan {field} {value}; ada {count}." : rule.message,
                { { "group", group->label }, { "field", field->label }, { "value", shown }, { "count", std::to_string(count) } }));
        return;
    }
    int count = 0;
    for (auto& place : places(*group))
        count += place.object->value(field_name, std::string()).empty() ? 0 : 1;
    if (count == 1)
        return;
    issue(rule.severity, group->id, code_of(rule, "{group}.one_row_with", group),
        fill(rule.message.empty() ? "{group} harus berisi tepat satu baris dengan {field} terisi; ada {count}." : rule.message,
            { { "group", group->label }, { "field", field->label }, { "value", shown }, { "count", std::to_string(count) } }));
}

// A date not after today (not_future), or at most `days` ago (max_days_ago:
// a birth reported late).
void FormChecker::date_rule(RuleDefinition const& rule, bool not_future)
{
    std::string const field_path = param(rule, "field");
    FieldRef const ref = resolve(field_path);
    auto check = [&](std::string const& path, std::string const& label, std::string const& text, InputGroup const* group) {
        auto const date = parse_iso_date(text);
        if (!date)
            return;
        std::int64_t const days_ago = to_days(m_context.today) - to_days(*date);
        std::map<std::string, std::string> values { { "label", label }, { "date", format_date_id(*date) },
            { "today", format_date_id(m_context.today) }, { "age", std::to_string(days_ago) }, { "days", param(rule, "days") } };
        if (not_future && *date > m_context.today)
            issue(rule.severity, path, code_of(rule, "date.future", group),
                fill(rule.message.empty() ? "{label} {date} sesudah hari ini ({today})." : rule.message, values));
        auto limit = to_int(param(rule, "days"));
        if (std::string const setting = param(rule, "setting"); !setting.empty())
            if (auto found = m_context.settings.find(setting); found != m_context.settings.end())
                limit = found->second;
        values["days"] = limit ? std::to_string(*limit) : std::string();
        if (!not_future && limit && *limit > 0 && days_ago > *limit)
            issue(rule.severity, path, code_of(rule, "date.late", group),
                fill(rule.message.empty() ? "{label} {date} sudah {age} hari yang lalu, lebih dari {days} hari." : rule.message, values));
    };
    if (ref.document) {
        if (m_check.documents.contains(ref.document->id))
            check(document_path(ref.document->id, ref.part), ref.document->label, m_check.documents[ref.document->id].value(ref.part, std::string()),
                nullptr);
        return;
    }
    if (!ref.group || !ref.field)
        return;
    for (auto& place : places(*ref.group))
        check(place.path + ref.field->name, ref.field->label, place.object->value(ref.field->name, std::string()), ref.group);
}

// The class of a move from the codes of where from and where to, as the
// Surat Keterangan Pindah classifies it; stored, never typed.
void FormChecker::derive_move_class(RuleDefinition const& rule)
{
    std::string const into = param(rule, "into");
    auto const dot = into.find('.');
    if (dot == std::string::npos)
        return;
    std::string const group_id = into.substr(0, dot);
    if (!m_check.values.contains(group_id) || !m_check.values[group_id].is_object())
        return;
    std::string const from = m_check.value(param(rule, "from"));
    std::string const to = m_check.value(param(rule, "to"));
    std::string derived;
    if (!from.empty() && !to.empty()) {
        auto same = [&](std::size_t length) { return from.size() >= length && to.size() >= length && from.compare(0, length, to, 0, length) == 0; };
        // Dotted codes: province "63", regency "63.05", district "63.05.06", village "63.05.06.2004".
        derived = from == to && from.size() == 13 ? "dalam desa"
            : same(8)                             ? "antar desa"
            : same(5)                             ? "antar kecamatan"
            : same(2)                             ? "antar kabupaten"
                                                  : "antar provinsi";
    }
    m_check.values[group_id][into.substr(dot + 1)] = derived;
}

// Fields that together may not equal others: a move's destination (village,
// street, RT, RW) is not where the person lives already. Compared as
// checked, ignoring case; a field refused on its own is not compared again.
void FormChecker::differs_from(RuleDefinition const& rule)
{
    auto const fields = split_commas(param(rule, "field"));
    auto const others = split_commas(param(rule, "other"));
    if (fields.empty() || fields.size() != others.size())
        return;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (failed(fields[i]) || failed(others[i]))
            return;
        if (lower(collapse_spaces(m_check.value(fields[i]))) != lower(collapse_spaces(m_check.value(others[i]))))
            return;
    }
    auto label = [&](std::string const& path) {
        InputField const* field = m_definition.form.find_field(path);
        return field ? field->label : path;
    };
    InputGroup const* group = m_definition.form.find_group(fields.front().substr(0, fields.front().find('.')));
    issue(rule.severity, fields.front(), code_of(rule, "{group}.same_as_other", group),
        fill(rule.message.empty() ? "{field} sama dengan {other}; isi yang berbeda." : rule.message,
            { { "field", label(fields.front()) }, { "other", label(others.front()) } }));
}

void FormChecker::apply(RuleDefinition const& rule)
{
    if (rule.check == "nik_matches_person")
        nik_matches_person(rule);
    else if (rule.check == "document_equals")
        document_equals(rule);
    else if (rule.check == "min_age")
        min_age(rule);
    else if (rule.check == "document_max_age")
        document_max_age(rule);
    else if (rule.check == "one_row_with")
        one_row_with(rule);
    else if (rule.check == "not_future")
        date_rule(rule, true);
    else if (rule.check == "max_days_ago")
        date_rule(rule, false);
    else if (rule.check == "derive_move_class")
        derive_move_class(rule);
    else if (rule.check == "differs_from")
        differs_from(rule);
}

FormCheck FormChecker::run(Json const& input)
{
    for (auto const& group : m_definition.form.groups) {
        if (group.kind == GroupKind::Rows)
            check_rows(group, input);
        else
            check_group(group, input);
    }
    check_documents(input);
    for (auto const& rule : m_definition.rules)
        apply(rule);
    return std::move(m_check);
}

FormCheck check_form(SopDefinition const& definition, nlohmann::json const& input, FormContext const& context)
{
    return FormChecker(definition, context).run(input);
}

std::vector<RuleSpec> const& rule_specs()
{
    static std::vector<RuleSpec> const specs {
        { .check = "nik_matches_person",
            .params = { { "group", true, "the person's group: \"applicant\", or a rows group for each row" },
                { "nik", false, "the NIK's field name in the group; \"nik\" when not given" },
                { "birth_date", false, "the birth date's field name; \"birth_date\"" }, { "sex", false, "the sex's field name; \"sex\"" } },
            .default_code = "nik.birth_date_mismatch / nik.sex_mismatch",
            .default_message = "check_nik's",
            .placeholders = {} },
        { .check = "document_equals",
            .params = { { "document", true, "the document's id" },
                { "field", false, "the field its number equals: \"applicant.kk\"; the document's `equals` when not given" } },
            .default_code = "document.FIELD_mismatch",
            .default_message = "Nomor {document} berbeda dengan {field} pemohon; periksa kembali keduanya.",
            .placeholders = { "{document}", "{field}" } },
        { .check = "min_age",
            .params = { { "field", true, "the birth date: \"applicant.birth_date\"" }, { "years", true, "the age, in whole years" },
                { "setting", false, "an office setting that replaces `years`: \"min_recording_age\"" },
                { "unless_field", false, "a field whose value excuses the age: \"applicant.marital_status\"" },
                { "unless_values", false, "those values, comma-separated: \"Kawin, Cerai Hidup, Cerai Mati\"" },
                { "office_note", false, "text for {office_note} when the office's age is not `years`, with {min}" } },
            .default_code = "{group}.underage",
            .default_message = "Umur {age} tahun, kurang dari umur minimal {min} tahun{office_note}.",
            .placeholders = { "{age}", "{years}", "{min}", "{min_age}", "{office_note}", "{label}" } },
        { .check = "document_max_age",
            .params = { { "document", true, "the document's id; its date is recorded" }, { "days", false, "the most days old" },
                { "setting", false, "an office setting that replaces `days`" } },
            .default_code = "document.expired",
            .default_message = "{document} bertanggal {date}, sudah {age} hari; kantor ini menerima paling lama {days} hari.",
            .placeholders = { "{document}", "{label}", "{date}", "{age}", "{days_old}", "{days}" } },
        { .check = "one_row_with",
            .params = { { "group", true, "a rows group" }, { "field", true, "a field of its rows" },
                { "value", false, "the value; any value when not given" } },
            .default_code = "{group}.one_row_with",
            .default_message = "{group} harus berisi tepat satu baris dengan {field} {value}; ada {count}.",
            .placeholders = { "{group}", "{field}", "{value}", "{count}" } },
        { .check = "not_future",
            .params = { { "field", true, "a date field, or a document's \"documents.ID.date\"" } },
            .default_code = "date.future",
            .default_message = "{label} {date} sesudah hari ini ({today}).",
            .placeholders = { "{label}", "{date}", "{today}" } },
        { .check = "max_days_ago",
            .params = { { "field", true, "a date field" }, { "days", true, "the most days ago" },
                { "setting", false, "an office setting that replaces `days`" } },
            .default_code = "date.late",
            .default_message = "{label} {date} sudah {age} hari yang lalu, lebih dari {days} hari.",
            .placeholders = { "{label}", "{date}", "{today}", "{age}", "{days}" } },
        { .check = "derive_move_class",
            .params = { { "from", true, "a region or village field: where from" }, { "to", true, "a region or village field: where to" },
                { "into", true, "where the class is stored, \"GROUP.NAME\", not a declared field" } },
            .default_code = "",
            .default_message = "",
            .placeholders = {} },
        { .check = "differs_from",
            .params = { { "field", true, "fields, comma-separated: \"tujuan.village_code, tujuan.address\"; the finding names the first" },
                { "other", true, "as many fields, in the same order, that they may not all equal: \"applicant.village_code, applicant.address\"" } },
            .default_code = "{group}.same_as_other",
            .default_message = "{field} sama dengan {other}; isi yang berbeda.",
            .placeholders = { "{field}", "{other}" } },
    };
    return specs;
}

RuleSpec const* find_rule_spec(std::string_view check)
{
    for (auto const& spec : rule_specs())
        if (spec.check == check)
            return &spec;
    return nullptr;
}

}
