// The spreadsheet downloads (issue 6, item 3): CSV read back as RFC 4180,
// XLSX opened as the zip of XML files it is (with Python's zipfile, as
// tests/http/registers.test.mjs does), and the performance report and the
// outage log as tables. No database: these live here because this target
// links the web layer.
#include "driver.hpp"
#include "process.hpp"

#include "core/csv.hpp"
#include "web/report_tables.hpp"
#include "web/table_export.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace sopir;
using namespace sopir::web;
using Kind = Column::Kind;

namespace {

std::vector<std::vector<std::string>> read_csv(std::string const& text, char separator = ';')
{
    std::vector<std::vector<std::string>> records;
    CsvReader reader(text, separator);
    std::vector<std::string> fields;
    for (;;) {
        auto read = reader.next(fields);
        if (!read.ok()) {
            ADD_FAILURE() << read.error().message;
            break;
        }
        if (*read == CsvRead::End)
            break;
        records.push_back(fields);
    }
    return records;
}

// What the workbook holds: sheet names, shared strings, and every cell of
// every sheet as its type ("s" shared string, "n" number), value and number
// format; and whether the header row is frozen.
constexpr char const* k_read_workbook = R"(
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
workbook = ET.fromstring(z.read('xl/workbook.xml'))
sheets = [s.get('name') for s in workbook.find('m:sheets', ns)]
strings = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):
        strings.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))
styles = ET.fromstring(z.read('xl/styles.xml'))
formats = {int(f.get('numFmtId')): f.get('formatCode') for f in styles.iter('{%s}numFmt' % ns['m'])}
formats[0] = 'General'
formats[49] = '@'
xfs = [formats.get(int(x.get('numFmtId', '0')), x.get('numFmtId')) for x in styles.find('m:cellXfs', ns)]
out = {'sheets': sheets, 'strings': strings, 'cells': [], 'frozen': [], 'widths': []}
for i in range(len(sheets)):
    xml = z.read('xl/worksheets/sheet%d.xml' % (i + 1)).decode()
    sheet = ET.fromstring(xml)
    cells = {}
    for c in sheet.iter('{%s}c' % ns['m']):
        v = c.find('m:v', ns)
        if v is None:
            continue
        cells[c.get('r')] = [c.get('t', 'n'), v.text, xfs[int(c.get('s', '0'))]]
    out['cells'].append(cells)
    out['frozen'].append(bool(re.search(r'<pane [^>]*ySplit="1"[^>]*state="frozen"', xml)))
    out['widths'].append([float(col.get('width')) for col in sheet.iter('{%s}col' % ns['m'])])
print(json.dumps(out))
)";

nlohmann::json read_workbook(std::string const& bytes)
{
    auto const dir = std::filesystem::temp_directory_path() / ("sopir-table-export-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto const file = dir / "export.xlsx";
    std::ofstream(file, std::ios::binary) << bytes;
    auto const run = sopir::testing::run_to_end({ "/usr/bin/env", "python3", "-c", k_read_workbook, file.string() });
    std::filesystem::remove_all(dir);
    EXPECT_EQ(run.status, 0) << run.output;
    if (run.status != 0)
        return {};
    return nlohmann::json::parse(run.output);
}

// A cell's text as a spreadsheet reads it: a shared string looked up.
std::string cell_text(nlohmann::json const& workbook, std::size_t sheet, std::string const& ref)
{
    auto const& cells = workbook["cells"][sheet];
    if (!cells.contains(ref))
        return "<empty>";
    auto const& cell = cells[ref];
    if (cell[0] == "s")
        return workbook["strings"][std::stoul(cell[1].get<std::string>())].get<std::string>();
    return cell[1].get<std::string>();
}

std::string cell_type(nlohmann::json const& workbook, std::size_t sheet, std::string const& ref)
{
    auto const& cells = workbook["cells"][sheet];
    return cells.contains(ref) ? cells[ref][0].get<std::string>() : "<empty>";
}

std::string cell_format(nlohmann::json const& workbook, std::size_t sheet, std::string const& ref)
{
    auto const& cells = workbook["cells"][sheet];
    return cells.contains(ref) ? cells[ref][2].get<std::string>() : "<empty>";
}

// A register-like table whose cells are everything CSV and XLSX get wrong:
// separators, quotes, line breaks, a 16-digit NIK, leading zeros, non-ASCII.
Table awkward_table()
{
    Table table;
    table.name = "Register E-KTP";
    table.title = "Buku Register E-KTP & uji";
    table.columns = {
        { "No.", Kind::Number },
        { "Nomor", Kind::Text },
        { "Tanggal", Kind::Date },
        { "Nama", Kind::Text },
        { "NIK", Kind::Text },
        { "Catatan", Kind::Text },
    };
    table.rows = {
        { "1", "0042/REG-EKTP/CLU/2026", "2026-11-25", "MA'RUF AMIN, S.Pd.", "6305064107990001", "baris\r\nkedua" },
        { "2", "0043/REG-EKTP/CLU/2026", "2026-11-26", "RAHMAT \"ACIL\" HIDAYAT", "0305064107990002", "Désa Ḥulu; \"kutip\", koma" },
        { "3", "0044", "", "Siti", "6305064107990003" }, // One cell short: empty.
    };
    return table;
}

}

