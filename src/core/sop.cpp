#include "core/sop.hpp"

#include "core/text.hpp"

#include <toml.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <set>
#include <sstream>

namespace sopir {

std::string_view to_string(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return "text";
    case FieldType::LongText:
        return "long_text";
    case FieldType::Date:
        return "date";
    case FieldType::Number:
        return "number";
    case FieldType::Bool:
        return "bool";
    case FieldType::Enum:
        return "enum";
    case FieldType::Checklist:
        return "checklist";
    }
    return "text";
}

std::optional<FieldType> parse_field_type(std::string_view text)
{
    for (auto type : { FieldType::Text, FieldType::LongText, FieldType::Date, FieldType::Number,
             FieldType::Bool, FieldType::Enum, FieldType::Checklist }) {
        if (to_string(type) == text)
            return type;
    }
    return std::nullopt;
}

std::string_view to_string(StateKind kind)
{
    switch (kind) {
    case StateKind::Step:
        return "step";
    case StateKind::Returned:
        return "returned";
    case StateKind::Held:
        return "held";
    case StateKind::End:
        return "end";
    case StateKind::Cancelled:
        return "cancelled";
    case StateKind::External:
        return "external";
    }
    return "step";
}

template<typename T>
static T const* find_by_id(std::vector<T> const& items, std::string_view id)
{
    for (auto const& item : items) {
        if (item.id == id)
            return &item;
    }
    return nullptr;
}

RoleDefinition const* SopDefinition::find_role(std::string_view id) const
{
    return find_by_id(roles, id);
}
DocumentDefinition const* SopDefinition::find_document(std::string_view id) const
{
    return find_by_id(documents, id);
}
RegisterDefinition const* SopDefinition::find_register(std::string_view id) const
{
    return find_by_id(registers, id);
}
StepDefinition const* SopDefinition::find_step(std::string_view id) const
{
    return find_by_id(steps, id);
}
StateDefinition const* SopDefinition::find_state(std::string_view id) const
{
    return find_by_id(states, id);
}

std::vector<std::string> SopDefinition::open_states() const
{
    std::vector<std::string> out;
    for (auto const& step : steps)
        out.push_back(step.id);
    for (auto const& state : states)
        if (!is_closed(state.kind))
            out.push_back(state.id);
    return out;
}

std::optional<StateKind> SopDefinition::state_kind(std::string_view state) const
{
    if (find_step(state))
        return StateKind::Step;
    if (auto const* special = find_state(state))
        return special->kind;
    return std::nullopt;
}

std::string SopDefinition::state_label(std::string_view state) const
{
    if (auto const* step = find_step(state))
        return step->title;
    if (auto const* special = find_state(state))
        return special->label;
    return std::string(state);
}

std::string SopDefinition::role_title(std::string_view role) const
{
    if (auto const* found = find_role(role))
        return found->title;
    return std::string(role);
}

std::vector<ActionDefinition> const* SopDefinition::actions_in(std::string_view state) const
{
    if (auto const* step = find_step(state))
        return &step->actions;
    if (auto const* special = find_state(state))
        return &special->actions;
    return nullptr;
}

ActionDefinition const* SopDefinition::find_action(std::string_view state, std::string_view action) const
{
    auto const* actions = actions_in(state);
    return actions ? find_by_id(*actions, action) : nullptr;
}

int total_standard_minutes(SopDefinition const& definition)
{
    int total = 0;
    for (auto const& step : definition.steps)
        total += step.standard_minutes;
    return total;
}

std::string to_string(SopDiagnostic const& diagnostic)
{
    if (diagnostic.line <= 0)
        return diagnostic.file + ": " + diagnostic.message;
    return diagnostic.file + ":" + std::to_string(diagnostic.line) + ": " + diagnostic.message;
}

namespace {

    // toml11 parses arrays, inline tables and dotted keys recursively, so a few
    // thousand nested brackets overflow the stack. No SOP needs more than a
    // handful of levels; deeper input is refused before toml11 sees it.
    constexpr int k_max_nesting = 32;
    constexpr int k_max_dots_per_line = 64;
    // A definition is a few kilobytes; this bound keeps a stray binary file from
    // being parsed at all.
    constexpr std::size_t k_max_definition_bytes = 1024 * 1024;
    // A definition is one page of a paper SOP; these bounds stop a typo from
    // producing a definition no screen can show, and bound the checks' work.
    constexpr std::size_t k_max_items = 200;
    constexpr std::int64_t k_max_standard_minutes = 60 * 24 * 30;

    enum class Presence {
        Required,
        Optional,
    };

    struct Diagnostics {
        std::string file;
        std::vector<SopDiagnostic> list;

        void add(int line, std::string message) { list.push_back({ file, line, std::move(message) }); }
    };

    int line_of(toml::value const& value)
    {
        return static_cast<int>(value.location().line());
    }

    // Text toml11 must not be given, and where it is.
    struct TextProblem {
        int line { 0 };
        std::string message;
    };

