#pragma once
// Opening the database from the command line, and backup/restore, which on
// PostgreSQL run pg_dump / pg_restore.

#include "core/result.hpp"
#include "store/database.hpp"
#include "store/store.hpp"

#include <memory>
#include <optional>
#include <string>

namespace sopir::app {

enum class MigrateOnOpen { Yes, No };

struct OpenStore {
    std::unique_ptr<store::Database> database;
    std::unique_ptr<store::Store> store;
};

// Parses the URL, creates a SQLite file's directory, opens the pool and (by
// default) applies the migrations, refusing a newer schema.
// With `seal_secret_file`, the rows it writes carry the audit MAC when that
// file is there (checked as serve checks it); when it is not, rows are
// written without, with a warning if the database has seals.
Result<OpenStore> open_store(std::string const& url, MigrateOnOpen = MigrateOnOpen::Yes, std::size_t pool_size = 4,
    std::string const& seal_secret_file = {});

// The seal secret at `path` when it is there (checked: no symlink, mode
// 0600), nothing when it is not.
Result<std::optional<std::string>> load_seal_secret_if_present(store::Store&, std::string const& path);

// Gives the store the rows' MAC key derived from the seal secret.
Status use_audit_key(store::Store&, std::string const& seal_secret);

// For sqlite://var/sopir.db: makes var/ if it is not there.
void prepare_sqlite_directory(store::DatabaseUrl const&);

int run_backup(std::string const& db_url, std::string const& file);
int run_restore(std::string const& db_url, std::string const& file);

}
