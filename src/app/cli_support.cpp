#include "app/cli_support.hpp"

#include "app/regions_loader.hpp"

#include <chrono>
#include <ctime>
#include <iostream>

namespace sopir::app {

Timestamp now()
{
    return static_cast<Timestamp>(std::time(nullptr));
}

Date office_today()
{
    auto const now = std::chrono::system_clock::now();
    auto const seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    return local_date(static_cast<Timestamp>(seconds), k_office_utc_offset_minutes);
}

std::optional<Date> date_option(std::string const& option_name, std::string const& value, CliContext& context)
{
    auto date = parse_iso_date(value);
    if (!date) {
        std::cerr << option_name << " harus tanggal yang sah dalam bentuk TTTT-BB-HH (mis. 2026-11-25); yang diisi \"" << value << "\".\n";
        context.exit_code = k_exit_misuse;
    }
    return date;
}

std::optional<Regions> load_regions_for_cli(CliContext& context)
{
    auto regions = load_regions(context.regions_dir);
    if (!regions.ok()) {
        std::cerr << regions.error().message << "\n";
        context.exit_code = k_exit_misuse;
        return std::nullopt;
    }
    return std::move(regions).value();
}

nlohmann::ordered_json region_json(std::optional<Region> const& region)
{
    if (!region)
        return nullptr;
    return { { "code", region->code }, { "name", region->name } };
}

std::string dump_json(nlohmann::ordered_json const& json)
{
    return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

int fail(Error const& error, int exit_code)
{
    std::cerr << "sopir: " << error.message << "\n";
    return exit_code;
}

}
