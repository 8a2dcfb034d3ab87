#pragma once
// A small blocking HTTP/1.1 client for the benchmark tools (loadgen, query):
// one keep-alive connection per HttpClient, POSIX sockets, responses framed
// by Content-Length, chunked transfer coding or the end of the connection.
// It measures sopir, so it does as little as it can: no TLS, no redirects, no
// proxies, no libcurl. Failures are values: a response with status 0 and
// `error` set.

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sopir::bench {

// "http://host:port[/prefix]"; the prefix (without a trailing slash) is put
// before every request path.
struct Url {
    std::string host;
    std::string port;
    std::string prefix;
};

inline std::optional<Url> parse_url(std::string_view text)
{
    constexpr std::string_view k_scheme = "http://";
    if (!text.starts_with(k_scheme))
        return std::nullopt;
    text.remove_prefix(k_scheme.size());
    Url url;
    auto const slash = text.find('/');
    std::string_view authority = text.substr(0, slash);
    if (slash != std::string_view::npos)
        url.prefix = std::string(text.substr(slash));
    while (!url.prefix.empty() && url.prefix.back() == '/')
        url.prefix.pop_back();
    auto const colon = authority.rfind(':');
    if (colon == std::string_view::npos) {
        url.host = std::string(authority);
        url.port = "80";
    } else {
        url.host = std::string(authority.substr(0, colon));
        url.port = std::string(authority.substr(colon + 1));
    }
    if (url.host.starts_with('[') && url.host.ends_with(']'))
        url.host = url.host.substr(1, url.host.size() - 2);
    if (url.host.empty() || url.port.empty() || !std::all_of(url.port.begin(), url.port.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return url;
}

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
    int status { 0 };  // 0: no response; `error` says why.
    std::string error; // Transport or framing failure.
    Headers headers;   // Names in lower case.
    std::string body;

    bool ok() const { return status >= 200 && status < 300; }

    std::string header(std::string_view name) const
    {
        for (auto const& [key, value] : headers)
            if (key == name)
                return value;
        return {};
    }
};

inline std::string to_lower(std::string_view text)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return lower;
}

inline std::string_view trim_spaces(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

class HttpClient {
public:
    // Seconds a request may wait for the server before it counts as failed.
    static constexpr int k_timeout_seconds = 300;

    explicit HttpClient(Url url)
        : m_url(std::move(url))
    {
    }
    HttpClient(HttpClient const&) = delete;
    HttpClient& operator=(HttpClient const&) = delete;
    HttpClient(HttpClient&& other) noexcept
        : m_url(std::move(other.m_url))
        , m_fd(std::exchange(other.m_fd, -1))
        , m_buffer(std::move(other.m_buffer))
        , m_connects(other.m_connects)
    {
    }
    ~HttpClient() { disconnect(); }

    Url const& url() const { return m_url; }
    // How many TCP connections were opened: 1 when keep-alive held throughout.
    std::size_t connects() const { return m_connects; }

    HttpResponse get(std::string_view path, Headers const& headers = {}) { return request("GET", path, {}, headers); }
    HttpResponse post_json(std::string_view path, std::string_view json, Headers headers = {})
    {
        headers.emplace_back("Content-Type", "application/json");
        return request("POST", path, json, headers);
    }

    HttpResponse request(std::string_view method, std::string_view path, std::string_view body, Headers const& headers)
    {
        std::string message;
        message.reserve(256 + body.size());
        message.append(method).append(" ").append(m_url.prefix).append(path).append(" HTTP/1.1\r\n");
        message.append("Host: ").append(m_url.host).append(":").append(m_url.port).append("\r\n");
        for (auto const& [name, value] : headers)
            message.append(name).append(": ").append(value).append("\r\n");
        if (!body.empty() || method == "POST" || method == "PUT")
            message.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
        message.append("\r\n").append(body);

        // A kept-alive connection the server has closed meanwhile (its idle
        // timeout) fails before any byte of an answer comes back: then, and
        // only then, the request is sent again on a new connection.
        for (int attempt = 0;; ++attempt) {
            bool const reused = m_fd >= 0;
            if (!reused) {
                if (auto failed = connect_to_server())
                    return failure(*failed);
            }
            bool answered = false;
            HttpResponse response = exchange(message, method == "HEAD", answered);
            if (response.status != 0 || answered || !reused || attempt > 0)
                return response;
        }
    }

    void disconnect()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        m_buffer.clear();
    }

private:
    static HttpResponse failure(std::string error)
    {
        HttpResponse response;
        response.error = std::move(error);
        return response;
    }

    std::optional<std::string> connect_to_server()
    {
        addrinfo hints {};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        if (int const rc = ::getaddrinfo(m_url.host.c_str(), m_url.port.c_str(), &hints, &found); rc != 0)
            return "cannot resolve " + m_url.host + ": " + ::gai_strerror(rc);
        std::string error = "no address for " + m_url.host;
        for (addrinfo* address = found; address; address = address->ai_next) {
            int const fd = ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
            if (fd < 0) {
                error = std::string("socket: ") + std::strerror(errno);
                continue;
            }
            if (::connect(fd, address->ai_addr, address->ai_addrlen) != 0) {
                error = "connect to " + m_url.host + ":" + m_url.port + ": " + std::strerror(errno);
                ::close(fd);
                continue;
            }
            // Requests are small and written at once; Nagle would only delay them.
            int const on = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
            timeval timeout { .tv_sec = k_timeout_seconds, .tv_usec = 0 };
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
            ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
            m_fd = fd;
            ++m_connects;
            ::freeaddrinfo(found);
            return std::nullopt;
        }
        ::freeaddrinfo(found);
        return error;
    }

    bool send_all(std::string_view data)
    {
        while (!data.empty()) {
            ssize_t const sent = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (sent < 0 && errno == EINTR)
                continue;
            if (sent <= 0)
                return false;
            data.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

    // More bytes into m_buffer; false at the end of the connection or on error.
    bool fill()
    {
        char chunk[16384];
        for (;;) {
            ssize_t const got = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                return false;
            m_buffer.append(chunk, static_cast<std::size_t>(got));
            return true;
        }
    }

    // One line (without CRLF) from the buffer, reading as needed.
    std::optional<std::string> read_line()
    {
        for (;;) {
            auto const end = m_buffer.find("\r\n");
            if (end != std::string::npos) {
                std::string line = m_buffer.substr(0, end);
                m_buffer.erase(0, end + 2);
                return line;
            }
            if (m_buffer.size() > 64 * 1024 || !fill())
                return std::nullopt;
        }
    }

    bool read_exactly(std::size_t size, std::string& out)
    {
        while (m_buffer.size() < size)
            if (!fill())
                return false;
        out.append(m_buffer, 0, size);
        m_buffer.erase(0, size);
        return true;
    }

    HttpResponse broken(std::string error)
    {
        disconnect();
        return failure(std::move(error));
    }

    HttpResponse exchange(std::string const& message, bool head, bool& answered)
    {
        if (!send_all(message))
            return broken(std::string("send: ") + std::strerror(errno));
        if (m_buffer.empty() && !fill())
            return broken(errno == EAGAIN ? "no answer within the timeout" : "connection closed before an answer");
        answered = true;

        HttpResponse response;
        auto status_line = read_line();
        // "HTTP/1.1 200 OK"
        if (!status_line || !status_line->starts_with("HTTP/1.") || status_line->size() < 12)
            return broken("bad status line");
        bool const http10 = status_line->starts_with("HTTP/1.0");
        std::from_chars(status_line->data() + 9, status_line->data() + 12, response.status);
        for (;;) {
            auto line = read_line();
            if (!line)
                return broken("headers cut off");
            if (line->empty())
                break;
            auto const colon = line->find(':');
            if (colon == std::string::npos)
                continue;
            response.headers.emplace_back(to_lower(trim_spaces(std::string_view(*line).substr(0, colon))),
                std::string(trim_spaces(std::string_view(*line).substr(colon + 1))));
        }

        std::string const connection = to_lower(response.header("connection"));
        bool const close_after = connection == "close" || (http10 && connection != "keep-alive");
        std::string const length = response.header("content-length");
        bool const chunked = to_lower(response.header("transfer-encoding")).find("chunked") != std::string::npos;
        bool const no_body = head || response.status == 204 || response.status == 304 || response.status / 100 == 1;

        if (no_body) {
        } else if (chunked) {
            for (;;) {
                auto size_line = read_line();
                if (!size_line)
                    return broken("chunk size cut off");
                std::size_t size = 0;
                auto const [end, ec] = std::from_chars(size_line->data(), size_line->data() + size_line->size(), size, 16);
                if (ec != std::errc {} || end == size_line->data())
                    return broken("bad chunk size");
                if (size == 0) {
                    // Trailers, up to the empty line.
                    for (;;) {
                        auto trailer = read_line();
                        if (!trailer)
                            return broken("trailers cut off");
                        if (trailer->empty())
                            break;
                    }
                    break;
                }
                std::string crlf;
                if (!read_exactly(size, response.body) || !read_exactly(2, crlf) || crlf != "\r\n")
                    return broken("chunk cut off");
            }
        } else if (!length.empty()) {
            std::size_t size = 0;
            auto const [end, ec] = std::from_chars(length.data(), length.data() + length.size(), size);
            if (ec != std::errc {} || end != length.data() + length.size())
                return broken("bad Content-Length");
            if (!read_exactly(size, response.body))
                return broken("body cut off");
        } else {
            // Neither length nor chunks: the body runs to the end of the connection.
            response.body = std::move(m_buffer);
            m_buffer.clear();
            while (fill()) {
                response.body += m_buffer;
                m_buffer.clear();
            }
            disconnect();
            return response;
        }
        if (close_after)
            disconnect();
        return response;
    }

    Url m_url;
    int m_fd { -1 };
    std::string m_buffer;
    std::size_t m_connects { 0 };
};

// The nearest-rank percentile (as the reports use, src/core/report.hpp) of
// sorted values; 0 when there are none.
inline double nearest_rank(std::vector<double> const& sorted, double percent)
{
    if (sorted.empty())
        return 0;
    auto rank = static_cast<std::size_t>(std::ceil(percent / 100.0 * static_cast<double>(sorted.size())));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

}
