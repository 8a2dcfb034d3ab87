// The registers the definitions name (a service's register, the agenda
// book of letters) as searchable, paged tables in JSON, the same rows as CSV
// and XLSX for the office's spreadsheets, and the printable pages as PDF.
//
//   GET /api/v1/registers/{register}?year=&q=&from=&to=&village=&page=&per_page=
//   GET /api/v1/registers/{register}?format=csv|xlsx&… (every matching row)
//   GET /api/v1/registers/{register}?format=pdf&from=&to=
#include "web/api_support.hpp"
#include "web/register_search.hpp"
#include "web/route_table.hpp"
#include "web/table_export.hpp"
#include "web/web.hpp"

#include <nlohmann/json.hpp>

namespace sopir::web {

namespace {

    using Json = nlohmann::ordered_json;
    using store::RegisterLine;

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

    // A book's sheet: its label as the definition prints it, without the
    // leading "Buku " ("Buku Register E-KTP" → "Register E-KTP"), within
    // a spreadsheet's 31 characters.
    std::string sheet_name(std::string label)
    {
        if (label.starts_with("Buku "))
            label.erase(0, 5);
        if (label.size() > 31)
            label.resize(31);
        return label;
    }

    // The rows of the exports, one table for CSV and XLSX alike: the No. is
    // the row's place in the download, the date the office's local day.
    Table register_table(RegisterSearch const& search, store::RegisterPage const& page, Staff const& staff, Regions const& regions)
    {
        std::string title = search.book->label + ", Kantor Camat " + staff.office.name;
        if (search.query.year)
            title += ", tahun " + std::to_string(*search.query.year);
        if (search.from)
            title += ", dari " + to_iso(*search.from);
        if (search.to)
            title += " sampai " + to_iso(*search.to);
        Table table;
        table.name = sheet_name(search.book->label);
        table.title = std::move(title);
        table.columns = {
            { "No.", Column::Kind::Number, 7 },
            { "Nomor", Column::Kind::Text, 28 },
            { "Tanggal", Column::Kind::Date, 12 },
            { "Nama", Column::Kind::Text, 32 },
            // A NIK is an identifier of 16 digits: as a number a
            // spreadsheet would round it (15 significant digits).
            { "NIK", Column::Kind::Text, 20 },
            { "Desa/Kelurahan", Column::Kind::Text, 24 },
        };
        std::int64_t ordinal = 0;
        for (auto const& line : page.lines) {
            auto const row = shown(line, staff, regions);
            table.rows.push_back({ number_cell(++ordinal), line.entry.formatted, row.date, line.applicant_name, line.nik, row.village });
        }
        return table;
    }

    // The printable pages, as before: both dates required.
    Response register_pdf(WebContext& context, Request const& request, Staff const& staff)
    {
        auto from = parse_typed_date(request.query.get("from"));
        auto to = parse_typed_date(request.query.get("to"));
        if (!from)
            return json_error(Error::invalid("from", "Tanggal awal (from) harus ditulis HH-BB-TTTT (atau TTTT-BB-HH), misalnya 01-12-2026.", "register.from"));
        if (!to)
            return json_error(Error::invalid("to", "Tanggal akhir (to) harus ditulis HH-BB-TTTT (atau TTTT-BB-HH), misalnya 31-12-2026.", "register.to"));
        std::string const register_id = request.param("register");
        std::int64_t rows = 0;
        auto pdf = context.letters.register_pdf(staff, register_id, *from, *to, &rows);
        if (!pdf.ok())
            return json_error(pdf.error());
        context.desk.log_bulk_read(staff, "cetak register " + register_id + " kantor " + staff.office.code + " " + to_iso(*from) + " s.d. " + to_iso(*to), rows,
            request.remote_address);
        return pdf_response(std::move(*pdf), register_id + "-" + staff.office.unit_code + "-" + to_iso(*from) + "-sd-" + to_iso(*to) + ".pdf");
    }

    Response register_lines(WebContext& context, Request& request)
    {
        return with_staff(context, request, [&](Staff const& signed_in) {
            auto reader = context.desk.register_reader(signed_in, request.query.get("office"));
            if (!reader.ok())
                return json_error(reader.error());
            Staff const& staff = *reader;
            if (request.query.get("format") == "pdf")
                return register_pdf(context, request, staff);
            auto search = parse_register_search(request.param("register"), request.query, staff, context.desk);
            if (!search.ok())
                return json_error(search.error());
            auto page = context.records.search_register(staff, search->query);
            if (!page.ok())
                return json_error(page.error());
            bool const exported = search->format == RegisterFormat::Csv || search->format == RegisterFormat::Xlsx;
            if (!exported || page->total <= k_max_export_rows)
                context.desk.log_bulk_read(signed_in, "register " + search->query.register_id + " kantor " + staff.office.code + " (" + (exported ? request.query.get("format") : "json") + ")",
                    static_cast<std::int64_t>(page->lines.size()), request.remote_address);
            Regions const& regions = context.desk.regions();
            switch (search->format) {
            case RegisterFormat::Csv:
            case RegisterFormat::Xlsx:
                if (page->total > k_max_export_rows)
                    return json_error(Error::invalid("format",
                        "Terlalu banyak baris untuk diunduh (" + std::to_string(page->total) + "; paling banyak "
                            + std::to_string(k_max_export_rows) + "). Persempit tahun, tanggal atau pencariannya.",
                        "register.too_many"));
                {
                    ExportFormat const format = search->format == RegisterFormat::Csv ? ExportFormat::Csv : ExportFormat::Xlsx;
                    auto dialect = parse_csv_dialect(request.query.get("pemisah"));
                    if (!dialect.ok())
                        return json_error(dialect.error());
                    std::string const file_name = export_file_name(search->query.register_id, staff.office.unit_code,
                        { .year = search->query.year, .from = search->from, .to = search->to }, file_extension(format));
                    auto download = export_attachment({ register_table(*search, *page, staff, regions) }, format, file_name, *dialect);
                    if (!download.ok())
                        return json_error(download.error());
                    return std::move(*download);
                }
            case RegisterFormat::Json:
            case RegisterFormat::Pdf:
                break;
            }
            return json_response(200, page_json(*search, *page, staff, regions));
        });
    }

    RouteEntry<WebContext> const k_register_routes[] = {
        { "GET", "/api/v1/registers/{register}", register_lines },
    };

}

void add_register_routes(Router& router, WebContext& context)
{
    add_routes(router, context, k_register_routes);
}
}
