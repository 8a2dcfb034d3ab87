#pragma once
// The one place that knows libmicrohttpd. It turns a connection's request
// into a web::Request, calls the handler, and sends its web::Response.

#include "core/result.hpp"
#include "web/http.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

struct MHD_Daemon;

namespace sopir::web {

struct ServerOptions {
    std::string host { "127.0.0.1" };
    std::uint16_t port { 8080 };
    unsigned threads { 8 };              // Handlers may wait on the database: more than the cores.
    std::size_t max_body_bytes { 2 * 1024 * 1024 };
    // Seconds a connection may stay silent (no byte received or sent) before
    // it is closed: a client that trickles its headers, or an idle
    // keep-alive connection. A handler that works longer is not cut.
    unsigned connection_timeout_seconds { 10 };
    unsigned max_connections { 1024 };
    // Connections one client address may hold at once (0: no limit), so
    // that one address cannot take every connection.
    unsigned max_connections_per_address { 128 };
};

// The answer to a request sopir's handler never saw: libmicrohttpd's own
// refusals (400 malformed, 431 headers too large, 505 version) and a body
// over the limit (413). `path` is the request's path when it was read, or
// empty.
using ErrorPage = std::function<Response(int status, std::string const& path)>;

class HttpServer {
public:
    HttpServer(ServerOptions, Handler, ErrorPage);
    ~HttpServer();

    // Binds and starts serving on the server's own threads. With port 0 a
    // free port is chosen; port() tells which. A port another program (or
    // another sopir) listens on is refused.
    Status start();
    std::uint16_t port() const { return m_port; }

    // Stops accepting at once (new connections are refused), lets requests
    // in flight finish (up to `grace_seconds`), then closes every connection.
    void stop(unsigned grace_seconds = 10);

    // Called by libmicrohttpd's callbacks.
    Response handle(Request&) const;
    Response error_page(int status, std::string const& path) const { return m_error_page(status, path); }
    ServerOptions const& options() const { return m_options; }
    std::atomic<int>& requests_in_flight() { return m_in_flight; }
    bool stopping() const { return m_stopping; }

private:
    ServerOptions m_options;
    Handler m_handler;
    ErrorPage m_error_page;
    MHD_Daemon* m_daemon { nullptr };
    int m_listen_socket { -1 };
    std::uint16_t m_port { 0 };
    std::atomic<int> m_in_flight { 0 };
    std::atomic<bool> m_stopping { false };
};

}