// --- CSV --------------------------------------------------------------------

TEST(TableExport, CsvReadsBackAsWrittenWithByteOrderMarkAndCrlf)
{
    Table const table = awkward_table();
    std::string const csv = to_csv(table, CsvDialect::Comma);
    ASSERT_GE(csv.size(), 3u);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.substr(3, csv.find('\n') - 3 + 1), "No.,Nomor,Tanggal,Nama,NIK,Catatan\r\n");
    EXPECT_NE(csv.find("\"MA'RUF AMIN, S.Pd.\""), std::string::npos);
    EXPECT_NE(csv.find("\"RAHMAT \"\"ACIL\"\" HIDAYAT\""), std::string::npos);

    auto const records = read_csv(csv, ',');
    ASSERT_EQ(records.size(), 4u);
    EXPECT_EQ(records[0], (std::vector<std::string> { "No.", "Nomor", "Tanggal", "Nama", "NIK", "Catatan" }));
    EXPECT_EQ(records[1], table.rows[0]);
    EXPECT_EQ(records[2], table.rows[1]);
    EXPECT_EQ(records[3], (std::vector<std::string> { "3", "0044", "", "Siti", "6305064107990003", "" }));
}

TEST(TableExport, CsvIsForIndonesianExcelByDefault)
{
    // Excel in the Indonesian locale splits on ";" and reads "12,5" as a
    // number: a comma-separated file opened one column wide.
    Table const table { .name = "Tahapan",
        .columns = { { "Tahap", Kind::Text }, { "Menit", Kind::Minutes }, { "Persen", Kind::Percent }, { "Jumlah", Kind::Number },
            { "Tanggal", Kind::DateTime } },
        .rows = { { "Verifikasi; berkas, KK", "12.5", "87.5", "-3", "2026-11-25 08:30" }, { "Perekaman v1.2", "3", "100", "42", "" } } };
    std::string const csv = to_csv(table);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.substr(3),
        "Tahap;Menit;Persen;Jumlah;Tanggal\r\n"
        "\"Verifikasi; berkas, KK\";12,5;87,5;-3;2026-11-25 08:30\r\n"
        "Perekaman v1.2;3;100;42;\r\n");
    auto const records = read_csv(csv);
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[1], (std::vector<std::string> { "Verifikasi; berkas, KK", "12,5", "87,5", "-3", "2026-11-25 08:30" }));

    // ?pemisah=koma: RFC 4180's commas and decimal points.
    EXPECT_EQ(to_csv(table, CsvDialect::Comma).substr(3),
        "Tahap,Menit,Persen,Jumlah,Tanggal\r\n"
        "\"Verifikasi; berkas, KK\",12.5,87.5,-3,2026-11-25 08:30\r\n"
        "Perekaman v1.2,3,100,42,\r\n");
    EXPECT_EQ(to_csv(std::vector<Table> { table, table }).substr(3, 10), "Tahapan\r\nT");

    EXPECT_EQ(parse_csv_dialect("").value(), CsvDialect::Indonesian);
    EXPECT_EQ(parse_csv_dialect("titik-koma").value(), CsvDialect::Indonesian);
    EXPECT_EQ(parse_csv_dialect("koma").value(), CsvDialect::Comma);
    auto const bad = parse_csv_dialect("tab");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "pemisah");
}

