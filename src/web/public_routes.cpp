// The public pages: the service standard and the status check.
// (Being built: see the web service issue.)
#include "web/web.hpp"

namespace sopir::web {

void add_public_routes(Router&, WebContext&)
{
}

}
