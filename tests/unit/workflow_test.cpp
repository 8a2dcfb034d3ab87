// The workflow engine on the real Perekaman E-KTP definition (an inline copy,
// perekaman_ektp_toml.hpp): transitions, roles, segregation of duties, the
// data actions carry, and the time spent in each step against the standard.
#include "core/workflow.hpp"
#include "perekaman_ektp_toml.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace sopir;

namespace {

constexpr Timestamp k_minute = 60;
// 23 November 2026, 08:00 WITA.
constexpr Timestamp k_created = 1795392000;

Actor const k_pemohon { .user_id = "pemohon-1", .roles = { "pemohon" } };
Actor const k_petugas { .user_id = "petugas-1", .roles = { "petugas_pelayanan" } };
Actor const k_operator { .user_id = "operator-1", .roles = { "operator_ektp" } };
Actor const k_kasi { .user_id = "kasi-1", .roles = { "kasi_pemerintahan" } };
Actor const k_camat { .user_id = "camat-1", .roles = { "camat" } };
Actor const k_admin { .user_id = "admin-1", .roles = { "pengadministrasi" } };

ActionData const k_complete_file { .fields = { { "kelengkapan", "surat_pengantar,akta_kelahiran,kartu_keluarga" } } };

ActionData note(std::string text)
{
    return { .note = std::move(text) };
}

std::string ids(std::vector<ActionDefinition const*> const& actions)
{
    std::string text;
    for (auto const* action : actions)
        text += (text.empty() ? "" : ",") + action->id;
    return text;
}

class Workflow : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto check = check_sop(sopir::testing::k_perekaman_ektp_toml, "sops/perekaman-ektp.toml");
        ASSERT_TRUE(check.ok()) << (check.diagnostics.empty() ? "" : to_string(check.diagnostics.front()));
        m_sop = std::move(*check.definition);
        m_case = { .state = m_sop.initial_step, .created_at = k_created, .history = {} };
        m_now = k_created;
    }

    Result<Transition> act(std::string_view action, Actor const& actor, ActionData const& data = {})
    {
        auto result = apply_action(m_sop, m_case, action, actor, data);
        if (result.ok()) {
            m_case.history.push_back({ result->action_id, result->from_state, result->to_state, actor.user_id, m_now });
            m_case.state = result->to_state;
        }
        return result;
    }

    // Performs the action `minutes` after the previous one; fails the test
    // with the engine's message when it is refused.
    bool act_after(Timestamp minutes, std::string_view action, Actor const& actor, ActionData const& data = {})
    {
        m_now += minutes * k_minute;
        auto result = act(action, actor, data);
        if (!result.ok())
            ADD_FAILURE() << action << ": " << result.error().message;
        return result.ok();
    }

    Error refused(std::string_view action, Actor const& actor, ActionData const& data = {})
    {
        auto result = apply_action(m_sop, m_case, action, actor, data);
        if (result.ok()) {
            ADD_FAILURE() << action << " was allowed in " << m_case.state;
            return Error::internal("allowed");
        }
        return result.error();
    }

    // Walks a new case to `state` along the happy path, one minute a step.
    void walk_to(std::string_view state)
    {
        struct Move {
            char const* from;
            char const* action;
            Actor const* actor;
            ActionData data;
        };
        Move const moves[] = {
            { "pengajuan", "ajukan", &k_pemohon, {} },
            { "verifikasi", "terima", &k_petugas, k_complete_file },
            { "perekaman", "rekam", &k_operator, {} },
            { "pemeriksaan", "paraf", &k_kasi, {} },
            { "penandatanganan", "tandatangani", &k_camat, {} },
            { "pengarsipan", "arsipkan", &k_admin, {} },
            { "penyerahan", "serahkan", &k_admin, { .fields = { { "received_by", "Siti Aminah" } } } },
        };
        for (auto const& move : moves) {
            if (m_case.state == state)
                return;
            if (m_case.state != move.from)
                continue;
            ASSERT_TRUE(act_after(1, move.action, *move.actor, move.data));
        }
        ASSERT_EQ(m_case.state, state);
    }

    SopDefinition m_sop;
    CaseSnapshot m_case;
    Timestamp m_now { 0 };
};

}

