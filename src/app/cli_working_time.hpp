#pragma once
// Working time on the command line: the holiday file (--holidays) that
// `serve` reads, `sopir holiday list|add|remove` for the national list and
// an office's own days, and `sopir office hours` for an office's hours.

#include "app/cli.hpp"
#include "core/result.hpp"
#include "core/working_time.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace sopir::app {

// The national holidays and cuti bersama of the file (data/hari_libur.csv's
// form); Invalid naming the file and line when it cannot be read.
Result<std::vector<Holiday>> load_holidays_file(std::string const& path);

// `sopir holiday list [--office CODE] [--year YYYY]`,
// `sopir holiday add --office CODE DATE NAME`, `sopir holiday remove --office CODE DATE`.
void register_holiday_commands(CLI::App&, CliContext&);

// `sopir office hours --code CODE [--set "Sen-Kam 07:30-12:00 13:00-16:00; …" | --default]`.
void register_office_hours_command(CLI::App& office, CliContext&);

}
