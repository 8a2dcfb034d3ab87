// The staff's pages: sign-in, worklists, intake, each step's form, the case
// page and the return slip. Handlers parse, call the desk, render
// (STYLE.md, practice 1); the desk and the engine check the roles.
#include "web/web.hpp"

#include "core/form_display.hpp"
#include "core/identity.hpp"
#include "core/indonesian.hpp"
#include "core/json.hpp"
#include "web/route_table.hpp"
#include "web/intake_form.hpp"
#include "web/staff_pages.hpp"
#include "web/user_names.hpp"
#include "web/views.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <memory>
#include <set>

namespace sopir::web {

namespace {

using ctemplate::TemplateDictionary;
using Json = nlohmann::json;

bool can_submit(WebContext const& context, Staff const& staff)
{
    for (auto const& definition : context.desk.services())
        if (!available_actions(definition, definition.initial_step, staff.actor()).empty())
            return true;
    return false;
}

}

PageFrame frame_of(WebContext const& context, Session const& session, std::string title)
{
    Staff const& staff = session.staff;
    bool const applicant_only = context.desk.is_applicant_only(staff);
    Administration const* administration = context.administration;
    return { .title = std::move(title), .user_name = staff.user.full_name, .csrf_token = session.principal.csrf_token,
        .can_submit = can_submit(context, staff), .can_report = context.desk.may_see_reports(staff),
        .office_staff = !staff.roles.empty() && !applicant_only,
        .can_sign = context.letters.takes_part(staff, desk::BatchKind::Sign),
        .can_initial = context.letters.takes_part(staff, desk::BatchKind::Initial),
        .can_administer = administration && administration->may_administer(staff),
        .can_confirm_resets = administration && administration->may_confirm_resets(staff),
        .supervisor = staff.office.id == 0 && !staff.supervises.empty(),
        .public_url_notice = applicant_only ? std::string() : context.letters.public_url_notice(staff.office) };
}

Response csrf_refused(Views const& views, PageFrame const& frame)
{
    return views.message(403, frame, "Formulir kedaluwarsa",
        "Formulir ini tidak dapat diterima (token keamanan tidak cocok). Muat ulang halaman lalu coba lagi.");
}

namespace {

// "?layanan=ID": nothing when absent (every service), the service when
// known, and an error naming the id otherwise: never another service.
Result<std::optional<std::string>> service_filter(WebContext const& context, Request const& request)
{
    std::string const id = request.query.get("layanan");
    if (id.empty())
        return std::optional<std::string> {};
    auto known = context.desk.known_service(id);
    if (!known.ok())
        return known.error();
    return std::optional<std::string> { id };
}

// A role's title as the first definition that declares it prints it.
std::string role_title(WebContext const& context, std::string const& role)
{
    for (auto const& definition : context.desk.services())
        if (definition.find_role(role))
            return definition.role_title(role);
    return role;
}

// The services to choose from, each linked as `href(id)`.
Response service_choice(Views const& views, PageFrame const& frame, std::string const& heading, std::string const& intro,
    std::vector<SopDefinition const*> const& services, std::function<std::string(std::string const&)> const& href)
{
    TemplateDictionary body("services");
    body.SetValue("HEADING", heading);
    body.SetValue("INTRO", intro);
    for (auto const* definition : services) {
        auto* row = body.AddSectionDictionary("SERVICE");
        row->SetValue("HREF", href(definition->id));
        row->SetValue("TITLE", definition->title);
    }
    return views.page(200, frame, "services.tpl", body);
}

std::string json_text(Json const& object, char const* key)
{
    if (!object.is_object() || !object.contains(key) || !object[key].is_string())
        return {};
    return object[key].get<std::string>();
}

Json parse_object(std::string const& text)
{
    auto parsed = parse_json_or(text, Json::object());
    return parsed.is_object() ? parsed : Json::object();
}

std::string date_id(std::string const& iso)
{
    auto date = parse_iso_date(iso);
    return date ? format_date_id(*date) : iso;
}

std::string or_dash(std::string const& text) { return text.empty() ? "—" : text; }

// --- Sign-in --------------------------------------------------------------

// The form carries a token that must come back with it, matching the
// sign-in cookie (Auth::signin_token): no other site signs a browser in.
Response signin_page(WebContext const& context, Views const& views, Request const& request, int status, std::string const& username,
    std::string const& error)
{
    std::string set_cookie;
    std::string const token = context.auth.signin_token(request, set_cookie);
    TemplateDictionary body("signin");
    body.SetValue("USERNAME", username);
    body.SetValue("CSRF", token);
    if (!error.empty())
        body.SetValueAndShowSection("MESSAGE", error, "ERROR");
    Response response = views.page(status, { .title = "Masuk" }, "signin.tpl", body);
    if (!set_cookie.empty())
        response.header("Set-Cookie", set_cookie);
    return response;
}

// --- Worklist -------------------------------------------------------------

enum class WorklistTab { Work, Returned, Held };

constexpr std::pair<char const*, char const*> k_worklist_tabs[] = {
    { "kerja", "Menunggu dikerjakan" },
    { "dikembalikan", "Dikembalikan ke pemohon" },
    { "ditunda", "Ditunda karena gangguan" },
};

WorklistTab worklist_tab(std::string const& id)
{
    return id == "dikembalikan" ? WorklistTab::Returned : id == "ditunda" ? WorklistTab::Held : WorklistTab::Work;
}

WorklistTab tab_of(WebContext const& context, Case const& item)
{
    SopDefinition const* definition = context.desk.service(item.service_id);
    StateKind const kind = definition ? definition->state_kind(item.state).value_or(StateKind::Step) : StateKind::Step;
    return kind == StateKind::Returned ? WorklistTab::Returned : kind == StateKind::Held ? WorklistTab::Held : WorklistTab::Work;
}

void add_worklist_tabs(TemplateDictionary& body, WorklistTab tab, std::map<WorklistTab, int>& counts, std::optional<std::string> const& service)
{
    for (auto const& [id, label] : k_worklist_tabs) {
        auto* each = body.AddSectionDictionary("TAB");
        WorklistTab const which = worklist_tab(id);
        std::string href = "/kerja?tab=" + std::string(id);
        if (service)
            href += "&layanan=" + url_encode(*service);
        each->SetValue("HREF", href);
        each->SetValue("TAB_LABEL", label);
        each->SetIntValue("TAB_COUNT", counts[which]);
        each->ShowSection(which == tab ? "CURRENT" : "OTHER");
    }
}

// One row per file; with several services loaded each row names its own.
void add_worklist_rows(TemplateDictionary& body, WebContext const& context, std::vector<WorkItem> const& items)
{
    bool const several = context.desk.services().size() > 1;
    if (several)
        body.ShowSection("SERVICE_HEAD");
    for (auto const& item : items) {
        auto* row = body.AddSectionDictionary("ROW");
        if (several)
            row->ShowSection("SERVICE_CELL");
        row->SetIntValue("ID", item.item.id);
        row->SetValue("REGISTRATION", or_dash(item.item.registration_number));
        row->SetValue("NAME", item.item.applicant_name);
        row->SetValue("NIK", mask_nik(item.item.nik));
        row->SetValue("STEP", item.step_title);
        auto const* filed = context.desk.service(item.item.service_id);
        row->SetValue("SERVICE", filed ? filed->title : item.item.service_id);
        row->SetValue("SERVICE_ID", item.item.service_id);
        row->SetValue("WAITED", format_duration_id(item.waited_seconds));
        row->SetValue("STANDARD", item.standard_seconds > 0 ? format_duration_id(item.standard_seconds) : "—");
        row->SetValue("ROW_CLASS", item.late ? "terlambat" : "");
        if (item.very_late)
            row->ShowSection("VERY_LATE");
        else if (item.late)
            row->ShowSection("LATE");
    }
}

// The office's books, printable for a period (this month by default); not
// for an applicant, whom the books refuse.
void add_register_printing(TemplateDictionary& body, WebContext const& context, Staff const& staff, std::optional<std::string> const& service)
{
    if (context.desk.is_applicant_only(staff))
        return;
    body.ShowSection("PRINTS_REGISTERS");
    Date const today = staff.today;
    std::set<std::string> books;
    for (auto const& definition : context.desk.services())
        for (auto const& book : definition.registers) {
            if ((service && *service != definition.id) || !books.insert(book.id).second)
                continue;
            auto* form = body.AddSectionDictionary("REGISTER");
            form->SetValue("REGISTER_ID", book.id);
            form->SetValue("REGISTER_LABEL", book.label);
            form->SetValue("FROM", to_day_first({ today.year, today.month, 1 }));
            form->SetValue("TO", to_day_first(today));
        }
}

Response worklist_page(WebContext& context, Views const& views, Session const& session, Request const& request)
{
    std::optional<std::string> state;
    if (!request.query.get("state").empty())
        state = request.query.get("state");
    auto service = service_filter(context, request);
    if (!service.ok())
        return views.message(http_status(service.error()), frame_of(context, session, "Daftar kerja"), "Daftar kerja", service.error().message);
    auto all_items = context.desk.worklist(session.staff, state, *service);
    if (!all_items.ok())
        return views.message(http_status(all_items.error()), frame_of(context, session, "Daftar kerja"), "Daftar kerja", all_items.error().message);
    // Three tabs: the files at work, those with the applicant, those held by
    // an outage.
    WorklistTab const tab = worklist_tab(request.query.get("tab"));
    std::map<WorklistTab, int> counts;
    std::vector<WorkItem> shown;
    for (auto& item : *all_items) {
        WorklistTab const of = tab_of(context, item.item);
        ++counts[of];
        if (of == tab)
            shown.push_back(std::move(item));
    }
    auto const* items = &shown;
    TemplateDictionary body("worklist");
    add_worklist_tabs(body, tab, counts, *service);
    if (tab == WorklistTab::Work && !items->empty())
        body.ShowSection("NEXT");
    if (!request.query.get("habis").empty() && items->empty())
        body.ShowSection("FINISHED");
    std::string roles;
    for (auto const& role : session.staff.roles)
        roles += (roles.empty() ? "" : ", ") + role_title(context, role);
    body.SetValue("ROLES", roles.empty() ? "—" : roles);
    std::set<std::string> seen;
    for (auto const& definition : context.desk.services()) {
        auto* choice = body.AddSectionDictionary("SERVICE_OPTION");
        choice->SetValue("VALUE", definition.id);
        choice->SetValue("LABEL", definition.title);
        choice->ShowSection(*service && **service == definition.id ? "ON" : "OFF");
        if (*service && **service != definition.id)
            continue;
        auto offer = [&](std::string const& id) {
            if (!seen.insert(id).second || available_actions(definition, id, session.staff.actor()).empty())
                return;
            auto* option = body.AddSectionDictionary("STATE_OPTION");
            option->SetValue("VALUE", id);
            option->SetValue("LABEL", definition.state_label(id));
            option->ShowSection(state && *state == id ? "ON" : "OFF");
        };
        for (auto const& step : definition.steps)
            offer(step.id);
        for (auto const& special : definition.states)
            offer(special.id);
    }
    if (can_submit(context, session.staff))
        body.ShowSection("CAN_SUBMIT");
    if (items->empty())
        body.ShowSection("EMPTY");
    else
        body.ShowSection("HAS_ROWS");
    add_worklist_rows(body, context, *items);
    add_register_printing(body, context, session.staff, *service);
    return views.page(200, frame_of(context, session, "Daftar kerja"), "worklist.tpl", body);
}

// --- Dashboard --------------------------------------------------

// "3,2 mnt": minutes with one decimal, the Indonesian way.
std::string minutes_id(double minutes)
{
    long const tenths = std::lround(minutes * 10);
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " mnt";
}

std::string percent_id(double share)
{
    return std::to_string(std::lround(share * 100)) + "%";
}

}

void add_office_picker(TemplateDictionary& body, WebContext& context, Session const& session, ReportScope const& scope)
{
    if (session.staff.supervises.empty())
        return;
    auto whole = context.desk.report_scope(session.staff, "semua");
    if (!whole.ok())
        return;
    auto* picker = body.AddSectionDictionary("OFFICE_PICKER");
    auto* all = picker->AddSectionDictionary("OFFICE_OPTION");
    all->SetValue("CODE", "semua");
    all->SetValue("NAME", "Semua kantor, " + whole->label);
    if (scope.kabupaten)
        all->ShowSection("SELECTED");
    for (auto const& office : whole->offices) {
        auto* option = picker->AddSectionDictionary("OFFICE_OPTION");
        option->SetValue("CODE", office.code);
        option->SetValue("NAME", "Kecamatan " + office.name);
        if (!scope.kabupaten && scope.code == office.code)
            option->ShowSection("SELECTED");
    }
}

namespace {

void add_office_rows(TemplateDictionary& body, ScopeReport const& report)
{
    for (auto const& [office, one] : report.offices) {
        auto* row = body.AddSectionDictionary("OFFICE_ROW");
        row->SetValue("NAME", office.name);
        row->SetValue("CODE", office.code);
        row->SetIntValue("RECEIVED", one.received);
        row->SetIntValue("FINISHED", one.finished);
        row->SetIntValue("RETURNED", one.returned_cases);
        row->SetIntValue("IN_PROGRESS", one.in_progress);
        row->SetIntValue("LATE_NOW", one.late_now);
        row->SetValue("MEDIAN", one.total.cases ? minutes_id(one.total.median_working_seconds / 60.0) : "—");
        row->SetValue("ON_TIME", one.total.cases ? percent_id(one.total.on_time_share) : "—");
    }
}

void add_totals(TemplateDictionary& body, ReportSummary const& figures)
{
    body.SetIntValue("RECEIVED", figures.received);
    body.SetIntValue("FINISHED", figures.finished);
    body.SetIntValue("RETURNED", figures.returned_cases);
    body.SetIntValue("HELD", figures.held_cases);
    body.SetIntValue("IN_PROGRESS", figures.in_progress);
    body.SetIntValue("LATE_NOW", figures.late_now);
    body.SetIntValue("VERY_LATE_NOW", figures.very_late_now);
    body.SetIntValue("OUTAGES", figures.outages);
    body.SetValue("OUTAGE_TIME", format_duration_id(figures.outage_seconds));
    body.SetValue("HELD_TIME", format_duration_id(figures.held_seconds));

    auto const& total = figures.total;
    body.SetIntValue("TOTAL_STANDARD", total.standard_minutes);
    body.SetIntValue("TOTAL_CASES", total.cases);
    body.SetValue("TOTAL_MEDIAN", minutes_id(total.median_working_seconds / 60.0));
    body.SetValue("TOTAL_P90", minutes_id(total.p90_working_seconds / 60.0));
    body.SetValue("TOTAL_ELAPSED", minutes_id(total.median_elapsed_seconds / 60.0));
    body.SetValue("TOTAL_ON_TIME", percent_id(total.on_time_share));
}

void add_return_reasons(TemplateDictionary& body, ReportSummary const& figures, ServicesReport const& services)
{
    for (auto const& [reason, count] : figures.returned_by_reason) {
        std::string label = reason;
        for (auto const& [definition, one] : services.services)
            for (auto const& step : definition.steps)
                for (auto const& action : step.actions)
                    for (auto const& known : action.reasons)
                        if (known.id == reason)
                            label = known.label;
        auto* row = body.AddSectionDictionary("REASON");
        row->SetValue("LABEL", label);
        row->SetIntValue("COUNT", count);
    }
    if (figures.returned_by_reason.empty())
        body.ShowSection("NO_REASONS");
}

// The chart: per step, the median (solid) and the 90th percentile
// (hatched) as bars, the standard as a line with its value written out,
// so that it reads without colour.
constexpr int k_label_width = 170, k_chart_width = 420, k_row_height = 34;

void add_step_row(TemplateDictionary& body, StepFigures const& step, SopDefinition const& definition)
{
    auto* row = body.AddSectionDictionary("STEP");
    row->SetValue("ID", step.step_id);
    row->SetValue("TITLE", definition.state_label(step.step_id));
    row->SetIntValue("STANDARD", step.standard_minutes);
    row->SetIntValue("VISITS", step.visits);
    row->SetValue("MEDIAN", minutes_id(step.median_seconds / 60.0));
    row->SetValue("P90", minutes_id(step.p90_seconds / 60.0));
    row->SetValue("ON_TIME", step.visits ? percent_id(step.on_time_share) : "—");
    row->SetIntValue("WAITING", step.waiting_now);
    row->SetIntValue("LATE_NOW", step.late_now);
    row->SetValue("ROW_CLASS", step.late_now > 0 ? "terlambat" : "");
}

void add_step_bar(TemplateDictionary& body, StepFigures const& step, SopDefinition const& definition, int y, double scale_seconds)
{
    auto width = [&](double seconds) { return std::to_string(static_cast<int>(seconds / scale_seconds * k_chart_width)); };
    auto* bar = body.AddSectionDictionary("BAR");
    bar->SetIntValue("Y", y);
    bar->SetIntValue("TEXT_Y", y + 20);
    bar->SetIntValue("BAR_Y", y + 6);
    bar->SetIntValue("MEDIAN_Y", y + 10);
    bar->SetIntValue("X", k_label_width);
    bar->SetValue("TITLE", definition.state_label(step.step_id));
    bar->SetValue("P90_WIDTH", width(step.p90_seconds));
    bar->SetValue("MEDIAN_WIDTH", width(step.median_seconds));
    int const standard_x = k_label_width + static_cast<int>(step.standard_minutes * 60.0 / scale_seconds * k_chart_width);
    bar->SetIntValue("STANDARD_X", standard_x);
    bar->SetIntValue("STANDARD_BOTTOM", y + k_row_height - 2);
    bar->SetIntValue("VALUE_X", k_label_width + k_chart_width + 10);
    bar->SetValue("VALUE", "median " + minutes_id(step.median_seconds / 60.0) + " / standar " + std::to_string(step.standard_minutes) + " mnt");
}

void add_step_chart(TemplateDictionary& body, ReportSummary const& figures, SopDefinition const& definition)
{
    double scale_seconds = 60;
    for (auto const& step : figures.steps)
        scale_seconds = std::max({ scale_seconds, static_cast<double>(step.p90_seconds), step.standard_minutes * 60.0 });
    int row_index = 0;
    for (auto const& step : figures.steps) {
        add_step_row(body, step, definition);
        add_step_bar(body, step, definition, row_index++ * k_row_height, scale_seconds);
    }
    body.SetIntValue("CHART_HEIGHT", row_index * k_row_height + 4);
    body.SetIntValue("CHART_WIDTH", k_label_width + k_chart_width + 260);
}

void add_officers(TemplateDictionary& body, WebContext& context, Staff const& staff, ReportSummary const& figures)
{
    UserNames names(context.records, staff);
    for (auto const& officer : figures.officers) {
        auto* row = body.AddSectionDictionary("OFFICER");
        row->SetValue("NAME", names.name(officer.user_id));
        row->SetIntValue("ACTIONS", officer.actions);
        row->SetIntValue("VISITS", officer.visits);
        row->SetValue("MEDIAN", officer.visits ? minutes_id(officer.median_seconds / 60.0) : "—");
    }
}

Response dashboard_page(WebContext& context, Views const& views, Session const& session, Request const& request)
{
    PageFrame const frame = frame_of(context, session, "Dasbor kinerja");
    if (!context.desk.may_see_reports(session.staff))
        return views.message(403, frame, "Dasbor kinerja", context.desk.reports_refused());
    auto day = [&](char const* name) {
        auto parsed = parse_typed_date(request.query.get(name));
        return parsed.value_or(session.staff.today);
    };
    Date const from = day("dari"), to = day("sampai");
    auto service = service_filter(context, request);
    if (!service.ok())
        return views.message(http_status(service.error()), frame, "Dasbor kinerja", service.error().message);
    std::string const chosen = request.query.get("kantor");
    auto scope = context.desk.report_scope(session.staff, chosen);
    if (!scope.ok())
        return views.message(http_status(scope.error()), frame, "Dasbor kinerja", scope.error().message);
    auto services = context.desk.report_services(session.staff, *service, *scope, from, to);
    if (!services.ok())
        return views.message(http_status(services.error()), frame, "Dasbor kinerja", services.error().message);
    if (services->services.empty())
        return views.message(404, frame, "Dasbor kinerja", "Belum ada layanan yang dimuat.");
    // Steps, times and officers are a service's own: shown when the
    // dashboard is of one service; every service's counts add up.
    bool const one_service = services->services.size() == 1;
    SopDefinition const* definition = one_service ? &services->services.front().first : nullptr;
    ReportSummary const& figures = services->total;

    TemplateDictionary body("dashboard");
    for (auto const& each : context.desk.services()) {
        auto* option = body.AddSectionDictionary("SERVICE_OPTION");
        option->SetValue("VALUE", each.id);
        option->SetValue("LABEL", each.title);
        if (*service && **service == each.id)
            option->ShowSection("SELECTED");
    }
    body.SetValue("EXPORT_SERVICE", *service ? "&service=" + **service : std::string());
    body.SetValue("SCOPE_LABEL", scope->label);
    add_office_picker(body, context, session, *scope);
    if (one_service)
        add_office_rows(body, services->services.front().second);
    if (scope->kabupaten && one_service)
        body.ShowSection("PER_OFFICE");
    // The downloads of this very view (the API answers the session cookie).
    body.SetValue("EXPORT_OFFICE", scope->kabupaten ? std::string("semua") : scope->code);
    body.SetValue("SERVICE", definition ? definition->title : std::string("semua layanan"));
    body.SetValue("FROM", to_iso(from));
    body.SetValue("TO", to_iso(to));
    body.SetValue("FROM_SHOWN", to_day_first(from));
    body.SetValue("TO_SHOWN", to_day_first(to));
    body.SetValue("PERIOD", from == to ? format_date_id(from) : format_date_id(from) + " s.d. " + format_date_id(to));
    add_totals(body, figures);
    add_return_reasons(body, figures, *services);
    if (definition)
        add_step_chart(body, figures, *definition);
    add_officers(body, context, session.staff, figures);
    body.SetValue("IKM_SENTENCE", period_ikm_sentence(context, session.staff, *scope, *service, from, to));
    body.SetValue("IKM_HREF", "/laporan/ikm?kantor=" + url_encode(scope->kabupaten ? std::string("semua") : scope->code) + "&dari=" + to_iso(from)
            + "&sampai=" + to_iso(to) + (*service ? "&layanan=" + url_encode(**service) : std::string()));
    return views.page(200, frame, "dashboard.tpl", body);
}

// --- Intake ---------------------------------------------------------------

// The intake form's fieldsets for this person's office (its villages).
std::vector<FormSection> intake_sections(WebContext const& context, Staff const& staff, SopDefinition const& definition, TypedForm const& typed)
{
    return form_sections(definition, typed, context.desk.regions().villages_of(staff.office.code));
}

Response intake_page(WebContext& context, Views const& views, Session const& session, SopDefinition const& definition,
    TypedForm const& typed, Error const* error, int status)
{
    std::map<std::string, std::string> messages;
    if (error) {
        for (auto const& issue : error->issues)
            messages.try_emplace(issue.field, issue.message);
        if (error->issues.empty() && !error->field.empty())
            messages.try_emplace(error->field, error->message);
    }
    TemplateDictionary body("intake");
    body.SetValue("CSRF", session.principal.csrf_token);
    body.SetValue("SERVICE", definition.id);
    body.SetValue("SERVICE_TITLE", definition.title);
    int count = 0;
    for (auto& section : intake_sections(context, session.staff, definition, typed)) {
        auto* fieldset = body.AddSectionDictionary("GROUP");
        fieldset->SetValue("LEGEND", section.legend);
        if (!section.add_row.empty())
            fieldset->SetValueAndShowSection("GROUP_ID", section.add_row, "ADD_ROW");
        for (auto& field : section.fields) {
            auto message = messages.find(field.name);
            if (message != messages.end()) {
                field.error = message->second;
                auto* item = body.AddSectionDictionary("ITEM");
                item->SetValue("ID", field_id("f-", field.name));
                item->SetValue("LABEL", field.label);
                item->SetValue("MESSAGE", field.error);
                messages.erase(message);
                ++count;
            }
            add_form_field(*fieldset, "FIELDS", "f-", field);
        }
    }
    // Anything left names no input of the form: shown at the top.
    for (auto const& [field, message] : messages) {
        auto* item = body.AddSectionDictionary("ITEM");
        item->SetValue("ID", "ringkasan-galat");
        item->SetValue("LABEL", field);
        item->SetValue("MESSAGE", message);
        ++count;
    }
    if (count > 0) {
        body.ShowSection("SUMMARY");
        body.SetIntValue("COUNT", count);
    } else if (error) {
        body.SetValueAndShowSection("MESSAGE", error->message, "FAILED");
    }
    // A second open case for the NIK: the form, as typed, offers to file it
    // on purpose.
    if (error && error->code == "case.open_duplicate")
        body.ShowSection("CONFIRM_DUPLICATE");
    return views.page(status, frame_of(context, session, "Permohonan baru"), "intake.tpl", body);
}

// The letterhead's first line, in capitals as offices print it.
std::string office_title(Office const& office)
{
    std::string title = "KANTOR CAMAT " + office.name;
    for (char& c : title)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return title + ", " + office.regency;
}

std::string office_address(Office const& office)
{
    std::string out = office.address;
    if (!office.postal_code.empty())
        out += (out.empty() ? "" : " ") + office.postal_code;
    return out;
}

// The application's groups as recorded, in words; rows as a numbered table.
void add_form(TemplateDictionary& body, std::vector<DisplayedGroup> const& groups)
{
    for (auto const& group : groups) {
        auto* section = body.AddSectionDictionary("GROUP");
        section->SetValue("LABEL", group.label);
        if (group.kind != GroupKind::Rows) {
            auto* fields = section->AddSectionDictionary("FIELDS");
            for (auto const& field : group.fields) {
                auto* item = fields->AddSectionDictionary("FIELD");
                item->SetValue("LABEL", field.label);
                item->SetValue("VALUE", or_dash(field.value));
            }
            continue;
        }
        auto* table = section->AddSectionDictionary("ROWS");
        for (auto const& column : group.columns)
            table->AddSectionDictionary("COLUMN")->SetValue("LABEL", column);
        for (std::size_t i = 0; i < group.rows.size(); ++i) {
            auto* row = table->AddSectionDictionary("ROW");
            row->SetIntValue("NUMBER", static_cast<long>(i + 1));
            for (auto const& cell : group.rows[i])
                row->AddSectionDictionary("CELL")->SetValue("VALUE", or_dash(cell));
        }
    }
}

void add_documents(TemplateDictionary& body, SopDefinition const& definition, Json const& documents)
{
    for (auto const& document : definition.documents) {
        auto* row = body.AddSectionDictionary("DOCUMENT");
        row->SetValue("LABEL", document.label);
        Json const entry = documents.contains(document.id) ? documents[document.id] : Json::object();
        row->SetValue("NUMBER", or_dash(json_text(entry, "number")));
        std::string const date = json_text(entry, "date");
        row->SetValue("DATE", date.empty() ? "—" : date_id(date));
    }
}

// The tanda terima after intake, a page of its own (POST-redirect-GET), so
// that reloading it files nothing again.
Response receipt_page(WebContext& context, Views const& views, Session const& session, SopDefinition const& definition, Submitted const& submitted)
{
    Office const& office = session.staff.office;
    TemplateDictionary body("receipt");
    body.SetValue("SERVICE_TITLE", definition.title);
    body.SetIntValue("CASE_ID", submitted.created.id);
    body.SetValue("RECEIVED_AT", format_datetime_id(submitted.created.created_at, office.utc_offset_minutes));
    body.SetValue("NAME", submitted.created.applicant_name);
    body.SetValue("NIK_MASKED", mask_nik(submitted.created.nik));
    add_documents(body, definition, parse_object(submitted.created.documents_json));
    if (!submitted.warnings.empty())
        body.ShowSection("HAS_WARNINGS");
    for (auto const& warning : submitted.warnings)
        body.SetValueAndShowSection("MESSAGE", warning.message, "WARNING");
    return views.page(200, frame_of(context, session, "Tanda terima"), "receipt.tpl", body);
}

// --- The case page --------------------------------------------------------

// What the person typed into one action's form, and what went wrong, to
// show the form again.
struct ActionAttempt {
    std::string action;
    Params const* form { nullptr };
    Error const* error { nullptr };
};

std::string data_input(std::string const& field) { return "data." + field; }

// The input an engine error names: note and reasons by their own names,
// action fields under data.
std::string input_of(std::string const& field)
{
    if (field == k_note_field || field == k_reasons_field || field.empty() || field.starts_with("applicant.") || field.starts_with("documents."))
        return field;
    return data_input(field);
}

// A note box for the actions that need one, and for those with reasons:
// a reason such as "Lainnya" needs the note to say what.
bool needs_note(ActionDefinition const& action)
{
    return action.note_required || !action.reasons.empty();
}

// The messages of a refused attempt, by input; the general one (or "check
// the fields below") shown above the form.
std::map<std::string, std::string> attempt_messages(TemplateDictionary& form, ActionAttempt const* attempt)
{
    std::map<std::string, std::string> messages;
    if (!attempt || !attempt->error)
        return messages;
    Error const& error = *attempt->error;
    for (auto const& issue : error.issues)
        messages.try_emplace(input_of(issue.field), issue.message);
    if (error.issues.empty())
        messages.try_emplace(input_of(error.field), error.message);
    auto general = messages.find("");
    if (general != messages.end() || error.kind != ErrorKind::Invalid) {
        form.SetValueAndShowSection("MESSAGE", error.message, "ACTION_ERROR");
        messages.erase("");
    } else {
        form.SetValueAndShowSection("MESSAGE", "Periksa isian di bawah.", "ACTION_ERROR");
    }
    form.SetValue("FORM_CLASS", "aksi salah");
    return messages;
}

// One of the action's own fields as a form input.
FormField action_field(FieldDefinition const& definition, std::vector<std::string> values)
{
    FormField field { .name = data_input(definition.name), .label = definition.label, .values = std::move(values), .required = definition.required || definition.all_required, .help = definition.help };
    switch (definition.type) {
    case FieldType::Text:
        break;
    case FieldType::LongText:
        field.kind = FieldKind::TextArea;
        break;
    case FieldType::Date:
        field = date_field(field.name, field.label, field.values.empty() ? std::string() : field.values.front(), field.required);
        field.help = definition.help;
        break;
    case FieldType::Number:
        field.input_type = "text";
        break;
    case FieldType::Bool:
        field.kind = FieldKind::Checks;
        field.marker = true;
        field.options = { { "true", "Ya" } };
        break;
    case FieldType::Enum:
        field.kind = FieldKind::Select;
        for (auto const& option : definition.options)
            field.options.push_back({ option.id, option.label });
        break;
    case FieldType::Checklist:
        field.kind = FieldKind::Checks;
        field.marker = true;
        for (auto const& option : definition.options)
            field.options.push_back({ option.id, option.label });
        if (definition.all_required)
            field.help = "Centang setiap dokumen yang sudah diperiksa.";
        break;
    }
    return field;
}

void add_action_form(TemplateDictionary& body, CaseView const& view, std::string const& csrf, ActionDefinition const& action,
    ActionAttempt const* attempt, std::vector<FormSection> const* corrections)
{
    auto* form = body.AddSectionDictionary("ACTION");
    form->SetValue("ACTION_ID", action.id);
    form->SetValue("ACTION_LABEL", action.label);
    form->SetValue("CSRF", csrf);
    form->SetIntValue("VERSION", view.item.version);
    form->SetValue("FORM_CLASS", "aksi");
    std::map<std::string, std::string> messages = attempt_messages(*form, attempt);
    auto typed = [&](std::string const& name) -> std::vector<std::string> {
        if (!attempt || !attempt->form)
            return {};
        return attempt->form->all(name);
    };
    std::string const prefix = "a-" + action.id + "-";
    auto place = [&](FormField field) {
        auto message = messages.find(field.name);
        if (message != messages.end())
            field.error = message->second;
        add_form_field(*form, "ACTION_FIELDS", prefix, field);
    };
    if (!action.reasons.empty()) {
        FormField reasons { .name = std::string(k_reasons_field), .label = "Alasan", .kind = FieldKind::Checks,
            .values = typed(std::string(k_reasons_field)), .required = action.reasons_required };
        for (auto const& reason : action.reasons)
            reasons.options.push_back({ reason.id, reason.label });
        place(reasons);
    }
    for (auto const& definition : action.fields)
        place(action_field(definition, typed(data_input(definition.name))));
    if (corrections)
        for (auto const& section : *corrections)
            for (auto const& field : section.fields)
                place(field);
    // The signer types the password again: it unlocks the signing key. What
    // was typed is never shown again.
    if (action.letter == LetterStage::Sign)
        place({ .name = data_input("password"), .label = "Kata sandi Anda", .input_type = "password", .required = true,
            .help = "Tanda tangan elektronik: kata sandi membuka kunci tanda tangan Anda." });
    if (needs_note(action)) {
        auto note = typed(std::string(k_note_field));
        place({ .name = std::string(k_note_field), .label = "Catatan", .kind = FieldKind::TextArea, .values = note,
            .required = action.note_required,
            .help = action.note_required ? "" : "Wajib bila memilih alasan \"Lainnya\"." });
    }
}

std::string action_label(SopDefinition const& definition, ActionRecord const& record)
{
    std::string const from = record.from_state.empty() ? definition.initial_step : record.from_state;
    if (auto const* action = definition.find_action(from, record.action))
        return action->label;
    // The row storage writes when intake creates the case, before "ajukan".
    if (record.from_state.empty())
        return "Permohonan dicatat";
    return record.action;
}

void add_history(TemplateDictionary& body, CaseView const& view)
{
    SopDefinition const& definition = *view.definition;
    int const offset = view.office.utc_offset_minutes;
    for (auto const& record : view.history) {
        auto* row = body.AddSectionDictionary("HISTORY");
        std::string const from = record.from_state.empty() ? definition.initial_step : record.from_state;
        row->SetValue("AT", format_datetime_id(record.at, offset));
        row->SetValue("STEP", definition.state_label(from));
        row->SetValue("ACTION", action_label(definition, record));
        auto name = view.actor_names.find(record.actor_id);
        row->SetValue("ACTOR", name != view.actor_names.end() ? name->second : "—");
        if (!record.note.empty())
            row->SetValueAndShowSection("TEXT", record.note, "NOTE");
        ActionDefinition const* action = definition.find_action(from, record.action);
        if (!record.reasons.empty()) {
            auto* reasons = row->AddSectionDictionary("REASONS");
            for (auto const& id : record.reasons) {
                std::string label = id;
                if (action)
                    for (auto const& reason : action->reasons)
                        if (reason.id == id)
                            label = reason.label;
                reasons->SetValueAndShowSection("TEXT", label, "REASON");
            }
        }
        Json const data = parse_object(record.data_json);
        for (auto const& [key, value] : data.items()) {
            if (!value.is_string() || value.get<std::string>().empty())
                continue;
            std::string label = key;
            std::string text = value.get<std::string>();
            // The number the action took from one of the office's books.
            if (key == "sha256_surat")
                label = "Sidik isi surat (SHA-256)";
            // A hold or resumption done for a logged outage (/gangguan).
            if (key == "gangguan") {
                label = "Karena gangguan";
                text = "log gangguan no. " + text;
            }
            if (key == "nomor" && action && action->takes_number)
                if (auto const* book = definition.find_register(*action->takes_number))
                    label = "Nomor " + book->label;
            if (action)
                for (auto const& field : action->fields)
                    if (field.name == key) {
                        label = field.label;
                        if (field.type == FieldType::Checklist) {
                            std::string labels;
                            for (auto const& option : field.options)
                                if (("," + text + ",").find("," + option.id + ",") != std::string::npos)
                                    labels += (labels.empty() ? "" : ", ") + option.label;
                            text = labels;
                        }
                    }
            auto* item = row->AddSectionDictionary("DATA");
            item->SetValue("LABEL", label);
            item->SetValue("TEXT", text);
        }
    }
}

void add_timing(TemplateDictionary& body, CaseView const& view)
{
    SopDefinition const& definition = *view.definition;
    for (auto const& timing : view.timing.steps) {
        auto* row = body.AddSectionDictionary("STEP");
        auto const* step = definition.find_step(timing.step_id);
        row->SetValue("TITLE", definition.state_label(timing.step_id));
        std::string roles;
        if (step)
            for (auto const& role : step->roles)
                roles += (roles.empty() ? "" : ", ") + definition.role_title(role);
        row->SetValue("ROLE", roles);
        bool const visited = timing.visits > 0 || timing.current;
        row->SetValue("SPENT", visited ? format_duration_id(timing.seconds_spent) : "—");
        row->SetValue("STANDARD", format_duration_id(timing.standard_seconds));
        std::string status = !visited ? "Belum" : !timing.on_time ? "TERLAMBAT " + format_duration_id(timing.late_by)
            : timing.current ? "Sedang berjalan" : "Tepat waktu";
        if (timing.current && !timing.on_time)
            status += " (sedang berjalan)";
        row->SetValue("STATUS", status);
        row->SetValue("ROW_CLASS", !timing.on_time ? "terlambat" : timing.current ? "sekarang" : "");
    }
    bool any = false;
    for (auto const& state : view.timing.states) {
        if (state.visits == 0 && !state.current)
            continue;
        any = true;
        auto* item = body.AddSectionDictionary("SPECIAL");
        item->SetValue("LABEL", definition.state_label(state.state_id));
        item->SetValue("SPENT", format_duration_id(state.seconds));
    }
    if (any)
        body.ShowSection("HAS_SPECIAL");
}

// The action just done, for the case page's success message.
constexpr char const* k_done_cookie = "sopir_selesai";

// The definition's action of that id, from whichever state.
ActionDefinition const* any_action(SopDefinition const& definition, std::string const& id)
{
    for (auto const& step : definition.steps)
        if (ActionDefinition const* action = definition.find_action(step.id, id))
            return action;
    for (auto const& state : definition.states)
        if (ActionDefinition const* action = definition.find_action(state.id, id))
            return action;
    return nullptr;
}

enum class WhatsAppNews { Returned, Ready };

// A wa.me link with the message to the applicant written out, when the
// applicant gave a phone number: the file was returned (with its
// reasons), or the letter is ready to collect.
void add_whatsapp(TemplateDictionary& section, WebContext& context, CaseView const& view, WhatsAppNews news)
{
    SopDefinition const& definition = *view.definition;
    InputGroup const* subject = definition.form.subject();
    if (!subject)
        return;
    auto const recorded = parse_object(view.item.applicant_json);
    std::string phone;
    for (auto const& field : subject->fields)
        if (field.type == InputType::Phone)
            phone = json_text(recorded, field.name.c_str());
    std::string const number = view.item.registration_number.empty() ? std::to_string(view.item.id) : view.item.registration_number;
    std::string text = "Yth. Bapak/Ibu " + view.item.applicant_name + ", ";
    if (news == WhatsAppNews::Returned) {
        std::string reasons;
        for (auto it = view.history.rbegin(); it != view.history.rend(); ++it)
            if (definition.state_kind(it->to_state) == StateKind::Returned) {
                ActionDefinition const* action = definition.find_action(it->from_state, it->action);
                for (auto const& id : it->reasons) {
                    std::string label = id;
                    if (action)
                        for (auto const& reason : action->reasons)
                            if (reason.id == id)
                                label = reason.label;
                    reasons += (reasons.empty() ? "" : "; ") + label;
                }
                break;
            }
        text += "berkas permohonan " + definition.title + " nomor " + number + " dikembalikan" + (reasons.empty() ? "" : " karena: " + reasons)
            + ". Mohon dilengkapi lalu dibawa kembali ke " + context.site_name() + ". Terima kasih.";
    } else {
        text += "surat " + definition.title + " (permohonan nomor " + number + ") sudah selesai dan dapat diambil di " + context.site_name()
            + " pada jam kerja dengan membawa tanda terima. Terima kasih.";
    }
    std::string const link = whatsapp_link(phone, text);
    if (!link.empty())
        section.SetValueAndShowSection("WA_HREF", link, "WHATSAPP");
}

Response case_page(WebContext& context, Views const& views, Session const& session, CaseView const& view, int status,
    ActionAttempt const* attempt, std::string const& notice = {}, std::string const& done_action = {})
{
    SopDefinition const& definition = *view.definition;
    TemplateDictionary body("case");
    body.SetIntValue("CASE_ID", view.item.id);
    body.SetValue("NAME", view.item.applicant_name);
    body.SetValue("SERVICE_TITLE", definition.title);
    body.SetValue("STATE_LABEL", definition.state_label(view.item.state));
    body.SetValue("REGISTRATION", or_dash(view.item.registration_number));
    body.SetValue("LETTER_NUMBER", or_dash(view.item.letter_number));
    body.SetValue("WORKING", format_duration_id(view.timing.working_seconds));
    body.SetValue("STANDARD", format_duration_id(view.timing.standard_seconds));
    if (!view.timing.on_time)
        body.ShowSection("LATE");
    StateKind const kind = definition.state_kind(view.item.state).value_or(StateKind::Step);
    if (kind == StateKind::Returned)
        add_whatsapp(*body.AddSectionDictionary("RETURNED"), context, view, WhatsAppNews::Returned);
    // The letter is given a number when it is sealed: from then on it can be
    // printed, always as the same bytes.
    if (!view.item.letter_number.empty()) {
        bool const marks = definition.letter && definition.letter->output == LetterOutput::Marks;
        auto* letter = body.AddSectionDictionary(marks ? "MARKS" : "LETTER");
        if (kind != StateKind::End && kind != StateKind::Cancelled)
            add_whatsapp(*letter, context, view, WhatsAppNews::Ready);
    }
    // After an action (POST-redirect-GET): what was done, and the next file.
    if (!done_action.empty())
        if (ActionDefinition const* done = any_action(definition, done_action))
            body.SetValueAndShowSection("DONE_LABEL", done->label, "DONE");
    if (!notice.empty())
        body.SetValueAndShowSection("MESSAGE", notice, "NOTICE");
    // At paraf and at signing the letter is in view, as it will print,
    // beside the buttons that initial, sign or send it back.
    if (desk::letter_in_review(definition, view.item.state)) {
        body.ShowSection("DRAFT");
        body.SetValue("SUBJECT", definition.letter->subject.empty() ? std::string("surat") : definition.letter->subject);
    }
    if (!view.actions.empty())
        body.ShowSection("HAS_ACTIONS");
    bool const returned = definition.state_kind(view.item.state) == StateKind::Returned;
    for (auto const* action : view.actions) {
        ActionAttempt const* tried = attempt && attempt->action == action->id ? attempt : nullptr;
        // A returned file goes back with the applicant's data corrected:
        // the resubmission form shows the data as recorded, or as typed.
        std::optional<std::vector<FormSection>> corrections;
        if (returned)
            corrections = intake_sections(context, session.staff, definition,
                tried && tried->form ? read_typed_form(*tried->form, definition) : typed_form(desk::stored_input(definition, view.item), definition));
        add_action_form(body, view, session.principal.csrf_token, *action, tried, corrections ? &*corrections : nullptr);
    }

    // Staff of the office see the whole NIK: they need it to record in SIAK.
    add_form(body, display_form(definition, desk::stored_input(definition, view.item)));
    add_documents(body, definition, parse_object(view.item.documents_json));
    add_timing(body, view);
    add_history(body, view);
    return views.page(status, frame_of(context, session, "Permohonan #" + std::to_string(view.item.id)), "case.tpl", body);
}

ActionData read_action(Params const& form, ActionDefinition const* action)
{
    ActionData data { .note = form.get(k_note_field) };
    for (auto const& reason : form.all(k_reasons_field))
        if (!reason.empty())
            data.reasons.push_back(reason);
    if (!action)
        return data;
    for (auto const& field : action->fields) {
        std::string joined;
        bool given = false;
        for (auto const& value : form.all(data_input(field.name))) {
            given = true;
            if (value.empty())
                continue; // The hidden marker that keeps an empty checklist in the form.
            joined += (joined.empty() ? "" : ",") + value;
        }
        if (field.type == FieldType::Bool && given && joined.empty())
            joined = "false";
        if (given && (!joined.empty() || field.type == FieldType::Checklist))
            data.fields[field.name] = joined;
    }
    return data;
}

Response slip_page(WebContext& context, Views const& views, Session const& session, CaseView const& view)
{
    SopDefinition const& definition = *view.definition;
    ActionRecord const* returned = nullptr;
    for (auto const& record : view.history)
        if (definition.state_kind(record.to_state) == StateKind::Returned)
            returned = &record;
    if (!returned)
        return views.message(404, frame_of(context, session, "Surat pengembalian"), "Surat pengembalian",
            "Permohonan ini belum pernah dikembalikan.");
    Office const& office = view.office;
    TemplateDictionary body("slip");
    body.SetValue("OFFICE_TITLE", office_title(office));
    body.SetValue("OFFICE_ADDRESS", office_address(office));
    body.SetValue("SERVICE_TITLE", definition.title);
    body.SetIntValue("CASE_ID", view.item.id);
    body.SetValue("NAME", view.item.applicant_name);
    body.SetValue("NIK_MASKED", mask_nik(view.item.nik));
    body.SetValue("AT", format_datetime_id(returned->at, office.utc_offset_minutes));
    ActionDefinition const* action = definition.find_action(returned->from_state, returned->action);
    for (auto const& id : returned->reasons) {
        std::string label = id;
        if (action)
            for (auto const& reason : action->reasons)
                if (reason.id == id)
                    label = reason.label;
        body.SetValueAndShowSection("TEXT", label, "REASON");
    }
    if (!returned->note.empty())
        body.SetValueAndShowSection("TEXT", returned->note, "NOTE");
    body.SetValue("PLACE_DATE", format_place_date(office.place_name.empty() ? office.name : office.place_name,
        local_date(returned->at, office.utc_offset_minutes)));
    auto officer = view.actor_names.find(returned->actor_id);
    body.SetValue("OFFICER", officer != view.actor_names.end() ? officer->second : "");
    return views.page(200, frame_of(context, session, "Surat pengembalian"), "slip.tpl", body);
}

// The person's own password.
Response password_page(Views const& views, Session const& session, PageFrame const& frame, int status, bool done, std::string const& error)
{
    TemplateDictionary body("password");
    body.SetValue("CSRF", session.principal.csrf_token);
    if (done)
        body.ShowSection("DONE");
    else if (session.principal.user.must_change_password)
        body.ShowSection("MUST_CHANGE");
    if (!error.empty())
        body.AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
    return views.page(status, frame, "password.tpl", body);
}

Response signin_form(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    auto principal = context.auth.identify(request);
    if (!principal.ok())
        return signin_page(context, views, request, http_status(principal.error()), "", principal.error().message);
    if (*principal && !(*principal)->via_api_token)
        return Response::redirect("/kerja");
    return signin_page(context, views, request, 200, "", "");
}

Response sign_in(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    auto const& form = request.form();
    std::string const username = form.get("username");
    if (!Auth::signin_csrf_ok(request))
        return signin_page(context, views, request, 403, username, "Formulir masuk kedaluwarsa. Ketik lagi nama pengguna dan kata sandi Anda.");
    auto user = context.auth.check_password(username, form.get("password"), request.remote_address);
    if (!user.ok()) {
        int const status = http_status(user.error());
        if (status == 429)
            return signin_page(context, views, request, 429, username, "Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit lalu coba lagi.");
        if (user.error().kind == ErrorKind::Forbidden)
            return signin_page(context, views, request, 401, username, "Nama pengguna atau kata sandi salah.");
        return signin_page(context, views, request, status, username, user.error().message);
    }
    std::string csrf;
    auto cookie = context.auth.start_session(*user, request.remote_address, csrf);
    if (!cookie.ok())
        return signin_page(context, views, request, http_status(cookie.error()), username, cookie.error().message);
    Response response = Response::redirect("/kerja");
    response.header("Set-Cookie", *cookie);
    return response;
}

Response sign_out(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    auto principal = context.auth.identify(request);
    if (!principal.ok())
        return views.message(http_status(principal.error()), { .title = "Keluar" }, "Keluar", principal.error().message);
    if (!*principal)
        return Response::redirect("/masuk");
    if (!Auth::csrf_ok(request, **principal))
        return csrf_refused(views, { .title = "Keluar" });
    (void)context.auth.sign_out(**principal, request.remote_address);
    Response response = Response::redirect("/masuk");
    response.header("Set-Cookie", context.auth.clear_cookie());
    return response;
}

Response password_form(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        return password_page(views, session, frame_of(context, session, "Ganti kata sandi"), 200, false, "");
    });
}

