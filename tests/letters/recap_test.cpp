// The monthly recap (issue 6, item 3) rendered to PDF from hand-made figures
// on the real Perekaman E-KTP definition, and read back with poppler-utils as
// anyone holding the paper would read it.

#include "core/sop.hpp"
#include "letters/recap.hpp"
#include "pdf_tools.hpp"
#include "perekaman_ektp_toml.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace sopir;
using namespace sopir::pdf_tools;

// 3 mm: closer to the edge than that, a printer cuts text off.
constexpr double k_edge = 3 * 72 / 25.4;

SopDefinition const& perekaman_ektp()
{
    static SopDefinition const definition = [] {
        auto check = check_sop(sopir::testing::k_perekaman_ektp_toml, "sops/perekaman-ektp.toml");
        if (!check.ok())
            throw std::runtime_error(to_string(check.diagnostics.front()));
        return std::move(*check.definition);
    }();
    return definition;
}

// The figures of a month, made by hand: each step's median and 90th
// percentile in whole seconds, so their printed minutes are known (750 s is
// 12,5 minutes).
ReportSummary sample_summary()
{
    ReportSummary s {
        .received = 42,
        .finished = 37,
        .returned_cases = 4,
        .returns = 5,
        .returned_by_reason = { { "tanpa_surat_pengantar", 3 }, { "data_tidak_sesuai", 1 }, { "lainnya", 1 } },
        .held_cases = 3,
        .holds = 3,
        .held_by_reason = { { "gangguan_jaringan", 2 }, { "kerusakan_alat", 1 } },
        .in_progress = 2,
        .with_applicant = 1,
        .held_now = 0,
        .late_now = 1,
        .very_late_now = 0,
        .outages = 2,
        .outage_seconds = 3900, // 1 jam 5 menit.
        .outage_seconds_by_kind = { { "jaringan", 2700 }, { "listrik", 1200 } },
        .held_seconds = 5400, // 1 jam 30 menit.
    };
    struct Step {
        char const* id;
        int standard;
        std::int64_t visits, on_time, median, p90;
    };
    std::vector<Step> const steps {
        { "pengajuan", 1, 42, 41, 36, 54 },
        { "verifikasi", 5, 45, 39, 258, 402 },    // 4,3 and 6,7 minutes.
        { "perekaman", 15, 40, 34, 750, 1110 },   // 12,5 and 18,5 minutes; 85,0 %.
        { "pemeriksaan", 3, 38, 30, 150, 246 },   // 2,5 and 4,1.
        { "penandatanganan", 1, 37, 20, 54, 96 }, // 0,9 and 1,6.
        { "pengarsipan", 3, 37, 36, 120, 168 },
        { "penyerahan", 1, 37, 37, 30, 48 },
    };
    for (auto const& step : steps)
        s.steps.push_back({ .step_id = step.id,
            .standard_minutes = step.standard,
            .visits = step.visits,
            .on_time = step.on_time,
            .on_time_share = static_cast<double>(step.on_time) / step.visits,
            .late = step.visits - step.on_time,
            .median_seconds = step.median,
            .p90_seconds = step.p90 });
    s.total = {
        .standard_minutes = 29,
        .cases = 37,
        .on_time = 30,
        .on_time_share = 30.0 / 37,
        .late = 7,
        .very_late = 1,
        .median_working_seconds = 1524, // 25,4 minutes.
        .p90_working_seconds = 2130,    // 35,5.
        .median_elapsed_seconds = 2700, // 45,0.
        .p90_elapsed_seconds = 5406,    // 90,1.
        .returned_seconds = 7200,       // 2 jam 0 menit.
        .held_seconds = 2400,           // 40,0 menit.
    };
    s.officers = {
        { .user_id = 11, .actions = 90, .visits = 87, .on_time = 80, .median_seconds = 258, .p90_seconds = 402 },
        { .user_id = 12, .actions = 44, .visits = 40, .on_time = 34, .median_seconds = 750, .p90_seconds = 1110 },
        { .user_id = 14, .actions = 37, .visits = 37, .on_time = 20, .median_seconds = 54, .p90_seconds = 96 },
    };
    return s;
}

