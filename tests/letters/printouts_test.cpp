// The tanda terima, the slip pengembalian and the register pages rendered to
// PDF and read back with poppler-utils and zbarimg, as anyone holding them
// would read them.

#include "letters/printouts.hpp"
#include "pdf_tools.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace sopir;
using namespace sopir::pdf_tools;

// 3 mm: closer to the edge than that, a printer cuts text off.
constexpr double k_edge = 3 * 72 / 25.4;

constexpr char const* k_long_name = "RADEN AJENG SITI NURHALIZAH KUSUMAWARDHANI PUTRI MANGKUNEGARAN BINTI SULAIMAN";
constexpr char const* k_long_village = "Desa Persiapan Margasari Ilir Seberang Sungai Tapin Kilometer Tujuh Belas "
                                       "Setengah Dekat Jembatan Gantung Lama";

LetterOffice sample_office()
{
    return { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Jenderal Ahmad Yani No. 12, Margasari", .postal_code = "71171", .place_name = "Margasari" };
}

ReceiptContent sample_receipt()
{
    return {
        .office = sample_office(),
        .case_number = "1234",
        .registration_number = "EKTP/2026/11/0042",
        .service_title = "Perekaman E-KTP",
        .name = "MUHAMMAD RIZKY PRATAMA",
        .nik_masked = "630506********01",
        .received_at = "Rabu, 25 November 2026 pukul 09.14 WITA",
        .documents = { { "Kartu Keluarga (fotokopi)", true }, { "Surat pengantar RT/RW", false }, { "Akta kelahiran", true } },
        .received_by = "NORHASANAH",
        .status_url = "https://sopir.example/status/Xb81kQ",
        .standard_minutes = 29,
    };
}

ReturnSlipContent sample_slip()
{
    return {
        .office = sample_office(),
        .registration_number = "EKTP/2026/11/0043",
        .name = "SITI AMINAH",
        .nik_masked = "630506********02",
        .returned_at = "Rabu, 25 November 2026 pukul 10.02 WITA",
        .reasons = { "Tidak membawa surat pengantar RT/RW", "Fotokopi Kartu Keluarga tidak terbaca" },
        .note = "Mohon membawa Kartu Keluarga asli saat kembali.",
        .returned_by = "NORHASANAH",
    };
}

RegisterPages sample_register(int rows)
{
    RegisterPages pages {
        .office = sample_office(),
        .title = "REGISTER PEREKAMAN E-KTP",
        .period = "1 November 2026 s.d. 30 November 2026",
        .number_heading = "Nomor Register",
    };
    for (int i = 1; i <= rows; ++i) {
        auto const n = std::to_string(1000 + i);
        pages.rows.push_back({ .number = "REG-" + n, .date = std::to_string(1 + i % 30) + " November 2026", .name = "PEMOHON NOMOR " + n, .nik = "630506120309" + n, .village = "Margasari Ilir", .note = i % 7 == 0 ? "Surat keterangan diambil oleh orang tua" : "" });
    }
    return pages;
}

void expect_all_in(std::string const& text, std::vector<std::string> const& expected)
{
    for (auto const& e : expected)
        EXPECT_NE(text.find(e), std::string::npos) << e << "\n"
                                                   << text;
}

void expect_inside_the_page(std::string const& bytes)
{
    // A PDF whose words cannot be read at all would pass the check below.
    EXPECT_GT(pdf_words(bytes).size(), 20u);
    for (auto const& word : words_off_the_page(bytes, k_edge))
        ADD_FAILURE() << "off the page " << word.page << ": " << word.text << " at (" << word.x_min << ", "
                      << word.y_min << ")-(" << word.x_max << ", " << word.y_max << ")";
}

// Every word of `text` is somewhere in `haystack`: a long value wraps, so it
// is looked for word by word.
void expect_words_in(std::string const& haystack, std::string const& text)
{
    std::istringstream words(text);
    std::string word;
    while (words >> word)
        EXPECT_NE(haystack.find(word), std::string::npos) << word << "\n"
                                                          << haystack;
}

TEST(Receipt, TextCarriesEveryField)
{
    auto const text = pdf_tools::pdf_text(render_receipt_pdf(sample_receipt()));
    expect_all_in(text, {
                            "PEMERINTAH KABUPATEN TAPIN",
                            "KANTOR CAMAT CANDI LARAS UTARA",
                            "TANDA TERIMA BERKAS PERMOHONAN",
                            "EKTP/2026/11/0042",
                            "Perekaman E-KTP",
                            "MUHAMMAD RIZKY PRATAMA",
                            "630506********01",
                            "Rabu, 25 November 2026 pukul 09.14 WITA",
                            "Kartu Keluarga (fotokopi)",
                            "Surat pengantar RT/RW",
                            "Akta kelahiran",
                            "Tidak ada",
                            "1234",
                            "Langkah berikutnya",
                            "29 menit",
                            "https://sopir.example/status/Xb81kQ",
                            "Petugas Penerima",
                            "NORHASANAH",
                        });
}

TEST(Receipt, EachDocumentSaysWhetherItWasHandedIn)
{
    auto const text = pdf_tools::pdf_text(render_receipt_pdf(sample_receipt()));
    auto line_of = [&](std::string const& label) {
        auto const at = text.find(label);
        EXPECT_NE(at, std::string::npos) << label;
        auto const end = text.find('\n', at);
        return text.substr(at, end - at);
    };
    EXPECT_NE(line_of("Kartu Keluarga (fotokopi)").find("Ada"), std::string::npos);
    EXPECT_EQ(line_of("Kartu Keluarga (fotokopi)").find("Tidak ada"), std::string::npos);
    EXPECT_NE(line_of("Surat pengantar RT/RW").find("Tidak ada"), std::string::npos);
}

// Before the file is accepted the receipt goes by its nomor permohonan: no
// registration line, and the status QR code carries that number.
TEST(Receipt, NotYetAcceptedGoesByTheNomorPermohonan)
{
    auto receipt = sample_receipt();
    receipt.registration_number.clear();
    auto const pdf = render_receipt_pdf(receipt);
    auto const text = pdf_tools::pdf_text(pdf);
    EXPECT_EQ(text.find("Nomor Registrasi"), std::string::npos) << text;
    EXPECT_NE(text.find("Nomor Permohonan"), std::string::npos) << text;
    EXPECT_EQ(qr_codes(pdf), "https://sopir.example/status/Xb81kQ?nomor=1234\n");
}

TEST(Receipt, QrCodeScansToTheStatusPageWithTheNumber)
{
    auto const codes = qr_codes(render_receipt_pdf(sample_receipt()));
    EXPECT_EQ(codes, "https://sopir.example/status/Xb81kQ?nomor=EKTP%2F2026%2F11%2F0042\n");
}

TEST(Receipt, FiledOnlineHasNoOfficersSignature)
{
    auto receipt = sample_receipt();
    receipt.filed_online = true;
    auto const text = pdf_tools::pdf_text(render_receipt_pdf(receipt));
    EXPECT_EQ(text.find("Petugas Penerima"), std::string::npos) << text;
    EXPECT_NE(text.find("Diajukan secara daring"), std::string::npos) << text;
}

TEST(Receipt, LongNameAndAddressStayOnOnePage)
{
    auto receipt = sample_receipt();
    receipt.name = k_long_name;
    receipt.office.address = k_long_village;
    auto const bytes = render_receipt_pdf(receipt);
    EXPECT_EQ(page_count(pdf_tool(bytes, "pdfinfo")), 1);
    expect_inside_the_page(bytes);
    auto const text = pdf_tools::pdf_text(bytes);
    expect_words_in(text, k_long_name);
    expect_words_in(text, k_long_village);
}

TEST(Receipt, SameContentSameBytes)
{
    EXPECT_EQ(render_receipt_pdf(sample_receipt()), render_receipt_pdf(sample_receipt()));
}

// Two renderings a second apart would differ if the clock dated the PDF.
TEST(Printouts, CarryNoDateFromTheClock)
{
    for (auto const& bytes : { render_receipt_pdf(sample_receipt()), render_return_slip_pdf(sample_slip()),
             render_register_pdf(sample_register(3)) }) {
        auto const info = pdf_tool(bytes, "pdfinfo");
        EXPECT_EQ(info.find("CreationDate"), std::string::npos) << info;
        EXPECT_EQ(info.find("ModDate"), std::string::npos) << info;
    }
}

TEST(Receipt, F4PageSize)
{
    auto receipt = sample_receipt();
    receipt.paper_size = PaperSize::F4;
    auto const info = pdf_tool(render_receipt_pdf(receipt), "pdfinfo");
    EXPECT_NE(info.find("609.449 x 935.433 pts"), std::string::npos) << info;
    EXPECT_NE(pdf_tool(render_receipt_pdf(sample_receipt()), "pdfinfo").find("595.276 x 841.89 pts (A4)"),
        std::string::npos);
}

TEST(ReturnSlip, TextCarriesEveryField)
{
    auto const text = pdf_tools::pdf_text(render_return_slip_pdf(sample_slip()));
    expect_all_in(text, {
                            "KANTOR CAMAT CANDI LARAS UTARA",
                            "SLIP PENGEMBALIAN BERKAS",
                            "EKTP/2026/11/0043",
                            "SITI AMINAH",
                            "630506********02",
                            "Rabu, 25 November 2026 pukul 10.02 WITA",
                            "1. Tidak membawa surat pengantar RT/RW",
                            "2. Fotokopi Kartu Keluarga tidak terbaca",
                            "Mohon membawa Kartu Keluarga asli saat kembali.",
                            "NORHASANAH",
                        });
}

TEST(ReturnSlip, WithoutNumberOrNote)
{
    auto slip = sample_slip();
    slip.registration_number.clear();
    slip.note.clear();
    auto const text = pdf_tools::pdf_text(render_return_slip_pdf(slip));
    EXPECT_NE(text.find(": -"), std::string::npos) << text;
    EXPECT_EQ(text.find("Catatan petugas"), std::string::npos) << text;
}

TEST(ReturnSlip, LongNameAndAddressStayOnOnePage)
{
    auto slip = sample_slip();
    slip.name = k_long_name;
    slip.office.address = k_long_village;
    slip.note = std::string(k_long_village) + ". " + k_long_village + ". " + k_long_village + ".";
    auto const bytes = render_return_slip_pdf(slip);
    EXPECT_EQ(page_count(pdf_tool(bytes, "pdfinfo")), 1);
    expect_inside_the_page(bytes);
    auto const text = pdf_tools::pdf_text(bytes);
    expect_words_in(text, k_long_name);
    expect_words_in(text, k_long_village);
}

TEST(ReturnSlip, SameContentSameBytesAndF4)
{
    EXPECT_EQ(render_return_slip_pdf(sample_slip()), render_return_slip_pdf(sample_slip()));
    auto slip = sample_slip();
    slip.paper_size = PaperSize::F4;
    auto const info = pdf_tool(render_return_slip_pdf(slip), "pdfinfo");
    EXPECT_NE(info.find("609.449 x 935.433 pts"), std::string::npos) << info;
}

TEST(Register, ManyRowsRunOverSeveralPagesWithTheHeaderOnEach)
{
    auto const bytes = render_register_pdf(sample_register(120));
    int const pages = page_count(pdf_tool(bytes, "pdfinfo"));
    ASSERT_GE(pages, 3);
    auto const text = pdf_tools::pdf_text(bytes);
    for (int i = 1; i <= 120; ++i) {
        auto const n = std::to_string(1000 + i);
        EXPECT_NE(text.find("REG-" + n), std::string::npos) << n;
        EXPECT_NE(text.find("630506120309" + n), std::string::npos) << n;
    }
    // pdftotext separates pages with a form feed.
    std::vector<std::string> page_texts;
    std::size_t start = 0;
    for (std::size_t at; (at = text.find('\f', start)) != std::string::npos; start = at + 1)
        page_texts.push_back(text.substr(start, at - start));
    ASSERT_EQ(static_cast<int>(page_texts.size()), pages) << text;
    for (int p = 0; p < pages; ++p) {
        auto const& page = page_texts[p];
        expect_all_in(page, { "REGISTER PEREKAMAN E-KTP", "Nomor Register", "Tanggal", "Nama", "NIK", "Desa/Kelurahan", "Keterangan", "Halaman " + std::to_string(p + 1) + " dari " + std::to_string(pages) });
    }
    EXPECT_NE(page_texts[0].find("KANTOR CAMAT CANDI LARAS UTARA"), std::string::npos);
    EXPECT_NE(page_texts[0].find("1 November 2026 s.d. 30 November 2026"), std::string::npos);
}

TEST(Register, IsLandscape)
{
    auto const a4 = pdf_tool(render_register_pdf(sample_register(3)), "pdfinfo");
    EXPECT_NE(a4.find("841.89 x 595.276 pts"), std::string::npos) << a4;
    auto f4_register = sample_register(3);
    f4_register.paper_size = PaperSize::F4;
    auto const f4 = pdf_tool(render_register_pdf(f4_register), "pdfinfo");
    EXPECT_NE(f4.find("935.433 x 609.449 pts"), std::string::npos) << f4;
}

TEST(Register, RowsNeverSplitAcrossPages)
{
    auto pages = sample_register(60);
    // Long cells make rows of different heights, so page breaks fall at
    // uneven places.
    for (std::size_t i = 0; i < pages.rows.size(); i += 3)
        pages.rows[i].note = "Catatan panjang nomor " + pages.rows[i].number + ": " + k_long_village;
    auto const bytes = render_register_pdf(pages);
    // Each row's number and NIK stand on the same page as its note's last word.
    auto const words = pdf_words(bytes);
    for (auto const& row : pages.rows) {
        int number_page = 0;
        int nik_page = 0;
        for (auto const& word : words) {
            if (word.text == row.number)
                number_page = word.page;
            if (word.text == row.nik)
                nik_page = word.page;
        }
        EXPECT_NE(number_page, 0) << row.number;
        EXPECT_EQ(number_page, nik_page) << row.number;
        if (row.note.starts_with("Catatan panjang")) {
            int note_page = 0;
            for (auto const& word : words)
                if (word.text == row.number + ":")
                    note_page = word.page;
            EXPECT_EQ(note_page, number_page) << row.number;
        }
    }
    expect_inside_the_page(bytes);
}

TEST(Register, LongCellsWrapInsideThePage)
{
    auto pages = sample_register(5);
    pages.rows[2].name = k_long_name;
    pages.rows[2].village = k_long_village;
    pages.rows[2].number = "400.12.2.1/00042/CANDI-LARAS-UTARA/PEREKAMAN/XI/2026";
    auto const bytes = render_register_pdf(pages);
    expect_inside_the_page(bytes);
    auto const text = pdf_tools::pdf_text(bytes);
    expect_words_in(text, k_long_name);
    expect_words_in(text, k_long_village);
}

TEST(Register, EmptyPeriodPrintsOnePageSayingSo)
{
    auto const bytes = render_register_pdf(sample_register(0));
    EXPECT_EQ(page_count(pdf_tool(bytes, "pdfinfo")), 1);
    auto const text = pdf_tools::pdf_text(bytes);
    expect_all_in(text, { "REGISTER PEREKAMAN E-KTP", "Tidak ada entri pada periode ini.", "Halaman 1 dari 1" });
}

TEST(Register, BukuAgendaUsesItsOwnHeadings)
{
    auto pages = sample_register(2);
    pages.title = "BUKU AGENDA SURAT KELUAR";
    pages.number_heading = "Nomor Surat";
    auto const text = pdf_tools::pdf_text(render_register_pdf(pages));
    expect_all_in(text, { "BUKU AGENDA SURAT KELUAR", "Nomor Surat" });
    EXPECT_EQ(text.find("Nomor Register"), std::string::npos) << text;
}

TEST(Register, SameContentSameBytes)
{
    EXPECT_EQ(render_register_pdf(sample_register(120)), render_register_pdf(sample_register(120)));
}

TEST(Printouts, EmbedTheirFonts)
{
    for (auto const& bytes : { render_receipt_pdf(sample_receipt()), render_return_slip_pdf(sample_slip()),
             render_register_pdf(sample_register(3)) }) {
        auto const fonts = pdf_tool(bytes, "pdffonts");
        EXPECT_NE(fonts.find("Liberation"), std::string::npos) << fonts;
        EXPECT_EQ(fonts.find(" no "), std::string::npos) << "every font embedded:\n"
                                                         << fonts;
    }
}

}