Response change_password(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        PageFrame const frame = frame_of(context, session, "Ganti kata sandi");
        if (!Auth::csrf_ok(request, session.principal))
            return csrf_refused(views, frame);
        auto const& form = request.form();
        auto changed = context.auth.change_password(session.principal, form.get("password_current"), form.get("password_new"), request.remote_address);
        if (!changed.ok())
            return password_page(views, session, frame, http_status(changed.error()), false, changed.error().message);
        return password_page(views, session, frame, 200, true, "");
    });
}

Response dashboard(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        return dashboard_page(context, views, session, request);
    });
}

Response worklist(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        // A kabupaten supervisor has no worklist: their page is the dashboard.
        if (session.staff.roles.empty() && !session.staff.supervises.empty())
            return Response::redirect("/dasbor");
        return worklist_page(context, views, session, request);
    });
}

// "Berkas berikutnya": the first file of the worklist's work tab (the one
// waiting longest) other than the one just done.
Response next_case(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        auto items = context.desk.worklist(session.staff, std::nullopt, std::nullopt);
        if (!items.ok())
            return views.message(http_status(items.error()), frame_of(context, session, "Daftar kerja"), "Daftar kerja", items.error().message);
        std::string const after = request.query.get("setelah");
        for (auto const& item : *items)
            if (tab_of(context, item.item) == WorklistTab::Work && std::to_string(item.item.id) != after)
                return Response::redirect("/permohonan/" + std::to_string(item.item.id));
        return Response::redirect("/kerja?habis=1");
    });
}

