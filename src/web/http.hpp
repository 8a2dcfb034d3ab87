#pragma once
// A handler is a function from request to response (STYLE.md, practice 5):
// these types know nothing of libmicrohttpd, which stays behind
// http_server.cpp.

#include "core/text.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sopir::web {

// Form and query values; a name may repeat (checkboxes).
class Params {
public:
    void add(std::string name, std::string value) { m_values.emplace_back(std::move(name), std::move(value)); }
    // The first value, or "" when absent.
    std::string get(std::string_view name) const;
    std::optional<std::string> find(std::string_view name) const;
    std::vector<std::string> all(std::string_view name) const;
    bool has(std::string_view name) const { return find(name).has_value(); }
    std::vector<std::pair<std::string, std::string>> const& entries() const { return m_values; }

private:
    std::vector<std::pair<std::string, std::string>> m_values;
};

struct Request {
    std::string method; // "GET", "POST", …
    std::string path;   // Decoded, without the query.
    Params query;
    std::map<std::string, std::string> headers; // Names lowercased.
    std::map<std::string, std::string> cookies;
    std::string body;
    std::string remote_address;
    std::map<std::string, std::string> path_params; // {id} and the like, filled by the router.

    std::string header(std::string_view name) const;
    std::string cookie(std::string_view name) const;
    std::string param(std::string_view name) const;
    // A path capture that names a row by its id: 1 to 18 decimal digits and
    // nothing else, or 0 (no row has it) for "abc", "12abc", "-1" or "".
    std::int64_t id_param(std::string_view name) const;
    // application/x-www-form-urlencoded body, parsed on first use.
    Params const& form() const;

private:
    mutable std::optional<Params> m_form;
};

// The content of the part named `name` of a multipart/form-data body (an
// uploaded file), or nothing when the body is not multipart or has no such
// part.
std::optional<std::string> multipart_part(Request const&, std::string_view name);

struct Response {
    int status { 200 };
    std::string content_type { "text/html; charset=utf-8" };
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    Response& header(std::string name, std::string value)
    {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    static Response text(int status, std::string body);
    static Response json(int status, std::string body);
    static Response redirect(std::string const& location); // 303 See Other.
};

using Handler = std::function<Response(Request&)>;

// "/api/v1/cases/{id}/actions": literal segments and {name} captures.
class Router {
public:
    void add(std::string method, std::string pattern, Handler);
    // Fills request.path_params. 404 for no path, 405 for a path with
    // another method (with Allow).
    Response dispatch(Request&) const;
    // The matched pattern of a request, for metrics ("/api/v1/cases/{id}").
    std::string route_of(Request const&) const;

    void set_not_found(Handler handler) { m_not_found = std::move(handler); }

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        std::string pattern;
        Handler handler;
    };
    Route const* match(Request&, bool& path_exists, std::string& allowed) const;

    std::vector<Route> m_routes;
    Handler m_not_found;
};

std::string url_decode(std::string_view, bool plus_is_space = true);
Params parse_urlencoded(std::string_view);
std::map<std::string, std::string> parse_cookies(std::string_view header);

}
