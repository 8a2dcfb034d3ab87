#pragma once
// The SOCI adapter of the storage port, for SQLite and PostgreSQL.

#include "store/migrations.hpp"
#include "store/store.hpp"

namespace soci {
class session;
}

namespace sopir::store {

class SociStore final : public Store {
public:
    explicit SociStore(Database&);

    Result<Office> add_office(Office, Timestamp now) override;
    Result<Office> office_by_code(std::string const& code) override;
    Result<Office> office_by_id(Id) override;
    Result<std::vector<Office>> offices() override;

    Result<User> add_user(User, std::vector<RoleAssignment> const&, Timestamp now) override;
    Result<User> user_by_username(std::string const&) override;
    Result<User> user_by_id(Id) override;
    Result<std::vector<RoleAssignment>> role_assignments(Id user_id) override;
    Result<std::int64_t> count_users() override;

    Result<AuditReport> verify_audit() override;

private:
    // Leases a session, runs `body`, and turns exceptions into named errors.
    template<typename Body>
    auto with_session(Body&& body) -> decltype(body(std::declval<soci::session&>()));
    Backend backend() const;

    Database& m_database;
};

}
