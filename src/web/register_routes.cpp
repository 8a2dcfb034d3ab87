// The registers (issue 6, items 2 and 6): the Register E-KTP and the agenda
// book of letters as searchable, paged tables in JSON, the same rows as CSV
// and XLSX for the office's spreadsheets, and the printable pages as PDF.
//
//   GET /api/v1/registers/{register}?year=&q=&from=&to=&village=&page=&per_page=
//   GET /api/v1/registers/{register}?format=csv|xlsx&… (every matching row)
//   GET /api/v1/registers/{register}?format=pdf&from=&to=
#include "web/api_support.hpp"
#include "web/web.hpp"

#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace sopir::web {

namespace {

    using Json = nlohmann::ordered_json;
    using store::RegisterLine;

    constexpr std::int64_t k_default_per_page = 50;
    constexpr std::int64_t k_max_per_page = 200;
    // An export larger than this is refused rather than cut short: a narrower
    // period or filter is asked for.
    constexpr std::int64_t k_max_export_rows = 100000;

    enum class RegisterFormat {
        Json,
        Csv,
        Xlsx,
        Pdf,
    };

    // A parsed request: what to search, and how to answer.
    struct RegisterSearch {
        RegisterFormat format { RegisterFormat::Json };
        RegisterDefinition const* book { nullptr };
        store::RegisterQuery query;
        std::optional<Date> from, to;
        std::int64_t page { 1 };
        std::int64_t per_page { k_default_per_page };
    };

    Timestamp local_midnight(Date day, Office const& office)
    {
        return to_days(day) * 86400 - static_cast<Timestamp>(office.utc_offset_minutes) * 60;
    }

    bool all_digits(std::string_view text)
    {
        return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
    }

    std::string trimmed(std::string const& text)
    {
        auto const first = text.find_first_not_of(" \t");
        if (first == std::string::npos)
            return {};
        return text.substr(first, text.find_last_not_of(" \t") - first + 1);
    }

    // A whole number in [low, high], or nothing.
    std::optional<std::int64_t> parse_count(std::string const& text, std::int64_t low, std::int64_t high)
    {
        if (!all_digits(text) || text.size() > 9)
            return std::nullopt;
        std::int64_t const value = std::atoll(text.c_str());
        if (value < low || value > high)
            return std::nullopt;
        return value;
    }

    // One search box for four things: a NIK is 16 digits, a bare number is the
    // number in the register ("42" finds "0042/REG-EKTP/…"), a formatted number
    // starts with a digit ("0042/REG-EKTP/…", "400.12.2.1/…"), and a name never
    // does.
    void apply_search_text(std::string const& q, store::RegisterQuery& query)
    {
        if (q.empty())
            return;
        if (q.size() == 16 && all_digits(q))
            query.nik = q;
        else if (all_digits(q) && q.size() <= 9)
            query.number = std::atoll(q.c_str());
        else if (q.front() >= '0' && q.front() <= '9')
            query.number_prefix = q;
        else
            query.name_prefix = q;
    }

    Result<RegisterSearch> parse_search(Request const& request, Staff const& staff, Desk const& desk)
    {
        RegisterSearch search;
        // The books list every applicant: office staff only.
        if (desk.is_applicant_only(staff))
            return Error::forbidden("Buku register hanya untuk petugas kantor.");
        std::string const register_id = request.param("register");
        for (auto const& definition : desk.services())
            if (auto const* found = definition.find_register(register_id))
                search.book = found;
        if (!search.book)
            return Error::invalid("register", "Register '" + register_id + "' tidak dikenal.", "register.unknown");

        std::string const format = request.query.get("format");
        if (format.empty() || format == "json")
            search.format = RegisterFormat::Json;
        else if (format == "csv")
            search.format = RegisterFormat::Csv;
        else if (format == "xlsx")
            search.format = RegisterFormat::Xlsx;
        else if (format == "pdf")
            search.format = RegisterFormat::Pdf;
        else
            return Error::invalid("format", "Format yang tersedia: json, csv, xlsx, pdf.", "register.format");

        if (request.query.has("from")) {
            search.from = parse_iso_date(request.query.get("from"));
            if (!search.from)
                return Error::invalid("from", "Tanggal awal (from) harus berbentuk TTTT-BB-HH.", "register.from");
        }
        if (request.query.has("to")) {
            search.to = parse_iso_date(request.query.get("to"));
            if (!search.to)
                return Error::invalid("to", "Tanggal akhir (to) harus berbentuk TTTT-BB-HH.", "register.to");
        }
        if (search.from && search.to && *search.to < *search.from)
            return Error::invalid("to", "Tanggal akhir tidak boleh sebelum tanggal awal.", "register.period");

        auto& query = search.query;
        query.office_id = staff.office.id;
        query.register_id = register_id;
        // The year defaults to this one, unless a period says which days.
        if (request.query.has("year")) {
            auto year = parse_count(request.query.get("year"), 1900, 9999);
            if (!year)
                return Error::invalid("year", "Tahun (year) harus berupa angka empat digit.", "register.year");
            query.year = static_cast<int>(*year);
        } else if (!search.from && !search.to) {
            query.year = staff.today.year;
        }
        if (search.from)
            query.from = local_midnight(*search.from, staff.office);
        if (search.to)
            query.to = local_midnight(from_days(to_days(*search.to) + 1), staff.office);
        apply_search_text(trimmed(request.query.get("q")), query);
        query.village_code = trimmed(request.query.get("village"));

        if (request.query.has("page")) {
            auto page = parse_count(request.query.get("page"), 1, 100000000);
            if (!page)
                return Error::invalid("page", "Halaman (page) harus berupa angka mulai dari 1.", "register.page");
            search.page = *page;
        }
        if (request.query.has("per_page")) {
            auto per_page = parse_count(request.query.get("per_page"), 1, k_max_per_page);
            if (!per_page)
                return Error::invalid("per_page", "Baris per halaman (per_page) harus 1 sampai 200.", "register.per_page");
            search.per_page = *per_page;
        }
        if (search.format == RegisterFormat::Json) {
            query.offset = (search.page - 1) * search.per_page;
            query.limit = search.per_page;
        } else {
            // The exports hold every matching row; one more than allowed tells
            // that there are too many.
            query.offset = 0;
            query.limit = k_max_export_rows;
        }
        return search;
    }

