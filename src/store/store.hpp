#pragma once
// The storage port: what the rest of sopir asks of the database, in the
// domain's terms. SociStore (soci_store.cpp) is its adapter for SQLite and
// PostgreSQL. Every write is one transaction; errors come back as values
// (Conflict for a unique value taken or a stale case, NotFound, Unavailable).

#include "core/model.hpp"
#include "core/result.hpp"

#include <memory>
#include <string>
#include <vector>

namespace sopir::store {

class Database;

struct AuditBreak {
    std::string chain;      // "kasus 12" or "kantor 63.05.06".
    Id action_id { 0 };     // The first row that does not match.
    Id case_id { 0 };
    std::int64_t seq { 0 };
    std::string expected_hash;
    std::string stored_hash;
};

struct AuditReport {
    std::int64_t rows { 0 };
    std::int64_t cases { 0 };
    std::int64_t offices { 0 };
    std::vector<AuditBreak> breaks; // Empty when every chain holds.
};

class Store {
public:
    virtual ~Store() = default;

    virtual Result<Office> add_office(Office, Timestamp now) = 0;
    virtual Result<Office> office_by_code(std::string const& code) = 0;
    virtual Result<Office> office_by_id(Id) = 0;
    virtual Result<std::vector<Office>> offices() = 0;

    // Adds the user and their role assignments in one transaction.
    virtual Result<User> add_user(User, std::vector<RoleAssignment> const&, Timestamp now) = 0;
    virtual Result<User> user_by_username(std::string const&) = 0;
    virtual Result<User> user_by_id(Id) = 0;
    virtual Result<std::vector<RoleAssignment>> role_assignments(Id user_id) = 0;
    virtual Result<std::int64_t> count_users() = 0;

    // Walks every case chain and every office chain.
    virtual Result<AuditReport> verify_audit() = 0;
};

std::unique_ptr<Store> make_soci_store(Database&);

}
