#include "web/table_export.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace sopir::web {

namespace {

    using Kind = Column::Kind;

    constexpr std::string_view k_byte_order_mark = "\xEF\xBB\xBF";
    constexpr std::string_view k_xlsx_content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    // Excel's limits: a sheet name of 31 characters, a page header of 255.
    constexpr std::size_t k_max_sheet_name = 31;
    constexpr std::size_t k_max_page_header = 255;

    // "12.5" from 125 tenths; "12" when the tenths are 0.
    std::string from_tenths(long long tenths)
    {
        std::string sign = tenths < 0 ? "-" : "";
        unsigned long long const magnitude = tenths < 0 ? -static_cast<unsigned long long>(tenths) : tenths;
        std::string text = sign + std::to_string(magnitude / 10);
        if (magnitude % 10)
            text += "." + std::to_string(magnitude % 10);
        return text;
    }

    // Characters, not bytes, of UTF-8 text.
    std::size_t display_length(std::string_view text)
    {
        return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    }

    // The first `limit` characters of UTF-8 text.
    std::string first_characters(std::string_view text, std::size_t limit)
    {
        std::size_t count = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && count++ == limit)
                return std::string(text.substr(0, i));
        }
        return std::string(text);
    }

    // At most `limit` bytes of UTF-8 text, never cutting a character.
    std::string first_bytes(std::string_view text, std::size_t limit)
    {
        if (text.size() <= limit)
            return std::string(text);
        std::size_t end = limit;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        return std::string(text.substr(0, end));
    }

    std::string_view cell_at(std::vector<std::string> const& row, std::size_t column)
    {
        return column < row.size() ? std::string_view(row[column]) : std::string_view();
    }

    // --- CSV ---------------------------------------------------------------

    // OWASP "CSV Injection": these first characters make a spreadsheet read
    // a cell as a formula.
    bool reads_as_formula(std::string_view text)
    {
        return text.size() > 1 && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    }

    char separator_of(CsvDialect dialect)
    {
        return dialect == CsvDialect::Comma ? ',' : ';';
    }

    bool decimal(Kind kind)
    {
        return kind == Kind::Number || kind == Kind::Percent || kind == Kind::Minutes;
    }

    // RFC 4180: a field holding the separator, a quote or a line break is
    // quoted, with its quotes doubled. A text field's comma is quoted in
    // either dialect, so that a file opened with the other separator still
    // splits right; a decimal comma is left bare, as Excel writes it.
    void append_csv_field(std::string& out, std::string_view field, Kind kind, CsvDialect dialect)
    {
        std::string changed;
        if (kind == Kind::Text && reads_as_formula(field)) {
            changed = "'" + std::string(field);
            field = changed;
        } else if (dialect == CsvDialect::Indonesian && decimal(kind) && field.find('.') != std::string_view::npos) {
            changed = std::string(field);
            std::replace(changed.begin(), changed.end(), '.', ',');
            field = changed;
        }
        std::string_view const special = dialect == CsvDialect::Comma ? ",\"\r\n" : decimal(kind) ? ";\"\r\n" : ",;\"\r\n";
        if (field.find_first_of(special) == std::string_view::npos) {
            out += field;
            return;
        }
        out += '"';
        for (char c : field) {
            if (c == '"')
                out += '"';
            out += c;
        }
        out += '"';
    }

    void append_csv_table(std::string& out, Table const& table, CsvDialect dialect)
    {
        char const separator = separator_of(dialect);
        for (std::size_t column = 0; column < table.columns.size(); ++column) {
            if (column)
                out += separator;
            append_csv_field(out, table.columns[column].heading, Kind::Text, dialect);
        }
        out += "\r\n";
        for (auto const& row : table.rows) {
            for (std::size_t column = 0; column < table.columns.size(); ++column) {
                if (column)
                    out += separator;
                append_csv_field(out, cell_at(row, column), table.columns[column].kind, dialect);
            }
            out += "\r\n";
        }
    }

    // --- XLSX --------------------------------------------------------------

    std::optional<double> parse_number(std::string_view text)
    {
        double value = 0;
        auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
            return std::nullopt;
        return value;
    }

    std::optional<int> two_digits(std::string_view text)
    {
        if (text.size() != 2 || text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9')
            return std::nullopt;
        return (text[0] - '0') * 10 + (text[1] - '0');
    }

    // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM".
    std::optional<lxw_datetime> parse_datetime(std::string_view text, Kind kind)
    {
        if (kind == Kind::Date ? text.size() != 10 : text.size() != 16 || text[10] != ' ' || text[13] != ':')
            return std::nullopt;
        auto const day = parse_iso_date(text.substr(0, 10));
        if (!day)
            return std::nullopt;
        lxw_datetime when { .year = day->year, .month = day->month, .day = day->day, .hour = 0, .min = 0, .sec = 0 };
        if (kind == Kind::DateTime) {
            auto const hour = two_digits(text.substr(11, 2));
            auto const minute = two_digits(text.substr(14, 2));
            if (!hour || !minute || *hour > 23 || *minute > 59)
                return std::nullopt;
            when.hour = *hour;
            when.min = *minute;
        }
        return when;
    }

    struct Formats {
        lxw_format* heading { nullptr };
        lxw_format* text { nullptr };
        lxw_format* percent { nullptr };
        lxw_format* minutes { nullptr };
        lxw_format* date { nullptr };
        lxw_format* datetime { nullptr };

        lxw_format* of(Kind kind) const
        {
            switch (kind) {
            case Kind::Text:
                return text;
            case Kind::Number:
                return nullptr;
            case Kind::Percent:
                return percent;
            case Kind::Minutes:
                return minutes;
            case Kind::Date:
                return date;
            case Kind::DateTime:
                return datetime;
            }
            return nullptr;
        }
    };

    Formats add_formats(lxw_workbook* workbook)
    {
        auto numbered = [&](char const* pattern) {
            lxw_format* format = workbook_add_format(workbook);
            format_set_num_format(format, pattern);
            return format;
        };
        Formats formats;
        formats.heading = workbook_add_format(workbook);
        format_set_bold(formats.heading);
        format_set_text_wrap(formats.heading);
        format_set_align(formats.heading, LXW_ALIGN_VERTICAL_TOP);
        formats.text = numbered("@");
        formats.percent = numbered("0.0%");
        formats.minutes = numbered("0.0");
        formats.date = numbered("dd-mm-yyyy");
        formats.datetime = numbered("dd-mm-yyyy hh:mm");
        return formats;
    }

    // Wide enough for the cells, and for the heading up to a point: a long
    // heading wraps rather than widening a column of small numbers.
    double fitted_width(Table const& table, std::size_t column)
    {
        Column const& definition = table.columns[column];
        if (definition.width > 0)
            return definition.width;
        std::size_t widest = std::min<std::size_t>(display_length(definition.heading), 24);
        for (auto const& row : table.rows) {
            std::string_view const cell = cell_at(row, column);
            std::size_t length = display_length(cell);
            if (definition.kind == Kind::Percent && !cell.empty())
                ++length;
            widest = std::max(widest, length);
        }
        return std::clamp<double>(static_cast<double>(widest) + 2, 6, 60);
    }

    // Excel refuses a sheet name with []:*?/\, starting or ending with an
    // apostrophe, longer than 31 characters or equal (ignoring case) to
    // another sheet's.
    std::string sheet_name(std::string_view wanted, std::size_t index, std::vector<std::string>& taken)
    {
        std::string name;
        for (char c : wanted)
            name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
        while (!name.empty() && name.front() == '\'')
            name.erase(name.begin());
        name = first_characters(name, k_max_sheet_name);
        while (!name.empty() && name.back() == '\'')
            name.pop_back();
        if (name.empty())
            name = "Lembar " + std::to_string(index + 1);
        auto lowered = [](std::string text) {
            std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return text;
        };
        std::string unique = name;
        for (int copy = 2; std::find(taken.begin(), taken.end(), lowered(unique)) != taken.end(); ++copy) {
            std::string const suffix = " (" + std::to_string(copy) + ")";
            unique = first_characters(name, k_max_sheet_name - suffix.size()) + suffix;
        }
        taken.push_back(lowered(unique));
        return unique;
    }

    // The title at the top of every printed page; "&" starts a control code
    // in Excel's page headers, so it is doubled.
    std::string page_header(std::string_view title)
    {
        std::string escaped;
        for (char c : title) {
            if (c == '&')
                escaped += '&';
            escaped += c;
        }
        std::string header = "&C" + first_bytes(escaped, k_max_page_header - 2);
        // A cut between the two characters of "&&" would leave a control code.
        std::size_t ampersands = 0;
        for (auto it = header.rbegin(); it != header.rend() && *it == '&'; ++it)
            ++ampersands;
        if (ampersands % 2)
            header.pop_back();
        return header;
    }

    lxw_error write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, std::string_view cell, Kind kind, Formats const& formats)
    {
        if (cell.empty())
            return LXW_NO_ERROR;
        std::string const text(cell);
        switch (kind) {
        case Kind::Text:
            break;
        case Kind::Number:
        case Kind::Percent:
        case Kind::Minutes:
            if (auto value = parse_number(cell))
                return worksheet_write_number(sheet, row, column, kind == Kind::Percent ? *value / 100 : *value, formats.of(kind));
            break;
        case Kind::Date:
        case Kind::DateTime:
            if (auto when = parse_datetime(cell, kind))
                return worksheet_write_datetime(sheet, row, column, &*when, formats.of(kind));
            break;
        }
        // Text, or a cell that is not what its column says: as it reads.
        return worksheet_write_string(sheet, row, column, text.c_str(), formats.text);
    }

    // Returns the first error; the sheet is left as far as it got.
    lxw_error write_sheet(lxw_worksheet* sheet, Table const& table, Formats const& formats)
    {
        auto const columns = static_cast<lxw_col_t>(std::min<std::size_t>(table.columns.size(), LXW_COL_MAX));
        for (lxw_col_t column = 0; column < columns; ++column) {
            Column const& definition = table.columns[column];
            worksheet_set_column(sheet, column, column, fitted_width(table, column), formats.of(definition.kind));
            if (auto error = worksheet_write_string(sheet, 0, column, definition.heading.c_str(), formats.heading))
                return error;
        }
        worksheet_freeze_panes(sheet, 1, 0);
        worksheet_repeat_rows(sheet, 0, 0);
        worksheet_fit_to_pages(sheet, 1, 0);
        if (columns > 6)
            worksheet_set_landscape(sheet);
        if (!table.title.empty())
            worksheet_set_header(sheet, page_header(table.title).c_str());
        if (columns > 0)
            worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()), columns - 1);

        lxw_row_t row_number = 1;
        for (auto const& row : table.rows) {
            for (lxw_col_t column = 0; column < columns; ++column)
                if (auto error = write_cell(sheet, row_number, column, cell_at(row, column), table.columns[column].kind, formats))
                    return error;
            ++row_number;
        }
        return LXW_NO_ERROR;
    }

    // libxlsxwriter 1.1.4 (Debian 12) writes only to a file: a private
    // temporary one, read back and removed.
    Result<std::string> write_workbook(std::vector<Table> const& tables)
    {
        std::string path = (std::filesystem::temp_directory_path() / "sopir-export-XXXXXX").string();
        int const fd = mkstemp(path.data());
        if (fd < 0)
            return Error::internal("Berkas sementara untuk XLSX tidak dapat dibuat.");
        close(fd);
        struct Remove {
            std::string const& path;
            ~Remove() { std::remove(path.c_str()); }
        } remove_later { path };

        lxw_workbook* workbook = workbook_new(path.c_str());
        if (!workbook)
            return Error::internal("Berkas XLSX tidak dapat dibuat.");
        std::string title = tables.front().title;
        lxw_doc_properties properties {};
        properties.title = title.data();
        if (!title.empty())
            workbook_set_properties(workbook, &properties);
        Formats const formats = add_formats(workbook);

        std::optional<Error> failed;
        std::vector<std::string> taken;
        for (std::size_t index = 0; index < tables.size() && !failed; ++index) {
            Table const& table = tables[index];
            std::string const name = sheet_name(table.name, index, taken);
            lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
            if (!sheet)
                failed = Error::internal("Lembar '" + name + "' tidak dapat dibuat di XLSX.");
            else if (table.rows.size() >= LXW_ROW_MAX)
                failed = Error::internal("Lembar '" + name + "' terlalu panjang untuk XLSX (" + std::to_string(table.rows.size()) + " baris).");
            else if (write_sheet(sheet, table, formats) != LXW_NO_ERROR)
                failed = Error::internal("Isi lembar '" + name + "' tidak dapat ditulis ke XLSX (sel terlalu panjang?).");
        }
        // Closed even after an error: closing frees the workbook.
        lxw_error const closed = workbook_close(workbook);
        if (failed)
            return *failed;
        if (closed != LXW_NO_ERROR)
            return Error::internal("Berkas XLSX tidak dapat ditulis.");
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (!in)
            return Error::internal("Berkas XLSX tidak dapat dibaca kembali.");
        return bytes.str();
    }

    void append_file_name_part(std::string& out, std::string_view part)
    {
        for (char c : part)
            out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '-';
    }

}

