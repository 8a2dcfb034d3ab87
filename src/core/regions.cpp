#include "core/regions.hpp"

#include "core/csv.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <numeric>

namespace sopir {

namespace {

    struct LevelFile {
        RegionLevel level;
        std::string_view file_name;
        std::string_view parent_column; // Empty for provinces.
        std::string_view example_code;
    };

}

static constexpr std::size_t level_index(RegionLevel level)
{
    return static_cast<std::size_t>(level);
}

// The four files of idn-area-data, parents before children.
static constexpr std::array<LevelFile, k_region_level_count> k_level_files { {
    { RegionLevel::Province, "provinces.csv", "", "63" },
    { RegionLevel::Regency, "regencies.csv", "province_code", "63.05" },
    { RegionLevel::District, "districts.csv", "regency_code", "63.05.06" },
    { RegionLevel::Village, "villages.csv", "district_code", "63.05.06.2004" },
} };

// Dotted code lengths per level: 2, 2+1+2, 5+1+2, 8+1+4.
static constexpr std::array<std::size_t, k_region_level_count> k_dotted_length { 2, 5, 8, 13 };

std::size_t dotted_code_length(RegionLevel level)
{
    return k_dotted_length[static_cast<std::size_t>(level)];
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

static std::string ascii_lowercase(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower)
        c = ascii_lower(c);
    return lower;
}

// Text from a file quoted in an error message: only printable ASCII, so that
// a broken file cannot put broken UTF-8 or control characters on a screen.
static std::string quoted_for_message(std::string_view text)
{
    static constexpr std::size_t k_max_shown = 40;
    std::string shown = "\"";
    for (std::size_t i = 0; i < text.size() && i < k_max_shown; ++i)
        shown += text[i] >= ' ' && text[i] <= '~' ? text[i] : '?';
    if (text.size() > k_max_shown)
        shown += "...";
    return shown + "\"";
}

static bool is_dotted_code_of_level(std::string_view code, RegionLevel level)
{
    if (code.size() != k_dotted_length[level_index(level)])
        return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        bool const dot_here = i == 2 || i == 5 || i == 8;
        if (dot_here ? code[i] != '.' : !is_ascii_digit(code[i]))
            return false;
    }
    return true;
}

static Error file_error(LevelFile const& file, std::size_t line, std::string const& what, std::string code)
{
    return Error::invalid(std::string(file.file_name),
        std::string(file.file_name) + " baris " + std::to_string(line) + ": " + what, std::move(code));
}

static std::vector<std::string_view> expected_columns(LevelFile const& file)
{
    if (file.parent_column.empty())
        return { "code", "name" };
    return { "code", file.parent_column, "name" };
}

static std::string joined(std::vector<std::string_view> const& columns)
{
    std::string text;
    for (auto const& column : columns) {
        if (!text.empty())
            text += ',';
        text += column;
    }
    return text;
}

