// The office's logo on the kop surat (issue 5): at the left of the kop,
// beside text that stays centred, on the letter and on the compact kop of the
// receipts, slips and registers; and a logo that is not a PNG prints no logo
// rather than no letter. Read back with pdfimages and pdftotext.

#include "letters/letter.hpp"
#include "letters/printouts.hpp"
#include "ektp_letter.hpp"
#include "pdf_tools.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace sopir;
using namespace sopir::pdf_tools;

constexpr double k_mm = 72 / 25.4;
// 3 mm: closer to the edge than that, a printer cuts text off.
constexpr double k_edge = 3 * k_mm;
constexpr double k_margin_left = 25 * k_mm;

cairo_status_t append_to_string(void* closure, unsigned char const* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<char const*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// A stand-in logo `width` by `height` pixels: a filled shield on a
// transparent ground, as a coat of arms usually comes.
std::string logo_png(int width, int height)
{
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height), &cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
    cairo_move_to(cr.get(), 0, 0);
    cairo_line_to(cr.get(), width, 0);
    cairo_line_to(cr.get(), width, height * 0.6);
    cairo_line_to(cr.get(), width / 2.0, height);
    cairo_line_to(cr.get(), 0, height * 0.6);
    cairo_close_path(cr.get());
    cairo_set_source_rgb(cr.get(), 0.1, 0.45, 0.2);
    cairo_fill(cr.get());
    cr.reset();
    std::string png;
    cairo_surface_write_to_png_stream(surface.get(), append_to_string, &png);
    return png;
}

LetterOffice office(std::string logo = {})
{
    return { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Jenderal Ahmad Yani No. 12, Margasari", .postal_code = "71171", .place_name = "Margasari", .logo_png = std::move(logo) };
}

LetterContent sample_letter(std::string logo = {})
{
    return {
        .office = office(std::move(logo)),
        .number = "400.12.2.1/0042/CLU/XI/2026",
        .letter_date = { 2026, 11, 23 },
        .disdukcapil_whatsapp = "0812-5000-1234",
        .signer = { .title = camat_title(Acting::None, "Candi Laras Utara"), .name = "H. AHMAD RIFANI, S.Sos., M.AP", .pangkat_golongan = "Pembina Tingkat I (IV/b)", .nip = "19690312 199211 1 001" },
        .paraf = "SN",
        .verification_url = "https://sopir.example/verifikasi/Q7x2mK9pLw",
        .paper_size = PaperSize::A4,
        .legacy = LegacyLetterContent { .applicant = { .name = "MUHAMMAD RIZKY PRATAMA", .nik = "6305061203090001", .birth_place = "Tapin", .birth_date = { 2009, 3, 12 }, .sex = "Laki-laki", .religion = "Islam", .marital_status = "Belum Kawin", .occupation = "Pelajar/Mahasiswa", .address = "Jalan Pendidikan Gang Mawar", .rt = "003", .rw = "001", .village = "Margasari Ilir", .kecamatan = "Candi Laras Utara" }, .recording_date = { 2026, 11, 20 }, .purpose = "Surat keterangan ini diberikan untuk pengambilan KTP-el yang telah dicetak di Dinas "
                   "Kependudukan dan Pencatatan Sipil Kabupaten Tapin." },
    };
}

ReceiptContent sample_receipt(std::string logo = {})
{
    return {
        .office = office(std::move(logo)),
        .registration_number = "EKTP/2026/11/0042",
        .service_title = "Perekaman E-KTP",
        .name = "MUHAMMAD RIZKY PRATAMA",
        .nik_masked = "630506********01",
        .received_at = "Rabu, 25 November 2026 pukul 09.14 WITA",
        .documents = { { "Kartu Keluarga (fotokopi)", true }, { "Surat pengantar RT/RW", false }, { "Akta kelahiran", true } },
        .received_by = "NORHASANAH",
        .status_url = "https://sopir.example/status/Xb81kQ",
    };
}

ReturnSlipContent sample_slip(std::string logo = {})
{
    return {
        .office = office(std::move(logo)),
        .registration_number = "EKTP/2026/11/0043",
        .name = "SITI AMINAH",
        .nik_masked = "630506********02",
        .returned_at = "Rabu, 25 November 2026 pukul 10.02 WITA",
        .reasons = { "Tidak membawa surat pengantar RT/RW" },
        .returned_by = "NORHASANAH",
    };
}

RegisterPages sample_register(std::string logo = {})
{
    RegisterPages pages {
        .office = office(std::move(logo)),
        .title = "REGISTER PEREKAMAN E-KTP",
        .period = "1 November 2026 s.d. 30 November 2026",
        .number_heading = "Nomor Register",
    };
    for (int i = 1; i <= 40; ++i) {
        auto const n = std::to_string(1000 + i);
        pages.rows.push_back({ .number = "REG-" + n, .date = "2 November 2026", .name = "PEMOHON NOMOR " + n, .nik = "630506120309" + n, .village = "Margasari Ilir", .note = "" });
    }
    return pages;
}

// The pictures themselves, without the transparency masks that go with them.
std::vector<Image> pictures(std::string const& pdf)
{
    std::vector<Image> found;
    for (auto const& image : pdf_images(pdf))
        if (image.type == "image")
            found.push_back(image);
    return found;
}

// The pixels per inch at which an image `pixels` high prints `millimetres` tall.
double ppi(int pixels, double millimetres)
{
    return pixels / (millimetres / 25.4);
}

void expect_inside_the_page(std::string const& pdf)
{
    EXPECT_GT(pdf_words(pdf).size(), 20u);
    for (auto const& word : words_off_the_page(pdf, k_edge))
        ADD_FAILURE() << "off the page " << word.page << ": " << word.text;
}

struct Extent {
    double left { 1e9 };
    double right { -1e9 };
    double centre() const { return (left + right) / 2; }
};

// The horizontal extent of the first line on page 1 that starts with `first`.
Extent line_extent(std::string const& pdf, std::string const& first)
{
    auto const words = pdf_words(pdf);
    Extent extent;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].page != 1 || words[i].text != first)
            continue;
        for (auto const& word : words)
            if (word.page == 1 && std::abs(word.y_min - words[i].y_min) < 1) {
                extent.left = std::min(extent.left, word.x_min);
                extent.right = std::max(extent.right, word.x_max);
            }
        break;
    }
    return extent;
}

