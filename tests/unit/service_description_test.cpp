// core/service_description: what GET /api/v1/services/{id} says of a
// service, and the made-up service of tests/fixtures/sops/ walked through
// the engine by what the description says, with no C++ written for it.
#include "core/form_check.hpp"
#include "core/form_samples.hpp"
#include "core/service_description.hpp"
#include "core/workflow.hpp"
#include "perekaman_ektp_toml.hpp"
#include "rekomendasi_keramaian_toml.hpp"

#include <gtest/gtest.h>

using namespace sopir;
using Json = nlohmann::ordered_json;

namespace {

constexpr Date k_today { 2026, 11, 25 };

Regions const& sample_regions()
{
    static Regions const regions = [] {
        auto parsed = Regions::parse("code,name\n63,Kalimantan Selatan\n",
            "code,province_code,name\n63.05,63,Kabupaten Tapin\n",
            "code,regency_code,name\n63.05.06,63.05,Candi Laras Utara\n",
            "code,district_code,name\n63.05.06.2001,63.05.06,Keladan\n63.05.06.2004,63.05.06,Margasari Hilir\n");
        EXPECT_TRUE(parsed.ok());
        return std::move(parsed).value();
    }();
    return regions;
}

SopDefinition load(std::string_view text, std::string const& name)
{
    auto checked = check_sop(text, name);
    for (auto const& diagnostic : checked.diagnostics)
        ADD_FAILURE() << to_string(diagnostic);
    return checked.ok() ? std::move(*checked.definition) : SopDefinition {};
}

SopDefinition fixture() { return load(sopir::testing::k_rekomendasi_keramaian_toml, "rekomendasi-keramaian-contoh.toml"); }

Json const* find_node(Json const& description, std::string const& state)
{
    for (auto const* list : { &description["steps"], &description["states"] })
        for (auto const& node : *list)
            if (node["id"] == state)
                return &node;
    return nullptr;
}

int step_index(Json const& description, std::string const& state)
{
    for (std::size_t i = 0; i < description["steps"].size(); ++i)
        if (description["steps"][i]["id"] == state)
            return static_cast<int>(i);
    return -1;
}

// The forward action, as tests/http/services.test.mjs chooses it.
Json const* forward_action(Json const& description, std::string const& state)
{
    Json const* node = find_node(description, state);
    if (!node)
        return nullptr;
    int const here = step_index(description, state);
    for (auto const& action : (*node)["actions"]) {
        std::string const kind = action["target_kind"].is_string() ? action["target_kind"].get<std::string>() : "";
        if (kind == "returned" || kind == "held" || kind == "cancelled")
            continue;
        if (here >= 0 && kind == "step" && step_index(description, action["target"]) <= here)
            continue;
        return &action;
    }
    return nullptr;
}

}

TEST(ServiceDescription, TheFixtureWalksFromIntakeToItsEndByWhatItsDescriptionSays)
{
    SopDefinition const definition = fixture();
    ASSERT_EQ(definition.id, "rekomendasi-keramaian-contoh");
    Json const description = workflow_description(definition);
    CaseSnapshot snapshot { .state = definition.initial_step, .created_at = 1'000'000 };
    std::vector<std::string> walked;
    std::vector<LetterStage> letter;
    int user = 0;
    while (definition.state_kind(snapshot.state) != StateKind::End) {
        ASSERT_LT(walked.size(), 20u) << "no end";
        Json const* action = forward_action(description, snapshot.state);
        ASSERT_NE(action, nullptr) << "no way forward from " << snapshot.state;
        // A new person each step, holding the action's first role.
        Actor actor { std::to_string(++user), { (*action)["roles"][0].get<std::string>() } };
        ActionData data;
        for (auto const& field : (*action)["fields"])
            if (field["required"] == true)
                data.fields[field["name"]] = field["type"] == "bool" ? "true" : "Contoh isian";
        if ((*action)["note_required"] == true)
            data.note = "Catatan.";
        auto moved = apply_action(definition, snapshot, (*action)["id"].get<std::string>(), actor, data);
        ASSERT_TRUE(moved.ok()) << snapshot.state << "/" << (*action)["id"] << ": " << moved.error().message;
        EXPECT_EQ(moved->to_state, (*action)["target"]);
        EXPECT_EQ(to_string(moved->to_kind), (*action)["target_kind"].get<std::string>());
        walked.push_back(moved->action_id);
        if (moved->letter != LetterStage::None)
            letter.push_back(moved->letter);
        snapshot.history.push_back({ moved->action_id, moved->from_state, moved->to_state, actor.user_id,
            snapshot.created_at + 60 * static_cast<Timestamp>(walked.size()) });
        snapshot.state = moved->to_state;
    }
    EXPECT_EQ(walked, (std::vector<std::string> { "ajukan", "terima", "paraf", "tandatangani", "beri_nomor", "tembusan_kembali", "serahkan" }));
    EXPECT_EQ(letter, (std::vector<LetterStage> { LetterStage::Sign, LetterStage::Seal }));
    // Its time in the external state is not the office's working time.
    auto const timing = compute_timing(definition, snapshot, snapshot.created_at + 3600);
    EXPECT_TRUE(timing.finished_at.has_value());
    EXPECT_EQ(timing.working_seconds, 6 * 60);
}

