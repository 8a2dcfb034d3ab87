// /healthz, /metrics and the static assets.
#include "web/route_table.hpp"
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

namespace {

    Response health(WebContext& context, Request&)
    {
        auto reachable = context.records.ping();
        if (!reachable.ok())
            return Response::text(503, "basis data tidak terjangkau\n");
        return Response::text(200, "ok\n");
    }

    Response metrics(WebContext& context, Request&)
    {
        std::string extra = "# HELP sopir_cases Cases by state.\n# TYPE sopir_cases gauge\n";
        if (auto counts = context.records.count_cases_by_state(); counts.ok())
            for (auto const& [state, count] : *counts)
                extra += "sopir_cases{state=\"" + state + "\"} " + std::to_string(count) + "\n";
        Response response = Response::text(200, context.metrics.render(extra));
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        return response;
    }

    Response static_file(WebContext& context, Request& request)
    {
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
    }

    RouteEntry<WebContext> const k_ops_routes[] = {
        { "GET", "/healthz", health },
        { "GET", "/metrics", metrics },
        { "GET", "/static/{file}", static_file },
    };

}

void add_ops_routes(Router& router, WebContext& context)
{
    add_routes(router, context, k_ops_routes);
}
}
