// sopir serve: the staff's pages, the public pages and the JSON API in one
// process, on either database.
#include "app/cli.hpp"
#include "app/cli_support.hpp"
#include "app/cli_working_time.hpp"
#include "app/sop_catalog.hpp"
#include "app/store_access.hpp"
#include "web/http_server.hpp"
#include "web/web.hpp"
#include "desk/administration.hpp"
#include "desk/survey_desk.hpp"

#include <spdlog/spdlog.h>

#include <csignal>
#include <ctime>
#include <iostream>
#include <memory>
#include <sys/resource.h>

namespace sopir::app {

namespace {

struct ServeOptions {
    std::string listen { "127.0.0.1:8080" };
    unsigned threads { 8 };
    std::size_t pool { 8 };
    bool secure_cookies { false };
    std::string static_dir { SOPIR_DEFAULT_STATIC_DIR };
    std::string templates_dir { SOPIR_DEFAULT_TEMPLATES_DIR };
    // Printed on letters and in their QR codes: where the public reaches
    // this service. Defaults to http://HOST:PORT of --listen.
    std::string public_url;
    // A demo or trial (scripts/run): letters may be signed while the public
    // URL reaches only this computer.
    bool demo { false };
    // The seal secret, when given after `serve`; else the global one.
    std::string seal_secret_file;
    // "Very late" = waited more than this % of the step's standard.
    int very_late_percent { 200 };
    // Connection limits (web::ServerOptions says what each one means).
    unsigned max_connections { 1024 };
    unsigned max_connections_per_address { 128 };
    unsigned connection_timeout_seconds { 10 };
    unsigned header_timeout_seconds { 30 };
    // Reverse proxies whose X-Forwarded-For names the client (CIDR ranges).
    std::vector<std::string> trusted_proxies;
    // A browser session ends unused after the first, and used or not after
    // the second; API tokens last the second.
    Timestamp session_idle_seconds { web::AuthOptions {}.session_idle_seconds };
    Timestamp session_lifetime_seconds { web::AuthOptions {}.session_lifetime_seconds };
};

// Descriptors kept for everything but client connections: the database
// pool, SQLite's files, templates and static files being read, logs.
constexpr unsigned k_reserved_descriptors = 128;

// Raises the soft limit on open files to the hard one (systemd and most
// shells start services at a soft 1024), and returns how many connections
// fit under it beside the server's own descriptors.
unsigned connections_that_fit(unsigned wanted)
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return wanted;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= rlim_t { wanted } + k_reserved_descriptors)
        return wanted;
    auto const fitting = limit.rlim_cur > k_reserved_descriptors * 2 ? static_cast<unsigned>(limit.rlim_cur - k_reserved_descriptors) : k_reserved_descriptors;
    spdlog::warn("open-file limit {} leaves room for {} connections, not {}", static_cast<unsigned long long>(limit.rlim_cur), fitting, wanted);
    return fitting;
}

Result<std::pair<std::string, std::uint16_t>> parse_listen(std::string const& listen)
{
    auto const colon = listen.rfind(':');
    if (colon == std::string::npos)
        return Error::invalid("listen", "--listen harus HOST:PORT, misalnya 127.0.0.1:8080.", "listen.format");
    int port = 0;
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (...) {
        port = -1;
    }
    if (port < 0 || port > 65535)
        return Error::invalid("listen", "Porta pada --listen harus 0 sampai 65535.", "listen.port");
    return std::pair { listen.substr(0, colon), static_cast<std::uint16_t>(port) };
}

// Says at start, for each office, when its letters would carry a public URL
// citizens cannot open; staff pages say it too (web's layout).
void print_public_url_notices(store::Store& store, desk::LetterDesk const& letters)
{
    auto offices = store.offices();
    if (!offices.ok())
        return;
    std::vector<Office> listed = *offices;
    if (listed.empty())
        listed.push_back(Office {});
    for (auto const& office : listed) {
        std::string const notice = letters.public_url_notice(office);
        if (notice.empty())
            continue;
        std::cout << "Peringatan" << (office.code.empty() ? "" : " (kantor " + office.code + ")") << ": " << notice << std::endl;
        spdlog::warn("public URL {} is not reachable by the public{}", letters.public_url_for(office), office.code.empty() ? "" : " (office " + office.code + ")");
    }
}

