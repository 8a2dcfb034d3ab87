#pragma once
// The web service's parts, handed to each route group (one file per group:
// api_routes.cpp, staff_routes.cpp, public_routes.cpp, ops_routes.cpp).

#include "core/result.hpp"
#include "web/auth.hpp"
#include "web/client_address.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"
#include "web/rate_limit.hpp"
#include "web/use_cases.hpp"

#include <cstdint>
#include <mutex>
#include <string>

namespace sopir::web {

struct WebOptions {
    std::string static_dir;    // CSS and other assets, served under /static/.
    std::string templates_dir; // HTML views.
    // Where the public reaches the service (serve --public-url): an Origin
    // naming it is ours, as is one naming the request's Host.
    std::string public_url;
    // serve --trusted-proxy: peers whose X-Forwarded-For names the client.
    TrustedProxies trusted_proxies;
};

// What the pages call the place: "Kantor Camat Candi Laras Utara" when the
// database holds one office, the kabupaten's offices when it holds several.
// Read from the offices at most once a minute.
class SiteName {
public:
    explicit SiteName(Records const& records)
        : m_records(records)
    {
    }
    std::string operator()() const;

private:
    Records const& m_records;
    mutable std::mutex m_mutex;
    mutable std::string m_name;
    mutable std::int64_t m_read_at { -1 };
};

struct WebContext {
    Desk& desk;
    LetterDesk& letters;
    Auth& auth;
    // The other reads and records (names, registers, the replayed answers):
    // web reaches the store only through the desks.
    Records& records;
    Metrics& metrics;
    WebOptions options;
    // Letter verification answers guesses of tokens and PDFs: 30 a minute
    // per address, shared by the page and the API.
    RateLimiter verify_limiter { 30, 60 };
    SiteName site_name { records };
    // Office administration (admin_pages.cpp); set by serve before any request.
    Administration* administration { nullptr };
    // The satisfaction survey (survey_routes.cpp); set by serve before any request.
    desk::SurveyDesk* surveys { nullptr };
};

// Errors are mapped to HTTP status codes here and nowhere else
// (STYLE.md, practice 4).
int http_status(Error const&);
// {"error":{"code","message"}} and, for Invalid, "errors":[{field,code,message}].
Response json_error(Error const&);
// What a person is told of a failure: its message, except for the server's
// own faults (500), whose text may quote the database or a library: those
// are logged and a plain sentence is shown instead.
std::string shown_message(int status, std::string const& message);

// A PDF to show in the browser or save, under a file name that says what
// it is: "surat-keterangan-400.12.2.1-0042-CLU-XI-2026.pdf".
Response pdf_response(std::string bytes, std::string const& file_name);

void add_api_routes(Router&, WebContext&);
void add_ops_routes(Router&, WebContext&);
void add_staff_routes(Router&, WebContext&);
void add_public_routes(Router&, WebContext&);
void add_letter_routes(Router&, WebContext&);
void add_register_routes(Router&, WebContext&);
void add_report_routes(Router&, WebContext&);
// The survey: its public page, the counter's tablet, the IKM report and the API.
void add_survey_routes(Router&, WebContext&);
// The period's satisfaction index as one sentence, for the dashboard and the
// monthly recap: "IKM 84,72, mutu B (Baik), dari 12 responden." or that
// there is no respondent yet; empty when it cannot be read.
std::string period_ikm_sentence(WebContext&, Staff const&, ReportScope const&, std::optional<std::string> const& service, Date from, Date to);
// POST /api/v1/signatures and /api/v1/initials (signing_api.cpp), added by add_api_routes.
void add_signing_api(Router&, WebContext&);

// The handler the server runs: the client's address (behind a trusted
// proxy), a foreign Origin refused for writes that carry the session cookie
// and for the sign-in form, dispatch, security headers on every response,
// metrics by route and status, and no exception ever escaping as a stack
// trace.
Handler make_handler(Router const&, WebContext&);

// The answer to a request the handler never saw (libmicrohttpd refused it
// as malformed, or its body is over the limit): sopir's security headers,
// JSON under /api/, plain text elsewhere.
Response protocol_error(int status, std::string const& path);

}
