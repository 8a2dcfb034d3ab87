// bench/query: the read path. Signs in, then GETs each path of a file in
// turn on one keep-alive connection and measures every answer.
//
//   query --url BASE --token-user USER --token-password PW --paths FILE [--repeat N] [--json]
//
// FILE holds one path a line ("/api/v1/cases?state=verifikasi"); empty lines
// and lines starting with '#' are skipped. With --repeat N the whole list is
// read N times. Prints count, errors, p50, p99 and max in milliseconds (with
// --json one JSON object); any answer other than 200 is an error, the first
// few are printed to stderr, and the exit status is 1.

#include "http_client.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

namespace sopir::bench {
namespace {

    using Json = nlohmann::json;
    using Clock = std::chrono::steady_clock;

    constexpr std::size_t k_error_samples = 5;

    struct Options {
        std::optional<Url> url;
        std::string user;
        std::string password;
        std::string paths_file;
        std::size_t repeat { 1 };
        bool json { false };
    };

    // The command line, by CLI11 as sopir's own; 2 and a message for a bad one.
    std::optional<Options> parse_options(int argc, char** argv)
    {
        Options options;
        std::string url;
        CLI::App app("query: GETs each path of a file and measures every answer");
        app.add_option("--url", url, "http://HOST:PORT")->required();
        app.add_option("--token-user", options.user, "who signs in")->required();
        app.add_option("--token-password", options.password, "their password")->required();
        app.add_option("--paths", options.paths_file, "one path a line")->required();
        app.add_option("--repeat", options.repeat, "times the whole list is read")->check(CLI::PositiveNumber);
        app.add_flag("--json", options.json, "one JSON object");
        try {
            app.parse(argc, argv);
        } catch (CLI::ParseError const& error) {
            if (app.exit(error) == 0)
                std::exit(0);
            return std::nullopt;
        }
        options.url = parse_url(url);
        if (!options.url) {
            std::cerr << "query: not an http:// URL: " << url << "\n";
            return std::nullopt;
        }
        return options;
    }

    std::optional<std::vector<std::string>> read_paths(std::string const& file)
    {
        std::ifstream in(file);
        if (!in) {
            std::cerr << "query: cannot read " << file << "\n";
            return std::nullopt;
        }
        std::vector<std::string> paths;
        for (std::string line; std::getline(in, line);) {
            std::string_view const path = trim_spaces(line);
            if (path.empty() || path.starts_with('#'))
                continue;
            if (!path.starts_with('/')) {
                std::cerr << "query: " << file << ": a path starts with '/': " << path << "\n";
                return std::nullopt;
            }
            paths.emplace_back(path);
        }
        if (paths.empty()) {
            std::cerr << "query: no paths in " << file << "\n";
            return std::nullopt;
        }
        return paths;
    }

    int run(Options const& options)
    {
        auto paths = read_paths(options.paths_file);
        if (!paths)
            return 2;
        HttpClient client(*options.url);

        auto signed_in = client.post_json("/api/v1/sessions", Json { { "username", options.user }, { "password", options.password } }.dump());
        Json session = signed_in.status == 201 ? Json::parse(signed_in.body, nullptr, false) : Json();
        if (!session.is_object() || !session["token"].is_string()) {
            std::cerr << "query: sign-in of " << options.user << ": "
                      << (signed_in.status ? "HTTP " + std::to_string(signed_in.status) + " " + signed_in.body : signed_in.error) << "\n";
            return 1;
        }
        Headers const headers { { "Authorization", "Bearer " + session["token"].get<std::string>() } };

        std::vector<double> latencies;
        latencies.reserve(paths->size() * options.repeat);
        std::size_t errors = 0;
        std::size_t bytes = 0;
        std::vector<std::string> samples;
        auto const start = Clock::now();
        for (std::size_t round = 0; round < options.repeat; ++round)
            for (auto const& path : *paths) {
                auto const sent = Clock::now();
                auto response = client.get(path, headers);
                latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
                bytes += response.body.size();
                if (response.status != 200) {
                    ++errors;
                    if (samples.size() < k_error_samples)
                        samples.push_back(path + ": "
                            + (response.status ? "HTTP " + std::to_string(response.status) + " " + response.body.substr(0, 600) : response.error));
                }
            }
        double const seconds = std::chrono::duration<double>(Clock::now() - start).count();
        std::sort(latencies.begin(), latencies.end());

        double const p50 = nearest_rank(latencies, 50);
        double const p99 = nearest_rank(latencies, 99);
        double const max = latencies.empty() ? 0.0 : latencies.back();
        double const rate = seconds > 0 ? static_cast<double>(latencies.size()) / seconds : 0;
        if (options.json) {
            nlohmann::ordered_json out { { "count", latencies.size() }, { "errors", errors }, { "p50_ms", p50 }, { "p99_ms", p99 },
                { "max_ms", max }, { "seconds", seconds }, { "requests_per_second", rate }, { "bytes", bytes },
                { "connections", client.connects() } };
            std::cout << out.dump() << "\n";
        } else {
            std::printf("count        %zu\n", latencies.size());
            std::printf("errors       %zu\n", errors);
            std::printf("p50 ms       %.2f\n", p50);
            std::printf("p99 ms       %.2f\n", p99);
            std::printf("max ms       %.2f\n", max);
            std::printf("seconds      %.3f\n", seconds);
            std::printf("requests/s   %.1f\n", rate);
            std::printf("bytes        %zu\n", bytes);
            std::printf("connections  %zu\n", client.connects());
        }
        for (auto const& sample : samples)
            std::cerr << "query: error: " << sample << "\n";
        if (errors > samples.size())
            std::cerr << "query: … and " << errors - samples.size() << " more errors\n";
        return errors > 0 ? 1 : 0;
    }

}
}

int main(int argc, char** argv)
{
    auto options = sopir::bench::parse_options(argc, argv);
    if (!options)
        return 2;
    return sopir::bench::run(*options);
}
