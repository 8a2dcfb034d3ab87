// /healthz, /metrics and the static assets.
#include "web/web.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sopir::web {

static std::string content_type_of(std::filesystem::path const& path)
{
    auto const extension = path.extension().string();
    if (extension == ".css")
        return "text/css; charset=utf-8";
    if (extension == ".js")
        return "text/javascript; charset=utf-8";
    if (extension == ".svg")
        return "image/svg+xml";
    if (extension == ".png")
        return "image/png";
    if (extension == ".ico")
        return "image/x-icon";
    return "application/octet-stream";
}

void add_ops_routes(Router& router, WebContext& context)
{
    router.add("GET", "/healthz", [&context](Request&) {
        auto reachable = context.store.ping();
        if (!reachable.ok())
            return Response::text(503, "basis data tidak terjangkau\n");
        return Response::text(200, "ok\n");
    });

    router.add("GET", "/metrics", [&context](Request&) {
        std::string extra = "# HELP sopir_cases Cases by state.\n# TYPE sopir_cases gauge\n";
        if (auto counts = context.store.count_cases_by_state(); counts.ok())
            for (auto const& [state, count] : *counts)
                extra += "sopir_cases{state=\"" + state + "\"} " + std::to_string(count) + "\n";
        Response response = Response::text(200, context.metrics.render(extra));
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        return response;
    });

    router.add("GET", "/static/{file}", [&context](Request& request) {
        std::string const name = request.param("file");
        // One file name, no directories: nothing outside static_dir.
        if (name.empty() || name.find('/') != std::string::npos || name.find("..") != std::string::npos || name.front() == '.')
            return Response::text(404, "Tidak ada.");
        std::filesystem::path const path = std::filesystem::path(context.options.static_dir) / name;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return Response::text(404, "Tidak ada.");
        std::ostringstream body;
        body << in.rdbuf();
        Response response;
        response.content_type = content_type_of(path);
        response.body = body.str();
        // Assets change only with a new release; a day is a fair cache.
        response.header("Cache-Control", "public, max-age=86400");
        return response;
    });
}

}