TEST_F(Workflow, HappyPathThroughAllSevenStepsToSelesai)
{
    struct Expected {
        char const* action;
        Actor const* actor;
        ActionData data;
        char const* to;
        std::optional<std::string> takes_number;
    };
    Expected const path[] = {
        { .action = "ajukan", .actor = &k_pemohon, .data = {}, .to = "verifikasi" },
        { .action = "terima", .actor = &k_petugas, .data = k_complete_file, .to = "perekaman", .takes_number = "register_ektp" },
        { .action = "rekam", .actor = &k_operator, .data = {}, .to = "pemeriksaan" },
        { .action = "paraf", .actor = &k_kasi, .data = {}, .to = "penandatanganan" },
        { .action = "tandatangani", .actor = &k_camat, .data = {}, .to = "pengarsipan" },
        { .action = "arsipkan", .actor = &k_admin, .data = {}, .to = "penyerahan", .takes_number = "agenda" },
        { .action = "serahkan", .actor = &k_admin, .data = { .fields = { { "received_by", "  Siti Aminah " } } }, .to = "selesai" },
    };
    for (auto const& expected : path) {
        std::string const from = m_case.state;
        auto transition = act(expected.action, *expected.actor, expected.data);
        ASSERT_TRUE(transition.ok()) << expected.action << ": " << transition.error().message;
        EXPECT_EQ(transition->action_id, expected.action);
        EXPECT_EQ(transition->from_state, from);
        EXPECT_EQ(transition->to_state, expected.to);
        EXPECT_EQ(transition->takes_number, expected.takes_number) << expected.action;
    }
    EXPECT_EQ(m_case.state, "selesai");
    EXPECT_EQ(m_case.history.back().to_state, "selesai");
    auto last = apply_action(m_sop, { .state = "penyerahan", .created_at = 0, .history = {} }, "serahkan", k_petugas, { .fields = { { "received_by", " Siti Aminah " } } });
    ASSERT_TRUE(last.ok());
    EXPECT_EQ(last->to_kind, StateKind::End);
    EXPECT_EQ(last->data.fields.at("received_by"), "Siti Aminah");
}

TEST_F(Workflow, PetugasMaySubmitOnTheApplicantsBehalf)
{
    auto transition = act("ajukan", k_petugas);
    ASSERT_TRUE(transition.ok()) << transition.error().message;
    EXPECT_EQ(transition->to_state, "verifikasi");
}

TEST_F(Workflow, ReturnedFileCarriesReasonsAndIsResubmitted)
{
    walk_to("verifikasi");
    ActionData data { .note = "Bawa KK asli", .reasons = { "tanpa_kartu_keluarga", "tanpa_akta_kelahiran" }, .fields = {} };
    auto returned = act("kembalikan", k_petugas, data);
    ASSERT_TRUE(returned.ok()) << returned.error().message;
    EXPECT_EQ(returned->to_state, "dikembalikan");
    EXPECT_EQ(returned->to_kind, StateKind::Returned);
    EXPECT_FALSE(returned->takes_number);
    // Stored in the definition's order, whatever order they were ticked in.
    EXPECT_EQ(returned->data.reasons, (std::vector<std::string> { "tanpa_akta_kelahiran", "tanpa_kartu_keluarga" }));
    EXPECT_EQ(returned->data.note, "Bawa KK asli");

    EXPECT_EQ(ids(available_actions(m_sop, m_case.state, k_pemohon)), "ajukan_ulang");
    EXPECT_EQ(refused("ajukan_ulang", k_operator).kind, ErrorKind::Forbidden);
    ASSERT_TRUE(act_after(60, "ajukan_ulang", k_pemohon));
    EXPECT_EQ(m_case.state, "verifikasi");
    ASSERT_TRUE(act_after(3, "terima", k_petugas, k_complete_file));
    EXPECT_EQ(m_case.state, "perekaman");
}

TEST_F(Workflow, OutageHoldsRecordingUntilResumed)
{
    walk_to("perekaman");
    // The API's rule: a hold needs a note saying what happened; the kind of
    // outage is an optional reason.
    EXPECT_EQ(refused("tunda", k_operator).field, k_note_field);
    auto held = act("tunda", k_operator, { .note = "Jaringan SIAK putus", .reasons = { "gangguan_jaringan" }, .fields = {} });
    ASSERT_TRUE(held.ok()) << held.error().message;
    EXPECT_EQ(held->to_state, "tertunda");
    EXPECT_EQ(held->to_kind, StateKind::Held);
    EXPECT_EQ(ids(available_actions(m_sop, "tertunda", k_operator)), "lanjutkan");
    EXPECT_EQ(refused("lanjutkan", k_petugas).kind, ErrorKind::Forbidden);
    EXPECT_EQ(refused("rekam", k_operator).kind, ErrorKind::InvalidTransition);
    ASSERT_TRUE(act_after(30, "lanjutkan", k_operator));
    EXPECT_EQ(m_case.state, "perekaman");
    ASSERT_TRUE(act_after(5, "rekam", k_operator));
    EXPECT_EQ(m_case.state, "pemeriksaan");
}

