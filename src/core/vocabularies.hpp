#pragma once
// Named lists of options a select field of a service's form may take its
// options from (`vocabulary = "religions"` in sops/*.toml), so that every
// service spells a religion, a relationship in the family or a reason for
// moving the same way, as the Kartu Keluarga and SIAK print them.
//
// An option's id is what is stored and printed: the KK's own wording
// ("Kepala Keluarga", "Belum Kawin"), except for sex, stored as the KK's
// letter (L/P). Aliases are the other spellings older KKs and forms print;
// a typed value matches an id, a label or an alias in any case, with
// surrounding and repeated spaces ignored.

#include "core/form.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace sopir {

// The options of a named vocabulary, in the order forms list them; nothing
// for an unknown name.
std::optional<std::vector<InputOption>> vocabulary(std::string_view name);

// Every vocabulary's name: "religions", "marital_statuses", "sex", "shdk",
// "education", "occupations", "blood_types", "citizenships", "move_reasons",
// "move_kinds".
std::vector<std::string_view> vocabulary_names();

// The option `typed` names (by id, label or alias, any case, spaces
// collapsed); null when none does.
InputOption const* find_option(std::vector<InputOption> const& options, std::string_view typed);

}
