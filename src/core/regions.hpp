#pragma once
// Indonesia's administrative regions, from the CSV files of the npm package
// idn-area-data (SPEC.md: import it, do not type region lists by hand):
// provinsi "63", kabupaten/kota "63.05", kecamatan "63.05.06",
// desa/kelurahan "63.05.06.2004". The core only parses text handed to it;
// reading the files is the app's job (app/regions_loader.hpp).

#include "core/result.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

enum class RegionLevel {
    Province, // provinsi, code "63"
    Regency,  // kabupaten or kota, code "63.05"
    District, // kecamatan, code "63.05.06"
    Village,  // desa or kelurahan, code "63.05.06.2004"
};

inline constexpr std::size_t k_region_level_count = 4;

// The length of a dotted code at a level: 2, 5, 8 or 13 ("63.05.06.2004").
std::size_t dotted_code_length(RegionLevel);

// "province", "regency", "district", "village": stable, for JSON.
std::string_view to_string(RegionLevel);
// "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan": for people.
std::string_view region_level_name_id(RegionLevel);

struct Region {
    std::string code; // Dotted: "63.05.06".
    std::string name; // As the data spells it: "Kabupaten Tapin".
    RegionLevel level { RegionLevel::Province };
    std::string parent_code; // Dotted; empty for a province.
};

// The dotted form of a region code written either dotted ("63.05.06") or as
// bare digits ("630506"), with surrounding spaces allowed; nullopt when it is
// neither (wrong group widths, letters, 5 digits…). Says nothing about
// whether the region exists.
std::optional<std::string> normalize_region_code(std::string_view);

// The level a dotted code's shape gives (2, 4, 6 or 10 digits).
std::optional<RegionLevel> region_level_of_code(std::string_view dotted_code);

// The regions named by the first six digits of a NIK or Nomor KK. Each level
// is looked up on its own, so an unknown kecamatan still shows its
// kabupaten and provinsi when those are known.
struct NikRegion {
    std::optional<Region> province;
    std::optional<Region> regency;
    std::optional<Region> district;
};

struct RegionSearchOptions {
    std::optional<RegionLevel> level; // Only this level; every level when empty.
    std::size_t max_results { 20 };
};

class Regions {
public:
    // Parses the four files of idn-area-data (provinces.csv `code,name`,
    // regencies.csv `code,province_code,name`, districts.csv
    // `code,regency_code,name`, villages.csv `code,district_code,name`).
    // Every region's parent must exist and its code must extend the parent's.
    // Errors are Invalid, with the file name as the field and a message that
    // names file and line ("villages.csv baris 7: …").
    static Result<Regions> parse(std::string_view provinces_csv, std::string_view regencies_csv,
        std::string_view districts_csv, std::string_view villages_csv);

    // The region with that code, dotted or not; nullptr when there is none.
    // The pointer stays valid as long as this Regions (also when moved).
    Region const* find(std::string_view code) const;

    // The region and its parents, provinsi first: [63, 63.05, 63.05.06].
    // Empty when the code is unknown.
    std::vector<Region const*> path_to(std::string_view code) const;

    // The direct children of a region, sorted by code; empty when the code is
    // unknown or of the wrong level (villages_of a kabupaten is empty).
    std::span<Region const> regencies_of(std::string_view province_code) const;
    std::span<Region const> districts_of(std::string_view regency_code) const;
    std::span<Region const> villages_of(std::string_view district_code) const;
    std::span<Region const> children_of(std::string_view code) const;

    // Every region of a level, sorted by code.
    std::span<Region const> all(RegionLevel) const;
    std::size_t count(RegionLevel) const;

    // Regions whose name starts with `prefix`, ignoring ASCII case and
    // surrounding spaces. A kabupaten/kota also matches without its
    // "Kabupaten " or "Kota " ("tapin" finds Kabupaten Tapin). Results come
    // by level (provinsi first), then by the name as matched, then by code.
    // An empty prefix finds nothing.
    std::vector<Region const*> search(std::string_view prefix, RegionSearchOptions const& = {}) const;

    // The provinsi, kabupaten/kota and kecamatan of a NIK's or KK's first six
    // digits ("630506" or "63.05.06"); all empty for anything else.
    NikRegion resolve_nik_region(std::string_view six_digits) const;

private:
    // A lowercased name pointing at its region, kept sorted so that a prefix
    // search is a binary search and a short walk rather than a full scan.
    // The text lives in m_name_text; `head` holds its first eight bytes so
    // that most comparisons while sorting 83,000 names are one integer
    // comparison (loading must stay well under 100 ms).
    struct NameKey {
        std::uint64_t head { 0 };
        std::uint32_t offset { 0 };
        std::uint32_t length { 0 };
        std::uint32_t index { 0 };
    };

    std::string_view key_text(NameKey const& key) const { return std::string_view(m_name_text).substr(key.offset, key.length); }
    std::span<Region const> children_at(RegionLevel child_level, std::string_view parent_code) const;
    void build_name_index();

    std::array<std::vector<Region>, k_region_level_count> m_regions;
    std::array<std::vector<NameKey>, k_region_level_count> m_names;
    std::string m_name_text;
};

}
