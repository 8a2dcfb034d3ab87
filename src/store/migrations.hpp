#pragma once
// Numbered schema migrations (src/store/migrations/NNNN_name.sql), compiled
// into the binary and applied in order, each once and in its own
// transaction, recorded in schema_migrations.

#include "core/result.hpp"

#include <string>
#include <vector>

namespace soci {
class session;
}

namespace sopir::store {

enum class Backend { Sqlite, Postgresql };

struct Migration {
    int version;
    char const* name;
    char const* sql;
};

std::vector<Migration> const& embedded_migrations();

// The statements of one migration for one database: placeholders replaced,
// the other dialect's blocks dropped, split into single statements.
std::vector<std::string> migration_statements(std::string const& sql, Backend);

struct MigrationReport {
    int from_version { 0 };
    int to_version { 0 };
    std::vector<std::string> applied; // Names, in order.
};

// Applies what is missing. Refuses (Error::conflict) a database whose schema
// is newer than this binary knows: an older binary must not write to it.
Result<MigrationReport> migrate(soci::session&, Backend);

// The schema version recorded in the database (0 for an empty database).
Result<int> schema_version(soci::session&);
int latest_schema_version();

}
