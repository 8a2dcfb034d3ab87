#pragma once
// What the JSON route groups share (api_routes.cpp, register_routes.cpp):
// JSON answers, the 401 for a missing sign-in, and running a handler with
// the signed-in staff member.

#include "web/web.hpp"

#include "core/date.hpp"

#include <nlohmann/json.hpp>

#include <type_traits>
#include <utility>

namespace sopir::web {

inline Response json_response(int status, nlohmann::ordered_json const& body)
{
    return Response::json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

inline Response unauthorized()
{
    nlohmann::ordered_json body { { "error", { { "code", "unauthorized" }, { "message", "Masuk dulu: kirim Authorization: Bearer TOKEN." } } } };
    Response response = json_response(401, body);
    response.header("WWW-Authenticate", "Bearer");
    return response;
}

// With the signed-in person (session cookie or bearer token), or 401 (503
// when the database cannot say). A write through the session cookie must
// also pass Auth::api_write_allowed (CSRF).
template<typename Body>
Response with_principal(WebContext& context, Request& request, Body&& body)
{
    auto principal = context.auth.identify(request);
    if (!principal.ok())
        return json_error(principal.error());
    if (!*principal)
        return unauthorized();
    if (auto allowed = Auth::api_write_allowed(request, **principal); !allowed.ok())
        return json_error(allowed.error());
    return body(**principal);
}

// With a signed-in staff member, as with_principal, or the reason they have
// no place in an office. The body takes the staff member, or the staff
// member and the principal.
template<typename Body>
Response with_staff(WebContext& context, Request& request, Body&& body)
{
    return with_principal(context, request, [&](Principal const& principal) {
        if (principal.user.must_change_password)
            return json_error(temporary_password_refused());
        auto staff = context.desk.staff(principal.user);
        if (!staff.ok())
            return json_error(staff.error());
        if constexpr (std::is_invocable_v<Body, Staff const&, Principal const&>)
            return body(*staff, principal);
        else
            return body(*staff);
    });
}

// The days of a report or a list: ?month=YYYY-MM, or ?from=YYYY-MM-DD&to=
// YYYY-MM-DD, both days included; the person's today for what is omitted.
inline Result<std::pair<Date, Date>> period_of(Request const& request, Staff const& staff)
{
    if (request.query.has("month")) {
        std::string const month = request.query.get("month");
        auto first = parse_iso_date(month + "-01");
        if (month.size() != 7 || !first)
            return Error::invalid("month", "Bulan harus berbentuk TTTT-BB.", "period.month");
        return std::pair { *first, Date { first->year, first->month, days_in_month(first->year, first->month) } };
    }
    auto day = [&](char const* name) -> Result<Date> {
        if (!request.query.has(name))
            return staff.today;
        auto parsed = parse_typed_date(request.query.get(name));
        if (!parsed)
            return Error::invalid(name, std::string("Tanggal ") + name + " harus ditulis HH-BB-TTTT (atau TTTT-BB-HH).", "period.date");
        return *parsed;
    };
    auto from = day("from");
    if (!from.ok())
        return from.error();
    auto to = day("to");
    if (!to.ok())
        return to.error();
    return std::pair { *from, *to };
}

}