static std::size_t count_lines(std::string_view text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

static bool code_less(Region const& region, std::string_view code)
{
    return region.code < code;
}

// Parses one level's file into `out`, sorted by code. `parents` is the level
// above, already sorted (empty for provinces).
static Status parse_level(std::string_view text, LevelFile const& file, std::vector<Region> const& parents, std::vector<Region>& out)
{
    CsvReader reader(text);
    std::vector<std::string> fields;
    auto const columns = expected_columns(file);

    auto header = reader.next(fields);
    if (!header.ok())
        return Error::invalid(std::string(file.file_name), std::string(file.file_name) + " " + header.error().message, "regions.csv");
    if (*header == CsvRead::End)
        return file_error(file, 1, "berkas kosong; baris judul \"" + joined(columns) + "\" tidak ada.", "regions.header");
    if (fields.size() != columns.size() || !std::equal(fields.begin(), fields.end(), columns.begin()))
        return file_error(file, reader.record_line(), "baris judul harus \"" + joined(columns) + "\".", "regions.header");

    out.reserve(count_lines(text));
    std::vector<std::size_t> lines; // The line of each region, for error messages.
    lines.reserve(out.capacity());
    bool sorted = true;
    std::string last_parent; // idn-area-data lists children grouped by parent.

    for (;;) {
        auto read = reader.next(fields);
        if (!read.ok())
            return Error::invalid(std::string(file.file_name), std::string(file.file_name) + " " + read.error().message, "regions.csv");
        if (*read == CsvRead::End)
            break;
        std::size_t const line = reader.record_line();
        if (fields.size() != columns.size())
            return file_error(file, line, "harus " + std::to_string(columns.size()) + " kolom (" + joined(columns) + "); yang ada " + std::to_string(fields.size()) + ".", "regions.columns");

        std::string const& code = fields[0];
        if (!is_dotted_code_of_level(code, file.level))
            return file_error(file, line, "kode " + quoted_for_message(code) + " bukan kode " + std::string(region_level_name_id(file.level)) + " yang sah (bentuknya " + std::string(file.example_code) + ").", "regions.code");
        std::string_view const name = trim(fields.back());
        if (name.empty())
            return file_error(file, line, "nama wilayah " + code + " kosong.", "regions.name");

        std::string parent_code;
        if (file.level != RegionLevel::Province) {
            parent_code = fields[1];
            std::string_view const implied = std::string_view(code).substr(0, code.rfind('.'));
            if (parent_code != implied)
                return file_error(file, line, "kode induk " + quoted_for_message(parent_code) + " tidak cocok dengan kode " + code + " (seharusnya " + std::string(implied) + ").", "regions.parent");
            if (parent_code != last_parent) {
                auto it = std::lower_bound(parents.begin(), parents.end(), parent_code, code_less);
                if (it == parents.end() || it->code != parent_code)
                    return file_error(file, line, "kode induk " + parent_code + " tidak ada di " + std::string(k_level_files[level_index(file.level) - 1].file_name) + ".", "regions.parent");
                last_parent = parent_code;
            }
        }

        if (!out.empty()) {
            if (code == out.back().code)
                return file_error(file, line, "kode " + code + " sudah ada di baris " + std::to_string(lines.back()) + ".", "regions.duplicate");
            if (code < out.back().code)
                sorted = false;
        }
        out.push_back(Region { code, std::string(name), file.level, std::move(parent_code) });
        lines.push_back(line);
    }

    if (!sorted) {
        std::vector<std::size_t> order(out.size());
        std::iota(order.begin(), order.end(), std::size_t { 0 });
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return out[a].code < out[b].code; });
        for (std::size_t i = 1; i < order.size(); ++i) {
            if (out[order[i]].code == out[order[i - 1]].code)
                return file_error(file, lines[order[i]], "kode " + out[order[i]].code + " sudah ada di baris " + std::to_string(lines[order[i - 1]]) + ".", "regions.duplicate");
        }
        std::vector<Region> reordered;
        reordered.reserve(out.size());
        for (std::size_t index : order)
            reordered.push_back(std::move(out[index]));
        out = std::move(reordered);
    }
    return Ok {};
}

std::string_view to_string(RegionLevel level)
{
    switch (level) {
    case RegionLevel::Province:
        return "province";
    case RegionLevel::Regency:
        return "regency";
    case RegionLevel::District:
        return "district";
    case RegionLevel::Village:
        return "village";
    }
    return "";
}

std::string_view region_level_name_id(RegionLevel level)
{
    switch (level) {
    case RegionLevel::Province:
        return "Provinsi";
    case RegionLevel::Regency:
        return "Kabupaten/Kota";
    case RegionLevel::District:
        return "Kecamatan";
    case RegionLevel::Village:
        return "Desa/Kelurahan";
    }
    return "";
}

std::optional<std::string> normalize_region_code(std::string_view text)
{
    text = trim(text);
    if (text.find('.') != std::string_view::npos) {
        for (std::size_t i = 0; i < k_region_level_count; ++i)
            if (is_dotted_code_of_level(text, static_cast<RegionLevel>(i)))
                return std::string(text);
        return std::nullopt;
    }
    if (!std::all_of(text.begin(), text.end(), is_ascii_digit))
        return std::nullopt;
    if (text.size() != 2 && text.size() != 4 && text.size() != 6 && text.size() != 10)
        return std::nullopt;
    std::string dotted;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == 2 || i == 4 || i == 6)
            dotted += '.';
        dotted += text[i];
    }
    return dotted;
}

