// `sopir region CODE|NAME`: look a region up in idn-area-data, by code
// (printing its parents and children) or by the start of its name.

#include "app/cli.hpp"
#include "app/cli_support.hpp"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <vector>

namespace sopir::app {

namespace {

    struct RegionArguments {
        std::vector<std::string> words; // `sopir region candi laras` needs no quotes.
        bool json { false };
        std::string level;
        std::size_t limit { 50 };
    };

}

static std::map<std::string, RegionLevel> const& level_names()
{
    static std::map<std::string, RegionLevel> const k_levels {
        { "provinsi", RegionLevel::Province },
        { "kabupaten", RegionLevel::Regency },
        { "kecamatan", RegionLevel::District },
        { "desa", RegionLevel::Village },
    };
    return k_levels;
}

static std::string joined_query(std::vector<std::string> const& words)
{
    std::string query;
    for (auto const& word : words)
        query += (query.empty() ? "" : " ") + word;
    auto const first = query.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return query.substr(first, query.find_last_not_of(" \t") - first + 1);
}

// Only digits and dots: the person means a code, even a malformed one.
static bool looks_like_code(std::string const& query)
{
    return !query.empty() && std::all_of(query.begin(), query.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

static nlohmann::ordered_json region_entry(Region const& region)
{
    return { { "code", region.code }, { "name", region.name }, { "level", std::string(to_string(region.level)) } };
}

// The parents of a region, provinsi first, without the region itself.
static std::vector<Region const*> parents_of(Regions const& regions, Region const& region)
{
    auto path = regions.path_to(region.code);
    if (!path.empty())
        path.pop_back();
    return path;
}

static nlohmann::ordered_json parents_json(std::vector<Region const*> const& parents)
{
    auto list = nlohmann::ordered_json::array();
    for (auto const* parent : parents)
        list.push_back(region_entry(*parent));
    return list;
}

// "Candi Laras Utara, Kabupaten Tapin, Kalimantan Selatan": nearest first.
static std::string parents_line(std::vector<Region const*> const& parents)
{
    std::string line;
    for (auto it = parents.rbegin(); it != parents.rend(); ++it)
        line += (line.empty() ? "" : ", ") + (*it)->name;
    return line;
}

static void show_code(Regions const& regions, std::string const& query, RegionArguments const& arguments, CliContext& context)
{
    auto const code = normalize_region_code(query);
    Region const* region = code ? regions.find(*code) : nullptr;
    if (!region) {
        context.exit_code = k_exit_invalid;
        std::string const message = code
            ? "Kode wilayah " + *code + " tidak ada dalam data wilayah."
            : "\"" + query + "\" bukan kode wilayah yang sah; bentuknya 63, 63.05, 63.05.06 atau 63.05.06.2004 (titik boleh tidak ditulis).";
        if (arguments.json)
            std::cout << dump_json({ { "query", query }, { "region", nullptr }, { "message", message } }) << "\n";
        else
            std::cerr << message << "\n";
        return;
    }

    auto const parents = parents_of(regions, *region);
    auto const children = regions.children_of(region->code);
    if (arguments.json) {
        auto entry = region_entry(*region);
        entry["parent_code"] = region->parent_code.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(region->parent_code);
        auto children_json = nlohmann::ordered_json::array();
        for (auto const& child : children)
            children_json.push_back(region_entry(child));
        std::cout << dump_json({ { "region", entry }, { "parents", parents_json(parents) }, { "children", children_json } }) << "\n";
        return;
    }

    std::cout << region_level_name_id(region->level) << " " << region->name << " (" << region->code << ")\n";
    for (auto const* parent : parents)
        std::cout << "  " << std::left << std::setw(15) << region_level_name_id(parent->level) << ": " << parent->name << " (" << parent->code << ")\n";
    if (!children.empty()) {
        std::cout << region_level_name_id(children.front().level) << " (" << children.size() << "):\n";
        for (auto const& child : children)
            std::cout << "  " << std::left << std::setw(14) << child.code << child.name << "\n";
    }
}

static void search_name(Regions const& regions, std::string const& query, RegionArguments const& arguments, CliContext& context)
{
    RegionSearchOptions options { .level = std::nullopt, .max_results = arguments.limit + 1 };
    if (!arguments.level.empty())
        options.level = level_names().at(arguments.level); // CLI11 has checked the name.
    auto found = regions.search(query, options);
    bool const truncated = found.size() > arguments.limit;
    if (truncated)
        found.resize(arguments.limit);
    context.exit_code = found.empty() ? k_exit_invalid : k_exit_ok;

    if (arguments.json) {
        auto matches = nlohmann::ordered_json::array();
        for (auto const* region : found) {
            auto entry = region_entry(*region);
            entry["parents"] = parents_json(parents_of(regions, *region));
            matches.push_back(std::move(entry));
        }
        std::cout << dump_json({ { "query", query }, { "matches", matches }, { "truncated", truncated } }) << "\n";
        return;
    }

    if (found.empty()) {
        std::cerr << "Tidak ada wilayah yang namanya diawali \"" << query << "\".\n";
        return;
    }
    std::cout << "Wilayah yang namanya diawali \"" << query << "\" (" << found.size() << (truncated ? ", masih ada lagi; persempit dengan --level atau --limit" : "") << "):\n";
    for (auto const* region : found) {
        std::cout << "  " << std::left << std::setw(14) << region->code << std::setw(15) << region_level_name_id(region->level) << region->name;
        auto const parents = parents_line(parents_of(regions, *region));
        if (!parents.empty())
            std::cout << " — " << parents;
        std::cout << "\n";
    }
}

static void run_region(RegionArguments const& arguments, CliContext& context)
{
    std::string const query = joined_query(arguments.words);
    if (query.empty()) {
        std::cerr << "Isi kode wilayah (mis. 63.05.06) atau awal nama wilayah (mis. margasari).\n";
        context.exit_code = k_exit_misuse;
        return;
    }
    auto regions = load_regions_for_cli(context);
    if (!regions)
        return;
    if (looks_like_code(query))
        show_code(*regions, query, arguments, context);
    else
        search_name(*regions, query, arguments, context);
}

void register_region_commands(CLI::App& app, CliContext& context)
{
    auto arguments = std::make_shared<RegionArguments>();
    auto* command = app.add_subcommand("region", "Cari wilayah (data idn-area-data) menurut kode atau awal nama");
    command->add_option("KODE_ATAU_NAMA", arguments->words, "Kode wilayah (63.05.06 atau 630506) atau awal nama (margasari)")->required();
    command->add_flag("--json", arguments->json, "Keluaran JSON");
    std::vector<std::string> level_choices;
    for (auto const& [name, level] : level_names())
        level_choices.push_back(name);
    command->add_option("--level", arguments->level, "Pencarian nama hanya pada tingkat ini: provinsi, kabupaten, kecamatan, desa")
        ->check(CLI::IsMember(level_choices));
    command->add_option("--limit", arguments->limit, "Paling banyak sekian hasil pencarian nama (bawaan 50)")
        ->check(CLI::Range(1, 10000));
    command->callback([arguments, &context] { run_region(*arguments, context); });
}

}