RecapContent sample_recap()
{
    return {
        .office = { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Jenderal Ahmad Yani No. 12, Margasari", .postal_code = "71171", .place_name = "Margasari" },
        .title = "REKAPITULASI KINERJA LAYANAN PEREKAMAN E-KTP",
        .period = "November 2026",
        .printed_at = "1 Desember 2026 pukul 08.00 WITA",
        .definition = &perekaman_ektp(),
        .total = sample_summary(),
        .officer_names = { { 11, "NORHASANAH" }, { 12, "AHMAD FAUZI" }, { 14, "H. AHMAD RIFANI, S.Sos., M.AP" } },
    };
}

// Three kecamatan with figures of their own. They do not add up to the
// sample's on purpose: the Jumlah row must print the whole scope's figures as
// given (a median is not a sum), not add up the rows.
RecapContent sample_regency_recap()
{
    RecapContent recap = sample_recap();
    recap.scope = RecapScope::Regency;
    recap.office = { .regency = "Kabupaten Tapin", .address = "Jalan Brigjend H. Hasan Basry No. 1, Rantau", .postal_code = "71111" };
    recap.unit = "Sekretariat Daerah";
    ReportSummary a, b, c;
    a.received = 117, a.finished = 20, a.total.cases = 20, a.total.on_time = 15, a.total.median_working_seconds = 1500;
    b.received = 203, b.finished = 10, b.total.cases = 10, b.total.on_time = 10, b.total.median_working_seconds = 1200;
    c.received = 0; // A kecamatan with no case this month.
    recap.offices = { { "Candi Laras Utara", a }, { "Candi Laras Selatan", b }, { "Tapin Utara", c } };
    return recap;
}

void expect_all_in(std::string const& text, std::vector<std::string> const& expected)
{
    for (auto const& e : expected)
        EXPECT_NE(text.find(e), std::string::npos) << e << "\n"
                                                   << text;
}

// pdftotext separates pages with a form feed.
std::vector<std::string> pages_of(std::string const& text)
{
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t at; (at = text.find('\f', start)) != std::string::npos; start = at + 1)
        pages.push_back(text.substr(start, at - start));
    return pages;
}

// The line of `pdftotext -layout` output holding `needle`; empty when none.
std::string line_with(std::string const& text, std::string const& needle)
{
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
        if (line.find(needle) != std::string::npos)
            return line;
    return {};
}

TEST(Recap, OfficeRecapCarriesTheHeadingAndEveryStep)
{
    auto const text = pdf_text(render_recap_pdf(sample_recap()));
    expect_all_in(text, { "KANTOR CAMAT CANDI LARAS UTARA", "REKAPITULASI KINERJA LAYANAN PEREKAMAN E-KTP", "Periode: November 2026", "Layanan Perekaman E-KTP untuk Umum", "dicetak 1 Desember 2026 pukul 08.00 WITA", "Halaman 1 dari " });
    for (auto const& step : perekaman_ektp().steps)
        expect_all_in(text, { step.title });
    // Only a kabupaten recap has a row per office.
    EXPECT_EQ(text.find("Rekapitulasi per kecamatan"), std::string::npos) << text;
}

TEST(Recap, PrintsTheFiguresItIsGiven)
{
    auto const text = pdf_text(render_recap_pdf(sample_recap()));
    // The perekaman row of the step table: standard, visits, median, p90, on time.
    auto const row = line_with(text, "Perekaman data");
    expect_all_in(row, { "15 menit", "40", "12,5 menit", "18,5 menit", "85,0%" });
    expect_all_in(line_with(text, "Verifikasi berkas"), { "4,3 menit", "6,7 menit", "86,6%" });
    // The total against the SOP's 29 minutes.
    expect_all_in(text, { "(29 menit)", "25,4 menit", "35,5 menit", "45,0 menit", "90,1 menit", "81,0% (30 dari 37)", "7, di antaranya 1 sangat terlambat", "2 jam 0 menit", "40,0 menit" });
    // The headline figures.
    expect_all_in(text, { "Diterima", "42", "Selesai", "37", "Dikembalikan", "5 kali pengembalian", "Tertunda gangguan", "3 kali penundaan", "Masih berjalan", "Terlambat" });
    // Outages, kept apart from working time.
    expect_all_in(text, { "Gangguan tercatat", "1 jam 5 menit", "Gangguan Jaringan", "45,0 menit", "Gangguan Listrik", "20,0 menit", "1 jam 30 menit" });
    // The officers, by name.
    expect_all_in(line_with(text, "AHMAD FAUZI"), { "44", "40", "12,5 menit", "18,5 menit", "85,0%" });
    expect_all_in(text, { "NORHASANAH", "H. AHMAD RIFANI, S.Sos., M.AP" });
}

