#include "store/database.hpp"

#include "core/text.hpp"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sopir::store {

// libpq's keyword=value form, each value single-quoted with \ and \' escaped.
static std::string conninfo_value(std::string const& value)
{
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'')
            quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

// SOCI's PostgreSQL backend reads its connect string as keyword=value pairs
// (it mangles a URI), so the URL is turned into that form here:
// postgresql://user:pass@host:port/dbname?sslmode=require
Result<std::string> postgresql_url_to_conninfo(std::string_view text)
{
    size_t const scheme_end = text.find("://");
    std::string_view rest = text.substr(scheme_end + 3);
    std::string_view query;
    if (auto question = rest.find('?'); question != std::string_view::npos) {
        query = rest.substr(question + 1);
        rest = rest.substr(0, question);
    }
    std::string_view dbname;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        dbname = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    std::string_view userinfo;
    if (auto at = rest.rfind('@'); at != std::string_view::npos) {
        userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
    }
    std::string_view host = rest;
    std::string_view port;
    if (auto colon = rest.rfind(':'); colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    std::string conninfo;
    auto add = [&](char const* key, std::string_view value) {
        if (value.empty())
            return;
        if (!conninfo.empty())
            conninfo += ' ';
        conninfo += key;
        conninfo += '=';
        conninfo += conninfo_value(percent_decode(value));
    };
    add("host", host);
    add("port", port);
    add("dbname", dbname);
    if (!userinfo.empty()) {
        auto colon = userinfo.find(':');
        add("user", userinfo.substr(0, colon));
        if (colon != std::string_view::npos)
            add("password", userinfo.substr(colon + 1));
    }
    while (!query.empty()) {
        size_t const amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        size_t const equals = pair.find('=');
        if (equals == std::string_view::npos || equals == 0)
            return Error::invalid("db", "URL PostgreSQL: parameter \"" + std::string(pair) + "\" harus berbentuk nama=nilai.", "db.query");
        std::string const key(pair.substr(0, equals));
        if (!conninfo.empty())
            conninfo += ' ';
        conninfo += key + "=" + conninfo_value(percent_decode(pair.substr(equals + 1)));
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
    if (dbname.empty())
        return Error::invalid("db", "URL PostgreSQL harus menyebut nama basis data: postgresql://pengguna:sandi@host:port/nama.", "db.dbname");
    return conninfo;
}

Result<DatabaseUrl> parse_database_url(std::string_view text)
{
    DatabaseUrl url;
    std::string_view const sqlite_prefix = "sqlite://";
    if (text.starts_with(sqlite_prefix)) {
        url.backend = Backend::Sqlite;
        url.sqlite_path = std::string(text.substr(sqlite_prefix.size()));
        url.text = std::string(text);
        if (url.sqlite_path.empty() || url.sqlite_path == ":memory:" || url.sqlite_path == "/:memory:")
            return Error::invalid("db", "URL basis data SQLite harus menunjuk sebuah berkas, misalnya sqlite:///var/lib/sopir/sopir.db.", "db.sqlite_path");
        return url;
    }
    if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
        url.backend = Backend::Postgresql;
        auto conninfo = postgresql_url_to_conninfo(text);
        if (!conninfo.ok())
            return conninfo.error();
        url.postgresql_conninfo = *conninfo;
        // Mask a password in what we print: postgresql://user:****@host/db.
        std::string masked(text);
        size_t const scheme_end = masked.find("://") + 3;
        size_t const at = masked.find('@', scheme_end);
        size_t const colon = masked.find(':', scheme_end);
        if (at != std::string::npos && colon != std::string::npos && colon < at)
            masked.replace(colon + 1, at - colon - 1, "****");
        url.text = masked;
        return url;
    }
    return Error::invalid("db", "URL basis data tidak dikenal: pakai sqlite:///jalur/sopir.db atau postgresql://pengguna:sandi@host:port/nama.", "db.scheme");
}

// A server that does not answer (a host down, a dropped route) would hold a
// request for the system's TCP timeout, minutes; unless the URL says
// otherwise, a connection attempt gives up after a few seconds and the
// request is answered Unavailable.
static std::string with_connect_timeout(std::string const& conninfo)
{
    if (conninfo.find("connect_timeout=") != std::string::npos)
        return conninfo;
    return conninfo + " connect_timeout='5'";
}

Database::Database(DatabaseUrl url, std::size_t pool_size)
    : m_url(std::move(url))
    , m_pool_size(pool_size)
    , m_pool(std::make_unique<soci::connection_pool>(pool_size))
{
}

Database::~Database() = default;

static void configure_sqlite(soci::session& sql)
{
    // WAL lets readers go on while one writer writes; synchronous=NORMAL in
    // WAL mode survives a crash of the process (not of the machine's power)
    // without losing committed transactions, at a fraction of FULL's cost.
    sql << "PRAGMA journal_mode = WAL";
    sql << "PRAGMA synchronous = NORMAL";
    sql << "PRAGMA foreign_keys = ON";
    sql << "PRAGMA busy_timeout = 30000";
}

// Each pooled connection is used by one thread at a time (lease()), so
// SQLite's own per-connection mutex, taken on every sqlite3_column_* call,
// is not needed: multi-thread mode, set once before the first connection
// (SQLite refuses it, harmlessly, once initialised).
static void sqlite_multithread_once()
{
    static bool const configured = [] {
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        // Memory statistics take one process-wide mutex on every
        // allocation, which the server's threads then queue on.
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}

Status create_private_file(std::string const& path)
{
    int const fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        if (errno == EEXIST)
            return Ok {};
        return Error::unavailable("Berkas " + path + " tidak dapat dibuat: " + std::strerror(errno));
    }
    // The umask may have taken the owner's bits too (umask 0277).
    int const changed = ::fchmod(fd, S_IRUSR | S_IWUSR);
    ::close(fd);
    if (changed != 0)
        return Error::unavailable("Hak akses berkas " + path + " tidak dapat diatur: " + std::strerror(errno));
    return Ok {};
}

Result<std::unique_ptr<Database>> Database::open(DatabaseUrl const& url, std::size_t pool_size)
{
    sqlite_multithread_once();
    if (pool_size == 0)
        pool_size = 1;
    if (url.backend == Backend::Sqlite) {
        auto created = create_private_file(url.sqlite_path);
        if (!created.ok())
            return created.error();
    }
    std::unique_ptr<Database> database(new Database(url, pool_size));
    try {
        for (std::size_t i = 0; i < pool_size; ++i) {
            soci::session& sql = database->m_pool->at(i);
            if (url.backend == Backend::Sqlite) {
                // The SQLite backend's own timeout (seconds) is the busy
                // handler; the pragma below sets the same in milliseconds.
                sql.open(soci::sqlite3, "db=" + url.sqlite_path + " timeout=30");
                configure_sqlite(sql);
            } else {
                sql.open(soci::postgresql, with_connect_timeout(url.postgresql_conninfo));
                // NOTICEs ("relation already exists, skipping") are noise on stderr.
                sql << "SET client_min_messages = warning";
            }
        }
    } catch (std::exception const& e) {
        return Error::unavailable("Tidak dapat membuka basis data " + url.text + ": " + e.what());
    }
    return database;
}

Result<std::unique_ptr<Database>> Database::open_and_migrate(DatabaseUrl const& url, std::size_t pool_size)
{
    auto database = open(url, pool_size);
    if (!database.ok())
        return database.error();
    auto lease = (*database)->lease();
    auto report = migrate(lease.sql(), url.backend);
    if (!report.ok())
        return report.error();
    return std::move(*database);
}

Lease Database::lease()
{
    Lease lease(*this, m_pool->lease());
    if (m_url.backend == Backend::Postgresql)
        reopen_if_dropped(lease.sql());
    return lease;
}

void Database::reopen(soci::session& sql)
{
    if (m_url.backend != Backend::Postgresql)
        return;
    try {
        sql.reconnect();
        sql << "SET client_min_messages = warning";
    } catch (std::exception const&) {
        // The server is still down: the next statement on the closed
        // session fails, and with_session answers Unavailable.
    }
}

void Database::reopen_if_dropped(soci::session& sql)
{
    // A pooled connection whose server went away (a restart, a terminated
    // backend) is otherwise found dead only by the next statement sent on
    // it, which fails a request seconds after the database is back. An idle
    // connection outside a transaction has nothing to read: if its socket
    // is readable, the server has said goodbye (or sent a notice, and a new
    // connection costs little), so it is opened again before use. No round
    // trip is made for a healthy connection.
    // Only called for PostgreSQL sessions (lease()); SOCI exports no type
    // information for its backend classes, so the cast is static.
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    bool dropped = backend == nullptr || backend->conn_ == nullptr || PQstatus(backend->conn_) != CONNECTION_OK;
    if (!dropped) {
        pollfd socket { PQsocket(backend->conn_), POLLIN, 0 };
        dropped = socket.fd < 0 || poll(&socket, 1, 0) != 0;
    }
    if (dropped)
        reopen(sql);
}

Lease::Lease(Database& database, std::size_t position)
    : m_database(&database)
    , m_position(position)
{
}

Lease::Lease(Lease&& other) noexcept
    : m_database(other.m_database)
    , m_position(other.m_position)
{
    other.m_database = nullptr;
}

Lease::~Lease()
{
    if (m_database)
        m_database->m_pool->give_back(m_position);
}

soci::session& Lease::sql()
{
    return m_database->m_pool->at(m_position);
}

// The database is there but cannot serve now: the server is starting or
// stopping, out of disk, memory or connections, or the disk failed. Such a
// failure passes (or an operator fixes it) and the request may be sent
// again, so it is Unavailable (503), not the server's fault (500).
static bool is_passing_failure(soci::soci_error const& error)
{
    if (auto const* sqlite = dynamic_cast<soci::sqlite3_soci_error const*>(&error)) {
        switch (sqlite->result() & 0xff) {
        case SQLITE_FULL:     // "database or disk is full"
        case SQLITE_IOERR:    // the disk failed to read or write
        case SQLITE_CANTOPEN: // the file (or its journal) cannot be opened
        case SQLITE_NOMEM:
        case SQLITE_BUSY:     // another writer held the lock past the busy timeout
            return true;
        default:
            return false;
        }
    }
    if (auto const* postgresql = dynamic_cast<soci::postgresql_soci_error const*>(&error)) {
        std::string const state = postgresql->sqlstate();
        // 08: connection exception; 53: insufficient resources (53100 disk
        // full, 53300 too many connections); 57P01-57P03: the server shuts
        // down or is starting; 58030: I/O error.
        return state.starts_with("08") || state.starts_with("53") || state == "57P01" || state == "57P02" || state == "57P03"
            || state == "58030";
    }
    return false;
}

Error translate_storage_error(std::exception const& exception)
{
    if (auto const* soci_error = dynamic_cast<soci::soci_error const*>(&exception)) {
        switch (soci_error->get_error_category()) {
        case soci::soci_error::constraint_violation:
            return Error::conflict("Data bertabrakan dengan data yang sudah ada (nilai unik sudah dipakai).");
        case soci::soci_error::connection_error:
            return Error::unavailable(k_database_unavailable);
        default:
            break;
        }
        if (is_passing_failure(*soci_error))
            return Error::unavailable(k_database_unavailable);
        std::string const message = soci_error->get_error_message();
        // SQLite reports "UNIQUE constraint failed" / "FOREIGN KEY constraint
        // failed" without always setting the category.
        if (message.find("constraint failed") != std::string::npos || message.find("duplicate key") != std::string::npos)
            return Error::conflict("Data bertabrakan dengan data yang sudah ada (nilai unik sudah dipakai).");
        return Error::internal("Kesalahan basis data: " + message);
    }
    return Error::internal(std::string("Kesalahan basis data: ") + exception.what());
}

}
