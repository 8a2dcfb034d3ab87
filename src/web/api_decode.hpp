#pragma once
// The JSON API's request bodies, decoded into typed requests before any use
// case sees them. A body that is not a JSON object (or nests deeper than
// k_json_max_depth) is refused with the code "bad_json" (400); a member of
// the wrong JSON type, or text with a NUL character, is Invalid naming the
// member as the client wrote it (422). Absent and null members are alike:
// the default. Members the API does not know are ignored.
//
// Pure: no I/O and nothing of libmicrohttpd, so the fuzz target
// (tests/fuzz/fuzz_decoders.cpp) compiles it with the core alone.

#include "core/date.hpp"
#include "core/sop.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/workflow.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sopir::web {

// The Error code of a body that is not a JSON object; the API answers 400.
inline constexpr std::string_view k_bad_json = "bad_json";

// POST /api/v1/sessions
struct SessionRequest {
    std::string username;
    std::string password;
};

// POST /api/v1/me/password
struct PasswordRequest {
    std::string current;
    std::string new_password; // "new"
};

// POST /api/v1/cases: {"service", GROUP: {…}, ROWS: [{…}], "documents":
// {DOC: {"number", "date", "valid_until"}}, "confirm_duplicate"}.
struct CaseRequest {
    std::string service;
    // The service's form groups and the documents, as the form check reads
    // them (core/form_check.hpp); each text member checked for its JSON type.
    nlohmann::json form = nlohmann::json::object();
    // Files a second open case of the service for the NIK on purpose.
    bool confirm_duplicate { false };

    // The text at a field path ("applicant.nik"); "" when there is none.
    std::string text_at(std::string_view path) const;
};

// POST /api/v1/cases/{id}/actions
struct ActionRequest {
    std::string action;
    ActionData data; // note, reasons, and data's other members as text
    std::optional<std::int64_t> version;
    // The form's groups and documents under data (data.applicant,
    // data.documents), when any is given (ajukan_ulang), named as on intake.
    std::optional<nlohmann::json> corrections;
    // data.password: the signer's password; it unlocks the signing key and is
    // neither action data nor ever stored.
    std::string password;
};

// POST /api/v1/signatures and POST /api/v1/initials: {"cases": [ids],
// "password"} (the password for signatures only).
struct BatchRequest {
    std::vector<std::int64_t> cases;
    std::string password;
};

// POST /api/v1/outages
struct OutageRequest {
    std::string kind;
    std::string note;
    std::optional<Timestamp> started_at; // Unix seconds
};

// POST /api/v1/outages/{id}/end
struct OutageEndRequest {
    std::optional<Timestamp> ended_at; // Unix seconds
    bool resume { false }; // Also resume the cases the outage still holds.
};

// POST /api/v1/outages/{id}/holds: hold every case waiting in the step.
struct OutageHoldRequest {
    std::string service;
    std::string step;
};

// Reads the members of one JSON object, collecting a FieldIssue for every
// member of the wrong type instead of stopping at the first. Field names are
// `prefix` + key ("applicant." + "nik"). A decoder reads what it needs and
// ends with finish(), which gives the value or every issue at once.
class FieldReader {
public:
    using Json = nlohmann::ordered_json;

    FieldReader(Json const& object, std::string prefix, std::vector<FieldIssue>& issues)
        : m_object(object)
        , m_prefix(std::move(prefix))
        , m_issues(issues)
    {
    }

    // A string without NUL characters; nullopt when absent or null.
    std::optional<std::string> text(std::string_view key);
    std::string text_or(std::string_view key, std::string fallback = {}) { return text(key).value_or(std::move(fallback)); }
    // A JSON integer (1, not "1" or 1.0) that fits in 64 bits.
    std::optional<std::int64_t> integer(std::string_view key);
    std::optional<bool> boolean(std::string_view key);
    // An array of strings without NUL characters.
    std::vector<std::string> texts(std::string_view key);
    // A nested object; nullptr when absent, null, or of another type (then
    // with an issue).
    Json const* object(std::string_view key);

    std::string field(std::string_view key) const { return m_prefix + std::string(key); }
    Json const* source() const { return &m_object; }
    void refuse(std::string field, std::string code, std::string message) { m_issues.push_back({ std::move(field), std::move(code), std::move(message) }); }

private:
    Json const* member(std::string_view key) const;

    Json const& m_object;
    std::string m_prefix;
    std::vector<FieldIssue>& m_issues;
};

// The body as a JSON object ("" is {}), or the k_bad_json refusal.
Result<nlohmann::ordered_json> read_json_object(std::string_view body);

Result<SessionRequest> decode_session_request(std::string_view body);
Result<PasswordRequest> decode_password_request(std::string_view body);
// The form's members are read by the service's form in `catalog` (an
// unknown service is the desk's to refuse; an absent one is the only
// service when the catalog holds one); an action's corrections by the
// form groups any service of it has.
Result<CaseRequest> decode_case_request(std::string_view body, std::vector<SopDefinition> const& catalog);
Result<ActionRequest> decode_action_request(std::string_view body, std::vector<SopDefinition> const& catalog);
Result<OutageRequest> decode_outage_request(std::string_view body);
// "cases" must be a list of JSON integers (case ids).
Result<BatchRequest> decode_batch_request(std::string_view body);
Result<OutageEndRequest> decode_outage_end_request(std::string_view body);
Result<OutageHoldRequest> decode_outage_hold_request(std::string_view body);

}