TEST(Recap, ReasonsPrintTheSopsLabels)
{
    auto const text = pdf_text(render_recap_pdf(sample_recap()));
    expect_all_in(line_with(text, "Surat Pengantar dari Kepala Desa tidak ada"), { "3" });
    expect_all_in(text, { "Data pada dokumen tidak sesuai", "Lainnya", "Gangguan jaringan", "Kerusakan alat atau komputer" });
    for (char const* id : { "tanpa_surat_pengantar", "data_tidak_sesuai", "gangguan_jaringan", "kerusakan_alat" })
        EXPECT_EQ(text.find(id), std::string::npos) << id << " printed as an id\n"
                                                    << text;
    // The most frequent reason first.
    EXPECT_LT(text.find("Surat Pengantar dari Kepala Desa tidak ada"), text.find("Data pada dokumen tidak sesuai"));
}

TEST(Recap, ChartsAreVectorsWithEveryBarLabelledInWords)
{
    auto const bytes = render_recap_pdf(sample_recap());
    EXPECT_TRUE(pdf_images(bytes).empty()) << "charts must be drawn, not pasted in as pictures";
    auto const text = pdf_text(bytes);
    expect_all_in(text, { "Grafik 1.", "Grafik 2.", "standar 15 menit", "Median 12,5 menit", "P90 18,5 menit", "Median 0,6 menit", "85,0% (34 dari 40)", "100,0% (37 dari 37)" });
    // The legends say in words which bar is which.
    expect_all_in(text, { "Median (batang berisi)", "Persentil ke-90 / P90 (batang berarsir)", "Standar waktu SOP (garis putus-putus)", "Selesai dalam standar waktu (batang berisi)", "Melewati standar waktu (batang berarsir)" });
}

TEST(Recap, MedianLabelStandsBesideItsBar)
{
    // The perekaman median (12,5 of an axis to 20 minutes) ends left of its
    // p90 (18,5), and each label starts right of where its bar ends: the
    // p90's label further right than the median's.
    auto const words = pdf_words(render_recap_pdf(sample_recap()));
    double median_x = -1, p90_x = -1;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (words[i].text == "Median" && words[i + 1].text == "12,5")
            median_x = words[i].x_min;
        if (words[i].text == "P90" && words[i + 1].text == "18,5")
            p90_x = words[i].x_min;
    }
    ASSERT_GT(median_x, 0);
    ASSERT_GT(p90_x, 0);
    EXPECT_LT(median_x, p90_x);
}

TEST(Recap, KabupatenRecapHasARowPerOfficeUnderTheKabupatensKop)
{
    auto const text = pdf_text(render_recap_pdf(sample_regency_recap()));
    expect_all_in(text, { "PEMERINTAH KABUPATEN TAPIN", "SEKRETARIAT DAERAH", "Seluruh kecamatan di Kabupaten Tapin (3 kantor)", "Rekapitulasi per kecamatan", "Kecamatan" });
    EXPECT_EQ(text.find("KANTOR CAMAT"), std::string::npos) << text;
    expect_all_in(line_with(text, "Candi Laras Utara"), { "117", "20", "25,0 menit", "75,0%" });
    expect_all_in(line_with(text, "Candi Laras Selatan"), { "203", "10", "20,0 menit", "100,0%" });
    expect_all_in(line_with(text, "Tapin Utara"), { "0", "\u2014" });
    // The total row is the whole kabupaten's figures.
    auto const table = text.substr(text.find("Rekapitulasi per kecamatan"));
    expect_all_in(line_with(table, "Jumlah"), { "42", "37", "25,4 menit", "81,0%" });
}

TEST(Recap, SameContentSameBytes)
{
    auto const once = render_recap_pdf(sample_recap());
    EXPECT_EQ(once, render_recap_pdf(sample_recap()));
    EXPECT_EQ(render_recap_pdf(sample_regency_recap()), render_recap_pdf(sample_regency_recap()));
    auto changed = sample_recap();
    changed.total.steps[2].median_seconds += 6;
    EXPECT_NE(once, render_recap_pdf(changed));
    // No date from the clock in the metadata.
    auto const info = pdf_tool(once, "pdfinfo");
    EXPECT_EQ(info.find("CreationDate"), std::string::npos) << info;
}

