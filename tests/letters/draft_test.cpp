// The draft a case page shows while the letter is initialled and signed:
// the letter marked KONSEP, without a number and without a verification
// address, as a PDF and as a PNG picture of its page.

#include "letters/letter.hpp"
#include "letters/marks.hpp"
#include "ektp_letter.hpp"
#include "pdf_tools.hpp"

#include <gtest/gtest.h>

namespace {

using namespace sopir;

LetterContent draft_letter()
{
    LetterContent letter {
        .office = { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Jenderal Ahmad Yani No. 12, Margasari", .postal_code = "71171", .place_name = "Margasari" },
        .letter_date = { 2026, 11, 23 },
        .disdukcapil_whatsapp = "0812-5000-1234",
        .signer = { .title = camat_title(Acting::None, "Candi Laras Utara"), .name = "H. AHMAD RIFANI, S.Sos., M.AP", .nip = "19690312 199211 1 001" },
        .paraf = "SN",
        .paper_size = PaperSize::A4,
        .copy = LetterCopy::Draft,
        .legacy = LegacyLetterContent { .applicant = { .name = "MUHAMMAD RIZKY PRATAMA", .nik = "6305061203090001", .birth_place = "Tapin", .birth_date = { 2009, 3, 12 }, .sex = "Laki-laki", .religion = "Islam", .marital_status = "Belum Kawin", .occupation = "Pelajar/Mahasiswa", .address = "Jalan Pendidikan", .rt = "003", .rw = "001", .village = "Margasari Ilir", .kecamatan = "Candi Laras Utara" }, .recording_date = { 2026, 11, 20 }, .purpose = "Untuk pengambilan KTP-el." },
    };
    return legacy_letter_body(letter, ektp_letter::definition());
}

TEST(DraftLetter, PdfIsMarkedKonsepWithNoNumberAndNothingToVerify)
{
    std::string const bytes = render_letter_pdf(draft_letter());
    std::string const text = pdf_tools::pdf_text(bytes);
    EXPECT_NE(text.find("KONSEP"), std::string::npos) << text;
    EXPECT_NE(text.find("MUHAMMAD RIZKY PRATAMA"), std::string::npos) << text;
    // The number is a blank line and no address or code says where to
    // verify it: a draft never passes for an issued letter.
    EXPECT_NE(text.find("Nomor: ....."), std::string::npos) << text;
    EXPECT_EQ(text.find("verifikasi"), std::string::npos) << text;
    EXPECT_EQ(text.find("ditandatangani secara elektronik"), std::string::npos) << text;
    std::string const codes = pdf_tools::qr_codes(bytes);
    EXPECT_EQ(codes.find("verifikasi"), std::string::npos) << codes;
}

// The PNG's width and height from its IHDR chunk.
std::pair<unsigned, unsigned> png_size(std::string const& png)
{
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned>(static_cast<unsigned char>(png[at])) << 24) | (static_cast<unsigned>(static_cast<unsigned char>(png[at + 1])) << 16)
            | (static_cast<unsigned>(static_cast<unsigned char>(png[at + 2])) << 8) | static_cast<unsigned>(static_cast<unsigned char>(png[at + 3]));
    };
    return { be32(16), be32(20) };
}

TEST(DraftLetter, PngIsThePageAtOneAndAHalfPixelsAPoint)
{
    std::string const png = render_letter_png(draft_letter());
    ASSERT_GT(png.size(), 10'000u);
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    auto const [width, height] = png_size(png);
    EXPECT_EQ(width, 893u);  // A4: 595.3 points wide.
    EXPECT_EQ(height, 1263u);
}

TEST(DraftLetter, MarksDraftIsTheFirstPageOfLabels)
{
    LetterContent letter = draft_letter();
    letter.mark = LetterMark { .text = "TELAH DILEGALISIR SESUAI DENGAN ASLINYA", .copies = 12 };
    MarkSheet const sheet { .layout = MarkLayout::Labels, .paper = PaperSize::A4 };
    std::string const text = pdf_tools::pdf_text(render_marks_pdf(letter, sheet));
    EXPECT_NE(text.find("KONSEP"), std::string::npos) << text;
    EXPECT_NE(text.find("Salinan ke-12 dari 12"), std::string::npos) << text;
    std::string const png = render_marks_png(letter, sheet);
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(png_size(png).first, 893u);
}

}
