#pragma once
// The service desk's use cases, shared by the JSON API and the staff pages:
// who the signed-in person is and which roles they hold today, intake,
// actions on a case, worklists, the case view and the public status check.
// Handlers parse, call the desk, render; the desk calls the core and the
// store and nothing else.

#include "core/form_check.hpp"
#include "core/model.hpp"
#include "core/regions.hpp"
#include "core/report.hpp"
#include "core/result.hpp"
#include "core/sop.hpp"
#include "core/workflow.hpp"
#include "store/store.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sopir::desk {

struct Staff {
    User user;
    // The office the person works in (their first assignment's). A
    // kabupaten supervisor holds no office role: their office is the
    // kabupaten itself, with id 0, which has no cases, worklists or outages.
    Office office;
    std::set<std::string> roles;   // Held in that office today (Plt./Plh. within their period).
    std::vector<RoleAssignment> assignments;
    std::vector<std::string> supervises; // Kabupaten codes ("63.05") for a supervisor (pengawas).
    Date today;

    Actor actor() const { return { std::to_string(user.id), roles }; }
    bool has_role(std::string const& role) const { return roles.contains(role); }
};

// What intake does when the NIK already has an open case of the service.
enum class OnDuplicate {
    Refuse,  // 409, naming the open case.
    Confirm, // The person says a second case is meant ("confirm_duplicate").
};

struct Submitted {
    Case created;
    std::vector<IntakeIssue> warnings;
};

struct WorkItem {
    Case item;
    std::string step_title;
    std::int64_t waited_seconds { 0 };
    std::int64_t standard_seconds { 0 };
    bool late { false };      // Waited past the step's standard time.
    bool very_late { false }; // Past Desk::very_late_percent() of it.
    std::vector<ActionDefinition const*> actions; // What this person may do now.
};

struct CaseView {
    Case item;
    Office office;
    // The definition the case was filed under, as its office states it
    // (Desk::definition_of); `definition` points at it.
    std::shared_ptr<SopDefinition const> owned_definition;
    SopDefinition const* definition { nullptr };
    std::vector<ActionRecord> history;
    std::map<Id, std::string> actor_names;
    CaseTiming timing;
    std::vector<ActionDefinition const*> actions; // What this person may do now.
};

// Whose figures a report shows: one office, or every office of a kabupaten.
struct ReportScope {
    std::vector<Office> offices; // One, or the kabupaten's offices by code.
    std::string code;            // "63.05.06", or "63.05" for a kabupaten.
    std::string label;           // "Kecamatan Candi Laras Utara" / "Kabupaten Tapin".
    std::string file_code;       // For file names: the unit code ("CLU") or the kabupaten code.
    bool kabupaten { false };
    int utc_offset_minutes { 420 };
};

struct ScopeReport {
    ReportScope scope;
    ReportSummary total; // The whole scope: for a kabupaten, every office's cases together.
    // One entry per office of a kabupaten scope, by office code; empty for one office.
    std::vector<std::pair<Office, ReportSummary>> offices;
};

// A report of several services (all of them unless one is asked for):
// each service's own, and what adds up across them.
struct ServicesReport {
    ReportScope scope;
    std::vector<std::pair<SopDefinition, ScopeReport>> services; // In the catalog's order.
    // The counts that add up across services (received, finished, returns,
    // cases waiting, late now, outages …); steps, times and officers only
    // when the report is of one service.
    ReportSummary total;
};

// What the public status check shows: only what the holder of the receipt
// already knows or needs, no name and no NIK digit (UU 27/2022).
struct PublicStatus {
    std::string registration_number;
    std::string service_title;
    std::string state;
    std::string state_label;
    std::string letter_number;
    Timestamp submitted_at { 0 };
    Timestamp updated_at { 0 };
};

class Desk {
public:
    Desk(store::Store&, std::vector<SopDefinition> const& catalog, Regions const&, std::function<Timestamp()> clock);

    SopDefinition const* service(std::string_view id) const;
    // The service of this id, or Invalid naming the id (code
    // "service.unknown"): never another service in its place.
    Result<SopDefinition const*> known_service(std::string_view id) const;
    // Earlier versions of the definitions that cases still name
    // (app/sop_catalog's keep_sop_versions): a case finishes under the
    // version it was filed under.
    void set_earlier_versions(std::vector<SopDefinition> versions) { m_earlier = std::move(versions); }
    // The current definition of a service as the office states it (its
    // Nomor SOP, dates, approver, step minutes: core/office_sop.hpp).
    Result<SopDefinition> office_definition(Id office_id, std::string const& service_id) const;
    // The definition a case was filed under (a case that records no version
    // has the current one), as its office states it.
    Result<SopDefinition> definition_of(Case const&) const;
    std::vector<SopDefinition> const& services() const { return m_catalog; }
    Regions const& regions() const { return m_regions; }
    Timestamp now() const { return m_clock(); }

    // "Very late" on worklists and in reports: waited more than this
    // percentage of the step's standard time (sopir serve --very-late-percent).
    void set_very_late_percent(int percent) { m_very_late_percent = percent; }
    int very_late_percent() const { return m_very_late_percent; }

    Result<Staff> staff(User const&) const;

