#pragma once
// The storage port: what the rest of sopir asks of the database, in the
// domain's terms. SociStore (soci_store.cpp) is its adapter for SQLite and
// PostgreSQL. Every write is one transaction; errors come back as values
// (Conflict for a unique value taken or a stale case, NotFound, Unavailable).

#include "core/audit.hpp"
#include "core/model.hpp"
#include "core/office_sop.hpp"
#include "core/report.hpp"
#include "core/result.hpp"
#include "core/sop.hpp"
#include "core/survey.hpp"
#include "core/workflow.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sopir::store {

class Database;

struct AuditBreak {
    std::string chain;      // "kasus 12", "kantor 3" or "keamanan".
    Id action_id { 0 };     // The first row that does not match (its id in `table`).
    Id case_id { 0 };
    std::int64_t seq { 0 };
    std::string expected_hash;
    std::string stored_hash;
    std::string table { "case_actions" }; // "case_actions" or "security_events".
    // What does not match: "hash" (the chain), "mac" (the row's keyed MAC),
    // "tanpa_mac" (a row without MAC where one is due), "ujung" (a head in
    // the database), "ujung_ekspor" (a signed, exported head).
    std::string what { "hash" };
};

struct AuditReport {
    std::int64_t rows { 0 };
    std::int64_t cases { 0 };
    std::int64_t offices { 0 };
    std::int64_t security_events { 0 };
    bool macs_checked { false };    // False when verified without the seal secret.
    std::vector<AuditBreak> breaks; // Empty when every chain holds.
};

// The head of one chain as exported (sopir audit export-heads): "kantor"
// (an office's actions) or "keamanan" (the server's security events).
struct ChainHead {
    std::string chain;
    Id office_id { 0 };          // 0 for "keamanan".
    std::string office_code;     // Empty for "keamanan".
    std::int64_t seq { 0 };      // Rows in the chain; 0 when empty.
    std::string hash;            // The last row's hash (k_genesis_hash when empty).
    Id last_id { 0 };            // The last row's id.
    Timestamp last_at { 0 };     // The last row's time.
    std::optional<std::int64_t> keyed_from; // First row with a MAC.
};

// What verification may trust beyond the database: the MAC key (derived from
// the seal secret) and heads whose signature the caller has checked.
struct AuditAnchors {
    std::string mac_key;
    std::vector<ChainHead> heads;
};

// What intake records; the case starts in the SOP's initial step.
struct NewCase {
    Id office_id { 0 };
    std::string service_id;
    std::string applicant_name;
    std::string nik;
    std::optional<Date> birth_date;
    std::string village_code;
    std::string applicant_json { "{}" };
    std::string documents_json { "{}" };
    std::string form_json { "{}" }; // The form's other groups (migration 0013).
};

// An action on a case by a signed-in person. `actor.roles` are the roles the
// person holds in the case's office today (see roles_held); `expected_version`
// is the case version the person saw: when someone else acted first, the
// action is refused with Conflict instead of overwriting.
struct ActionRequest {
    Id case_id { 0 };
    std::optional<std::int64_t> expected_version;
    std::string action_id;
    Id actor_user_id { 0 };
    Actor actor;
    ActionData data;
    Timestamp now { 0 };
    // An outage log entry this action holds the case for, or resumes it
    // from: written into the action's data as "gangguan" (so the chain
    // covers it) and into outage_holds.
    std::optional<Id> outage_id;
    enum class OutageLink { Hold, Resume } outage_link { OutageLink::Hold };
};

struct ActionOutcome {
    Case case_after;
    ActionRecord record;
    std::optional<RegisterEntry> number; // When the action took a number.
};

// The action that opens every case's log: intake created the case.
inline constexpr char const* k_create_action = "buat";

// Corrected applicant data, e.g. when a returned file is submitted again.
struct CaseDataUpdate {
    std::string applicant_name;
    std::string nik;
    std::optional<Date> birth_date;
    std::string village_code;
    std::string applicant_json;
    std::string documents_json;
    std::string form_json { "{}" };
};

// One line of a register as printed: the number given and the case it was
// given to.
struct RegisterLine {
    RegisterEntry entry;
    std::string applicant_name;
    std::string nik;
    std::string village_code;
};