    // One row as the tables and the exports show it.
    struct ShownRow {
        RegisterLine const& line;
        std::string date;
        std::string village;
    };

    ShownRow shown(RegisterLine const& line, Staff const& staff, Regions const& regions)
    {
        Region const* village = regions.find(line.village_code);
        return { .line = line, .date = to_iso(local_date(line.entry.taken_at, staff.office.utc_offset_minutes)), .village = village ? village->name : line.village_code };
    }

    // "register_ektp-CLU-2026.csv", or with the period:
    // "register_ektp-CLU-2026-01-01-sd-2026-03-31.xlsx".
    std::string export_file_name(RegisterSearch const& search, Staff const& staff, std::string const& extension)
    {
        std::string name = search.query.register_id + "-" + staff.office.unit_code;
        if (search.query.year)
            name += "-" + std::to_string(*search.query.year);
        if (search.from)
            name += "-" + to_iso(*search.from);
        if (search.to)
            name += "-sd-" + to_iso(*search.to);
        return name + "." + extension;
    }

    Response attachment(std::string body, std::string content_type, std::string const& file_name)
    {
        Response response;
        response.status = 200;
        response.content_type = std::move(content_type);
        response.body = std::move(body);
        response.header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
        response.header("Cache-Control", "no-store");
        return response;
    }

    Json page_json(RegisterSearch const& search, store::RegisterPage const& page, Staff const& staff, Regions const& regions)
    {
        Json rows = Json::array();
        for (auto const& line : page.lines) {
            auto const row = shown(line, staff, regions);
            rows.push_back({ { "number", line.entry.number }, { "formatted", line.entry.formatted }, { "date", row.date },
                { "taken_at", to_iso_datetime(line.entry.taken_at, staff.office.utc_offset_minutes) }, { "case_id", line.entry.case_id },
                { "name", line.applicant_name }, { "nik", line.nik }, { "village_code", line.village_code }, { "village", row.village } });
        }
        return { { "register", search.query.register_id }, { "year", search.query.year ? Json(*search.query.year) : Json(nullptr) },
            { "page", search.page }, { "per_page", search.per_page }, { "total", page.total }, { "rows", rows } };
    }

