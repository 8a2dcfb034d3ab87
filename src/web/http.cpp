#include "web/http.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace sopir::web {

std::string Params::get(std::string_view name) const
{
    return find(name).value_or(std::string());
}

std::optional<std::string> Params::find(std::string_view name) const
{
    for (auto const& [key, value] : m_values)
        if (key == name)
            return value;
    return std::nullopt;
}

std::vector<std::string> Params::all(std::string_view name) const
{
    std::vector<std::string> out;
    for (auto const& [key, value] : m_values)
        if (key == name)
            out.push_back(value);
    return out;
}

std::string Request::header(std::string_view name) const
{
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto found = headers.find(lower);
    return found == headers.end() ? std::string() : found->second;
}

std::string Request::cookie(std::string_view name) const
{
    auto found = cookies.find(std::string(name));
    return found == cookies.end() ? std::string() : found->second;
}

std::string Request::param(std::string_view name) const
{
    auto found = path_params.find(std::string(name));
    return found == path_params.end() ? std::string() : found->second;
}

std::int64_t Request::id_param(std::string_view name) const
{
    std::string const text = param(name);
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
        return 0;
    return std::stoll(text);
}

Params const& Request::form() const
{
    if (!m_form) {
        std::string const type = header("content-type");
        m_form = type.starts_with("application/x-www-form-urlencoded") ? parse_urlencoded(body) : Params {};
    }
    return *m_form;
}

Response Response::text(int status, std::string body)
{
    Response response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.body = std::move(body);
    return response;
}

Response Response::json(int status, std::string body)
{
    Response response;
    response.status = status;
    response.content_type = "application/json; charset=utf-8";
    response.body = std::move(body);
    return response;
}

Response Response::redirect(std::string const& location)
{
    Response response;
    response.status = 303;
    response.header("Location", location);
    return response;
}

static std::vector<std::string> split_path(std::string_view path)
{
    std::vector<std::string> segments;
    size_t start = 0;
    while (start <= path.size()) {
        size_t const slash = path.find('/', start);
        size_t const end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start)
            segments.emplace_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return segments;
}

void Router::add(std::string method, std::string pattern, Handler handler)
{
    m_routes.push_back({ std::move(method), split_path(pattern), pattern, std::move(handler) });
}

Router::Route const* Router::match(Request& request, bool& path_exists, std::string& allowed) const
{
    auto const segments = split_path(request.path);
    for (auto const& route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        std::map<std::string, std::string> params;
        bool matches = true;
        for (size_t i = 0; i < segments.size() && matches; ++i) {
            std::string const& expected = route.segments[i];
            if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}')
                params[expected.substr(1, expected.size() - 2)] = segments[i];
            else
                matches = expected == segments[i];
        }
        if (!matches)
            continue;
        path_exists = true;
        bool const method_matches = route.method == request.method || (route.method == "GET" && request.method == "HEAD");
        if (!method_matches) {
            allowed += (allowed.empty() ? "" : ", ") + route.method;
            continue;
        }
        request.path_params = std::move(params);
        return &route;
    }
    return nullptr;
}

Response Router::dispatch(Request& request) const
{
    bool path_exists = false;
    std::string allowed;
    if (auto const* route = match(request, path_exists, allowed))
        return route->handler(request);
    if (path_exists) {
        Response response = Response::text(405, "Metode tidak diizinkan.");
        response.header("Allow", allowed);
        return response;
    }
    if (m_not_found)
        return m_not_found(request);
    return Response::text(404, "Halaman tidak ditemukan.");
}

std::string Router::route_of(Request const& request) const
{
    Request copy;
    copy.method = request.method;
    copy.path = request.path;
    bool path_exists = false;
    std::string allowed;
    if (auto const* route = match(copy, path_exists, allowed))
        return route->pattern;
    return path_exists ? "(metode salah)" : "(tidak ada)";
}

std::string url_decode(std::string_view text, bool plus_is_space)
{
    return percent_decode(text, plus_is_space ? PlusIsSpace::Yes : PlusIsSpace::No);
}

Params parse_urlencoded(std::string_view text)
{
    Params params;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('&', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view const pair = text.substr(start, end - start);
        if (!pair.empty()) {
            size_t const equals = pair.find('=');
            if (equals == std::string_view::npos)
                params.add(url_decode(pair), "");
            else
                params.add(url_decode(pair.substr(0, equals)), url_decode(pair.substr(equals + 1)));
        }
        start = end + 1;
    }
    return params;
}

std::map<std::string, std::string> parse_cookies(std::string_view header)
{
    std::map<std::string, std::string> cookies;
    size_t start = 0;
    while (start < header.size()) {
        size_t end = header.find(';', start);
        if (end == std::string_view::npos)
            end = header.size();
        std::string_view pair = header.substr(start, end - start);
        while (!pair.empty() && pair.front() == ' ')
            pair.remove_prefix(1);
        size_t const equals = pair.find('=');
        if (equals != std::string_view::npos && equals > 0)
            cookies.emplace(std::string(pair.substr(0, equals)), std::string(pair.substr(equals + 1)));
        start = end + 1;
    }
    return cookies;
}

std::optional<std::string> multipart_part(Request const& request, std::string_view name)
{
    // RFC 7578: parts separated by "--boundary" lines, each with headers,
    // a blank line, then the content up to CRLF before the next boundary.
    std::string const type = request.header("content-type");
    auto const at = type.find("boundary=");
    if (type.rfind("multipart/form-data", 0) != 0 || at == std::string::npos)
        return std::nullopt;
    std::string boundary = type.substr(at + 9);
    if (auto end = boundary.find(';'); end != std::string::npos)
        boundary.resize(end);
    if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"')
        boundary = boundary.substr(1, boundary.size() - 2);
    if (boundary.empty())
        return std::nullopt;
    std::string const delimiter = "--" + boundary;
    std::string const& body = request.body;
    // "; name=" and not "name=", which would also match filename="…".
    std::string const wanted = "; name=\"" + std::string(name) + "\"";
    std::size_t position = body.find(delimiter);
    while (position != std::string::npos) {
        std::size_t const headers_start = position + delimiter.size() + 2; // Past CRLF.
        if (headers_start > body.size() || body.compare(position + delimiter.size(), 2, "--") == 0)
            break;
        std::size_t const headers_end = body.find("\r\n\r\n", headers_start);
        if (headers_end == std::string::npos)
            break;
        std::size_t const next = body.find("\r\n" + delimiter, headers_end + 4);
        if (next == std::string::npos)
            break;
        std::string_view const headers(body.data() + headers_start, headers_end - headers_start);
        if (headers.find(wanted) != std::string_view::npos)
            return body.substr(headers_end + 4, next - (headers_end + 4));
        position = next + 2;
    }
    return std::nullopt;
}

}
