// The Surat Keterangan rendered to PDF and read back with poppler-utils, as
// anyone holding the letter would read it.

#include "letters/letter.hpp"
#include "ektp_letter.hpp"
#include "pdf_tools.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using namespace sopir;
using namespace sopir::pdf_tools;

// 3 mm: closer to the edge than that, a printer cuts text off.
constexpr double k_edge = 3 * 72 / 25.4;

LetterContent sample_letter()
{
    return {
        .office = { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Jenderal Ahmad Yani No. 12, Margasari", .postal_code = "71171", .place_name = "Margasari" },
        .number = "400.12.2.1/0042/CLU/XI/2026",
        .letter_date = { 2026, 11, 23 },
        .disdukcapil_whatsapp = "0812-5000-1234",
        .signer = { .title = camat_title(Acting::Plt, "Candi Laras Utara"), .name = "H. AHMAD RIFANI, S.Sos., M.AP", .pangkat_golongan = "Pembina Tingkat I (IV/b)", .nip = "19690312 199211 1 001" },
        .paraf = "SN",
        .verification_url = "https://sopir.example/verifikasi/Q7x2mK9pLw",
        .paper_size = PaperSize::A4,
        .legacy = LegacyLetterContent { .applicant = { .name = "MUHAMMAD RIZKY PRATAMA", .nik = "6305061203090001", .birth_place = "Tapin", .birth_date = { 2009, 3, 12 }, .sex = "Laki-laki", .religion = "Islam", .marital_status = "Belum Kawin", .occupation = "Pelajar/Mahasiswa", .address = "Jalan Pendidikan Gang Mawar", .rt = "003", .rw = "001", .village = "Margasari Ilir", .kecamatan = "Candi Laras Utara" }, .recording_date = { 2026, 11, 20 }, .purpose = "Surat keterangan ini diberikan untuk pengambilan KTP-el yang telah dicetak di Dinas "
                   "Kependudukan dan Pencatatan Sipil Kabupaten Tapin." },
    };
}

std::string pdf_text(LetterContent const& letter)
{
    return pdf_tools::pdf_text(ektp_letter::render(letter));
}

std::string pdf_info(LetterContent const& letter, char const* tool)
{
    return pdf_tool(ektp_letter::render(letter), tool);
}

TEST(SuratKeterangan, StartsAsAPdf)
{
    auto bytes = ektp_letter::render(sample_letter());
    ASSERT_GT(bytes.size(), 1000u);
    EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
}

TEST(SuratKeterangan, TextCarriesEveryField)
{
    auto text = pdf_text(sample_letter());
    for (char const* expected : {
             "PEMERINTAH KABUPATEN TAPIN",
             "KANTOR CAMAT CANDI LARAS UTARA",
             "Kode Pos 71171",
             "SURAT KETERANGAN",
             "Nomor: 400.12.2.1/0042/CLU/XI/2026",
             "MUHAMMAD RIZKY PRATAMA",
             "6305061203090001",
             "Tapin, 12 Maret 2009",
             "Laki-laki",
             "Belum Kawin",
             "Pelajar/Mahasiswa",
             "003/001",
             "Margasari Ilir",
             "20 November 2026",
             "0812-5000-1234",
             "Margasari, 23 November 2026",
             "Plt. CAMAT CANDI LARAS UTARA",
             "H. AHMAD RIFANI, S.Sos., M.AP",
             "Pembina Tingkat I (IV/b)",
             "NIP. 19690312 199211 1 001",
             "SN",
             "Surat ini ditandatangani secara elektronik",
             "https://sopir.example/verifikasi/Q7x2mK9pLw",
         })
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n"
                                                          << text;
}

TEST(SuratKeterangan, BlankNumberBeforePengarsipan)
{
    auto letter = sample_letter();
    letter.number.clear();
    auto text = pdf_text(letter);
    EXPECT_NE(text.find("Nomor: ....."), std::string::npos) << text;
}

TEST(SuratKeterangan, A4PageSize)
{
    auto info = pdf_info(sample_letter(), "pdfinfo");
    EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
    EXPECT_EQ(page_count(info), 1) << info;
}

TEST(SuratKeterangan, F4PageSize)
{
    auto letter = sample_letter();
    letter.paper_size = PaperSize::F4;
    auto info = pdf_info(letter, "pdfinfo");
    EXPECT_NE(info.find("609.449 x 935.433 pts"), std::string::npos) << info;
}

TEST(SuratKeterangan, LongNameWrapsWithNothingCut)
{
    auto letter = sample_letter();
    // 60 characters and more: the name column cannot hold it on one line.
    letter.legacy->applicant.name = "RADEN AJENG SITI NURHALIZAH KUSUMAWARDHANI PUTRI MANGKUNEGARAN BINTI SULAIMAN";
    letter.legacy->applicant.address = "Jalan Brigjend Hasan Basry Kompleks Perumahan Griya Permata Indah Blok C Nomor 17";
    auto text = pdf_text(letter);
    auto first = text.find("RADEN AJENG");
    auto last = text.find("SULAIMAN");
    ASSERT_NE(first, std::string::npos) << text;
    ASSERT_NE(last, std::string::npos) << text;
    EXPECT_NE(text.substr(first, last - first).find('\n'), std::string::npos) << "the name should wrap:\n"
                                                                              << text;
    for (char const* word : { "SITI", "NURHALIZAH", "KUSUMAWARDHANI", "PUTRI", "MANGKUNEGARAN", "BINTI", "Griya",
             "Nomor 17" })
        EXPECT_NE(text.find(word), std::string::npos) << word << "\n"
                                                      << text;
    // The letter still ends on its single page with the signer in place.
    EXPECT_NE(text.find("NIP. 19690312 199211 1 001"), std::string::npos) << text;
    EXPECT_EQ(page_count(pdf_info(letter, "pdfinfo")), 1);
}

TEST(SuratKeterangan, LongContentShrinksAboveTheFooter)
{
    auto letter = sample_letter();
    letter.legacy->applicant.name = "RADEN AJENG SITI NURHALIZAH KUSUMAWARDHANI PUTRI MANGKUNEGARAN BINTI SULAIMAN";
    letter.legacy->applicant.address = "Jalan Brigjend Hasan Basry Kompleks Perumahan Griya Permata Indah Blok C Nomor 17, "
                               "di belakang Masjid Jami Al-Mukarramah, seberang Pasar Terapung Desa Margasari Ilir";
    // Eight times the usual purpose: at full size the signature would run
    // into the footer.
    for (int i = 0; i < 3; ++i)
        letter.legacy->purpose += " " + letter.legacy->purpose;
    auto text = pdf_text(letter);
    auto nip = text.find("NIP. 19690312 199211 1 001");
    auto footer = text.find("Surat ini ditandatangani secara elektronik");
    ASSERT_NE(nip, std::string::npos) << text;
    ASSERT_NE(footer, std::string::npos) << text;
    // pdftotext reads top to bottom: the signature ends above the footer.
    EXPECT_LT(nip, footer) << text;
}

TEST(SuratKeterangan, EmbedsItsFonts)
{
    auto fonts = pdf_info(sample_letter(), "pdffonts");
    EXPECT_NE(fonts.find("LiberationSerif"), std::string::npos) << fonts;
    EXPECT_NE(fonts.find("LiberationSans"), std::string::npos) << fonts;
    // pdffonts prints a table; the "emb" and "sub" columns start where their
    // headings do.
    auto emb_column = fonts.find(" emb ");
    auto header_end = fonts.find('\n');
    ASSERT_NE(emb_column, std::string::npos) << fonts;
    emb_column += 1;
    std::istringstream lines(fonts.substr(header_end + 1));
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
        if (line.find("Liberation") == std::string::npos)
            continue;
        ++rows;
        ASSERT_GT(line.size(), emb_column + 7) << line;
        EXPECT_EQ(line.substr(emb_column, 3), "yes") << "embedded: " << line;
        EXPECT_EQ(line.substr(emb_column + 4, 3), "yes") << "subset: " << line;
    }
    EXPECT_GE(rows, 2) << fonts;
}