int serve(CliContext& context, ServeOptions const& options)
{
    auto listen = parse_listen(options.listen);
    if (!listen.ok()) {
        std::cerr << "sopir: " << listen.error().message << "\n";
        return k_exit_misuse;
    }
    auto regions = load_regions_for_cli(context);
    if (!regions)
        return context.exit_code;
    auto catalog = load_sop_catalog(context.sops_dir);
    if (!catalog.ok()) {
        std::cerr << "sopir: " << catalog.error().message << "\n";
        return k_exit_misuse;
    }
    auto opened = open_store(context.db_url, MigrateOnOpen::Yes, options.pool);
    if (!opened.ok()) {
        std::cerr << "sopir: " << opened.error().message << "\n";
        return k_exit_misuse;
    }
    // The seal secret is made only for a database with no seal yet: a new
    // secret where seals exist would make them unverifiable. Every instance
    // serving the same database needs the same file.
    auto sealed = opened->store->has_office_seals();
    if (!sealed.ok()) {
        std::cerr << "sopir: " << sealed.error().message << "\n";
        return k_exit_misuse;
    }
    std::string const& seal_secret_file = options.seal_secret_file.empty() ? context.seal_secret_file : options.seal_secret_file;
    auto seal_secret = desk::load_or_create_seal_secret(seal_secret_file,
        *sealed ? desk::MissingSealSecret::Refuse : desk::MissingSealSecret::Create);
    if (!seal_secret.ok()) {
        std::cerr << "sopir: " << seal_secret.error().message << "\n";
        return k_exit_misuse;
    }
    if (auto keyed = use_audit_key(*opened->store, *seal_secret); !keyed.ok()) {
        std::cerr << "sopir: " << keyed.error().message << "\n";
        return k_exit_misuse;
    }
    std::vector<web::AddressRange> proxies;
    for (auto const& text : options.trusted_proxies) {
        auto range = web::parse_address_range(text);
        if (!range.ok()) {
            std::cerr << "sopir: " << range.error().message << "\n";
            return k_exit_misuse;
        }
        proxies.push_back(*range);
    }
    auto clock = [] { return static_cast<Timestamp>(std::time(nullptr)); };
    desk::Desk desk(*opened->store, *catalog, *regions, clock);
    // Each case finishes under the definition it was filed under.
    auto earlier = keep_sop_versions(*opened->store, *catalog, context.sops_dir, clock());
    if (!earlier.ok()) {
        std::cerr << "sopir: " << earlier.error().message << "\n";
        return k_exit_misuse;
    }
    desk.set_earlier_versions(std::move(*earlier));
    desk.set_very_late_percent(options.very_late_percent);
    auto holidays = load_holidays_file(context.holidays_file);
    if (!holidays.ok()) {
        std::cerr << "sopir: " << holidays.error().message << "\n";
        return k_exit_misuse;
    }
    desk.set_national_holidays(std::move(*holidays));
    web::Auth auth(*opened->store,
        { .secure_cookies = options.secure_cookies, .session_idle_seconds = options.session_idle_seconds,
            .session_lifetime_seconds = options.session_lifetime_seconds, .api_token_seconds = options.session_lifetime_seconds },
        clock);
    std::string const public_url = options.public_url.empty() ? "http://" + options.listen : options.public_url;
    desk::LetterDesk letters(*opened->store, desk, auth,
        { .public_url = public_url, .public_url_given = !options.public_url.empty(),
            .loopback_letters = options.demo ? desk::LoopbackLetters::Allowed : desk::LoopbackLetters::Refused, .seal_secret = *seal_secret },
        clock);
    desk::Administration administration(*opened->store, desk);
    web::Metrics metrics;
    desk::Records records(*opened->store, desk);
    web::WebContext web_context { desk, letters, auth, records, metrics,
        { options.static_dir, options.templates_dir, options.public_url, web::TrustedProxies(std::move(proxies)) } };
    web_context.administration = &administration;
    desk::SurveyDesk surveys(*opened->store, desk);
    web_context.surveys = &surveys;
    web::Router router;
    web::add_ops_routes(router, web_context);
    web::add_api_routes(router, web_context);
    web::add_public_routes(router, web_context);
    web::add_letter_routes(router, web_context);
    web::add_register_routes(router, web_context);
    web::add_report_routes(router, web_context);
    web::add_survey_routes(router, web_context);
    web::add_staff_routes(router, web_context);

    // SIGTERM and SIGINT are taken by sigwait below, not by a handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    web::HttpServer server({ .host = listen->first,
                               .port = listen->second,
                               .threads = options.threads,
                               .connection_timeout_seconds = options.connection_timeout_seconds,
                               .header_timeout_seconds = options.header_timeout_seconds,
                               .max_connections = connections_that_fit(options.max_connections),
                               .max_connections_per_address = options.max_connections_per_address },
        web::make_handler(router, web_context), &web::protocol_error);
    auto started = server.start();
    if (!started.ok()) {
        std::cerr << "sopir: " << started.error().message << "\n";
        return k_exit_misuse;
    }
    if (options.public_url.empty())
        letters.set_public_url("http://" + listen->first + ":" + std::to_string(server.port()));
    print_public_url_notices(*opened->store, letters);
    std::cout << "sopir melayani di http://" << listen->first << ":" << server.port() << "/ (basis data " << opened->database->url().text << ")" << std::endl;
    spdlog::info("listening on {}:{}", listen->first, server.port());
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("signal {}: finishing requests in flight", received);
    server.stop(10);
    return k_exit_ok;
}

}

