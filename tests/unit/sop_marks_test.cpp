// [letter] output = "marks" and [letter.mark]: a service whose output is a
// mark on each copy the applicant brings (legalisation), loaded, refused
// with line and reason when wrong, and resolved over a case's values.
#include "core/letter_template.hpp"
#include "core/sop.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace sopir {
namespace {

// A small service with marks: one step, the applicant, the count of copies.
std::string const k_marks = R"(id = "tanda"
title = "Legalisasi mini"
initial_step = "a"

[[roles]]
id = "camat"
title = "Camat"

[[registers]]
id = "register_legalisasi"
label = "Buku Register Legalisasi"
kind = "letter"

[[form]]
id = "pemohon"
label = "Pemohon"
kind = "person"
subject = true

[[form]]
id = "dokumen"
label = "Dokumen"

[[form.fields]]
name = "nomor"
label = "Nomor dokumen"
type = "text"
required = true

[[form.fields]]
name = "umur"
label = "Umur dokumen"
type = "integer"
min = 0
max = 150

[[form.fields]]
name = "salinan"
label = "Jumlah salinan"
type = "integer"
required = true
min = 1
max = 20

[[steps]]
id = "a"
title = "A"
roles = ["camat"]
standard_minutes = 1
output = "Tanda"

[[steps.actions]]
id = "tandatangani"
label = "Tanda tangani"
target = "b"
letter = "sign"

[[steps]]
id = "b"
title = "B"
roles = ["camat"]
standard_minutes = 1
output = "Tanda bernomor"

[[steps.actions]]
id = "arsipkan"
label = "Arsipkan"
target = "selesai"
takes_number = "register_legalisasi"
letter = "seal"

[[states]]
id = "selesai"
label = "Selesai"
kind = "end"

[letter]
id = "tanda_legalisasi"
title = "TANDA LEGALISASI"
subject = "Legalisasi"
signer = "camat"
register = "register_legalisasi"
output = "marks"

[letter.mark]
text = "TELAH DILEGALISIR {office.name|upper}"
copies = "dokumen.salinan"
details = [["Nomor dokumen", "{dokumen.nomor}"], ["Salinan", "{dokumen.salinan}"]]
)";