TEST(SuratKeterangan, SameContentSameBytes)
{
    auto letter = sample_letter();
    EXPECT_EQ(ektp_letter::render(letter), ektp_letter::render(letter));
}

TEST(SuratKeterangan, ArchiveCopyIsMarkedArsip)
{
    auto original = sample_letter();
    auto archive = sample_letter();
    archive.copy = LetterCopy::Archive;
    auto const original_bytes = ektp_letter::render(original);
    auto const archive_bytes = ektp_letter::render(archive);
    EXPECT_NE(original_bytes, archive_bytes);
    auto const original_text = pdf_tools::pdf_text(original_bytes);
    auto const archive_text = pdf_tools::pdf_text(archive_bytes);
    EXPECT_EQ(original_text.find("ARSIP"), std::string::npos) << original_text;
    EXPECT_NE(archive_text.find("ARSIP"), std::string::npos) << archive_text;
    // Otherwise the same letter: the fields, on one page, the codes scanning.
    for (char const* expected : { "Nomor: 400.12.2.1/0042/CLU/XI/2026", "MUHAMMAD RIZKY PRATAMA", "NIP. 19690312 199211 1 001" })
        EXPECT_NE(archive_text.find(expected), std::string::npos) << expected << "\n"
                                                                  << archive_text;
    EXPECT_EQ(page_count(pdf_tool(archive_bytes, "pdfinfo")), 1);
    EXPECT_NE(qr_codes(archive_bytes).find("https://sopir.example/verifikasi/Q7x2mK9pLw"), std::string::npos);
    EXPECT_TRUE(words_off_the_page(archive_bytes, k_edge).empty());
}

