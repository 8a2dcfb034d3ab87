// The legalisation marks (letters/marks.hpp): in the corner layout each
// page holds only its copy's mark, at the corner asked for, so a photocopy
// fed through the printer gets it there; a sheet of labels holds ten a page.
// Read back as anyone holding the paper would: a picture of the page
// (pdftoppm), its text (pdftotext) and its QR codes (zbarimg).
#include "letters/marks.hpp"
#include "pdf_tools.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <memory>

namespace sopir {
namespace {

    LetterContent marked(int copies)
    {
        LetterContent letter;
        letter.office = { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Jenderal Sudirman No. 1",
            .postal_code = "71171", .place_name = "Margasari", .logo_png = {}, .logo_sha256 = {} };
        letter.number = "100.3.4/0007/CLU/XII/2026";
        letter.service_id = "legalisasi-surat";
        letter.template_id = "tanda_legalisasi";
        letter.template_version = 1;
        letter.title = "TANDA LEGALISASI";
        letter.letter_date = { 2026, 12, 7 };
        letter.signer = { .title = "CAMAT CANDI LARAS UTARA", .name = "H. AHMAD RIFANI, S.Sos.", .pangkat_golongan = "Pembina (IV/a)",
            .nip = "19690312 199211 1 001" };
        letter.verification_url = "https://layanan.tapinkab.go.id/verifikasi/AbCdEfGhIjKlMnOpQrStUv";
        letter.mark = LetterMark { .text = "TELAH DILEGALISIR SESUAI DENGAN ASLINYA", .copies = copies,
            .details = { { "Nomor dokumen", "470/25/MH/2026" } } };
        return letter;
    }

    struct Quadrants {
        long counts[2][2] {}; // [top or bottom][left or right]: dark pixels.
    };