TEST_F(Workflow, CorrectionFromPemeriksaanAndFromPenandatanganan)
{
    walk_to("pemeriksaan");
    Error const no_note = refused("perbaiki", k_kasi);
    EXPECT_EQ(no_note.kind, ErrorKind::Invalid);
    EXPECT_EQ(no_note.field, k_note_field);
    EXPECT_EQ(no_note.code, "workflow.note_required");
    EXPECT_EQ(refused("perbaiki", k_kasi, note("   ")).field, k_note_field);
    ASSERT_TRUE(act_after(1, "perbaiki", k_kasi, note("Tanggal lahir salah ketik")));
    EXPECT_EQ(m_case.state, "perekaman");

    ASSERT_TRUE(act_after(1, "rekam", k_operator));
    ASSERT_TRUE(act_after(1, "paraf", k_kasi));
    EXPECT_EQ(m_case.state, "penandatanganan");
    EXPECT_EQ(refused("perbaiki", k_camat).field, k_note_field);
    ASSERT_TRUE(act_after(1, "perbaiki", k_camat, note("Nama desa keliru")));
    EXPECT_EQ(m_case.state, "perekaman");
    EXPECT_EQ(m_case.history.back().from_state, "penandatanganan");
}

TEST_F(Workflow, WrongRoleIsForbidden)
{
    struct Case {
        char const* state;
        char const* action;
        Actor const* actor;
        ActionData data;
    };
    Case const cases[] = {
        { .state = "pengajuan", .action = "ajukan", .actor = &k_operator, .data = {} },
        { .state = "verifikasi", .action = "terima", .actor = &k_pemohon, .data = k_complete_file },
        { .state = "verifikasi", .action = "terima", .actor = &k_operator, .data = k_complete_file },
        { .state = "perekaman", .action = "rekam", .actor = &k_petugas, .data = {} },
        { .state = "pemeriksaan", .action = "paraf", .actor = &k_camat, .data = {} },
        { .state = "penandatanganan", .action = "tandatangani", .actor = &k_kasi, .data = {} },
        { .state = "pengarsipan", .action = "arsipkan", .actor = &k_petugas, .data = {} },
        { .state = "penyerahan", .action = "serahkan", .actor = &k_pemohon, .data = { .fields = { { "received_by", "Siti" } } } },
    };
    for (auto const& c : cases) {
        CaseSnapshot snapshot { .state = c.state, .created_at = 0, .history = {} };
        auto result = apply_action(m_sop, snapshot, c.action, *c.actor, c.data);
        ASSERT_FALSE(result.ok()) << c.action;
        EXPECT_EQ(result.error().kind, ErrorKind::Forbidden) << c.action;
        EXPECT_EQ(result.error().code, "workflow.role") << c.action;
    }
    auto error = apply_action(m_sop, { .state = "penandatanganan", .created_at = 0, .history = {} }, "tandatangani", k_kasi, {});
    ASSERT_FALSE(error.ok());
    EXPECT_EQ(error.error().message, "Aksi 'Tanda tangani' hanya boleh dilakukan oleh Camat.");
    auto both = apply_action(m_sop, { .state = "penyerahan", .created_at = 0, .history = {} }, "serahkan", k_operator, {});
    ASSERT_FALSE(both.ok());
    EXPECT_EQ(both.error().message, "Aksi 'Serahkan surat' hanya boleh dilakukan oleh Pengadministrasi atau JFU/PTT (Petugas Pelayanan).");
    EXPECT_EQ(refused("ajukan", { .user_id = "", .roles = { "pemohon" } }).kind, ErrorKind::Forbidden);
}