// Register search: what the searchable register tables ask for.
// Every filter left empty matches everything; the year or the period bound
// the search so that it stays fast however large the register grows.
struct RegisterQuery {
    Id office_id { 0 };
    std::string register_id;
    std::optional<int> year;            // The numbering year.
    std::optional<Timestamp> from, to;  // Numbers given in [from, to).
    std::optional<std::int64_t> number; // The number in the register: 42 for "0042/REG-EKTP/…".
    std::string number_prefix;          // The formatted number, exactly or its beginning.
    std::string nik;                    // Exactly.
    std::string name_prefix;            // The beginning of the name, any case.
    std::string village_code;           // Exactly.
    std::int64_t offset { 0 };
    std::int64_t limit { 50 };
};

struct RegisterPage {
    std::vector<RegisterLine> lines;
    std::int64_t total { 0 }; // Lines matching, over all pages.
};

// A letter as the archive keeps it. PDFs are raw bytes here; the
// adapter stores them as base64.
struct LetterRecord {
    Id id { 0 };
    Id case_id { 0 };
    std::string kind;
    std::string number;
    std::string content_json;
    std::string content_sha256;
    std::string signatures_json { "[]" };
    std::string verification_token;
    std::string pdf;
    std::string pdf_sha256;
    std::string archive_pdf;
    std::string archive_pdf_sha256;
    Id signed_by { 0 };
    std::optional<Timestamp> signed_at;
    std::optional<Timestamp> sealed_at;
    std::optional<Timestamp> revoked_at;
    std::string revoked_reason;
    Timestamp created_at { 0 };
    Timestamp updated_at { 0 };
};

// The work a signing or sealing action does inside its own transaction, once
// the engine has allowed it and any number is taken: given the case as it
// will be after the action and the letter as stored so far (if any), it
// returns the letter to store. Its error rolls the whole action back, so a
// case never moves on without its letter, nor a letter without its case.
struct LetterWork {
    std::string kind; // Which of the case's letters: "surat_keterangan".
    std::function<Result<LetterRecord>(Case const& after, std::optional<LetterRecord> const& existing)> write;

    explicit operator bool() const { return static_cast<bool>(write); }
};

// A signer's key pair as stored (see letters/signing.hpp, SignerKeys).
struct SignerKeyRecord {
    Id id { 0 };
    Id user_id { 0 };
    std::string public_key;
    std::string sealed_secret;
    std::string salt;
    std::string nonce;
    Timestamp created_at { 0 };
    std::optional<Timestamp> retired_at;
};

enum class VerificationMethod { Token, Pdf };
enum class VerificationOutcome { Valid, Invalid, Revoked, Unknown };

struct SessionRecord {
    std::string token_hash; // SHA-256 of the cookie's token; the token itself is never stored.
    Id user_id { 0 };
    std::string csrf_token;
    Timestamp created_at { 0 };
    Timestamp last_seen_at { 0 };
    Timestamp expires_at { 0 };
    std::string address;
};

struct ApiTokenRecord {
    Id id { 0 };
    Id user_id { 0 };
    std::string name;
    std::string token_hash;
    Timestamp created_at { 0 };
    std::optional<Timestamp> expires_at;
    std::optional<Timestamp> revoked_at;
};

// The public status check's PIN of a case, as stored (0011).
struct StatusPinRecord {
    std::string hash;            // Empty when no PIN was ever issued.
    std::int64_t failures { 0 }; // Wrong PINs since it was issued.
};

// The first answer given to an Idempotency-Key (0011); status 0 while the
// first request with the key is still running.
struct IdempotencyRecord {
    std::string fingerprint;
    int status { 0 };
    std::string location;
    std::string body;
    Timestamp created_at { 0 };
};

// A read of many people's data at once (UU 27/2022).
struct BulkAccess {
    Id user_id { 0 };
    Id office_id { 0 };
    std::string what;        // "ekspor register_ektp 2026 (xlsx)"
    std::int64_t rows { 0 }; // How many people's rows it showed.
    std::string address;
    Timestamp at { 0 };
};


// Sign-in throttling counts failures of one person from one address, of
// one address whoever was named, and of the passwords typed again (to sign)
// through one session or token.
enum class AttemptKey { UserAtAddress, Address, Credential };
enum class AttemptOutcome { Failed, Succeeded };

