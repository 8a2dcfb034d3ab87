#pragma once
// The SOP definitions of an installation: every sops/*.toml, loaded and
// validated once at start (STYLE.md, practice 2).

#include "core/result.hpp"
#include "core/sop.hpp"

#include <set>
#include <string>
#include <vector>

namespace sopir::app {

// Reads one definition; the error names the file and every problem in it.
Result<SopDefinition> load_sop_file(std::string const& path);

// Every *.toml in `dir`, sorted by id. One bad file fails the whole catalog:
// a service must not start with a definition it cannot run.
Result<std::vector<SopDefinition>> load_sop_catalog(std::string const& dir);

// The role ids any definition names.
std::set<std::string> known_roles(std::vector<SopDefinition> const&);

}
