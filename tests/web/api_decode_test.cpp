// The JSON API's request decoders (web/api_decode.hpp): what each request
// becomes, and which member a refusal names.
#include "web/api_decode.hpp"

#include "../unit/ektp_form.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace sopir;
using namespace sopir::web;

namespace {

std::vector<std::string> fields_of(Error const& error)
{
    std::vector<std::string> fields;
    for (auto const& issue : error.issues)
        fields.push_back(issue.field);
    std::sort(fields.begin(), fields.end());
    return fields;
}

// The E-KTP form, and a made-up service with a rows group.
std::vector<SopDefinition> const& catalog()
{
    static std::vector<SopDefinition> const services = [] {
        SopDefinition family;
        family.id = "keluarga";
        InputGroup members { .id = "members", .label = "Anggota keluarga", .kind = GroupKind::Rows, .fields = {}, .min_rows = 1 };
        members.fields = { test_forms::field("nik", "NIK", InputType::Nik, true), test_forms::field("umur", "Umur", InputType::Integer, false) };
        family.form.groups = { members };
        return std::vector<SopDefinition> { test_forms::ektp_definition(), family };
    }();
    return services;
}

Result<ActionRequest> decode_action(std::string_view body)
{
    return decode_action_request(body, catalog());
}

template<typename T>
Error refusal(Result<T> const& result)
{
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error {} : result.error();
}

std::string nested(std::size_t levels)
{
    return std::string(levels, '[') + std::string(levels, ']');
}

}

