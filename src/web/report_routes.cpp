// The service reports: GET /api/v1/reports/summary (JSON, or a CSV or
// XLSX download with format=) and GET /api/v1/reports/recap.pdf, the printed
// recap with its charts. Both take office= (a supervisor's office, or
// "semua" for the whole kabupaten) and the period as month= or from=/to=.
#include "web/api_support.hpp"
#include "web/report_tables.hpp"
#include "web/route_table.hpp"
#include "web/table_export.hpp"
#include "web/use_cases.hpp"
#include "web/user_names.hpp"
#include "web/web.hpp"

#include "core/indonesian.hpp"
#include "core/timezone.hpp"
#include "letters/recap.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace sopir::web {

namespace {

using Json = nlohmann::ordered_json;

Json summary_json(ReportSummary const& summary, int utc_offset_minutes)
{
    auto minutes = [](std::int64_t seconds) { return static_cast<double>(seconds) / 60.0; };
    Json steps = Json::array();
    for (auto const& step : summary.steps)
        steps.push_back({ { "id", step.step_id }, { "standard_minutes", step.standard_minutes }, { "visits", step.visits },
            { "on_time", step.on_time }, { "on_time_share", step.on_time_share }, { "late", step.late }, { "very_late", step.very_late },
            { "median_minutes", minutes(step.median_seconds) }, { "p90_minutes", minutes(step.p90_seconds) },
            { "waiting_now", step.waiting_now }, { "late_now", step.late_now }, { "very_late_now", step.very_late_now } });
    auto const& total = summary.total;
    Json officers = Json::array();
    for (auto const& officer : summary.officers)
        officers.push_back({ { "user_id", officer.user_id }, { "actions", officer.actions }, { "visits", officer.visits },
            { "on_time", officer.on_time }, { "median_minutes", minutes(officer.median_seconds) }, { "p90_minutes", minutes(officer.p90_seconds) } });
    return Json {
        { "as_of", to_iso_datetime(summary.as_of, utc_offset_minutes) },
        { "received", summary.received },
        { "finished", summary.finished },
        { "cancelled", summary.cancelled },
        { "returned_cases", summary.returned_cases },
        { "returns", summary.returns },
        { "returned_by_reason", summary.returned_by_reason },
        { "held_cases", summary.held_cases },
        { "holds", summary.holds },
        { "held_by_reason", summary.held_by_reason },
        { "in_progress", summary.in_progress },
        { "late_now", summary.late_now },
        { "very_late_now", summary.very_late_now },
        { "steps", steps },
        { "total", { { "standard_minutes", total.standard_minutes }, { "cases", total.cases }, { "on_time", total.on_time },
                       { "on_time_share", total.on_time_share }, { "late", total.late }, { "very_late", total.very_late },
                       { "median_working_minutes", minutes(total.median_working_seconds) },
                       { "p90_working_minutes", minutes(total.p90_working_seconds) },
                       { "median_elapsed_minutes", minutes(total.median_elapsed_seconds) },
                       { "p90_elapsed_minutes", minutes(total.p90_elapsed_seconds) },
                       { "returned_minutes", minutes(total.returned_seconds) }, { "held_minutes", minutes(total.held_seconds) } } },
        { "outages", summary.outages },
        { "outage_minutes", minutes(summary.outage_seconds) },
        { "held_minutes", minutes(summary.held_seconds) },
        { "officers", officers },
    };
}

// "November 2026" for a whole month, "1 s.d. 25 November 2026" or
// "28 Oktober 2026 s.d. 3 November 2026" otherwise.
std::string period_label(Date from, Date to)
{
    std::string const month = std::string(month_name_id(to.month)) + " " + std::to_string(to.year);
    if (from.year == to.year && from.month == to.month) {
        if (from.day == 1 && to.day == days_in_month(to.year, to.month))
            return month;
        if (from == to)
            return format_date_id(from);
        return std::to_string(from.day) + " s.d. " + std::to_string(to.day) + " " + month;
    }
    return format_date_id(from) + " s.d. " + format_date_id(to);
}

// "25 November 2026 pukul 14.03 WITA".
std::string printed_time(Timestamp at, int utc_offset_minutes)
{
    std::string time = local_time_hhmm(at, utc_offset_minutes);
    std::replace(time.begin(), time.end(), ':', '.');
    return format_date_id(local_date(at, utc_offset_minutes)) + " pukul " + time + " " + std::string(time_zone_abbreviation(utc_offset_minutes));
}

// Service titles are ASCII ("Perekaman E-KTP").
std::string upper_ascii(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

// The names of the officers a report lists.
std::map<Id, std::string> officer_names(Records const& records, Staff const& staff, std::vector<ReportSummary const*> const& summaries)
{
    UserNames names(records, staff);
    for (auto const* summary : summaries)
        for (auto const& officer : summary->officers)
            names.name(officer.user_id);
    return names.known();
}

struct ReportRequest {
    ReportScope scope;
    std::pair<Date, Date> period;
    std::optional<std::string> service; // Empty: every service.
};

Result<ReportRequest> report_request(WebContext& context, Request const& request, Staff const& staff)
{
    auto scope = context.desk.report_scope(staff, request.query.get("office"));
    if (!scope.ok())
        return scope.error();
    auto period = period_of(request, staff);
    if (!period.ok())
        return period.error();
    ReportRequest asked { .scope = *scope, .period = *period };
    if (request.query.has("service"))
        asked.service = request.query.get("service");
    return asked;
}

// A file (a spreadsheet, the printed recap) is of one service: the one
// asked for, or the only one loaded; with several loaded and none asked
// for, the error names them.
Result<std::size_t> one_service(ServicesReport const& report)
{
    if (report.services.size() == 1)
        return std::size_t { 0 };
    std::string ids;
    for (auto const& [definition, one] : report.services)
        ids += (ids.empty() ? "" : ", ") + definition.id;
    return Error::invalid("service", "Unduhan laporan dibuat per layanan: sebutkan layanannya (service=ID), salah satu dari: " + ids + ".",
        "report.service_needed");
}

// One service's summary, with a row per office for a kabupaten.
Json service_json(ReportScope const& scope, ScopeReport const& report)
{
    int const offset = scope.utc_offset_minutes;
    Json body = summary_json(report.total, offset);
    if (scope.kabupaten) {
        Json offices = Json::array();
        for (auto const& [office, summary] : report.offices) {
            Json one = summary_json(summary, offset);
            one["office"] = office.code;
            one["name"] = office.name;
            offices.push_back(one);
        }
        body["offices"] = offices;
    }
    return body;
}

// One service: its whole summary. Several: what adds up across them at the
// top, and each one's whole summary in `services`.
Json services_json(ReportRequest const& asked, ServicesReport const& report)
{
    bool const one = report.services.size() == 1;
    Json body = one ? service_json(asked.scope, report.services.front().second) : summary_json(report.total, asked.scope.utc_offset_minutes);
    if (!one)
        for (char const* own : { "steps", "total", "officers" })
            body.erase(own);
    body["office"] = asked.scope.code;
    body["scope"] = asked.scope.kabupaten ? "kabupaten" : "kantor";
    body["label"] = asked.scope.label;
    body["service"] = asked.service ? Json(*asked.service) : Json(nullptr);
    body["from"] = to_iso(asked.period.first);
    body["to"] = to_iso(asked.period.second);
    Json each = Json::array();
    for (auto const& [definition, service] : report.services) {
        Json entry = service_json(asked.scope, service);
        entry["service"] = definition.id;
        entry["title"] = definition.title;
        each.push_back(entry);
    }
    body["services"] = each;
    return body;
}

// "rekap-kinerja-CLU-2026-11-01-sd-2026-11-30.pdf", "rekap-kinerja-63.05-…".
std::string report_file_name(std::string const& what, ReportRequest const& asked, std::string const& extension)
{
    return what + "-" + asked.scope.file_code + "-" + to_iso(asked.period.first) + "-sd-" + to_iso(asked.period.second) + "." + extension;
}

// The report as spreadsheet tables: the summary's sheets, and for a
// kabupaten a sheet with a row per office. A CSV holds every table as a
// section, or the one named by table= (its sheet name, any case).
Response report_download(WebContext& context, Staff const& staff, ReportRequest const& asked, SopDefinition const* definition, ScopeReport const& report,
    ExportFormat format, std::string const& table, CsvDialect dialect)
{
    std::vector<ReportSummary const*> summaries { &report.total };
    std::vector<std::pair<std::string, ReportSummary>> offices;
    for (auto const& [office, summary] : report.offices) {
        offices.emplace_back(office.name, summary);
        summaries.push_back(&summary);
    }
    std::string const title = "Rekap kinerja " + definition->title + ", " + asked.scope.label + ", " + to_iso(asked.period.first) + " s.d. "
        + to_iso(asked.period.second);
    auto tables = summary_tables(report.total, *definition, officer_names(context.records, staff, summaries), title);
    if (asked.scope.kabupaten)
        tables.push_back(office_summary_table(offices, title));
    if (!table.empty()) {
        auto lower = [](std::string text) {
            std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return text;
        };
        auto found = std::find_if(tables.begin(), tables.end(), [&](Table const& each) { return lower(each.name) == lower(table); });
        if (found == tables.end()) {
            std::string names;
            for (auto const& each : tables)
                names += (names.empty() ? "" : ", ") + each.name;
            return json_error(Error::invalid("table", "Tabel yang tersedia: " + names + ".", "report.table"));
        }
        tables = { *found };
    }
    auto answer = export_attachment(tables, format, report_file_name("rekap-kinerja", asked, std::string(file_extension(format))), dialect);
    if (!answer.ok())
        return json_error(answer.error());
    return std::move(*answer);
}

// The service figures for the days [from, to]: the caller's office,
// or for a kabupaten supervisor office=CODE or the whole kabupaten
// (office empty or "semua"), then with a row per office.
Response report_summary(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        auto asked = report_request(context, request, staff);
        if (!asked.ok())
            return json_error(asked.error());
        std::string const format = request.query.get("format");
        std::optional<ExportFormat> download;
        if (!format.empty() && format != "json") {
            download = parse_export_format(format);
            if (!download)
                return json_error(Error::invalid("format", "Format yang tersedia: json, csv, xlsx.", "report.format"));
        }
        auto dialect = parse_csv_dialect(request.query.get("pemisah"));
        if (!dialect.ok())
            return json_error(dialect.error());
        auto services = context.desk.report_services(staff, asked->service, asked->scope, asked->period.first, asked->period.second);
        if (!services.ok())
            return json_error(services.error());
        if (download) {
            auto which = one_service(*services);
            if (!which.ok())
                return json_error(which.error());
            auto const& [definition, report] = services->services[*which];
            return report_download(context, staff, *asked, &definition, report, *download, request.query.get("table"), *dialect);
        }
        return json_response(200, services_json(*asked, *services));
    });
}

