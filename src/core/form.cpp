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

std::string parent_region_key(std::string_view field_name, std::string_view level)
{
    std::string_view base = field_name;
    if (base.ends_with("_code"))
        base.remove_suffix(5);
    return std::string(base) + "_" + std::string(level) + "_name";
}

bool names_kept_value(InputGroup const& group, std::string_view name)
{
    static constexpr std::array<std::pair<std::string_view, RegionLevel>, 3> k_parents { {
        { "province", RegionLevel::Province }, { "regency", RegionLevel::Regency }, { "district", RegionLevel::District } } };
    for (auto const& field : group.fields) {
        if (field.type != InputType::Village && field.type != InputType::Region)
            continue;
        std::string_view const own = field.name;
        if (name.size() == own.size() + 5 && name.starts_with(own) && name.ends_with("_name"))
            return true;
        if (own.ends_with("_code") && name.ends_with("_name") && name.size() == own.size() && own.substr(0, own.size() - 5) == name.substr(0, name.size() - 5))
            return true;
        // A village field is of the office's own kecamatan: its parents are
        // the office's, and are not kept.
        if (field.type != InputType::Region)
            continue;
        for (auto const& [word, parent] : k_parents)
            if (static_cast<int>(parent) < static_cast<int>(field.level) && name == parent_region_key(own, word))
                return true;
    }
    return false;
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