std::string with(std::string_view from, std::string_view to)
{
    std::string text = k_marks;
    auto const at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

int line_of(std::string const& text, std::string_view needle)
{
    auto const at = text.find(needle);
    return at == std::string::npos ? -1 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::string diagnostics(SopCheck const& check)
{
    std::string all;
    for (auto const& d : check.diagnostics)
        all += to_string(d) + "\n";
    return all;
}

TEST(SopMarks, AMarksOutputLoadsWithoutABody)
{
    auto check = check_sop(k_marks, "sops/tanda.toml");
    ASSERT_TRUE(check.ok()) << diagnostics(check);
    auto const& letter = *check.definition->letter;
    EXPECT_EQ(letter.output, LetterOutput::Marks);
    EXPECT_TRUE(letter.body.empty());
    ASSERT_TRUE(letter.mark);
    EXPECT_EQ(letter.mark->copies_field, "dokumen.salinan");
    EXPECT_EQ(letter.mark->details.size(), 2u);
}

TEST(SopMarks, ALetterStaysALetterByDefault)
{
    auto text = with("output = \"marks\"\n\n[letter.mark]\ntext = \"TELAH DILEGALISIR {office.name|upper}\"\ncopies = \"dokumen.salinan\"\ndetails = [[\"Nomor dokumen\", \"{dokumen.nomor}\"], [\"Salinan\", \"{dokumen.salinan}\"]]\n",
        "\n[[letter.body]]\nparagraph = \"Isi.\"\n");
    auto check = check_sop(text, "sops/tanda.toml");
    ASSERT_TRUE(check.ok()) << diagnostics(check);
    EXPECT_EQ(check.definition->letter->output, LetterOutput::Letter);
    EXPECT_FALSE(check.definition->letter->mark);
}

TEST(SopMarks, BadMarksNameLineAndReason)
{
    struct Case {
        char const* name;
        std::string from;
        std::string to;
        std::string at;
        char const* message;
    };
    Case const cases[] = {
        { "copies naming no field", "copies = \"dokumen.salinan\"", "copies = \"dokumen.lembar\"", "copies = ", "copies = 'dokumen.lembar' di [letter.mark] tidak menunjuk isian formulir" },
        { "copies that may be 0", "copies = \"dokumen.salinan\"", "copies = \"dokumen.umur\"", "copies = ", "harus berjenis integer dengan min paling kecil 1 dan max paling besar 100" },
        { "copies of a text field", "copies = \"dokumen.salinan\"", "copies = \"dokumen.nomor\"", "copies = ", "harus berjenis integer" },
        { "unknown output", "output = \"marks\"", "output = \"stempel\"", "output = \"stempel\"", "output 'stempel' di [letter] tidak dikenal (pilih: letter, marks)" },
        { "marks without a mark", "[letter.mark]\ntext = \"TELAH DILEGALISIR {office.name|upper}\"\ncopies = \"dokumen.salinan\"\ndetails = [[\"Nomor dokumen\", \"{dokumen.nomor}\"], [\"Salinan\", \"{dokumen.salinan}\"]]\n", "", "[letter]", "kunci wajib 'mark' tidak ada di [letter]" },
        { "a mark on a letter", "output = \"marks\"\n", "\n[[letter.body]]\nparagraph = \"Isi.\"\n", "[letter.mark]", "[letter.mark] hanya untuk output = \"marks\"" },
        { "a body on marks", "output = \"marks\"\n", "output = \"marks\"\n\n[[letter.body]]\nparagraph = \"Isi.\"\n", "[[letter.body]]", "[[letter.body]] tidak dicetak bila output = \"marks\"" },
        { "a detail naming nothing", "{dokumen.nomor}", "{dokumen.no}", "details = ", "penanda {dokumen.no} di [letter.mark] tidak menunjuk isian mana pun" },
        { "a text naming nothing", "{office.name|upper}", "{office.nama|upper}", "text = ", "penanda {office.nama|upper} di [letter.mark] text" },
        { "unknown key in the mark", "details = ", "pojok = \"kanan\"\ndetails = ", "pojok = ", "kunci 'pojok' tidak dikenal di [letter.mark]" },
    };
    for (auto const& c : cases) {
        std::string const text = with(c.from, c.to);
        auto check = check_sop(text, "sops/tanda.toml");
        EXPECT_FALSE(check.ok()) << c.name;
        int const line = line_of(text, c.at);
        bool const found = std::any_of(check.diagnostics.begin(), check.diagnostics.end(),
            [&](SopDiagnostic const& d) { return d.line == line && d.message.find(c.message) != std::string::npos; });
        EXPECT_TRUE(found) << c.name << " (line " << line << "): " << c.message << "\n" << diagnostics(check);
    }
}

TEST(SopMarks, TheMarkResolvesOverTheCaseWithItsCountOfCopies)
{
    auto definition = load_sop(k_marks, "sops/tanda.toml");
    ASSERT_TRUE(definition.ok()) << definition.error().message;
    LetterFacts facts;
    facts.values["dokumen"] = { { "nomor", "470/25/MH/2026" }, { "salinan", "7" } };
    facts.office_name = "Candi Laras Utara";
    auto resolved = resolve_letter(*definition, *definition->letter, facts);
    ASSERT_TRUE(resolved.mark);
    EXPECT_EQ(resolved.mark->text, "TELAH DILEGALISIR CANDI LARAS UTARA");
    EXPECT_EQ(resolved.mark->copies, 7);
    ASSERT_EQ(resolved.mark->details.size(), 2u);
    EXPECT_EQ(resolved.mark->details[0], (std::pair<std::string, std::string> { "Nomor dokumen", "470/25/MH/2026" }));
    // Stored as a JSON number too; kept within 1 and k_max_mark_copies.
    facts.values["dokumen"]["salinan"] = 3;
    EXPECT_EQ(resolve_letter(*definition, *definition->letter, facts).mark->copies, 3);
    facts.values["dokumen"]["salinan"] = "100000";
    EXPECT_EQ(resolve_letter(*definition, *definition->letter, facts).mark->copies, k_max_mark_copies);
}

}
}