std::string number_cell(std::int64_t value)
{
    return std::to_string(value);
}

std::string minutes_cell(std::int64_t seconds)
{
    return from_tenths(std::llround(static_cast<double>(seconds) / 6.0));
}

std::string percent_cell(double share)
{
    return from_tenths(std::llround(share * 1000.0));
}

Result<CsvDialect> parse_csv_dialect(std::string_view pemisah)
{
    if (pemisah.empty() || pemisah == "titik-koma")
        return CsvDialect::Indonesian;
    if (pemisah == "koma")
        return CsvDialect::Comma;
    return Error::invalid("pemisah", "Pemisah CSV yang tersedia: titik-koma (bawaan, untuk Excel berbahasa Indonesia) atau koma.", "export.separator");
}

std::string to_csv(Table const& table, CsvDialect dialect)
{
    std::string out(k_byte_order_mark);
    append_csv_table(out, table, dialect);
    return out;
}

std::string to_csv(std::vector<Table> const& tables, CsvDialect dialect)
{
    if (tables.size() == 1)
        return to_csv(tables.front(), dialect);
    std::string out(k_byte_order_mark);
    for (std::size_t index = 0; index < tables.size(); ++index) {
        if (index)
            out += "\r\n";
        append_csv_field(out, tables[index].name, Kind::Text, dialect);
        out += "\r\n";
        append_csv_table(out, tables[index], dialect);
    }
    return out;
}

