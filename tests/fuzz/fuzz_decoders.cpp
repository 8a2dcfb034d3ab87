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

// Every text in a decoded form (groups, rows, documents) is clean, and
// every key too.
void require_form(nlohmann::json const& form)
{
    if (form.is_string()) {
        require_clean(form.get<std::string>());
        return;
    }
    require(form.is_object() || form.is_array());
    for (auto const& [key, value] : form.items()) {
        require_clean(key);
        require_form(value);
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
    // A service with every kind of group, so that rows are decoded too.
    static std::vector<SopDefinition> const catalog = [] {
        SopDefinition service;
        service.id = "layanan";
        service.form.groups = { { .id = "applicant", .label = "Pemohon", .kind = GroupKind::Person, .fields = { { .name = "nik" }, { .name = "name" } } },
            { .id = "members", .label = "Anggota", .kind = GroupKind::Rows, .fields = { { .name = "nik" } } } };
        return std::vector<SopDefinition> { service };
    }();
    require_decoded(decode_case_request(body, catalog), [](CaseRequest const& r) {
        require_clean(r.service);
        require_form(r.form);
    });
    require_decoded(decode_action_request(body, catalog), [](ActionRequest const& r) {
        require_clean(r.action);
        require_clean(r.data.note);
        require_clean(r.password);
        for (auto const& reason : r.data.reasons)
            require_clean(reason);
        for (auto const& [name, value] : r.data.fields) {
            require(name != "password" && name != "applicant" && name != "members" && name != "documents");
            require_clean(name);
            require_clean(value);
        }
        if (r.corrections)
            require_form(*r.corrections);
    });
    require_decoded(decode_outage_request(body), [](OutageRequest const& r) {
        require_clean(r.kind);
        require_clean(r.note);
    });
    require_decoded(decode_outage_end_request(body), [](OutageEndRequest const&) { });
    return 0;
}
