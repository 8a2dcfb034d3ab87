#pragma once
// The reads and records the pages need beside a case's own use cases (Desk,
// LetterDesk): the names of the staff a page lists, a register's lines, the
// office's printed heading, the log of a case's personal data read, the
// live NIK check's earlier cases, the API's replayed answers, the service's
// health. The web layer reaches the store only through these and the other
// desks (STYLE.md: handlers parse, call the desk, render); the roles are
// checked here.

#include "desk/desk.hpp"
#include "desk/sop_print.hpp"
#include "letters/letter.hpp"
#include "store/store.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sopir::desk {

class Records {
public:
    Records(store::Store&, Desk const&);

    // The full name with titles of a staff member a page lists (an
    // officer, who recorded an outage); Forbidden for an applicant.
    Result<std::string> user_name(Staff const&, Id user_id) const;

    // A register's lines for a reader that Desk::register_reader gave:
    // office staff only, and only the reader's own office's register.
    Result<store::RegisterPage> search_register(Staff const& reader, store::RegisterQuery const&) const;

    // The office's heading as letters and printouts print it (kop, logo).
    LetterOffice printed_office(Office const&) const;

    // UU 27/2022: the read of one case's personal data (a downloaded
    // letter, a receipt shown) is logged, for a case this person may see.
    Status log_case_read(Staff const&, Id case_id, std::string const& purpose, std::string const& address) const;

    // Whether the NIK already has cases (the intake form's live check):
    // for office staff any case; an applicant hears only of their own.
    Result<bool> nik_has_cases(Staff const&, std::string const& nik) const;

    // What the office already knows of a person, by NIK, for the intake
    // form: the subject's fields of `service`'s form (by input name,
    // "applicant.name"; the NIK itself left out) as the person's latest case
    // at this office recorded them. Office staff only (an applicant-only
    // account gets nothing); the read is logged against that case.
    Result<std::map<std::string, std::string>> known_person(Staff const&, std::string const& nik, std::string const& service,
        std::string const& address) const;

    // The printed SOP of a loaded service as `office` states it, or the
    // file's with no office (desk/sop_print.hpp); NotFound for a service
    // the server does not load. Public: no one signs in to read an SOP.
    Result<std::string> printed_sop(std::string const& service_id, std::optional<Office> const& office, SopPrintFormat) const;

    // The offices as the public pages show them (contacts, local time).
    Result<std::vector<Office>> offices() const;

    // The JSON API's Idempotency-Key (web/idempotency.hpp): the first
    // answer of a key, claimed for its signed-in user, then kept (2xx) or
    // released.
    Result<std::optional<store::IdempotencyRecord>> claim_idempotency_key(Id user_id, std::string const& key,
        std::string const& fingerprint, Timestamp retention_seconds) const;
    Status finish_idempotency_key(Id user_id, std::string const& key, int status, std::string const& location, std::string const& body) const;
    Status release_idempotency_key(Id user_id, std::string const& key) const;

    // /healthz and /metrics: the database answers; the cases by state.
    Status ping() const;
    Result<std::vector<std::pair<std::string, std::int64_t>>> count_cases_by_state() const;

private:
    store::Store& m_store;
    Desk const& m_desk;
};

}