TEST(TableExport, CsvWritesTextThatReadsAsAFormulaAsText)
{
    Table const table { .name = "Gangguan",
        .columns = { { "Catatan", Kind::Text }, { "Selisih", Kind::Number } },
        .rows = { { "=HYPERLINK(\"http://x\",\"klik\")", "-3" }, { "+62 812", "12.5" }, { "@SUM(A1)", "" }, { "-", "" }, { "- listrik padam", "" } } };
    auto const records = read_csv(to_csv(table));
    ASSERT_EQ(records.size(), 6u);
    EXPECT_EQ(records[1], (std::vector<std::string> { "'=HYPERLINK(\"http://x\",\"klik\")", "-3" }));
    EXPECT_EQ(records[2], (std::vector<std::string> { "'+62 812", "12,5" }));
    EXPECT_EQ(records[3][0], "'@SUM(A1)");
    EXPECT_EQ(records[4][0], "-");
    EXPECT_EQ(records[5][0], "'- listrik padam");
}

TEST(TableExport, CsvOfSeveralTablesHasOneSectionEach)
{
    Table const a { .name = "Ringkasan", .columns = { { "Uraian", Kind::Text }, { "Nilai", Kind::Number } }, .rows = { { "Diterima", "12" } } };
    Table const b { .name = "Alasan pengembalian", .columns = { { "Alasan", Kind::Text }, { "Jumlah", Kind::Number } }, .rows = { { "Lainnya", "1" } } };
    EXPECT_EQ(to_csv(std::vector<Table> { a }), to_csv(a));
    EXPECT_EQ(to_csv(std::vector<Table> { a, b }),
        "\xEF\xBB\xBF"
        "Ringkasan\r\nUraian;Nilai\r\nDiterima;12\r\n"
        "\r\n"
        "Alasan pengembalian\r\nAlasan;Jumlah\r\nLainnya;1\r\n");
}

TEST(TableExport, CellsAreFormattedWithOneDecimal)
{
    EXPECT_EQ(number_cell(-42), "-42");
    EXPECT_EQ(minutes_cell(0), "0");
    EXPECT_EQ(minutes_cell(60), "1");
    EXPECT_EQ(minutes_cell(150), "2.5");
    EXPECT_EQ(minutes_cell(89), "1.5");  // 1.483…
    EXPECT_EQ(minutes_cell(3597), "60"); // 59.95 rounds up to a whole minute.
    EXPECT_EQ(percent_cell(0.875), "87.5");
    EXPECT_EQ(percent_cell(1.0), "100");
    EXPECT_EQ(percent_cell(2.0 / 3), "66.7");
    EXPECT_EQ(percent_cell(0), "0");
}

// --- XLSX -------------------------------------------------------------------

