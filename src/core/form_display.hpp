#pragma once
// A recorded application as people read it: each group of the service's
// form with its fields' labels and values in words (an option's label, a
// date in Indonesian, a region's name), rows as a table. What the staff
// screen shows a step's person to check; pure.

#include "core/form.hpp"
#include "core/sop.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sopir {

struct DisplayedField {
    std::string label;
    std::string value; // "" when left empty.
};

struct DisplayedGroup {
    std::string id;
    std::string label;
    GroupKind kind { GroupKind::Fields };
    std::vector<DisplayedField> fields;        // Fields and Person groups.
    std::vector<std::string> columns;          // Rows groups: the fields' labels.
    std::vector<std::vector<std::string>> rows; // Rows groups: a value per column.
};

// `input` is the application as the form's input ({GROUP: {…}, ROWS: [{…}]},
// as desk::stored_input gives it); groups absent from it are shown empty.
std::vector<DisplayedGroup> display_form(FormDefinition const&, nlohmann::json const& input);

// The same, with what the definition's rules derive into a group (the
// class of a move) shown after that group's fields.
std::vector<DisplayedGroup> display_form(SopDefinition const&, nlohmann::json const& input);

// One field's value in words.
std::string display_value(InputField const&, nlohmann::json const& group_values);

}
