#include "core/form_display.hpp"

#include "core/date.hpp"
#include "core/form_check.hpp"
#include "core/indonesian.hpp"

#include <algorithm>

namespace sopir {

namespace {

std::string text_of(nlohmann::json const& values, std::string const& key)
{
    if (!values.is_object())
        return {};
    auto found = values.find(key);
    return found != values.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}

std::string display_value(InputField const& field, nlohmann::json const& group_values)
{
    std::string const value = text_of(group_values, field.name);
    if (value.empty())
        return value;
    switch (field.type) {
    case InputType::Select:
        for (auto const& option : field_options(field))
            if (option.id == value)
                return option.label;
        return value;
    case InputType::Date: {
        auto const date = parse_iso_date(value);
        return date ? format_date_id(*date) : value;
    }
    case InputType::Village:
    case InputType::Region: {
        std::string const name = text_of(group_values, display_key(field.name));
        return name.empty() ? value : name;
    }
    default: return value;
    }
}

std::vector<DisplayedGroup> display_form(FormDefinition const& form, nlohmann::json const& input)
{
    std::vector<DisplayedGroup> groups;
    for (auto const& group : form.groups) {
        DisplayedGroup shown { .id = group.id, .label = group.label, .kind = group.kind };
        nlohmann::json const empty = nlohmann::json::object();
        auto const found = input.is_object() ? input.find(group.id) : input.end();
        nlohmann::json const& values = input.is_object() && found != input.end() ? *found : empty;
        if (group.kind != GroupKind::Rows) {
            for (auto const& field : group.fields)
                shown.fields.push_back({ field.label, display_value(field, values) });
        } else {
            for (auto const& field : group.fields)
                shown.columns.push_back(field.label);
            for (auto const& row : values.is_array() ? values : nlohmann::json::array()) {
                std::vector<std::string> cells;
                for (auto const& field : group.fields)
                    cells.push_back(display_value(field, row));
                shown.rows.push_back(std::move(cells));
            }
        }
        groups.push_back(std::move(shown));
    }
    return groups;
}

// The label of what a rule derives, by the rule's kind.
std::string derived_label(RuleDefinition const& rule)
{
    return rule.check == "derive_move_class" ? "Klasifikasi perpindahan" : "Dihitung otomatis";
}

std::vector<DisplayedGroup> display_form(SopDefinition const& definition, nlohmann::json const& input)
{
    std::vector<DisplayedGroup> groups = display_form(definition.form, input);
    for (auto const& rule : definition.rules) {
        auto const into = rule.params.find("into");
        auto const dot = into == rule.params.end() ? std::string::npos : into->second.find('.');
        if (dot == std::string::npos)
            continue;
        std::string const group_id = into->second.substr(0, dot);
        auto group = std::find_if(groups.begin(), groups.end(), [&](DisplayedGroup const& each) { return each.id == group_id; });
        auto const values = input.is_object() ? input.find(group_id) : input.end();
        if (group == groups.end() || group->kind == GroupKind::Rows || values == input.end())
            continue;
        group->fields.push_back({ derived_label(rule), text_of(*values, into->second.substr(dot + 1)) });
    }
    return groups;
}

}