TEST(TableExport, XlsxHoldsOneSheetPerTableWithTheNikAsText)
{
    Table const steps { .name = "Tahapan",
        .columns = { { "Tahap", Kind::Text }, { "Tepat waktu (%)", Kind::Percent }, { "Median (menit)", Kind::Minutes },
            { "Mulai", Kind::DateTime } },
        .rows = { { "Verifikasi berkas", "87.5", "2.5", "2026-11-25 08:30" }, { "Perekaman data", "", "", "" } } };
    auto xlsx = to_xlsx({ awkward_table(), steps });
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
    auto const workbook = read_workbook(*xlsx);
    ASSERT_FALSE(workbook.is_null());

    EXPECT_EQ(workbook["sheets"], nlohmann::json::array({ "Register E-KTP", "Tahapan" }));
    EXPECT_EQ(workbook["frozen"], nlohmann::json::array({ true, true }));
    EXPECT_EQ(workbook["widths"][0].size(), 6u);

    // The header row, as text.
    EXPECT_EQ(cell_text(workbook, 0, "A1"), "No.");
    EXPECT_EQ(cell_text(workbook, 0, "E1"), "NIK");
    // The NIK is a string with the text format: never 6.30506410799E+15.
    for (auto const& [ref, nik] : { std::pair { "E2", "6305064107990001" }, { "E3", "0305064107990002" }, { "E4", "6305064107990003" } }) {
        EXPECT_EQ(cell_type(workbook, 0, ref), "s") << ref;
        EXPECT_EQ(cell_text(workbook, 0, ref), nik) << ref;
        EXPECT_EQ(cell_format(workbook, 0, ref), "@") << ref;
    }
    EXPECT_EQ(cell_type(workbook, 0, "B2"), "s");
    EXPECT_EQ(cell_text(workbook, 0, "B4"), "0044");
    EXPECT_EQ(cell_text(workbook, 0, "D2"), "MA'RUF AMIN, S.Pd.");
    EXPECT_EQ(cell_text(workbook, 0, "F3"), "Désa Ḥulu; \"kutip\", koma");
    // Numbers as numbers, dates as Excel's day numbers.
    EXPECT_EQ(cell_type(workbook, 0, "A3"), "n");
    EXPECT_EQ(cell_text(workbook, 0, "A3"), "2");
    EXPECT_EQ(cell_type(workbook, 0, "C2"), "n");
    EXPECT_EQ(std::stod(cell_text(workbook, 0, "C2")), 25569.0 + static_cast<double>(to_days({ 2026, 11, 25 })));
    EXPECT_EQ(cell_format(workbook, 0, "C2"), "dd-mm-yyyy");
    EXPECT_EQ(cell_text(workbook, 0, "C4"), "<empty>");

    EXPECT_EQ(std::stod(cell_text(workbook, 1, "B2")), 0.875);
    EXPECT_EQ(cell_format(workbook, 1, "B2"), "0.0%");
    EXPECT_EQ(std::stod(cell_text(workbook, 1, "C2")), 2.5);
    EXPECT_NEAR(std::stod(cell_text(workbook, 1, "D2")), 25569.0 + static_cast<double>(to_days({ 2026, 11, 25 })) + 8.5 / 24, 1e-9);
    EXPECT_EQ(cell_text(workbook, 1, "B3"), "<empty>");
}

TEST(TableExport, XlsxWritesACellThatIsNotWhatItsColumnSaysAsText)
{
    Table const table { .name = "Uji", .columns = { { "Angka", Kind::Number }, { "Tanggal", Kind::Date } }, .rows = { { "0x10", "2026-02-30" }, { "—", "25-11-2026" } } };
    auto xlsx = to_xlsx({ table });
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
    auto const workbook = read_workbook(*xlsx);
    ASSERT_FALSE(workbook.is_null());
    for (auto const& [ref, text] : { std::pair { "A2", "0x10" }, { "B2", "2026-02-30" }, { "A3", "—" }, { "B3", "25-11-2026" } }) {
        EXPECT_EQ(cell_type(workbook, 0, ref), "s") << ref;
        EXPECT_EQ(cell_text(workbook, 0, ref), text) << ref;
    }
}

TEST(TableExport, XlsxSheetNamesAreMadeValidAndUnique)
{
    Column const one { "A", Kind::Text };
    auto xlsx = to_xlsx({ { .name = "Alasan: pengembalian/penundaan [2026] sangat panjang", .columns = { one } },
        { .name = "Tahapan", .columns = { one } }, { .name = "TAHAPAN", .columns = { one } }, { .name = "", .columns = { one } },
        { .name = "'Petugas'", .columns = { one } } });
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
    auto const workbook = read_workbook(*xlsx);
    ASSERT_FALSE(workbook.is_null());
    EXPECT_EQ(workbook["sheets"],
        nlohmann::json::array({ "Alasan- pengembalian-penundaan ", "Tahapan", "TAHAPAN (2)", "Lembar 4", "Petugas" }));
}