// The recap as the office files it: kop, figures, the two charts,
// returns, outages, per office (kabupaten) and per officer.
Response recap_pdf(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        auto asked = report_request(context, request, staff);
        if (!asked.ok())
            return json_error(asked.error());
        auto services = context.desk.report_services(staff, asked->service, asked->scope, asked->period.first, asked->period.second);
        if (!services.ok())
            return json_error(services.error());
        auto which = one_service(*services);
        if (!which.ok())
            return json_error(which.error());
        SopDefinition const* definition = &services->services[*which].first;
        ScopeReport const* report = &services->services[*which].second;
        RecapContent content { .title = "REKAPITULASI KINERJA LAYANAN " + upper_ascii(definition->title),
            .period = period_label(asked->period.first, asked->period.second),
            .printed_at = printed_time(context.desk.now(), asked->scope.utc_offset_minutes),
            .definition = definition,
            .total = report->total };
        std::vector<ReportSummary const*> summaries { &report->total };
        if (asked->scope.kabupaten) {
            content.scope = RecapScope::Regency;
            Office const& first = asked->scope.offices.empty() ? staff.office : asked->scope.offices.front();
            content.office = { .regency = asked->scope.label, .name = asked->scope.label, .place_name = first.place_name };
            for (auto const& [office, summary] : report->offices) {
                content.offices.push_back({ .name = office.name, .summary = summary });
                summaries.push_back(&summary);
            }
            content.paper_size = first.paper_size;
        } else {
            Office const& office = asked->scope.offices.front();
            content.office = context.records.printed_office(office);
            content.paper_size = office.paper_size;
        }
        content.officer_names = officer_names(context.records, staff, summaries);
        content.satisfaction = period_ikm_sentence(context, staff, asked->scope, definition->id, asked->period.first, asked->period.second);
        return pdf_response(render_recap_pdf(content), report_file_name("rekap-kinerja", *asked, "pdf"));
    });
}

RouteEntry<WebContext> const k_report_routes[] = {
    { "GET", "/api/v1/reports/summary", report_summary },
    { "GET", "/api/v1/reports/recap.pdf", recap_pdf },
};

}

void add_report_routes(Router& router, WebContext& context)
{
    add_routes(router, context, k_report_routes);
}
}
