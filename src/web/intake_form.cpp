#include "web/intake_form.hpp"

#include "core/form_check.hpp"

#include <algorithm>

namespace sopir::web {

namespace {

    // A row's index in an input name, "members.3.nik" → 3; -1 otherwise.
    int row_of(std::string const& name, std::string const& group)
    {
        if (!name.starts_with(group + "."))
            return -1;
        auto const rest = name.substr(group.size() + 1);
        auto const dot = rest.find('.');
        if (dot == std::string::npos || dot == 0 || dot > 4)
            return -1;
        int row = 0;
        for (std::size_t i = 0; i < dot; ++i) {
            if (rest[i] < '0' || rest[i] > '9')
                return -1;
            row = row * 10 + (rest[i] - '0');
        }
        return row;
    }

    // The rows a rows group has in `typed`: one past the highest index.
    int typed_rows(TypedForm const& typed, InputGroup const& group)
    {
        int rows = 0;
        for (auto const& [name, value] : typed)
            if (int const row = row_of(name, group.id); row >= 0 && !value.empty())
                rows = std::max(rows, row + 1);
        return rows;
    }

    // The rows the form showed: one past the highest index posted, empty or not.
    int shown_rows(TypedForm const& typed, InputGroup const& group)
    {
        int rows = 0;
        for (auto const& [name, value] : typed)
            if (int const row = row_of(name, group.id); row >= 0)
                rows = std::max(rows, row + 1);
        return rows;
    }

    std::string value_of(TypedForm const& typed, std::string const& name)
    {
        auto found = typed.find(name);
        return found == typed.end() ? std::string() : found->second;
    }

    FormField input_of(InputField const& field, std::string const& name, TypedForm const& typed, std::span<Region const> villages)
    {
        FormField out { .name = name, .label = field.label, .values = { value_of(typed, name) }, .required = field.required, .help = field.help };
        switch (field.type) {
        case InputType::Textarea: out.kind = FieldKind::TextArea; break;
        case InputType::Date:
            out = date_field(name, field.label, value_of(typed, name), field.required);
            out.help = field.help;
            break;
        case InputType::Nik:
        case InputType::Kk:
        case InputType::RtRw:
        case InputType::Integer: out.inputmode = "numeric"; break;
        // Typed as 24-hour "08:30": a time input would follow the browser's
        // language (AM/PM on an English Windows).
        case InputType::Time: out.placeholder = "JJ:MM"; break;
        case InputType::Phone: out.input_type = "tel"; break;
        case InputType::Select:
            out.kind = FieldKind::Select;
            for (auto const& option : field_options(field))
                out.options.push_back({ option.id, option.label });
            break;
        case InputType::Village:
            out.kind = FieldKind::Select;
            for (auto const& village : villages)
                out.options.push_back({ village.code, village.name });
            break;
        default: break;
        }
        return out;
    }

