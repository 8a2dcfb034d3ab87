#include "web/web.hpp"

#include <ctime>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string_view>
#include <typeinfo>

namespace sopir::web {

std::string SiteName::operator()() const
{
    std::int64_t const now = static_cast<std::int64_t>(std::time(nullptr));
    std::lock_guard lock(m_mutex);
    if (m_read_at >= 0 && now - m_read_at < 60)
        return m_name;
    auto offices = m_records.offices();
    if (offices.ok() && offices->size() == 1)
        m_name = "Kantor Camat " + offices->front().name;
    else if (offices.ok() && !offices->empty())
        m_name = "Layanan Kecamatan " + offices->front().regency;
    else
        m_name = "Layanan Kecamatan";
    m_read_at = now;
    return m_name;
}

int http_status(Error const& error)
{
    switch (error.kind) {
    case ErrorKind::Forbidden: return error.code == "csrf.content_type" ? 415 : 403;
    case ErrorKind::InvalidTransition: return 409;
    case ErrorKind::Invalid: return 422;
    case ErrorKind::Conflict: return error.code == "signin.throttled" ? 429 : 409;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::Unavailable: return 503;
    case ErrorKind::Internal: return 500;
    }
    return 500;
}

std::string shown_message(int status, std::string const& message)
{
    if (status != 500)
        return message;
    // SOCI adds the bound values to a statement's error ("… with :nik=…"):
    // personal data, never logged.
    spdlog::error("internal error: {}", std::string_view(message).substr(0, message.find(" with :")));
    return "Terjadi kesalahan di server. Coba lagi; bila terulang, hubungi pengelola sistem.";
}

Response json_error(Error const& error)
{
    nlohmann::ordered_json body;
    body["error"] = { { "code", error.code }, { "message", shown_message(http_status(error), error.message) } };
    // Invalid input names its fields; so does a refusal about one field (a
    // wrong signing password).
    if (error.kind == ErrorKind::Invalid || !error.field.empty()) {
        auto& errors = body["errors"] = nlohmann::ordered_json::array();
        if (error.issues.empty())
            errors.push_back({ { "field", error.field }, { "code", error.code }, { "message", error.message } });
        for (auto const& issue : error.issues)
            errors.push_back({ { "field", issue.field }, { "code", issue.code }, { "message", issue.message } });
    }
    Response response = Response::json(http_status(error), body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (response.status == 429)
        response.header("Retry-After", "900");
    return response;
}

static bool has_header(Response const& response, std::string_view name)
{
    return std::any_of(response.headers.begin(), response.headers.end(), [&](auto const& header) { return header.first == name; });
}

// Long enough for PostgreSQL to restart, short enough that a clerk's retry
// does not wait long.
static constexpr char const* k_unavailable_retry_seconds = "5";

static void add_security_headers(Response& response)
{
    // No inline script anywhere: every script and style is a file of ours.
    response.header("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
    response.header("X-Content-Type-Options", "nosniff");
    response.header("X-Frame-Options", "DENY");
    response.header("Referrer-Policy", "same-origin");
    bool has_cache_control = false;
    for (auto const& [name, value] : response.headers)
        has_cache_control |= name == "Cache-Control";
    // Pages carry personal data: browsers and proxies keep no copy.
    if (!has_cache_control)
        response.header("Cache-Control", "no-store");
}

Response protocol_error(int status, std::string const& path)
{
    struct Refusal {
        int status;
        char const* code;
        char const* message;
    };
    static constexpr Refusal k_refusals[] = {
        { 400, "bad_request", "Permintaan tidak dapat dibaca." },
        { 413, "too_large", "Permintaan terlalu besar." },
        { 431, "headers_too_large", "Kepala permintaan terlalu besar." },
        { 505, "http_version", "Versi HTTP ini tidak didukung." },
    };
    Refusal refusal = status < 500 ? k_refusals[0] : Refusal { status, "internal", "Terjadi kesalahan di server." };
    for (auto const& known : k_refusals)
        if (known.status == status)
            refusal = known;
    // The same shape as json_error's answers: {"error":{"code","message"}}.
    nlohmann::ordered_json body;
    body["error"] = { { "code", refusal.code }, { "message", refusal.message } };
    Response response = path.starts_with("/api/") ? Response::json(status, body.dump()) : Response::text(status, refusal.message);
    add_security_headers(response);
    return response;
}

// A write another site's page could make a browser send with the session
// cookie, or the sign-in form (login CSRF), from an Origin that is not ours.
static bool foreign_write(Request const& request, WebContext const& context)
{
    bool const safe = request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS";
    if (safe || (request.cookie(k_session_cookie).empty() && request.path != "/masuk"))
        return false;
    return !same_origin(request, context.options.public_url);
}

Handler make_handler(Router const& router, WebContext& context)
{
    return [&router, &context](Request& request) {
        auto const started = std::chrono::steady_clock::now();
        request.remote_address = context.options.trusted_proxies.client_address(request.remote_address, request.header("x-forwarded-for"));
        Response response;
        try {
            if (foreign_write(request, context)) {
                Error refused = Error::forbidden("Permintaan dari situs lain ditolak (Origin bukan alamat layanan ini).");
                refused.code = "csrf.origin";
                response = request.path.starts_with("/api/") ? json_error(refused) : Response::text(403, refused.message);
            } else
                response = router.dispatch(request);
        } catch (std::exception const& e) {
            // Logged by route and type only: the request, and a database
            // error's text (which may quote bound values), can hold personal
            // data (UU 27/2022), which never goes to the log.
            spdlog::error("{} {}: unhandled {}", request.method, router.route_of(request), typeid(e).name());
            response = request.path.starts_with("/api/")
                ? json_error(Error::internal("Terjadi kesalahan di server."))
                : Response::text(500, "Terjadi kesalahan di server. Silakan coba lagi.");
        }
        // The API answers in JSON even for a path or method it does not know.
        if (request.path.starts_with("/api/") && !response.content_type.starts_with("application/json") && response.status >= 400) {
            int const status = response.status;
            auto headers = response.headers;
            response = json_error({ ErrorKind::NotFound, {}, status == 405 ? "Metode tidak diizinkan." : "Alamat API tidak dikenal.",
                status == 405 ? "method_not_allowed" : "not_found" });
            response.status = status;
            response.headers = headers;
        }
        add_security_headers(response);
        // 503 means "not now" (the database is restarting, the disk is
        // full): every such answer says when to try again, so that clients
        // back off instead of taking it for a refusal.
        if (response.status == 503 && !has_header(response, "Retry-After"))
            response.header("Retry-After", k_unavailable_retry_seconds);
        double const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        context.metrics.observe(router.route_of(request), response.status, seconds);
        return response;
    };
}

Response pdf_response(std::string bytes, std::string const& file_name)
{
    // Only characters that need no quoting in any browser; "/" in letter
    // numbers becomes "-".
    std::string safe;
    for (char c : file_name)
        safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '-';
    Response response;
    response.content_type = "application/pdf";
    response.body = std::move(bytes);
    response.header("Content-Disposition", "inline; filename=\"" + safe + "\"");
    response.header("Cache-Control", "private, no-store");
    return response;
}

}
