// The SOP loader: a good definition loads; a bad one is refused with every
// problem, each with its line and reason. No file I/O: the definitions are
// inline (the real one through perekaman_ektp_toml.hpp).
#include "core/sop.hpp"
#include "perekaman_ektp_toml.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace sopir;

namespace {

// Two steps and an end state; the line numbers below are this text's.
constexpr std::string_view k_mini = R"(id = "mini"
title = "Mini"
initial_step = "a"

[[roles]]
id = "petugas"
title = "Petugas"

[[steps]]
id = "a"
title = "Langkah A"
roles = ["petugas"]
standard_minutes = 2
output = "Hasil A"

[[steps.actions]]
id = "lanjut"
label = "Lanjut"
target = "b"

[[steps]]
id = "b"
title = "Langkah B"
roles = ["petugas"]
standard_minutes = 3
output = "Hasil B"

[[steps.actions]]
id = "selesaikan"
label = "Selesaikan"
target = "selesai"

[[states]]
id = "selesai"
label = "Selesai"
kind = "end"
)";

// k_mini with `from` (which must occur exactly once) replaced by `to`.
std::string mini_with(std::string_view from, std::string_view to)
{
    std::string text(k_mini);
    auto const at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "not unique: " << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

std::string all_diagnostics(SopCheck const& check)
{
    std::string text;
    for (auto const& diagnostic : check.diagnostics)
        text += to_string(diagnostic) + "\n";
    return text;
}

bool has_diagnostic(SopCheck const& check, int line, std::string_view message)
{
    for (auto const& diagnostic : check.diagnostics) {
        if (diagnostic.line == line && diagnostic.message.find(message) != std::string::npos)
            return true;
    }
    return false;
}

}

