#include "core/sop.hpp"

#include <toml.hpp>

#include <algorithm>
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
            if (auto id = reader.text("id", Presence::Required)) {
                if (is_valid_sop_id(id->value))
                    definition.id = id->value;
                else
                    m_diagnostics.add(id->line(), "id SOP '" + id->value + "' tidak sah: pakai huruf kecil, angka dan tanda hubung (misalnya perekaman-ektp)");
            }
            if (auto title = reader.text("title", Presence::Required))
                definition.title = title->value;
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

            IdScope document_ids("dokumen", m_diagnostics);
            for (auto const* table : reader.tables("documents", Presence::Optional)) {
                TableReader item(*table, "[[documents]]", m_diagnostics);
                auto id = item.id();
                if (id)
                    item.set_where("dokumen '" + id->value + "'");
                auto label = item.text("label", Presence::Required);
                item.report_unknown_keys();
                if (id && document_ids.add(*id))
                    definition.documents.push_back({ .id = id->value, .label = label ? label->value : id->value, .line = item.line() });
            }
            m_documents = &definition.documents;

            IdScope role_ids("peran", m_diagnostics);
            for (auto const* table : reader.tables("roles", Presence::Required)) {
                TableReader item(*table, "[[roles]]", m_diagnostics);
                auto id = item.id();
                if (id)
                    item.set_where("peran '" + id->value + "'");
                auto title = item.text("title", Presence::Required);
                bool const applicant = item.boolean("applicant");
                item.report_unknown_keys();
                if (id && role_ids.add(*id))
                    definition.roles.push_back({ id->value, title ? title->value : id->value, item.line(), applicant });
            }

            IdScope register_ids("register", m_diagnostics);
            for (auto const* table : reader.tables("registers", Presence::Optional)) {
                TableReader item(*table, "[[registers]]", m_diagnostics);
                auto id = item.id();
                if (id)
                    item.set_where("register '" + id->value + "'");
                auto label = item.text("label", Presence::Required);
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
                    definition.registers.push_back({ id->value, label ? label->value : id->value, kind, item.line() });
            }

            // Steps and special states share one namespace: a case's state is
            // one of them.
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

            load_shared_actions(reader, definition);

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
                else {
                    kind_known = false;
                    m_diagnostics.add(kind->line(), "jenis status '" + kind->value + "'" + in(reader.where()) + " tidak dikenal (pilih: returned, held, end, cancelled)");
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

}