    // Checks the application (every bad field at once: Invalid with
    // `issues`), creates the case and submits it in one transaction. A
    // second open case of the same service for the same NIK at the office is
    // refused (Conflict, code "case.open_duplicate", naming the open case)
    // unless the person confirms it is meant (OnDuplicate::Confirm).
    // `input` is the request's form data: {GROUP: {…}, ROWS: [{…}],
    // "documents": {…}} (core/form_check.hpp).
    Result<Submitted> submit(Staff const&, std::string const& service_id, nlohmann::json const& input, OnDuplicate = OnDuplicate::Refuse) const;
    // The warnings intake gave for a stored case, found again from its
    // stored application (the receipt after intake is a page of its own).
    Result<std::vector<IntakeIssue>> intake_warnings(Staff const&, Case const&) const;
    // The office's open case of this service for this NIK, if any (the
    // newest); what a refused duplicate names.
    Result<std::optional<Case>> open_case_for(Staff const&, std::string const& service_id, std::string const& nik) const;

    // An action by a staff member. `corrections` replace the applicant data
    // (ajukan_ulang); they are checked like an intake. `letter` is the work a
    // signing or sealing action does on the case's letter (LetterDesk).
    Result<store::ActionOutcome> act(Staff const&, Id case_id, std::string const& action, ActionData const&,
        std::optional<std::int64_t> expected_version, std::optional<nlohmann::json> const& corrections = std::nullopt,
        store::LetterWork const& letter = {}) const;

    // The cases waiting in steps where this person has something to do,
    // longest waiting first; `state` narrows to one state.
    // `service` narrows to one service (an unknown id is Invalid).
    Result<std::vector<WorkItem>> worklist(Staff const&, std::optional<std::string> const& state = std::nullopt,
        std::optional<std::string> const& service = std::nullopt) const;

    // The whole case for a member of its office; the read is logged
    // (UU 27/2022).
    Result<CaseView> view(Staff const&, Id case_id, std::string const& address) const;

    // UU 27/2022: a read of many people's rows at once (a register page, an
    // export, a printout) is logged: who, what, how many rows, from where.
    void log_bulk_read(Staff const&, std::string const& what, std::int64_t rows, std::string const& address) const;

    // The public status check: the number (the registration number, or
    // before there is one the nomor permohonan, the case's id) and the PIN
    // printed on the receipt must both match. Each wrong PIN is counted on the case;
    // after k_status_pin_tries of them the PIN is void (Conflict, code
    // "status.throttled") until the receipt is printed again. A case whose
    // receipt was printed before PINs existed has none and is not found.
    Result<PublicStatus> public_status(std::string const& number, std::string const& pin) const;
    static constexpr std::int64_t k_status_pin_tries = 10;

    // Printing the receipt issues a new random PIN (6 digits) for the
    // status check; the earlier one stops working. Returns the PIN, which
    // is stored only as a salted hash.
    Result<std::string> issue_status_pin(Staff const&, Id case_id) const;

    // The outage log: any office staff member records the start
    // and the end of an outage; `at` defaults to now.
    Result<OutageRecord> start_outage(Staff const&, std::string const& kind, std::string const& note, std::optional<Timestamp> at) const;
    Result<OutageRecord> end_outage(Staff const&, Id outage_id, std::optional<Timestamp> at) const;
    Result<std::vector<OutageRecord>> outages(Staff const&, Date from, Date to) const;

    // Reports are for the Camat and the section head, of their own
    // office, and for a kabupaten supervisor, read-only, of any office of
    // their kabupaten. `office` names the office by code; empty means the
    // person's own office, or for a supervisor the whole kabupaten (also
    // "semua", or the kabupaten's own code).
    bool may_see_reports(Staff const&) const;
    // Who may, as the refusal says it: "Laporan kinerja untuk Camat, …".
    std::string reports_refused() const;
    Result<ReportScope> report_scope(Staff const&, std::string const& office) const;
    // The figures for the days [from, to] (office time) of a scope that
    // report_scope gave this person.
    Result<ScopeReport> report(Staff const&, std::string const& service_id, ReportScope const&, Date from, Date to) const;
    // The report of one service (`service` given: an unknown id is
    // Invalid) or of every service of the catalog.
    Result<ServicesReport> report_services(Staff const&, std::optional<std::string> const& service, ReportScope const&, Date from, Date to) const;
    // Whom the registers are read as: office staff as themselves (`office`
    // empty or their own code); a kabupaten supervisor as a reader, with no
    // role, of the one office of their kabupaten that `office` names.
    Result<Staff> register_reader(Staff const&, std::string const& office) const;
    // The same for the person's own office (or whole kabupaten).
    Result<ReportSummary> summary(Staff const&, std::string const& service_id, Date from, Date to) const;

    // True when every role the person holds is an applicant's role in the
    // catalog (pemohon): a member of the public, who sees only their own
    // cases.
    bool is_applicant_only(Staff const&) const;

    // The case when this person may see it: of their office, and their own
    // if they are an applicant; NotFound otherwise.
    Result<Case> case_in_office(Staff const&, Id case_id) const;

private:
    FormContext form_context(Staff const&) const;

    store::Store& m_store;
    std::vector<SopDefinition> const& m_catalog;
    std::vector<SopDefinition> m_earlier;
    Regions const& m_regions;
    std::function<Timestamp()> m_clock;
    int m_very_late_percent { 200 };
};

// What a case stores of a checked application: the subject's name, NIK,
// birth date and village for worklists, registers and the duplicate check,
// the subject's group as `applicant`, the documents, and the form's other
// groups.
struct StoredForm {
    std::string applicant_name;
    std::string nik;
    std::optional<Date> birth_date;
    std::string village_code;
    std::string applicant_json;
    std::string documents_json;
    std::string form_json;
};
StoredForm stored_form(SopDefinition const&, FormCheck const&);

// A stored case's application as the form's input again: what intake
// checked, for the receipt's warnings and a resubmission's form.
nlohmann::json stored_input(SopDefinition const&, Case const&);

}