TEST_F(Workflow, WhoInitialsMayNotSign)
{
    // A Plh. Camat who is also the Kasi Pemerintahan holds both roles.
    Actor const plh { .user_id = "kasi-plh", .roles = { "kasi_pemerintahan", "camat" } };
    walk_to("pemeriksaan");
    ASSERT_TRUE(act_after(1, "paraf", plh));
    // As Kasi they may also withdraw a case filed by mistake (batalkan).
    EXPECT_EQ(ids(available_actions(m_sop, m_case.state, plh)), "tandatangani,perbaiki,batalkan");
    EXPECT_EQ(ids(available_actions(m_sop, m_case, plh)), "perbaiki,batalkan");
    Error const error = refused("tandatangani", plh);
    EXPECT_EQ(error.kind, ErrorKind::Forbidden);
    EXPECT_EQ(error.code, "workflow.segregation");
    EXPECT_NE(error.message.find("'Paraf'"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("'Tanda tangani'"), std::string::npos) << error.message;
    ASSERT_TRUE(act_after(1, "tandatangani", k_camat));
    EXPECT_EQ(m_case.state, "pengarsipan");
}

TEST_F(Workflow, SegregationRemembersEarlierRounds)
{
    Actor const plh { .user_id = "kasi-plh", .roles = { "kasi_pemerintahan", "camat" } };
    walk_to("pemeriksaan");
    ASSERT_TRUE(act_after(1, "paraf", plh));
    ASSERT_TRUE(act_after(1, "perbaiki", k_camat, note("Foto buram")));
    ASSERT_TRUE(act_after(1, "rekam", k_operator));
    ASSERT_TRUE(act_after(1, "paraf", k_kasi));
    // Another kasi initialled this round, but the Plh. initialled the first.
    EXPECT_EQ(refused("tandatangani", plh).code, "workflow.segregation");
}

TEST_F(Workflow, ActionsNotOfferedInTheStateAreInvalidTransitions)
{
    walk_to("verifikasi");
    Error const sign = refused("tandatangani", k_camat);
    EXPECT_EQ(sign.kind, ErrorKind::InvalidTransition);
    EXPECT_EQ(sign.code, "workflow.action_unavailable");
    EXPECT_EQ(sign.message, "Aksi 'tandatangani' tidak tersedia saat perkara berada di Verifikasi berkas (verifikasi).");
    EXPECT_EQ(refused("terbang", k_petugas).kind, ErrorKind::InvalidTransition);

    walk_to("selesai");
    for (auto const* action : { "serahkan", "ajukan", "kembalikan", "ajukan_ulang" }) {
        Error const finished = refused(action, k_admin);
        EXPECT_EQ(finished.kind, ErrorKind::InvalidTransition) << action;
        EXPECT_EQ(finished.code, "workflow.finished") << action;
        EXPECT_NE(finished.message.find("Selesai (selesai)"), std::string::npos) << finished.message;
    }
    EXPECT_TRUE(available_actions(m_sop, "selesai", k_admin).empty());

    CaseSnapshot unknown { .state = "hilang", .created_at = 0, .history = {} };
    auto result = apply_action(m_sop, unknown, "ajukan", k_pemohon, {});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::InvalidTransition);
    EXPECT_EQ(result.error().code, "workflow.unknown_state");
}

