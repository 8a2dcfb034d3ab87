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
    Status set_office_logo(Id office_id, std::string const& png, Timestamp now, Id actor) override;
    Result<std::string> logo(std::string const& sha256) override;

    Result<User> add_user(User, std::vector<RoleAssignment> const&, Timestamp now, Id actor) override;
    Result<User> user_by_username(std::string const&) override;
    Result<User> user_by_id(Id) override;
    Result<std::map<Id, std::string>> user_full_names(std::vector<Id> const& ids) override;
    Result<std::vector<RoleAssignment>> role_assignments(Id user_id) override;
    Result<User> add_supervisor(User, std::vector<std::string> const& regency_codes, Timestamp now) override;
    Result<std::vector<std::string>> supervised_regencies(Id user_id) override;
    Result<std::int64_t> count_users() override;

    // Office administration (soci_store_admin.cpp).
    Result<std::vector<User>> office_users(Id office_id) override;
    Result<std::vector<RoleAssignment>> office_assignments(Id office_id) override;
    Result<RoleAssignment> add_role_assignment(RoleAssignment, Id actor, Timestamp now) override;
    Status end_role_assignment(Id assignment_id, Id actor, Timestamp now) override;
    Status set_user_active(Id user_id, bool active, Id office_id, Id actor, Timestamp now) override;
    Status update_office_settings(OfficeSettingsChange const&, Id actor, Timestamp now) override;
    Result<PasswordReset> add_password_reset(PasswordReset, Timestamp now) override;
    Result<PasswordReset> pending_password_reset(Id reset_id) override;
    Result<std::vector<PasswordReset>> pending_password_resets(Id office_id) override;
    Status apply_password_reset(Id reset_id, Id decided_by, Timestamp now) override;

    Result<Case> create_case(SopDefinition const&, NewCase const&, Id actor_user_id, Timestamp now, std::optional<ActionRequest> submit) override;
    Result<ActionOutcome> perform_action(SopDefinition const&, ActionRequest const&, std::optional<CaseDataUpdate> const&, LetterWork const&) override;
    Result<std::vector<Case>> cases_in_states(Id office_id, std::vector<std::string> const& states, int limit) override;
    Result<std::vector<Case>> cases_by_registration_number(std::string const& number) override;
    Result<std::vector<Case>> cases_by_nik(std::string const& nik) override;
    Result<std::vector<std::pair<std::string, std::int64_t>>> count_cases_by_state() override;

    Status log_bulk_access(BulkAccess const&) override;
    Status set_status_pin(Id case_id, std::string const& hash) override;
    Result<StatusPinRecord> status_pin(Id case_id) override;
    Result<std::int64_t> count_status_pin_failure(Id case_id) override;
    Result<std::optional<IdempotencyRecord>> claim_idempotency_key(Id user_id, std::string const& key, std::string const& fingerprint,
        Timestamp now, Timestamp expired_before) override;
    Status finish_idempotency_key(Id user_id, std::string const& key, int status, std::string const& location, std::string const& body) override;
    Status release_idempotency_key(Id user_id, std::string const& key) override;

    Status create_session(SessionRecord const&) override;
    Result<SessionRecord> session_by_hash(std::string const& token_hash) override;
    Status touch_session(std::string const& token_hash, Timestamp now, Timestamp expires_at) override;
    Status delete_session(std::string const& token_hash) override;
    Result<ApiTokenRecord> create_api_token(ApiTokenRecord) override;
    Result<ApiTokenRecord> api_token_by_hash(std::string const& token_hash) override;
    Status record_login_attempt(LoginAttempt const&, AttemptOutcome, Timestamp now) override;
    Result<std::int64_t> failed_logins_since(AttemptKey, LoginAttempt const&, Timestamp since) override;
    Result<bool> signed_in_from(std::string const& username, std::string const& address, Timestamp since) override;
    Result<RevocationRecord> sign_out(Id user_id, CredentialKind, std::string const& token_hash, std::string const& address, Timestamp now) override;
    Result<RevocationRecord> set_password_ending_other_sign_ins(Id user_id, std::string const& hash, SignInKept const& kept,
        std::string const& address, Timestamp now) override;
    Result<std::vector<RevocationRecord>> revocations(Id user_id) override;
    Status set_password_hash(Id user_id, std::string const& hash) override;
    Status ping() override;
    Result<Case> case_by_id(Id) override;
    Result<std::vector<ActionRecord>> case_actions(Id case_id) override;
    Result<std::vector<RegisterEntry>> register_entries(Id office_id, std::string const& register_id, int year) override;
    Result<std::vector<RegisterLine>> register_lines(Id office_id, std::string const& register_id, Timestamp from, Timestamp to) override;
    Result<std::vector<CaseHistory>> case_histories(Id office_id, Timestamp from, Timestamp to, std::vector<std::string> const& open_states,
        Timestamp idle_before) override;
    Result<RegisterPage> search_register(RegisterQuery const&) override;
    Result<OutageRecord> add_outage(OutageRecord, Timestamp now) override;
    Result<OutageRecord> end_outage(Id office_id, Id outage_id, Timestamp ended_at, Id ended_by) override;
    Result<std::vector<OutageRecord>> outages(Id office_id, Timestamp from, Timestamp to) override;
    Status log_access(Id user_id, Id case_id, std::string const& purpose, std::string const& address, Timestamp now) override;

    Result<LetterRecord> letter_of_case(Id case_id, std::string const& kind) override;
    Result<LetterRecord> letter_by_token(std::string const& token) override;
    Result<LetterRecord> letter_by_pdf_sha256(std::string const& sha256) override;
    Result<LetterRecord> revoke_letter(Id case_id, std::string const& kind, std::string const& reason, Timestamp now) override;
    Status log_verification(std::optional<Id> letter_id, VerificationMethod, VerificationOutcome, std::string const& address, Timestamp now) override;
    Result<SignerKeyRecord> active_signer_key(Id user_id) override;
    Result<SignerKeyRecord> replace_signer_key(Id user_id, SignerKeyRecord, Timestamp now) override;
    Status reseal_signer_key(SignerKeyRecord const& key) override;
    Result<SignerKeyRecord> signer_key_by_public_key(std::string const& public_key) override;
    Status ensure_office_seal(Id office_id, std::string const& public_key, Timestamp now) override;
    Result<bool> is_office_seal(Id office_id, std::string const& public_key) override;

    Result<ImportReport> import_history(std::vector<SopDefinition> const& catalog, ImportSource const& next_batch) override;

    Status keep_sop_version(SopVersion const&) override;
    Result<std::int64_t> adopt_sop_version(std::string const& service_id, std::string const& sha256) override;
    Result<std::vector<SopVersion>> sop_versions_in_use() override;
    Result<std::vector<CasesInState>> cases_by_version_and_state(std::string const& service_id) override;
    Status set_office_sop(OfficeSop const&) override;
    Result<std::optional<std::string>> office_working_hours(Id office_id) override;
    Status set_office_working_hours(Id office_id, std::string const& hours, Id actor_id, Timestamp now) override;
    Result<std::vector<Holiday>> office_holidays(Id office_id) override;
    Status add_office_holiday(Id office_id, Holiday const&, Id actor_id, Timestamp now) override;
    Status remove_office_holiday(Id office_id, Date day, Id actor_id, Timestamp now) override;
    Result<std::vector<Id>> outage_held_cases(Id outage_id) override;
    Result<OutageRecord> outage(Id office_id, Id outage_id) override;
    Result<std::optional<OfficeSop>> office_sop(Id office_id, std::string const& service_id) override;

    // The satisfaction survey (soci_store_survey.cpp).
    Result<std::string> survey_token(Id case_id, std::string const& fresh, Timestamp now) override;
    Result<Id> case_of_survey_token(std::string const& token) override;
    Result<bool> survey_answered(Id case_id) override;
    Status add_survey(Id case_id, SurveyResponse const&, Timestamp now) override;
    Result<SurveyFigures> survey_figures(Id office_id, std::optional<std::string> const& service_id, Date from, Date to, int comments) override;
    Result<std::int64_t> count_cases_created(Id office_id, std::optional<std::string> const& service_id, Timestamp from, Timestamp to) override;

    Result<AuditReport> verify_audit() override;
    Result<AuditReport> verify_audit(AuditAnchors const&) override;
    void set_audit_mac_key(std::string key) override;
    Result<SecurityEvent> record_security_event(SecurityEvent) override;
    Result<std::vector<ChainHead>> chain_heads() override;
    Result<bool> has_office_seals() override;

private:
    // Leases a session, runs `body`, and turns exceptions into named errors.
    template<typename Body>
    auto with_session(Body&& body) -> decltype(body(std::declval<soci::session&>()));
    Backend backend() const;

    Database& m_database;
    // Set once at start (set_audit_mac_key), before any request is served.
    std::string m_audit_mac_key;
};

}