TEST(ApiDecode, BodiesThatAreNotAJsonObjectAreBadJson)
{
    for (std::string const body : { "{bukan json", "[1]", "\"teks\"", "null", "12", "{\"a\":1} x", "\"\xc3\x28\"" }) {
        Error const error = refusal(decode_session_request(body));
        EXPECT_EQ(error.code, k_bad_json) << body;
        EXPECT_TRUE(error.message.starts_with("Badan permintaan ")) << error.message;
        EXPECT_EQ(error.message.find("json.exception"), std::string::npos) << error.message;
    }
    EXPECT_TRUE(decode_session_request("").ok()); // No body reads as {}.
    Error const deep = refusal(decode_action(R"({"action":"terima","data":)" + nested(100'000) + "}"));
    EXPECT_EQ(deep.code, k_bad_json);
    EXPECT_NE(deep.message.find("terlalu dalam"), std::string::npos) << deep.message;
}

TEST(ApiDecode, SessionAndPasswordRequests)
{
    auto session = decode_session_request(R"({"username":"kasi","password":"rahasia","lain":[1]})");
    ASSERT_TRUE(session.ok());
    EXPECT_EQ(session->username, "kasi");
    EXPECT_EQ(session->password, "rahasia");
    EXPECT_EQ(fields_of(refusal(decode_session_request(R"({"username":123,"password":["x"]})"))), (std::vector<std::string> { "password", "username" }));

    auto password = decode_password_request(R"({"current":"lama","new":"baru-yang-panjang"})");
    ASSERT_TRUE(password.ok());
    EXPECT_EQ(password->current, "lama");
    EXPECT_EQ(password->new_password, "baru-yang-panjang");
    Error const error = refusal(decode_password_request(R"({"current":{},"new":"x"})"));
    EXPECT_EQ(error.field, "current");
    EXPECT_EQ(error.code, "json.type");
    EXPECT_EQ(error.message, "current harus berupa teks.");
}

TEST(ApiDecode, CaseRequest)
{
    auto request = decode_case_request(R"({"service":"perekaman-ektp","applicant":{"nik":"6305061505000001","name":"Ahmad Fauzi","rt":null,"extra":5},
        "documents":{"surat_pengantar":{"number":"470/12","date":"2026-11-20"},"akta_kelahiran":null}})",
        catalog());
    ASSERT_TRUE(request.ok()) << request.error().message;
    EXPECT_EQ(request->service, "perekaman-ektp");
    EXPECT_EQ(request->form["applicant"]["nik"], "6305061505000001");
    EXPECT_EQ(request->text_at("applicant.name"), "Ahmad Fauzi");
    // Absent, null and unknown members are left out; the check sees them empty.
    EXPECT_FALSE(request->form["applicant"].contains("rt"));
    EXPECT_FALSE(request->form["applicant"].contains("extra"));
    ASSERT_EQ(request->form["documents"].size(), 1u);
    EXPECT_EQ(request->text_at("documents.surat_pengantar.date"), "2026-11-20");

    // No service named is the desk's to refuse, not the decoder's to guess.
    auto unnamed = decode_case_request(R"({"applicant":{"nik":"6305061505000001"}})", catalog());
    ASSERT_TRUE(unnamed.ok());
    EXPECT_EQ(unnamed->service, "");

    struct Case { char const* body; std::vector<std::string> fields; };
    Case const cases[] = {
        { .body = R"({"service":5})", .fields = { "service" } },
        { .body = R"({"service":"perekaman-ektp","applicant":[]})", .fields = { "applicant" } },
        { .body = R"({"service":"perekaman-ektp","applicant":{"nik":6305061505000001,"name":{"a":1},"rt":["002"]}})", .fields = { "applicant.name", "applicant.nik", "applicant.rt" } },
        { .body = R"({"documents":[]})", .fields = { "documents" } },
        { .body = R"({"documents":{"akta_kelahiran":"AL-1","kartu_keluarga":{"number":7}}})", .fields = { "documents.akta_kelahiran", "documents.kartu_keluarga.number" } },
        { .body = R"({"service":"perekaman-ektp","applicant":{"name":"Ahmad\u0000"}})", .fields = { "applicant.name" } },
        { .body = R"({"documents":{"a\u0000":{}}})", .fields = { "documents" } },
        // A rows group is a list of rows, each an object of texts, named by
        // the row's index.
        { .body = R"({"service":"keluarga","members":{}})", .fields = { "members" } },
        { .body = R"({"service":"keluarga","members":[{"nik":"1"},"x",{"nik":2}]})", .fields = { "members.1", "members.2.nik" } },
    };
    for (auto const& c : cases) {
        Error const error = refusal(decode_case_request(c.body, catalog()));
        EXPECT_EQ(error.kind, ErrorKind::Invalid) << c.body;
        EXPECT_EQ(fields_of(error), c.fields) << c.body;
    }
    Error const several = refusal(decode_case_request(R"({"service":1,"documents":{"x":2}})", catalog()));
    EXPECT_EQ(several.code, "invalid");
    EXPECT_EQ(several.message, "2 isian perlu diperbaiki.");

    auto rows = decode_case_request(R"({"service":"keluarga","members":[{"nik":"6305061505000001","umur":"3"},null]})", catalog());
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    EXPECT_EQ(rows->text_at("members.0.umur"), "3");
    EXPECT_EQ(rows->form["members"].size(), 2u);
}

TEST(ApiDecode, ActionRequest)
{
    auto request = decode_action(R"({"action":"terima","note":"lengkap","reasons":["a","b"],"version":3,
        "data":{"kelengkapan":["surat_pengantar","akta_kelahiran"],"jumlah":2,"setuju":true,"kosong":null,"password":"sandi"}})");
    ASSERT_TRUE(request.ok()) << request.error().message;
    EXPECT_EQ(request->action, "terima");
    EXPECT_EQ(request->data.note, "lengkap");
    EXPECT_EQ(request->data.reasons, (std::vector<std::string> { "a", "b" }));
    EXPECT_EQ(request->version, 3);
    EXPECT_EQ(request->data.fields, (std::map<std::string, std::string> { { "jumlah", "2" }, { "kelengkapan", "surat_pengantar,akta_kelahiran" }, { "setuju", "true" } }));
    EXPECT_EQ(request->password, "sandi"); // Never action data.
    EXPECT_FALSE(request->corrections);

    auto corrected = decode_action(R"({"action":"ajukan_ulang","data":{"applicant":{"name":"Ahmad"}}})");
    ASSERT_TRUE(corrected.ok());
    ASSERT_TRUE(corrected->corrections);
    EXPECT_EQ((*corrected->corrections)["applicant"]["name"], "Ahmad");
    EXPECT_FALSE(corrected->corrections->contains("documents"));
    EXPECT_TRUE(corrected->data.fields.empty());

    auto without_version = decode_action(R"({"action":"terima","version":null})");
    ASSERT_TRUE(without_version.ok());
    EXPECT_FALSE(without_version->version);

    struct Case { char const* body; std::vector<std::string> fields; };
    Case const cases[] = {
        { .body = R"({"version":"1"})", .fields = { "version" } },
        { .body = R"({"version":1.0})", .fields = { "version" } },
        { .body = R"({"version":18446744073709551615})", .fields = { "version" } },
        { .body = R"({"version":true})", .fields = { "version" } },
        { .body = R"({"action":["terima"]})", .fields = { "action" } },
        { .body = R"({"note":123})", .fields = { "note" } },
        { .body = R"({"reasons":"a"})", .fields = { "reasons" } },
        { .body = R"({"reasons":["a",1]})", .fields = { "reasons" } },
        { .body = R"({"data":"x"})", .fields = { "data" } },
        { .body = R"({"data":{"received_by":{"name":"x"}}})", .fields = { "data.received_by" } },
        { .body = R"({"data":{"kelengkapan":[1]}})", .fields = { "data.kelengkapan" } },
        { .body = R"({"data":{"password":1}})", .fields = { "data.password" } },
        { .body = R"({"data":{"applicant":"x","documents":{"kk":[]}}})", .fields = { "applicant", "documents.kk" } },
        { .body = R"({"note":"a\u0000b"})", .fields = { "note" } },
        { .body = R"({"data":{"received_by":"\u0000"}})", .fields = { "data.received_by" } },
        { .body = R"({"data":{"x\u0000":"y"}})", .fields = { "data" } },
    };
    for (auto const& c : cases)
        EXPECT_EQ(fields_of(refusal(decode_action(c.body))), c.fields) << c.body;
    EXPECT_EQ(refusal(decode_action(R"({"note":"\u0000"})")).code, "json.nul");
    EXPECT_EQ(decode_action(R"({"version":-2})")->version, -2);
}

