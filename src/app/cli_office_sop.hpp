#pragma once
// The command-line parts of definition versions and the office's own SOP
// data: `sopir office sop`, `sopir sop show --office` and
// `sopir sop check --open-cases`.

#include "app/cli.hpp"
#include "core/result.hpp"
#include "core/model.hpp"
#include "core/sop.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace sopir::app {

// `sopir office sop SERVICE --code CODE [--number …] [--revised DATE]
// [--effective DATE] [--approved-by …] [--minutes STEP=N]…`
void register_office_sop_command(CLI::App& office, CliContext&);

// The definition as the office `office_code` states it, from the database
// (--db); prints the error and returns the exit code on failure.
Result<SopDefinition> office_stated(CliContext const&, SopDefinition const& file, std::string const& office_code);

// The printed SOP (desk/sop_print.hpp) as the office `office_code` states
// it, under its kop, on `paper` or else its own paper (--db).
Result<std::string> office_printed_sop(CliContext const&, SopDefinition const& file, std::string const& office_code,
    std::optional<PaperSize> paper);

// Refuses (prints and returns k_exit_invalid) a changed definition that
// would strand open cases in the database (--db): a step or state they wait
// in that it no longer has. k_exit_ok when none would be.
int check_open_cases(CliContext const&, SopDefinition const& changed, std::string const& path);

}
