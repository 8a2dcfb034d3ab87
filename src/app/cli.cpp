#include "app/cli.hpp"

#include <cstdlib>
#include <iostream>

namespace sopir::app {

static std::string env_or(char const* name, char const* fallback)
{
    char const* value = std::getenv(name);
    return value && *value ? value : fallback;
}

int run_cli(int argc, char** argv)
{
    CliContext context;
    context.regions_dir = env_or("SOPIR_REGIONS_DIR", SOPIR_DEFAULT_REGIONS_DIR);
    context.sops_dir = env_or("SOPIR_SOPS_DIR", SOPIR_DEFAULT_SOPS_DIR);
    context.db_url = env_or("SOPIR_DB", "sqlite://var/sopir.db");
    context.seal_secret_file = env_or("SOPIR_SEAL_SECRET", "var/segel.key");
    context.holidays_file = env_or("SOPIR_HOLIDAYS", SOPIR_DEFAULT_HOLIDAYS_FILE);

    CLI::App app { "sopir — layanan SOP kantor kecamatan", "sopir" };
    app.set_version_flag("--version", SOPIR_VERSION);
    app.require_subcommand(1);
    // The global options below may also follow the command, as the README
    // writes them (`sopir serve --db URL --listen …`): a command passes an
    // option it does not know up to its parent. Set before the commands are
    // added, since CLI11 copies it into each subcommand when it is made.
    app.fallthrough();
    // Every option may also come from a TOML file: top-level keys for the
    // global options (db = "…", regions = "…"), [serve] etc. for a command's.
    app.set_config("--config", "", "Berkas konfigurasi TOML (kunci sama dengan nama opsi)")->envname("SOPIR_CONFIG");
    app.add_option("--regions", context.regions_dir, "Direktori CSV data wilayah (idn-area-data)")
        ->envname("SOPIR_REGIONS_DIR");
    app.add_option("--sops", context.sops_dir, "Direktori definisi SOP (*.toml)")
        ->envname("SOPIR_SOPS_DIR");
    app.add_option("--db", context.db_url, "URL basis data: sqlite:///jalur/sopir.db atau postgresql://pengguna:sandi@host:port/nama")
        ->envname("SOPIR_DB");
    app.add_option("--seal-secret", context.seal_secret_file, "Berkas rahasia segel dan kunci audit kantor (mode 0600; sama di setiap server)")
        ->envname("SOPIR_SEAL_SECRET");
    app.add_option("--holidays", context.holidays_file, "Berkas CSV hari libur nasional dan cuti bersama (tanggal,jenis,keterangan)")
        ->envname("SOPIR_HOLIDAYS");

    register_identity_commands(app, context);
    register_region_commands(app, context);
    register_sop_commands(app, context);
    register_store_commands(app, context);
    register_audit_commands(app, context);
    register_serve_commands(app, context);
    register_letter_commands(app, context);
    register_holiday_commands(app, context);

    try {
        app.parse(argc, argv);
    } catch (CLI::CallForHelp const& e) {
        return app.exit(e);
    } catch (CLI::CallForAllHelp const& e) {
        return app.exit(e);
    } catch (CLI::CallForVersion const& e) {
        return app.exit(e);
    } catch (CLI::ParseError const& e) {
        app.exit(e);
        return k_exit_misuse;
    }
    return context.exit_code;
}

}