TEST(TableExport, XlsxRefusesNoTableAndACellTooLongForExcel)
{
    auto none = to_xlsx({});
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().kind, ErrorKind::Internal);

    Table const long_cell { .name = "Catatan", .columns = { { "Catatan", Kind::Text } }, .rows = { { std::string(40000, 'x') } } };
    auto refused = to_xlsx({ long_cell });
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("Catatan"), std::string::npos) << refused.error().message;
}

// --- File names and downloads -------------------------------------------------

TEST(TableExport, FileNamesSayWhatAndWhen)
{
    struct Case {
        std::string what, scope;
        ExportPeriod period;
        std::string extension, expected;
    };
    Case const cases[] = {
        { .what = "register_ektp", .scope = "CLU", .period = { .year = 2026 }, .extension = "csv", .expected = "register_ektp-CLU-2026.csv" },
        { .what = "register_ektp", .scope = "CLU", .period = { .from = Date { 2026, 1, 1 }, .to = Date { 2026, 3, 31 } }, .extension = "xlsx", .expected = "register_ektp-CLU-2026-01-01-sd-2026-03-31.xlsx" },
        { .what = "rekap-kinerja", .scope = "CLU", .period = { .from = Date { 2026, 11, 1 }, .to = Date { 2026, 11, 30 } }, .extension = "xlsx", .expected = "rekap-kinerja-CLU-2026-11-01-sd-2026-11-30.xlsx" },
        { .what = "gangguan", .scope = "", .period = {}, .extension = "csv", .expected = "gangguan.csv" },
        { .what = "rekap kinerja", .scope = "Kab. Tapin/\"63.05\"", .period = { .year = 2026 }, .extension = "csv", .expected = "rekap-kinerja-Kab.-Tapin--63.05--2026.csv" },
    };
    for (auto const& c : cases)
        EXPECT_EQ(export_file_name(c.what, c.scope, c.period, c.extension), c.expected) << c.expected;
}

