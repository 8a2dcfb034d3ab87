// Letters by the batch through the JSON API: POST /api/v1/signatures (the
// Camat's password once for every letter) and POST /api/v1/initials (the
// Kasi's paraf), each answering one outcome per case. Bearer token or
// session cookie with its CSRF token, like every API write.
#include "web/api_decode.hpp"
#include "web/api_support.hpp"
#include "web/route_table.hpp"
#include "web/web.hpp"

#include <nlohmann/json.hpp>

namespace sopir::web {

namespace {

using Json = nlohmann::ordered_json;
using desk::BatchKind;

Response batch(WebContext& context, Request& request, BatchKind kind)
{
    return with_staff(context, request, [&](Staff const& staff, Principal const& principal) {
        auto body = decode_batch_request(request.body);
        if (!body.ok()) {
            if (body.error().code == k_bad_json)
                return json_response(400, { { "error", { { "code", body.error().code }, { "message", body.error().message } } } });
            return json_error(body.error());
        }
        auto outcomes = context.letters.act_on_batch(staff, kind, body->cases, body->password, request.remote_address,
            principal.credential_hash());
        if (!outcomes.ok())
            return json_error(outcomes.error());
        Json results = Json::array();
        int done = 0;
        for (auto const& outcome : *outcomes) {
            done += outcome.done ? 1 : 0;
            Json entry { { "case", outcome.case_id }, { "done", outcome.done }, { "code", outcome.code }, { "message", outcome.message } };
            entry["state"] = outcome.item ? Json(outcome.item->state) : Json();
            entry["version"] = outcome.item ? Json(outcome.item->version) : Json();
            results.push_back(std::move(entry));
        }
        return json_response(200, { { "results", results }, { "done", done }, { "refused", static_cast<int>(outcomes->size()) - done } });
    });
}

Response sign_letters(WebContext& context, Request& request) { return batch(context, request, BatchKind::Sign); }
Response initial_letters(WebContext& context, Request& request) { return batch(context, request, BatchKind::Initial); }

RouteEntry<WebContext> const k_signing_api[] = {
    { "POST", "/api/v1/signatures", sign_letters },
    { "POST", "/api/v1/initials", initial_letters },
};

}

void add_signing_api(Router& router, WebContext& context)
{
    add_routes(router, context, k_signing_api);
}

}
