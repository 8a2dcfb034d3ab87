// The printed SOP's flowchart: the symbols are drawn where the plan puts
// them (read from a picture of the page, not from its text), the plan
// picks the symbols as Permenpan RB 35/2012 does, and a long chart breaks
// across pages at off-page connectors carrying the same letter.

#include "app/sop_catalog.hpp"
#include "letters/sop_flowchart.hpp"
#include "letters/sop_print.hpp"
#include "pdf_tools.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

namespace sopir {

namespace {

    using letters_detail::FlowchartLayout;
    using letters_detail::Symbol;
    using pdf_tools::run;
    using pdf_tools::TempPdf;

    LetterOffice const k_office { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Gusti Libi No. 86" };

    SopDefinition ektp()
    {
        auto definition = app::load_sop_file(std::string(SOPIR_SOURCE_DIR) + "/sops/perekaman-ektp.toml");
        if (!definition.ok())
            throw std::runtime_error(definition.error().message);
        return std::move(*definition);
    }

    // A grey picture of one page, `dpi` dots per inch.
    struct Picture {
        int width { 0 };
        int height { 0 };
        double scale { 0 }; // Pixels per point.
        std::string pixels;

        bool dark(int x, int y) const
        {
            return x >= 0 && y >= 0 && x < width && y < height && static_cast<unsigned char>(pixels[static_cast<std::size_t>(y * width + x)]) < 128;
        }
    };

    Picture picture_of(std::string const& pdf, int page, int dpi)
    {
        TempPdf file(pdf);
        std::string const out = file.path.string() + "-page";
        run("pdftoppm -gray -r " + std::to_string(dpi) + " -f " + std::to_string(page) + " -l " + std::to_string(page) + " -singlefile "
            + file.path.string() + " " + out);
        std::ifstream in(out + ".pgm", std::ios::binary);
        std::string magic;
        int maximum = 0;
        Picture picture;
        in >> magic >> picture.width >> picture.height >> maximum;
        in.get();
        picture.pixels.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        std::filesystem::remove(out + ".pgm");
        picture.scale = dpi / 72.0;
        return picture;
    }

    // The most scan lines in a row, inside the box (points), that cross two
    // separate dark runs or more: the left and right edges of a drawn
    // outline. A line, an arrow or the grid crosses a scan line once; a
    // short label only for a few lines.
    int outline_lines(Picture const& picture, double left, double top, double width, double height)
    {
        int const x0 = static_cast<int>((left + 2) * picture.scale);
        int const x1 = static_cast<int>((left + width - 2) * picture.scale);
        int const y0 = static_cast<int>((top + 2) * picture.scale);
        int const y1 = static_cast<int>((top + height - 2) * picture.scale);
        int longest = 0;
        int streak = 0;
        for (int y = y0; y < y1; ++y) {
            int runs = 0;
            for (int x = x0; x < x1; ++x)
                if (picture.dark(x, y) && !picture.dark(x - 1, y))
                    ++runs;
            streak = runs >= 2 ? streak + 1 : 0;
            longest = std::max(longest, streak);
        }
        return longest;
    }

    // Twenty steps among three roles; step 15 sends the file back to step
    // 3, on another page; a long Dasar Hukum runs onto a second sheet.
    std::string long_definition()
    {
        std::ostringstream toml;
        toml << "id = \"panjang\"\ntitle = \"Contoh SOP Panjang\"\ninitial_step = \"langkah_1\"\nlegal_basis = [\n";
        for (int i = 1; i <= 40; ++i)
            toml << "  \"Peraturan contoh nomor " << i << " tentang hal yang cukup panjang untuk memenuhi satu baris atau lebih pada lembar identitas.\",\n";
        toml << "]\n[meta]\nnumber = \"800/1/CONTOH/2026\"\n";
        for (char const* role : { "pemohon", "petugas", "kasi" })
            toml << "[[roles]]\nid = \"" << role << "\"\ntitle = \"Peran " << role << "\"\n";
        for (int i = 1; i <= 20; ++i) {
            char const* role = i == 1 || i == 20 ? "pemohon" : i % 2 == 0 ? "petugas" : "kasi";
            toml << "[[steps]]\nid = \"langkah_" << i << "\"\ntitle = \"Langkah " << i << "\"\ndescription = \"Kegiatan nomor " << i
                 << " dari contoh SOP yang panjang.\"\nroles = [\"" << role << "\"]\nstandard_minutes = " << i << "\noutput = \"Hasil " << i
                 << "\"\n[[steps.actions]]\nid = \"lanjut\"\nlabel = \"Lanjut\"\ntarget = \"" << (i == 20 ? std::string("selesai") : "langkah_" + std::to_string(i + 1)) << "\"\n";
            if (i == 15)
                toml << "[[steps.actions]]\nid = \"perbaiki\"\nlabel = \"Perbaiki\"\ntarget = \"langkah_3\"\nnote_required = true\n";
        }
        toml << "[[states]]\nid = \"selesai\"\nlabel = \"Selesai\"\nkind = \"end\"\n";
        return toml.str();
    }

    // The words of the chart pages that are a connector's letter alone,
    // page by page.
    std::map<int, std::set<std::string>> connector_letters(std::string const& pdf)
    {
        std::map<int, std::set<std::string>> letters;
        for (auto const& word : pdf_tools::pdf_words(pdf))
            if (word.text.size() == 1 && word.text[0] >= 'A' && word.text[0] <= 'Z')
                letters[word.page].insert(word.text);
        return letters;
    }

}

TEST(SopFlowchart, the_plan_follows_the_seed_terminators_first_and_last_decisions_where_the_file_goes_back)
{
    SopDefinition const definition = ektp();
    auto const plan = letters_detail::plan_chart(definition);
    EXPECT_EQ(plan.roles, (std::vector<std::string> { "pemohon", "petugas_pelayanan", "operator_ektp", "kasi_pemerintahan", "camat", "pengadministrasi" }));
    ASSERT_EQ(plan.rows.size(), 7u);
    std::vector<Symbol> symbols;
    for (auto const& row : plan.rows)
        symbols.push_back(row.symbol);
    EXPECT_EQ(symbols, (std::vector<Symbol> { Symbol::Terminator, Symbol::Decision, Symbol::Process, Symbol::Decision, Symbol::Decision, Symbol::Process, Symbol::Terminator }));
    // Verification returns the file to the applicant (step 1); the Kasi and
    // the Camat send it back to recording (step 3).
    EXPECT_EQ(plan.rows[1].back_to, 0u);
    EXPECT_EQ(plan.rows[3].back_to, 2u);
    EXPECT_EQ(plan.rows[4].back_to, 2u);
    EXPECT_EQ(plan.rows[1].remark, "Tidak: Dikembalikan kepada pemohon.");
}

TEST(SopFlowchart, each_symbol_is_drawn_in_its_role_column_and_in_no_other)
{
    SopDefinition const definition = ektp();
    std::string const pdf = render_sop_pdf({ .definition = definition, .office = k_office });
    FlowchartLayout const layout = letters_detail::printed_chart_layout(definition, PaperSize::A4);
    ASSERT_EQ(layout.pages().size(), 1u);
    int const chart_page = pdf_tools::page_count(pdf_tools::pdf_tool(pdf, "pdfinfo"));
    Picture const page = picture_of(pdf, chart_page, 100);
    ASSERT_GT(page.width, page.height) << "the flowchart page is landscape";
    auto const& plan = layout.plan();
    for (std::size_t row = 0; row < plan.rows.size(); ++row) {
        for (std::size_t column = 0; column < plan.roles.size(); ++column) {
            int const lines = outline_lines(page, layout.role_left(column), layout.row_top(row), layout.role_width(), layout.row_height(row));
            // A box or a capsule is 16 points tall, a diamond 24: at 100
            // dpi some 20 scan lines between its edges (fewer for a
            // diamond, whose arrows join it at its side corners); a
            // label's letters give fewer than 10.
            if (column == plan.rows[row].column)
                EXPECT_GE(lines, 12) << "the symbol of step " << row + 1 << " in " << plan.roles[column];
            else
                EXPECT_LT(lines, 10) << "no symbol of step " << row + 1 << " in " << plan.roles[column];
        }
    }
}

TEST(SopFlowchart, a_long_chart_breaks_at_off_page_connectors_with_the_same_letter_on_both_pages)
{
    auto definition = load_sop(long_definition(), "panjang.toml");
    ASSERT_TRUE(definition.ok()) << definition.error().message;
    FlowchartLayout const layout = letters_detail::printed_chart_layout(*definition, PaperSize::A4);
    ASSERT_GE(layout.pages().size(), 2u);
    std::string const pdf = render_sop_pdf({ .definition = *definition, .office = k_office });
    int const identity_pages = pdf_tools::page_count(pdf_tools::pdf_tool(pdf, "pdfinfo")) - static_cast<int>(layout.pages().size());
    EXPECT_GE(identity_pages, 2) << "forty laws run onto a second identity sheet";
    std::string const text = pdf_tools::pdf_text(pdf);
    EXPECT_NE(text.find("Dasar Hukum (lanjutan):"), std::string::npos);
    EXPECT_NE(text.find("Peraturan contoh nomor 40 tentang"), std::string::npos);
    auto const letters = connector_letters(pdf);
    // The break after each chart page: its letter at the foot of one page
    // and the head of the next.
    for (std::size_t page = 0; page + 1 < layout.pages().size(); ++page) {
        std::string const letter(1, static_cast<char>('A' + page));
        int const here = identity_pages + static_cast<int>(page) + 1;
        EXPECT_TRUE(letters.contains(here) && letters.at(here).contains(letter)) << letter << " on page " << here;
        EXPECT_TRUE(letters.contains(here + 1) && letters.at(here + 1).contains(letter)) << letter << " on page " << here + 1;
    }
    // Step 15's "Tidak" leads back to step 3 on an earlier page: one more
    // letter, on both of those pages.
    std::size_t const back_letter = layout.pages().size() - 1;
    std::string const letter(1, static_cast<char>('A' + back_letter));
    int pages_with_it = 0;
    for (auto const& [page, found] : letters)
        pages_with_it += found.contains(letter) ? 1 : 0;
    EXPECT_EQ(pages_with_it, 2) << letter;
    EXPECT_NE(text.find("Jumlah waktu"), std::string::npos);
}

TEST(SopFlowchart, the_svg_picture_draws_the_whole_chart_on_one_page)
{
    SopDefinition const definition = ektp();
    std::string const svg = render_sop_flowchart_svg(definition);
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("</svg>"), std::string::npos);
    // Seven symbols and their arrows: paths, not only text.
    std::size_t paths = 0;
    for (std::size_t at = svg.find("<path"); at != std::string::npos; at = svg.find("<path", at + 1))
        ++paths;
    EXPECT_GT(paths, 20u);
}

}
