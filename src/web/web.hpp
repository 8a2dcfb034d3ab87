#pragma once
// The web service's parts, handed to each route group (one file per group:
// api_routes.cpp, staff_routes.cpp, public_routes.cpp, ops_routes.cpp).

#include "core/result.hpp"
#include "store/store.hpp"
#include "web/auth.hpp"
#include "web/desk.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"

#include <string>

namespace sopir::web {

struct WebOptions {
    std::string static_dir;    // CSS and other assets, served under /static/.
    std::string templates_dir; // HTML views.
};

struct WebContext {
    Desk& desk;
    Auth& auth;
    store::Store& store;
    Metrics& metrics;
    WebOptions options;
};

// Errors are mapped to HTTP status codes here and nowhere else
// (STYLE.md, practice 4).
int http_status(Error const&);
// {"error":{"code","message"}} and, for Invalid, "errors":[{field,code,message}].
Response json_error(Error const&);

void add_api_routes(Router&, WebContext&);
void add_ops_routes(Router&, WebContext&);
void add_staff_routes(Router&, WebContext&);
void add_public_routes(Router&, WebContext&);

// The handler the server runs: dispatch, security headers on every
// response, metrics by route and status, and no exception ever escaping as a
// stack trace.
Handler make_handler(Router const&, WebContext&);

}