TEST_F(Workflow, MissingOrWrongDataIsInvalidAndNamesTheField)
{
    struct Case {
        char const* name;
        char const* state;
        char const* action;
        Actor const* actor;
        ActionData data;
        std::string_view field;
        char const* code;
    };
    Case const cases[] = {
        { .name = "no reason", .state = "verifikasi", .action = "kembalikan", .actor = &k_petugas, .data = note("kurang"), .field = k_reasons_field, .code = "workflow.reasons_required" },
        { .name = "reason not in list", .state = "verifikasi", .action = "kembalikan", .actor = &k_petugas, .data = { .note = "", .reasons = { "wajah_tidak_cocok" }, .fields = {} }, .field = k_reasons_field, .code = "workflow.unknown_reason" },
        { .name = "reason twice", .state = "verifikasi", .action = "kembalikan", .actor = &k_petugas, .data = { .note = "", .reasons = { "data_tidak_sesuai", "data_tidak_sesuai" }, .fields = {} }, .field = k_reasons_field, .code = "workflow.duplicate_reason" },
        { .name = "Lainnya without a note", .state = "verifikasi", .action = "kembalikan", .actor = &k_petugas, .data = { .note = " ", .reasons = { "lainnya" }, .fields = {} }, .field = k_note_field, .code = "workflow.note_required" },
        { .name = "reasons where none are listed", .state = "perekaman", .action = "rekam", .actor = &k_operator, .data = { .note = "", .reasons = { "gangguan_jaringan" }, .fields = {} }, .field = k_reasons_field, .code = "workflow.unknown_reason" },
        { .name = "no note for a correction", .state = "pemeriksaan", .action = "perbaiki", .actor = &k_kasi, .data = {}, .field = k_note_field, .code = "workflow.note_required" },
        { .name = "checklist sent empty", .state = "verifikasi", .action = "terima", .actor = &k_petugas, .data = { .fields = { { "kelengkapan", "" } } }, .field = "kelengkapan", .code = "workflow.incomplete" },
        { .name = "file incomplete", .state = "verifikasi", .action = "terima", .actor = &k_petugas, .data = { .fields = { { "kelengkapan", "surat_pengantar,kartu_keluarga" } } }, .field = "kelengkapan", .code = "workflow.incomplete" },
        { .name = "unknown document ticked", .state = "verifikasi", .action = "terima", .actor = &k_petugas, .data = { .fields = { { "kelengkapan", "surat_pengantar,ijazah" } } }, .field = "kelengkapan", .code = "workflow.field_option" },
        { .name = "receiver missing", .state = "penyerahan", .action = "serahkan", .actor = &k_admin, .data = { .fields = { { "received_by", "   " } } }, .field = "received_by", .code = "workflow.field_required" },
        { .name = "receiver on two lines", .state = "penyerahan", .action = "serahkan", .actor = &k_admin, .data = { .fields = { { "received_by", "Siti\nAminah" } } }, .field = "received_by", .code = "workflow.field_type" },
        { .name = "unknown field", .state = "penyerahan", .action = "serahkan", .actor = &k_admin, .data = { .fields = { { "received_by", "Siti" }, { "nik", "6305" } } }, .field = "nik", .code = "workflow.unknown_field" },
        { .name = "note too long", .state = "pemeriksaan", .action = "perbaiki", .actor = &k_kasi, .data = note(std::string(10001, 'x')), .field = k_note_field, .code = "workflow.field_too_long" },
    };
    for (auto const& c : cases) {
        CaseSnapshot snapshot { .state = c.state, .created_at = 0, .history = {} };
        auto result = apply_action(m_sop, snapshot, c.action, *c.actor, c.data);
        ASSERT_FALSE(result.ok()) << c.name;
        EXPECT_EQ(result.error().kind, ErrorKind::Invalid) << c.name;
        EXPECT_EQ(result.error().field, c.field) << c.name;
        EXPECT_EQ(result.error().code, c.code) << c.name << ": " << result.error().message;
        EXPECT_FALSE(result.error().message.empty()) << c.name;
    }

    CaseSnapshot verifikasi { .state = "verifikasi", .created_at = 0, .history = {} };
    auto incomplete = apply_action(m_sop, verifikasi, "terima", k_petugas, { .fields = { { "kelengkapan", "surat_pengantar,kartu_keluarga" } } });
    ASSERT_FALSE(incomplete.ok());
    EXPECT_EQ(incomplete.error().message, "'Kelengkapan berkas' belum lengkap: Akta Kelahiran belum dicentang. Berkas yang belum lengkap dikembalikan kepada pemohon.");
    auto lainnya = apply_action(m_sop, verifikasi, "kembalikan", k_petugas, { .note = "Surat pengantar kedaluwarsa", .reasons = { "lainnya" }, .fields = {} });
    EXPECT_TRUE(lainnya.ok());
}

TEST_F(Workflow, ChecklistIsStoredInTheDefinitionsOrder)
{
    CaseSnapshot verifikasi { .state = "verifikasi", .created_at = 0, .history = {} };
    auto accepted = apply_action(m_sop, verifikasi, "terima", k_petugas, { .fields = { { "kelengkapan", " kartu_keluarga , surat_pengantar,akta_kelahiran" } } });
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(accepted->data.fields.at("kelengkapan"), "surat_pengantar,akta_kelahiran,kartu_keluarga");
}

TEST_F(Workflow, AvailableActionsFollowTheRoles)
{
    struct Case {
        char const* state;
        Actor const* actor;
        char const* actions;
    };
    Case const cases[] = {
        { .state = "pengajuan", .actor = &k_pemohon, .actions = "ajukan" },
        { .state = "pengajuan", .actor = &k_petugas, .actions = "ajukan" },
        { .state = "verifikasi", .actor = &k_petugas, .actions = "terima,kembalikan,batalkan" },
        { .state = "verifikasi", .actor = &k_pemohon, .actions = "" },
        { .state = "perekaman", .actor = &k_operator, .actions = "rekam,tunda" },
        { .state = "pemeriksaan", .actor = &k_kasi, .actions = "paraf,perbaiki,batalkan" },
        { .state = "penandatanganan", .actor = &k_camat, .actions = "tandatangani,perbaiki" },
        { .state = "pengarsipan", .actor = &k_admin, .actions = "arsipkan" },
        { .state = "penyerahan", .actor = &k_petugas, .actions = "serahkan" },
        { .state = "dikembalikan", .actor = &k_petugas, .actions = "ajukan_ulang,batalkan" },
        // Filed by mistake: the front desk or the Kasi withdraws it before signing, never after.
        { .state = "tertunda", .actor = &k_kasi, .actions = "batalkan" },
        { .state = "pengarsipan", .actor = &k_petugas, .actions = "" },
        { .state = "dibatalkan", .actor = &k_petugas, .actions = "" },
        { .state = "selesai", .actor = &k_admin, .actions = "" },
        { .state = "hilang", .actor = &k_admin, .actions = "" },
    };
    for (auto const& c : cases)
        EXPECT_EQ(ids(available_actions(m_sop, c.state, *c.actor)), c.actions) << c.state << " " << c.actor->user_id;
}