TEST(TableExport, DownloadsAreAttachmentsWithTheirContentType)
{
    EXPECT_EQ(parse_export_format("csv"), ExportFormat::Csv);
    EXPECT_EQ(parse_export_format("xlsx"), ExportFormat::Xlsx);
    EXPECT_FALSE(parse_export_format("docx"));
    EXPECT_FALSE(parse_export_format(""));

    auto csv = export_attachment({ awkward_table() }, ExportFormat::Csv, "register_ektp-CLU-2026.csv");
    ASSERT_TRUE(csv.ok());
    EXPECT_EQ(csv->content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(csv->body, to_csv(awkward_table()));
    auto header = [](Response const& response, std::string const& name) {
        for (auto const& [key, value] : response.headers)
            if (key == name)
                return value;
        return std::string("<none>");
    };
    EXPECT_EQ(header(*csv, "Content-Disposition"), "attachment; filename=\"register_ektp-CLU-2026.csv\"");
    EXPECT_EQ(header(*csv, "Cache-Control"), "no-store");

    auto xlsx = export_attachment({ awkward_table() }, ExportFormat::Xlsx, "a\"b\r\nc.xlsx");
    ASSERT_TRUE(xlsx.ok());
    EXPECT_EQ(xlsx->content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
    EXPECT_EQ(header(*xlsx, "Content-Disposition"), "attachment; filename=\"a-b--c.xlsx\"");
}

// --- The report as tables -------------------------------------------------------

namespace {

std::vector<std::string> column(Table const& table, std::size_t index)
{
    std::vector<std::string> cells;
    for (auto const& row : table.rows)
        cells.push_back(index < row.size() ? row[index] : "");
    return cells;
}

std::vector<std::string> const* row_named(Table const& table, std::string const& first)
{
    for (auto const& row : table.rows)
        if (!row.empty() && row[0] == first)
            return &row;
    return nullptr;
}

ReportSummary hand_made_summary(SopDefinition const& definition)
{
    ReportSummary summary;
    summary.received = 12;
    summary.finished = 9;
    summary.returned_cases = 3;
    summary.returns = 4;
    summary.returned_by_reason = { { "tanpa_surat_pengantar", 3 }, { "lainnya", 1 }, { "alasan_lama", 2 } };
    summary.held_cases = 2;
    summary.holds = 2;
    summary.held_by_reason = { { "gangguan_jaringan", 2 } };
    summary.in_progress = 1;
    summary.late_now = 1;
    summary.total = { .standard_minutes = total_standard_minutes(definition), .cases = 8, .on_time = 7, .on_time_share = 0.875, .late = 1, .median_working_seconds = 1500, .p90_working_seconds = 1830, .median_elapsed_seconds = 2400, .p90_elapsed_seconds = 7200 };
    summary.outages = 1;
    summary.outage_seconds = 2700;
    summary.outage_seconds_by_kind = { { "jaringan", 2700 } };
    for (auto const& step : definition.steps)
        summary.steps.push_back({ .step_id = step.id, .standard_minutes = step.standard_minutes });
    summary.steps[1] = { .step_id = summary.steps[1].step_id, .standard_minutes = summary.steps[1].standard_minutes, .visits = 8, .on_time = 7, .on_time_share = 0.875, .late = 1, .very_late = 1, .median_seconds = 150, .p90_seconds = 400, .waiting_now = 1, .late_now = 1 };
    summary.officers = { { .user_id = 7, .actions = 5, .visits = 4, .on_time = 4, .median_seconds = 120, .p90_seconds = 180 },
        { .user_id = 3, .actions = 9, .visits = 8, .on_time = 7, .median_seconds = 150, .p90_seconds = 400 },
        { .user_id = 5, .actions = 2 } };
    return summary;
}

}

TEST(ReportTables, SummaryTablesWordTheReportInIndonesian)
{
    SopDefinition const definition = sopir::testing::load_perekaman_ektp();
    ReportSummary const summary = hand_made_summary(definition);
    auto const tables = summary_tables(summary, definition, { { 3, "Rahmawati" }, { 5, "Ahmad Fauzi" } }, "Rekap kinerja");

    std::vector<std::string> names;
    for (auto const& table : tables) {
        names.push_back(table.name);
        EXPECT_EQ(table.title, "Rekap kinerja");
    }
    EXPECT_EQ(names, (std::vector<std::string> { "Ringkasan", "Tahapan", "Alasan pengembalian", "Alasan penundaan", "Petugas" }));

    Table const& overview = tables[0];
    auto expect_figure = [&](std::string const& what, std::string const& value, std::string const& unit) {
        auto const* row = row_named(overview, what);
        ASSERT_NE(row, nullptr) << what;
        EXPECT_EQ(*row, (std::vector<std::string> { what, value, unit })) << what;
    };
    expect_figure("Diterima", "12", "berkas");
    expect_figure("Selesai", "9", "berkas");
    expect_figure("Dikembalikan kepada pemohon", "3", "berkas");
    expect_figure("Pengembalian", "4", "kali");
    expect_figure("Standar waktu total (SOP)", "29", "menit");
    expect_figure("Persentase waktu kerja tepat waktu", "87.5", "%");
    expect_figure("Median waktu kerja", "25", "menit");
    expect_figure("Persentil ke-90 waktu kerja", "30.5", "menit");
    expect_figure("Lama gangguan: Gangguan jaringan", "45", "menit");

    Table const& steps = tables[1];
    ASSERT_EQ(steps.rows.size(), definition.steps.size());
    EXPECT_EQ(steps.columns[4].kind, Kind::Percent);
    EXPECT_EQ(column(steps, 0)[0], "Pengajuan permohonan");
    EXPECT_EQ(steps.rows[1], (std::vector<std::string> { "Verifikasi berkas", "5", "8", "7", "87.5", "1", "1", "2.5", "6.7", "1", "1", "0" }));
    // A step nobody finished has no share and no median: empty, not 0.
    EXPECT_EQ(steps.rows[2][0], "Perekaman data");
    EXPECT_EQ(steps.rows[2][2], "0");
    EXPECT_EQ(steps.rows[2][4], "");
    EXPECT_EQ(steps.rows[2][7], "");

    // Every reason of the SOP's return slip, in its order, then one it no
    // longer has.
    Table const& returned = tables[2];
    EXPECT_EQ(column(returned, 0),
        (std::vector<std::string> { "Surat Pengantar dari Kepala Desa tidak ada", "Akta Kelahiran tidak ada", "Kartu Keluarga tidak ada",
            "Data pada dokumen tidak sesuai", "Belum cukup umur dan belum kawin", "Lainnya", "alasan_lama" }));
    EXPECT_EQ(column(returned, 1), (std::vector<std::string> { "3", "0", "0", "0", "0", "1", "2" }));

    Table const& held = tables[3];
    EXPECT_EQ(column(held, 0), (std::vector<std::string> { "Gangguan jaringan", "Kerusakan alat atau komputer", "Lainnya" }));
    EXPECT_EQ(column(held, 1), (std::vector<std::string> { "2", "0", "0" }));

    Table const& officers = tables[4];
    EXPECT_EQ(column(officers, 0), (std::vector<std::string> { "#7", "Ahmad Fauzi", "Rahmawati" }));
    EXPECT_EQ(officers.rows[2], (std::vector<std::string> { "Rahmawati", "9", "8", "7", "2.5", "6.7" }));
    EXPECT_EQ(officers.rows[1], (std::vector<std::string> { "Ahmad Fauzi", "2", "0", "0", "", "" }));

    // And the workbook opens with them.
    auto xlsx = to_xlsx(tables);
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
    auto const workbook = read_workbook(*xlsx);
    ASSERT_FALSE(workbook.is_null());
    EXPECT_EQ(workbook["sheets"].size(), 5u);
    EXPECT_EQ(cell_text(workbook, 1, "A3"), "Verifikasi berkas");
    EXPECT_EQ(std::stod(cell_text(workbook, 1, "E3")), 0.875);
}

TEST(ReportTables, OfficeSummaryHasOneRowPerOffice)
{
    ReportSummary busy;
    busy.received = 30;
    busy.finished = 25;
    busy.total = { .cases = 20, .on_time_share = 0.9, .median_working_seconds = 1260, .p90_working_seconds = 1800 };
    busy.outage_seconds = 90;
    ReportSummary quiet;
    quiet.received = 1;
    Table const table = office_summary_table({ { "Candi Laras Utara", busy }, { "Candi Laras Selatan", quiet } });
    EXPECT_EQ(table.name, "Per kantor");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0], (std::vector<std::string> { "Candi Laras Utara", "30", "25", "0", "0", "90", "21", "30", "0", "0", "1.5" }));
    EXPECT_EQ(table.rows[1], (std::vector<std::string> { "Candi Laras Selatan", "1", "0", "0", "0", "", "", "", "0", "0", "0" }));
}