TEST(KopLogo, LetterCarriesTheLogoAbout25MillimetresTall)
{
    auto const pdf = ektp_letter::render(sample_letter(logo_png(200, 240)));
    auto const images = pictures(pdf);
    ASSERT_EQ(images.size(), 1u) << pdf_tool(pdf, "pdfimages -list");
    EXPECT_EQ(images[0].page, 1);
    EXPECT_EQ(images[0].width, 200);
    EXPECT_EQ(images[0].height, 240);
    EXPECT_NEAR(images[0].y_ppi, ppi(240, 25), 3);
    EXPECT_NEAR(images[0].x_ppi, images[0].y_ppi, 1) << "the logo keeps its proportions";
}

TEST(KopLogo, LetterWithTheLogoStillFitsOnOnePage)
{
    auto const letter = sample_letter(logo_png(200, 240));
    auto const pdf = ektp_letter::render(letter);
    EXPECT_EQ(page_count(pdf_tool(pdf, "pdfinfo")), 1);
    expect_inside_the_page(pdf);
    auto const text = pdf_text(pdf);
    for (char const* expected : { "PEMERINTAH KABUPATEN TAPIN", "KANTOR CAMAT CANDI LARAS UTARA", "SURAT KETERANGAN",
             "MUHAMMAD RIZKY PRATAMA", "H. AHMAD RIFANI, S.Sos., M.AP", "NIP. 19690312 199211 1 001",
             "ditandatangani secara elektronik" })
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n"
                                                          << text;
    auto const codes = qr_codes(pdf);
    EXPECT_NE(codes.find(letter.verification_url), std::string::npos) << codes;
    EXPECT_NE(codes.find("https://wa.me/6281250001234"), std::string::npos) << codes;
}

TEST(KopLogo, KopTextStaysCentredBesideTheLogo)
{
    auto const without = ektp_letter::render(sample_letter());
    auto const with = ektp_letter::render(sample_letter(logo_png(200, 240)));
    // 200 by 240 pixels at 25 mm tall: 20.8 mm wide, from the left margin.
    double const logo_right = k_margin_left + 200 * (25.0 / 240) * k_mm;
    for (char const* first : { "PEMERINTAH", "KANTOR", "Jalan" }) {
        auto const plain = line_extent(without, first);
        auto const beside = line_extent(with, first);
        ASSERT_LT(beside.left, beside.right) << first;
        EXPECT_NEAR(beside.centre(), plain.centre(), 0.5) << first;
        EXPECT_GT(beside.left, logo_right) << first;
    }
}

TEST(KopLogo, LongOfficeNameWrapsClearOfTheLogo)
{
    auto letter = sample_letter(logo_png(200, 240));
    letter.office.name = "Candi Laras Utara Seberang Sungai Tapin Persiapan Pemekaran Kilometer Tujuh Belas";
    auto const pdf = ektp_letter::render(letter);
    double const logo_right = k_margin_left + 200 * (25.0 / 240) * k_mm;
    auto const words = pdf_words(pdf);
    auto const title = std::find_if(words.begin(), words.end(), [](Word const& w) { return w.text == "SURAT"; });
    ASSERT_NE(title, words.end());
    for (auto const& word : words) {
        if (word.page == 1 && word.y_max < title->y_min) {
            EXPECT_GT(word.x_min, logo_right) << word.text;
        }
    }
    EXPECT_EQ(page_count(pdf_tool(pdf, "pdfinfo")), 1);
    expect_inside_the_page(pdf);
}

