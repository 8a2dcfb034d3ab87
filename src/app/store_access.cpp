#include "app/store_access.hpp"

#include "app/cli.hpp"
#include "letters/signing.hpp"
#include "store/backup.hpp"
#include "desk/letter_desk.hpp"

#include <sodium.h>

#include <filesystem>
#include <iostream>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace sopir::app {

void prepare_sqlite_directory(store::DatabaseUrl const& url)
{
    if (url.backend != store::Backend::Sqlite)
        return;
    auto const parent = std::filesystem::path(url.sqlite_path).parent_path();
    if (!parent.empty()) {
        std::error_code ignored;
        std::filesystem::create_directories(parent, ignored);
    }
}

Result<std::optional<std::string>> load_seal_secret_if_present(store::Store& store, std::string const& path)
{
    auto secret = desk::load_or_create_seal_secret(path, desk::MissingSealSecret::Refuse);
    if (secret.ok())
        return std::optional<std::string>(std::move(*secret));
    (void)store;
    if (secret.error().kind != ErrorKind::NotFound)
        return secret.error();
    return std::optional<std::string> {};
}

Status use_audit_key(store::Store& store, std::string const& seal_secret)
{
    auto key = derive_audit_mac_key(seal_secret);
    if (!key.ok())
        return key.error();
    store.set_audit_mac_key(std::move(*key));
    return Ok {};
}

Result<OpenStore> open_store(std::string const& text, MigrateOnOpen migrate, std::size_t pool_size, std::string const& seal_secret_file)
{
    auto url = store::parse_database_url(text);
    if (!url.ok())
        return url.error();
    prepare_sqlite_directory(*url);
    auto database = migrate == MigrateOnOpen::Yes ? store::Database::open_and_migrate(*url, pool_size) : store::Database::open(*url, pool_size);
    if (!database.ok())
        return database.error();
    OpenStore opened;
    opened.database = std::move(*database);
    opened.store = store::make_soci_store(*opened.database);
    if (!seal_secret_file.empty() && migrate == MigrateOnOpen::Yes) {
        auto secret = load_seal_secret_if_present(*opened.store, seal_secret_file);
        if (!secret.ok())
            return secret.error();
        if (!*secret) {
            // Rows written without the key are reported by `audit verify`
            // once the chain has keyed rows: say so where it can be helped.
            if (auto sealed = opened.store->has_office_seals(); sealed.ok() && *sealed)
                std::cerr << "sopir: peringatan: berkas rahasia segel " << seal_secret_file << " tidak ada; jejak audit ditulis tanpa MAC "
                          << "dan akan dilaporkan oleh `sopir audit verify`. Beri --seal-secret FILE milik server.\n";
        } else {
            auto used = use_audit_key(*opened.store, **secret);
            sodium_memzero((*secret)->data(), (*secret)->size());
            if (!used.ok())
                return used.error();
        }
    }
    return opened;
}

// Runs a program (no shell) and returns its exit status.
static int run_program(std::vector<std::string> const& arguments)
{
    std::vector<char*> argv;
    for (auto const& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    pid_t pid;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
        std::cerr << "sopir: " << arguments[0] << " tidak dapat dijalankan (paket postgresql-client terpasang?).\n";
        return 127;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int run_backup(std::string const& db_url, std::string const& file)
{
    auto url = store::parse_database_url(db_url);
    if (!url.ok()) {
        std::cerr << "sopir: " << url.error().message << "\n";
        return k_exit_misuse;
    }
    if (std::filesystem::exists(file)) {
        std::cerr << "sopir: berkas cadangan " << file << " sudah ada; pilih nama lain.\n";
        return k_exit_misuse;
    }
    if (url->backend == store::Backend::Postgresql) {
        // pg_dump takes a consistent snapshot while the service runs; it
        // writes into a file made readable by its owner only.
        if (auto created = store::create_private_file(file); !created.ok()) {
            std::cerr << "sopir: " << created.error().message << "\n";
            return k_exit_misuse;
        }
        int const status = run_program({ "pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + url->postgresql_conninfo });
        if (status != 0) {
            std::filesystem::remove(file);
            std::cerr << "sopir: pg_dump gagal (status " << status << ").\n";
            return k_exit_misuse;
        }
    } else {
        auto opened = open_store(db_url, MigrateOnOpen::No, 1);
        if (!opened.ok()) {
            std::cerr << "sopir: " << opened.error().message << "\n";
            return k_exit_misuse;
        }
        auto done = store::backup_sqlite(*opened->database, file);
        if (!done.ok()) {
            std::cerr << "sopir: " << done.error().message << "\n";
            return k_exit_misuse;
        }
    }
    std::cout << "Cadangan " << url->text << " tersimpan di " << file << ".\n";
    return k_exit_ok;
}

int run_restore(std::string const& db_url, std::string const& file)
{
    auto url = store::parse_database_url(db_url);
    if (!url.ok()) {
        std::cerr << "sopir: " << url.error().message << "\n";
        return k_exit_misuse;
    }
    if (!std::filesystem::exists(file)) {
        std::cerr << "sopir: berkas cadangan " << file << " tidak ada.\n";
        return k_exit_misuse;
    }
    if (url->backend == store::Backend::Postgresql) {
        auto opened = open_store(db_url, MigrateOnOpen::No, 1);
        if (!opened.ok()) {
            std::cerr << "sopir: " << opened.error().message << "\n";
            return k_exit_misuse;
        }
        auto empty = store::is_empty_database(*opened->database);
        if (!empty.ok() || !*empty) {
            std::cerr << "sopir: basis data tujuan " << url->text << " tidak kosong; pemulihan hanya ke basis data kosong.\n";
            return k_exit_misuse;
        }
        opened->store.reset();
        opened->database.reset();
        int const status = run_program({ "pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname=" + url->postgresql_conninfo, file });
        if (status != 0) {
            std::cerr << "sopir: pg_restore gagal (status " << status << ").\n";
            return k_exit_misuse;
        }
    } else {
        prepare_sqlite_directory(*url);
        auto done = store::restore_sqlite(file, *url);
        if (!done.ok()) {
            std::cerr << "sopir: " << done.error().message << "\n";
            return k_exit_misuse;
        }
    }
    // Bring the restored schema up to this binary's version.
    auto opened = open_store(db_url);
    if (!opened.ok()) {
        std::cerr << "sopir: " << opened.error().message << "\n";
        return k_exit_misuse;
    }
    std::cout << "Cadangan " << file << " dipulihkan ke " << url->text << ".\n";
    return k_exit_ok;
}

}
