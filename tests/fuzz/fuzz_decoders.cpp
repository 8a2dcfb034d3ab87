// libFuzzer target: arbitrary bytes as the body of every JSON request the
// API decodes (sessions, password, cases, actions, outages). Besides not
// crashing (ASan, UBSan, and the stack: the bytes may nest deep), each
// decoder must keep its promises: a refusal is bad_json or names at least
// one field; what it accepts holds no NUL and is valid UTF-8 (dump would
// throw otherwise); every message is valid UTF-8 too, as JSON answers need.
#include "core/json.hpp"
#include "web/api_decode.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace sopir;
using namespace sopir::web;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

// Valid UTF-8 without NUL: dump() throws on invalid UTF-8.
void require_clean(std::string const& text)
{
    require(text.find('\0') == std::string::npos);
    (void)nlohmann::json(text).dump();
}

template<typename T, typename Check>
void require_decoded(Result<T> const& result, Check const& check)
{
    if (result.ok()) {
        check(*result);
        return;
    }
    Error const& error = result.error();
    require(error.kind == ErrorKind::Invalid && !error.code.empty() && !error.message.empty());
    (void)nlohmann::json(error.message).dump();
    if (error.code == k_bad_json)
        return;
    require(!error.issues.empty());
    for (auto const& issue : error.issues) {
        require(!issue.field.empty() && !issue.code.empty());
        (void)nlohmann::json(issue.field).dump();
        (void)nlohmann::json(issue.message).dump();
    }
}

void require_applicant(ApplicantInput const& a)
{
    for (auto const* text : { &a.nik, &a.kk, &a.name, &a.birth_place, &a.birth_date, &a.sex, &a.religion, &a.marital_status,
             &a.occupation, &a.address, &a.rt, &a.rw, &a.village_code, &a.phone })
        require_clean(*text);
}

void require_documents(DocumentsInput const& documents)
{
    for (auto const& [id, document] : documents) {
        require_clean(id);
        require_clean(document.number);
        require_clean(document.date);
    }
}

}

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size)
{
    std::string_view const body(reinterpret_cast<char const*>(data), size);

    // The bound holds for whatever is accepted.
    auto parsed = parse_json(body);
    require(parsed.ok() || parsed.error().code == "json.too_deep" || parsed.error().code == "json.syntax");
    if (parsed.ok())
        (void)parsed->dump();
    require(!parsed.ok() || json_nesting_depth(body, k_json_max_depth) <= k_json_max_depth);

    require_decoded(decode_session_request(body), [](SessionRequest const& r) {
        require_clean(r.username);
        require_clean(r.password);
    });
    require_decoded(decode_password_request(body), [](PasswordRequest const& r) {
        require_clean(r.current);
        require_clean(r.new_password);
    });
    require_decoded(decode_case_request(body), [](CaseRequest const& r) {
        require_clean(r.service);
        require_applicant(r.applicant);
        require_documents(r.documents);
    });
    require_decoded(decode_action_request(body), [](ActionRequest const& r) {
        require_clean(r.action);
        require_clean(r.data.note);
        require_clean(r.password);
        for (auto const& reason : r.data.reasons)
            require_clean(reason);
        for (auto const& [name, value] : r.data.fields) {
            require(name != "password" && name != "applicant" && name != "documents");
            require_clean(name);
            require_clean(value);
        }
        if (r.corrections) {
            require_applicant(r.corrections->first);
            require_documents(r.corrections->second);
        }
    });
    require_decoded(decode_outage_request(body), [](OutageRequest const& r) {
        require_clean(r.kind);
        require_clean(r.note);
    });
    require_decoded(decode_outage_end_request(body), [](OutageEndRequest const&) { });
    return 0;
}
