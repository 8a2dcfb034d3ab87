#pragma once
// Tables for the office's spreadsheets: every table and
// report the desk shows can be downloaded as CSV and as XLSX, under a file
// name that says what it holds and for when. One module writes both formats,
// so that the registers, the performance report and the outage log read the
// same in a spreadsheet.
//
// A table is text: each cell holds what the CSV file shows, and the column's
// kind tells the XLSX writer how to store it. A number is held with a
// decimal point ("12.5"; the Indonesian CSV writes it "12,5"), a date as "YYYY-MM-DD" and a date and time as
// "YYYY-MM-DD HH:MM" (the office's local time); number_cell(), minutes_cell()
// and percent_cell() below format them. An empty cell stays empty in both
// formats.

#include "core/date.hpp"
#include "core/result.hpp"
#include "web/http.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopir::web {

struct Column {
    enum class Kind {
        // Kept as text in XLSX even when it looks like a number: a NIK or KK
        // (16 digits) as a number would be rounded to 15 significant digits,
        // and a register number "0042" would lose its zeros.
        Text,
        Number,   // "42", "12.5": a number in XLSX.
        Percent,  // "87.5" (percent): stored in XLSX as the share 0.875, shown "87.5%".
        Minutes,  // "12.5" (minutes): a number in XLSX, shown with one decimal.
        Date,     // "2026-11-25": a date in XLSX, shown "25-11-2026".
        DateTime, // "2026-11-25 08:30": a date and time in XLSX.
    };

    std::string heading;
    Kind kind { Kind::Text };
    // The XLSX column width in characters; 0 to fit the cells.
    double width { 0 };
};

struct Table {
    // The XLSX sheet name ("Tahapan"): at most 31 characters, none of
    // []:*?/\ (others are replaced with "-", longer names shortened).
    std::string name;
    // What the table is, for whoever prints it: the XLSX page header, e.g.
    // "Rekap kinerja Perekaman E-KTP, Candi Laras Utara, 2026-11-01 s.d. 2026-11-30".
    // Not written to CSV, whose first line is the header row.
    std::string title;
    std::vector<Column> columns;
    // Each row has one cell per column; missing cells are empty and cells
    // beyond the columns are left out.
    std::vector<std::vector<std::string>> rows;
};

// Cells, formatted as the column kinds above expect.
std::string number_cell(std::int64_t);
std::string minutes_cell(std::int64_t seconds); // One decimal, e.g. "12.5"; "12" for a whole minute.
std::string percent_cell(double share);         // 0.875 → "87.5".

// How a CSV file separates its fields and writes its decimals.
enum class CsvDialect {
    // The default, for Microsoft Excel set to the Indonesian locale, as the
    // kecamatan offices' Windows are: its list separator is ";" and its
    // decimal separator ",", so a comma-separated file opens as one column
    // and "12.5" reads as text (or as a date). Fields are separated by ";",
    // and number, percent and minutes cells are written "12,5".
    Indonesian,
    // RFC 4180 as written: "," between fields, "12.5" (for LibreOffice, Python,
    // or an Excel in an English locale).
    Comma,
};

// The dialect a download asks for with ?pemisah=: "koma" for Comma,
// "titik-koma" or nothing for Indonesian; an Invalid error naming
// "pemisah" for anything else.
Result<CsvDialect> parse_csv_dialect(std::string_view pemisah);

// CSV in the manner of RFC 4180 (UTF-8, CRLF line ends, a field with the
// separator, a quote or a line break in double quotes, inner quotes doubled),
// its first line the column headings, separated as `dialect` says.
//
// The file starts with a UTF-8 byte order mark: Microsoft Excel, as used in
// the kecamatan offices, opens a CSV file without one in the Windows code
// page and garbles every name with a non-ASCII letter; LibreOffice, Python's
// csv with encoding="utf-8-sig" and core/csv.hpp skip it.
//
// A text cell that starts with =, +, - or @ (and is more than that one
// character) is written with a leading apostrophe, so that a spreadsheet
// opening the file reads it as text and never runs it as a formula (OWASP,
// "CSV Injection"). Number, date and time cells are never changed, but for
// the decimal comma.
std::string to_csv(Table const&, CsvDialect = CsvDialect::Indonesian);
// Several tables in one file, for the reports: the byte order mark once, then
// for each table its name on a line of its own, its header row and its rows,
// with an empty line between tables. One table is written as to_csv(Table).
std::string to_csv(std::vector<Table> const&, CsvDialect = CsvDialect::Indonesian);

// An XLSX workbook (Office Open XML) with one sheet per table: the header row
// bold, frozen and repeated on every printed page, an autofilter over the
// columns, column widths set, numbers, dates and times stored as such and
// text as text. An Internal error when there is no table or libxlsxwriter
// cannot write a cell (a cell longer than 32767 characters, a table of more
// than 1048575 rows).
Result<std::string> to_xlsx(std::vector<Table> const&);

// The period a download covers, as its file name tells it.
struct ExportPeriod {
    std::optional<int> year;
    std::optional<Date> from;
    std::optional<Date> to;
};

// "<what>-<scope>[-<year>][-<from>][-sd-<to>].<extension>", e.g.
// "register_ektp-CLU-2026.csv", "register_ektp-CLU-2026-01-01-sd-2026-03-31.xlsx",
// "rekap-kinerja-CLU-2026-11-01-sd-2026-11-30.xlsx". Characters other than
// ASCII letters, digits, ".", "-" and "_" become "-".
std::string export_file_name(std::string_view what, std::string_view scope, ExportPeriod const&, std::string_view extension);

enum class ExportFormat {
    Csv,
    Xlsx,
};

// "csv" or "xlsx"; nothing for anything else.
std::optional<ExportFormat> parse_export_format(std::string_view);
std::string_view file_extension(ExportFormat); // "csv", "xlsx"
std::string_view content_type(ExportFormat);   // "text/csv; charset=utf-8", "application/vnd.openxmlformats-…sheet"

// A download: 200 with Content-Disposition: attachment and no caching (the
// rows name people). The file name is made safe as pdf_response's is.
Response attachment(std::string body, std::string content_type, std::string const& file_name);

// The tables in the format asked for, as a download: CSV with to_csv (one
// table, or several as sections) in `dialect`, XLSX with to_xlsx.
Result<Response> export_attachment(std::vector<Table> const&, ExportFormat, std::string const& file_name, CsvDialect = CsvDialect::Indonesian);

}
