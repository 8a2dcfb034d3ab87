#pragma once
// The command line: one CLI11 app, each command group registered by its own
// file (cli_identity.cpp, cli_region.cpp, cli_sop.cpp, …).

#include <CLI/CLI.hpp>

#include <string>

namespace sopir::app {

// Exit statuses shared by every command: 0 done / valid, 1 the input is
// invalid (e.g. a NIK that fails validation), 2 misuse or a failure to run.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_invalid = 1;
inline constexpr int k_exit_misuse = 2;

struct CliContext {
    std::string regions_dir; // idn-area-data's CSV directory.
    std::string sops_dir;    // Directory of sops/*.toml.
    std::string db_url;      // sqlite:///path or postgresql://…
    // The seal secret (outside the database): the offices' seal and audit
    // keys derive from it. serve makes it on a fresh database.
    std::string seal_secret_file;
    // The national holidays and cuti bersama (data/hari_libur.csv): working
    // time skips them.
    std::string holidays_file;
    int exit_code { k_exit_ok };
};

void register_identity_commands(CLI::App&, CliContext&); // nik, kk
void register_region_commands(CLI::App&, CliContext&);   // region
void register_sop_commands(CLI::App&, CliContext&);      // sop show, sop check
void register_store_commands(CLI::App&, CliContext&);    // db, office, user, demo, backup, restore
void register_audit_commands(CLI::App&, CliContext&);    // audit verify, audit export-heads
void register_serve_commands(CLI::App&, CliContext&);    // serve
void register_letter_commands(CLI::App&, CliContext&);   // letter revoke
void register_holiday_commands(CLI::App&, CliContext&);  // holiday list, add, remove

int run_cli(int argc, char** argv);

}
