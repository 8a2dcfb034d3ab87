// The public pages (no sign-in): the service standard and the status check.
// Handlers parse, call the desk, render.
#include "web/api_support.hpp"
#include "web/route_table.hpp"
#include "web/web.hpp"

#include "core/indonesian.hpp"
#include "web/rate_limit.hpp"
#include "web/views.hpp"

#include <memory>

namespace sopir::web {

namespace {

using ctemplate::TemplateDictionary;

// The public standard of a service as an office states it (its Nomor SOP,
// dates, approver and step minutes: core/office_sop.hpp), with that
// office's contact; with no office named, the file's, with every office's.
Response service_page(WebContext& context, Views const& views, SopDefinition const& file, std::optional<Office> const& office)
{
    SopDefinition definition = file;
    if (office) {
        auto stated = context.desk.office_definition(office->id, file.id);
        if (!stated.ok())
            return views.message(http_status(stated.error()), {}, "Standar pelayanan", stated.error().message);
        definition = std::move(*stated);
    }
    TemplateDictionary body("service");
    body.SetValue("TITLE", definition.title);
    // The printed SOP and its flowchart, of this office's statement.
    std::string const of_office = office ? "?kantor=" + url_encode(office->code) : std::string();
    body.SetValue("SOP_PDF", "/layanan/" + url_encode(definition.id) + "/sop.pdf" + of_office);
    body.SetValue("FLOWCHART", "/layanan/" + url_encode(definition.id) + "/alur.svg" + of_office);
    body.SetValue("OFFICE", office ? "Kantor Camat " + office->name : definition.meta.office.empty() ? "Kantor Camat" : definition.meta.office);
    body.SetValue("SOP_NUMBER", definition.meta.number.empty() ? definition.id : definition.meta.number);
    if (definition.meta.effective)
        body.AddSectionDictionary("EFFECTIVE")->SetValue("DATE", format_date_id(*definition.meta.effective));
    if (!definition.meta.approved_by.empty())
        body.AddSectionDictionary("APPROVED")->SetValue("NAME", definition.meta.approved_by);
    for (auto const& document : definition.documents)
        body.SetValueAndShowSection("LABEL", document.label, "DOCUMENT");
    if (!definition.standard.requirements.empty())
        body.SetValueAndShowSection("TEXT", definition.standard.requirements, "REQUIREMENTS");
    int number = 1;
    for (auto const& step : definition.steps) {
        auto* row = body.AddSectionDictionary("STEP");
        row->SetIntValue("NUMBER", number++);
        row->SetValue("STEP_TITLE", step.title);
        row->SetValue("DESCRIPTION", step.description);
        std::string roles;
        for (auto const& role : step.roles)
            roles += (roles.empty() ? "" : " / ") + definition.role_title(role);
        row->SetValue("ROLES", roles);
        row->SetIntValue("MINUTES", step.standard_minutes);
        row->SetValue("OUTPUT", step.output);
    }
    body.SetIntValue("TOTAL", total_standard_minutes(definition));
    // The definition's [standard] states the cost, the product and where
    // complaints go; what it leaves out is said plainly, never guessed.
    body.SetValue("COST", definition.standard.cost.empty() ? "Tidak dicantumkan dalam SOP; tanyakan kepada petugas." : definition.standard.cost);
    body.SetValue("PRODUCT", !definition.standard.product.empty() ? definition.standard.product
            : definition.steps.empty()                        ? definition.title
                                                              : definition.steps.back().output + ".");
    body.SetValue("COMPLAINTS", definition.standard.complaints.empty() ? "Pengaduan dapat disampaikan langsung di kantor, atau melalui SP4N-LAPOR! di lapor.go.id."
                                                                       : definition.standard.complaints);
    for (auto const& law : definition.legal_basis)
        body.SetValueAndShowSection("TEXT", law, "LAW");
    std::vector<Office> contacts;
    if (office) {
        contacts.push_back(*office);
    } else if (auto offices = context.records.offices(); offices.ok()) {
        contacts = std::move(*offices);
    }
    for (auto const& each : contacts) {
        auto* contact = body.AddSectionDictionary("CONTACT");
        contact->SetValue("OFFICE_NAME", "Kantor Camat " + each.name);
        std::string address = each.address.empty() ? each.regency : each.address;
        if (!each.postal_code.empty())
            address += " " + each.postal_code;
        contact->SetValue("ADDRESS", address);
        if (!each.phone.empty())
            contact->SetValueAndShowSection("NUMBER", each.phone, "PHONE");
        if (!each.email.empty())
            contact->AddSectionDictionary("EMAIL")->SetValue("ADDRESS", each.email);
    }
    if (contacts.empty())
        body.ShowSection("NO_CONTACT");
    return views.page(200, { .title = "Standar Pelayanan " + definition.title }, "service.tpl", body);
}

// ?kantor=CODE names the office whose copy is shown; with none named and one
// office on the server, that office's.
Result<std::optional<Office>> public_office(WebContext& context, Request const& request)
{
    std::string const code = request.query.get("kantor");
    auto offices = context.records.offices();
    if (!offices.ok())
        return offices.error();
    if (!code.empty()) {
        for (auto const& office : *offices)
            if (office.code == code)
                return std::optional<Office> { office };
        return Error::not_found("Kantor " + code + " tidak dikenal.");
    }
    if (offices->size() == 1)
        return std::optional<Office> { offices->front() };
    return std::optional<Office> {};
}

// "/" and "/layanan": one service's standard when one is loaded, else the
// list of them.
Response services_page(WebContext& context, Views const& views, Request const& request)
{
    auto const& services = context.desk.services();
    if (services.empty())
        return views.message(200, {}, "Standar pelayanan", "Belum ada layanan yang dimuat.");
    auto office = public_office(context, request);
    if (!office.ok())
        return views.message(http_status(office.error()), {}, "Standar pelayanan", office.error().message);
    if (services.size() == 1)
        return service_page(context, views, services.front(), *office);
    TemplateDictionary body("services");
    body.SetValue("HEADING", "Standar pelayanan");
    body.SetValue("INTRO", "Layanan yang dapat diajukan:");
    std::string const kantor = request.query.get("kantor");
    for (auto const& definition : services) {
        auto* row = body.AddSectionDictionary("SERVICE");
        row->SetValue("HREF", "/layanan/" + url_encode(definition.id) + (kantor.empty() ? "" : "?kantor=" + url_encode(kantor)));
        row->SetValue("TITLE", definition.title);
    }
    return views.page(200, { .title = "Standar pelayanan" }, "services.tpl", body);
}

// The PIN typed is never shown back: a page left open or cached holds
// only the number.
Response status_page(Views const& views, int status, std::string const& number,
    std::string const& error, PublicStatus const* result, int utc_offset_minutes)
{
    TemplateDictionary body("status");
    body.SetValue("NUMBER", number);
    if (!error.empty())
        body.SetValueAndShowSection("MESSAGE", error, "ERROR");
    if (result) {
        auto* shown = body.AddSectionDictionary("RESULT");
        shown->SetValue("REGISTRATION", result->registration_number);
        shown->SetValue("SERVICE", result->service_title);
        shown->SetValue("STATE_LABEL", result->state_label);
        shown->SetValue("SUBMITTED", format_datetime_id(result->submitted_at, utc_offset_minutes));
        shown->SetValue("UPDATED", format_datetime_id(result->updated_at, utc_offset_minutes));
    }
    return views.page(status, { .title = "Cek status permohonan" }, "status.tpl", body);
}

// The offices' local time; WITA when there is no office yet.
int public_utc_offset(WebContext& context)
{
    auto offices = context.records.offices();
    if (offices.ok() && !offices->empty())
        return offices->front().utc_offset_minutes;
    return 480;
}

// The public pages' parts: the web's, the views, and the status check's
// limits: per client address (checks a minute, and wrong PINs an hour), and
// per case by the wrong PINs counted on it (Desk::public_status).
struct PublicPages {
    explicit PublicPages(WebContext& web)
        : context(web)
        , views(web.options.templates_dir, [&web] { return web.site_name(); })
    {
    }
    WebContext& context;
    Views views;
    RateLimiter limiter { 10, 60 };
    RateLimiter wrong_pins { 20, 3600 };
};

Response home(PublicPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    auto principal = context.auth.identify(request);
    if (!principal.ok())
        return views.message(http_status(principal.error()), {}, "Tidak dapat dibuka", principal.error().message);
    if (*principal && !(*principal)->via_api_token)
        return Response::redirect("/kerja");
    return services_page(context, views, request);
}

Response services(PublicPages& pages, Request& request)
{
    return services_page(pages.context, pages.views, request);
}

Response service(PublicPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    auto const* definition = context.desk.service(request.param("id"));
    if (!definition)
        return views.message(404, {}, "Layanan tidak ditemukan", "Layanan '" + request.param("id") + "' tidak dikenal di kantor ini.");
    auto office = public_office(context, request);
    if (!office.ok())
        return views.message(http_status(office.error()), {}, "Standar pelayanan", office.error().message);
    return service_page(context, views, *definition, *office);
}

// The printed SOP as the office states it (?kantor=CODE, or the only
// office), or the file's when no office is named; public, like the page.
Response printed_sop(PublicPages& pages, Request& request, SopPrintFormat format)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    std::string const id = request.param("id");
    auto office = public_office(context, request);
    if (!office.ok())
        return views.message(http_status(office.error()), {}, "Standar pelayanan", office.error().message);
    auto printed = context.records.printed_sop(id, *office, format);
    if (!printed.ok())
        return views.message(http_status(printed.error()), {},
            printed.error().kind == ErrorKind::NotFound ? "Layanan tidak ditemukan" : "SOP tidak dapat dicetak", printed.error().message);
    if (format == SopPrintFormat::Pdf)
        return pdf_response(std::move(*printed), "sop-" + id + ".pdf");
    Response response;
    response.content_type = "image/svg+xml";
    response.body = std::move(*printed);
    return response;
}

Response service_sop_pdf(PublicPages& pages, Request& request)
{
    return printed_sop(pages, request, SopPrintFormat::Pdf);
}

Response service_flowchart_svg(PublicPages& pages, Request& request)
{
    return printed_sop(pages, request, SopPrintFormat::FlowchartSvg);
}

Response status_form(PublicPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    // The receipt's QR code brings the number along; the PIN is typed.
    return status_page(views, 200, std::string(trim(request.query.get("nomor"))).substr(0, 64), "", nullptr, public_utc_offset(context));
}

Response check_status(PublicPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    auto& limiter = pages.limiter;
    auto& wrong_pins = pages.wrong_pins;
    auto const& form = request.form();
    std::string const number = form.get("nomor");
    std::string const pin = form.get("pin");
    int const offset = public_utc_offset(context);
    Timestamp const now = context.desk.now();
    if (!wrong_pins.has_room(request.remote_address, now) || !limiter.allow(request.remote_address, now)) {
        Response response = status_page(views, 429, number,
            "Terlalu banyak pengecekan dari alamat ini. Tunggu sebentar lalu coba lagi.", nullptr, offset);
        response.header("Retry-After", "60");
        return response;
    }
    if (number.empty() || pin.empty())
        return status_page(views, 422, number, "Isi nomor registrasi (atau nomor permohonan) dan PIN dari tanda terima.", nullptr, offset);
    auto found = context.desk.public_status(number, pin);
    if (!found.ok()) {
        Error const& error = found.error();
        if (error.kind == ErrorKind::NotFound)
            (void)wrong_pins.allow(request.remote_address, now);
        bool const throttled = error.code == "status.throttled";
        Response response = status_page(views, throttled ? 429 : http_status(error), number, error.message, nullptr, offset);
        if (throttled)
            response.header("Retry-After", "3600");
        return response;
    }
    return status_page(views, 200, number, "", &*found, offset);
}

// A new PIN for a case's status check, as printing the receipt issues
// one; for API clients that print their own receipt. The earlier PIN
// stops working.
Response issue_status_pin(PublicPages& pages, Request& request)
{
    auto& context = pages.context;
    return with_staff(context, request, [&](Staff const& staff) {
        auto pin = context.desk.issue_status_pin(staff, request.id_param("id"));
        if (!pin.ok())
            return json_error(pin.error());
        Response response = json_response(201, { { "status_pin", *pin } });
        response.header("Cache-Control", "no-store");
        return response;
    });
}

RouteEntry<PublicPages> const k_public_routes[] = {
    { "GET", "/", home },
    { "GET", "/layanan", services },
    { "GET", "/layanan/{id}", service },
    { "GET", "/layanan/{id}/sop.pdf", service_sop_pdf },
    { "GET", "/layanan/{id}/alur.svg", service_flowchart_svg },
    { "GET", "/status", status_form },
    { "POST", "/status", check_status },
    { "POST", "/api/v1/cases/{id}/status-pin", issue_status_pin },
};

}

void add_public_routes(Router& router, WebContext& context)
{
    add_routes(router, std::make_shared<PublicPages>(context), k_public_routes);
}
}
