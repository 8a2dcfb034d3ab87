#pragma once
// The one place that knows libmicrohttpd. It turns a connection's request
// into a web::Request, calls the handler, and sends its web::Response.

#include "core/result.hpp"
#include "web/http.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

struct MHD_Daemon;

namespace sopir::web {

struct ServerOptions {
    std::string host { "127.0.0.1" };
    std::uint16_t port { 8080 };
    unsigned threads { 8 };              // Handlers may wait on the database: more than the cores.
    std::size_t max_body_bytes { 2 * 1024 * 1024 };
    unsigned connection_timeout_seconds { 30 };
    unsigned max_connections { 1024 };
};

class HttpServer {
public:
    HttpServer(ServerOptions, Handler);
    ~HttpServer();

    // Binds and starts serving on the server's own threads. With port 0 a
    // free port is chosen; port() tells which.
    Status start();
    std::uint16_t port() const { return m_port; }

    // Stops accepting, lets requests in flight finish (up to `grace_seconds`),
    // then closes every connection.
    void stop(unsigned grace_seconds = 10);

    // Called by libmicrohttpd's callbacks.
    Response handle(Request&) const;
    ServerOptions const& options() const { return m_options; }
    std::atomic<int>& requests_in_flight() { return m_in_flight; }

private:
    ServerOptions m_options;
    Handler m_handler;
    MHD_Daemon* m_daemon { nullptr };
    std::uint16_t m_port { 0 };
    std::atomic<int> m_in_flight { 0 };
};

}