// Every field type, on a definition of its own.
TEST(WorkflowFields, TypesAreCheckedAndNormalized)
{
    constexpr std::string_view k_toml = R"(id = "isian"
title = "Isian"
initial_step = "a"
[[roles]]
id = "petugas"
title = "Petugas"
[[steps]]
id = "a"
title = "A"
roles = ["petugas"]
standard_minutes = 1
output = "-"
[[steps.actions]]
id = "catat"
label = "Catat"
target = "selesai"
[[steps.actions.fields]]
name = "tanggal"
label = "Tanggal lahir"
type = "date"
[[steps.actions.fields]]
name = "jumlah"
label = "Jumlah"
type = "number"
[[steps.actions.fields]]
name = "hadir"
label = "Pemohon hadir sendiri"
type = "bool"
required = true
[[steps.actions.fields]]
name = "jenis"
label = "Jenis perekaman"
type = "enum"
options = ["baru", "ulang"]
[[steps.actions.fields]]
name = "keterangan"
label = "Keterangan"
type = "long_text"
[[states]]
id = "selesai"
label = "Selesai"
kind = "end"
)";
    auto check = check_sop(k_toml, "isian.toml");
    ASSERT_TRUE(check.ok()) << to_string(check.diagnostics.front());
    auto const& sop = *check.definition;
    CaseSnapshot snapshot { .state = "a", .created_at = 0, .history = {} };
    Actor const petugas { .user_id = "u1", .roles = { "petugas" } };

    struct Case {
        std::map<std::string, std::string> fields;
        char const* field; // Empty when the data is valid.
    };
    Case const cases[] = {
        { .fields = { { "hadir", "ya" } }, .field = "" },
        { .fields = { { "hadir", "tidak" } }, .field = "hadir" },
        { .fields = {}, .field = "hadir" },
        { .fields = { { "hadir", "mungkin" } }, .field = "hadir" },
        { .fields = { { "hadir", "on" }, { "tanggal", "2026-02-29" } }, .field = "tanggal" },
        { .fields = { { "hadir", "on" }, { "tanggal", "02-29-2024" } }, .field = "tanggal" },
        { .fields = { { "hadir", "on" }, { "tanggal", "2024-02-29" } }, .field = "" },
        { .fields = { { "hadir", "1" }, { "jumlah", "dua" } }, .field = "jumlah" },
        { .fields = { { "hadir", "1" }, { "jumlah", "1." } }, .field = "jumlah" },
        { .fields = { { "hadir", "1" }, { "jumlah", "-2,5" } }, .field = "" },
        { .fields = { { "hadir", "true" }, { "jenis", "hilang" } }, .field = "jenis" },
        { .fields = { { "hadir", "true" }, { "jenis", "ulang" } }, .field = "" },
    };
    for (auto const& c : cases) {
        auto result = apply_action(sop, snapshot, "catat", petugas, { .fields = c.fields });
        if (std::string_view(c.field).empty()) {
            EXPECT_TRUE(result.ok()) << result.error().message;
        } else {
            ASSERT_FALSE(result.ok()) << c.field;
            EXPECT_EQ(result.error().field, c.field) << result.error().message;
        }
    }

    auto normalized = apply_action(sop, snapshot, "catat", petugas, { .fields = { { "hadir", "YA" }, { "jumlah", "-2,5" }, { "tanggal", " 2024-02-29 " }, { "keterangan", "baris satu\r\nbaris dua" }, { "jenis", "" } } });
    ASSERT_TRUE(normalized.ok()) << normalized.error().message;
    auto const& fields = normalized->data.fields;
    EXPECT_EQ(fields.at("hadir"), "true");
    EXPECT_EQ(fields.at("jumlah"), "-2.5");
    EXPECT_EQ(fields.at("tanggal"), "2024-02-29");
    EXPECT_EQ(fields.at("keterangan"), "baris satu\nbaris dua");
    EXPECT_EQ(fields.count("jenis"), 0u);
    auto bad_date = apply_action(sop, snapshot, "catat", petugas, { .fields = { { "hadir", "ya" }, { "tanggal", "2026-02-30" } } });
    ASSERT_FALSE(bad_date.ok());
    EXPECT_EQ(bad_date.error().message, "'Tanggal lahir' harus tanggal yang sah, ditulis HH-BB-TTTT, bukan '2026-02-30'.");
    // Typed day first on the step's page, stored as ISO like the API's.
    auto day_first = apply_action(sop, snapshot, "catat", petugas, { .fields = { { "hadir", "ya" }, { "tanggal", "29-02-2024" } } });
    ASSERT_TRUE(day_first.ok()) << day_first.error().message;
    EXPECT_EQ(day_first->data.fields.at("tanggal"), "2024-02-29");
}