    std::vector<std::string> document_parts(DocumentDefinition const& document)
    {
        std::vector<std::string> parts;
        if (document.number)
            parts.push_back("number");
        if (document.date)
            parts.push_back("date");
        if (document.valid_until)
            parts.push_back("valid_until");
        return parts;
    }

}

bool shows_as_tick(DocumentDefinition const& document, SopDefinition const& definition)
{
    if (!document.number || document.equals.empty() || document.date || document.valid_until)
        return false;
    InputField const* field = definition.form.find_field(document.equals);
    InputGroup const* group = definition.form.find_group(document.equals.substr(0, document.equals.find('.')));
    return field && group && group->kind != GroupKind::Rows;
}

bool posts_form(Params const& form, SopDefinition const& definition)
{
    return std::any_of(form.entries().begin(), form.entries().end(), [&](auto const& entry) {
        return std::any_of(definition.form.groups.begin(), definition.form.groups.end(),
            [&](InputGroup const& group) { return entry.first.starts_with(group.id + "."); });
    });
}

TypedForm read_typed_form(Params const& form, SopDefinition const& definition)
{
    TypedForm typed;
    for (auto const& group : definition.form.groups) {
        if (group.kind != GroupKind::Rows) {
            for (auto const& field : group.fields)
                typed[group.id + "." + field.name] = form.get(group.id + "." + field.name);
            continue;
        }
        for (auto const& [name, value] : form.entries())
            if (int const row = row_of(name, group.id); row >= 0 && (group.max_rows <= 0 || row < group.max_rows + 5))
                typed.try_emplace(name, value);
    }
    for (auto const& document : definition.documents)
        for (auto const& part : document_parts(document))
            typed["documents." + document.id + "." + part] = form.get("documents." + document.id + "." + part);
    // A document whose number is a field's (the Kartu Keluarga's, the Nomor
    // KK) is ticked as handed in, not typed again.
    for (auto const& document : definition.documents)
        if (shows_as_tick(document, definition)) {
            std::string& number = typed["documents." + document.id + ".number"];
            number = number == k_same_number ? value_of(typed, document.equals) : std::string();
        }
    if (std::string const grow = form.get(k_add_row_input); !grow.empty())
        typed[k_add_row_input] = grow;
    return typed;
}

nlohmann::json form_input(TypedForm const& typed, SopDefinition const& definition)
{
    nlohmann::json input = nlohmann::json::object();
    for (auto const& group : definition.form.groups) {
        if (group.kind != GroupKind::Rows) {
            nlohmann::json object = nlohmann::json::object();
            for (auto const& field : group.fields)
                object[field.name] = value_of(typed, group.id + "." + field.name);
            input[group.id] = std::move(object);
            continue;
        }
        // Each posted row in its place, so that "members.2.nik" names the
        // third row the person sees; empty rows are dropped by the check.
        nlohmann::json rows = nlohmann::json::array();
        for (int row = 0; row < typed_rows(typed, group); ++row) {
            nlohmann::json object = nlohmann::json::object();
            for (auto const& field : group.fields)
                object[field.name] = value_of(typed, group.id + "." + std::to_string(row) + "." + field.name);
            rows.push_back(std::move(object));
        }
        input[group.id] = std::move(rows);
    }
    nlohmann::json documents = nlohmann::json::object();
    for (auto const& document : definition.documents) {
        nlohmann::json entry = nlohmann::json::object();
        for (auto const& part : document_parts(document))
            entry[part] = value_of(typed, "documents." + document.id + "." + part);
        documents[document.id] = std::move(entry);
    }
    input["documents"] = std::move(documents);
    return input;
}

TypedForm typed_form(nlohmann::json const& input, SopDefinition const& definition)
{
    TypedForm typed;
    auto text = [](nlohmann::json const& object, std::string const& key) {
        auto found = object.is_object() ? object.find(key) : object.end();
        return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    for (auto const& group : definition.form.groups) {
        auto found = input.find(group.id);
        if (found == input.end())
            continue;
        if (group.kind != GroupKind::Rows) {
            for (auto const& field : group.fields)
                typed[group.id + "." + field.name] = text(*found, field.name);
            continue;
        }
        if (!found->is_array())
            continue;
        for (std::size_t row = 0; row < found->size(); ++row)
            for (auto const& field : group.fields)
                typed[group.id + "." + std::to_string(row) + "." + field.name] = text((*found)[row], field.name);
    }
    auto documents = input.find("documents");
    for (auto const& document : definition.documents)
        for (auto const& part : document_parts(document))
            if (documents != input.end() && documents->contains(document.id))
                typed["documents." + document.id + "." + part] = text((*documents)[document.id], part);
    return typed;
}

std::vector<FormSection> form_sections(SopDefinition const& definition, TypedForm const& typed, std::span<Region const> villages)
{
    std::vector<FormSection> sections;
    for (auto const& group : definition.form.groups) {
        if (group.kind != GroupKind::Rows) {
            FormSection section { .legend = group.label, .fields = {} };
            for (auto const& field : group.fields)
                section.fields.push_back(input_of(field, group.id + "." + field.name, typed, villages));
            sections.push_back(std::move(section));
            continue;
        }
        int rows = std::max({ group.min_rows, typed_rows(typed, group) + 1, 1 });
        // "Tambah baris": one more than the form showed.
        if (value_of(typed, k_add_row_input) == group.id)
            rows = std::max(rows, shown_rows(typed, group) + 1);
        if (group.max_rows > 0)
            rows = std::min(rows, std::max(group.max_rows, typed_rows(typed, group)));
        for (int row = 0; row < rows; ++row) {
            FormSection section { .legend = group.label + " " + std::to_string(row + 1), .fields = {} };
            for (auto const& field : group.fields) {
                InputField shown = field;
                // A row left wholly empty is no row: its inputs are not
                // each required, the group's minimum is.
                shown.required = field.required && row < group.min_rows;
                section.fields.push_back(input_of(shown, group.id + "." + std::to_string(row) + "." + field.name, typed, villages));
            }
            if (row == rows - 1 && (group.max_rows <= 0 || rows < group.max_rows))
                section.add_row = group.id;
            sections.push_back(std::move(section));
        }
    }
    FormSection documents { .legend = "Dokumen persyaratan", .fields = {} };
    for (auto const& document : definition.documents) {
        std::string const prefix = "documents." + document.id + ".";
        bool const required = document.required && document.alternatives.empty();
        if (shows_as_tick(document, definition)) {
            InputField const* same = definition.form.find_field(document.equals);
            std::string const what = same ? same->label : document.equals;
            documents.fields.push_back({ .name = prefix + "number", .label = document.label, .kind = FieldKind::Checks,
                .values = { value_of(typed, prefix + "number").empty() ? std::string() : std::string(k_same_number) },
                .options = { { k_same_number, "Diterima; nomornya sama dengan " + what } }, .required = required });
        } else if (document.number) {
            documents.fields.push_back({ .name = prefix + "number", .label = "Nomor " + document.label, .values = { value_of(typed, prefix + "number") },
                .required = required });
        }
        if (document.date)
            documents.fields.push_back(date_field(prefix + "date", "Tanggal " + document.label, value_of(typed, prefix + "date"), required));
        if (document.valid_until)
            documents.fields.push_back(date_field(prefix + "valid_until", "Masa berlaku " + document.label, value_of(typed, prefix + "valid_until"), required));
    }
    if (!documents.fields.empty())
        sections.push_back(std::move(documents));
    return sections;
}

}