TEST(ReportTables, OutagesInLocalTimeWithTheirLength)
{
    // 2026-11-25 00:30 UTC is 08:30 WITA.
    Timestamp const start = to_days({ 2026, 11, 25 }) * 86400 + 30 * 60;
    std::vector<OutageRecord> const outages {
        { .id = 1, .kind = "jaringan", .note = "SIAK putus, \"server\" pusat", .started_at = start, .ended_at = start + 45 * 60, .recorded_by = 3, .ended_by = 5,
            .held_cases = 3, .resumed_cases = 2 },
        { .id = 2, .kind = "listrik", .note = "", .started_at = start + 86400, .recorded_by = 9 },
    };
    Table const table = outages_table(outages, 480, { { 3, "Rahmawati" }, { 5, "Ahmad Fauzi" } });
    EXPECT_EQ(table.name, "Gangguan");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0], (std::vector<std::string> { "2026-11-25 08:30", "2026-11-25 09:15", "45", "Selesai", "Gangguan jaringan", "SIAK putus, \"server\" pusat", "Rahmawati", "Ahmad Fauzi", "3", "2" }));
    EXPECT_EQ(table.rows[1], (std::vector<std::string> { "2026-11-26 08:30", "", "", "Masih berlangsung", "Listrik padam", "", "#9", "", "0", "0" }));

    auto const records = read_csv(to_csv(table));
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[1], table.rows[0]);
}