Result<std::string> to_xlsx(std::vector<Table> const& tables)
{
    if (tables.empty())
        return Error::internal("Tidak ada tabel untuk XLSX.");
    return write_workbook(tables);
}

std::string export_file_name(std::string_view what, std::string_view scope, ExportPeriod const& period, std::string_view extension)
{
    std::string name;
    append_file_name_part(name, what);
    if (!scope.empty()) {
        name += '-';
        append_file_name_part(name, scope);
    }
    if (period.year)
        name += "-" + std::to_string(*period.year);
    if (period.from)
        name += "-" + to_iso(*period.from);
    if (period.to)
        name += "-sd-" + to_iso(*period.to);
    name += '.';
    append_file_name_part(name, extension);
    return name;
}

std::optional<ExportFormat> parse_export_format(std::string_view text)
{
    if (text == "csv")
        return ExportFormat::Csv;
    if (text == "xlsx")
        return ExportFormat::Xlsx;
    return std::nullopt;
}

std::string_view file_extension(ExportFormat format)
{
    return format == ExportFormat::Csv ? "csv" : "xlsx";
}

std::string_view content_type(ExportFormat format)
{
    return format == ExportFormat::Csv ? "text/csv; charset=utf-8" : k_xlsx_content_type;
}

Response attachment(std::string body, std::string content_type, std::string const& file_name)
{
    std::string safe;
    append_file_name_part(safe, file_name);
    Response response;
    response.status = 200;
    response.content_type = std::move(content_type);
    response.body = std::move(body);
    response.header("Content-Disposition", "attachment; filename=\"" + safe + "\"");
    response.header("Cache-Control", "no-store");
    return response;
}

Result<Response> export_attachment(std::vector<Table> const& tables, ExportFormat format, std::string const& file_name, CsvDialect dialect)
{
    if (tables.empty())
        return Error::internal("Tidak ada tabel untuk diunduh.");
    std::string body;
    if (format == ExportFormat::Csv) {
        body = to_csv(tables, dialect);
    } else {
        auto xlsx = to_xlsx(tables);
        if (!xlsx.ok())
            return xlsx.error();
        body = std::move(*xlsx);
    }
    return attachment(std::move(body), std::string(content_type(format)), file_name);
}

}
