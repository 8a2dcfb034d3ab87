#include "core/letter_template.hpp"

#include "core/indonesian.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

namespace sopir {

namespace {

    using Json = nlohmann::json;

    constexpr std::string_view k_modifiers[] = { "upper", "title", "date", "date_words", "number_words", "sex" };

    bool known_modifier(std::string_view name)
    {
        return std::find(std::begin(k_modifiers), std::end(k_modifiers), name) != std::end(k_modifiers);
    }

    std::vector<std::string> split(std::string_view text, char separator)
    {
        std::vector<std::string> parts;
        std::size_t at = 0;
        while (true) {
            auto const next = text.find(separator, at);
            parts.emplace_back(text.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
            if (next == std::string_view::npos)
                return parts;
            at = next + 1;
        }
    }

    // Walks a template text: literal runs go to `literal` as written, each
    // placeholder's inside (without braces) to `placeholder`. Returns false
    // for an unclosed brace.
    bool scan(std::string_view text, std::function<void(std::string_view)> const& literal,
        std::function<void(std::string_view)> const& placeholder)
    {
        std::size_t at = 0;
        while (at < text.size()) {
            if (text[at] == '\\' && at + 1 < text.size()) {
                literal(text.substr(at, 2));
                at += 2;
                continue;
            }
            if (text[at] != '{') {
                literal(text.substr(at, 1));
                ++at;
                continue;
            }
            auto const end = text.find('}', at);
            if (end == std::string_view::npos)
                return false;
            placeholder(text.substr(at + 1, end - at - 1));
            at = end + 1;
        }
        return true;
    }

    std::string json_text(Json const* json)
    {
        if (!json || json->is_null())
            return {};
        if (json->is_string())
            return json->get<std::string>();
        if (json->is_number_integer())
            return std::to_string(json->get<long long>());
        if (json->is_boolean())
            return json->get<bool>() ? "ya" : "tidak";
        return json->dump();
    }

    Json const* member(Json const& object, std::string const& key)
    {
        if (!object.is_object())
            return nullptr;
        auto found = object.find(key);
        return found == object.end() ? nullptr : &*found;
    }

    // A select field prints its option's label ("L" → "Laki-laki"); other
    // fields print as checked.
    std::string field_text(SopDefinition const& definition, std::string const& group, std::string const& field, Json const& values)
    {
        Json const* found = member(values, field);
        // A village's name is stored as "village_name" beside "village_code";
        // {GROUP.village_code_name} names it too.
        if (!found && field.ends_with("_code_name"))
            found = member(values, field.substr(0, field.size() - 10) + "_name");
        std::string value = json_text(found);
        if (InputField const* declared = definition.form.find_field(group + "." + field); declared && declared->type == InputType::Select)
            for (auto const& option : declared->options)
                if (option.id == value)
                    return option.label;
        return value;
    }

    // The placeholder's raw value (unescaped), before modifiers.
    std::string lookup(std::vector<std::string> const& path, SopDefinition const& definition, LetterFacts const& facts,
        std::pair<std::string, Json const*> const& row)
    {
        auto const& head = path.front();
        // Inside a rows block a bare {FIELD} is the current row's.
        if (path.size() == 1 && row.second && head != "whatsapp")
            return field_text(definition, row.first, head, *row.second);
        if (path.size() == 1)
            return head == "whatsapp" ? facts.whatsapp : std::string();
        if (head == "office" && path.size() == 2) {
            if (path[1] == "name")
                return facts.office_name;
            if (path[1] == "regency")
                return facts.office_regency;
            if (path[1] == "district")
                return facts.office_district;
            return {};
        }
        if (head == "case" && path.size() == 2) {
            if (path[1] == "registration_number")
                return facts.registration_number;
            if (path[1] == "submitted_date")
                return facts.submitted_date ? to_iso(*facts.submitted_date) : std::string();
            return {};
        }
        if (head == "step" && path.size() == 3 && path[2] == "date") {
            auto found = facts.step_dates.find(path[1]);
            return found == facts.step_dates.end() ? std::string() : to_iso(found->second);
        }
        if (head == "documents" && path.size() == 3) {
            Json const* document = member(facts.documents, path[1]);
            return document ? json_text(member(*document, path[2])) : std::string();
        }
        if (path.size() != 2)
            return {};
        if (row.second && head == row.first)
            return field_text(definition, head, path[1], *row.second);
        Json const* group = member(facts.values, head);
        return group ? field_text(definition, head, path[1], *group) : std::string();
    }

    std::string upper(std::string text)
    {
        for (char& c : text)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return text;
    }

    // "MUHAMMAD RIZKY" → "Muhammad Rizky": each word's first letter capital.
    std::string title_case(std::string text)
    {
        bool start = true;
        for (char& c : text) {
            auto const u = static_cast<unsigned char>(c);
            if (std::isalpha(u)) {
                c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
                start = false;
            } else {
                start = !std::isdigit(u);
            }
        }
        return text;
    }

    std::string apply_modifier(std::string const& modifier, std::string value)
    {
        if (modifier == "upper")
            return upper(std::move(value));
        if (modifier == "title")
            return title_case(std::move(value));
        if (modifier == "date" || modifier == "date_words") {
            auto date = parse_iso_date(value);
            if (!date)
                return value;
            return modifier == "date" ? format_date_id(*date) : date_words_id(*date);
        }
        if (modifier == "number_words") {
            if (value.empty() || value.size() > 15 || !std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
                return value;
            return number_words_id(std::stoll(value));
        }
        if (modifier == "sex") {
            std::string const code = upper(value);
            if (code == "L" || code == "LAKI-LAKI")
                return "Laki-laki";
            if (code == "P" || code == "PEREMPUAN")
                return "Perempuan";
        }
        return value;
    }

    LetterBlock resolve_block(LetterBlockTemplate const& block, SopDefinition const& definition, LetterFacts const& facts)
    {
        auto text = [&](std::string const& raw) { return resolve_letter_text(raw, definition, facts); };
        LetterBlock resolved;
        switch (block.kind) {
        case LetterBlockTemplate::Kind::Paragraph:
            resolved.kind = LetterBlock::Kind::Paragraph;
            resolved.text = text(block.text);
            break;
        case LetterBlockTemplate::Kind::Table:
            resolved.kind = LetterBlock::Kind::Table;
            for (auto const& [label, value] : block.table)
                resolved.table.emplace_back(text(label), text(value));
            break;
        case LetterBlockTemplate::Kind::List:
            resolved.kind = LetterBlock::Kind::List;
            for (auto const& item : block.items)
                resolved.items.push_back(text(item));
            break;
        case LetterBlockTemplate::Kind::Rows: {
            resolved.kind = LetterBlock::Kind::Rows;
            for (auto const& column : block.columns)
                resolved.headings.push_back(text(column.first));
            Json const* rows = member(facts.values, block.rows);
            if (rows && rows->is_array())
                for (auto const& row : *rows) {
                    std::vector<std::string> cells;
                    for (auto const& column : block.columns)
                        cells.push_back(resolve_letter_text(column.second, definition, facts, { block.rows, &row }));
                    resolved.rows.push_back(std::move(cells));
                }
            break;
        }
        }
        return resolved;
    }

}

std::string_view to_string(LetterBlock::Kind kind)
{
    switch (kind) {
    case LetterBlock::Kind::Paragraph: return "paragraph";
    case LetterBlock::Kind::Table: return "table";
    case LetterBlock::Kind::Rows: return "rows";
    case LetterBlock::Kind::List: return "list";
    }
    return "paragraph";
}

std::optional<LetterBlock::Kind> parse_letter_block_kind(std::string_view name)
{
    for (auto kind : { LetterBlock::Kind::Paragraph, LetterBlock::Kind::Table, LetterBlock::Kind::Rows, LetterBlock::Kind::List })
        if (to_string(kind) == name)
            return kind;
    return std::nullopt;
}

std::string escape_letter_text(std::string_view text)
{
    std::string escaped;
    for (char c : text) {
        if (c == '*' || c == '\\' || c == '{')
            escaped += '\\';
        escaped += c;
    }
    return escaped;
}

std::string resolve_letter_text(std::string_view text, SopDefinition const& definition, LetterFacts const& facts,
    std::pair<std::string, Json const*> row)
{
    std::string out;
    bool const closed = scan(
        text, [&](std::string_view literal) { out += literal; },
        [&](std::string_view inside) {
            auto parts = split(inside, '|');
            auto path = split(parts.front(), '.');
            // The number is known only at sealing: the renderer puts it in.
            if (path.size() == 2 && path[0] == "letter" && path[1] == "number") {
                out += k_letter_number_mark;
                return;
            }
            std::string value = lookup(path, definition, facts, row);
            for (std::size_t i = 1; i < parts.size(); ++i)
                value = apply_modifier(parts[i], std::move(value));
            out += escape_letter_text(value);
        });
    if (!closed)
        out += escape_letter_text(text.substr(text.rfind('{')));
    return out;
}

std::vector<LetterSpan> letter_spans(std::string_view resolved, std::string_view number)
{
    std::vector<LetterSpan> spans;
    LetterSpan current;
    auto flush = [&] {
        if (!current.text.empty())
            spans.push_back(current);
        current.text.clear();
    };
    std::size_t at = 0;
    while (at < resolved.size()) {
        char const c = resolved[at];
        if (c == '\\' && at + 1 < resolved.size()) {
            current.text += resolved[at + 1];
            at += 2;
        } else if (c == '*' && at + 1 < resolved.size() && resolved[at + 1] == '*') {
            flush();
            current.bold = !current.bold;
            at += 2;
        } else if (resolved.substr(at, k_letter_number_mark.size()) == k_letter_number_mark) {
            current.text += number;
            at += k_letter_number_mark.size();
        } else {
            current.text += c;
            ++at;
        }
    }
    flush();
    return spans;
}

std::string whatsapp_international(std::string_view number)
{
    std::string digits;
    for (char c : number)
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
    // A national number's trunk prefix 0 becomes Indonesia's country code 62.
    if (!digits.empty() && digits.front() == '0')
        digits = "62" + digits.substr(1);
    return digits;
}

namespace {

    // The number of copies as intake stored it (text or a JSON number),
    // within 1 and k_max_mark_copies: the form's own bounds were checked at
    // intake, these only keep a printout finite.
    int mark_copies(std::string const& path, LetterFacts const& facts)
    {
        auto const dot = path.find('.');
        if (dot == std::string::npos)
            return 1;
        auto const group = facts.values.find(path.substr(0, dot));
        if (group == facts.values.end() || !group->is_object())
            return 1;
        auto const value = group->find(path.substr(dot + 1));
        long long copies = 1;
        if (value != group->end() && value->is_number_integer())
            copies = value->get<long long>();
        else if (value != group->end() && value->is_string()) {
            std::string const text = value->get<std::string>();
            std::from_chars(text.data(), text.data() + text.size(), copies);
        }
        return static_cast<int>(std::clamp<long long>(copies, 1, k_max_mark_copies));
    }

    LetterMark resolve_mark(LetterMarkTemplate const& mark, SopDefinition const& definition, LetterFacts const& facts)
    {
        LetterMark resolved { .text = resolve_letter_text(mark.text, definition, facts), .copies = mark_copies(mark.copies_field, facts), .details = {} };
        for (auto const& [label, value] : mark.details)
            resolved.details.emplace_back(label, std::string(trim(resolve_letter_text(value, definition, facts))));
        return resolved;
    }

}

ResolvedLetter resolve_letter(SopDefinition const& definition, LetterTemplate const& letter, LetterFacts const& facts)
{
    auto text = [&](std::string const& raw) { return resolve_letter_text(raw, definition, facts); };
    ResolvedLetter resolved { .title = text(letter.title), .subtitle = text(letter.subtitle), .subject = text(letter.subject), .body = {} };
    for (auto const& block : letter.body)
        resolved.body.push_back(resolve_block(block, definition, facts));
    if (letter.whatsapp && !facts.whatsapp.empty() && !letter.whatsapp_text.empty())
        resolved.body.push_back({ .kind = LetterBlock::Kind::Paragraph, .text = text(letter.whatsapp_text),
            .qr = "https://wa.me/" + whatsapp_international(facts.whatsapp) });
    if (!letter.closing.empty())
        resolved.body.push_back({ .kind = LetterBlock::Kind::Paragraph, .text = text(letter.closing) });
    if (letter.output == LetterOutput::Marks && letter.mark)
        resolved.mark = resolve_mark(*letter.mark, definition, facts);
    return resolved;
}

namespace {

    struct PlaceholderCheck {
        SopDefinition const& definition;
        std::vector<PlaceholderProblem>& problems;

        void problem(int line, std::string message) { problems.push_back({ line, std::move(message) }); }

        // A field of a group, or a display value the check derived from one.
        bool names_field(InputGroup const& group, std::string const& name) const
        {
            return names_group_value(definition, group, name);
        }

        std::string path_problem(std::vector<std::string> const& path, std::string const& rows_group) const
        {
            auto const& head = path.front();
            if (path.size() == 1 && !rows_group.empty() && head != "whatsapp") {
                InputGroup const* rows = definition.form.find_group(rows_group);
                return !rows || names_field(*rows, head) ? "" : "tidak menyebut isian kelompok baris '" + rows_group + "'";
            }
            if (path.size() == 1)
                return head == "whatsapp" ? "" : "tidak dikenal";
            if (head == "office")
                return path.size() == 2 && (path[1] == "name" || path[1] == "regency" || path[1] == "district")
                    ? ""
                    : "hanya {office.name}, {office.regency} dan {office.district} yang ada";
            if (head == "case")
                return path.size() == 2 && (path[1] == "registration_number" || path[1] == "submitted_date")
                    ? ""
                    : "hanya {case.registration_number} dan {case.submitted_date} yang ada";
            if (head == "letter")
                return path.size() == 2 && path[1] == "number" ? "" : "hanya {letter.number} yang ada";
            if (head == "step") {
                if (path.size() != 3 || path[2] != "date")
                    return "tulis {step.ID_LANGKAH.date}";
                return definition.find_step(path[1]) ? "" : "langkah '" + path[1] + "' tidak ada";
            }
            if (head == "documents") {
                if (path.size() != 3 || (path[2] != "number" && path[2] != "date" && path[2] != "valid_until"))
                    return "tulis {documents.ID_DOKUMEN.number}, .date atau .valid_until";
                return definition.find_document(path[1]) ? "" : "dokumen '" + path[1] + "' tidak ada";
            }
            InputGroup const* group = definition.form.find_group(head);
            if (!group)
                return "tidak menyebut kelompok isian formulir";
            if (path.size() != 2)
                return "tulis {KELOMPOK.ISIAN}";
            if (group->kind == GroupKind::Rows && head != rows_group)
                return "kelompok baris '" + head + "' hanya dapat dipakai di dalam blok rows miliknya";
            return names_field(*group, path[1]) ? "" : "tidak menyebut isian formulir (kelompok '" + head + "' tidak punya isian '" + path[1] + "')";
        }

        void text(std::string const& raw, int line, std::string const& rows_group = {})
        {
            bool const closed = scan(raw, [](std::string_view) {}, [&](std::string_view inside) {
                auto parts = split(inside, '|');
                std::string const shown = "{" + std::string(inside) + "}";
                if (auto why = path_problem(split(parts.front(), '.'), rows_group); !why.empty())
                    problem(line, "placeholder " + shown + " " + why + ".");
                for (std::size_t i = 1; i < parts.size(); ++i)
                    if (!known_modifier(parts[i]))
                        problem(line, "placeholder " + shown + ": pengubah '|" + parts[i]
                                + "' tidak dikenal (yang ada: |upper, |title, |date, |date_words, |number_words, |sex).");
            });
            if (!closed)
                problem(line, "kurung kurawal '{' tidak ditutup: " + raw);
        }
    };

}

std::vector<PlaceholderProblem> placeholder_problems(SopDefinition const& definition)
{
    std::vector<PlaceholderProblem> problems;
    if (!definition.letter)
        return problems;
    auto const& letter = *definition.letter;
    PlaceholderCheck check { definition, problems };
    for (auto const* text : { &letter.title, &letter.subtitle, &letter.subject, &letter.whatsapp_text, &letter.closing })
        check.text(*text, letter.line);
    for (auto const& block : letter.body) {
        check.text(block.text, block.line);
        for (auto const& [label, value] : block.table) {
            check.text(label, block.line);
            check.text(value, block.line);
        }
        for (auto const& item : block.items)
            check.text(item, block.line);
        if (block.kind == LetterBlockTemplate::Kind::Rows) {
            InputGroup const* group = definition.form.find_group(block.rows);
            if (!group || group->kind != GroupKind::Rows)
                check.problem(block.line, "blok rows menyebut '" + block.rows + "', yang bukan kelompok baris formulir.");
        }
        for (auto const& [heading, value] : block.columns) {
            check.text(heading, block.line);
            check.text(value, block.line, block.rows);
        }
    }
    if (!letter.signer_role.empty() && !definition.find_role(letter.signer_role))
        check.problem(letter.line, "peran penanda tangan '" + letter.signer_role + "' tidak ada di [[roles]].");
    if (!letter.register_id.empty()) {
        RegisterDefinition const* book = definition.find_register(letter.register_id);
        if (!book || book->kind != RegisterKind::Letter)
            check.problem(letter.line, "register surat '" + letter.register_id + "' tidak ada atau bukan register berjenis letter.");
    }
    return problems;
}

}