TEST(SopLoader, MiniDefinitionLoads)
{
    auto check = check_sop(k_mini, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    auto const& definition = *check.definition;
    EXPECT_EQ(definition.id, "mini");
    EXPECT_EQ(definition.initial_step, "a");
    ASSERT_EQ(definition.steps.size(), 2u);
    EXPECT_EQ(definition.steps[1].line, 21);
    EXPECT_EQ(total_standard_minutes(definition), 5);
    EXPECT_EQ(definition.state_kind("a"), StateKind::Step);
    EXPECT_EQ(definition.state_kind("selesai"), StateKind::End);
    EXPECT_FALSE(definition.state_kind("c"));
    ASSERT_NE(definition.find_action("a", "lanjut"), nullptr);
    EXPECT_EQ(definition.find_action("a", "lanjut")->roles, std::vector<std::string> { "petugas" });
    EXPECT_EQ(definition.find_action("b", "lanjut"), nullptr);
}

TEST(SopLoader, BadDefinitionsNameLineAndReason)
{
    struct Case {
        char const* name;
        std::string toml;
        int line;
        char const* message;
    };
    Case const cases[] = {
        { .name = "unknown role",
            .toml = mini_with("title = \"Langkah B\"\nroles = [\"petugas\"]", "title = \"Langkah B\"\nroles = [\"petugaz\"]"),
            .line = 24,
            .message = "peran 'petugaz' tidak dikenal di langkah 'b'" },
        { .name = "unreachable step",
            .toml = mini_with("target = \"b\"", "target = \"selesai\""),
            .line = 21,
            .message = "langkah 'b' tidak dapat dicapai dari langkah awal 'a'" },
        { .name = "missing standard time",
            .toml = mini_with("standard_minutes = 3\n", "\n"),
            .line = 21,
            .message = "langkah 'b' tidak punya waktu baku (standard_minutes)" },
        { .name = "zero standard time",
            .toml = mini_with("standard_minutes = 3", "standard_minutes = 0"),
            .line = 25,
            .message = "waktu baku langkah 'b' harus lebih dari 0 menit (tertulis 0)" },
        { .name = "standard time not a number",
            .toml = mini_with("standard_minutes = 3", "standard_minutes = \"tiga\""),
            .line = 25,
            .message = "'standard_minutes' di langkah 'b' harus berupa bilangan bulat" },
        { .name = "action to nowhere",
            .toml = mini_with("target = \"selesai\"", "target = \"arsip\""),
            .line = 31,
            .message = "tujuan 'arsip' di aksi 'selesaikan' di langkah 'b' bukan langkah maupun status yang dinyatakan" },
        { .name = "duplicate role",
            .toml = std::string(k_mini) + "\n[[roles]]\nid = \"petugas\"\ntitle = \"Petugas lagi\"\n",
            .line = 39,
            .message = "id peran 'petugas' ganda (pertama di baris 6)" },
        { .name = "duplicate step",
            .toml = mini_with("id = \"b\"", "id = \"a\""),
            .line = 22,
            .message = "id langkah/status 'a' ganda (pertama di baris 10)" },
        { .name = "step id used by a state",
            .toml = mini_with("id = \"selesai\"", "id = \"b\""),
            .line = 34,
            .message = "id langkah/status 'b' ganda (pertama di baris 22)" },
        { .name = "duplicate action in a step",
            .toml = mini_with("id = \"lanjut\"\nlabel = \"Lanjut\"\ntarget = \"b\"\n", "id = \"lanjut\"\nlabel = \"Lanjut\"\ntarget = \"b\"\n[[steps.actions]]\nid = \"lanjut\"\nlabel = \"Lagi\"\ntarget = \"b\"\n"),
            .line = 21,
            .message = "id aksi 'lanjut' ganda di langkah 'a' (pertama di baris 17)" },
        { .name = "duplicate document",
            .toml = std::string(k_mini) + "\n[[documents]]\nid = \"kk\"\nlabel = \"Kartu Keluarga\"\n\n[[documents]]\nid = \"kk\"\nlabel = \"KK\"\n",
            .line = 43,
            .message = "id dokumen 'kk' ganda (pertama di baris 39)" },
        { .name = "syntax error",
            .toml = mini_with("title = \"Mini\"", "title = \"Mini"),
            .line = 2,
            .message = "sintaks TOML salah" },
        { .name = "missing required key",
            .toml = mini_with("title = \"Langkah A\"\n", "\n"),
            .line = 9,
            .message = "kunci wajib 'title' tidak ada di langkah 'a'" },
        { .name = "misspelt key",
            .toml = mini_with("standard_minutes = 3", "standart_minutes = 3"),
            .line = 25,
            .message = "kunci 'standart_minutes' tidak dikenal di langkah 'b'" },
        { .name = "initial step is a state",
            .toml = mini_with("initial_step = \"a\"", "initial_step = \"selesai\""),
            .line = 3,
            .message = "langkah awal 'selesai' harus sebuah langkah, bukan status" },
        { .name = "no end state",
            .toml = mini_with("kind = \"end\"", "kind = \"held\""),
            .line = 33,
            .message = "status 'selesai' tidak punya aksi" },
        { .name = "unknown register",
            .toml = mini_with("target = \"b\"", "target = \"b\"\ntakes_number = \"agenda\""),
            .line = 20,
            .message = "register 'agenda' tidak dikenal di aksi 'lanjut' di langkah 'a'" },
        { .name = "unknown letter stage",
            .toml = mini_with("target = \"b\"", "target = \"b\"\nletter = \"stempel\""),
            .line = 20,
            .message = "letter 'stempel' di aksi 'lanjut' di langkah 'a' tidak dikenal" },
        { .name = "seal without a number",
            .toml = mini_with("target = \"b\"", "target = \"b\"\nletter = \"seal\""),
            .line = 16,
            .message = "menyegel surat (letter = \"seal\") tetapi tidak mengambil nomor surat" },
        { .name = "bad id",
            .toml = mini_with("id = \"petugas\"", "id = \"Petugas Loket\""),
            .line = 6,
            .message = "id 'Petugas Loket' di [[roles]] tidak sah" },
        { .name = "reasons required without a list",
            .toml = mini_with("target = \"b\"", "target = \"b\"\nreasons_required = true"),
            .line = 16,
            .message = "mewajibkan alasan tetapi tidak punya daftar alasan" },
        { .name = "unknown field type",
            .toml = mini_with("target = \"b\"\n", "target = \"b\"\n[[steps.actions.fields]]\nname = \"tanggal\"\nlabel = \"Tanggal\"\ntype = \"tanggal\"\n"),
            .line = 23,
            .message = "jenis isian 'tanggal' di isian 'tanggal' di aksi 'lanjut' di langkah 'a' tidak dikenal" },
        { .name = "enum without options",
            .toml = mini_with("target = \"b\"\n", "target = \"b\"\n[[steps.actions.fields]]\nname = \"hasil\"\nlabel = \"Hasil\"\ntype = \"enum\"\n"),
            .line = 20,
            .message = "isian 'hasil' berjenis enum perlu pilihan" },
        { .name = "segregation names no action",
            .toml = std::string(k_mini) + "\n[[segregation]]\nactions = [\"lanjut\", \"paraf\"]\n",
            .line = 39,
            .message = "aksi 'paraf' di [[segregation]] tidak ada di langkah atau status mana pun" },
        { .name = "end state with actions",
            .toml = std::string(k_mini) + "\n[[states.actions]]\nid = \"buka\"\nlabel = \"Buka lagi\"\ntarget = \"a\"\nroles = [\"petugas\"]\n",
            .line = 38,
            .message = "status akhir 'selesai' tidak boleh punya aksi" },
        { .name = "impossible date",
            .toml = std::string(k_mini) + "\n[meta]\ncreated = 2023-02-30\n",
            .line = 39,
            .message = "sintaks TOML salah: invalid date" },
        { .name = "revision date given as text",
            .toml = std::string(k_mini) + "\n[meta]\nrevised = \"2024-01-05\"\n",
            .line = 39,
            .message = "'revised' di [meta]" },
        { .name = "brackets nested too deep",
            .toml = "id = " + std::string(5000, '[') + "\n",
            .line = 1,
            .message = "tingkat kurung bersarang" },
    };
    for (auto const& c : cases) {
        auto check = check_sop(c.toml, "sops/x.toml");
        EXPECT_FALSE(check.ok()) << c.name;
        EXPECT_TRUE(has_diagnostic(check, c.line, c.message)) << c.name << ": expected line " << c.line << ": " << c.message << "\ngot:\n"
                                                              << all_diagnostics(check);
        for (auto const& diagnostic : check.diagnostics)
            EXPECT_EQ(diagnostic.file, "sops/x.toml") << c.name;
    }
}

TEST(SopLoader, ReadsTheRevisionDateOfMeta)
{
    auto check = check_sop(std::string(k_mini) + "\n[meta]\ncreated = 2023-01-01\nrevised = 2024-01-05\n", "sops/x.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    EXPECT_EQ(check.definition->meta.created, (Date { 2023, 1, 1 }));
    EXPECT_EQ(check.definition->meta.revised, (Date { 2024, 1, 5 }));
}

TEST(SopLoader, ReportsEveryProblemInLineOrder)
{
    auto text = mini_with("title = \"Langkah B\"\nroles = [\"petugas\"]\nstandard_minutes = 3", "title = \"Langkah B\"\nroles = [\"camatt\"]\nstandard_minutez = 3");
    auto const at = text.find("target = \"selesai\"");
    text.replace(at, 18, "target = \"arsip\"  ");
    auto check = check_sop(text, "sops/x.toml");
    ASSERT_FALSE(check.ok());
    EXPECT_TRUE(has_diagnostic(check, 21, "langkah 'b' tidak punya waktu baku")) << all_diagnostics(check);
    EXPECT_TRUE(has_diagnostic(check, 24, "peran 'camatt' tidak dikenal")) << all_diagnostics(check);
    EXPECT_TRUE(has_diagnostic(check, 25, "kunci 'standard_minutez' tidak dikenal")) << all_diagnostics(check);
    EXPECT_TRUE(has_diagnostic(check, 31, "tujuan 'arsip'")) << all_diagnostics(check);
    EXPECT_EQ(check.diagnostics.size(), 4u) << all_diagnostics(check);
    for (std::size_t i = 1; i < check.diagnostics.size(); ++i)
        EXPECT_LE(check.diagnostics[i - 1].line, check.diagnostics[i].line);
    EXPECT_EQ(to_string(check.diagnostics.front()), "sops/x.toml:21: langkah 'b' tidak punya waktu baku (standard_minutes)");
}

TEST(SopLoader, LoadSopJoinsTheDiagnosticsIntoOneInvalidError)
{
    auto loaded = load_sop(mini_with("roles = [\"petugas\"]\nstandard_minutes = 2", "roles = [\"camatt\"]\nstandard_minutes = 2"), "sops/x.toml");
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().kind, ErrorKind::Invalid);
    EXPECT_EQ(loaded.error().field, "sop");
    EXPECT_EQ(loaded.error().code, "sop.definition");
    EXPECT_EQ(loaded.error().message, "sops/x.toml:12: peran 'camatt' tidak dikenal di langkah 'a'");
    EXPECT_TRUE(load_sop(k_mini, "sops/mini.toml").ok());
}

TEST(SopLoader, NeverThrowsOnGarbage)
{
    std::string const inputs[] = {
        "",
        std::string("\0\xff\xfe[[", 5),
        "[[steps]]\n[steps]\n",
        "id = 1\ntitle = []\nroles = \"x\"\nsteps = 3\n",
        "a = \"\\uD800\"\n",
        "[[steps]]\nid = \"a\"\n[[steps.actions.fields]]\noptions = [1, {x = 2}]\n",
        std::string(200, '.') + " = 1\n",
    };
    for (auto const& input : inputs) {
        SopCheck check;
        EXPECT_NO_THROW(check = check_sop(input, "x.toml"));
        EXPECT_FALSE(check.ok());
        EXPECT_FALSE(check.diagnostics.empty());
    }
}

// toml11 3.7 read past its buffer on a literal string with bad UTF-8 (ASan,
// fuzz_sop); such text is now refused before toml11 sees it.
TEST(SopLoader, InvalidUtf8IsRefusedWithItsLine)
{
    struct Case {
        std::string text;
        int line;
    };
    Case const cases[] = {
        { .text = "' \xa3OP\xe0\xaf\x94\x8a#'  ", .line = 1 },
        { .text = "id = \"x\"\ntitle = '''\n\xc0\xaf'''\n", .line = 3 },
        { .text = "id = \"x\"\n\ntitle = \"\xed\xa0\x80\"\n", .line = 3 },
        { .text = "id = \"\xf4\x90\x80\x80\"\n", .line = 1 },
        { .text = "id = \"\xe2\x80\"", .line = 1 },
    };
    for (auto const& c : cases) {
        auto check = check_sop(c.text, "x.toml");
        EXPECT_TRUE(has_diagnostic(check, c.line, "bukan teks UTF-8 yang sah")) << all_diagnostics(check);
    }
    auto fine = check_sop(mini_with("title = \"Mini\"", "title = \"Perekaman \xe2\x80\x93 Mini \xf0\x9f\x93\x84\""), "x.toml");
    EXPECT_TRUE(fine.ok()) << all_diagnostics(fine);
}

TEST(SopLoader, OptionsFromDocumentsAndOptionTables)
{
    auto text = std::string(k_mini) + R"(
[[documents]]
id = "kk"
label = "Kartu Keluarga"

[[documents]]
id = "akta"
label = "Akta Kelahiran"
)";
    auto const at = text.find("target = \"b\"\n");
    text.insert(at + 13, R"([[steps.actions.fields]]
name = "kelengkapan"
label = "Kelengkapan"
type = "checklist"
options_from = "documents"
all_required = true

[[steps.actions.fields]]
name = "jenis"
label = "Jenis"
type = "enum"
options = ["baru", { id = "ulang", label = "Perekaman ulang" }]
)");
    auto check = check_sop(text, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    auto const& fields = check.definition->find_action("a", "lanjut")->fields;
    ASSERT_EQ(fields.size(), 2u);
    EXPECT_EQ(fields[0].type, FieldType::Checklist);
    ASSERT_EQ(fields[0].options.size(), 2u);
    EXPECT_EQ(fields[0].options[1].id, "akta");
    EXPECT_EQ(fields[0].options[1].label, "Akta Kelahiran");
    EXPECT_TRUE(fields[0].all_required);
    ASSERT_EQ(fields[1].options.size(), 2u);
    EXPECT_EQ(fields[1].options[0].label, "baru");
    EXPECT_EQ(fields[1].options[1].label, "Perekaman ulang");
}

TEST(SopLoader, FieldTypesRoundTrip)
{
    for (auto type : { FieldType::Text, FieldType::LongText, FieldType::Date, FieldType::Number, FieldType::Bool, FieldType::Enum, FieldType::Checklist })
        EXPECT_EQ(parse_field_type(to_string(type)), type);
    EXPECT_FALSE(parse_field_type("tanggal"));
}

// The seed SOP, as sops/perekaman-ektp.toml states it.
// [[actions]] with `from`: one action offered in several steps and states
// (batalkan before signing), each given its own copy; a cancelled state is
// closed like an end, but does not count as the way a case finishes.
TEST(SopLoader, SharedActionsAreCopiedIntoEachStateTheyAreOfferedFrom)
{
    std::string const text = std::string(k_mini) + R"(
[[states]]
id = "batal"
label = "Dibatalkan"
kind = "cancelled"

[[actions]]
id = "batalkan"
label = "Batalkan"
from = ["a", "b"]
target = "batal"
roles = ["petugas"]
note_required = true
)";
    auto check = check_sop(text, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    auto const& definition = *check.definition;
    for (char const* state : { "a", "b" }) {
        auto const* action = definition.find_action(state, "batalkan");
        ASSERT_NE(action, nullptr) << state;
        EXPECT_EQ(action->from, state);
        EXPECT_EQ(action->target, "batal");
        EXPECT_TRUE(action->note_required);
    }
    EXPECT_EQ(definition.state_kind("batal"), StateKind::Cancelled);
    EXPECT_TRUE(is_closed(StateKind::Cancelled));
    auto const open = definition.open_states();
    EXPECT_EQ(std::find(open.begin(), open.end(), "batal"), open.end());

    // Offered from an unknown state and from a closed one.
    auto bad = check_sop(std::string(k_mini) + R"(
[[states]]
id = "batal"
label = "Dibatalkan"
kind = "cancelled"

[[actions]]
id = "batalkan"
label = "Batalkan"
from = ["a", "zzz", "selesai"]
target = "batal"
roles = ["petugas"]
)", "x.toml");
    EXPECT_FALSE(bad.ok());
    std::string const all = all_diagnostics(bad);
    EXPECT_NE(all.find("'zzz'"), std::string::npos) << all;
    EXPECT_NE(all.find("status akhir 'selesai'"), std::string::npos) << all;

    // Only a cancelled state is no way to finish: a SOP still needs an end.
    auto endless = check_sop(mini_with("kind = \"end\"", "kind = \"cancelled\""), "x.toml");
    EXPECT_FALSE(endless.ok());
}

TEST(PerekamanEktp, StatesTheSeedSop)
{
    auto check = check_sop(sopir::testing::k_perekaman_ektp_toml, "sops/perekaman-ektp.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    auto const& sop = *check.definition;
    EXPECT_EQ(sop.id, "perekaman-ektp");
    EXPECT_EQ(sop.initial_step, "pengajuan");
    EXPECT_EQ(sop.legal_basis.size(), 7u);
    EXPECT_EQ(sop.warnings.size(), 4u);
    EXPECT_EQ(total_standard_minutes(sop), 29);
    EXPECT_EQ(sop.meta.effective, (Date { 2023, 1, 2 }));
    // The seed SOP was never revised: its Tanggal Revisi prints "-".
    EXPECT_FALSE(sop.meta.revised);

    struct StepCase {
        char const* id;
        int minutes;
        std::vector<std::string> roles;
    };
    std::vector<StepCase> const steps = {
        { .id = "pengajuan", .minutes = 1, .roles = { "pemohon", "petugas_pelayanan" } },
        { .id = "verifikasi", .minutes = 5, .roles = { "petugas_pelayanan" } },
        { .id = "perekaman", .minutes = 15, .roles = { "operator_ektp" } },
        { .id = "pemeriksaan", .minutes = 3, .roles = { "kasi_pemerintahan" } },
        { .id = "penandatanganan", .minutes = 1, .roles = { "camat" } },
        { .id = "pengarsipan", .minutes = 3, .roles = { "pengadministrasi" } },
        { .id = "penyerahan", .minutes = 1, .roles = { "pengadministrasi", "petugas_pelayanan" } },
    };
    ASSERT_EQ(sop.steps.size(), steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(sop.steps[i].id, steps[i].id);
        EXPECT_EQ(sop.steps[i].standard_minutes, steps[i].minutes) << steps[i].id;
        EXPECT_EQ(sop.steps[i].roles, steps[i].roles) << steps[i].id;
        EXPECT_FALSE(sop.steps[i].output.empty()) << steps[i].id;
    }

    EXPECT_EQ(sop.role_title("petugas_pelayanan"), "JFU/PTT (Petugas Pelayanan)");
    ASSERT_NE(sop.find_document("surat_pengantar"), nullptr);
    EXPECT_EQ(sop.find_document("surat_pengantar")->label, "Surat Pengantar dari Kepala Desa");

    struct ActionCase {
        char const* state;
        char const* action;
        char const* target;
        std::optional<std::string> takes_number;
        LetterStage letter { LetterStage::None };
    };
    ActionCase const actions[] = {
        { .state = "pengajuan", .action = "ajukan", .target = "verifikasi" },
        { .state = "verifikasi", .action = "terima", .target = "perekaman", .takes_number = "register_ektp" },
        { .state = "verifikasi", .action = "kembalikan", .target = "dikembalikan" },
        { .state = "dikembalikan", .action = "ajukan_ulang", .target = "verifikasi" },
        { .state = "perekaman", .action = "rekam", .target = "pemeriksaan" },
        { .state = "perekaman", .action = "tunda", .target = "tertunda" },
        { .state = "tertunda", .action = "lanjutkan", .target = "perekaman" },
        { .state = "pemeriksaan", .action = "paraf", .target = "penandatanganan" },
        { .state = "pemeriksaan", .action = "perbaiki", .target = "perekaman" },
        { .state = "penandatanganan", .action = "tandatangani", .target = "pengarsipan", .letter = LetterStage::Sign },
        { .state = "penandatanganan", .action = "perbaiki", .target = "perekaman" },
        { .state = "pengarsipan", .action = "arsipkan", .target = "penyerahan", .takes_number = "agenda", .letter = LetterStage::Seal },
        { .state = "penyerahan", .action = "serahkan", .target = "selesai" },
        // A case filed by mistake, withdrawn before the Camat signs.
        { .state = "verifikasi", .action = "batalkan", .target = "dibatalkan" },
        { .state = "dikembalikan", .action = "batalkan", .target = "dibatalkan" },
        { .state = "tertunda", .action = "batalkan", .target = "dibatalkan" },
        { .state = "penandatanganan", .action = "batalkan", .target = "dibatalkan" },
    };
    for (auto const& c : actions) {
        auto const* action = sop.find_action(c.state, c.action);
        ASSERT_NE(action, nullptr) << c.state << "/" << c.action;
        EXPECT_EQ(action->target, c.target) << c.action;
        EXPECT_EQ(action->takes_number, c.takes_number) << c.action;
        EXPECT_EQ(action->letter, c.letter) << c.action;
    }
    EXPECT_EQ(sop.state_kind("dikembalikan"), StateKind::Returned);
    EXPECT_EQ(sop.state_kind("tertunda"), StateKind::Held);
    EXPECT_EQ(sop.state_kind("selesai"), StateKind::End);
    EXPECT_EQ(sop.state_kind("dibatalkan"), StateKind::Cancelled);
    EXPECT_EQ(sop.find_action("pengarsipan", "batalkan"), nullptr) << "not after signing";
    EXPECT_EQ(sop.find_action("penyerahan", "batalkan"), nullptr);
    EXPECT_EQ(sop.find_action("verifikasi", "batalkan")->roles, (std::vector<std::string> { "petugas_pelayanan", "kasi_pemerintahan" }));
    EXPECT_EQ(sop.find_register("agenda")->kind, RegisterKind::Letter);
    ASSERT_EQ(sop.segregation.size(), 1u);
    EXPECT_EQ(sop.segregation[0].actions, (std::vector<std::string> { "paraf", "tandatangani" }));
    EXPECT_TRUE(sop.find_action("verifikasi", "kembalikan")->reasons_required);
    EXPECT_TRUE(sop.find_action("pemeriksaan", "perbaiki")->note_required);
    EXPECT_TRUE(sop.find_action("penandatanganan", "perbaiki")->note_required);
}

namespace {

// k_mini with every section a service declares besides its steps: the intake
// form (a person group, a rows group), documents with their recorded parts,
// rules, the public standard and the letter.
std::string const k_service = std::string(k_mini) + R"(
[[registers]]
id = "agenda"
label = "Buku Agenda"
kind = "letter"

[[registers]]
id = "register"
label = "Register"
kind = "registration"

[[form]]
id = "pemohon"
label = "Data pemohon"
kind = "person"
subject = true

[[form.fields]]
name = "nik"
help = "Sesuai KK."

[[form.fields]]
name = "kk"
label = "Nomor KK"
type = "kk"
required = true

[[form.fields]]
name = "agama"
label = "Agama"
type = "select"
vocabulary = "religions"
required = true

[[form.fields]]
name = "jenis"
label = "Jenis"
type = "select"
options = ["Baru", { id = "ulang", label = "Ulang", aliases = ["lagi", "kedua"] }]

[[form.fields]]
name = "umur"
label = "Umur"
type = "integer"
min = 0
max = 150

[[form.fields]]
name = "asal"
label = "Asal"
type = "region"
level = "regency"
example = "63.05"

[[form.fields]]
name = "desa"
label = "Desa"
type = "village"

[[form.fields]]
name = "keterangan"
label = "Keterangan"
type = "textarea"
max_length = 300

[[form]]
id = "anggota"
label = "Anggota keluarga"
kind = "rows"
min_rows = 1
max_rows = 10

[[form.fields]]
name = "nik"
label = "NIK"
type = "nik"
required = true

[[form.fields]]
name = "shdk"
label = "SHDK"
type = "select"
vocabulary = "shdk"

[[documents]]
id = "kk"
label = "Kartu Keluarga"
equals = "pemohon.kk"

[[documents]]
id = "akta_nikah"
label = "Akta Nikah"
date = true
valid_until = true
alternatives = ["sptjm"]

[[documents]]
id = "sptjm"
label = "SPTJM"
number = false
required = false

[[rules]]
check = "min_age"
field = "pemohon.birth_date"
years = 17
setting = "min_recording_age"
severity = "warning"
code = "pemohon.underage"
message = "Belum {min_age} tahun."

[[rules]]
check = "one_row_with"
group = "anggota"
field = "shdk"
value = "kepala_keluarga"

[[rules]]
check = "document_max_age"
document = "akta_nikah"
days = 30

[standard]
cost = "Gratis."
product = "Surat mini."
complaints = "Kepada Camat."

[letter]
id = "surat_mini"
version = 2
title = "SURAT MINI"
subtitle = "SUBJUDUL"
subject = "Surat mini"
classification = "470"
signer = "petugas"
register = "agenda"
paper = "F4"
closing = "Demikian."

[[letter.body]]
paragraph = "Nama {pemohon.name|upper}, desa {pemohon.desa_name}, lahir {pemohon.birth_date|date_words}."

[[letter.body]]
table = [["NIK", "{pemohon.nik}"], ["Akta", "{documents.akta_nikah.number} tanggal {documents.akta_nikah.date|date}"]]

[[letter.body]]
rows = "anggota"
columns = [["NIK", "{anggota.nik}"], ["SHDK", "{anggota.shdk}"]]

[[letter.body]]
items = ["Dicatat {step.a.date|date} di {office.district}", "Nomor {letter.number}, {case.registration_number}"]
)";

// k_service with `from` (which must occur exactly once) replaced by `to`.
std::string service_with(std::string_view from, std::string_view to)
{
    std::string text = k_service;
    auto const at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "not unique: " << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

// The 1-based line on which `needle` first appears in `text`.
int line_in(std::string const& text, std::string_view needle)
{
    auto const at = text.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    if (at == std::string::npos)
        return -1;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

}

TEST(SopForm, PersonAndRowsGroupsLoadWithTheirFields)
{
    auto check = check_sop(k_service, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    auto const& form = check.definition->form;
    ASSERT_EQ(form.groups.size(), 2u);
    auto const* person = form.find_group("pemohon");
    ASSERT_NE(person, nullptr);
    EXPECT_EQ(person->kind, GroupKind::Person);
    EXPECT_EQ(form.subject(), person);
    EXPECT_EQ(person->label, "Data pemohon");

    // The person's fields not declared come first, in the person's order;
    // the declared nik keeps the person's type and label and takes its place.
    std::vector<std::string> names;
    for (auto const& field : person->fields)
        names.push_back(field.name);
    EXPECT_EQ(names, (std::vector<std::string> { "name", "birth_place", "birth_date", "sex", "nik", "kk", "agama", "jenis", "umur", "asal", "desa", "keterangan" }));
    auto const* nik = form.find_field("pemohon.nik");
    ASSERT_NE(nik, nullptr);
    EXPECT_EQ(nik->type, InputType::Nik);
    EXPECT_EQ(nik->label, "NIK");
    EXPECT_EQ(nik->help, "Sesuai KK.");
    EXPECT_TRUE(nik->required);
    auto const* sex = form.find_field("pemohon.sex");
    ASSERT_NE(sex, nullptr);
    EXPECT_EQ(sex->type, InputType::Select);
    EXPECT_EQ(sex->vocabulary, "sex");
    EXPECT_EQ(form.find_field("pemohon.name")->label, "Nama");
    EXPECT_EQ(form.find_field("pemohon.name")->type, InputType::Name);
    EXPECT_EQ(form.find_field("pemohon.birth_date")->type, InputType::Date);

    EXPECT_EQ(form.find_field("pemohon.agama")->vocabulary, "religions");
    EXPECT_TRUE(form.find_field("pemohon.agama")->required);
    auto const* jenis = form.find_field("pemohon.jenis");
    ASSERT_EQ(jenis->options.size(), 2u);
    EXPECT_EQ(jenis->options[0].id, "Baru");
    EXPECT_EQ(jenis->options[0].label, "Baru");
    EXPECT_EQ(jenis->options[1].id, "ulang");
    EXPECT_EQ(jenis->options[1].label, "Ulang");
    EXPECT_EQ(jenis->options[1].aliases, (std::vector<std::string> { "lagi", "kedua" }));
    EXPECT_FALSE(jenis->required);
    auto const* umur = form.find_field("pemohon.umur");
    EXPECT_EQ(umur->type, InputType::Integer);
    EXPECT_EQ(umur->min, 0);
    EXPECT_EQ(umur->max, 150);
    auto const* asal = form.find_field("pemohon.asal");
    EXPECT_EQ(asal->level, RegionLevel::Regency);
    EXPECT_EQ(asal->example, "63.05");
    EXPECT_EQ(form.find_field("pemohon.desa")->type, InputType::Village);
    EXPECT_EQ(form.find_field("pemohon.keterangan")->max_length, 300);

    auto const* rows = form.find_group("anggota");
    ASSERT_NE(rows, nullptr);
    EXPECT_EQ(rows->kind, GroupKind::Rows);
    EXPECT_FALSE(rows->subject);
    EXPECT_EQ(rows->min_rows, 1);
    EXPECT_EQ(rows->max_rows, 10);
    ASSERT_EQ(rows->fields.size(), 2u);
    EXPECT_EQ(form.find_field("anggota.shdk")->vocabulary, "shdk");
}

TEST(SopForm, DocumentsStateWhatTheyCarry)
{
    auto check = check_sop(k_service, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    auto const& sop = *check.definition;
    auto const* kk = sop.find_document("kk");
    ASSERT_NE(kk, nullptr);
    EXPECT_TRUE(kk->number);
    EXPECT_FALSE(kk->date);
    EXPECT_EQ(kk->equals, "pemohon.kk");
    EXPECT_TRUE(kk->required);
    auto const* akta = sop.find_document("akta_nikah");
    EXPECT_TRUE(akta->date);
    EXPECT_TRUE(akta->valid_until);
    EXPECT_EQ(akta->alternatives, std::vector<std::string> { "sptjm" });
    auto const* sptjm = sop.find_document("sptjm");
    EXPECT_FALSE(sptjm->number);
    EXPECT_FALSE(sptjm->required);
}

TEST(SopForm, RulesKeepTheirParametersAsText)
{
    auto check = check_sop(k_service, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    auto const& rules = check.definition->rules;
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_EQ(rules[0].check, "min_age");
    EXPECT_EQ(rules[0].params, (std::map<std::string, std::string> { { "field", "pemohon.birth_date" }, { "years", "17" }, { "setting", "min_recording_age" } }));
    EXPECT_EQ(rules[0].severity, Severity::Warning);
    EXPECT_EQ(rules[0].code, "pemohon.underage");
    EXPECT_EQ(rules[0].message, "Belum {min_age} tahun.");
    EXPECT_EQ(rules[0].line, line_in(k_service, "check = \"min_age\"") - 1);
    EXPECT_EQ(rules[1].check, "one_row_with");
    EXPECT_EQ(rules[1].severity, Severity::Error);
    EXPECT_TRUE(rules[1].code.empty());
    EXPECT_EQ(rules[1].params.at("value"), "kepala_keluarga");
    EXPECT_EQ(rules[2].params.at("days"), "30");
}

TEST(SopForm, LetterAndStandardLoad)
{
    auto check = check_sop(k_service, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    auto const& sop = *check.definition;
    EXPECT_EQ(sop.standard.cost, "Gratis.");
    EXPECT_EQ(sop.standard.product, "Surat mini.");
    EXPECT_EQ(sop.standard.complaints, "Kepada Camat.");
    ASSERT_TRUE(sop.letter.has_value());
    auto const& letter = *sop.letter;
    EXPECT_EQ(letter.id, "surat_mini");
    EXPECT_EQ(letter.version, 2);
    EXPECT_EQ(letter.title, "SURAT MINI");
    EXPECT_EQ(letter.subtitle, "SUBJUDUL");
    EXPECT_EQ(letter.subject, "Surat mini");
    EXPECT_EQ(letter.classification, "470");
    EXPECT_EQ(letter.signer_role, "petugas");
    EXPECT_EQ(letter.register_id, "agenda");
    EXPECT_EQ(letter.paper, PaperSize::F4);
    EXPECT_FALSE(letter.whatsapp);
    EXPECT_EQ(letter.closing, "Demikian.");
    ASSERT_EQ(letter.body.size(), 4u);
    EXPECT_EQ(letter.body[0].kind, LetterBlockTemplate::Kind::Paragraph);
    EXPECT_EQ(letter.body[0].text, "Nama {pemohon.name|upper}, desa {pemohon.desa_name}, lahir {pemohon.birth_date|date_words}.");
    EXPECT_EQ(letter.body[1].kind, LetterBlockTemplate::Kind::Table);
    ASSERT_EQ(letter.body[1].table.size(), 2u);
    EXPECT_EQ(letter.body[1].table[0], (std::pair<std::string, std::string> { "NIK", "{pemohon.nik}" }));
    EXPECT_EQ(letter.body[2].kind, LetterBlockTemplate::Kind::Rows);
    EXPECT_EQ(letter.body[2].rows, "anggota");
    ASSERT_EQ(letter.body[2].columns.size(), 2u);
    EXPECT_EQ(letter.body[2].columns[1], (std::pair<std::string, std::string> { "SHDK", "{anggota.shdk}" }));
    EXPECT_EQ(letter.body[3].kind, LetterBlockTemplate::Kind::List);
    EXPECT_EQ(letter.body[3].items.size(), 2u);
    EXPECT_EQ(letter.body[3].line, line_in(k_service, "items = [") - 1);
}

TEST(SopForm, ADefinitionWithoutAFormStillLoads)
{
    auto check = check_sop(k_mini, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    EXPECT_TRUE(check.definition->form.groups.empty());
    EXPECT_EQ(check.definition->form.subject(), nullptr);
    EXPECT_TRUE(check.definition->rules.empty());
    EXPECT_FALSE(check.definition->letter.has_value());
}

TEST(SopForm, ExternalStatesWaitOnAnotherAgency)
{
    std::string const text = mini_with("target = \"selesai\"", "target = \"dinas\"") + R"(
[[states]]
id = "dinas"
label = "Dicetak Disdukcapil"
kind = "external"
roles = ["petugas"]

[[states.actions]]
id = "terima_kk"
label = "KK diterima"
target = "selesai"
)";
    auto check = check_sop(text, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    EXPECT_EQ(check.definition->state_kind("dinas"), StateKind::External);
    EXPECT_FALSE(is_closed(StateKind::External));

    // Like a returned or held state, it needs a way out.
    auto stuck = check_sop(mini_with("target = \"selesai\"", "target = \"dinas\"") + "\n[[states]]\nid = \"dinas\"\nlabel = \"Dinas\"\nkind = \"external\"\n", "x.toml");
    EXPECT_NE(all_diagnostics(stuck).find("status 'dinas' tidak punya aksi"), std::string::npos) << all_diagnostics(stuck);
}

TEST(SopForm, BadFormsRulesAndLettersNameLineAndReason)
{
    struct Case {
        char const* name;
        std::string from;
        std::string to;
        std::string at; // The text on the reported line, after the change.
        char const* message;
    };
    Case const cases[] = {
        { "bad field type", "type = \"integer\"", "type = \"angka\"", "type = \"angka\"", "jenis isian 'angka' di isian 'umur' di kelompok isian 'pemohon' tidak dikenal" },
        { "unknown vocabulary", "vocabulary = \"shdk\"", "vocabulary = \"hubungan\"", "vocabulary = \"hubungan\"", "kosakata 'hubungan' di isian 'shdk' di kelompok isian 'anggota' tidak dikenal" },
        { "unknown check", "check = \"one_row_with\"", "check = \"satu_baris\"", "check = \"satu_baris\"", "cek 'satu_baris' tidak dikenal" },
        { "rule on a missing field", "field = \"pemohon.birth_date\"", "field = \"pemohon.tanggal_lahir\"", "field = \"pemohon.tanggal_lahir\"",
            "parameter 'field' cek 'min_age': isian 'pemohon.tanggal_lahir' tidak ada di formulir" },
        { "rule on a missing document", "document = \"akta_nikah\"", "document = \"akta_cerai\"", "document = \"akta_cerai\"", "dokumen 'akta_cerai' tidak dikenal" },
        { "rule on a field that is not a date", "field = \"pemohon.birth_date\"", "field = \"pemohon.umur\"", "field = \"pemohon.umur\"", "isian 'pemohon.umur' bukan isian tanggal" },
        { "rule with an unknown parameter", "value = \"kepala_keluarga\"", "value = \"kepala_keluarga\"\nnilai = 1", "nilai = 1", "parameter 'nilai' tidak dikenal untuk cek 'one_row_with'" },
        { "rule without a required parameter", "field = \"shdk\"\n", "\n", "[[rules]]\ncheck = \"one_row_with\"", "cek 'one_row_with' perlu parameter 'field'" },
        { "rule on a column its rows group lacks", "field = \"shdk\"\n", "field = \"hubungan\"\n", "[[rules]]\ncheck = \"one_row_with\"", "kelompok isian 'anggota' tidak punya isian 'hubungan'" },
        { "one row with on a group that is not rows", "group = \"anggota\"", "group = \"pemohon\"", "group = \"pemohon\"", "kelompok isian 'pemohon' bukan kelompok berulang" },
        { "unknown severity", "severity = \"warning\"", "severity = \"peringatan\"", "severity = \"peringatan\"", "severity 'peringatan'" },
        { "placeholder naming no field", "{pemohon.name|upper}", "{pemohon.nama|upper}", "paragraph = ", "penanda {pemohon.nama|upper} di [letter] blok surat ke-1 tidak menunjuk isian mana pun" },
        { "placeholder naming no document", "{documents.akta_nikah.number}", "{documents.akta.number}", "table = ", "penanda {documents.akta.number}" },
        { "placeholder naming no step", "{step.a.date|date}", "{step.z.date|date}", "items = ", "penanda {step.z.date|date}" },
        { "row column naming no column", "{anggota.shdk}", "{anggota.hubungan}", "columns = ", "penanda {anggota.hubungan} di [letter] blok surat ke-3" },
        { "rows field outside its block", "{pemohon.nik}", "{anggota.nik}", "table = ", "penanda {anggota.nik} di [letter] blok surat ke-2" },
        { "unknown modifier", "|date_words", "|kata", "paragraph = ", "pengubah 'kata'" },
        { "duplicate group", "id = \"anggota\"", "id = \"pemohon\"", "id = \"pemohon\"\nlabel = \"Anggota", "id kelompok isian 'pemohon' ganda" },
        { "duplicate field", "name = \"umur\"", "name = \"agama\"", "name = \"agama\"\nlabel = \"Umur\"", "id isian 'agama' ganda di kelompok isian 'pemohon'" },
        { "min_rows over max_rows", "min_rows = 1", "min_rows = 12", "max_rows = 10", "min_rows (12) lebih besar dari max_rows (10)" },
        { "no subject", "subject = true\n", "\n", "[[form]]", "formulir tidak punya kelompok subjek" },
        { "equals naming no field", "equals = \"pemohon.kk\"", "equals = \"pemohon.nomor_kk\"", "equals = ", "'pemohon.nomor_kk' tidak menunjuk isian formulir mana pun" },
        { "alternative naming no document", "alternatives = [\"sptjm\"]", "alternatives = [\"sptjm_lain\"]", "alternatives = ", "dokumen pengganti 'sptjm_lain' di dokumen 'akta_nikah' tidak dikenal" },
        { "letter in a registration register", "register = \"agenda\"", "register = \"register\"", "register = \"register\"", "register 'register' di [letter] bukan register surat" },
        { "signer role not declared", "signer = \"petugas\"", "signer = \"camat\"", "signer = ", "peran penanda tangan 'camat' di [letter] tidak dikenal" },
        { "unknown key in a field", "max_length = 300", "maks = 300", "maks = 300", "kunci 'maks' tidak dikenal di isian 'keterangan'" },
        { "person field with another type", "name = \"nik\"\nhelp", "name = \"nik\"\ntype = \"text\"\nhelp", "type = \"text\"\nhelp", "isian orang 'nik' harus tetap berjenis nik" },
        { "unknown group kind", "kind = \"rows\"", "kind = \"baris\"", "kind = \"baris\"", "jenis kelompok 'baris'" },
        { "reserved group id", "id = \"anggota\"", "id = \"documents\"", "id = \"documents\"", "id kelompok isian 'documents' sudah dipakai" },
        { "select with no options", "options = [\"Baru\", { id = \"ulang\", label = \"Ulang\", aliases = [\"lagi\", \"kedua\"] }]", "options = []",
            "[[form.fields]]\nname = \"jenis\"", "isian 'jenis' di kelompok isian 'pemohon' berjenis select perlu pilihan" },
        { "options on a text field", "max_length = 300", "options = [\"a\"]", "options = [\"a\"]", "options hanya untuk isian berjenis select" },
        { "whatsapp line without the number", "closing = \"Demikian.\"", "whatsapp = true\nwhatsapp_text = \"Hubungi kami.\"", "whatsapp_text", "perlu {whatsapp}" },
        { "two kinds in one block", "rows = \"anggota\"", "rows = \"anggota\"\nparagraph = \"x\"", "rows = \"anggota\"", "" },
    };
    for (auto const& c : cases) {
        std::string const text = service_with(c.from, c.to);
        auto check = check_sop(text, "sops/mini.toml");
        EXPECT_FALSE(check.ok()) << c.name;
        // A block's problem is reported on its [[letter.body]] line.
        int const line = line_in(text, c.at);
        int const expected = std::string_view(c.name) == "two kinds in one block" ? line - 1 : line;
        std::string_view const message = *c.message ? std::string_view(c.message) : std::string_view("perlu tepat satu dari paragraph, table, rows atau items");
        EXPECT_TRUE(has_diagnostic(check, expected, message)) << c.name << " (line " << expected << "):\n" << all_diagnostics(check);
    }
}

TEST(SopForm, EveryProblemIsReportedAtOnceInLineOrder)
{
    std::string text = service_with("type = \"integer\"", "type = \"angka\"");
    for (auto const& [from, to] : std::vector<std::pair<std::string, std::string>> {
             { "vocabulary = \"shdk\"", "vocabulary = \"hubungan\"" },
             { "check = \"one_row_with\"", "check = \"satu_baris\"" },
             { "{pemohon.name|upper}", "{pemohon.nama|upper}" },
         })
        text.replace(text.find(from), from.size(), to);
    auto check = check_sop(text, "sops/mini.toml");
    ASSERT_EQ(check.diagnostics.size(), 4u) << all_diagnostics(check);
    EXPECT_EQ(check.diagnostics[0].line, line_in(text, "type = \"angka\""));
    EXPECT_EQ(check.diagnostics[1].line, line_in(text, "vocabulary = \"hubungan\""));
    EXPECT_EQ(check.diagnostics[2].line, line_in(text, "check = \"satu_baris\""));
    EXPECT_EQ(check.diagnostics[3].line, line_in(text, "paragraph = "));
}

TEST(PerekamanEktp, StatesItsFormRulesDocumentsLetterAndStandard)
{
    auto check = check_sop(sopir::testing::k_perekaman_ektp_toml, "sops/perekaman-ektp.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    auto const& sop = *check.definition;

    // Today's staff form: the same names, labels, order and required fields.
    auto const* applicant = sop.form.subject();
    ASSERT_NE(applicant, nullptr);
    EXPECT_EQ(applicant->id, "applicant");
    EXPECT_EQ(applicant->kind, GroupKind::Person);
    struct FieldCase {
        char const* name;
        char const* label;
        InputType type;
        bool required;
    };
    std::vector<FieldCase> const fields = {
        { "nik", "NIK", InputType::Nik, true },
        { "kk", "Nomor KK", InputType::Kk, true },
        { "name", "Nama", InputType::Name, true },
        { "birth_place", "Tempat lahir", InputType::Text, true },
        { "birth_date", "Tanggal lahir", InputType::Date, true },
        { "sex", "Jenis kelamin", InputType::Select, true },
        { "religion", "Agama", InputType::Select, true },
        { "marital_status", "Status perkawinan", InputType::Select, true },
        { "occupation", "Pekerjaan", InputType::Text, false },
        { "address", "Alamat", InputType::Textarea, true },
        { "rt", "RT", InputType::RtRw, false },
        { "rw", "RW", InputType::RtRw, false },
        { "village_code", "Desa/kelurahan", InputType::Village, true },
        { "phone", "Nomor telepon", InputType::Phone, false },
    };
    ASSERT_EQ(applicant->fields.size(), fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) {
        auto const& field = applicant->fields[i];
        EXPECT_EQ(field.name, fields[i].name);
        EXPECT_EQ(field.label, fields[i].label) << field.name;
        EXPECT_EQ(field.type, fields[i].type) << field.name;
        EXPECT_EQ(field.required, fields[i].required) << field.name;
    }
    EXPECT_EQ(applicant->fields[0].help, "16 digit, sesuai Kartu Keluarga.");
    EXPECT_EQ(sop.form.find_field("applicant.religion")->vocabulary, "religions");
    EXPECT_EQ(sop.form.find_field("applicant.marital_status")->vocabulary, "marital_statuses");
    EXPECT_EQ(sop.form.find_field("applicant.address")->max_length, 200);
    EXPECT_EQ(sop.form.find_field("applicant.sex")->vocabulary, "sex");
    EXPECT_EQ(sop.find_register("register_ektp")->title, "REGISTER PEREKAMAN E-KTP");
    EXPECT_EQ(sop.find_register("agenda")->title, "BUKU AGENDA SURAT KELUAR");

    EXPECT_TRUE(sop.find_document("surat_pengantar")->date);
    EXPECT_FALSE(sop.find_document("akta_kelahiran")->date);
    EXPECT_EQ(sop.find_document("kartu_keluarga")->equals, "applicant.kk");

    std::map<std::string, RuleDefinition> rules;
    for (auto const& rule : sop.rules)
        rules[rule.check] = rule;
    ASSERT_TRUE(rules.count("min_age"));
    EXPECT_EQ(rules["min_age"].code, "applicant.underage");
    EXPECT_EQ(rules["min_age"].severity, Severity::Warning);
    EXPECT_EQ(rules["min_age"].params.at("years"), "17");
    EXPECT_EQ(rules["min_age"].params.at("setting"), "min_recording_age");
    EXPECT_EQ(rules["document_max_age"].code, "document.expired");
    EXPECT_EQ(rules["document_max_age"].params.at("days"), "90");
    EXPECT_EQ(rules["document_max_age"].severity, Severity::Warning);
    EXPECT_TRUE(rules.count("nik_matches_person"));
    EXPECT_EQ(rules["not_future"].params.at("field"), "applicant.birth_date");

    ASSERT_TRUE(sop.letter.has_value());
    EXPECT_EQ(sop.letter->title, "SURAT KETERANGAN");
    EXPECT_EQ(sop.letter->subtitle, "TELAH MELAKUKAN PEREKAMAN KTP-el");
    EXPECT_EQ(sop.letter->subject, "Surat Keterangan telah melakukan Perekaman KTP-el");
    EXPECT_EQ(sop.letter->signer_role, "camat");
    EXPECT_EQ(sop.letter->register_id, "agenda");
    EXPECT_TRUE(sop.letter->whatsapp);
    EXPECT_NE(sop.letter->body[2].text.find("{step.perekaman.date|date}"), std::string::npos);
    EXPECT_EQ(sop.letter->closing, "Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.");
    EXPECT_NE(sop.standard.cost.find("Tidak dipungut biaya"), std::string::npos);
}

// differs_from names fields of groups that are not rows, as many on each
// side; each problem on its line.
TEST(SopForm, DiffersFromNamesFieldsPairwise)
{
    struct Case {
        char const* name;
        char const* rule;
        std::string at;
        char const* message;
    };
    Case const cases[] = {
        { "a field that does not exist", "field = \"pemohon.desa, pemohon.tidak_ada\"\nother = \"pemohon.asal, pemohon.kk\"\n",
            "field = \"pemohon.desa, pemohon.tidak_ada\"", "isian 'pemohon.tidak_ada' tidak ada di formulir" },
        { "a field of a rows group", "field = \"anggota.nik\"\nother = \"pemohon.nik\"\n", "field = \"anggota.nik\"", "ada di kelompok berulang (rows)" },
        { "an empty list", "field = \" , \"\nother = \"pemohon.nik\"\n", "field = \" , \"", "tulis satu isian atau lebih" },
        { "lists of different lengths", "field = \"pemohon.desa, pemohon.kk\"\nother = \"pemohon.asal\"\n", "[[rules]]\ncheck = \"differs_from\"",
            "field dan other harus menyebut isian sebanyak yang sama" },
    };
    for (auto const& c : cases) {
        std::string const text = service_with("[standard]", std::string("[[rules]]\ncheck = \"differs_from\"\n") + c.rule + "\n[standard]");
        auto check = check_sop(text, "sops/mini.toml");
        EXPECT_FALSE(check.ok()) << c.name;
        EXPECT_TRUE(has_diagnostic(check, line_in(text, c.at), c.message)) << c.name << ":\n" << all_diagnostics(check);
    }
    std::string const good = service_with("[standard]",
        "[[rules]]\ncheck = \"differs_from\"\nfield = \"pemohon.desa, pemohon.keterangan\"\nother = \"pemohon.asal, pemohon.kk\"\n\n[standard]");
    auto check = check_sop(good, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    EXPECT_EQ(check.definition->rules.back().params.at("other"), "pemohon.asal, pemohon.kk");
}

// A letter may print what intake keeps beside the fields: the names of the
// regions above a region or village, and a value a rule derives.
TEST(SopForm, LettersMayPrintParentRegionsAndDerivedValues)
{
    std::string const derive = "[[rules]]\ncheck = \"derive_move_class\"\nfrom = \"pemohon.desa\"\nto = \"pemohon.asal\"\ninto = \"pemohon.kelas\"\n\n[standard]";
    std::string text = service_with("[standard]", derive);
    text.replace(text.find("lahir {pemohon.birth_date|date_words}"), 36,
        "{pemohon.kelas|title}, {pemohon.desa_name}, {pemohon.asal_province_name}");
    auto check = check_sop(text, "sops/mini.toml");
    EXPECT_TRUE(check.ok()) << all_diagnostics(check);

    // A regency has no kecamatan above it; a value no rule derives is nothing.
    for (char const* wrong : { "{pemohon.asal_district_name}", "{pemohon.desa_district_name}", "{pemohon.kelas_lain}" }) {
        std::string broken = service_with("[standard]", derive);
        broken.replace(broken.find("{pemohon.birth_date|date_words}"), 31, wrong);
        auto refused = check_sop(broken, "sops/mini.toml");
        EXPECT_TRUE(has_diagnostic(refused, line_in(broken, wrong), std::string("penanda ") + wrong)) << wrong << ":\n" << all_diagnostics(refused);
    }
    // Derived into a rows group, or over a typed field: refused.
    for (char const* into : { "anggota.kelas", "pemohon.kk" }) {
        std::string broken = service_with("[standard]", derive);
        broken.replace(broken.find("pemohon.kelas"), 13, into);
        auto refused = check_sop(broken, "sops/mini.toml");
        EXPECT_TRUE(has_diagnostic(refused, line_in(broken, "[[rules]]\ncheck = \"derive_move_class\""), "cek 'derive_move_class': into")) << into << ":\n"
                                                                                                                                          << all_diagnostics(refused);
    }
}

// A default classification code the office has not confirmed loads, and
// says where it is; false without a code is refused.
TEST(SopForm, AnUnconfirmedClassificationLoadsWithItsLine)
{
    std::string const text = service_with("classification = \"470\"\n", "classification = \"470\"\nclassification_confirmed = false\n");
    auto check = check_sop(text, "sops/mini.toml");
    ASSERT_TRUE(check.ok()) << all_diagnostics(check);
    EXPECT_FALSE(check.definition->letter->classification_confirmed);
    EXPECT_EQ(check.definition->letter->classification_line, line_in(text, "classification_confirmed = false"));
    EXPECT_TRUE(check_sop(k_service, "sops/mini.toml").definition->letter->classification_confirmed);
    std::string const without = service_with("classification = \"470\"\n", "classification_confirmed = false\n");
    auto refused = check_sop(without, "sops/mini.toml");
    EXPECT_TRUE(has_diagnostic(refused, line_in(without, "classification_confirmed = false"), "tanpa classification")) << all_diagnostics(refused);
}
