#pragma once
// The database connection: a URL, a pool of SOCI sessions, and the settings
// each connection needs (SQLite: WAL, synchronous=NORMAL, foreign keys, busy
// timeout). Storage errors are translated here and in the store, never in
// the handlers (STYLE.md, practice 7).

#include "core/result.hpp"
#include "store/migrations.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace soci {
class connection_pool;
class session;
}

namespace sopir::store {

struct DatabaseUrl {
    Backend backend { Backend::Sqlite };
    std::string sqlite_path;     // For SQLite: the file (":memory:" is refused: pools need one file).
    std::string postgresql_conninfo; // For PostgreSQL: libpq's keyword=value form.
    std::string text;            // The URL as given, password masked, for messages.
};

// sqlite:///var/lib/sopir/sopir.db (absolute) or sqlite://relative/path.db;
// postgresql://user:pass@host:port/dbname (also postgres://).
Result<DatabaseUrl> parse_database_url(std::string_view);

// postgresql://user:pass@host:port/db?k=v → host='host' port='port' dbname='db' user='user' password='pass' k='v'
Result<std::string> postgresql_url_to_conninfo(std::string_view);

class Database;

// A session leased from the pool, given back when this goes out of scope.
class Lease {
public:
    Lease(Database&, std::size_t position);
    ~Lease();
    Lease(Lease&&) noexcept;
    Lease(Lease const&) = delete;
    Lease& operator=(Lease const&) = delete;
    Lease& operator=(Lease&&) = delete;

    soci::session& sql();
    soci::session* operator->() { return &sql(); }

private:
    Database* m_database;
    std::size_t m_position;
};

class Database {
public:
    // Opens `pool_size` connections. Does not migrate.
    static Result<std::unique_ptr<Database>> open(DatabaseUrl const&, std::size_t pool_size = 4);
    ~Database();

    Backend backend() const { return m_url.backend; }
    DatabaseUrl const& url() const { return m_url; }
    // A session from the pool; a PostgreSQL connection the server has
    // closed is opened again first.
    Lease lease();
    // Opens a pooled PostgreSQL session again (after its connection was
    // lost); a failure is left for the next statement to report.
    void reopen(soci::session&);

    // Opens, applies the migrations, and refuses a newer schema.
    static Result<std::unique_ptr<Database>> open_and_migrate(DatabaseUrl const&, std::size_t pool_size = 4);

private:
    friend class Lease;
    Database(DatabaseUrl, std::size_t pool_size);
    void reopen_if_dropped(soci::session&);

    DatabaseUrl m_url;
    std::size_t m_pool_size;
    std::unique_ptr<soci::connection_pool> m_pool;
};

// Turns SOCI's exceptions into named errors: a unique or foreign-key
// violation becomes Conflict; a lost connection, a server starting or
// stopping, a full disk or an I/O error Unavailable; anything else Internal.
Error translate_storage_error(std::exception const&);

// What a client is told when the database cannot serve now (503).
inline constexpr char const* k_database_unavailable = "Basis data sedang tidak dapat dihubungi; coba lagi sebentar lagi.";

// Personal data and password hashes live in these files: a database or a
// backup that does not exist yet is created empty, readable by its owner
// only (0600), whatever the umask, before SQLite or pg_dump writes into it.
// SQLite gives its -wal and -shm files the database file's mode. An
// existing file is left as it is.
Status create_private_file(std::string const& path);

}