    // Finds nesting deeper than toml11 can parse safely, skipping strings and
    // comments so that brackets in text do not count.
    std::optional<TextProblem> find_nesting_problem(std::string_view text)
    {
        enum class Mode {
            Normal,
            Comment,
            Basic,
            Literal,
            MultiBasic,
            MultiLiteral,
        };
        Mode mode = Mode::Normal;
        int depth = 0;
        int line = 1;
        int dots = 0;
        auto starts = [&](std::size_t i, std::string_view what) { return text.substr(i, what.size()) == what; };
        for (std::size_t i = 0; i < text.size(); ++i) {
            char const c = text[i];
            if (c == '\n') {
                ++line;
                dots = 0;
            }
            switch (mode) {
            case Mode::Normal:
                if (c == '#') {
                    mode = Mode::Comment;
                } else if (c == '"') {
                    mode = starts(i, "\"\"\"") ? Mode::MultiBasic : Mode::Basic;
                    if (mode == Mode::MultiBasic)
                        i += 2;
                } else if (c == '\'') {
                    mode = starts(i, "'''") ? Mode::MultiLiteral : Mode::Literal;
                    if (mode == Mode::MultiLiteral)
                        i += 2;
                } else if (c == '[' || c == '{') {
                    if (++depth > k_max_nesting)
                        return TextProblem { line, "sintaks TOML: lebih dari " + std::to_string(k_max_nesting) + " tingkat kurung bersarang" };
                } else if (c == ']' || c == '}') {
                    depth = std::max(0, depth - 1);
                } else if (c == '.') {
                    if (++dots > k_max_dots_per_line)
                        return TextProblem { line, "sintaks TOML: kunci bertitik terlalu dalam (lebih dari " + std::to_string(k_max_dots_per_line) + " titik dalam satu baris)" };
                }
                break;
            case Mode::Comment:
                if (c == '\n')
                    mode = Mode::Normal;
                break;
            case Mode::Basic:
                if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n')
                    ++i;
                else if (c == '"' || c == '\n')
                    mode = Mode::Normal;
                break;
            case Mode::Literal:
                if (c == '\'' || c == '\n')
                    mode = Mode::Normal;
                break;
            case Mode::MultiBasic:
                if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
                    ++i;
                } else if (starts(i, "\"\"\"")) {
                    mode = Mode::Normal;
                    i += 2;
                }
                break;
            case Mode::MultiLiteral:
                if (starts(i, "'''")) {
                    mode = Mode::Normal;
                    i += 2;
                }
                break;
            }
        }
        return std::nullopt;
    }

    // TOML documents are UTF-8 (TOML 1.0). toml11 3.7 checks that itself, but
    // on a literal string ('…') with a bad sequence it rewinds an iterator
    // into the wrong buffer and reads past it (found by fuzz_sop), so bad
    // UTF-8 is refused before toml11 sees it. Well-formed as RFC 3629 says:
    // no overlong forms, no surrogates, nothing above U+10FFFF.
    std::optional<TextProblem> find_invalid_utf8(std::string_view text)
    {
        int line = 1;
        std::size_t i = 0;
        auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
        while (i < text.size()) {
            unsigned char const lead = byte(i);
            std::size_t length = 0;
            unsigned char low = 0x80;
            unsigned char high = 0xBF;
            if (lead < 0x80) {
                length = 1;
            } else if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                low = lead == 0xE0 ? 0xA0 : 0x80;
                high = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                low = lead == 0xF0 ? 0x90 : 0x80;
                high = lead == 0xF4 ? 0x8F : 0xBF;
            }
            bool valid = length > 0 && i + length <= text.size();
            for (std::size_t k = 1; valid && k < length; ++k) {
                unsigned char const next = byte(i + k);
                valid = k == 1 ? next >= low && next <= high : next >= 0x80 && next <= 0xBF;
            }
            if (!valid)
                return TextProblem { line, "berkas SOP bukan teks UTF-8 yang sah" };
            if (lead == '\n')
                ++line;
            i += length;
        }
        return std::nullopt;
    }

    // toml11's messages start "[error] toml::parse_array: …" and go on with a
    // picture of the line; the diagnostic keeps the reason and our own line.
    // toml11's message pictures the lines at fault (" 3 | created = …"); the
    // last one pictured is where the error is. Its location() is not always
    // set (an impossible date is reported at line 1), so the picture wins.
    int toml_error_line(toml::exception const& error)
    {
        int line = static_cast<int>(error.location().line());
        std::istringstream picture { std::string(error.what() ? error.what() : "") };
        std::string text;
        while (std::getline(picture, text)) {
            auto const digits = text.find_first_not_of(' ');
            if (digits == std::string::npos || text[digits] < '0' || text[digits] > '9')
                continue;
            auto const end = text.find_first_not_of("0123456789", digits);
            if (end == std::string::npos || text.compare(end, 2, " |") != 0 || end - digits > 9)
                continue;
            line = std::stoi(text.substr(digits, end - digits));
        }
        return line;
    }

    std::string toml_reason(char const* what)
    {
        std::string text = what ? what : "";
        text = text.substr(0, text.find('\n'));
        if (text.rfind("[error] ", 0) == 0)
            text.erase(0, 8);
        if (text.rfind("toml::", 0) == 0) {
            if (auto colon = text.find(": "); colon != std::string::npos)
                text.erase(0, colon + 2);
        }
        return text.empty() ? "tidak dapat diurai" : text;
    }

    bool is_valid_id(std::string_view id)
    {
        if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z')
            return false;
        return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
    }

    // A SOP id doubles as a file name and a URL segment: "perekaman-ektp".
    bool is_valid_sop_id(std::string_view id)
    {
        if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z' || id.back() == '-')
            return false;
        return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
    }

    std::string trim(std::string_view text)
    {
        auto const first = text.find_first_not_of(" \t\r\n");
        if (first == std::string_view::npos)
            return {};
        auto const last = text.find_last_not_of(" \t\r\n");
        return std::string(text.substr(first, last - first + 1));
    }

    std::string in(std::string const& where)
    {
        return where.empty() ? std::string() : " di " + where;
    }

    // A rows group's limit: no family or list of witnesses comes near it.
    constexpr std::size_t k_max_rows = 200;
    constexpr std::size_t k_max_field_length = 10000;

    // Group ids are keys of the request body and names in letters'
    // placeholders beside these.
    bool is_reserved_group_id(std::string_view id)
    {
        for (std::string_view reserved : { "documents", "service", "confirm_duplicate", "office", "case", "step", "letter", "whatsapp" })
            if (id == reserved)
                return true;
        return false;
    }

    // The person's fields a person group starts with (GroupKind::Person),
    // labelled as intake's messages name them ("Nama wajib diisi.").
    std::vector<InputField> person_fields()
    {
        auto field = [](char const* name, char const* label, InputType type, std::optional<int> max_length) {
            InputField made;
            made.name = name;
            made.label = label;
            made.type = type;
            made.required = true;
            made.max_length = max_length;
            return made;
        };
        std::vector<InputField> fields {
            field("nik", "NIK", InputType::Nik, std::nullopt),
            field("name", "Nama", InputType::Name, 100),
            field("birth_place", "Tempat lahir", InputType::Text, 100),
            field("birth_date", "Tanggal lahir", InputType::Date, std::nullopt),
            field("sex", "Jenis kelamin", InputType::Select, std::nullopt),
        };
        fields[0].help = "16 digit.";
        fields[4].vocabulary = "sex";
        return fields;
    }

    std::string input_type_names()
    {
        std::string names;
        for (auto type : { InputType::Text, InputType::Textarea, InputType::Name, InputType::Integer, InputType::Date, InputType::Time,
                 InputType::Select, InputType::Nik, InputType::Kk, InputType::Phone, InputType::RtRw, InputType::Village, InputType::Region })
            names += (names.empty() ? "" : ", ") + std::string(to_string(type));
        return names;
    }

    // The named vocabularies a select field may use. The intake check
    // resolves them into options; this is the one list of their names the
    // loader knows until core/vocabularies.hpp lists them itself.
    constexpr std::array<std::string_view, 10> k_vocabularies {
        "religions", "marital_statuses", "sex", "shdk", "education", "occupations", "blood_types", "move_reasons", "move_kinds", "citizenships",
    };

    bool is_known_vocabulary(std::string_view name)
    {
        return std::find(k_vocabularies.begin(), k_vocabularies.end(), name) != k_vocabularies.end();
    }

    std::string vocabulary_names()
    {
        std::string names;
        for (auto name : k_vocabularies)
            names += (names.empty() ? "" : ", ") + std::string(name);
        return names;
    }

    std::optional<RegionLevel> parse_region_level(std::string_view text)
    {
        for (auto level : { RegionLevel::Province, RegionLevel::Regency, RegionLevel::District, RegionLevel::Village })
            if (to_string(level) == text)
                return level;
        return std::nullopt;
    }

    // An issue code: "applicant.underage", "document.expired".
    bool is_valid_code(std::string_view code)
    {
        if (code.empty() || code.size() > 64 || code[0] < 'a' || code[0] > 'z')
            return false;
        return std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'; });
    }

    std::string_view trim_view(std::string_view text)
    {
        auto const first = text.find_first_not_of(" \t");
        if (first == std::string_view::npos)
            return {};
        return text.substr(first, text.find_last_not_of(" \t") - first + 1);
    }

    // What a rule's parameter names, so that the loader can check it.
    enum class ParamKind {
        Text,
        Integer,   // Whole number, 0 or more.
        Setting,   // The name of an office setting that overrides a number.
        Group,              // A form group.
        RowsGroup,          // A rows group.
        GroupField,         // A field of the rule's `group`, by its name: "shdk".
        Document,           // A [[documents]] id.
        Field,              // "GROUP.FIELD".
        DateField,          // The same, of type date.
        DateOrDocumentDate, // A date field, or a document's date: "documents.ID.date".
        FieldList,          // "GROUP.FIELD, GROUP.FIELD": fields of groups that are not rows.
    };

    struct ParamSpec {
        std::string_view name;
        ParamKind kind { ParamKind::Text };
        bool required { false };
    };

    struct CheckSpec {
        std::string_view name;
        std::array<ParamSpec, 6> params;

        ParamSpec const* find(std::string_view key) const
        {
            for (auto const& param : params)
                if (!param.name.empty() && param.name == key)
                    return &param;
            return nullptr;
        }

        std::string names() const
        {
            std::string out;
            for (auto const& param : params)
                if (!param.name.empty())
                    out += (out.empty() ? "" : ", ") + std::string(param.name);
            return out;
        }
    };

    // The checks the intake check knows, and their parameters, as its
    // rule_specs() (core/form_check.hpp) lists them: docs/sop-format.md,
    // [[rules]].
    constexpr std::array<CheckSpec, 9> k_checks { {
        { "nik_matches_person",
            { { { "group", ParamKind::Group, true }, { "nik", ParamKind::GroupField, false }, { "birth_date", ParamKind::GroupField, false },
                { "sex", ParamKind::GroupField, false } } } },
        { "document_equals", { { { "document", ParamKind::Document, true }, { "field", ParamKind::Field, true } } } },
        { "min_age",
            { { { "field", ParamKind::DateField, true }, { "years", ParamKind::Integer, true }, { "setting", ParamKind::Setting, false },
                { "unless_field", ParamKind::Field, false }, { "unless_values", ParamKind::Text, false }, { "office_note", ParamKind::Text, false } } } },
        { "document_max_age", { { { "document", ParamKind::Document, true }, { "days", ParamKind::Integer, false }, { "setting", ParamKind::Setting, false } } } },
        { "one_row_with", { { { "group", ParamKind::RowsGroup, true }, { "field", ParamKind::GroupField, true }, { "value", ParamKind::Text, false } } } },
        { "not_future", { { { "field", ParamKind::DateOrDocumentDate, true } } } },
        { "max_days_ago", { { { "field", ParamKind::DateField, true }, { "days", ParamKind::Integer, true } } } },
        { "derive_move_class", { { { "from", ParamKind::Field, true }, { "to", ParamKind::Field, true }, { "into", ParamKind::Text, true } } } },
        { "differs_from", { { { "field", ParamKind::FieldList, true }, { "other", ParamKind::FieldList, true } } } },
    } };

    CheckSpec const* find_check(std::string_view name)
    {
        for (auto const& check : k_checks)
            if (check.name == name)
                return &check;
        return nullptr;
    }

    std::string check_names()
    {
        std::string names;
        for (auto const& check : k_checks)
            names += (names.empty() ? "" : ", ") + std::string(check.name);
        return names;
    }

    // The modifiers a letter's placeholder may carry (letter_template.hpp).
    constexpr std::array<std::string_view, 6> k_modifiers { "upper", "title", "date", "date_words", "number_words", "sex" };

    bool is_known_modifier(std::string_view modifier)
    {
        return std::find(k_modifiers.begin(), k_modifiers.end(), modifier) != k_modifiers.end();
    }

    std::string modifier_names()
    {
        std::string names;
        for (auto name : k_modifiers)
            names += (names.empty() ? "" : ", ") + std::string(name);
        return names;
    }

    std::vector<std::string_view> split_dots(std::string_view name)
    {
        std::vector<std::string_view> parts;
        std::size_t start = 0;
        while (parts.size() < 8) {
            auto const dot = name.find('.', start);
            parts.push_back(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
            if (dot == std::string_view::npos)
                break;
            start = dot + 1;
        }
        return parts;
    }

    // A field of `group`, or the name the intake check stores beside a
    // village or region field: FIELD_name, and X_name for a field X_code
    // ("village_code" → "village_name").
    bool names_field(SopDefinition const& definition, InputGroup const& group, std::string_view name)
    {
        return names_group_value(definition, group, name);
    }

    // Whether a placeholder's name (without modifiers) is one the letter can
    // fill (docs/sop-format.md, [letter]; letter_template.hpp resolves them).
    bool placeholder_known(std::string_view name, SopDefinition const& definition, InputGroup const* rows)
    {
        if (name == "whatsapp")
            return true;
        auto const parts = split_dots(name);
        if (parts.size() == 2) {
            if (parts[0] == "office")
                return parts[1] == "name" || parts[1] == "regency" || parts[1] == "district";
            if (parts[0] == "case")
                return parts[1] == "registration_number" || parts[1] == "submitted_date";
            if (parts[0] == "letter")
                return parts[1] == "number";
            // A rows group's fields are a row's, inside that group's rows block.
            auto const* group = definition.form.find_group(parts[0]);
            return group && (group->kind != GroupKind::Rows || group == rows) && names_field(definition, *group, parts[1]);
        }
        if (parts.size() == 3 && parts[0] == "step")
            return parts[2] == "date" && definition.find_step(parts[1]);
        if (parts.size() == 3 && parts[0] == "documents") {
            auto const* document = definition.find_document(parts[1]);
            if (!document)
                return false;
            return (parts[2] == "number" && document->number) || (parts[2] == "date" && document->date) || (parts[2] == "valid_until" && document->valid_until);
        }
        return false;
    }

    template<typename T>
    struct Located {
        T value;
        toml::value const* source { nullptr };

        // Finding a value's line counts the newlines before it, so it is
        // done only for the values a diagnostic names.
        int line() const { return source ? line_of(*source) : 0; }
    };

    // Reads one TOML table, reporting missing keys, wrong types and, at the end,
    // keys it does not know (a misspelt "standart_minutes" would otherwise be
    // silently ignored).
    class TableReader {
    public:
        TableReader(toml::value const& value, std::string where, Diagnostics& diagnostics)
            : m_value(value)
            , m_where(std::move(where))
            , m_diagnostics(diagnostics)
        {
        }

        void set_where(std::string where) { m_where = std::move(where); }
        std::string const& where() const { return m_where; }
        int line() const { return line_of(m_value); }

        toml::value const* get(std::string const& key)
        {
            m_known.insert(key);
            if (!m_value.is_table())
                return nullptr;
            auto const& table = m_value.as_table();
            auto found = table.find(key);
            return found == table.end() ? nullptr : &found->second;
        }

        bool has(std::string const& key)
        {
            return get(key) != nullptr;
        }

        void missing(std::string const& key)
        {
            m_diagnostics.add(line(), "kunci wajib '" + key + "' tidak ada" + in(m_where));
        }

        void wrong_type(std::string const& key, toml::value const& value, std::string_view expected)
        {
            m_diagnostics.add(line_of(value), "'" + key + "'" + in(m_where) + " harus berupa " + std::string(expected));
        }

        std::optional<Located<std::string>> text(std::string const& key, Presence presence)
        {
            auto const* value = get(key);
            if (!value) {
                if (presence == Presence::Required)
                    missing(key);
                return std::nullopt;
            }
            if (!value->is_string()) {
                wrong_type(key, *value, "teks");
                return std::nullopt;
            }
            std::string text = trim(value->as_string().str);
            if (text.empty() && presence == Presence::Required) {
                m_diagnostics.add(line_of(*value), "'" + key + "'" + in(m_where) + " tidak boleh kosong");
                return std::nullopt;
            }
            return Located<std::string> { std::move(text), value };
        }

        std::optional<Located<std::string>> id(std::string const& key = "id")
        {
            auto text = this->text(key, Presence::Required);
            if (text && !is_valid_id(text->value)) {
                m_diagnostics.add(text->line(), "id '" + text->value + "'" + in(m_where) + " tidak sah: pakai huruf kecil, angka dan garis bawah, diawali huruf (misalnya kasi_pemerintahan)");
                return std::nullopt;
            }
            return text;
        }

        std::optional<Located<std::int64_t>> integer(std::string const& key)
        {
            auto const* value = get(key);
            if (!value)
                return std::nullopt;
            if (!value->is_integer()) {
                wrong_type(key, *value, "bilangan bulat");
                return std::nullopt;
            }
            return Located<std::int64_t> { value->as_integer(), value };
        }

        bool boolean(std::string const& key)
        {
            auto const* value = get(key);
            if (!value)
                return false;
            if (!value->is_boolean()) {
                wrong_type(key, *value, "true atau false");
                return false;
            }
            return value->as_boolean();
        }

        std::optional<Date> date(std::string const& key)
        {
            auto const* value = get(key);
            if (!value)
                return std::nullopt;
            if (!value->is_local_date()) {
                wrong_type(key, *value, "tanggal (YYYY-MM-DD, tanpa tanda kutip)");
                return std::nullopt;
            }
            auto const& date = value->as_local_date();
            // toml11 counts months from 0, and does not check the day.
            Date const result { date.year, date.month + 1, date.day };
            if (!is_valid_date(result.year, result.month, result.day)) {
                m_diagnostics.add(line_of(*value), "'" + key + "'" + in(m_where) + " bukan tanggal yang sah");
                return std::nullopt;
            }
            return result;
        }

        // A list of texts, each with its own line (the elements of a list that
        // spans lines are reported where they stand).
        std::vector<Located<std::string>> texts(std::string const& key, Presence presence)
        {
            std::vector<Located<std::string>> result;
            auto const* value = get(key);
            if (!value) {
                if (presence == Presence::Required)
                    missing(key);
                return result;
            }
            if (!value->is_array()) {
                wrong_type(key, *value, "daftar teks, misalnya [\"a\", \"b\"]");
                return result;
            }
            for (auto const& element : value->as_array()) {
                if (!element.is_string()) {
                    wrong_type(key, element, "daftar teks, misalnya [\"a\", \"b\"]");
                    continue;
                }
                result.push_back({ trim(element.as_string().str), &element });
            }
            if (result.empty() && presence == Presence::Required)
                m_diagnostics.add(line_of(*value), "'" + key + "'" + in(m_where) + " tidak boleh kosong");
            if (result.size() > k_max_items) {
                m_diagnostics.add(line_of(*value), "'" + key + "'" + in(m_where) + " terlalu panjang (lebih dari " + std::to_string(k_max_items) + ")");
                result.resize(k_max_items);
            }
            return result;
        }

        // An array of tables: [[steps]] or [{ id = …, label = … }, …].
        std::vector<toml::value const*> tables(std::string const& key, Presence presence)
        {
            std::vector<toml::value const*> result;
            auto const* value = get(key);
            if (!value) {
                if (presence == Presence::Required)
                    missing(key);
                return result;
            }
            // At the top level the hint can name the header to write.
            std::string const expected = m_where.empty() ? "daftar tabel ([[" + key + "]])" : std::string("daftar tabel");
            if (!value->is_array()) {
                wrong_type(key, *value, expected);
                return result;
            }
            for (auto const& element : value->as_array()) {
                if (!element.is_table()) {
                    wrong_type(key, element, expected);
                    continue;
                }
                result.push_back(&element);
            }
            if (result.empty() && presence == Presence::Required)
                m_diagnostics.add(line_of(*value), "'" + key + "'" + in(m_where) + " tidak boleh kosong");
            if (result.size() > k_max_items) {
                m_diagnostics.add(line_of(*value), "'" + key + "'" + in(m_where) + " terlalu panjang (lebih dari " + std::to_string(k_max_items) + ")");
                result.resize(k_max_items);
            }
            return result;
        }

        void report_unknown_keys()
        {
            if (!m_value.is_table())
                return;
            std::vector<std::pair<int, std::string>> unknown;
            for (auto const& [key, value] : m_value.as_table()) {
                if (!m_known.count(key))
                    unknown.push_back({ line_of(value), key });
            }
            std::sort(unknown.begin(), unknown.end());
            for (auto const& [line, key] : unknown)
                m_diagnostics.add(line, "kunci '" + key + "' tidak dikenal" + in(m_where));
        }

    private:
        toml::value const& m_value;
        std::string m_where;
        Diagnostics& m_diagnostics;
        std::set<std::string> m_known;
    };

    // Ids that must be unique within one scope; the second use is reported with
    // the line of the first.
    class IdScope {
    public:
        IdScope(std::string noun, Diagnostics& diagnostics)
            : m_noun(std::move(noun))
            , m_diagnostics(diagnostics)
        {
        }

        bool add(Located<std::string> const& id, std::string const& where = {})
        {
            auto [it, inserted] = m_first.emplace(id.value, id.source);
            if (!inserted) {
                int const first_line = it->second ? line_of(*it->second) : 0;
                m_diagnostics.add(id.line(), "id " + m_noun + " '" + id.value + "' ganda" + in(where) + " (pertama di baris " + std::to_string(first_line) + ")");
                return false;
            }
            return true;
        }

        bool contains(std::string const& id) const { return m_first.count(id) > 0; }

    private:
        std::string m_noun;
        Diagnostics& m_diagnostics;
        std::map<std::string, toml::value const*> m_first;
    };

    enum class ReferenceKind {
        Role,
        Document,
        Register,
        Target,
        Action,
    };

    // A name used before all names are known; checked once the whole file is read.
    struct Reference {
        ReferenceKind kind { ReferenceKind::Role };
        std::string id;
        toml::value const* source { nullptr };
        std::string where;

        int line() const { return source ? line_of(*source) : 0; }
    };

    class Loader {
    public:
        explicit Loader(Diagnostics& diagnostics)
            : m_diagnostics(diagnostics)
        {
        }

        SopDefinition load(toml::value const& root)
        {
            SopDefinition definition;
            TableReader reader(root, "", m_diagnostics);
            load_header(reader, definition);
            // The form comes first: documents, rules and the letter name its fields.
            definition.form = load_form(reader);
            IdScope document_ids("dokumen", m_diagnostics);
            load_documents(reader, definition, document_ids);
            m_documents = &definition.documents;
            IdScope role_ids("peran", m_diagnostics);
            load_role_list(reader, definition, role_ids);
            IdScope register_ids("register", m_diagnostics);
            load_registers(reader, definition, register_ids);
            load_steps_and_states(reader, definition);
            load_shared_actions(reader, definition);
            load_segregation(reader, definition);
            definition.rules = load_rules(reader, definition);
            definition.letter = load_letter(reader, definition);
            definition.standard = load_standard(reader);

            auto initial = reader.text("initial_step", Presence::Required);
            if (initial)
                definition.initial_step = initial->value;
            reader.report_unknown_keys();

            bool const targets_known = check_references(definition, role_ids, document_ids, register_ids);
            if (initial)
                check_initial_step(definition, *initial);
            // An action to nowhere would make everything after it look
            // unreachable or endless; that one mistake is reported alone.
            if (targets_known)
                check_graph(definition, reader.line());
            return definition;
        }

    private:
        // The top level's plain keys: id, title, [meta] and the SOP's lists.
        void load_header(TableReader& reader, SopDefinition& definition)
        {
            if (auto id = reader.text("id", Presence::Required)) {
                if (is_valid_sop_id(id->value))
                    definition.id = id->value;
                else
                    m_diagnostics.add(id->line(), "id SOP '" + id->value + "' tidak sah: pakai huruf kecil, angka dan tanda hubung (misalnya kartu-keluarga)");
            }
            if (auto title = reader.text("title", Presence::Required))
                definition.title = title->value;
            if (auto monthly = reader.integer("monthly_cases")) {
                if (monthly->value < 1 || monthly->value > 100000)
                    m_diagnostics.add(monthly->line(), "monthly_cases harus 1 sampai 100000, bukan " + std::to_string(monthly->value));
                else
                    definition.monthly_cases = static_cast<int>(monthly->value);
            }
            if (auto const* meta = reader.get("meta")) {
                if (meta->is_table())
                    definition.meta = load_meta(*meta);
                else
                    reader.wrong_type("meta", *meta, "tabel [meta]");
            }
            auto plain = [](std::vector<Located<std::string>> const& items) {
                std::vector<std::string> result;
                for (auto const& item : items)
                    result.push_back(item.value);
                return result;
            };
            definition.legal_basis = plain(reader.texts("legal_basis", Presence::Optional));
            definition.qualifications = plain(reader.texts("qualifications", Presence::Optional));
            definition.related = plain(reader.texts("related", Presence::Optional));
            definition.equipment = plain(reader.texts("equipment", Presence::Optional));
            definition.warnings = plain(reader.texts("warnings", Presence::Optional));
            definition.records = plain(reader.texts("records", Presence::Optional));
        }

        void load_role_list(TableReader& reader, SopDefinition& definition, IdScope& role_ids)
        {
            for (auto const* table : reader.tables("roles", Presence::Required)) {
                TableReader item(*table, "[[roles]]", m_diagnostics);
                auto id = item.id();
                if (id)
                    item.set_where("peran '" + id->value + "'");
                auto title = item.text("title", Presence::Required);
                bool const applicant = item.boolean("applicant");
                bool const reports = item.boolean("reports");
                item.report_unknown_keys();
                if (id && role_ids.add(*id))
                    definition.roles.push_back({ id->value, title ? title->value : id->value, item.line(), applicant, reports });
            }
        }

        void load_registers(TableReader& reader, SopDefinition& definition, IdScope& register_ids)
        {
            for (auto const* table : reader.tables("registers", Presence::Optional)) {
                TableReader item(*table, "[[registers]]", m_diagnostics);
                auto id = item.id();
                if (id)
                    item.set_where("register '" + id->value + "'");
                auto label = item.text("label", Presence::Required);
                auto title = item.text("title", Presence::Optional);
                RegisterKind kind = RegisterKind::Registration;
                if (auto text = item.text("kind", Presence::Required)) {
                    if (text->value == "registration")
                        kind = RegisterKind::Registration;
                    else if (text->value == "letter")
                        kind = RegisterKind::Letter;
                    else
                        m_diagnostics.add(text->line(), "jenis register '" + text->value + "'" + in(item.where()) + " tidak dikenal (pilih: registration, letter)");
                }
                item.report_unknown_keys();
                if (id && register_ids.add(*id))
                    definition.registers.push_back({ .id = id->value, .label = label ? label->value : id->value, .title = title ? title->value : std::string(), .kind = kind, .line = item.line() });
            }
        }

        // Steps and special states share one namespace: a case's state is
        // one of them.
        void load_steps_and_states(TableReader& reader, SopDefinition& definition)
        {
            IdScope state_ids("langkah/status", m_diagnostics);
            int index = 0;
            for (auto const* table : reader.tables("steps", Presence::Required)) {
                if (auto step = load_step(*table, ++index, state_ids))
                    definition.steps.push_back(std::move(*step));
            }
            index = 0;
            for (auto const* table : reader.tables("states", Presence::Optional)) {
                if (auto state = load_state(*table, ++index, state_ids))
                    definition.states.push_back(std::move(*state));
            }
        }

        void load_segregation(TableReader& reader, SopDefinition& definition)
        {
            for (auto const* table : reader.tables("segregation", Presence::Optional)) {
                TableReader item(*table, "[[segregation]]", m_diagnostics);
                SegregationRule rule;
                rule.line = item.line();
                std::set<std::string> seen;
                for (auto const& action : item.texts("actions", Presence::Required)) {
                    if (!seen.insert(action.value).second) {
                        m_diagnostics.add(action.line(), "aksi '" + action.value + "' disebut dua kali di [[segregation]]");
                        continue;
                    }
                    m_references.push_back({ ReferenceKind::Action, action.value, action.source, "[[segregation]]" });
                    rule.actions.push_back(action.value);
                }
                if (item.has("actions") && rule.actions.size() == 1)
                    m_diagnostics.add(rule.line, "[[segregation]] perlu sedikitnya dua aksi yang berbeda");
                if (auto reason = item.text("reason", Presence::Optional))
                    rule.reason = reason->value;
                item.report_unknown_keys();
                definition.segregation.push_back(std::move(rule));
            }
        }

        // [[documents]]: what the applicant brings and what intake records of
        // each. `equals` names a form field, so the form is read first;
        // `alternatives` may name documents declared after this one.
        void load_documents(TableReader& reader, SopDefinition& definition, IdScope& document_ids)
        {
            std::vector<std::vector<Located<std::string>>> alternatives;
            for (auto const* table : reader.tables("documents", Presence::Optional)) {
                TableReader item(*table, "[[documents]]", m_diagnostics);
                auto id = item.id();
                if (id)
                    item.set_where("dokumen '" + id->value + "'");
                auto label = item.text("label", Presence::Required);
                DocumentDefinition document { .id = id ? id->value : std::string(), .label = label ? label->value : std::string(), .line = item.line() };
                if (document.label.empty())
                    document.label = document.id;
                if (item.has("number"))
                    document.number = item.boolean("number");
                document.date = item.boolean("date");
                document.valid_until = item.boolean("valid_until");
                if (item.has("required"))
                    document.required = item.boolean("required");
                if (auto equals = item.text("equals", Presence::Optional); equals && !equals->value.empty()) {
                    document.equals = equals->value;
                    check_single_field(definition.form, *equals, "equals" + in(item.where()));
                    if (!document.number)
                        m_diagnostics.add(equals->line(), "equals" + in(item.where()) + " membandingkan nomor dokumen, tetapi nomornya tidak dicatat (number = false)");
                }
                auto others = item.texts("alternatives", Presence::Optional);
                item.report_unknown_keys();
                if (id && document_ids.add(*id)) {
                    for (auto const& other : others)
                        document.alternatives.push_back(other.value);
                    definition.documents.push_back(std::move(document));
                    alternatives.push_back(std::move(others));
                }
            }
            for (std::size_t i = 0; i < alternatives.size(); ++i) {
                for (auto const& other : alternatives[i]) {
                    if (other.value == definition.documents[i].id)
                        m_diagnostics.add(other.line(), "dokumen '" + other.value + "' tidak dapat menjadi pengganti dirinya sendiri (alternatives)");
                    else if (!document_ids.contains(other.value))
                        m_diagnostics.add(other.line(), "dokumen pengganti '" + other.value + "' di dokumen '" + definition.documents[i].id + "' tidak dikenal (alternatives)");
                }
            }
        }

        // A path "GROUP.FIELD" that must name one value: a field of a group
        // that is not a rows group.
        bool check_single_field(FormDefinition const& form, Located<std::string> const& path, std::string const& what)
        {
            auto const dot = path.value.find('.');
            InputGroup const* group = dot == std::string::npos ? nullptr : form.find_group(std::string_view(path.value).substr(0, dot));
            if (!form.find_field(path.value) || !group) {
                m_diagnostics.add(path.line(), what + ": '" + path.value + "' tidak menunjuk isian formulir mana pun (tulis KELOMPOK.ISIAN, misalnya applicant.kk)");
                return false;
            }
            if (group->kind == GroupKind::Rows) {
                m_diagnostics.add(path.line(), what + ": '" + path.value + "' adalah kolom kelompok berulang '" + group->id + "', bukan satu isian");
                return false;
            }
            return true;
        }

        // [[form]]: the intake form's groups, in the order the form shows them.
        FormDefinition load_form(TableReader& reader)
        {
            FormDefinition form;
            IdScope group_ids("kelompok isian", m_diagnostics);
            int index = 0;
            for (auto const* table : reader.tables("form", Presence::Optional)) {
                if (auto group = load_group(*table, ++index, group_ids))
                    form.groups.push_back(std::move(*group));
            }
            if (form.groups.empty())
                return form;
            // The case is filed under one person: worklists, registers and the
            // duplicate check read the subject's NIK and name.
            std::vector<InputGroup const*> subjects;
            for (auto const& group : form.groups)
                if (group.subject)
                    subjects.push_back(&group);
            if (subjects.empty())
                m_diagnostics.add(form.groups.front().line, "formulir tidak punya kelompok subjek: tandai satu kelompok dengan subject = true (kasus dicatat atas nama orang itu)");
            for (std::size_t i = 1; i < subjects.size(); ++i)
                m_diagnostics.add(subjects[i]->line, "kelompok isian '" + subjects[i]->id + "' juga ditandai subject = true; hanya satu kelompok yang boleh menjadi subjek (pertama: '" + subjects[0]->id + "')");
            return form;
        }

        std::optional<InputGroup> load_group(toml::value const& table, int index, IdScope& group_ids)
        {
            TableReader reader(table, "kelompok isian ke-" + std::to_string(index), m_diagnostics);
            InputGroup group;
            group.line = reader.line();
            auto id = reader.id();
            if (id) {
                group.id = id->value;
                reader.set_where("kelompok isian '" + group.id + "'");
                if (is_reserved_group_id(group.id)) {
                    m_diagnostics.add(id->line(), "id kelompok isian '" + group.id + "' sudah dipakai oleh permintaan atau surat; pilih nama lain");
                    id.reset();
                }
            }
            if (auto label = reader.text("label", Presence::Required))
                group.label = label->value;
            if (auto kind = reader.text("kind", Presence::Optional)) {
                if (kind->value == "person")
                    group.kind = GroupKind::Person;
                else if (kind->value == "rows")
                    group.kind = GroupKind::Rows;
                else if (kind->value != "fields")
                    m_diagnostics.add(kind->line(), "jenis kelompok '" + kind->value + "'" + in(reader.where()) + " tidak dikenal (pilih: fields, person, rows)");
            }
            group.subject = reader.boolean("subject");
            load_row_limits(reader, group);
            group.fields = load_input_fields(reader, group.kind);
            if (group.fields.empty() && id)
                m_diagnostics.add(group.line, "kelompok isian '" + group.id + "' tidak punya isian ([[form.fields]])");
            if (group.subject)
                check_subject(group);
            reader.report_unknown_keys();
            if (!id || !group_ids.add(*id))
                return std::nullopt;
            return group;
        }

        // min_rows and max_rows: only for a rows group; 0 rows at most means
        // no limit.
        void load_row_limits(TableReader& reader, InputGroup& group)
        {
            auto const min_rows = reader.integer("min_rows");
            auto const max_rows = reader.integer("max_rows");
            if (group.kind != GroupKind::Rows) {
                for (auto const* limit : { &min_rows, &max_rows })
                    if (*limit)
                        m_diagnostics.add((*limit)->line(), "min_rows/max_rows hanya untuk kelompok berulang (kind = \"rows\")" + in(reader.where()));
                return;
            }
            for (auto const* limit : { &min_rows, &max_rows }) {
                if (*limit && ((*limit)->value < 0 || (*limit)->value > static_cast<std::int64_t>(k_max_rows)))
                    m_diagnostics.add((*limit)->line(), "batas baris" + in(reader.where()) + " harus antara 0 dan " + std::to_string(k_max_rows));
            }
            if (min_rows && min_rows->value >= 0 && min_rows->value <= static_cast<std::int64_t>(k_max_rows))
                group.min_rows = static_cast<int>(min_rows->value);
            if (max_rows && max_rows->value >= 0 && max_rows->value <= static_cast<std::int64_t>(k_max_rows))
                group.max_rows = static_cast<int>(max_rows->value);
            if (group.max_rows > 0 && group.min_rows > group.max_rows)
                m_diagnostics.add(max_rows->line(), "min_rows (" + std::to_string(group.min_rows) + ") lebih besar dari max_rows (" + std::to_string(group.max_rows) + ")" + in(reader.where()));
        }

        void check_subject(InputGroup const& group)
        {
            if (group.kind == GroupKind::Rows) {
                m_diagnostics.add(group.line, "kelompok berulang '" + group.id + "' tidak dapat menjadi subjek (subject = true): subjek adalah satu orang");
                return;
            }
            for (auto const* needed : { "nik", "name" }) {
                bool const has = std::any_of(group.fields.begin(), group.fields.end(), [&](auto const& field) { return field.name == needed; });
                if (!has)
                    m_diagnostics.add(group.line, "kelompok subjek '" + group.id + "' perlu isian '" + needed + "' (atau kind = \"person\")");
            }
        }

        // [[form.fields]]. A person group starts with the person's fields; a
        // declared field of the same name overrides the keys it states and
        // takes its declared place, the others come first.
        std::vector<InputField> load_input_fields(TableReader& group, GroupKind kind)
        {
            std::vector<InputField> inherited = kind == GroupKind::Person ? person_fields() : std::vector<InputField> {};
            std::vector<InputField> declared;
            IdScope field_names("isian", m_diagnostics);
            for (auto const* table : group.tables("fields", Presence::Optional)) {
                TableReader reader(*table, "isian" + in(group.where()), m_diagnostics);
                auto name = reader.id("name");
                InputField const* base = nullptr;
                if (name) {
                    reader.set_where("isian '" + name->value + "'" + in(group.where()));
                    auto found = std::find_if(inherited.begin(), inherited.end(), [&](auto const& field) { return field.name == name->value; });
                    base = found == inherited.end() ? nullptr : &*found;
                }
                InputField field = load_input_field(reader, base);
                reader.report_unknown_keys();
                if (name && field_names.add(*name, group.where())) {
                    field.name = name->value;
                    declared.push_back(std::move(field));
                }
            }
            std::vector<InputField> fields;
            for (auto& field : inherited) {
                bool const overridden = std::any_of(declared.begin(), declared.end(), [&](auto const& each) { return each.name == field.name; });
                if (!overridden)
                    fields.push_back(std::move(field));
            }
            for (auto& field : declared)
                fields.push_back(std::move(field));
            return fields;
        }

        // One field; `base` is the person's field it overrides, whose keys
        // stand unless stated (and whose type must stay).
        InputField load_input_field(TableReader& reader, InputField const* base)
        {
            InputField field = base ? *base : InputField {};
            field.line = reader.line();
            Presence const presence = base ? Presence::Optional : Presence::Required;
            if (auto label = reader.text("label", presence); label && !label->value.empty())
                field.label = label->value;
            if (auto help = reader.text("help", Presence::Optional))
                field.help = help->value;
            if (auto example = reader.text("example", Presence::Optional))
                field.example = example->value;
            if (reader.has("required"))
                field.required = reader.boolean("required");
            bool type_known = base != nullptr;
            if (auto type = reader.text("type", presence); type && !type->value.empty()) {
                auto parsed = parse_input_type(type->value);
                type_known = parsed.has_value();
                if (!parsed)
                    m_diagnostics.add(type->line(), "jenis isian '" + type->value + "'" + in(reader.where()) + " tidak dikenal (pilih: " + input_type_names() + ")");
                else if (base && *parsed != base->type)
                    m_diagnostics.add(type->line(), "isian orang '" + base->name + "' harus tetap berjenis " + std::string(to_string(base->type)) + in(reader.where()));
                else
                    field.type = *parsed;
            }
            load_field_limits(reader, field, type_known);
            load_field_choices(reader, field, type_known);
            return field;
        }

        // max_length (text, textarea, name), min and max (integer).
        void load_field_limits(TableReader& reader, InputField& field, bool type_known)
        {
            bool const textual = field.type == InputType::Text || field.type == InputType::Textarea || field.type == InputType::Name;
            if (auto length = reader.integer("max_length")) {
                if (type_known && !textual)
                    m_diagnostics.add(length->line(), "max_length hanya untuk isian berjenis text, textarea atau name" + in(reader.where()));
                else if (length->value < 1 || length->value > static_cast<std::int64_t>(k_max_field_length))
                    m_diagnostics.add(length->line(), "max_length" + in(reader.where()) + " harus antara 1 dan " + std::to_string(k_max_field_length));
                else
                    field.max_length = static_cast<int>(length->value);
            }
            for (auto const* key : { "min", "max" }) {
                auto bound = reader.integer(key);
                if (!bound)
                    continue;
                if (type_known && field.type != InputType::Integer)
                    m_diagnostics.add(bound->line(), std::string(key) + " hanya untuk isian berjenis integer" + in(reader.where()));
                else
                    (std::string_view(key) == "min" ? field.min : field.max) = bound->value;
            }
            if (field.min && field.max && *field.min > *field.max)
                m_diagnostics.add(field.line, "min (" + std::to_string(*field.min) + ") lebih besar dari max (" + std::to_string(*field.max) + ")" + in(reader.where()));
        }

        // options or vocabulary (select), level (region).
        void load_field_choices(TableReader& reader, InputField& field, bool type_known)
        {
            bool const select = field.type == InputType::Select;
            // An unknown vocabulary is reported once, not also as no choices.
            bool const vocabulary_named = reader.has("vocabulary");
            if (auto const* options = reader.get("options")) {
                if (type_known && !select) {
                    m_diagnostics.add(line_of(*options), "options hanya untuk isian berjenis select" + in(reader.where()));
                } else {
                    field.options = load_input_options(*options, reader.where());
                    field.vocabulary.clear(); // A person's field given its own options.
                }
            }
            if (auto vocabulary = reader.text("vocabulary", Presence::Optional)) {
                if (type_known && !select) {
                    m_diagnostics.add(vocabulary->line(), "vocabulary hanya untuk isian berjenis select" + in(reader.where()));
                } else if (reader.has("options")) {
                    m_diagnostics.add(vocabulary->line(), reader.where() + " menyatakan options dan vocabulary sekaligus; pilih salah satu");
                } else if (!is_known_vocabulary(vocabulary->value)) {
                    m_diagnostics.add(vocabulary->line(), "kosakata '" + vocabulary->value + "'" + in(reader.where()) + " tidak dikenal (yang ada: " + vocabulary_names() + ")");
                } else {
                    field.vocabulary = vocabulary->value;
                    field.options.clear();
                }
            }
            if (type_known && select && field.options.empty() && field.vocabulary.empty() && !vocabulary_named)
                m_diagnostics.add(field.line, reader.where() + " berjenis select perlu pilihan (options atau vocabulary)");
            if (auto level = reader.text("level", Presence::Optional)) {
                auto parsed = parse_region_level(level->value);
                if (type_known && field.type != InputType::Region)
                    m_diagnostics.add(level->line(), "level hanya untuk isian berjenis region" + in(reader.where()));
                else if (!parsed)
                    m_diagnostics.add(level->line(), "level '" + level->value + "'" + in(reader.where()) + " tidak dikenal (pilih: province, regency, district, village)");
                else
                    field.level = *parsed;
            }
        }

        // Inline options: texts ("Islam": id and label alike) or tables
        // { id = "L", label = "Laki-laki", aliases = ["laki-laki"] }. An id is
        // what is stored, so it may be any text ("Belum Kawin").
        std::vector<InputOption> load_input_options(toml::value const& value, std::string const& where)
        {
            std::vector<InputOption> options;
            if (!value.is_array()) {
                m_diagnostics.add(line_of(value), "'options'" + in(where) + " harus berupa daftar");
                return options;
            }
            IdScope option_ids("pilihan", m_diagnostics);
            for (auto const& element : value.as_array()) {
                if (options.size() >= k_max_items) {
                    m_diagnostics.add(line_of(value), "'options'" + in(where) + " terlalu panjang (lebih dari " + std::to_string(k_max_items) + ")");
                    break;
                }
                if (element.is_string()) {
                    std::string text = trim(element.as_string().str);
                    if (text.empty())
                        m_diagnostics.add(line_of(element), "pilihan kosong" + in(where));
                    else if (option_ids.add({ text, &element }, where))
                        options.push_back({ text, text, {} });
                } else if (element.is_table()) {
                    TableReader reader(element, "pilihan" + in(where), m_diagnostics);
                    auto id = reader.text("id", Presence::Required);
                    auto label = reader.text("label", Presence::Optional);
                    InputOption option { id ? id->value : std::string(), label && !label->value.empty() ? label->value : (id ? id->value : std::string()), {} };
                    for (auto const& alias : reader.texts("aliases", Presence::Optional))
                        option.aliases.push_back(alias.value);
                    reader.report_unknown_keys();
                    if (id && option_ids.add(*id, where))
                        options.push_back(std::move(option));
                } else {
                    m_diagnostics.add(line_of(element), "pilihan" + in(where) + " harus berupa teks atau tabel { id, label, aliases }");
                }
            }
            return options;
        }

        // [[rules]]: the checks the core knows (k_checks), each chosen and
        // parameterised here; every key besides check, code, message and
        // severity is a parameter of the check, kept as text.
        std::vector<RuleDefinition> load_rules(TableReader& reader, SopDefinition const& definition)
        {
            std::vector<RuleDefinition> rules;
            int index = 0;
            for (auto const* table : reader.tables("rules", Presence::Optional)) {
                TableReader item(*table, "aturan ke-" + std::to_string(++index), m_diagnostics);
                RuleDefinition rule;
                rule.line = item.line();
                CheckSpec const* spec = nullptr;
                if (auto check = item.text("check", Presence::Required)) {
                    rule.check = check->value;
                    item.set_where("aturan '" + rule.check + "'");
                    spec = find_check(rule.check);
                    if (!spec)
                        m_diagnostics.add(check->line(), "cek '" + rule.check + "' tidak dikenal (yang ada: " + check_names() + ")");
                }
                if (auto code = item.text("code", Presence::Optional)) {
                    if (!code->value.empty() && !is_valid_code(code->value))
                        m_diagnostics.add(code->line(), "kode '" + code->value + "'" + in(item.where()) + " tidak sah: pakai huruf kecil, angka, titik dan garis bawah (misalnya applicant.underage)");
                    rule.code = code->value;
                }
                if (auto message = item.text("message", Presence::Optional))
                    rule.message = message->value;
                if (auto severity = item.text("severity", Presence::Optional)) {
                    if (severity->value == "warning")
                        rule.severity = Severity::Warning;
                    else if (severity->value != "error")
                        m_diagnostics.add(severity->line(), "severity '" + severity->value + "'" + in(item.where()) + " tidak dikenal (pilih: error, warning)");
                }
                if (spec)
                    load_rule_params(*table, item, *spec, rule, definition);
                else
                    for (auto const& [key, value] : table->as_table())
                        item.get(key); // Parameters of an unknown check are not reported again.
                item.report_unknown_keys();
                rules.push_back(std::move(rule));
            }
            return rules;
        }

        void load_rule_params(toml::value const& table, TableReader& item, CheckSpec const& spec, RuleDefinition& rule, SopDefinition const& definition)
        {
            std::vector<std::pair<std::string, toml::value const*>> given;
            for (auto const& [key, value] : table.as_table()) {
                if (key == "check" || key == "code" || key == "message" || key == "severity")
                    continue;
                item.get(key);
                if (!spec.find(key)) {
                    m_diagnostics.add(line_of(value), "parameter '" + key + "' tidak dikenal untuk cek '" + rule.check + "' (yang ada: " + spec.names() + ")");
                    continue;
                }
                given.push_back({ key, &value });
            }
            std::sort(given.begin(), given.end(), [](auto const& a, auto const& b) { return line_of(*a.second) < line_of(*b.second); });
            for (auto const& [key, value] : given) {
                auto text = param_text(*value, key, item.where());
                if (!text)
                    continue;
                if (check_param(*spec.find(key), Located<std::string> { *text, value }, rule.check, definition))
                    rule.params[key] = *text;
            }
            for (auto const& param : spec.params) {
                if (!param.name.empty() && param.required && !rule.params.count(std::string(param.name))
                    && std::none_of(given.begin(), given.end(), [&](auto const& each) { return each.first == param.name; }))
                    m_diagnostics.add(rule.line, "cek '" + rule.check + "' perlu parameter '" + std::string(param.name) + "'");
            }
            check_rule_together(rule, definition);
        }

        // A parameter's value as text: TOML text, integer or boolean.
        std::optional<std::string> param_text(toml::value const& value, std::string const& key, std::string const& where)
        {
            if (value.is_string())
                return trim(value.as_string().str);
            if (value.is_integer())
                return std::to_string(value.as_integer());
            if (value.is_boolean())
                return std::string(value.as_boolean() ? "true" : "false");
            m_diagnostics.add(line_of(value), "parameter '" + key + "'" + in(where) + " harus berupa teks, bilangan bulat atau true/false");
            return std::nullopt;
        }

        // Whether a parameter names what its kind says it names.
        bool check_param(ParamSpec const& param, Located<std::string> const& value, std::string const& check, SopDefinition const& definition)
        {
            std::string const what = "parameter '" + std::string(param.name) + "' cek '" + check + "'";
            FormDefinition const& form = definition.form;
            switch (param.kind) {
            case ParamKind::Text:
                return true;
            case ParamKind::Setting:
                if (is_valid_id(value.value))
                    return true;
                m_diagnostics.add(value.line(), what + ": nama pengaturan kantor '" + value.value + "' tidak sah (huruf kecil, angka, garis bawah)");
                return false;
            case ParamKind::Integer: {
                bool const digits = !value.value.empty() && value.value.size() <= 6 && std::all_of(value.value.begin(), value.value.end(), [](char c) { return c >= '0' && c <= '9'; });
                if (!digits)
                    m_diagnostics.add(value.line(), what + " harus berupa bilangan bulat 0 atau lebih (tertulis '" + value.value + "')");
                return digits;
            }
            case ParamKind::Group:
            case ParamKind::RowsGroup: {
                auto const* group = form.find_group(value.value);
                if (!group)
                    m_diagnostics.add(value.line(), what + ": kelompok isian '" + value.value + "' tidak ada di formulir");
                else if (param.kind == ParamKind::RowsGroup && group->kind != GroupKind::Rows)
                    m_diagnostics.add(value.line(), what + ": kelompok isian '" + value.value + "' bukan kelompok berulang (kind = \"rows\")");
                return group && (param.kind == ParamKind::Group || group->kind == GroupKind::Rows);
            }
            case ParamKind::GroupField:
                return true; // Checked with the rule's group (check_rule_together).
            case ParamKind::Document:
                if (definition.find_document(value.value))
                    return true;
                m_diagnostics.add(value.line(), what + ": dokumen '" + value.value + "' tidak dikenal");
                return false;
            case ParamKind::DateOrDocumentDate:
                if (value.value.starts_with("documents."))
                    return check_document_date(value, what, definition);
                return check_field_param(param, value, what, form);
            case ParamKind::Field:
            case ParamKind::DateField:
                return check_field_param(param, value, what, form);
            case ParamKind::FieldList:
                return check_field_list(param, value, what, form);
            }
            return false;
        }

        bool check_field_param(ParamSpec const& param, Located<std::string> const& value, std::string const& what, FormDefinition const& form)
        {
            InputField const* field = form.find_field(value.value);
            if (!field) {
                m_diagnostics.add(value.line(), what + ": isian '" + value.value + "' tidak ada di formulir (tulis KELOMPOK.ISIAN, misalnya applicant.birth_date)");
                return false;
            }
            bool const date = param.kind == ParamKind::DateField || param.kind == ParamKind::DateOrDocumentDate;
            if (date && field->type != InputType::Date) {
                m_diagnostics.add(value.line(), what + ": isian '" + value.value + "' bukan isian tanggal (type = \"date\")");
                return false;
            }
            return true;
        }

        // "GROUP.FIELD, GROUP.FIELD": every one a field of a group that is
        // not rows (a row has no one value to compare).
        bool check_field_list(ParamSpec const& param, Located<std::string> const& value, std::string const& what, FormDefinition const& form)
        {
            auto const paths = split_commas(value.value);
            if (paths.empty()) {
                m_diagnostics.add(value.line(), what + ": tulis satu isian atau lebih, dipisah koma (misalnya tujuan.village_code, tujuan.address)");
                return false;
            }
            bool ok = true;
            for (auto const& path : paths) {
                if (!check_field_param(param, Located<std::string> { path, value.source }, what, form)) {
                    ok = false;
                    continue;
                }
                if (auto const* group = form.find_group(path.substr(0, path.find('.'))); group && group->kind == GroupKind::Rows) {
                    m_diagnostics.add(value.line(), what + ": isian '" + path + "' ada di kelompok berulang (rows); bandingkan isian kelompok biasa");
                    ok = false;
                }
            }
            return ok;
        }

        // "documents.ID.date": a document whose date is recorded.
        bool check_document_date(Located<std::string> const& value, std::string const& what, SopDefinition const& definition)
        {
            auto const parts = split_dots(value.value);
            auto const* document = parts.size() == 3 ? definition.find_document(parts[1]) : nullptr;
            if (document && parts[2] == "date" && document->date)
                return true;
            m_diagnostics.add(value.line(), what + ": '" + value.value + "' bukan tanggal dokumen yang dicatat (documents.ID.date, dengan date = true)");
            return false;
        }

        // What a check needs beyond each parameter naming something.
        void check_rule_together(RuleDefinition const& rule, SopDefinition const& definition)
        {
            auto param = [&](char const* key) {
                auto found = rule.params.find(key);
                return found == rule.params.end() ? std::string() : found->second;
            };
            auto const* document = definition.find_document(param("document"));
            if (rule.check == "document_max_age" && document && !document->date)
                m_diagnostics.add(rule.line, "cek 'document_max_age' pada dokumen '" + document->id + "' perlu tanggal dokumen yang dicatat (date = true di [[documents]])");
            if (rule.check == "differs_from" && !param("field").empty() && !param("other").empty()
                && split_commas(param("field")).size() != split_commas(param("other")).size())
                m_diagnostics.add(rule.line, "cek 'differs_from': field dan other harus menyebut isian sebanyak yang sama, berpasangan");
            if (rule.check == "derive_move_class" && !param("into").empty()) {
                // The derived value is kept in a group that is not rows, beside
                // its fields, under a name none of them has.
                std::string const into = param("into");
                auto const dot = into.find('.');
                auto const* target = dot == std::string::npos ? nullptr : definition.form.find_group(into.substr(0, dot));
                if (!target || target->kind == GroupKind::Rows || !is_valid_id(into.substr(dot + 1)))
                    m_diagnostics.add(rule.line, "cek 'derive_move_class': into '" + into + "' harus KELOMPOK.NAMA, kelompok isian yang bukan rows (misalnya pindah.classification)");
                else if (definition.form.find_field(into))
                    m_diagnostics.add(rule.line, "cek 'derive_move_class': into '" + into + "' sudah isian formulir; nilai turunan tidak diketik");
            }
            if (rule.check == "min_age" && param("unless_field").empty() != param("unless_values").empty())
                m_diagnostics.add(rule.line, "cek 'min_age': unless_field dan unless_values dinyatakan bersama");
            auto const* group = definition.form.find_group(param("group"));
            if (!group)
                return;
            // The fields the check reads in the group: named by a parameter,
            // or by their usual name.
            std::vector<std::pair<std::string, std::string>> needed;
            if (rule.check == "nik_matches_person") {
                for (auto const* key : { "nik", "birth_date", "sex" })
                    needed.push_back({ key, param(key).empty() ? std::string(key) : param(key) });
            } else if (rule.check == "one_row_with" && !param("field").empty()) {
                std::string field = param("field");
                if (field.starts_with(group->id + "."))
                    field.erase(0, group->id.size() + 1);
                needed.push_back({ "field", field });
            }
            for (auto const& wanted : needed) {
                bool const has = std::any_of(group->fields.begin(), group->fields.end(), [&](auto const& field) { return field.name == wanted.second; });
                if (!has)
                    m_diagnostics.add(rule.line, "cek '" + rule.check + "': kelompok isian '" + group->id + "' tidak punya isian '" + wanted.second + "' (" + wanted.first + ")");
            }
        }

        // [letter]: the letter the service issues, its body a list of blocks
        // whose texts hold placeholders over the case's data.
        std::optional<LetterTemplate> load_letter(TableReader& reader, SopDefinition const& definition)
        {
            auto const* value = reader.get("letter");
            if (!value)
                return std::nullopt;
            if (!value->is_table()) {
                reader.wrong_type("letter", *value, "tabel [letter]");
                return std::nullopt;
            }
            TableReader item(*value, "[letter]", m_diagnostics);
            LetterTemplate letter;
            letter.line = item.line();
            if (auto id = item.id())
                letter.id = id->value;
            if (auto version = item.integer("version")) {
                if (version->value < 1 || version->value > 1000000)
                    m_diagnostics.add(version->line(), "version di [letter] harus bilangan bulat 1 atau lebih");
                else
                    letter.version = static_cast<int>(version->value);
            }
            auto text = [&](char const* key, Presence presence) {
                auto found = item.text(key, presence);
                if (!found)
                    return std::string();
                check_placeholders(*found, "[letter] " + std::string(key), definition, nullptr);
                return found->value;
            };
            letter.title = text("title", Presence::Required);
            letter.subtitle = text("subtitle", Presence::Optional);
            letter.subject = text("subject", Presence::Required);
            letter.classification = text("classification", Presence::Optional);
            // A default code the office has not confirmed yet (Permendagri
            // 83/2022 leaves some services' codes open): `sop check` says so.
            if (auto const* confirmed = item.get("classification_confirmed")) {
                letter.classification_line = line_of(*confirmed);
                letter.classification_confirmed = item.boolean("classification_confirmed");
                if (!letter.classification_confirmed && letter.classification.empty())
                    m_diagnostics.add(letter.classification_line, "classification_confirmed = false di [letter] tanpa classification (kode klasifikasi bawaan yang menunggu dipastikan)");
            }
            letter.closing = text("closing", Presence::Optional);
            load_letter_signer(item, definition, letter);
            load_letter_whatsapp(item, definition, letter);
            if (auto paper = item.text("paper", Presence::Optional)) {
                if (paper->value == "A4")
                    letter.paper = PaperSize::A4;
                else if (paper->value == "F4")
                    letter.paper = PaperSize::F4;
                else
                    m_diagnostics.add(paper->line(), "paper '" + paper->value + "' di [letter] tidak dikenal (pilih: A4, F4)");
            }
            load_letter_output(item, definition, letter);
            // Marks carry no body: what a mark prints is [letter.mark]'s.
            bool const marks = letter.output == LetterOutput::Marks;
            int index = 0;
            for (auto const* table : item.tables("body", marks ? Presence::Optional : Presence::Required))
                letter.body.push_back(load_letter_block(*table, ++index, definition));
            if (marks && !letter.body.empty())
                m_diagnostics.add(letter.body.front().line, "[[letter.body]] tidak dicetak bila output = \"marks\"; isi tanda dinyatakan di [letter.mark]");
            item.report_unknown_keys();
            return letter;
        }

        // output = "letter" (the default) or "marks", and [letter.mark]: the
        // mark printed on each copy the applicant brings (legalisation).
        void load_letter_output(TableReader& item, SopDefinition const& definition, LetterTemplate& letter)
        {
            if (auto output = item.text("output", Presence::Optional)) {
                if (output->value == "marks")
                    letter.output = LetterOutput::Marks;
                else if (output->value != "letter")
                    m_diagnostics.add(output->line(), "output '" + output->value + "' di [letter] tidak dikenal (pilih: letter, marks)");
            }
            auto const* value = item.get("mark");
            if (!value) {
                if (letter.output == LetterOutput::Marks)
                    item.missing("mark");
                return;
            }
            if (!value->is_table()) {
                item.wrong_type("mark", *value, "tabel [letter.mark]");
                return;
            }
            if (letter.output != LetterOutput::Marks)
                m_diagnostics.add(line_of(*value), "[letter.mark] hanya untuk output = \"marks\"");
            TableReader mark_reader(*value, "[letter.mark]", m_diagnostics);
            LetterMarkTemplate mark;
            mark.line = mark_reader.line();
            if (auto text = mark_reader.text("text", Presence::Required)) {
                mark.text = text->value;
                check_placeholders(*text, "[letter.mark] text", definition, nullptr);
            }
            if (auto copies = mark_reader.text("copies", Presence::Required)) {
                mark.copies_field = copies->value;
                check_copies_field(*copies, definition);
            }
            if (mark_reader.has("details"))
                mark.details = text_pairs(mark_reader, "details", "[letter.mark]", definition, nullptr);
            mark_reader.report_unknown_keys();
            letter.mark = std::move(mark);
        }

        // The number of copies is an integer field of a group that is not
        // rows, bounded: every copy is a page (or a label) to print.
        void check_copies_field(Located<std::string> const& copies, SopDefinition const& definition)
        {
            auto const dot = copies.value.find('.');
            InputGroup const* group = dot == std::string::npos ? nullptr : definition.form.find_group(copies.value.substr(0, dot));
            InputField const* field = group && group->kind != GroupKind::Rows ? definition.form.find_field(copies.value) : nullptr;
            if (!field) {
                m_diagnostics.add(copies.line(), "copies = '" + copies.value + "' di [letter.mark] tidak menunjuk isian formulir (tulis KELOMPOK.ISIAN, misalnya permohonan.jumlah_salinan)");
                return;
            }
            if (field->type != InputType::Integer || !field->min || !field->max || *field->min < 1 || *field->max > k_max_mark_copies)
                m_diagnostics.add(copies.line(), "isian '" + copies.value + "' untuk copies di [letter.mark] harus berjenis integer dengan min paling kecil 1 dan max paling besar " + std::to_string(k_max_mark_copies));
        }

        void load_letter_signer(TableReader& item, SopDefinition const& definition, LetterTemplate& letter)
        {
            if (auto signer = item.text("signer", Presence::Required)) {
                letter.signer_role = signer->value;
                if (!definition.find_role(signer->value))
                    m_diagnostics.add(signer->line(), "peran penanda tangan '" + signer->value + "' di [letter] tidak dikenal (nyatakan di [[roles]])");
            }
            if (auto book = item.text("register", Presence::Required)) {
                letter.register_id = book->value;
                auto const* found = definition.find_register(book->value);
                if (!found)
                    m_diagnostics.add(book->line(), "register '" + book->value + "' di [letter] tidak dikenal (nyatakan di [[registers]])");
                else if (found->kind != RegisterKind::Letter)
                    m_diagnostics.add(book->line(), "register '" + book->value + "' di [letter] bukan register surat (kind = \"letter\")");
            }
        }

        void load_letter_whatsapp(TableReader& item, SopDefinition const& definition, LetterTemplate& letter)
        {
            letter.whatsapp = item.boolean("whatsapp");
            auto line = item.text("whatsapp_text", letter.whatsapp ? Presence::Required : Presence::Optional);
            if (!line)
                return;
            letter.whatsapp_text = line->value;
            check_placeholders(*line, "[letter] whatsapp_text", definition, nullptr);
            if (letter.whatsapp && line->value.find("{whatsapp}") == std::string::npos)
                m_diagnostics.add(line->line(), "whatsapp_text di [letter] perlu {whatsapp} untuk nomor WhatsApp kantor");
        }

        LetterBlockTemplate load_letter_block(toml::value const& table, int index, SopDefinition const& definition)
        {
            TableReader item(table, "blok surat ke-" + std::to_string(index), m_diagnostics);
            LetterBlockTemplate block;
            block.line = item.line();
            int kinds = 0;
            for (auto const* key : { "paragraph", "table", "rows", "items" })
                kinds += item.has(key) ? 1 : 0;
            if (kinds != 1)
                m_diagnostics.add(block.line, item.where() + " perlu tepat satu dari paragraph, table, rows atau items");
            std::string const where = "[letter] " + item.where();
            if (auto paragraph = item.text("paragraph", Presence::Optional)) {
                block.kind = LetterBlockTemplate::Kind::Paragraph;
                block.text = paragraph->value;
                check_placeholders(*paragraph, where, definition, nullptr);
            }
            if (item.has("table")) {
                block.kind = LetterBlockTemplate::Kind::Table;
                block.table = text_pairs(item, "table", where, definition, nullptr);
            }
            if (item.has("items")) {
                block.kind = LetterBlockTemplate::Kind::List;
                for (auto const& entry : item.texts("items", Presence::Required)) {
                    check_placeholders(entry, where, definition, nullptr);
                    block.items.push_back(entry.value);
                }
            }
            InputGroup const* rows = nullptr;
            if (auto group = item.text("rows", Presence::Optional)) {
                block.kind = LetterBlockTemplate::Kind::Rows;
                block.rows = group->value;
                rows = definition.form.find_group(group->value);
                if (!rows || rows->kind != GroupKind::Rows)
                    m_diagnostics.add(group->line(), "rows = '" + group->value + "'" + in(where) + " bukan kelompok berulang di formulir (kind = \"rows\")");
                if (!item.has("columns"))
                    m_diagnostics.add(block.line, where + ": rows perlu columns = [[judul, nilai], …]");
            }
            if (item.has("columns")) {
                if (block.kind != LetterBlockTemplate::Kind::Rows)
                    m_diagnostics.add(block.line, "columns hanya untuk blok rows" + in(where));
                block.columns = text_pairs(item, "columns", where, definition, rows && rows->kind == GroupKind::Rows ? rows : nullptr);
            }
            item.report_unknown_keys();
            return block;
        }

        // [[label, value], …]: both texts; the values' placeholders are checked.
        std::vector<std::pair<std::string, std::string>> text_pairs(TableReader& item, std::string const& key, std::string const& where,
            SopDefinition const& definition, InputGroup const* rows)
        {
            std::vector<std::pair<std::string, std::string>> pairs;
            auto const* value = item.get(key);
            std::string const expected = "daftar pasangan teks, misalnya [[\"Nama\", \"{applicant.name}\"]]";
            if (!value || !value->is_array()) {
                if (value)
                    item.wrong_type(key, *value, expected);
                return pairs;
            }
            for (auto const& element : value->as_array()) {
                bool const pair = element.is_array() && element.as_array().size() == 2 && element.as_array()[0].is_string() && element.as_array()[1].is_string();
                if (!pair) {
                    item.wrong_type(key, element, expected);
                    continue;
                }
                if (pairs.size() >= k_max_items)
                    break;
                auto const& second = element.as_array()[1];
                Located<std::string> text { trim(second.as_string().str), &second };
                check_placeholders(text, where, definition, rows);
                pairs.push_back({ trim(element.as_array()[0].as_string().str), text.value });
            }
            if (pairs.empty())
                m_diagnostics.add(line_of(*value), "'" + key + "'" + in(where) + " tidak boleh kosong");
            return pairs;
        }

        // Every {name|modifier…} in a letter's text must name something the
        // letter can fill: a form field (or its display name), a document's
        // recorded part, a step's date, or one of the fixed names. A rows
        // group's {GROUP.FIELD} is the current row's, in that group's block.
        void check_placeholders(Located<std::string> const& text, std::string const& where, SopDefinition const& definition, InputGroup const* rows)
        {
            std::string_view const value = text.value;
            // "\{" is a literal brace, not a placeholder.
            auto next_open = [&](std::size_t from) {
                auto at = value.find('{', from);
                while (at != std::string_view::npos && at > 0 && value[at - 1] == '\\')
                    at = value.find('{', at + 1);
                return at;
            };
            std::size_t at = next_open(0);
            while (at != std::string_view::npos) {
                auto const end = value.find('}', at);
                if (end == std::string_view::npos) {
                    m_diagnostics.add(text.line(), "'{' tanpa '}'" + in(where));
                    return;
                }
                std::string_view const inner = value.substr(at + 1, end - at - 1);
                std::string_view const name = trim_view(inner.substr(0, inner.find('|')));
                if (!placeholder_known(name, definition, rows))
                    m_diagnostics.add(text.line(), "penanda {" + std::string(inner) + "}" + in(where) + " tidak menunjuk isian mana pun");
                for (std::size_t bar = inner.find('|'); bar != std::string_view::npos;) {
                    auto const next = inner.find('|', bar + 1);
                    std::string_view const modifier = trim_view(inner.substr(bar + 1, next == std::string_view::npos ? std::string_view::npos : next - bar - 1));
                    if (!is_known_modifier(modifier))
                        m_diagnostics.add(text.line(), "pengubah '" + std::string(modifier) + "' pada penanda {" + std::string(inner) + "}" + in(where) + " tidak dikenal (yang ada: " + modifier_names() + ")");
                    bar = next;
                }
                at = next_open(end + 1);
            }
        }

        // [standard]: the public service standard's parts besides the steps.
        PublicStandard load_standard(TableReader& reader)
        {
            PublicStandard standard;
            auto const* value = reader.get("standard");
            if (!value)
                return standard;
            if (!value->is_table()) {
                reader.wrong_type("standard", *value, "tabel [standard]");
                return standard;
            }
            TableReader item(*value, "[standard]", m_diagnostics);
            auto text = [&](char const* key) {
                auto found = item.text(key, Presence::Optional);
                return found ? found->value : std::string();
            };
            standard.cost = text("cost");
            standard.product = text("product");
            standard.complaints = text("complaints");
            standard.requirements = text("requirements");
            item.report_unknown_keys();
            return standard;
        }

        // [[actions]] at the top level: one action offered in several steps
        // or states (`from`), e.g. withdrawing a case filed by mistake
        // (batalkan) anywhere before the letter is signed. Each listed step
        // or state gets its own copy, so the engine sees an ordinary action.
        void load_shared_actions(TableReader& reader, SopDefinition& definition)
        {
            std::vector<std::vector<Located<std::string>>> origins;
            auto shared = load_actions(reader, "", {}, &origins);
            for (std::size_t i = 0; i < shared.size(); ++i) {
                for (auto const& origin : origins[i]) {
                    std::vector<ActionDefinition>* into = nullptr;
                    for (auto& step : definition.steps)
                        if (step.id == origin.value)
                            into = &step.actions;
                    for (auto& state : definition.states) {
                        if (state.id != origin.value)
                            continue;
                        if (is_closed(state.kind))
                            m_diagnostics.add(origin.line(), "aksi '" + shared[i].id + "' tidak dapat ditawarkan dari status akhir '" + origin.value + "'");
                        else
                            into = &state.actions;
                    }
                    if (!into) {
                        if (!definition.find_state(origin.value))
                            m_diagnostics.add(origin.line(), "aksi '" + shared[i].id + "' ditawarkan dari '" + origin.value + "', yang bukan langkah atau status SOP ini");
                        continue;
                    }
                    bool const taken = std::any_of(into->begin(), into->end(), [&](auto const& each) { return each.id == shared[i].id; });
                    if (taken) {
                        m_diagnostics.add(origin.line(), "aksi '" + shared[i].id + "' sudah ada di '" + origin.value + "'");
                        continue;
                    }
                    ActionDefinition copy = shared[i];
                    copy.from = origin.value;
                    into->push_back(std::move(copy));
                }
            }
        }

        SopMeta load_meta(toml::value const& table)
        {
            SopMeta meta;
            TableReader reader(table, "[meta]", m_diagnostics);
            auto text = [&](char const* key) {
                auto value = reader.text(key, Presence::Optional);
                return value ? value->value : std::string();
            };
            meta.number = text("number");
            meta.created = reader.date("created");
            meta.revised = reader.date("revised");
            meta.effective = reader.date("effective");
            meta.approved_by = text("approved_by");
            meta.office = text("office");
            meta.section = text("section");
            reader.report_unknown_keys();
            return meta;
        }

        std::vector<std::string> load_roles(TableReader& reader, Presence presence)
        {
            std::vector<std::string> roles;
            for (auto const& role : reader.texts("roles", presence)) {
                m_references.push_back({ ReferenceKind::Role, role.value, role.source, reader.where() });
                if (std::find(roles.begin(), roles.end(), role.value) == roles.end())
                    roles.push_back(role.value);
            }
            return roles;
        }

        std::optional<StepDefinition> load_step(toml::value const& table, int index, IdScope& state_ids)
        {
            TableReader reader(table, "langkah ke-" + std::to_string(index), m_diagnostics);
            StepDefinition step;
            step.line = reader.line();
            auto id = reader.id();
            if (id) {
                step.id = id->value;
                reader.set_where("langkah '" + step.id + "'");
            }
            if (auto title = reader.text("title", Presence::Required))
                step.title = title->value;
            if (auto description = reader.text("description", Presence::Optional))
                step.description = description->value;
            step.roles = load_roles(reader, Presence::Required);

            // Every step has a standard time: the SOP's "waktu" column, and what
            // the time a case spends in the step is measured against.
            std::string const step_name = id ? "langkah '" + step.id + "'" : reader.where();
            if (!reader.has("standard_minutes")) {
                m_diagnostics.add(step.line, step_name + " tidak punya waktu baku (standard_minutes)");
            } else if (auto minutes = reader.integer("standard_minutes")) {
                if (minutes->value <= 0)
                    m_diagnostics.add(minutes->line(), "waktu baku " + step_name + " harus lebih dari 0 menit (tertulis " + std::to_string(minutes->value) + ")");
                else if (minutes->value > k_max_standard_minutes)
                    m_diagnostics.add(minutes->line(), "waktu baku " + step_name + " terlalu besar (" + std::to_string(minutes->value) + " menit)");
                else
                    step.standard_minutes = static_cast<int>(minutes->value);
            }

            for (auto const& document : reader.texts("documents", Presence::Optional)) {
                m_references.push_back({ ReferenceKind::Document, document.value, document.source, reader.where() });
                step.documents.push_back(document.value);
            }
            for (auto const& input : reader.texts("input", Presence::Optional))
                step.input.push_back(input.value);
            if (auto output = reader.text("output", Presence::Required))
                step.output = output->value;
            step.actions = load_actions(reader, step.id, step.roles);
            if (step.actions.empty() && id)
                m_diagnostics.add(step.line, step_name + " tidak punya aksi: kasus akan terhenti di sini");
            reader.report_unknown_keys();
            if (!id || !state_ids.add(*id))
                return std::nullopt;
            return step;
        }

        std::optional<StateDefinition> load_state(toml::value const& table, int index, IdScope& state_ids)
        {
            TableReader reader(table, "status ke-" + std::to_string(index), m_diagnostics);
            StateDefinition state;
            state.line = reader.line();
            auto id = reader.id();
            if (id) {
                state.id = id->value;
                reader.set_where("status '" + state.id + "'");
            }
            if (auto label = reader.text("label", Presence::Required))
                state.label = label->value;
            bool kind_known = false;
            if (auto kind = reader.text("kind", Presence::Required)) {
                kind_known = true;
                if (kind->value == "returned")
                    state.kind = StateKind::Returned;
                else if (kind->value == "held")
                    state.kind = StateKind::Held;
                else if (kind->value == "end")
                    state.kind = StateKind::End;
                else if (kind->value == "cancelled")
                    state.kind = StateKind::Cancelled;
                else if (kind->value == "external")
                    state.kind = StateKind::External;
                else {
                    kind_known = false;
                    m_diagnostics.add(kind->line(), "jenis status '" + kind->value + "'" + in(reader.where()) + " tidak dikenal (pilih: returned, held, external, end, cancelled)");
                }
            }
            state.roles = load_roles(reader, Presence::Optional);
            state.actions = load_actions(reader, state.id, state.roles);
            if (kind_known && id) {
                if (is_closed(state.kind) && !state.actions.empty())
                    m_diagnostics.add(state.actions.front().line, "status akhir '" + state.id + "' tidak boleh punya aksi");
                if (!is_closed(state.kind) && state.actions.empty())
                    m_diagnostics.add(state.line, "status '" + state.id + "' tidak punya aksi: kasus akan terhenti di sini (status akhir ditulis kind = \"end\")");
            }
            reader.report_unknown_keys();
            if (!id || !state_ids.add(*id))
                return std::nullopt;
            return state;
        }

        // `origins`, for the SOP's own [[actions]] (offered in several steps
        // or states at once): each action's `from` list, in the same order.
        std::vector<ActionDefinition> load_actions(TableReader& owner, std::string const& from, std::vector<std::string> const& default_roles,
            std::vector<std::vector<Located<std::string>>>* origins = nullptr)
        {
            std::vector<ActionDefinition> actions;
            IdScope action_ids("aksi", m_diagnostics);
            for (auto const* table : owner.tables("actions", Presence::Optional)) {
                TableReader reader(*table, "aksi" + in(owner.where()), m_diagnostics);
                ActionDefinition action;
                action.line = reader.line();
                action.from = from;
                auto id = reader.id();
                if (id) {
                    action.id = id->value;
                    reader.set_where("aksi '" + action.id + "'" + in(owner.where()));
                }
                if (auto label = reader.text("label", Presence::Required))
                    action.label = label->value;
                if (auto target = reader.text("target", Presence::Required)) {
                    action.target = target->value;
                    m_references.push_back({ ReferenceKind::Target, target->value, target->source, reader.where() });
                }
                if (reader.has("roles")) {
                    action.roles = load_roles(reader, Presence::Required);
                } else {
                    action.roles = default_roles;
                    if (default_roles.empty() && id)
                        m_diagnostics.add(action.line, "aksi '" + action.id + "'" + in(owner.where()) + " tidak punya peran pelaksana (roles)");
                }
                action.note_required = reader.boolean("note_required");
                action.reasons_required = reader.boolean("reasons_required");
                action.reasons = load_reasons(reader);
                if (action.reasons_required && action.reasons.empty())
                    m_diagnostics.add(action.line, "aksi '" + action.id + "'" + in(owner.where()) + " mewajibkan alasan tetapi tidak punya daftar alasan (reasons)");
                action.fields = load_fields(reader);
                if (auto number = reader.text("takes_number", Presence::Optional)) {
                    action.takes_number = number->value;
                    m_references.push_back({ ReferenceKind::Register, number->value, number->source, reader.where() });
                }
                if (auto stage = reader.text("letter", Presence::Optional)) {
                    if (stage->value == "sign")
                        action.letter = LetterStage::Sign;
                    else if (stage->value == "seal")
                        action.letter = LetterStage::Seal;
                    else
                        m_diagnostics.add(stage->line(), "letter '" + stage->value + "'" + in(reader.where()) + " tidak dikenal (pilih \"sign\" atau \"seal\")");
                    // The seal is put on the numbered letter: the number must be taken by the same action.
                    if (action.letter == LetterStage::Seal && !action.takes_number)
                        m_diagnostics.add(action.line, "aksi '" + action.id + "'" + in(owner.where()) + " menyegel surat (letter = \"seal\") tetapi tidak mengambil nomor surat (takes_number)");
                }
                std::vector<Located<std::string>> offered_from;
                if (origins)
                    offered_from = reader.texts("from", Presence::Required);
                reader.report_unknown_keys();
                if (id && action_ids.add(*id, owner.where())) {
                    m_action_ids.insert(action.id);
                    actions.push_back(std::move(action));
                    if (origins)
                        origins->push_back(std::move(offered_from));
                }
            }
            return actions;
        }

        std::vector<ReasonDefinition> load_reasons(TableReader& owner)
        {
            std::vector<ReasonDefinition> reasons;
            IdScope reason_ids("alasan", m_diagnostics);
            for (auto const* table : owner.tables("reasons", Presence::Optional)) {
                TableReader reader(*table, "alasan" + in(owner.where()), m_diagnostics);
                auto id = reader.id();
                auto label = reader.text("label", Presence::Required);
                bool const note_required = reader.boolean("note_required");
                reader.report_unknown_keys();
                if (id && reason_ids.add(*id, owner.where()))
                    reasons.push_back({ id->value, label ? label->value : id->value, note_required, reader.line() });
            }
            return reasons;
        }

        std::vector<FieldDefinition> load_fields(TableReader& owner)
        {
            std::vector<FieldDefinition> fields;
            IdScope field_names("isian", m_diagnostics);
            for (auto const* table : owner.tables("fields", Presence::Optional)) {
                TableReader reader(*table, "isian" + in(owner.where()), m_diagnostics);
                FieldDefinition field;
                field.line = reader.line();
                auto name = reader.id("name");
                if (name) {
                    field.name = name->value;
                    reader.set_where("isian '" + field.name + "'" + in(owner.where()));
                    // The note and the reasons travel beside the fields under
                    // these names (workflow.hpp); a field may not shadow them.
                    if (field.name == "catatan" || field.name == "alasan") {
                        m_diagnostics.add(name->line(), "nama isian '" + field.name + "' sudah dipakai untuk catatan/alasan aksi");
                        name.reset();
                    }
                }
                if (auto label = reader.text("label", Presence::Required))
                    field.label = label->value;
                if (auto help = reader.text("help", Presence::Optional))
                    field.help = help->value;
                bool type_known = false;
                if (auto type = reader.text("type", Presence::Required)) {
                    if (auto parsed = parse_field_type(type->value)) {
                        field.type = *parsed;
                        type_known = true;
                    } else {
                        m_diagnostics.add(type->line(), "jenis isian '" + type->value + "'" + in(reader.where()) + " tidak dikenal (pilih: text, long_text, date, number, bool, enum, checklist)");
                    }
                }
                field.required = reader.boolean("required");
                field.all_required = reader.boolean("all_required");
                bool const has_choices = field.type == FieldType::Enum || field.type == FieldType::Checklist;
                bool has_options = false;
                if (auto const* options = reader.get("options")) {
                    has_options = true;
                    field.options = load_options(*options, reader.where());
                }
                if (auto from = reader.text("options_from", Presence::Optional)) {
                    has_options = true;
                    if (from->value != "documents") {
                        m_diagnostics.add(from->line(), "options_from '" + from->value + "'" + in(reader.where()) + " tidak dikenal (yang ada: documents)");
                    } else if (m_documents->empty()) {
                        m_diagnostics.add(from->line(), "options_from = \"documents\"" + in(reader.where()) + " tetapi SOP tidak menyatakan [[documents]]");
                    } else {
                        for (auto const& document : *m_documents)
                            field.options.push_back({ document.id, document.label });
                    }
                }
                if (type_known) {
                    if (has_choices && !has_options)
                        m_diagnostics.add(field.line, "isian '" + field.name + "' berjenis " + std::string(to_string(field.type)) + " perlu pilihan (options atau options_from)");
                    if (!has_choices && has_options)
                        m_diagnostics.add(field.line, "pilihan (options) hanya untuk isian berjenis enum atau checklist" + in(reader.where()));
                    if (field.all_required && field.type != FieldType::Checklist)
                        m_diagnostics.add(field.line, "all_required hanya untuk isian berjenis checklist" + in(reader.where()));
                }
                reader.report_unknown_keys();
                if (name && field_names.add(*name, owner.where()))
                    fields.push_back(std::move(field));
            }
            return fields;
        }

        // Options are written as plain texts (id and label alike) or as tables
        // { id = "…", label = "…" } when the label is not a valid id.
        std::vector<FieldOption> load_options(toml::value const& value, std::string const& where)
        {
            std::vector<FieldOption> options;
            if (!value.is_array()) {
                m_diagnostics.add(line_of(value), "'options'" + in(where) + " harus berupa daftar");
                return options;
            }
            IdScope option_ids("pilihan", m_diagnostics);
            for (auto const& element : value.as_array()) {
                if (options.size() >= k_max_items)
                    break;
                if (element.is_string()) {
                    std::string text = trim(element.as_string().str);
                    if (text.empty()) {
                        m_diagnostics.add(line_of(element), "pilihan kosong" + in(where));
                        continue;
                    }
                    if (option_ids.add({ text, &element }, where))
                        options.push_back({ text, text });
                } else if (element.is_table()) {
                    TableReader reader(element, "pilihan" + in(where), m_diagnostics);
                    auto id = reader.id();
                    auto label = reader.text("label", Presence::Required);
                    reader.report_unknown_keys();
                    if (id && option_ids.add(*id, where))
                        options.push_back({ id->value, label ? label->value : id->value });
                } else {
                    m_diagnostics.add(line_of(element), "pilihan" + in(where) + " harus berupa teks atau tabel { id, label }");
                }
            }
            return options;
        }

        // Reports every name that names nothing; false when an action's target does.
        bool check_references(SopDefinition const& definition, IdScope const& roles, IdScope const& documents, IdScope const& registers)
        {
            bool targets_known = true;
            for (auto const& reference : m_references) {
                switch (reference.kind) {
                case ReferenceKind::Role:
                    if (!roles.contains(reference.id))
                        m_diagnostics.add(reference.line(), "peran '" + reference.id + "' tidak dikenal" + in(reference.where));
                    break;
                case ReferenceKind::Document:
                    if (!documents.contains(reference.id))
                        m_diagnostics.add(reference.line(), "dokumen '" + reference.id + "' tidak dikenal" + in(reference.where));
                    break;
                case ReferenceKind::Register:
                    if (!registers.contains(reference.id))
                        m_diagnostics.add(reference.line(), "register '" + reference.id + "' tidak dikenal" + in(reference.where) + " (nyatakan di [[registers]])");
                    break;
                case ReferenceKind::Target:
                    if (!definition.state_kind(reference.id)) {
                        m_diagnostics.add(reference.line(), "tujuan '" + reference.id + "'" + in(reference.where) + " bukan langkah maupun status yang dinyatakan");
                        targets_known = false;
                    }
                    break;
                case ReferenceKind::Action:
                    if (!m_action_ids.count(reference.id))
                        m_diagnostics.add(reference.line(), "aksi '" + reference.id + "'" + in(reference.where) + " tidak ada di langkah atau status mana pun");
                    break;
                }
            }
            return targets_known;
        }

        void check_initial_step(SopDefinition const& definition, Located<std::string> const& initial)
        {
            if (definition.find_step(initial.value))
                return;
            if (definition.find_state(initial.value))
                m_diagnostics.add(initial.line(), "langkah awal '" + initial.value + "' harus sebuah langkah, bukan status");
            else
                m_diagnostics.add(initial.line(), "langkah awal '" + initial.value + "' tidak dikenal");
        }

        // Every step and state must be reachable from the initial step, and from
        // every one that is not an end state a case must be able to finish.
        void check_graph(SopDefinition const& definition, int root_line)
        {
            struct Node {
                std::string id;
                std::string noun;
                int line;
                bool end;
                std::vector<ActionDefinition> const* actions;
            };
            std::vector<Node> nodes;
            std::map<std::string, std::size_t> index;
            for (auto const& step : definition.steps) {
                index[step.id] = nodes.size();
                nodes.push_back({ step.id, "langkah", step.line, false, &step.actions });
            }
            for (auto const& state : definition.states) {
                index[state.id] = nodes.size();
                // Only a true end counts as finishing: a case that can merely be
                // cancelled (batalkan) from a state still needs a way to finish.
                nodes.push_back({ state.id, "status", state.line, state.kind == StateKind::End, &state.actions });
            }
            std::vector<std::vector<std::size_t>> edges(nodes.size());
            std::vector<std::vector<std::size_t>> reverse(nodes.size());
            for (std::size_t i = 0; i < nodes.size(); ++i) {
                for (auto const& action : *nodes[i].actions) {
                    auto target = index.find(action.target);
                    if (target == index.end())
                        continue;
                    edges[i].push_back(target->second);
                    reverse[target->second].push_back(i);
                }
            }
            auto reach = [&](std::vector<std::size_t> const& starts, std::vector<std::vector<std::size_t>> const& graph) {
                std::vector<bool> seen(nodes.size(), false);
                std::deque<std::size_t> queue(starts.begin(), starts.end());
                for (auto start : starts)
                    seen[start] = true;
                while (!queue.empty()) {
                    auto const current = queue.front();
                    queue.pop_front();
                    for (auto next : graph[current]) {
                        if (!seen[next]) {
                            seen[next] = true;
                            queue.push_back(next);
                        }
                    }
                }
                return seen;
            };

            auto initial = index.find(definition.initial_step);
            if (initial != index.end() && definition.find_step(definition.initial_step)) {
                auto const seen = reach({ initial->second }, edges);
                for (std::size_t i = 0; i < nodes.size(); ++i) {
                    if (!seen[i])
                        m_diagnostics.add(nodes[i].line, nodes[i].noun + " '" + nodes[i].id + "' tidak dapat dicapai dari langkah awal '" + definition.initial_step + "'");
                }
            }

            std::vector<std::size_t> ends;
            for (std::size_t i = 0; i < nodes.size(); ++i) {
                if (nodes[i].end)
                    ends.push_back(i);
            }
            if (ends.empty()) {
                m_diagnostics.add(root_line, "SOP tidak menyatakan status akhir ([[states]] dengan kind = \"end\")");
                return;
            }
            auto const finishes = reach(ends, reverse);
            for (std::size_t i = 0; i < nodes.size(); ++i) {
                // A step or state without actions is reported where it is read.
                if (!finishes[i] && !nodes[i].actions->empty())
                    m_diagnostics.add(nodes[i].line, "dari " + nodes[i].noun + " '" + nodes[i].id + "' tidak ada jalan ke status akhir");
            }
        }

        Diagnostics& m_diagnostics;
        std::vector<Reference> m_references;
        std::set<std::string> m_action_ids;
        std::vector<DocumentDefinition> const* m_documents { nullptr };
    };

}

