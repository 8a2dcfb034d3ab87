#pragma once
// Helpers shared by the identity and region commands: the office's "today",
// loading the region data once per command, and regions as JSON.

#include "app/cli.hpp"
#include "core/date.hpp"
#include "core/regions.hpp"
#include "core/result.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace sopir::app {

// The seed office (Kecamatan Candi Laras Utara, Kabupaten Tapin, Kalimantan
// Selatan) keeps WITA, UTC+08:00. Until the office configuration carries its
// own zone, the CLI's "today" is the date there, not the machine's zone:
// a server in a WIB data centre must not date a NIK check a day early.
inline constexpr int k_office_utc_offset_minutes = 8 * 60;

// The system clock's time, as the store records it: seconds since the epoch.
Timestamp now();

// Today in the office's zone, from the system clock (the app may read it;
// the core may not).
Date office_today();

// Parses a --today / --birth-date value; on a bad value prints why to stderr
// and sets the misuse exit status.
std::optional<Date> date_option(std::string const& option_name, std::string const& value, CliContext&);

// The region data from context.regions_dir; when it is missing or broken,
// prints the reason to stderr and sets the misuse exit status.
std::optional<Regions> load_regions_for_cli(CliContext&);

// {"code": "63.05.06", "name": "Candi Laras Utara"}, or null.
nlohmann::ordered_json region_json(std::optional<Region> const&);

// Prints "sopir: <message>" to stderr and returns the exit status.
int fail(Error const&, int exit_code = k_exit_misuse);

// JSON text as the commands print it: indented, invalid UTF-8 replaced
// rather than thrown on.
std::string dump_json(nlohmann::ordered_json const&);

}