// A password tried: at sign-in (credential empty), or typed again through a
// signed-in session or API token (credential: its SHA-256).
struct LoginAttempt {
    std::string username;
    std::string address;
    std::string credential;
};

enum class CredentialKind { Session, ApiToken };
enum class RevocationReason { SignOut, PasswordChange };

// An ended sign-in, as recorded: who, why, how many sessions and tokens.
struct RevocationRecord {
    Id user_id { 0 };
    RevocationReason reason { RevocationReason::SignOut };
    std::int64_t sessions { 0 };
    std::int64_t tokens { 0 };
    std::string address;
    Timestamp at { 0 };
};

// What a password change leaves signed in: the session or token (SHA-256)
// the change came through.
struct SignInKept {
    std::string session_hash;
    std::string token_hash;
};

// A password reset (0015): the one-time code's hash, who asked, and whether
// a second person must confirm it before it takes effect.
struct PasswordReset {
    Id id { 0 };
    Id user_id { 0 };
    Id office_id { 0 };
    Id requested_by { 0 };
    std::string code_hash;
    bool needs_confirmation { false };
    Timestamp created_at { 0 };
};

// What the office's settings page changes of an office (0015).
struct OfficeSettingsChange {
    Id office_id { 0 };
    std::string disdukcapil_whatsapp;
    std::string letter_number_pattern;
    std::string registration_number_pattern;
    PaperSize paper_size { PaperSize::A4 };
    std::string public_url;
    int min_recording_age { 17 };
};

// The text of an SOP definition a case was filed under (0014).
struct SopVersion {
    std::string sha256; // SopDefinition::version.
    std::string service_id;
    std::string text;
    Timestamp first_seen { 0 };
};

// How many of a service's cases are in a state, filed under a version.
struct CasesInState {
    std::string sop_version;
    std::string state;
    std::int64_t cases { 0 };
};

// One respondent's survey as stored (0017): attributed to an office, a
// service and the office's day, never to a case, an officer or a user.
struct SurveyResponse {
    Id office_id { 0 };
    std::string service_id;
    Date answered_on;
    SurveyAnswers answers {};
    RespondentProfile respondent;
    std::string comment;
    std::string channel; // "tautan" (the receipt's link) or "tablet" (at the counter).
};

// The answers of an office's respondents on the days [from, to], of one
// service or of all.
struct SurveyFigures {
    std::int64_t respondents { 0 };
    SurveyTally tally {};
    std::vector<std::string> comments; // In alphabetical order, without date or case.
};

class Store {
public:
    virtual ~Store() = default;

    virtual Result<Office> add_office(Office, Timestamp now) = 0;
    virtual Result<Office> office_by_code(std::string const& code) = 0;
    virtual Result<Office> office_by_id(Id) = 0;
    virtual Result<std::vector<Office>> offices() = 0;
    // Stores the PNG (once per content) and makes it the office's logo.
    // `actor` (0 for the CLI) is recorded in the security chain.
    virtual Status set_office_logo(Id office_id, std::string const& png, Timestamp now, Id actor = 0) = 0;
    // The PNG bytes of a stored logo, or NotFound.
    virtual Result<std::string> logo(std::string const& sha256) = 0;

    // Adds the user and their role assignments in one transaction.
    // `actor` (0 for the CLI) is recorded in the security chain.
    virtual Result<User> add_user(User, std::vector<RoleAssignment> const&, Timestamp now, Id actor = 0) = 0;
    virtual Result<User> user_by_username(std::string const&) = 0;
    virtual Result<User> user_by_id(Id) = 0;
    // The full names of these users, by id, in one query; ids the store does
    // not know are absent.
    virtual Result<std::map<Id, std::string>> user_full_names(std::vector<Id> const& ids) = 0;
    virtual Result<std::vector<RoleAssignment>> role_assignments(Id user_id) = 0;
    // Adds a kabupaten supervisor (pengawas): the user and the kabupaten
    // they supervise ("63.05"), in one transaction.
    virtual Result<User> add_supervisor(User, std::vector<std::string> const& regency_codes, Timestamp now) = 0;
    // The kabupaten a user supervises, by code; empty for office staff.
    virtual Result<std::vector<std::string>> supervised_regencies(Id user_id) = 0;
    virtual Result<std::int64_t> count_users() = 0;