Response intake_form(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        PageFrame const frame = frame_of(context, session, "Permohonan baru");
        std::string const id = request.query.get("layanan");
        SopDefinition const* definition = nullptr;
        if (id.empty()) {
            // Without ?layanan=, the services this person may file; one of
            // them only is that one.
            std::vector<SopDefinition const*> offered;
            for (auto const& each : context.desk.services())
                if (!available_actions(each, each.initial_step, session.staff.actor()).empty())
                    offered.push_back(&each);
            if (offered.empty())
                return views.message(403, frame, "Permohonan baru", "Peran Anda tidak dapat mengajukan permohonan layanan mana pun.");
            if (offered.size() > 1)
                return service_choice(views, frame, "Permohonan baru", "Pilih layanan yang diajukan.", offered,
                    [](std::string const& each) { return "/permohonan/baru?layanan=" + url_encode(each); });
            definition = offered.front();
        } else {
            auto known = context.desk.known_service(id);
            if (!known.ok())
                return views.message(404, frame, "Permohonan baru", known.error().message);
            definition = *known;
        }
        return intake_page(context, views, session, *definition, {}, nullptr, 200);
    });
}

Response submit_intake(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        if (!Auth::csrf_ok(request, session.principal))
            return csrf_refused(views, frame_of(context, session, "Permohonan baru"));
        auto known = context.desk.known_service(request.form().get("service"));
        if (!known.ok())
            return views.message(404, frame_of(context, session, "Permohonan baru"), "Permohonan baru", known.error().message);
        SopDefinition const* definition = *known;
        TypedForm const typed = read_typed_form(request.form(), *definition);
        if (!request.form().get(k_add_row_input).empty())
            return intake_page(context, views, session, *definition, typed, nullptr, 200);
        OnDuplicate const on_duplicate = request.form().get("konfirmasi_ganda") == "ya" ? OnDuplicate::Confirm : OnDuplicate::Refuse;
        auto submitted = context.desk.submit(session.staff, definition->id, form_input(typed, *definition), on_duplicate);
        if (!submitted.ok())
            return intake_page(context, views, session, *definition, typed, &submitted.error(), http_status(submitted.error()));
        return Response::redirect("/permohonan/" + std::to_string(submitted->created.id) + "/tanda-terima");
    });
}

