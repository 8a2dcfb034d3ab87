#pragma once
// The SOP definitions of an installation: every sops/*.toml, loaded and
// validated once at start (STYLE.md, practice 2).

#include "core/result.hpp"
#include "core/sop.hpp"
#include "store/store.hpp"

#include <set>
#include <string>
#include <vector>

namespace sopir::app {

// Reads one definition; the error names the file and every problem in it.
// Its version is the SHA-256 of the file's text.
Result<SopDefinition> load_sop_file(std::string const& path);

// Every *.toml in `dir`, sorted by id. One bad file fails the whole catalog:
// a service must not start with a definition it cannot run.
Result<std::vector<SopDefinition>> load_sop_catalog(std::string const& dir);

// Definition versions, at start: keeps the text of each definition of the
// catalog (read again from `dir`) in the database, gives the current version
// to the cases that record none (cases filed before versions were kept), and
// returns the earlier versions that cases still name, loaded from the text
// the database keeps, for Desk::set_earlier_versions.
Result<std::vector<SopDefinition>> keep_sop_versions(store::Store&, std::vector<SopDefinition> const& catalog, std::string const& dir,
    Timestamp now);

// The role ids any definition names.
std::set<std::string> known_roles(std::vector<SopDefinition> const&);

}
