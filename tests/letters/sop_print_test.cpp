// The printed SOP (letters/sop_print.hpp), read back as anyone holding the
// paper would: its text with pdftotext, its symbols from a picture of the
// flowchart page. Every definition in sops/ is printed; the E-KTP print
// carries the seed SOP's identity.

#include "app/sop_catalog.hpp"
#include "letters/sop_flowchart.hpp"
#include "letters/sop_print.hpp"
#include "pdf_tools.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>

namespace sopir {

namespace {

    using pdf_tools::run;
    using pdf_tools::TempPdf;

    LetterOffice const k_office { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara",
        .address = "Jalan Gusti Libi No. 86, Margasari Hilir", .postal_code = "71171", .place_name = "Margasari" };

    SopDefinition load(std::string const& relative)
    {
        auto definition = app::load_sop_file(std::string(SOPIR_SOURCE_DIR) + "/" + relative);
        if (!definition.ok())
            throw std::runtime_error(definition.error().message);
        return std::move(*definition);
    }

    // The text of pages [first, last] in the order it was drawn, with every
    // space and line break taken out: a text that wraps inside a narrow
    // column is still found whole.
    std::string squeezed_text(std::string const& pdf, int first = 1, int last = 0)
    {
        TempPdf file(pdf);
        std::string range = " -f " + std::to_string(first);
        if (last > 0)
            range += " -l " + std::to_string(last);
        std::string text = run("pdftotext -raw" + range + " " + file.path.string() + " - 2>&1");
        std::erase_if(text, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
        return text;
    }

    std::string squeezed(std::string text)
    {
        std::erase_if(text, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
        return text;
    }

    int pages_of(std::string const& pdf)
    {
        return pdf_tools::page_count(pdf_tools::pdf_tool(pdf, "pdfinfo"));
    }

    // What every printed SOP must say: each step's activity, its minutes,
    // each role as a column head, and the total time.
    void expect_chart_text(SopDefinition const& definition, std::string const& pdf)
    {
        std::string const text = squeezed_text(pdf);
        for (auto const& step : definition.steps) {
            EXPECT_NE(text.find(squeezed(step.description.empty() ? step.title : step.description)), std::string::npos)
                << definition.id << ": " << step.id;
            EXPECT_NE(text.find(std::to_string(step.standard_minutes) + "menit"), std::string::npos) << definition.id << ": " << step.id;
            for (auto const& role : step.roles)
                EXPECT_NE(text.find(squeezed(definition.role_title(role))), std::string::npos) << definition.id << ": " << role;
        }
        EXPECT_NE(text.find("Jumlahwaktu" + std::to_string(total_standard_minutes(definition)) + "menit"), std::string::npos)
            << definition.id;
        for (char const* head : { "No.", "Kegiatan", "Pelaksana", "MutuBaku", "Kelengkapan", "Waktu", "Output", "Keterangan" })
            EXPECT_NE(text.find(head), std::string::npos) << definition.id << ": " << head;
    }

}

TEST(SopPrint, every_definition_prints_its_steps_roles_minutes_and_total)
{
    int printed = 0;
    for (auto const& entry : std::filesystem::directory_iterator(std::string(SOPIR_SOURCE_DIR) + "/sops")) {
        if (entry.path().extension() != ".toml")
            continue;
        SopDefinition const definition = load("sops/" + entry.path().filename().string());
        std::string const pdf = render_sop_pdf({ .definition = definition, .office = k_office });
        expect_chart_text(definition, pdf);
        ++printed;
    }
    EXPECT_GE(printed, 1);
}

TEST(SopPrint, the_ektp_print_carries_the_seed_identity_seven_rows_and_29_minutes)
{
    SopDefinition const definition = load("sops/perekaman-ektp.toml");
    std::string const pdf = render_sop_pdf({ .definition = definition, .office = k_office });
    ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
    // The identity sheet, then the chart on the last page.
    int const chart_page = pages_of(pdf);
    std::string const identity = squeezed_text(pdf, 1, chart_page - 1);
    for (char const* expected : { "PEMERINTAHKABUPATENTAPIN", "KANTORCAMATCANDILARASUTARA", "NomorSOP", "800/-KASIPAM/CLU/SOP/I/2023",
             "TanggalPembuatan01Januari2023", "TanggalRevisi-", "TanggalEfektif02Januari2023", "DisahkanOleh",
             "Plt.CamatCandiLarasUtara", "ALAMSYAH,S.Pd", "NIP.196903121992111001",
             "STANDAROPERASIONALPROSEDUR(SOP)PEREKAMANE-KTPUNTUKUMUM", "DasarHukum:", "KualifikasiPelaksana:", "Keterkaitan:",
             "PeralatandanPerlengkapan:", "Peringatan:", "PencatatandanPendataan:", "SOPLegalisasiSurat" })
        EXPECT_NE(identity.find(expected), std::string::npos) << expected << "\n" << identity;
    ASSERT_EQ(letters_detail::printed_chart_layout(definition, PaperSize::A4).pages().size(), 1u);
    std::string const chart = squeezed_text(pdf, chart_page, chart_page);
    EXPECT_NE(chart.find("FLOWCHARTSOPPEREKAMANE-KTPUNTUKUMUM"), std::string::npos);
    EXPECT_NE(chart.find("Jumlahwaktu29menit"), std::string::npos);
    // Seven rows: the numbers 1. to 7. in the No column, and no eighth.
    std::set<std::string> numbers;
    for (auto const& word : pdf_tools::pdf_words(pdf))
        if (word.page == chart_page && word.text.size() == 2 && std::isdigit(static_cast<unsigned char>(word.text[0])) && word.text[1] == '.')
            numbers.insert(word.text);
    EXPECT_EQ(numbers, (std::set<std::string> { "1.", "2.", "3.", "4.", "5.", "6.", "7." }));
    // The decisions' arrows are labelled.
    EXPECT_NE(chart.find("Ya"), std::string::npos);
    EXPECT_NE(chart.find("Tidak"), std::string::npos);
}

TEST(SopPrint, the_flowchart_page_turns_landscape_on_the_office_paper)
{
    SopDefinition const definition = load("sops/perekaman-ektp.toml");
    TempPdf file(render_sop_pdf({ .definition = definition, .office = k_office, .paper_size = PaperSize::F4 }));
    std::string const sizes = run("pdfinfo -f 1 -l 99 " + file.path.string() + " 2>&1");
    // F4 is 215 x 330 mm: 609.45 x 935.43 points, then turned sideways.
    EXPECT_NE(sizes.find("Page    1 size:  609.449 x 935.433 pts"), std::string::npos) << sizes;
    EXPECT_NE(sizes.find("size:  935.433 x 609.449 pts"), std::string::npos) << sizes;
}

}