Response receipt(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        PageFrame const frame = frame_of(context, session, "Tanda terima");
        auto item = context.desk.case_in_office(session.staff, request.id_param("id"));
        SopDefinition const* definition = item.ok() ? context.desk.service(item->service_id) : nullptr;
        if (!item.ok() || !definition)
            return views.message(404, frame, "Tanda terima", item.ok() ? "Layanan permohonan ini tidak dimuat." : item.error().message);
        auto warnings = context.desk.intake_warnings(session.staff, *item);
        if (!warnings.ok())
            return views.message(http_status(warnings.error()), frame, "Tanda terima", warnings.error().message);
        (void)context.records.log_case_read(session.staff, item->id, "lihat tanda terima", request.remote_address);
        return receipt_page(context, views, session, *definition, Submitted { .created = *item, .warnings = *warnings });
    });
}

// The intake form's live NIK check (static/sopir.js): what check_nik
// finds, before the form is sent. The form works without it.
Response nik_check(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto principal = context.auth.identify(request);
    if (!principal.ok())
        return json_error(principal.error());
    if (!*principal)
        return json_error(Error::forbidden("Masuk dulu."));
    if ((*principal)->user.must_change_password)
        return json_error(temporary_password_refused());
    auto staff = context.desk.staff((*principal)->user);
    if (!staff.ok())
        return json_error(staff.error());
    NikCheckOptions options { .today = staff->today, .regions = &context.desk.regions(), .declared_birth_date = parse_typed_date(request.query.get("tanggal_lahir")), .declared_sex = parse_sex(request.query.get("jenis_kelamin")) };
    auto check = check_nik(request.query.get("nik"), options);
    nlohmann::ordered_json body { { "valid", check.valid } };
    auto messages = [](std::vector<IdentityIssue> const& issues) {
        auto list = nlohmann::ordered_json::array();
        for (auto const& issue : issues)
            list.push_back(issue.message);
        return list;
    };
    body["errors"] = messages(check.errors);
    body["warnings"] = messages(check.warnings);
    if (check.valid) {
        auto earlier = context.records.nik_has_cases(*staff, check.nik);
        if (earlier.ok() && *earlier)
            body["warnings"].push_back("NIK ini sudah punya permohonan.");
        std::string summary;
        if (check.birth_date)
            summary = "Lahir " + format_date_id(*check.birth_date);
        if (check.sex)
            summary += std::string(summary.empty() ? "" : ", ") + std::string(sex_name_id(*check.sex));
        if (check.region.district)
            summary += std::string(summary.empty() ? "" : ", ") + "terdaftar pertama di " + check.region.district->name;
        body["summary"] = summary;
        // What the form fills for the clerk, who may change it: the birth
        // date and sex the NIK gives, and what an earlier case recorded.
        if (check.birth_date)
            body["birth_date"] = to_iso(*check.birth_date);
        if (check.sex)
            body["sex"] = std::string(1, sex_letter(*check.sex));
        auto known = context.records.known_person(*staff, check.nik, request.query.get("layanan"), request.remote_address);
        body["known"] = known.ok() ? nlohmann::ordered_json(*known) : nlohmann::ordered_json::object();
    }
    return Response::json(200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response case_view(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        auto view = context.desk.view(session.staff, request.id_param("id"), request.remote_address);
        if (!view.ok())
            return views.message(http_status(view.error()), frame_of(context, session, "Permohonan"), "Permohonan", view.error().message);
        std::string const done = request.cookie(k_done_cookie);
        Response response = case_page(context, views, session, *view, 200, nullptr, {}, done);
        if (!done.empty())
            response.header("Set-Cookie", std::string(k_done_cookie) + "=; Path=/permohonan/" + std::to_string(view->item.id) + "; Max-Age=0; HttpOnly; SameSite=Strict");
        return response;
    });
}