TEST(ServiceDescription, ActionsSayTheirTargetKindRolesLetterAndPassword)
{
    Json const description = workflow_description(fixture());
    Json const& seal = (*find_node(description, "penomoran"))["actions"][0];
    EXPECT_EQ(seal["letter"], "seal");
    EXPECT_EQ(seal["target_kind"], "external");
    EXPECT_EQ(seal["password_required"], false);
    EXPECT_EQ(seal["roles"], Json::array({ "pengadministrasi" }));
    Json const& sign = (*find_node(description, "penandatanganan"))["actions"][0];
    EXPECT_EQ(sign["letter"], "sign");
    EXPECT_EQ(sign["password_required"], true);
    Json const& back = (*find_node(description, "verifikasi"))["actions"][1];
    EXPECT_EQ(back["target_kind"], "returned");
    EXPECT_EQ(back["reasons"][1], Json({ { "id", "lainnya" }, { "label", "Lainnya" }, { "note_required", true } }));
    EXPECT_EQ((*find_node(description, "tembusan_polsek"))["kind"], "external");
    EXPECT_EQ((*find_node(description, "selesai"))["kind"], "end");
}

TEST(ServiceDescription, TheIntakeSchemaDescribesEveryGroupFieldAndDocument)
{
    SopDefinition const definition = fixture();
    auto const sample = sample_input(definition, nullptr, "63.05.06", k_today);
    Json const schema = intake_schema(definition, sample, nullptr, "63.05.06");
    EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    EXPECT_EQ(schema["properties"]["service"]["const"], "rekomendasi-keramaian-contoh");
    Json const& panitia = schema["properties"]["panitia"];
    EXPECT_EQ(panitia["type"], "array");
    EXPECT_EQ(panitia["minItems"], 2);
    EXPECT_EQ(panitia["maxItems"], 5);
    EXPECT_EQ(panitia["items"]["properties"]["nik"]["format"], "nik");
    Json const& origin = schema["properties"]["acara"]["properties"]["asal_hiburan"];
    EXPECT_EQ(origin["format"], "region");
    EXPECT_EQ(origin["x-sopir-level"], "regency");
    EXPECT_EQ(origin["examples"], Json::array({ "63.05" }));
    EXPECT_EQ(schema["properties"]["acara"]["properties"]["jam_mulai"]["format"], "time");
    EXPECT_EQ(schema["properties"]["penyelenggara"]["properties"]["nik"]["examples"][0], sample["penyelenggara"]["nik"]);
    Json const& documents = schema["properties"]["documents"];
    EXPECT_EQ(documents["required"], Json::array({ "surat_pengantar", "kartu_keluarga" }));
    EXPECT_EQ(documents["allOf"][0]["anyOf"][1]["required"], Json::array({ "pernyataan_rt" }));
    EXPECT_EQ(schema["examples"][0]["panitia"].size(), 2u);
}

TEST(ServiceDescription, TheEktpStepsKeepWhatTheApiSaidBefore)
{
    Json const description = describe_service(load(sopir::testing::k_perekaman_ektp_toml, "perekaman-ektp.toml"), nullptr, "63.05.06", k_today);
    EXPECT_EQ(description["id"], "perekaman-ektp");
    EXPECT_EQ(description["steps"][1]["id"], "verifikasi");
    EXPECT_EQ(description["steps"][1]["role"], "petugas_pelayanan");
    EXPECT_EQ(description["steps"][1]["standard_minutes"], 5);
    EXPECT_TRUE(description.contains("intake_schema"));
    EXPECT_TRUE(description.contains("states"));
}

TEST(ServiceDescription, TheSampleOfTheRealAndOfTheMadeUpServicePassesTheIntakeCheck)
{
    for (auto const& definition : { load(sopir::testing::k_perekaman_ektp_toml, "perekaman-ektp.toml"), fixture() }) {
        SCOPED_TRACE(definition.id);
        auto const sample = sample_input(definition, &sample_regions(), "63.05.06", k_today);
        FormContext const context { .today = k_today, .regions = &sample_regions(), .district_code = "63.05.06", .settings = { { "min_recording_age", 17 } } };
        auto const checked = check_form(definition, sample, context);
        for (auto const& issue : checked.errors)
            ADD_FAILURE() << "error " << issue.field << " " << issue.code << ": " << issue.message;
        for (auto const& issue : checked.warnings)
            ADD_FAILURE() << "warning " << issue.field << " " << issue.code << ": " << issue.message;
        // The schema's examples are the sample's values.
        Json const schema = intake_schema(definition, sample, &sample_regions(), "63.05.06");
        EXPECT_EQ(schema["examples"][0], Json(sample));
        // A mistake the check refuses stays refused: a NIK of 15 digits.
        auto broken = sample;
        InputGroup const* subject = definition.form.subject();
        ASSERT_NE(subject, nullptr);
        broken[subject->id]["nik"] = broken[subject->id]["nik"].get<std::string>().substr(1);
        EXPECT_FALSE(check_form(definition, broken, context).ok());
    }
}