std::optional<RegionLevel> region_level_of_code(std::string_view dotted_code)
{
    for (std::size_t i = 0; i < k_region_level_count; ++i)
        if (is_dotted_code_of_level(dotted_code, static_cast<RegionLevel>(i)))
            return static_cast<RegionLevel>(i);
    return std::nullopt;
}

Result<Regions> Regions::parse(std::string_view provinces_csv, std::string_view regencies_csv,
    std::string_view districts_csv, std::string_view villages_csv)
{
    std::array<std::string_view, k_region_level_count> const texts { provinces_csv, regencies_csv, districts_csv, villages_csv };
    Regions regions;
    std::vector<Region> const no_parents;
    for (std::size_t i = 0; i < k_region_level_count; ++i) {
        auto const& parents = i == 0 ? no_parents : regions.m_regions[i - 1];
        auto status = parse_level(texts[i], k_level_files[i], parents, regions.m_regions[i]);
        if (!status.ok())
            return status.error();
    }
    regions.build_name_index();
    return regions;
}

// The first eight bytes, big-endian and zero-padded, so that comparing heads
// orders keys as comparing the text does.
static std::uint64_t key_head(std::string_view key)
{
    std::uint64_t head = 0;
    for (std::size_t i = 0; i < 8; ++i)
        head = (head << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0u);
    return head;
}

void Regions::build_name_index()
{
    // Many regencies are looked for without their kind: "tapin", not
    // "kabupaten tapin".
    static constexpr std::string_view k_regency_kinds[] = { "kabupaten ", "kota " };
    std::size_t text_size = 0;
    for (auto const& regions : m_regions)
        for (auto const& region : regions)
            text_size += region.name.size();
    m_name_text.clear();
    m_name_text.reserve(text_size);

    for (std::size_t level = 0; level < k_region_level_count; ++level) {
        auto const& regions = m_regions[level];
        auto& names = m_names[level];
        names.clear();
        names.reserve(regions.size() * (level == level_index(RegionLevel::Regency) ? 2 : 1));
        for (std::size_t i = 0; i < regions.size(); ++i) {
            auto const offset = static_cast<std::uint32_t>(m_name_text.size());
            auto const length = static_cast<std::uint32_t>(regions[i].name.size());
            for (char c : regions[i].name)
                m_name_text += ascii_lower(c);
            std::string_view const key = std::string_view(m_name_text).substr(offset, length);
            auto const index = static_cast<std::uint32_t>(i);
            names.push_back({ key_head(key), offset, length, index });
            if (level == level_index(RegionLevel::Regency)) {
                for (auto kind : k_regency_kinds) {
                    if (key.size() > kind.size() && key.substr(0, kind.size()) == kind) {
                        auto const skip = static_cast<std::uint32_t>(kind.size());
                        names.push_back({ key_head(key.substr(skip)), offset + skip, length - skip, index });
                    }
                }
            }
        }
        std::sort(names.begin(), names.end(), [this](NameKey const& a, NameKey const& b) {
            if (a.head != b.head)
                return a.head < b.head;
            auto const a_text = key_text(a);
            auto const b_text = key_text(b);
            return a_text != b_text ? a_text < b_text : a.index < b.index;
        });
    }
}

Region const* Regions::find(std::string_view code) const
{
    auto dotted = normalize_region_code(code);
    if (!dotted)
        return nullptr;
    auto level = region_level_of_code(*dotted);
    if (!level)
        return nullptr;
    auto const& regions = m_regions[level_index(*level)];
    auto it = std::lower_bound(regions.begin(), regions.end(), *dotted, code_less);
    if (it == regions.end() || it->code != *dotted)
        return nullptr;
    return &*it;
}