TEST(KopLogo, WideLogoIsNoWiderThan28Millimetres)
{
    auto const images = pictures(ektp_letter::render(sample_letter(logo_png(600, 100))));
    ASSERT_EQ(images.size(), 1u);
    EXPECT_NEAR(images[0].x_ppi, ppi(600, 28), 4);
    EXPECT_NEAR(images[0].y_ppi, images[0].x_ppi, 1);
}

TEST(KopLogo, ReceiptCarriesASmallerLogo)
{
    auto const receipt = sample_receipt(logo_png(200, 240));
    auto const pdf = render_receipt_pdf(receipt);
    auto const images = pictures(pdf);
    ASSERT_EQ(images.size(), 1u) << pdf_tool(pdf, "pdfimages -list");
    EXPECT_EQ(images[0].width, 200);
    EXPECT_EQ(images[0].height, 240);
    EXPECT_NEAR(images[0].y_ppi, ppi(240, 15), 4);
    EXPECT_EQ(page_count(pdf_tool(pdf, "pdfinfo")), 1);
    expect_inside_the_page(pdf);
    auto const text = pdf_text(pdf);
    for (char const* expected : { "KANTOR CAMAT CANDI LARAS UTARA", "TANDA TERIMA BERKAS PERMOHONAN", "Akta kelahiran",
             "NORHASANAH", "Simpan tanda terima ini" })
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n"
                                                          << text;
    EXPECT_NE(qr_codes(pdf).find(receipt.status_url), std::string::npos);
}

TEST(KopLogo, SlipAndRegisterCarryTheLogoOnce)
{
    auto const slip = render_return_slip_pdf(sample_slip(logo_png(200, 240)));
    ASSERT_EQ(pictures(slip).size(), 1u);
    expect_inside_the_page(slip);

    // The kop is on the register's first page only; the continuation pages
    // carry the title and period.
    auto const register_pdf = render_register_pdf(sample_register(logo_png(200, 240)));
    EXPECT_GT(page_count(pdf_tool(register_pdf, "pdfinfo")), 1);
    auto const images = pictures(register_pdf);
    ASSERT_EQ(images.size(), 1u);
    EXPECT_EQ(images[0].page, 1);
    expect_inside_the_page(register_pdf);
    EXPECT_NE(pdf_text(register_pdf).find("PEMOHON NOMOR 1040"), std::string::npos);
}

TEST(KopLogo, SameLogoGivesTheSameBytes)
{
    EXPECT_EQ(ektp_letter::render(sample_letter(logo_png(200, 240))),
        ektp_letter::render(sample_letter(logo_png(200, 240))));
    EXPECT_EQ(render_receipt_pdf(sample_receipt(logo_png(200, 240))),
        render_receipt_pdf(sample_receipt(logo_png(200, 240))));
}

TEST(KopLogo, NoLogoNoImage)
{
    EXPECT_TRUE(pdf_images(ektp_letter::render(sample_letter())).empty());
    EXPECT_TRUE(pdf_images(render_receipt_pdf(sample_receipt())).empty());
    EXPECT_TRUE(pdf_images(render_return_slip_pdf(sample_slip())).empty());
    EXPECT_TRUE(pdf_images(render_register_pdf(sample_register())).empty());
}

// A PNG whose header claims `width` by `height` pixels.
std::string with_claimed_size(std::string png, std::uint32_t width, std::uint32_t height)
{
    for (int i = 0; i < 4; ++i) {
        png[16 + i] = static_cast<char>(width >> (24 - 8 * i));
        png[20 + i] = static_cast<char>(height >> (24 - 8 * i));
    }
    return png;
}

TEST(KopLogo, LogoThatIsNotAPngIsLeftOut)
{
    std::string const good = logo_png(200, 240);
    struct Case {
        char const* name;
        std::string bytes;
    };
    std::vector<Case> const cases {
        { .name = "garbage", .bytes = "bukan gambar sama sekali" },
        { .name = "a JPEG's start", .bytes = std::string("\xff\xd8\xff\xe0\x00\x10JFIF\x00", 11) },
        { .name = "truncated", .bytes = good.substr(0, good.size() / 2) },
        { .name = "header only", .bytes = good.substr(0, 33) },
        { .name = "corrupt pixels", .bytes = good.substr(0, 41) + std::string(good.size() - 41, '\x5a') },
        { .name = "huge claimed size", .bytes = with_claimed_size(good, 100000, 100000) },
        { .name = "zero width", .bytes = with_claimed_size(good, 0, 240) },
    };
    auto const plain_letter = ektp_letter::render(sample_letter());
    auto const plain_receipt = render_receipt_pdf(sample_receipt());
    for (auto const& c : cases) {
        SCOPED_TRACE(c.name);
        std::string letter;
        ASSERT_NO_THROW(letter = ektp_letter::render(sample_letter(c.bytes)));
        EXPECT_TRUE(pdf_images(letter).empty());
        // Left out entirely: the letter is the one printed without a logo.
        EXPECT_EQ(letter, plain_letter);
        std::string receipt;
        ASSERT_NO_THROW(receipt = render_receipt_pdf(sample_receipt(c.bytes)));
        EXPECT_EQ(receipt, plain_receipt);
    }
}

}
