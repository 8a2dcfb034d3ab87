#pragma once
// A write transaction that takes the write lock up front. On SQLite a plain
// BEGIN starts as a reader and may fail with SQLITE_BUSY when it later tries
// to write while another connection writes; BEGIN IMMEDIATE waits (busy
// timeout) for the lock instead. On PostgreSQL rows are locked as written.

#include "store/migrations.hpp"

#include <soci/soci.h>

namespace sopir::store {

class WriteTransaction {
public:
    WriteTransaction(soci::session& sql, Backend backend)
        : m_sql(sql)
    {
        m_sql << (backend == Backend::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    }

    ~WriteTransaction()
    {
        if (!m_done) {
            try {
                m_sql << "ROLLBACK";
            } catch (...) {
                // The connection is gone; the server rolls back on its own.
            }
        }
    }

    void commit()
    {
        m_sql << "COMMIT";
        m_done = true;
    }

    WriteTransaction(WriteTransaction const&) = delete;
    WriteTransaction& operator=(WriteTransaction const&) = delete;

private:
    soci::session& m_sql;
    bool m_done { false };
};

// A read-only transaction that sees one snapshot of the database, for reads
// that must agree with each other (the audit walks rows and chain heads in
// separate queries; a writer committing in between must not show up in one
// and not the other). SQLite in WAL mode keeps a snapshot from a deferred
// BEGIN's first read; PostgreSQL needs REPEATABLE READ.
class ReadSnapshot {
public:
    ReadSnapshot(soci::session& sql, Backend backend)
        : m_sql(sql)
    {
        m_sql << (backend == Backend::Sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }

    ~ReadSnapshot()
    {
        try {
            m_sql << "ROLLBACK";
        } catch (...) {
        }
    }

    ReadSnapshot(ReadSnapshot const&) = delete;
    ReadSnapshot& operator=(ReadSnapshot const&) = delete;

private:
    soci::session& m_sql;
};

}
