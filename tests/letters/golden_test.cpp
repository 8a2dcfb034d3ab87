// The golden test of the letter as data: the E-KTP letter made through its
// template (sops/perekaman-ektp.toml) prints the same text at the same
// places as the renderer before templates did, and a letter signed before
// templates (content version 1) still reads, hashes and prints the same.
// The fixtures in tests/letters/golden are main's output before the change.

#include "core/sha256.hpp"
#include "desk/letter_desk.hpp"
#include "ektp_letter.hpp"
#include "letters/letter_content.hpp"
#include "pdf_tools.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using namespace sopir;

std::string golden(std::string const& name)
{
    std::ifstream in(std::string(SOPIR_SOURCE_DIR) + "/tests/letters/golden/" + name, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void expect_same_print(std::string const& made, std::string const& expected)
{
    ASSERT_FALSE(expected.empty()) << "fixture missing";
    EXPECT_EQ(pdf_tools::pdf_text(made), pdf_tools::pdf_text(expected));
    EXPECT_EQ(pdf_tools::pdf_layout(made), pdf_tools::pdf_layout(expected));
    EXPECT_TRUE(pdf_tools::page_picture(made) == pdf_tools::page_picture(expected)) << "the pages differ as pictures";
}

Office tapin()
{
    Office office;
    office.id = 1;
    office.code = "63.05.06";
    office.name = "Candi Laras Utara";
    office.regency = "Kabupaten Tapin";
    office.address = "Jalan Jenderal Ahmad Yani No. 12, Margasari";
    office.postal_code = "71171";
    office.place_name = "Margasari";
    office.disdukcapil_whatsapp = "0812-5000-1234";
    office.utc_offset_minutes = 480;
    return office;
}

// A case as intake stores it today, and its history up to the signature.
Case rizky()
{
    Case item;
    item.id = 7;
    item.service_id = "perekaman-ektp";
    item.registration_number = "REG/0007/2026";
    item.applicant_name = "MUHAMMAD RIZKY PRATAMA";
    item.nik = "6305061203090001";
    item.birth_date = Date { 2009, 3, 12 };
    item.village_code = "63.05.06.2005";
    item.applicant_json = R"({"nik":"6305061203090001","kk":"6305060101090001","name":"MUHAMMAD RIZKY PRATAMA","birth_place":"Tapin",)"
                          R"("birth_date":"2009-03-12","sex":"L","religion":"Islam","marital_status":"Belum Kawin","occupation":"Pelajar/Mahasiswa",)"
                          R"("address":"Jalan Pendidikan Gang Mawar","rt":"003","rw":"001","village_code":"63.05.06.2005","village_name":"Margasari Ilir","phone":""})";
    item.documents_json = "{}";
    item.created_at = local_midnight({ 2026, 11, 19 }, 480) + 9 * 3600;
    return item;
}

std::vector<ActionRecord> rizky_history()
{
    auto at = [](Date day, int hour) { return local_midnight(day, 480) + hour * 3600; };
    return {
        { .from_state = "pengajuan", .action = "ajukan", .to_state = "verifikasi", .at = at({ 2026, 11, 19 }, 9) },
        { .from_state = "verifikasi", .action = "terima", .to_state = "perekaman", .at = at({ 2026, 11, 19 }, 10) },
        { .from_state = "perekaman", .action = "rekam", .to_state = "paraf", .at = at({ 2026, 11, 20 }, 11) },
        { .from_state = "paraf", .action = "paraf", .to_state = "tanda_tangan", .at = at({ 2026, 11, 23 }, 8) },
    };
}

LetterContent through_the_template()
{
    auto const& definition = ektp_letter::definition();
    Office const office = tapin();
    LetterOffice const printed { .regency = office.regency, .name = office.name, .address = office.address,
        .postal_code = office.postal_code, .place_name = office.place_name };
    LetterContent content = desk::compose_letter(definition, desk::letter_facts(rizky(), definition, rizky_history(), office), printed,
        { 2026, 11, 23 }, PaperSize::A4);
    content.signer = { .title = camat_title(Acting::Plt, "Candi Laras Utara"), .name = "H. AHMAD RIFANI, S.Sos., M.AP",
        .pangkat_golongan = "Pembina Tingkat I (IV/b)", .nip = "19690312 199211 1 001" };
    content.paraf = "SN";
    content.verification_url = "https://sopir.example/verifikasi/Q7x2mK9pLw";
    content.number = "400.12.2.1/0042/CLU/XI/2026";
    return content;
}

TEST(GoldenLetter, TheEktpTemplatePrintsTodaysLetter)
{
    expect_same_print(render_letter_pdf(through_the_template()), golden("ektp-plt.pdf"));
}

TEST(GoldenLetter, TheEktpContentRecordsServiceAndTemplate)
{
    auto const content = through_the_template();
    auto const json = nlohmann::json::parse(letter_content_json(content));
    EXPECT_EQ(json["version"], 2);
    EXPECT_EQ(json["service"], "perekaman-ektp");
    EXPECT_EQ(json["template"]["id"], ektp_letter::definition().letter->id);
    EXPECT_EQ(json["template"]["version"], ektp_letter::definition().letter->version);
    EXPECT_EQ(json["person"]["nik"], "6305061203090001");
    // Read back, it is the same content and prints the same.
    auto back = letter_content_from_json(letter_content_json(content));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(letter_content_json(*back), letter_content_json(content));
    expect_same_print(render_letter_pdf(*back), golden("ektp-plt.pdf"));
}

TEST(GoldenLetter, TheDefinitionsTemplatesHaveNoPlaceholderProblems)
{
    auto check = [](SopDefinition const& definition) {
        for (auto const& problem : placeholder_problems(definition))
            ADD_FAILURE() << definition.id << ":" << problem.line << ": " << problem.message;
    };
    check(ektp_letter::definition());
    std::ifstream in(std::string(SOPIR_SOURCE_DIR) + "/tests/fixtures/sops/rekomendasi-keramaian-contoh.toml");
    std::ostringstream text;
    text << in.rdbuf();
    auto made_up = load_sop(text.str(), "rekomendasi-keramaian-contoh.toml");
    ASSERT_TRUE(made_up.ok()) << made_up.error().message;
    check(*made_up);
}

TEST(GoldenLetter, AVersionOneLetterReadsBackByteForByte)
{
    for (char const* name : { "ektp-plt.v1.json", "ektp-archive-f4.v1.json" }) {
        std::string const stored = golden(name);
        auto content = letter_content_from_json(stored);
        ASSERT_TRUE(content.ok()) << name << ": " << content.error().message;
        // Its stored hash (and so the signatures over it) still holds.
        EXPECT_EQ(letter_content_json(*content), stored) << name;
        EXPECT_EQ(letter_content_sha256(*content), sha256_hex(stored)) << name;
        LetterContent unnumbered = *content;
        unnumbered.number.clear();
        EXPECT_EQ(unnumbered_content_sha256(*content), letter_content_sha256(unnumbered)) << name;
    }
}

TEST(GoldenLetter, AVersionOneLetterPrintsAsItDid)
{
    auto plt = letter_content_from_json(golden("ektp-plt.v1.json"));
    ASSERT_TRUE(plt.ok());
    expect_same_print(ektp_letter::render(*plt), golden("ektp-plt.pdf"));

    // Long particulars shrink the page, F4, no WhatsApp, no number, ARSIP.
    auto archive = letter_content_from_json(golden("ektp-archive-f4.v1.json"));
    ASSERT_TRUE(archive.ok());
    archive->copy = LetterCopy::Archive;
    expect_same_print(ektp_letter::render(*archive), golden("ektp-archive-f4.pdf"));
}

}