TEST(SuratKeterangan, LongContentStaysInsideThePage)
{
    auto letter = sample_letter();
    letter.legacy->applicant.name = "RADEN AJENG SITI NURHALIZAH KUSUMAWARDHANI PUTRI MANGKUNEGARAN BINTI SULAIMAN";
    letter.legacy->applicant.village = "Desa Persiapan Margasari Ilir Seberang Sungai Tapin Kilometer Tujuh Belas Setengah";
    auto const outside = words_off_the_page(ektp_letter::render(letter), k_edge);
    for (auto const& word : outside)
        ADD_FAILURE() << "off the page: " << word.text << " at " << word.x_min << "," << word.y_min;
}

TEST(SuratKeterangan, CamatTitleForActingSigners)
{
    EXPECT_EQ(camat_title(Acting::None, "Candi Laras Utara"), "CAMAT CANDI LARAS UTARA");
    EXPECT_EQ(camat_title(Acting::Plt, "Candi Laras Utara"), "Plt. CAMAT CANDI LARAS UTARA");
    EXPECT_EQ(camat_title(Acting::Plh, "Candi Laras Utara"), "Plh. CAMAT CANDI LARAS UTARA");
}

TEST(SuratKeterangan, WhatsappNumberInInternationalForm)
{
    EXPECT_EQ(whatsapp_international("0812-5000-1234"), "6281250001234");
    EXPECT_EQ(whatsapp_international("+62 812 5000 1234"), "6281250001234");
}

}

// The QR codes must scan: the printed page read back as a picture.
TEST(SuratKeterangan, QrCodesScanToTheVerificationPageAndWhatsApp)
{
    std::string const codes = sopir::pdf_tools::qr_codes(ektp_letter::render(sample_letter()));
    EXPECT_NE(codes.find("https://sopir.example/verifikasi/Q7x2mK9pLw"), std::string::npos) << codes;
    EXPECT_NE(codes.find("https://wa.me/6281250001234"), std::string::npos) << codes;
}