TEST(Recap, LongOfficerListRunsOntoMorePagesWithItsHeaderOnEach)
{
    auto recap = sample_recap();
    recap.total.officers.clear();
    for (Id id = 100; id < 260; ++id) {
        recap.total.officers.push_back({ .user_id = id, .actions = id, .visits = 10, .on_time = 7, .median_seconds = 300, .p90_seconds = 600 });
        recap.officer_names[id] = "PETUGAS NOMOR " + std::to_string(id);
    }
    auto const bytes = render_recap_pdf(recap);
    int const count = page_count(pdf_tool(bytes, "pdfinfo"));
    ASSERT_GE(count, 3);
    auto const text = pdf_text(bytes);
    for (Id id = 100; id < 260; ++id)
        EXPECT_NE(text.find("PETUGAS NOMOR " + std::to_string(id)), std::string::npos) << id;
    auto const pages = pages_of(text);
    ASSERT_EQ(static_cast<int>(pages.size()), count) << text;
    for (int p = 0; p < count; ++p) {
        expect_all_in(pages[p], { "REKAPITULASI KINERJA LAYANAN PEREKAMAN E-KTP", "Halaman " + std::to_string(p + 1) + " dari " + std::to_string(count) });
        if (p > 0)
            expect_all_in(pages[p], { "(lanjutan)" });
    }
    // The officer table's header row stands again on the last page.
    expect_all_in(pages.back(), { "Nama petugas", "Tindakan", "PETUGAS NOMOR 259" });
    EXPECT_TRUE(words_off_the_page(bytes, k_edge).empty());
}

TEST(Recap, EmptyPeriodSaysSoWithoutDividingByZero)
{
    // As summarize() gives it for a month without a case: every step, all zero.
    auto recap = sample_recap();
    ReportSummary empty;
    empty.total.standard_minutes = 29;
    for (auto const& step : perekaman_ektp().steps)
        empty.steps.push_back({ .step_id = step.id, .standard_minutes = step.standard_minutes });
    recap.total = empty;
    recap.officer_names.clear();
    auto const bytes = render_recap_pdf(recap);
    auto const text = pdf_text(bytes);
    expect_all_in(text, { "Belum ada permohonan pada periode ini.", "Belum ada permohonan yang selesai pada periode ini.", "Tidak ada berkas yang dikembalikan pada periode ini.", "Tidak ada tindakan petugas pada periode ini.", "Halaman 1 dari 1" });
    // What printf makes of 0 / 0 and x / 0, as whole words ("permohonan" holds "nan").
    EXPECT_FALSE(std::regex_search(text, std::regex(R"(\b(nan|inf)\b)", std::regex::icase))) << text;
    EXPECT_EQ(page_count(pdf_tool(bytes, "pdfinfo")), 1);

    // Without even the steps, and without a definition.
    recap.total = ReportSummary {};
    recap.definition = nullptr;
    expect_all_in(pdf_text(render_recap_pdf(recap)), { "Belum ada permohonan pada periode ini." });
}

TEST(Recap, FiguresWithoutCasesDoNotClaimThePeriodWasEmpty)
{
    auto const text = pdf_text(render_recap_pdf(sample_recap()));
    EXPECT_EQ(text.find("Belum ada permohonan pada periode ini."), std::string::npos) << text;
}

TEST(Recap, StaysInsideTheSheetOnA4AndF4)
{
    auto recap = sample_regency_recap();
    recap.officer_names[11] = "RADEN AJENG SITI NURHALIZAH KUSUMAWARDHANI PUTRI MANGKUNEGARAN BINTI SULAIMAN";
    recap.offices.push_back({ "Kecamatan Dengan Nama Yang Sangat Panjang Sekali Untuk Menguji Pembungkusan", {} });
    auto const a4 = render_recap_pdf(recap);
    EXPECT_TRUE(words_off_the_page(a4, k_edge).empty());
    EXPECT_NE(pdf_tool(a4, "pdfinfo").find("595.276 x 841.89 pts"), std::string::npos);
    recap.paper_size = PaperSize::F4;
    auto const f4 = render_recap_pdf(recap);
    EXPECT_TRUE(words_off_the_page(f4, k_edge).empty());
    EXPECT_NE(pdf_tool(f4, "pdfinfo").find("609.449 x 935.433 pts"), std::string::npos);
}

TEST(Recap, EmbedsItsFonts)
{
    auto const fonts = pdf_tool(render_recap_pdf(sample_recap()), "pdffonts");
    EXPECT_NE(fonts.find("Liberation"), std::string::npos) << fonts;
    EXPECT_EQ(fonts.find(" no "), std::string::npos) << fonts;
}

}