TEST(ApiDecode, OutageRequests)
{
    auto started = decode_outage_request(R"({"kind":"listrik","note":"PLN padam","started_at":1764547200})");
    ASSERT_TRUE(started.ok());
    EXPECT_EQ(started->kind, "listrik");
    EXPECT_EQ(started->note, "PLN padam");
    EXPECT_EQ(started->started_at, 1764547200);
    EXPECT_FALSE(decode_outage_request(R"({"kind":"listrik"})")->started_at);
    EXPECT_EQ(fields_of(refusal(decode_outage_request(R"({"kind":1,"note":{},"started_at":"1764547200"})"))),
        (std::vector<std::string> { "kind", "note", "started_at" }));

    EXPECT_EQ(decode_outage_end_request(R"({"ended_at":1764550800})")->ended_at, 1764550800);
    EXPECT_FALSE(decode_outage_end_request("")->ended_at);
    EXPECT_EQ(fields_of(refusal(decode_outage_end_request(R"({"ended_at":1.5})"))), (std::vector<std::string> { "ended_at" }));
}

TEST(ApiDecode, BatchRequests)
{
    auto batch = decode_batch_request(R"({"cases":[3,1,2],"password":"rahasia"})");
    ASSERT_TRUE(batch.ok());
    EXPECT_EQ(batch->cases, (std::vector<std::int64_t> { 3, 1, 2 }));
    EXPECT_EQ(batch->password, "rahasia");
    EXPECT_TRUE(decode_batch_request(R"({"cases":null})")->cases.empty());
    for (char const* body : { R"({"cases":["1"]})", R"({"cases":[1.5]})", R"({"cases":1})", R"({"cases":[1,[2]]})", R"({"cases":[18446744073709551615]})" })
        EXPECT_EQ(fields_of(refusal(decode_batch_request(body))), (std::vector<std::string> { "cases" })) << body;
    EXPECT_EQ(fields_of(refusal(decode_batch_request(R"({"cases":[1],"password":7})"))), (std::vector<std::string> { "password" }));
    EXPECT_EQ(refusal(decode_batch_request("[1]")).code, k_bad_json);
}

// Two services whose forms share a group id with other fields (a
// legalisation's applicant has no religion): a correction keeps the fields
// of every service's group of that id, whichever service comes first.
TEST(ApiDecode, ACorrectionKeepsTheFieldsOfEveryServicesGroupOfThatId)
{
    SopDefinition legalisation;
    legalisation.id = "legalisasi";
    InputGroup applicant { .id = "applicant", .label = "Pemohon", .kind = GroupKind::Fields, .fields = {} };
    applicant.fields = { test_forms::field("nik", "NIK", InputType::Nik, true), test_forms::field("keperluan", "Keperluan", InputType::Text, true) };
    legalisation.form.groups = { applicant };
    std::vector<SopDefinition> const services { legalisation, test_forms::ektp_definition() };
    auto corrected = decode_action_request(R"({"action":"ajukan_ulang","data":{"applicant":{"name":"Ahmad","religion":"Islam","keperluan":"Beasiswa"}}})", services);
    ASSERT_TRUE(corrected.ok()) << corrected.error().message;
    ASSERT_TRUE(corrected->corrections);
    auto const& group = (*corrected->corrections)["applicant"];
    EXPECT_EQ(group["name"], "Ahmad");
    EXPECT_EQ(group["religion"], "Islam");
    EXPECT_EQ(group["keperluan"], "Beasiswa");
}