// Hand-computed: minutes per step, a late verification, a correction loop
// through perekaman, an outage held in tertunda, the current step counted up
// to `now`.
TEST_F(Workflow, TimingAgainstTheStandard)
{
    ActionData const outage { .note = "Jaringan SIAK putus", .reasons = { "gangguan_jaringan" }, .fields = {} };
    ASSERT_TRUE(act_after(1, "ajukan", k_pemohon));                   // pengajuan 1 min
    ASSERT_TRUE(act_after(7, "terima", k_petugas, k_complete_file));  // verifikasi 7 min: 2 late
    ASSERT_TRUE(act_after(10, "tunda", k_operator, outage));          // perekaman 10
    ASSERT_TRUE(act_after(30, "lanjutkan", k_operator));              // tertunda 30: held
    ASSERT_TRUE(act_after(4, "rekam", k_operator));                   // perekaman +4
    ASSERT_TRUE(act_after(2, "perbaiki", k_kasi, note("NIK salah"))); // pemeriksaan 2
    ASSERT_TRUE(act_after(3, "rekam", k_operator));                   // perekaman +3 = 17: 2 late
    ASSERT_TRUE(act_after(1, "paraf", k_kasi));                       // pemeriksaan +1 = 3: on time
    Timestamp const now = m_now + 5 * k_minute;                       // penandatanganan 5 so far: 4 late

    auto const timing = compute_timing(m_sop, m_case, now);
    struct Expected {
        char const* step;
        std::int64_t minutes;
        std::int64_t standard;
        int visits;
        std::int64_t late_by_minutes;
        bool current;
    };
    Expected const expected[] = {
        { .step = "pengajuan", .minutes = 1, .standard = 1, .visits = 1, .late_by_minutes = 0, .current = false },
        { .step = "verifikasi", .minutes = 7, .standard = 5, .visits = 1, .late_by_minutes = 2, .current = false },
        { .step = "perekaman", .minutes = 17, .standard = 15, .visits = 3, .late_by_minutes = 2, .current = false },
        { .step = "pemeriksaan", .minutes = 3, .standard = 3, .visits = 2, .late_by_minutes = 0, .current = false },
        { .step = "penandatanganan", .minutes = 5, .standard = 1, .visits = 1, .late_by_minutes = 4, .current = true },
        { .step = "pengarsipan", .minutes = 0, .standard = 3, .visits = 0, .late_by_minutes = 0, .current = false },
        { .step = "penyerahan", .minutes = 0, .standard = 1, .visits = 0, .late_by_minutes = 0, .current = false },
    };
    ASSERT_EQ(timing.steps.size(), std::size(expected));
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        auto const& row = timing.steps[i];
        auto const& want = expected[i];
        EXPECT_EQ(row.step_id, want.step);
        EXPECT_EQ(row.seconds_spent, want.minutes * k_minute) << want.step;
        EXPECT_EQ(row.standard_seconds, want.standard * k_minute) << want.step;
        EXPECT_EQ(row.visits, want.visits) << want.step;
        EXPECT_EQ(row.late_by, want.late_by_minutes * k_minute) << want.step;
        EXPECT_EQ(row.on_time, want.late_by_minutes == 0) << want.step;
        EXPECT_EQ(row.current, want.current) << want.step;
    }
    EXPECT_EQ(timing.working_seconds, 33 * k_minute);
    EXPECT_EQ(timing.standard_seconds, 29 * k_minute);
    EXPECT_FALSE(timing.on_time);
    EXPECT_EQ(timing.late_by, 4 * k_minute);
    EXPECT_EQ(timing.held_seconds, 30 * k_minute);
    EXPECT_EQ(timing.returned_seconds, 0);
    EXPECT_EQ(timing.elapsed_seconds, 63 * k_minute);
    EXPECT_EQ(timing.current_state, "penandatanganan");
    EXPECT_FALSE(timing.finished_at);
    ASSERT_EQ(timing.states.size(), 2u);
    EXPECT_EQ(timing.states[1].state_id, "tertunda");
    EXPECT_EQ(timing.states[1].seconds, 30 * k_minute);
    EXPECT_EQ(timing.states[1].visits, 1);
}

