#pragma once
// What the JSON route groups share (api_routes.cpp, register_routes.cpp):
// JSON answers, the 401 for a missing sign-in, and running a handler with
// the signed-in staff member.

#include "web/web.hpp"

#include <nlohmann/json.hpp>

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

// With a signed-in staff member (session cookie or bearer token), or 401 /
// the reason they have no place in an office.
template<typename Body>
Response with_staff(WebContext& context, Request& request, Body&& body)
{
    auto principal = context.auth.identify(request);
    if (!principal)
        return unauthorized();
    auto staff = context.desk.staff(principal->user);
    if (!staff.ok())
        return json_error(staff.error());
    return body(*staff);
}

}