    // The dark pixels of page `page` at 50 dpi, by quadrant of the page.
    Quadrants dark_pixels(std::string const& pdf, int page)
    {
        pdf_tools::TempPdf file(pdf);
        std::string const picture = file.path.string() + "-page";
        pdf_tools::run("pdftoppm -png -r 50 -singlefile -f " + std::to_string(page) + " -l " + std::to_string(page) + " "
            + file.path.string() + " " + picture);
        std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> image(
            cairo_image_surface_create_from_png((picture + ".png").c_str()), &cairo_surface_destroy);
        std::filesystem::remove(picture + ".png");
        Quadrants found;
        EXPECT_EQ(cairo_surface_status(image.get()), CAIRO_STATUS_SUCCESS);
        if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS)
            return found;
        cairo_surface_flush(image.get());
        int const width = cairo_image_surface_get_width(image.get());
        int const height = cairo_image_surface_get_height(image.get());
        int const stride = cairo_image_surface_get_stride(image.get());
        unsigned char const* data = cairo_image_surface_get_data(image.get());
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                // ARGB32 or RGB24, both 32 bits a pixel: the green channel
                // says dark enough.
                unsigned char const green = data[y * stride + x * 4 + 1];
                if (green < 128)
                    ++found.counts[y < height / 2 ? 0 : 1][x < width / 2 ? 0 : 1];
            }
        return found;
    }

    struct CornerCase {
        char const* name;
        MarkCorner corner;
        int row;    // 0 top, 1 bottom.
        int column; // 0 left, 1 right.
    };

    class MarkCorners : public testing::TestWithParam<CornerCase> { };

    TEST_P(MarkCorners, the_mark_is_drawn_only_in_the_chosen_corner_of_every_page)
    {
        auto const& wanted = GetParam();
        std::string const pdf = render_marks_pdf(marked(2), { .layout = MarkLayout::Corner, .corner = wanted.corner, .paper = PaperSize::A4 });
        EXPECT_EQ(pdf_tools::page_count(pdf_tools::pdf_tool(pdf, "pdfinfo")), 2);
        for (int page = 1; page <= 2; ++page) {
            Quadrants const dark = dark_pixels(pdf, page);
            for (int row = 0; row < 2; ++row)
                for (int column = 0; column < 2; ++column) {
                    if (row == wanted.row && column == wanted.column)
                        EXPECT_GT(dark.counts[row][column], 500) << wanted.name << " page " << page << ": the mark is there";
                    else
                        EXPECT_EQ(dark.counts[row][column], 0) << wanted.name << " page " << page << ": nothing in quadrant " << row << "," << column;
                }
        }
    }

    INSTANTIATE_TEST_SUITE_P(EveryCorner, MarkCorners,
        testing::Values(CornerCase { .name = "top_left", .corner = MarkCorner::TopLeft, .row = 0, .column = 0 },
            CornerCase { .name = "top_right", .corner = MarkCorner::TopRight, .row = 0, .column = 1 },
            CornerCase { .name = "bottom_left", .corner = MarkCorner::BottomLeft, .row = 1, .column = 0 },
            CornerCase { .name = "bottom_right", .corner = MarkCorner::BottomRight, .row = 1, .column = 1 }),
        [](testing::TestParamInfo<CornerCase> const& info) { return std::string(info.param.name); });

    TEST(Marks, each_copy_carries_the_text_the_number_its_index_and_its_own_qr_code)
    {
        std::string const pdf = render_marks_pdf(marked(3), { .layout = MarkLayout::Corner, .corner = MarkCorner::BottomRight, .paper = PaperSize::F4 });
        std::string const text = pdf_tools::pdf_text(pdf);
        for (int copy = 1; copy <= 3; ++copy)
            EXPECT_NE(text.find("Salinan ke-" + std::to_string(copy) + " dari 3"), std::string::npos) << text;
        EXPECT_NE(text.find("TELAH DILEGALISIR SESUAI DENGAN ASLINYA"), std::string::npos) << text;
        EXPECT_NE(text.find("Nomor: 100.3.4/0007/CLU/XII/2026"), std::string::npos) << text;
        EXPECT_NE(text.find("Margasari, 7 Desember 2026"), std::string::npos) << text;
        EXPECT_EQ(pdf_tools::qr_codes(pdf), "https://layanan.tapinkab.go.id/verifikasi/AbCdEfGhIjKlMnOpQrStUv/1\n");
    }

    TEST(Marks, a_sheet_of_labels_holds_ten_a_page)
    {
        EXPECT_EQ(marks_per_label_page(PaperSize::A4), 10);
        EXPECT_EQ(marks_per_label_page(PaperSize::F4), 10);
        for (auto [copies, pages] : { std::pair { 1, 1 }, { 10, 1 }, { 11, 2 }, { 20, 2 } }) {
            std::string const pdf = render_marks_pdf(marked(copies), { .layout = MarkLayout::Labels, .corner = MarkCorner::BottomRight, .paper = PaperSize::A4 });
            EXPECT_EQ(pdf_tools::page_count(pdf_tools::pdf_tool(pdf, "pdfinfo")), pages) << copies << " copies";
            std::string const text = pdf_tools::pdf_text(pdf);
            EXPECT_NE(text.find("Salinan ke-" + std::to_string(copies) + " dari " + std::to_string(copies)), std::string::npos) << text;
        }
    }

    TEST(Marks, the_same_content_renders_to_the_same_bytes)
    {
        MarkSheet const sheet { .layout = MarkLayout::Corner, .corner = MarkCorner::TopRight, .paper = PaperSize::A4 };
        EXPECT_EQ(render_marks_pdf(marked(2), sheet), render_marks_pdf(marked(2), sheet));
    }

    TEST(Marks, corners_are_named_in_english_and_indonesian)
    {
        EXPECT_EQ(parse_mark_corner("kanan-bawah"), MarkCorner::BottomRight);
        EXPECT_EQ(parse_mark_corner("top-left"), MarkCorner::TopLeft);
        EXPECT_EQ(parse_mark_corner("tengah"), std::nullopt);
    }

}
}
