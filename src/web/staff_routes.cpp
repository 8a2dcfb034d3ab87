// The staff's pages: sign-in, worklists, intake, each step's form, the case
// page. (Being built: see the web service issue.)
#include "web/web.hpp"

namespace sopir::web {

void add_staff_routes(Router& router, WebContext&)
{
    router.add("GET", "/", [](Request&) { return Response::text(200, "sopir\n"); });
}

}
