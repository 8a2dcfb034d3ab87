#pragma once
// What the staff's page groups share (staff_routes.cpp, outage_pages.cpp,
// register_pages.cpp): the signed-in person, the layout's frame around a
// page, and the refusal of a form without its CSRF token.

#include "web/views.hpp"
#include "web/web.hpp"

#include <string>

namespace sopir::web {

struct Session {
    Principal principal;
    Staff staff;
};

// A staff page group's parts, which its route handlers take: the web's,
// and the group's views.
struct StaffPages {
    explicit StaffPages(WebContext& web)
        : context(web)
        , views(web.options.templates_dir, [&web] { return web.site_name(); })
    {
    }
    WebContext& context;
    Views views;
};

// The layout's title, the person's name, the sign-out token and which
// links the navigation shows.
PageFrame frame_of(WebContext const&, Session const&, std::string title);

// 403: a form whose CSRF token does not match the session's.
Response csrf_refused(Views const&, PageFrame const&);

// A report page's office picker (OFFICE_PICKER): a supervisor chooses the
// whole kabupaten or one of its offices; nothing for office staff.
void add_office_picker(ctemplate::TemplateDictionary&, WebContext&, Session const&, desk::ReportScope const&);

// The page groups beside staff_routes.cpp, added by add_staff_routes.
void add_outage_pages(Router&, WebContext&);   // /gangguan (outage_pages.cpp)
void add_register_pages(Router&, WebContext&); // /register/{register} (register_pages.cpp)
void add_signing_pages(Router&, WebContext&);  // drafts, /tandatangan, /paraf (signing_pages.cpp)
void add_admin_pages(Router&, WebContext&);    // /admin (admin_pages.cpp)

// With the signed-in staff member, or a redirect to the sign-in form.
template<typename Body>
Response with_session(WebContext& context, Views const& views, Request& request, Body&& body)
{
    auto principal = context.auth.identify(request);
    if (!principal.ok())
        return views.message(http_status(principal.error()), { .title = "Tidak dapat dibuka" }, "Tidak dapat dibuka", principal.error().message);
    if (!*principal || (*principal)->via_api_token)
        return Response::redirect("/masuk");
    // Signed in with a reset's one-time code: a new password first.
    if ((*principal)->user.must_change_password && request.path != "/akun/sandi")
        return Response::redirect("/akun/sandi");
    auto staff = context.desk.staff((*principal)->user);
    if (!staff.ok())
        return views.message(http_status(staff.error()), { .title = "Tidak dapat dibuka" }, "Tidak dapat dibuka", staff.error().message);
    Session session { **principal, *staff };
    return body(session);
}

}