    // RFC 4180: a field holding a comma, a quote or a line break is quoted,
    // with its quotes doubled.
    void append_csv_field(std::string& out, std::string const& field)
    {
        if (field.find_first_of(",\"\r\n") == std::string::npos) {
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

    char const* const k_export_headings[] = { "No.", "Nomor", "Tanggal", "Nama", "NIK", "Desa/Kelurahan" };

    std::string register_csv(store::RegisterPage const& page, Staff const& staff, Regions const& regions)
    {
        // A byte order mark, so that spreadsheet programs read the names as UTF-8.
        std::string out = "\xEF\xBB\xBF";
        bool first = true;
        for (char const* heading : k_export_headings) {
            if (!first)
                out += ',';
            out += heading;
            first = false;
        }
        out += "\r\n";
        std::int64_t ordinal = 0;
        for (auto const& line : page.lines) {
            auto const row = shown(line, staff, regions);
            std::string const fields[] = { std::to_string(++ordinal), line.entry.formatted, row.date, line.applicant_name, line.nik, row.village };
            first = true;
            for (auto const& field : fields) {
                if (!first)
                    out += ',';
                append_csv_field(out, field);
                first = false;
            }
            out += "\r\n";
        }
        return out;
    }

    // libxlsxwriter 1.0 writes only to a file: a private temporary one, read
    // back and removed.
    Result<std::string> register_xlsx(RegisterSearch const& search, store::RegisterPage const& page, Staff const& staff, Regions const& regions)
    {
        std::string path = (std::filesystem::temp_directory_path() / "sopir-register-XXXXXX").string();
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
        bool const letters = search.book->kind == RegisterKind::Letter;
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, letters ? "Agenda Surat" : "Register E-KTP");
        lxw_format* bold = workbook_add_format(workbook);
        format_set_bold(bold);
        lxw_format* as_text = workbook_add_format(workbook);
        format_set_num_format(as_text, "@");
        lxw_format* as_date = workbook_add_format(workbook);
        format_set_num_format(as_date, "dd-mm-yyyy");

        double const widths[] = { 7, 28, 12, 32, 20, 24 };
        for (lxw_col_t column = 0; column < 6; ++column) {
            worksheet_set_column(sheet, column, column, widths[column], column == 4 ? as_text : nullptr);
            worksheet_write_string(sheet, 0, column, k_export_headings[column], bold);
        }
        worksheet_freeze_panes(sheet, 1, 0);

        lxw_row_t row_number = 1;
        for (auto const& line : page.lines) {
            auto const row = shown(line, staff, regions);
            Date const day = local_date(line.entry.taken_at, staff.office.utc_offset_minutes);
            lxw_datetime when { .year = day.year, .month = day.month, .day = day.day, .hour = 0, .min = 0, .sec = 0 };
            worksheet_write_number(sheet, row_number, 0, static_cast<double>(row_number), nullptr);
            worksheet_write_string(sheet, row_number, 1, line.entry.formatted.c_str(), nullptr);
            worksheet_write_datetime(sheet, row_number, 2, &when, as_date);
            worksheet_write_string(sheet, row_number, 3, line.applicant_name.c_str(), nullptr);
            // A NIK is an identifier of 16 digits: as a number a spreadsheet
            // would round it (15 significant digits) and drop leading zeros.
            worksheet_write_string(sheet, row_number, 4, line.nik.c_str(), as_text);
            worksheet_write_string(sheet, row_number, 5, row.village.c_str(), nullptr);
            ++row_number;
        }
        if (workbook_close(workbook) != LXW_NO_ERROR)
            return Error::internal("Berkas XLSX tidak dapat ditulis.");
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (!in)
            return Error::internal("Berkas XLSX tidak dapat dibaca kembali.");
        return bytes.str();
    }

    // The printable pages, as before: both dates required.
    Response register_pdf(WebContext& context, Request const& request, Staff const& staff)
    {
        auto from = parse_iso_date(request.query.get("from"));
        auto to = parse_iso_date(request.query.get("to"));
        if (!from)
            return json_error(Error::invalid("from", "Tanggal awal (from) harus berbentuk TTTT-BB-HH.", "register.from"));
        if (!to)
            return json_error(Error::invalid("to", "Tanggal akhir (to) harus berbentuk TTTT-BB-HH.", "register.to"));
        std::string const register_id = request.param("register");
        auto pdf = context.letters.register_pdf(staff, register_id, *from, *to);
        if (!pdf.ok())
            return json_error(pdf.error());
        return pdf_response(std::move(*pdf), register_id + "-" + staff.office.unit_code + "-" + to_iso(*from) + "-sd-" + to_iso(*to) + ".pdf");
    }

}

void add_register_routes(Router& router, WebContext& context)
{
    router.add("GET", "/api/v1/registers/{register}", [&context](Request& request) {
        return with_staff(context, request, [&](Staff const& staff) {
            if (request.query.get("format") == "pdf")
                return register_pdf(context, request, staff);
            auto search = parse_search(request, staff, context.desk);
            if (!search.ok())
                return json_error(search.error());
            auto page = context.store.search_register(search->query);
            if (!page.ok())
                return json_error(page.error());
            Regions const& regions = context.desk.regions();
            switch (search->format) {
            case RegisterFormat::Csv:
            case RegisterFormat::Xlsx:
                if (page->total > k_max_export_rows)
                    return json_error(Error::invalid("format",
                        "Terlalu banyak baris untuk diunduh (" + std::to_string(page->total) + "; paling banyak "
                            + std::to_string(k_max_export_rows) + "). Persempit tahun, tanggal atau pencariannya.",
                        "register.too_many"));
                if (search->format == RegisterFormat::Csv)
                    return attachment(register_csv(*page, staff, regions), "text/csv; charset=utf-8", export_file_name(*search, staff, "csv"));
                else {
                    auto xlsx = register_xlsx(*search, *page, staff, regions);
                    if (!xlsx.ok())
                        return json_error(xlsx.error());
                    return attachment(std::move(*xlsx), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        export_file_name(*search, staff, "xlsx"));
                }
            case RegisterFormat::Json:
            case RegisterFormat::Pdf:
                break;
            }
            return json_response(200, page_json(*search, *page, staff, regions));
        });
    });
}

}
