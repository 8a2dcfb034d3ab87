#pragma once
// Opening the database from the command line, and backup/restore, which on
// PostgreSQL run pg_dump / pg_restore.

#include "core/result.hpp"
#include "store/database.hpp"
#include "store/store.hpp"

#include <memory>
#include <string>

namespace sopir::app {

enum class MigrateOnOpen { Yes, No };

struct OpenStore {
    std::unique_ptr<store::Database> database;
    std::unique_ptr<store::Store> store;
};

// Parses the URL, creates a SQLite file's directory, opens the pool and (by
// default) applies the migrations, refusing a newer schema.
Result<OpenStore> open_store(std::string const& url, MigrateOnOpen = MigrateOnOpen::Yes, std::size_t pool_size = 4);

// For sqlite://var/sopir.db: makes var/ if it is not there.
void prepare_sqlite_directory(store::DatabaseUrl const&);

int run_backup(std::string const& db_url, std::string const& file);
int run_restore(std::string const& db_url, std::string const& file);

}