    // Creates the case in the definition's initial step and logs
    // k_create_action. With `submit`, the initial step's action (e.g. ajukan)
    // is performed in the same transaction, so the case is never seen half
    // submitted; its case_id is filled in here.
    virtual Result<Case> create_case(SopDefinition const&, NewCase const&, Id actor_user_id, Timestamp now,
        std::optional<ActionRequest> submit = std::nullopt) = 0;
    // One transaction: read the case, check the action with the workflow
    // engine, take a number if the action gives one, update the case and
    // append the action to both hash chains.
    // With `update`, the case's applicant data is replaced in the same
    // transaction (ajukan_ulang with corrections).
    // With `letter`, an action the definition marks as signing or sealing
    // (ActionDefinition::letter) writes the case's letter of `letter_kind`
    // in the same transaction, and the letter's content hash goes into the
    // action's logged data (sha256_surat), so that the audit chain anchors
    // it. A sealed letter is never written again (Conflict).
    virtual Result<ActionOutcome> perform_action(SopDefinition const&, ActionRequest const&,
        std::optional<CaseDataUpdate> const& update = std::nullopt, LetterWork const& letter = {}) = 0;
    // Cases of an office waiting in any of `states`, longest waiting first.
    virtual Result<std::vector<Case>> cases_in_states(Id office_id, std::vector<std::string> const& states, int limit) = 0;
    virtual Result<std::vector<Case>> cases_by_registration_number(std::string const& number) = 0;
    virtual Result<std::vector<Case>> cases_by_nik(std::string const& nik) = 0;
    virtual Result<std::vector<std::pair<std::string, std::int64_t>>> count_cases_by_state() = 0;

    virtual Status create_session(SessionRecord const&) = 0;
    virtual Result<SessionRecord> session_by_hash(std::string const& token_hash) = 0;
    virtual Status touch_session(std::string const& token_hash, Timestamp now, Timestamp expires_at) = 0;
    virtual Status delete_session(std::string const& token_hash) = 0;
    virtual Result<ApiTokenRecord> create_api_token(ApiTokenRecord) = 0;
    virtual Result<ApiTokenRecord> api_token_by_hash(std::string const& token_hash) = 0;
    virtual Status record_login_attempt(LoginAttempt const&, AttemptOutcome, Timestamp now) = 0;
    // Failed attempts since `since`: UserAtAddress, the sign-ins of
    // attempt.username from attempt.address back to that pair's last
    // success; Address, the sign-ins from attempt.address, which no success
    // resets; Credential, the passwords typed through attempt.credential
    // back to its last right one.
    virtual Result<std::int64_t> failed_logins_since(AttemptKey, LoginAttempt const&, Timestamp since) = 0;
    // True when the person signed in from the address at or after `since`.
    virtual Result<bool> signed_in_from(std::string const& username, std::string const& address, Timestamp since) = 0;
    virtual Status set_password_hash(Id user_id, std::string const& hash) = 0;

    // Revocation. Each ends sign-ins and records it (RevocationRecord) in
    // one transaction. sign_out: the one session or API token of this hash
    // (NotFound when it is not the user's, or already ended).
    virtual Result<RevocationRecord> sign_out(Id user_id, CredentialKind, std::string const& token_hash, std::string const& address, Timestamp now) = 0;
    // The new password hash, and every session and token of the user but
    // `kept` ended.
    virtual Result<RevocationRecord> set_password_ending_other_sign_ins(Id user_id, std::string const& hash, SignInKept const& kept,
        std::string const& address, Timestamp now) = 0;
    virtual Result<std::vector<RevocationRecord>> revocations(Id user_id) = 0;

