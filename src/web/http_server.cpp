#include "web/http_server.hpp"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <chrono>
#include <cstring>
#include <netinet/in.h>
#include <thread>

namespace sopir::web {

namespace {

// What a connection accumulates between libmicrohttpd's calls.
struct RequestState {
    Request request;
    bool too_large { false };
};

MHD_Result collect_header(void* cls, MHD_ValueKind, char const* key, char const* value)
{
    auto* request = static_cast<Request*>(cls);
    std::string name(key);
    for (auto& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request->headers[name] = value ? value : "";
    return MHD_YES;
}

MHD_Result collect_query(void* cls, MHD_ValueKind, char const* key, char const* value)
{
    static_cast<Request*>(cls)->query.add(key, value ? value : "");
    return MHD_YES;
}

std::string remote_address(MHD_Connection* connection)
{
    auto const* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr)
        return {};
    char buffer[INET6_ADDRSTRLEN] = {};
    sockaddr const* address = info->client_addr;
    if (address->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in const*>(address)->sin_addr, buffer, sizeof buffer);
    else if (address->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6 const*>(address)->sin6_addr, buffer, sizeof buffer);
    return buffer;
}

MHD_Result send(MHD_Connection* connection, Response const& response, bool head_only)
{
    MHD_Response* mhd = head_only
        ? MHD_create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT)
        : MHD_create_response_from_buffer(response.body.size(), const_cast<char*>(response.body.data()), MHD_RESPMEM_MUST_COPY);
    if (!mhd)
        return MHD_NO;
    if (!response.content_type.empty())
        MHD_add_response_header(mhd, MHD_HTTP_HEADER_CONTENT_TYPE, response.content_type.c_str());
    for (auto const& [name, value] : response.headers)
        MHD_add_response_header(mhd, name.c_str(), value.c_str());
    MHD_Result const result = MHD_queue_response(connection, static_cast<unsigned>(response.status), mhd);
    MHD_destroy_response(mhd);
    return result;
}

MHD_Result on_request(void* cls, MHD_Connection* connection, char const* url, char const* method, char const*,
    char const* upload_data, size_t* upload_data_size, void** connection_state)
{
    auto* server = static_cast<HttpServer*>(cls);
    auto* state = static_cast<RequestState*>(*connection_state);
    if (!state) {
        // The first call only announces the request. Answering here would
        // make libmicrohttpd close a keep-alive connection, so the answer
        // waits for the next call.
        state = new RequestState;
        ++server->requests_in_flight();
        state->request.method = method;
        state->request.path = url;
        MHD_get_connection_values(connection, MHD_HEADER_KIND, collect_header, &state->request);
        MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_query, &state->request);
        state->request.cookies = parse_cookies(state->request.header("cookie"));
        state->request.remote_address = remote_address(connection);
        *connection_state = state;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (state->request.body.size() + *upload_data_size > server->options().max_body_bytes)
            state->too_large = true;
        else
            state->request.body.append(upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    Response response = state->too_large
        ? Response::text(413, "Permintaan terlalu besar.")
        : server->handle(state->request);
    return send(connection, response, state->request.method == "HEAD");
}

// libmicrohttpd's own unescaping, %HH by %HH, except that %00 is kept as
// written: the path reaches the handler as a C string, so a decoded NUL
// would cut "/api/v1/cases/1%00" short to the route of case 1. Kept, it
// matches no route and no id, and answers 404. Query values keep it too.
size_t unescape_keeping_nul(void*, MHD_Connection*, char* text)
{
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    char* out = text;
    for (char const* in = text; *in; ++out) {
        int const high = in[0] == '%' ? hex(in[1]) : -1;
        int const low = high >= 0 ? hex(in[2]) : -1;
        if (low >= 0 && (high | low) != 0) {
            *out = static_cast<char>(high * 16 + low);
            in += 3;
        } else {
            *out = *in++;
        }
    }
    *out = '\0';
    return static_cast<size_t>(out - text);
}

void on_completed(void* cls, MHD_Connection*, void** connection_state, MHD_RequestTerminationCode)
{
    if (*connection_state) {
        delete static_cast<RequestState*>(*connection_state);
        *connection_state = nullptr;
        --static_cast<HttpServer*>(cls)->requests_in_flight();
    }
}

}

HttpServer::HttpServer(ServerOptions options, Handler handler)
    : m_options(std::move(options))
    , m_handler(std::move(handler))
{
}

HttpServer::~HttpServer()
{
    stop(0);
}

Response HttpServer::handle(Request& request) const
{
    return m_handler(request);
}

Status HttpServer::start()
{
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_options.port);
    if (inet_pton(AF_INET, m_options.host.c_str(), &address.sin_addr) != 1)
        return Error::invalid("listen", "Alamat " + m_options.host + " bukan alamat IPv4.", "listen.host");
    unsigned const flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    m_daemon = MHD_start_daemon(flags, m_options.port, nullptr, nullptr, &on_request, this,
        MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&address),
        MHD_OPTION_THREAD_POOL_SIZE, m_options.threads,
        MHD_OPTION_CONNECTION_TIMEOUT, m_options.connection_timeout_seconds,
        MHD_OPTION_CONNECTION_LIMIT, m_options.max_connections,
        MHD_OPTION_NOTIFY_COMPLETED, &on_completed, this,
        MHD_OPTION_UNESCAPE_CALLBACK, &unescape_keeping_nul, nullptr,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
        MHD_OPTION_END);
    if (!m_daemon)
        return Error::unavailable("Tidak dapat mendengarkan di " + m_options.host + ":" + std::to_string(m_options.port) + " (porta dipakai?).");
    auto const* info = MHD_get_daemon_info(m_daemon, MHD_DAEMON_INFO_BIND_PORT);
    m_port = info ? info->port : m_options.port;
    return Ok {};
}

void HttpServer::stop(unsigned grace_seconds)
{
    if (!m_daemon)
        return;
    // Stop accepting; requests in flight go on until they are answered or
    // the grace period ends. Idle keep-alive connections are not waited for.
    MHD_quiesce_daemon(m_daemon);
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(grace_seconds);
    while (m_in_flight > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    MHD_stop_daemon(m_daemon);
    m_daemon = nullptr;
}

}
