#pragma once
// Backup and restore. SQLite: the online backup API, which copies a
// consistent snapshot while the service goes on writing (WAL mode lets the
// writers continue). PostgreSQL: pg_dump / pg_restore, run by the app (see
// README, "Backup").

#include "core/result.hpp"
#include "store/database.hpp"

#include <string>

namespace sopir::store {

// Copies the open SQLite database into `file` (which must not exist).
Status backup_sqlite(Database&, std::string const& file);

// Copies the SQLite backup `file` into the database at `target`, which must
// be empty (no schema yet). The result is then migrated like any database.
Status restore_sqlite(std::string const& file, DatabaseUrl const& target);

// True when the database has no sopir schema yet (restoring into it is safe).
Result<bool> is_empty_database(Database&);

}
