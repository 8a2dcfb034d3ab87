// The SOP loader: a good definition loads; a bad one is refused with every
// problem, each with its line and reason. No file I/O: the definitions are
// inline (the real one through perekaman_ektp_toml.hpp).
#include "core/sop.hpp"
#include "perekaman_ektp_toml.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <string>

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
