#include "web/http_server.hpp"

#include "core/text.hpp"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <dlfcn.h>
#include <netinet/in.h>
#include <mutex>
#include <optional>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <unordered_set>

namespace sopir::web {

// What sopir knows of a connection: which server it belongs to, the path
// of the request being read (so that libmicrohttpd's own refusals under
// /api/ can be JSON), and since when its request head is awaited.
struct ConnectionState {
    HttpServer* server;
    std::string path;
    int socket { -1 };
    // Guarded by the ConnectionWatch's mutex.
    std::chrono::steady_clock::time_point head_awaited_since;
    bool reading_head { true };
    bool cut { false };
};

// The deadline for a request head. libmicrohttpd's own timeout is an idle
// one: a client sending a byte every few seconds keeps it from running.
// This watch closes a connection whose head is not complete within
// `limit` of its start (or of the previous answer on it), however busy its
// trickle.
struct ConnectionWatch {
    std::chrono::seconds limit;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping { false };
    std::unordered_set<ConnectionState*> connections;
    std::thread thread;

    void run()
    {
        std::unique_lock lock(mutex);
        while (!stopping) {
            wake.wait_for(lock, std::chrono::milliseconds(500));
            auto const now = std::chrono::steady_clock::now();
            for (auto* connection : connections) {
                if (!connection->reading_head || connection->cut || now - connection->head_awaited_since < limit)
                    continue;
                // libmicrohttpd then reads the end of the stream and
                // closes the connection itself. The socket is still open:
                // libmicrohttpd tells of a closed connection (and it leaves
                // this set, under the mutex) before it closes the socket.
                shutdown(connection->socket, SHUT_RDWR);
                connection->cut = true;
            }
        }
    }
};

namespace {

// What a connection accumulates between libmicrohttpd's calls.
struct RequestState {
    Request request;
};

using QueueResponse = MHD_Result (*)(MHD_Connection*, unsigned int, MHD_Response*);

// libmicrohttpd's own MHD_queue_response; ours (below) stands in front of it.
QueueResponse library_queue_response()
{
    static QueueResponse const queue = reinterpret_cast<QueueResponse>(dlsym(RTLD_NEXT, "MHD_queue_response"));
    return queue;
}

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

ConnectionState* connection_state_of(MHD_Connection* connection)
{
    auto const* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? static_cast<ConnectionState*>(info->socket_context) : nullptr;
}

MHD_Response* make_response(Response const& response, bool head_only)
{
    MHD_Response* mhd = head_only
        ? MHD_create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT)
        : MHD_create_response_from_buffer(response.body.size(), const_cast<char*>(response.body.data()), MHD_RESPMEM_MUST_COPY);
    if (!mhd)
        return nullptr;
    if (!response.content_type.empty())
        MHD_add_response_header(mhd, MHD_HTTP_HEADER_CONTENT_TYPE, response.content_type.c_str());
    for (auto const& [name, value] : response.headers)
        MHD_add_response_header(mhd, name.c_str(), value.c_str());
    return mhd;
}

MHD_Result send(MHD_Connection* connection, Response response, bool head_only, HttpServer const& server)
{
    // While the server stops, clients are told not to send another request
    // on this connection.
    if (server.stopping())
        response.header(MHD_HTTP_HEADER_CONNECTION, "close");
    MHD_Response* mhd = make_response(response, head_only);
    if (!mhd)
        return MHD_NO;
    MHD_Result const result = library_queue_response()(connection, static_cast<unsigned>(response.status), mhd);
    MHD_destroy_response(mhd);
    return result;
}

std::optional<std::uint64_t> content_length(Request const& request)
{
    auto const value = request.header("content-length");
    if (value.empty())
        return std::nullopt;
    std::uint64_t length = 0;
    auto const [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (error != std::errc {} || end != value.data() + value.size())
        return std::nullopt;
    return length;
}

MHD_Result on_request(void* cls, MHD_Connection* connection, char const* url, char const* method, char const*,
    char const* upload_data, size_t* upload_data_size, void** connection_state)
{
    auto* server = static_cast<HttpServer*>(cls);
    auto* state = static_cast<RequestState*>(*connection_state);
    if (!state) {
        state = new RequestState;
        ++server->requests_in_flight();
        state->request.method = method;
        state->request.path = url;
        MHD_get_connection_values(connection, MHD_HEADER_KIND, collect_header, &state->request);
        MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_query, &state->request);
        state->request.cookies = parse_cookies(state->request.header("cookie"));
        state->request.remote_address = remote_address(connection);
        *connection_state = state;
        if (auto* known = connection_state_of(connection)) {
            std::lock_guard lock(server->connection_watch().mutex);
            known->reading_head = false;
        }
        // A body announced larger than the limit is refused before a byte
        // of it is read: answering now makes libmicrohttpd skip the body
        // and close the connection (and send no "100 Continue").
        auto const length = content_length(state->request);
        if (length && *length > server->options().max_body_bytes) {
            Response refusal = server->error_page(413, state->request.path);
            refusal.header(MHD_HTTP_HEADER_CONNECTION, "close");
            return send(connection, std::move(refusal), state->request.method == "HEAD", *server);
        }
        // Otherwise the first call only announces the request. Answering
        // here would make libmicrohttpd close a keep-alive connection, so
        // the answer waits for the next call.
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        // A chunked body has no length to refuse up front, and
        // libmicrohttpd cannot answer in the middle of a body: one that
        // grows past the limit ends the connection without an answer.
        if (state->request.body.size() + *upload_data_size > server->options().max_body_bytes)
            return MHD_NO;
        state->request.body.append(upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return send(connection, server->handle(state->request), state->request.method == "HEAD", *server);
}

// libmicrohttpd's own unescaping, %HH by %HH, except that %00 is kept as
// written: the path reaches the handler as a C string, so a decoded NUL
// would cut "/api/v1/cases/1%00" short to the route of case 1. Kept, it
// matches no route and no id, and answers 404. Query values keep it too.
size_t unescape_keeping_nul(void*, MHD_Connection*, char* text)
{
    char* out = text;
    for (char const* in = text; *in; ++out) {
        int const high = in[0] == '%' ? hex_value(in[1]) : -1;
        int const low = high >= 0 ? hex_value(in[2]) : -1;
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

void on_completed(void* cls, MHD_Connection* connection, void** connection_state, MHD_RequestTerminationCode)
{
    if (auto* known = connection_state_of(connection)) {
        known->path.clear();
        // The next request's head is awaited from now on.
        auto& watch = known->server->connection_watch();
        std::lock_guard lock(watch.mutex);
        known->reading_head = true;
        known->head_awaited_since = std::chrono::steady_clock::now();
    }
    if (*connection_state) {
        delete static_cast<RequestState*>(*connection_state);
        *connection_state = nullptr;
        --static_cast<HttpServer*>(cls)->requests_in_flight();
    }
}

void on_connection(void* cls, MHD_Connection* connection, void** socket_context, MHD_ConnectionNotificationCode code)
{
    auto& watch = static_cast<HttpServer*>(cls)->connection_watch();
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        auto* state = new ConnectionState { static_cast<HttpServer*>(cls), {} };
        auto const* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        state->socket = info ? info->connect_fd : -1;
        std::lock_guard lock(watch.mutex);
        state->head_awaited_since = std::chrono::steady_clock::now();
        if (state->socket >= 0)
            watch.connections.insert(state);
        *socket_context = state;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        auto* state = static_cast<ConnectionState*>(*socket_context);
        {
            std::lock_guard lock(watch.mutex);
            watch.connections.erase(state);
        }
        delete state;
        *socket_context = nullptr;
    }
}

// Called by libmicrohttpd with each request's URI, once its request line is
// read, before the headers.
void* on_uri(void*, char const* uri, MHD_Connection* connection)
{
    if (auto* known = connection_state_of(connection)) {
        std::string_view const target(uri ? uri : "");
        known->path = target.substr(0, target.find('?'));
    }
    return nullptr;
}

Result<int> open_listening_socket(sockaddr_in const& address, std::string const& shown)
{
    int const fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Error::unavailable("Tidak dapat membuka soket untuk " + shown + ".");
    // SO_REUSEADDR lets a restarted server bind while the old one's
    // connections linger in TIME_WAIT; on Linux it never lets two sockets
    // listen on one port. SO_REUSEPORT, which would, is not set: a second
    // server on a port in use must fail, not take half of its traffic.
    int const yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (bind(fd, reinterpret_cast<sockaddr const*>(&address), sizeof address) != 0) {
        int const error = errno;
        close(fd);
        if (error == EADDRINUSE)
            return Error::unavailable("Tidak dapat mendengarkan di " + shown + ": porta itu sudah dipakai program lain (mungkin sopir lain yang "
                                      "masih berjalan). Hentikan program itu atau pilih porta lain dengan --listen.");
        if (error == EACCES)
            return Error::unavailable("Tidak boleh mendengarkan di " + shown + ": porta di bawah 1024 butuh hak khusus.");
        if (error == EADDRNOTAVAIL)
            return Error::unavailable("Alamat " + shown + " bukan alamat komputer ini.");
        return Error::unavailable("Tidak dapat mendengarkan di " + shown + " (galat " + std::to_string(error) + ").");
    }
    if (listen(fd, SOMAXCONN) != 0) {
        close(fd);
        return Error::unavailable("Tidak dapat mendengarkan di " + shown + ".");
    }
    return fd;
}

}

HttpServer::HttpServer(ServerOptions options, Handler handler, ErrorPage error_page)
    : m_options(std::move(options))
    , m_handler(std::move(handler))
    , m_error_page(std::move(error_page))
    , m_watch(std::make_unique<ConnectionWatch>())
{
    m_watch->limit = std::chrono::seconds(m_options.header_timeout_seconds);
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
    if (!library_queue_response())
        return Error::internal("libmicrohttpd tidak dimuat sebagai pustaka bersama.");
    auto listening = open_listening_socket(address, m_options.host + ":" + std::to_string(m_options.port));
    if (!listening.ok())
        return listening.error();
    m_listen_socket = listening.value();
    sockaddr_in bound {};
    socklen_t bound_size = sizeof bound;
    getsockname(m_listen_socket, reinterpret_cast<sockaddr*>(&bound), &bound_size);
    m_port = ntohs(bound.sin_port);

    // epoll, not select(): no FD_SETSIZE ceiling on the number of
    // connections.
    unsigned const flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    m_daemon = MHD_start_daemon(flags, m_port, nullptr, nullptr, &on_request, this,
        MHD_OPTION_LISTEN_SOCKET, m_listen_socket,
        MHD_OPTION_THREAD_POOL_SIZE, m_options.threads,
        MHD_OPTION_CONNECTION_TIMEOUT, m_options.connection_timeout_seconds,
        MHD_OPTION_CONNECTION_LIMIT, m_options.max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, m_options.max_connections_per_address,
        MHD_OPTION_NOTIFY_COMPLETED, &on_completed, this,
        MHD_OPTION_UNESCAPE_CALLBACK, &unescape_keeping_nul, nullptr,
        MHD_OPTION_NOTIFY_CONNECTION, &on_connection, this,
        MHD_OPTION_URI_LOG_CALLBACK, &on_uri, this,
        MHD_OPTION_END);
    if (!m_daemon) {
        close(m_listen_socket);
        m_listen_socket = -1;
        return Error::unavailable("Tidak dapat memulai layanan di " + m_options.host + ":" + std::to_string(m_port) + ".");
    }
    if (m_options.header_timeout_seconds > 0)
        m_watch->thread = std::thread([watch = m_watch.get()] { watch->run(); });
    return Ok {};
}

void HttpServer::stop(unsigned grace_seconds)
{
    if (!m_daemon)
        return;
    m_stopping = true;
    // Stop accepting, and refuse new connections at once: without the
    // shutdown the kernel would go on completing connections into the
    // backlog, only to reset them at exit. The socket is closed only after
    // MHD_stop_daemon, as libmicrohttpd asks (a thread may still use it).
    MHD_quiesce_daemon(m_daemon);
    shutdown(m_listen_socket, SHUT_RDWR);
    // Requests in flight go on until they are answered or the grace period
    // ends. Idle keep-alive connections are not waited for.
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(grace_seconds);
    while (m_in_flight > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    {
        std::lock_guard lock(m_watch->mutex);
        m_watch->stopping = true;
    }
    m_watch->wake.notify_all();
    if (m_watch->thread.joinable())
        m_watch->thread.join();
    MHD_stop_daemon(m_daemon);
    m_daemon = nullptr;
    close(m_listen_socket);
    m_listen_socket = -1;
}

}

// libmicrohttpd answers some requests by itself, before sopir's handler
// sees them: a malformed request line (400), headers beyond the memory
// limit (431), an HTTP version it does not speak (505), a bad
// Content-Length or chunk (400, 413). It offers no hook to shape those
// answers, but builds each with a call to the exported MHD_queue_response,
// which this definition stands in front of (the executable's symbol is
// found before the library's own). sopir's own answers go straight to the
// library (library_queue_response above); anything else that passes here
// on one of sopir's connections is one of libmicrohttpd's refusals, and is
// replaced by sopir's page for that status: the same security headers as
// every page, and JSON under /api/. tests/http/hostile-conn.test.mjs checks
// that this still holds with the libmicrohttpd the build links.
extern "C" MHD_Result MHD_queue_response(MHD_Connection* connection, unsigned int status_code, MHD_Response* response)
{
    using namespace sopir::web;
    auto const queue = library_queue_response();
    auto const* known = connection ? connection_state_of(connection) : nullptr;
    if (!known || status_code < 400)
        return queue(connection, status_code, response);
    Response page = known->server->error_page(static_cast<int>(status_code), known->path);
    MHD_Response* ours = make_response(page, false);
    if (!ours)
        return queue(connection, status_code, response);
    MHD_Result const result = queue(connection, status_code, ours);
    MHD_destroy_response(ours);
    return result;
}