    // True when the database answers.
    virtual Status ping() = 0;
    virtual Result<Case> case_by_id(Id) = 0;
    virtual Result<std::vector<ActionRecord>> case_actions(Id case_id) = 0;
    virtual Result<std::vector<RegisterEntry>> register_entries(Id office_id, std::string const& register_id, int year) = 0;
    // The entries of an office's register whose numbers were given in
    // [from, to), in number order.
    virtual Result<std::vector<RegisterLine>> register_lines(Id office_id, std::string const& register_id, Timestamp from, Timestamp to) = 0;
    // The cases of an office that the report of [from, to) needs, with their
    // action logs (oldest first): those created before `to` that were still
    // moving on or after `from`, or that are in one of `open_states` (the
    // states that are not an end). Only what the report reads is filled in:
    // of a case its id, office, service, state and times; of an action its
    // case, states, action, actor, time and reasons. An open case last
    // updated before `idle_before` (<= from; core/report's idle_before())
    // comes without its actions, marked idle. Actions at or after `to` are
    // left out. The cost grows with the period's cases and moves and the
    // count of open cases, not with the table, the time since the period or
    // the open cases' histories (soci_store_reports.cpp).
    virtual Result<std::vector<CaseHistory>> case_histories(Id office_id, Timestamp from, Timestamp to,
        std::vector<std::string> const& open_states, Timestamp idle_before) = 0;
    // Register search: one register's lines, filtered, in number
    // order, a page at a time, with the count of all lines that match.
    virtual Result<RegisterPage> search_register(RegisterQuery const&) = 0;
    // The outage log. A new outage while another of the same kind
    // is open at the office is Conflict; ending one already ended too.
    virtual Result<OutageRecord> add_outage(OutageRecord, Timestamp now) = 0;
    virtual Result<OutageRecord> end_outage(Id office_id, Id outage_id, Timestamp ended_at, Id ended_by) = 0;
    // The office's outages overlapping [from, to), open ones included, by start.
    virtual Result<std::vector<OutageRecord>> outages(Id office_id, Timestamp from, Timestamp to) = 0;
    // UU 27/2022: who opened which case's personal data, and why.
    virtual Status log_access(Id user_id, Id case_id, std::string const& purpose, std::string const& address, Timestamp now) = 0;
    // The same for reads of many rows at once (registers, exports, printouts).
    virtual Status log_bulk_access(BulkAccess const&) = 0;

    // The status check's PIN: a new hash replaces the old one and clears the
    // wrong tries; a wrong try is counted, and the new count returned.
    virtual Status set_status_pin(Id case_id, std::string const& hash) = 0;
    virtual Result<StatusPinRecord> status_pin(Id case_id) = 0;
    virtual Result<std::int64_t> count_status_pin_failure(Id case_id) = 0;

    // Idempotency-Key: claims (user, key) for a request with `fingerprint`
    // and returns nothing, or returns the record of the request that claimed
    // it first. Records created before `expired_before` are dropped first.
    virtual Result<std::optional<IdempotencyRecord>> claim_idempotency_key(Id user_id, std::string const& key, std::string const& fingerprint,
        Timestamp now, Timestamp expired_before) = 0;
    // Stores the answer of the claimed request; release forgets the claim
    // (the request had no effect, so a retry may run it again).
    virtual Status finish_idempotency_key(Id user_id, std::string const& key, int status, std::string const& location, std::string const& body) = 0;
    virtual Status release_idempotency_key(Id user_id, std::string const& key) = 0;

    // Letters.
    virtual Result<LetterRecord> letter_of_case(Id case_id, std::string const& kind) = 0;
    virtual Result<LetterRecord> letter_by_token(std::string const& token) = 0;
    // The letter whose frozen PDF or ARSIP copy has this SHA-256.
    virtual Result<LetterRecord> letter_by_pdf_sha256(std::string const& sha256) = 0;
    // Revokes a sealed letter: verification says so from then on. The
    // letter itself stays as it was. NotFound, or Conflict when already
    // revoked.
    virtual Result<LetterRecord> revoke_letter(Id case_id, std::string const& kind, std::string const& reason, Timestamp now) = 0;
    virtual Status log_verification(std::optional<Id> letter_id, VerificationMethod, VerificationOutcome, std::string const& address, Timestamp now) = 0;

    // The signer's key in use, or NotFound.
    virtual Result<SignerKeyRecord> active_signer_key(Id user_id) = 0;
    // Stores a new key for the user and retires the one in use, in one
    // transaction. The old key stays on record for verifying old letters.
    virtual Result<SignerKeyRecord> replace_signer_key(Id user_id, SignerKeyRecord, Timestamp now) = 0;
    // The same key sealed under a new password (sealed_secret, salt, nonce
    // of `key` replace the stored ones).
    virtual Status reseal_signer_key(SignerKeyRecord const& key) = 0;
    // The key's owner when `public_key` is a signer key on record (retired
    // ones included), or NotFound.
    virtual Result<SignerKeyRecord> signer_key_by_public_key(std::string const& public_key) = 0;
    // Records the office's seal public key when it has none yet and returns
    // the one in use: a different key in use means the server's seal secret
    // is not the one the office sealed with (Conflict).
    virtual Status ensure_office_seal(Id office_id, std::string const& public_key, Timestamp now) = 0;
    // True when `public_key` is, or was, a seal key of the office.
    virtual Result<bool> is_office_seal(Id office_id, std::string const& public_key) = 0;

