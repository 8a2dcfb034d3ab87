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

Response service_page(WebContext& context, Views const& views, SopDefinition const& definition)
{
    TemplateDictionary body("service");
    body.SetValue("TITLE", definition.title);
    body.SetValue("OFFICE", definition.meta.office.empty() ? "Kantor Camat" : definition.meta.office);
    body.SetValue("SOP_NUMBER", definition.meta.number.empty() ? definition.id : definition.meta.number);
    for (auto const& document : definition.documents)
        body.SetValueAndShowSection("LABEL", document.label, "DOCUMENT");
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
    body.SetValue("PRODUCT", definition.steps.empty() ? definition.title : definition.steps.back().output);
    for (auto const& law : definition.legal_basis)
        body.SetValueAndShowSection("TEXT", law, "LAW");
    auto offices = context.records.offices();
    bool any = false;
    if (offices.ok()) {
        for (auto const& office : *offices) {
            any = true;
            auto* contact = body.AddSectionDictionary("CONTACT");
            contact->SetValue("OFFICE_NAME", "Kantor Camat " + office.name);
            std::string address = office.address.empty() ? office.regency : office.address;
            if (!office.postal_code.empty())
                address += " " + office.postal_code;
            contact->SetValue("ADDRESS", address);
            if (!office.phone.empty())
                contact->SetValueAndShowSection("NUMBER", office.phone, "PHONE");
            if (!office.email.empty())
                contact->AddSectionDictionary("EMAIL")->SetValue("ADDRESS", office.email);
        }
    }
    if (!any)
        body.ShowSection("NO_CONTACT");
    return views.page(200, { .title = "Standar Pelayanan " + definition.title }, "service.tpl", body);
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
        , views(web.options.templates_dir)
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
    if (context.desk.services().empty())
        return views.message(200, {}, "sopir", "Belum ada layanan yang dimuat.");
    auto const* definition = context.desk.service("perekaman-ektp");
    return service_page(context, views, definition ? *definition : context.desk.services().front());
}

Response service(PublicPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    auto const* definition = context.desk.service(request.param("id"));
    if (!definition)
        return views.message(404, {}, "Layanan tidak ditemukan", "Layanan itu tidak dikenal di kantor ini.");
    return service_page(context, views, *definition);
}

Response status_form(PublicPages& pages, Request&)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return status_page(views, 200, "", "", nullptr, public_utc_offset(context));
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
        return status_page(views, 422, number, "Isi nomor registrasi dan PIN dari tanda terima.", nullptr, offset);
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
    { "GET", "/layanan/{id}", service },
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