std::vector<Region const*> Regions::path_to(std::string_view code) const
{
    Region const* region = find(code);
    if (!region)
        return {};
    std::vector<Region const*> path;
    for (std::size_t i = 0; i <= level_index(region->level); ++i) {
        Region const* ancestor = find(std::string_view(region->code).substr(0, k_dotted_length[i]));
        if (ancestor)
            path.push_back(ancestor);
    }
    return path;
}

std::span<Region const> Regions::children_at(RegionLevel child_level, std::string_view parent_code) const
{
    auto dotted = normalize_region_code(parent_code);
    if (!dotted || child_level == RegionLevel::Province)
        return {};
    auto parent_level = region_level_of_code(*dotted);
    if (!parent_level || level_index(*parent_level) + 1 != level_index(child_level))
        return {};
    // Children's codes are the parent's, a dot and their own digits: they lie
    // between "<parent>." and "<parent>/" ('/' follows '.' in ASCII).
    auto const& regions = m_regions[level_index(child_level)];
    auto first = std::lower_bound(regions.begin(), regions.end(), *dotted + ".", code_less);
    auto last = std::lower_bound(first, regions.end(), *dotted + "/", code_less);
    return { regions.data() + (first - regions.begin()), static_cast<std::size_t>(last - first) };
}

std::span<Region const> Regions::regencies_of(std::string_view province_code) const
{
    return children_at(RegionLevel::Regency, province_code);
}

std::span<Region const> Regions::districts_of(std::string_view regency_code) const
{
    return children_at(RegionLevel::District, regency_code);
}

std::span<Region const> Regions::villages_of(std::string_view district_code) const
{
    return children_at(RegionLevel::Village, district_code);
}

std::span<Region const> Regions::children_of(std::string_view code) const
{
    auto dotted = normalize_region_code(code);
    if (!dotted)
        return {};
    auto level = region_level_of_code(*dotted);
    if (!level || *level == RegionLevel::Village)
        return {};
    return children_at(static_cast<RegionLevel>(level_index(*level) + 1), *dotted);
}

std::span<Region const> Regions::all(RegionLevel level) const
{
    return m_regions[level_index(level)];
}

std::size_t Regions::count(RegionLevel level) const
{
    return m_regions[level_index(level)].size();
}

std::vector<Region const*> Regions::search(std::string_view prefix, RegionSearchOptions const& options) const
{
    std::vector<Region const*> found;
    std::string const wanted = ascii_lowercase(trim(prefix));
    if (wanted.empty() || options.max_results == 0)
        return found;
    std::uint64_t const wanted_head = key_head(wanted);
    for (std::size_t level = 0; level < k_region_level_count; ++level) {
        if (options.level && level_index(*options.level) != level)
            continue;
        auto const& names = m_names[level];
        auto it = std::lower_bound(names.begin(), names.end(), wanted, [&](NameKey const& name, std::string const& key) {
            return name.head != wanted_head ? name.head < wanted_head : key_text(name) < key;
        });
        std::size_t const level_start = found.size();
        for (; it != names.end() && key_text(*it).substr(0, wanted.size()) == wanted; ++it) {
            Region const* region = &m_regions[level][it->index];
            // A regency may match both with and without its kind
            // ("kota" matches "kota kotamobagu" and "kotamobagu").
            if (std::find(found.begin() + static_cast<std::ptrdiff_t>(level_start), found.end(), region) != found.end())
                continue;
            if (found.size() == options.max_results)
                return found;
            found.push_back(region);
        }
    }
    return found;
}

NikRegion Regions::resolve_nik_region(std::string_view six_digits) const
{
    NikRegion resolved;
    auto dotted = normalize_region_code(six_digits);
    if (!dotted || region_level_of_code(*dotted) != RegionLevel::District)
        return resolved;
    std::string_view const code = *dotted;
    auto copy = [](Region const* region) { return region ? std::optional<Region>(*region) : std::nullopt; };
    resolved.province = copy(find(code.substr(0, k_dotted_length[level_index(RegionLevel::Province)])));
    resolved.regency = copy(find(code.substr(0, k_dotted_length[level_index(RegionLevel::Regency)])));
    resolved.district = copy(find(code));
    return resolved;
}

}