    // The audit keys (core/audit.hpp). The rows' MAC key, derived from the
    // seal secret, is given once at start before any write; without it rows
    // are written without a MAC.
    virtual void set_audit_mac_key(std::string key) = 0;
    // Appends an event to the server's security chain in its own
    // transaction (seq, hash and MAC are filled in): user and role changes,
    // revocations of sessions and tokens, outages, keys. Writers inside a
    // transaction of their own use append_security_event (soci_support.hpp).
    virtual Result<SecurityEvent> record_security_event(SecurityEvent) = 0;
    // The head of every chain: each office's and the security chain.
    virtual Result<std::vector<ChainHead>> chain_heads() = 0;
    // True when any office has a seal key on record.
    virtual Result<bool> has_office_seals() = 0;

    // Bulk import (sopir demo --cases)
    // One action of an imported history, as the engine's Transition gave it
    // (data canonical; <map> comes with core/workflow.hpp). The store adds
    // the number ("nomor") to the fields of an action that takes one.
    struct ImportedAction {
        std::string action_id;
        std::string from_state;
        std::string to_state;
        Id actor_user_id { 0 };
        Timestamp at { 0 };
        std::string note;
        std::vector<std::string> reasons;
        std::map<std::string, std::string> fields;
        std::optional<std::string> takes_number; // The register, as Transition::takes_number.
    };

    // A case with its history after k_create_action (by `created_by` at
    // `created_at`), oldest first. Demo cases carry letter numbers but no
    // stored letter: the letter PDF is not rendered for them.
    struct ImportedCase {
        NewCase data;
        Id created_by { 0 };
        Timestamp created_at { 0 };
        std::vector<ImportedAction> actions;
    };

    // Cases ordered by created_at, across batches too; an empty batch ends the import.
    using ImportSource = std::function<Result<std::vector<ImportedCase>>()>;

    struct ImportReport {
        std::int64_t cases { 0 };
        std::int64_t actions { 0 }; // k_create_action included.
        std::int64_t numbers { 0 };
        std::int64_t transactions { 0 };
    };

    // Writes whole case histories made elsewhere (the demo generator, which
    // checks every action with the workflow engine) in large transactions:
    // the cases, their actions on both hash chains, and the numbers of the
    // actions that take one, from the gapless sequences in order of time,
    // exactly as perform_action would have. `next_batch` hands over cases
    // oldest first and an empty batch at the end. No letter is written (see
    // ImportedCase). For a new database: an interrupted import leaves the
    // cases of its last transaction out, but earlier transactions may hold
    // cases whose later actions were never written. Each case follows the
    // definition in `catalog` its service_id names, at that version.
    virtual Result<ImportReport> import_history(std::vector<SopDefinition> const& catalog, ImportSource const& next_batch) = 0;

    // SOP definition versions (0014). keep_sop_version stores the text of a
    // version once (a second call with the same hash changes nothing);
    // adopt_sop_version gives every case of the service that records no
    // version this one, and returns how many; sop_versions_in_use are the
    // stored versions some case names.
    virtual Status keep_sop_version(SopVersion const&) = 0;
    virtual Result<std::int64_t> adopt_sop_version(std::string const& service_id, std::string const& sha256) = 0;
    virtual Result<std::vector<SopVersion>> sop_versions_in_use() = 0;
    // The cases of a service by version and state, every office's.
    virtual Result<std::vector<CasesInState>> cases_by_version_and_state(std::string const& service_id) = 0;

    // What an office states about its copy of an SOP (0014): replaced
    // whole; nothing when the office has stated nothing.
    virtual Status set_office_sop(OfficeSop const&) = 0;
    virtual Result<std::optional<OfficeSop>> office_sop(Id office_id, std::string const& service_id) = 0;

