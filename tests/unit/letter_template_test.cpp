// A letter template resolved over a case's data (core/letter_template.hpp):
// placeholders, modifiers, bold marks, rows and lists, and the problems
// `sopir sop check` reports for a template that names what is not there.

#include "core/indonesian.hpp"
#include "core/letter_template.hpp"

#include <gtest/gtest.h>

namespace {

using namespace sopir;

SopDefinition made_up_service()
{
    SopDefinition definition;
    definition.id = "surat-contoh";
    definition.roles = { { .id = "camat", .title = "Camat" }, { .id = "sekcam", .title = "Sekretaris Kecamatan" } };
    definition.registers = { { .id = "agenda", .label = "Buku Agenda", .kind = RegisterKind::Letter },
        { .id = "register_contoh", .label = "Register", .kind = RegisterKind::Registration } };
    definition.documents = { { .id = "akta_nikah", .label = "Akta Nikah" } };
    definition.steps = { { .id = "verifikasi", .title = "Verifikasi" }, { .id = "cetak", .title = "Cetak" } };
    InputGroup pemohon { .id = "pemohon", .label = "Pemohon", .kind = GroupKind::Person, .subject = true };
    pemohon.fields = {
        { .name = "nik", .label = "NIK", .type = InputType::Nik },
        { .name = "name", .label = "Nama", .type = InputType::Name },
        { .name = "birth_date", .label = "Tanggal lahir", .type = InputType::Date },
        { .name = "sex", .label = "Jenis kelamin", .type = InputType::Select, .options = { { "L", "Laki-laki", {} }, { "P", "Perempuan", {} } } },
        { .name = "village_code", .label = "Desa", .type = InputType::Village },
        { .name = "children", .label = "Jumlah anak", .type = InputType::Integer },
    };
    InputGroup saksi { .id = "saksi", .label = "Saksi", .kind = GroupKind::Rows, .min_rows = 1, .max_rows = 3 };
    saksi.fields = { { .name = "name", .label = "Nama", .type = InputType::Name }, { .name = "nik", .label = "NIK", .type = InputType::Nik } };
    definition.form.groups = { pemohon, saksi };
    LetterTemplate letter { .id = "surat_contoh", .version = 3, .title = "SURAT {pemohon.name|upper}", .signer_role = "camat", .register_id = "agenda" };
    letter.body = {
        { .kind = LetterBlockTemplate::Kind::Paragraph, .text = "Nomor **{letter.number}** untuk {pemohon.name|title}, lahir {pemohon.birth_date|date}.", .line = 10 },
        { .kind = LetterBlockTemplate::Kind::Table, .table = { { "Jenis Kelamin", "{pemohon.sex}" }, { "Desa", "{pemohon.village_code_name}" } }, .line = 11 },
        { .kind = LetterBlockTemplate::Kind::Rows, .rows = "saksi", .columns = { { "Nama", "{saksi.name}" }, { "NIK", "{nik}" } }, .line = 12 },
        { .kind = LetterBlockTemplate::Kind::List, .items = { "Akta {documents.akta_nikah.number} tanggal {documents.akta_nikah.date|date_words}", "Anak: {pemohon.children|number_words}" }, .line = 13 },
    };
    letter.whatsapp = true;
    letter.whatsapp_text = "Hubungi **{whatsapp}**.";
    letter.closing = "Demikian.";
    definition.letter = letter;
    return definition;
}

LetterFacts facts()
{
    LetterFacts facts;
    facts.values["pemohon"] = { { "nik", "6305061203090001" }, { "name", "siti **ANI** {letter.number}" }, { "birth_date", "2001-03-12" },
        { "sex", "P" }, { "village_code", "63.05.06.2005" }, { "village_name", "Margasari Ilir" }, { "children", "12" } };
    facts.values["saksi"] = nlohmann::json::array({ { { "name", "BUDI" }, { "nik", "6305060000000001" } }, { { "name", "ANI" }, { "nik", "6305060000000002" } } });
    facts.documents["akta_nikah"] = { { "number", "123/2020" }, { "date", "2020-02-02" } };
    facts.office_name = "Candi Laras Utara";
    facts.whatsapp = "0812-5000-1234";
    return facts;
}

std::string plain(std::string const& resolved, std::string const& number = "")
{
    std::string text;
    for (auto const& span : letter_spans(resolved, number))
        text += span.bold ? "[" + span.text + "]" : span.text;
    return text;
}

TEST(IndonesianWords, Numbers)
{
    struct Case {
        long long n;
        char const* words;
    };
    for (auto const& c : std::initializer_list<Case> { { 0, "nol" }, { 1, "satu" }, { 10, "sepuluh" }, { 11, "sebelas" }, { 12, "dua belas" },
             { 19, "sembilan belas" }, { 20, "dua puluh" }, { 45, "empat puluh lima" }, { 100, "seratus" }, { 115, "seratus lima belas" },
             { 999, "sembilan ratus sembilan puluh sembilan" }, { 1000, "seribu" }, { 1001, "seribu satu" }, { 2001, "dua ribu satu" },
             { 2026, "dua ribu dua puluh enam" }, { 11000, "sebelas ribu" }, { 1000000, "satu juta" }, { -3, "minus tiga" } })
        EXPECT_EQ(number_words_id(c.n), c.words) << c.n;
    EXPECT_EQ(date_words_id({ 2001, 3, 12 }), "dua belas Maret dua ribu satu");
}

TEST(LetterTemplate, PlaceholdersAndModifiers)
{
    auto const definition = made_up_service();
    auto const f = facts();
    auto text = [&](char const* raw) { return plain(resolve_letter_text(raw, definition, f)); };
    EXPECT_EQ(text("{pemohon.birth_date|date}"), "12 Maret 2001");
    EXPECT_EQ(text("{pemohon.birth_date|date_words}"), "dua belas Maret dua ribu satu");
    EXPECT_EQ(text("{pemohon.children|number_words}"), "dua belas");
    EXPECT_EQ(text("{pemohon.sex}"), "Perempuan"); // The option's label.
    EXPECT_EQ(text("{pemohon.sex|upper}"), "PEREMPUAN");
    EXPECT_EQ(text("{office.name|upper}"), "CANDI LARAS UTARA");
    EXPECT_EQ(text("{documents.akta_nikah.number}"), "123/2020");
    EXPECT_EQ(text("{pemohon.village_code_name}"), "Margasari Ilir");
    EXPECT_EQ(text("{pemohon.village_name}"), "Margasari Ilir");
    EXPECT_EQ(text("{whatsapp}"), "0812-5000-1234");
    EXPECT_EQ(text("{step.cetak.date|date}"), ""); // Not done yet.
    EXPECT_EQ(plain(resolve_letter_text("{x|sex}", definition, f)), "");
    LetterFacts g = f;
    g.values["pemohon"]["sex"] = "L";
    g.values["pemohon"]["name"] = "MUHAMMAD RIZKY-PRATAMA";
    EXPECT_EQ(plain(resolve_letter_text("{pemohon.sex|sex}", made_up_service(), g)), "Laki-laki");
    EXPECT_EQ(plain(resolve_letter_text("{pemohon.name|title}", definition, g)), "Muhammad Rizky-Pratama");
}

TEST(LetterTemplate, ValuesNeverTurnBoldNorBecomeTheNumber)
{
    auto const definition = made_up_service();
    auto const resolved = resolve_letter_text("**{pemohon.name}** nomor {letter.number}", definition, facts());
    // The name keeps its asterisks and braces as typed; only the template's
    // marks and its own {letter.number} count.
    EXPECT_EQ(plain(resolved, "470/12"), "[siti **ANI** {letter.number}] nomor 470/12");
}

TEST(LetterTemplate, ResolvesEveryKindOfBlock)
{
    auto const resolved = resolve_letter(made_up_service(), *made_up_service().letter, facts());
    EXPECT_EQ(plain(resolved.title), "SURAT SITI **ANI** {LETTER.NUMBER}");
    ASSERT_EQ(resolved.body.size(), 6u); // Four blocks, the WhatsApp line, the closing.
    EXPECT_EQ(plain(resolved.body[0].text, "1/2"), "Nomor [1/2] untuk Siti **Ani** {Letter.Number}, lahir 12 Maret 2001.");
    ASSERT_EQ(resolved.body[1].table.size(), 2u);
    EXPECT_EQ(resolved.body[1].table[0].second, "Perempuan");
    EXPECT_EQ(resolved.body[2].kind, LetterBlock::Kind::Rows);
    EXPECT_EQ(resolved.body[2].headings, (std::vector<std::string> { "Nama", "NIK" }));
    EXPECT_EQ(resolved.body[2].rows, (std::vector<std::vector<std::string>> { { "BUDI", "6305060000000001" }, { "ANI", "6305060000000002" } }));
    EXPECT_EQ(resolved.body[3].items, (std::vector<std::string> { "Akta 123/2020 tanggal dua Februari dua ribu dua puluh", "Anak: dua belas" }));
    EXPECT_EQ(plain(resolved.body[4].text), "Hubungi [0812-5000-1234].");
    EXPECT_EQ(resolved.body[4].qr, "https://wa.me/6281250001234");
    EXPECT_EQ(plain(resolved.body[5].text), "Demikian.");

    // An office without a WhatsApp number prints no WhatsApp line.
    LetterFacts none = facts();
    none.whatsapp.clear();
    EXPECT_EQ(resolve_letter(made_up_service(), *made_up_service().letter, none).body.size(), 5u);
}

TEST(LetterTemplate, AGoodTemplateHasNoProblems)
{
    auto const problems = placeholder_problems(made_up_service());
    for (auto const& problem : problems)
        ADD_FAILURE() << problem.line << ": " << problem.message;
}

TEST(LetterTemplate, ProblemsNameTheLineAndWhat)
{
    struct Case {
        char const* text;
        char const* says;
    };
    for (auto const& c : std::initializer_list<Case> {
             { "{pemohon.nama}", "tidak punya isian 'nama'" },
             { "{pemohn.name}", "tidak menyebut kelompok" },
             { "{pemohon.name|besar}", "pengubah '|besar' tidak dikenal" },
             { "{documents.ktp.number}", "dokumen 'ktp' tidak ada" },
             { "{step.rekam.date}", "langkah 'rekam' tidak ada" },
             { "{office.camat}", "{office.name}" },
             { "{saksi.name}", "hanya dapat dipakai di dalam blok rows" },
             { "Nama {pemohon.name", "tidak ditutup" },
         }) {
        auto definition = made_up_service();
        definition.letter->body.push_back({ .kind = LetterBlockTemplate::Kind::Paragraph, .text = c.text, .line = 42 });
        auto const problems = placeholder_problems(definition);
        ASSERT_EQ(problems.size(), 1u) << c.text;
        EXPECT_EQ(problems[0].line, 42) << c.text;
        EXPECT_NE(problems[0].message.find(c.says), std::string::npos) << problems[0].message;
    }
    auto definition = made_up_service();
    definition.letter->signer_role = "bupati";
    definition.letter->register_id = "register_contoh";
    definition.letter->body[2].rows = "pemohon";
    auto const problems = placeholder_problems(definition);
    // The role, the register, the rows group, and the column that now names
    // a rows group outside its own block ({nik} is a field of both).
    ASSERT_EQ(problems.size(), 4u);
}

}