void register_serve_commands(CLI::App& app, CliContext& context)
{
    auto options = std::make_shared<ServeOptions>();
    auto* serve_command = app.add_subcommand("serve", "Jalankan layanan web (halaman petugas, halaman publik, API JSON)");
    serve_command->add_option("--listen", options->listen, "HOST:PORT")->capture_default_str();
    serve_command->add_option("--threads", options->threads, "Jumlah thread pelayan")->capture_default_str();
    serve_command->add_option("--pool", options->pool, "Jumlah koneksi basis data")->capture_default_str();
    serve_command->add_flag("--secure-cookies", options->secure_cookies, "Kuki hanya lewat HTTPS (di belakang TLS)");
    serve_command->add_option("--static", options->static_dir, "Direktori berkas statis")->capture_default_str();
    serve_command->add_option("--templates", options->templates_dir, "Direktori templat HTML")->capture_default_str();
    serve_command->add_option("--public-url", options->public_url, "Alamat publik layanan, dicetak pada surat dan kode QR-nya (bawaan: http://HOST:PORT dari --listen)");
    serve_command->add_flag("--demo", options->demo,
        "Mode demo/uji coba: surat boleh ditandatangani walau alamat publiknya hanya komputer ini (127.0.0.1)");
    serve_command->add_option("--seal-secret", options->seal_secret_file, "Berkas rahasia segel dan kunci audit kantor (mode 0600; dibuat hanya bila belum ada segel; sama di setiap server; bawaan: var/segel.key)");
    serve_command->add_option("--very-late-percent", options->very_late_percent, "Sangat terlambat: menunggu lebih dari persen ini dari waktu standar langkah")
        ->check(CLI::Range(100, 1000))
        ->capture_default_str();
    serve_command->add_option("--max-connections", options->max_connections, "Jumlah koneksi sekaligus paling banyak")
        ->check(CLI::Range(16u, 1000000u))
        ->capture_default_str();
    serve_command->add_option("--max-connections-per-address", options->max_connections_per_address,
                     "Jumlah koneksi sekaligus paling banyak dari satu alamat (0: tanpa batas; naikkan di belakang proksi)")
        ->capture_default_str();
    serve_command->add_option("--connection-timeout", options->connection_timeout_seconds,
                     "Detik sebuah koneksi boleh diam (kepala permintaan yang lambat, koneksi keep-alive) sebelum ditutup")
        ->check(CLI::Range(1u, 3600u))
        ->capture_default_str();
    serve_command->add_option("--header-timeout", options->header_timeout_seconds,
                     "Detik paling lama untuk menerima kepala sebuah permintaan, walau datang sedikit demi sedikit (0: tanpa batas)")
        ->check(CLI::Range(0u, 3600u))
        ->capture_default_str();
    serve_command->add_option("--trusted-proxy", options->trusted_proxies,
        "Proksi balik tepercaya (CIDR, boleh diulang): hanya darinya X-Forwarded-For dibaca sebagai alamat klien");
    serve_command->add_option("--session-idle", options->session_idle_seconds, "Sesi berakhir bila tidak dipakai selama sekian detik")
        ->check(CLI::Range(1, 7 * 24 * 3600))
        ->capture_default_str();
    serve_command->add_option("--session-lifetime", options->session_lifetime_seconds,
        "Sesi dan token API berakhir sekian detik setelah masuk, dipakai atau tidak")
        ->check(CLI::Range(1, 30 * 24 * 3600))
        ->capture_default_str();
    serve_command->callback([&context, options] { context.exit_code = serve(context, *options); });
}

}