    // Working time (0016): an office's working hours as core/working_time.hpp
    // writes them (nothing while it keeps the default; empty text returns
    // to it), and its own holidays beside the national ones. Each change is
    // a security event on the server's chain.
    virtual Result<std::optional<std::string>> office_working_hours(Id office_id) = 0;
    virtual Status set_office_working_hours(Id office_id, std::string const& hours, Id actor_id, Timestamp now) = 0;
    virtual Result<std::vector<Holiday>> office_holidays(Id office_id) = 0;
    // Conflict when the office already keeps that day; NotFound to remove a
    // day it does not keep.
    virtual Status add_office_holiday(Id office_id, Holiday const&, Id actor_id, Timestamp now) = 0;
    virtual Status remove_office_holiday(Id office_id, Date day, Id actor_id, Timestamp now) = 0;

    // Cases held for an outage in one go (0016): perform_action with
    // ActionRequest::outage_id links the hold (or the resumption) to the
    // outage. outage_held_cases are the cases it still holds: held by it and
    // not moved since.
    virtual Result<std::vector<Id>> outage_held_cases(Id outage_id) = 0;
    // One outage of the office; NotFound for another office's.
    virtual Result<OutageRecord> outage(Id office_id, Id outage_id) = 0;
    // Office administration (0015). Each change is one transaction with its
    // event in the security chain, naming `actor`.
    // The users holding (or having held) a role in the office, and the
    // roles held now (ended ones left out).
    virtual Result<std::vector<User>> office_users(Id office_id) = 0;
    virtual Result<std::vector<RoleAssignment>> office_assignments(Id office_id) = 0;
    virtual Result<RoleAssignment> add_role_assignment(RoleAssignment, Id actor, Timestamp now) = 0;
    // Ends a role held now (NotFound when it is not, or already ended).
    virtual Status end_role_assignment(Id assignment_id, Id actor, Timestamp now) = 0;
    // Disabling also ends every session and API token of the user.
    virtual Status set_user_active(Id user_id, bool active, Id office_id, Id actor, Timestamp now) = 0;
    virtual Status update_office_settings(OfficeSettingsChange const&, Id actor, Timestamp now) = 0;
    // A new reset withdraws the user's earlier ones that wait.
    virtual Result<PasswordReset> add_password_reset(PasswordReset, Timestamp now) = 0;
    virtual Result<PasswordReset> pending_password_reset(Id reset_id) = 0;
    virtual Result<std::vector<PasswordReset>> pending_password_resets(Id office_id) = 0;
    // Puts a waiting reset into effect: the code's hash becomes the
    // password, to be changed at the next sign-in; the user's signing key is
    // retired (letters signed with it still verify); every session and API
    // token of the user ends. Conflict when it no longer waits.
    virtual Status apply_password_reset(Id reset_id, Id decided_by, Timestamp now) = 0;

    // The satisfaction survey (0017). survey_token gives the case's link
    // token, storing `fresh` when it has none yet; case_of_survey_token the
    // case a token opens (NotFound). add_survey marks the case as answered
    // and stores the answers apart from it, with an event on the security
    // chain that names neither the case nor anyone, in one transaction: a
    // second survey of a case is Conflict. survey_figures adds up the
    // answers; count_cases_created counts the cases filed in [from, to).
    virtual Result<std::string> survey_token(Id case_id, std::string const& fresh, Timestamp now) = 0;
    virtual Result<Id> case_of_survey_token(std::string const& token) = 0;
    virtual Result<bool> survey_answered(Id case_id) = 0;
    virtual Status add_survey(Id case_id, SurveyResponse const&, Timestamp now) = 0;
    virtual Result<SurveyFigures> survey_figures(Id office_id, std::optional<std::string> const& service_id, Date from, Date to, int comments) = 0;
    virtual Result<std::int64_t> count_cases_created(Id office_id, std::optional<std::string> const& service_id, Timestamp from, Timestamp to) = 0;

    // Walks every case chain, every office chain and the security chain.
    virtual Result<AuditReport> verify_audit() = 0;
    // The same, checking too each row's MAC under `anchors.mac_key` (when
    // given) and that each of `anchors.heads` (signed heads exported before,
    // their signatures checked by the caller) is still a row of its chain
    // with the same hash: what someone who rewrote rows and recomputed every
    // hash in the database cannot fake.
    virtual Result<AuditReport> verify_audit(AuditAnchors const&) = 0;
};

std::unique_ptr<Store> make_soci_store(Database&);

}
