#include "core/form.hpp"

#include <array>
#include <utility>

namespace sopir {

namespace {

    constexpr std::array<std::pair<InputType, std::string_view>, 13> k_input_types { {
        { InputType::Text, "text" },
        { InputType::Textarea, "textarea" },
        { InputType::Name, "name" },
        { InputType::Integer, "integer" },
        { InputType::Date, "date" },
        { InputType::Time, "time" },
        { InputType::Select, "select" },
        { InputType::Nik, "nik" },
        { InputType::Kk, "kk" },
        { InputType::Phone, "phone" },
        { InputType::RtRw, "rt_rw" },
        { InputType::Village, "village" },
        { InputType::Region, "region" },
    } };

}

std::string_view to_string(InputType type)
{
    for (auto const& [each, name] : k_input_types)
        if (each == type)
            return name;
    return "text";
}

std::optional<InputType> parse_input_type(std::string_view name)
{
    for (auto const& [each, spelled] : k_input_types)
        if (spelled == name)
            return each;
    return std::nullopt;
}

InputGroup const* FormDefinition::find_group(std::string_view id) const
{
    for (auto const& group : groups)
        if (group.id == id)
            return &group;
    return nullptr;
}

InputGroup const* FormDefinition::subject() const
{
    for (auto const& group : groups)
        if (group.subject)
            return &group;
    return nullptr;
}

InputField const* FormDefinition::find_field(std::string_view path) const
{
    auto const dot = path.find('.');
    if (dot == std::string_view::npos)
        return nullptr;
    InputGroup const* group = find_group(path.substr(0, dot));
    if (!group)
        return nullptr;
    for (auto const& field : group->fields)
        if (field.name == path.substr(dot + 1))
            return &field;
    return nullptr;
}

}