SopCheck check_sop(std::string_view toml_text, std::string const& file_name)
{
    Diagnostics diagnostics { file_name, {} };
    SopCheck check;
    try {
        if (toml_text.size() > k_max_definition_bytes) {
            diagnostics.add(0, "berkas SOP terlalu besar (lebih dari 1 MiB)");
        } else if (auto bad_text = find_invalid_utf8(toml_text)) {
            diagnostics.add(bad_text->line, bad_text->message);
        } else if (auto problem = find_nesting_problem(toml_text)) {
            diagnostics.add(problem->line, problem->message);
        } else {
            std::istringstream stream { std::string(toml_text) };
            toml::value const root = toml::parse(stream, file_name);
            Loader loader(diagnostics);
            auto definition = loader.load(root);
            if (diagnostics.list.empty())
                check.definition = std::move(definition);
        }
    } catch (toml::exception const& e) {
        // toml11 reports syntax errors as exceptions; the loader never throws.
        diagnostics.add(toml_error_line(e), "sintaks TOML salah: " + toml_reason(e.what()));
    } catch (std::exception const& e) {
        diagnostics.add(0, std::string("berkas SOP tidak dapat diurai: ") + e.what());
    } catch (...) {
        diagnostics.add(0, "berkas SOP tidak dapat diurai");
    }
    if (!diagnostics.list.empty())
        check.definition.reset();
    std::stable_sort(diagnostics.list.begin(), diagnostics.list.end(), [](auto const& a, auto const& b) { return a.line < b.line; });
    check.diagnostics = std::move(diagnostics.list);
    return check;
}

Result<SopDefinition> load_sop(std::string_view toml_text, std::string const& file_name)
{
    auto check = check_sop(toml_text, file_name);
    if (check.ok())
        return std::move(*check.definition);
    std::string message;
    for (auto const& diagnostic : check.diagnostics) {
        if (!message.empty())
            message += '\n';
        message += to_string(diagnostic);
    }
    return Error::invalid("sop", message, "sop.definition");
}

bool names_group_value(SopDefinition const& definition, InputGroup const& group, std::string_view name)
{
    if (std::any_of(group.fields.begin(), group.fields.end(), [&](InputField const& field) { return field.name == name; }))
        return true;
    if (names_kept_value(group, name))
        return true;
    std::string const path = group.id + "." + std::string(name);
    return std::any_of(definition.rules.begin(), definition.rules.end(), [&](RuleDefinition const& rule) {
        auto const into = rule.params.find("into");
        return rule.check == "derive_move_class" && into != rule.params.end() && into->second == path;
    });
}

}