TEST_F(Workflow, TimingOfAReturnedAndFinishedCase)
{
    ActionData const no_kk { .note = "", .reasons = { "tanpa_kartu_keluarga" }, .fields = {} };
    ASSERT_TRUE(act_after(2, "ajukan", k_pemohon));                  // pengajuan 2: 1 late
    ASSERT_TRUE(act_after(4, "kembalikan", k_petugas, no_kk));       // verifikasi 4
    ASSERT_TRUE(act_after(2 * 24 * 60, "ajukan_ulang", k_pemohon));  // two days with the applicant
    ASSERT_TRUE(act_after(3, "terima", k_petugas, k_complete_file)); // verifikasi +3 = 7
    ASSERT_TRUE(act_after(15, "rekam", k_operator));
    ASSERT_TRUE(act_after(3, "paraf", k_kasi));
    ASSERT_TRUE(act_after(1, "tandatangani", k_camat));
    ASSERT_TRUE(act_after(3, "arsipkan", k_admin));
    ASSERT_TRUE(act_after(1, "serahkan", k_admin, { .fields = { { "received_by", "Siti Aminah" } } }));
    Timestamp const finished = m_now;

    // A week later the case's figures have not moved.
    auto const timing = compute_timing(m_sop, m_case, finished + 7 * 24 * 3600);
    EXPECT_EQ(timing.finished_at, finished);
    EXPECT_EQ(timing.current_state, "selesai");
    EXPECT_EQ(timing.steps[0].late_by, 1 * k_minute);
    EXPECT_EQ(timing.steps[1].seconds_spent, 7 * k_minute);
    EXPECT_EQ(timing.steps[1].visits, 2);
    EXPECT_EQ(timing.steps[1].late_by, 2 * k_minute);
    EXPECT_EQ(timing.returned_seconds, 2 * 24 * 60 * k_minute);
    EXPECT_EQ(timing.states[0].state_id, "dikembalikan");
    EXPECT_EQ(timing.states[0].visits, 1);
    EXPECT_EQ(timing.held_seconds, 0);
    EXPECT_EQ(timing.working_seconds, 32 * k_minute);
    EXPECT_EQ(timing.late_by, 3 * k_minute);
    for (auto const& row : timing.steps)
        EXPECT_FALSE(row.current) << row.step_id;
    EXPECT_EQ(timing.elapsed_seconds, finished - k_created);
}

TEST_F(Workflow, TimingIgnoresClocksThatRunBackwards)
{
    std::vector<HistoryEntry> history = {
        { .action_id = "ajukan", .from_state = "pengajuan", .to_state = "verifikasi", .actor_id = "p", .at = k_created - 600 },
        { .action_id = "terima", .from_state = "verifikasi", .to_state = "perekaman", .actor_id = "u", .at = k_created + 300 },
    };
    auto const timing = compute_timing(m_sop, k_created, history, k_created + 100);
    EXPECT_EQ(timing.steps[0].seconds_spent, 0);
    EXPECT_EQ(timing.steps[1].seconds_spent, 300);
    // `now` before the last action: the current step has spent nothing yet.
    EXPECT_EQ(timing.steps[2].seconds_spent, 0);
    EXPECT_TRUE(timing.steps[2].current);

    auto const fresh = compute_timing(m_sop, k_created, {}, k_created + 90);
    EXPECT_EQ(fresh.steps[0].seconds_spent, 90);
    EXPECT_EQ(fresh.steps[0].late_by, 30);
    EXPECT_TRUE(fresh.steps[0].current);
    EXPECT_EQ(fresh.steps[0].visits, 1);
}

// The API may accept a file without sending the checklist (the person
// accepting vouches for it); the staff form always sends it.
TEST_F(Workflow, AnUnsentChecklistIsNotRequired)
{
    auto accepted = apply_action(m_sop, { .state = "verifikasi", .created_at = 0, .history = {} }, "terima", k_petugas, {});
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(accepted->to_state, "perekaman");
}
