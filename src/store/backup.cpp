#include "store/backup.hpp"

#include <soci/soci.h>
// SOCI's SQLite header includes <sqlite3.h> inside namespace sqlite_api.
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>

namespace sopir::store {

using namespace sqlite_api;

namespace {

// Copies every page from `source` to `destination` in one step: on a live
// WAL database this reads one consistent snapshot while writers go on.
Status copy_database(sqlite3* source, sqlite3* destination)
{
    sqlite3_backup* backup = sqlite3_backup_init(destination, "main", source, "main");
    if (!backup)
        return Error::internal(std::string("Cadangan gagal dimulai: ") + sqlite3_errmsg(destination));
    int rc;
    do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return Error::internal(std::string("Cadangan gagal: ") + sqlite3_errstr(rc));
    return Ok {};
}

struct SqliteHandle {
    sqlite3* db { nullptr };
    ~SqliteHandle()
    {
        if (db)
            sqlite3_close(db);
    }
};

}

Status backup_sqlite(Database& database, std::string const& file)
{
    if (database.backend() != Backend::Sqlite)
        return Error::invalid("db", "Cadangan langsung hanya untuk SQLite; untuk PostgreSQL pakai pg_dump.", "backup.backend");
    if (std::filesystem::exists(file))
        return Error::conflict("Berkas cadangan " + file + " sudah ada; pilih nama lain.");
    if (auto created = create_private_file(file); !created.ok())
        return created;
    SqliteHandle destination;
    if (sqlite3_open_v2(file.c_str(), &destination.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return Error::unavailable("Berkas cadangan " + file + " tidak dapat dibuat: " + sqlite3_errmsg(destination.db));
    auto lease = database.lease();
    // The backend is SQLite (checked above). SOCI does not export the
    // backend's type information, so the cast is static.
    auto* backend = static_cast<soci::sqlite3_session_backend*>(lease.sql().get_backend());
    auto copied = copy_database(backend->conn_, destination.db);
    if (!copied.ok()) {
        sqlite3_close(destination.db);
        destination.db = nullptr;
        std::filesystem::remove(file);
        return copied;
    }
    // The copy is a complete database on its own: no WAL beside it.
    sqlite3_exec(destination.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
    return Ok {};
}

Status restore_sqlite(std::string const& file, DatabaseUrl const& target)
{
    if (target.backend != Backend::Sqlite)
        return Error::invalid("db", "Pemulihan dari berkas SQLite hanya ke SQLite; untuk PostgreSQL pakai pg_restore.", "restore.backend");
    if (!std::filesystem::exists(file))
        return Error::not_found("Berkas cadangan " + file + " tidak ada.");
    SqliteHandle source;
    if (sqlite3_open_v2(file.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return Error::unavailable("Berkas cadangan " + file + " tidak dapat dibuka: " + sqlite3_errmsg(source.db));
    char* error = nullptr;
    if (sqlite3_exec(source.db, "SELECT COUNT(*) FROM schema_migrations", nullptr, nullptr, &error) != SQLITE_OK) {
        std::string const message = error ? error : "";
        sqlite3_free(error);
        return Error::invalid("file", "Berkas " + file + " bukan cadangan sopir (" + message + ").", "restore.not_a_backup");
    }
    {
        auto database = Database::open(target, 1);
        if (!database.ok())
            return database.error();
        auto empty = is_empty_database(**database);
        if (!empty.ok())
            return empty.error();
        if (!*empty)
            return Error::conflict("Basis data tujuan " + target.text + " tidak kosong; pemulihan hanya ke basis data kosong.");
    }
    SqliteHandle destination;
    if (sqlite3_open_v2(target.sqlite_path.c_str(), &destination.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return Error::unavailable("Basis data tujuan tidak dapat dibuka: " + std::string(sqlite3_errmsg(destination.db)));
    auto copied = copy_database(source.db, destination.db);
    if (!copied.ok())
        return copied;
    sqlite3_exec(destination.db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
    return Ok {};
}

Result<bool> is_empty_database(Database& database)
{
    try {
        auto lease = database.lease();
        int tables = 0;
        if (database.backend() == Backend::Sqlite)
            lease.sql() << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'cases', 'offices')", soci::into(tables);
        else
            lease.sql() << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('schema_migrations', 'cases', 'offices')", soci::into(tables);
        if (tables == 0)
            return true;
        int versions = 0;
        lease.sql() << "SELECT COUNT(*) FROM schema_migrations", soci::into(versions);
        return versions == 0;
    } catch (std::exception const& e) {
        return translate_storage_error(e);
    }
}

}