Response return_slip(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        auto view = context.desk.view(session.staff, request.id_param("id"), request.remote_address);
        if (!view.ok())
            return views.message(http_status(view.error()), frame_of(context, session, "Surat pengembalian"), "Surat pengembalian", view.error().message);
        return slip_page(context, views, session, *view);
    });
}

Response act_on_case(StaffPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        if (!Auth::csrf_ok(request, session.principal))
            return csrf_refused(views, frame_of(context, session, "Permohonan"));
        Id const id = request.id_param("id");
        auto const& form = request.form();
        std::string const action_id = form.get("action");
        auto before = context.desk.view(session.staff, id, request.remote_address);
        if (!before.ok())
            return views.message(http_status(before.error()), frame_of(context, session, "Permohonan"), "Permohonan", before.error().message);
        ActionDefinition const* action = before->definition->find_action(before->item.state, action_id);
        std::optional<std::int64_t> version;
        std::string const version_text = form.get("version");
        if (!version_text.empty() && version_text.size() < 18 && version_text.find_first_not_of("0123456789") == std::string::npos)
            version = std::stoll(version_text);
        std::optional<nlohmann::json> corrections;
        if (action && before->definition->state_kind(before->item.state) == StateKind::Returned && posts_form(form, *before->definition)) {
            corrections = form_input(read_typed_form(form, *before->definition), *before->definition);
        }
        auto outcome = context.letters.act(session.staff, id, action_id, read_action(form, action), version, corrections,
            form.get(data_input("password")), request.remote_address, session.principal.credential_hash());
        if (outcome.ok()) {
            // What was done travels to the page in a cookie read once, so
            // that a reload does not say it again.
            std::string const page = "/permohonan/" + std::to_string(id);
            Response response = Response::redirect(page);
            response.header("Set-Cookie", std::string(k_done_cookie) + "=" + url_encode(action_id) + "; Path=" + page + "; Max-Age=120; HttpOnly; SameSite=Strict");
            return response;
        }
        Error error = outcome.error();
        if (error.kind == ErrorKind::Conflict)
            error.message = "Permohonan ini baru saja diubah orang lain. Periksa keadaannya di bawah, lalu ulangi bila masih perlu.";
        auto after = context.desk.view(session.staff, id, request.remote_address);
        if (!after.ok())
            return views.message(http_status(after.error()), frame_of(context, session, "Permohonan"), "Permohonan", after.error().message);
        ActionAttempt attempt { .action = action_id, .form = &form, .error = &error };
        bool const form_shown = std::any_of(after->actions.begin(), after->actions.end(), [&](auto const* each) { return each->id == action_id; });
        return case_page(context, views, session, *after, http_status(error), &attempt, form_shown ? "" : error.message);
    });
}

RouteEntry<StaffPages> const k_staff_routes[] = {
    { "GET", "/masuk", signin_form },
    { "POST", "/masuk", sign_in },
    { "POST", "/keluar", sign_out },
    { "GET", "/akun/sandi", password_form },
    { "POST", "/akun/sandi", change_password },
    { "GET", "/dasbor", dashboard },
    { "GET", "/kerja", worklist },
    { "GET", "/kerja/berikutnya", next_case },
    { "GET", "/permohonan/baru", intake_form },
    { "POST", "/permohonan/baru", submit_intake },
    { "GET", "/permohonan/{id}/tanda-terima", receipt },
    { "GET", "/permohonan/periksa-nik", nik_check },
    { "GET", "/permohonan/{id}", case_view },
    { "GET", "/permohonan/{id}/slip", return_slip },
    { "POST", "/permohonan/{id}/aksi", act_on_case },
};

}

void add_staff_routes(Router& router, WebContext& context)
{
    add_outage_pages(router, context);
    add_register_pages(router, context);
    add_signing_pages(router, context);
    add_admin_pages(router, context);
    add_routes(router, std::make_shared<StaffPages>(context), k_staff_routes);
}
}
