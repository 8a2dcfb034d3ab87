// Region data parsed from inline CSV in idn-area-data's shape: no files.
#include "core/csv.hpp"
#include "core/regions.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace sopir;

namespace {

// A few real rows of idn-area-data, deliberately with its quoted names
// ("Ra""as", "Lubuk Pakam I,II").
constexpr char const* k_provinces = "code,name\n"
                                    "12,Sumatera Utara\n"
                                    "35,Jawa Timur\n"
                                    "63,Kalimantan Selatan\n"
                                    "71,Sulawesi Utara\n";
constexpr char const* k_regencies = "code,province_code,name\n"
                                    "12.07,12,Kabupaten Deli Serdang\n"
                                    "35.29,35,Kabupaten Sumenep\n"
                                    "63.05,63,Kabupaten Tapin\n"
                                    "63.71,63,Kota Banjarmasin\n"
                                    "71.74,71,Kota Kotamobagu\n";
constexpr char const* k_districts = "code,regency_code,name\n"
                                    "12.07.28,12.07,Lubuk Pakam\n"
                                    "35.29.22,35.29,\"Ra\"\"as\"\n"
                                    "63.05.05,63.05,Candi Laras Selatan\n"
                                    "63.05.06,63.05,Candi Laras Utara\n"
                                    "63.71.01,63.71,Banjarmasin Selatan\n"
                                    "71.74.01,71.74,Kotamobagu Barat\n";
constexpr char const* k_villages = "code,district_code,name\n"
                                   "12.07.28.1007,12.07.28,\"Lubuk Pakam I,II\"\n"
                                   "63.05.05.2001,63.05.05,Margasari Hulu\n"
                                   "63.05.06.2001,63.05.06,Keladan\n"
                                   "63.05.06.2002,63.05.06,Sungai Salai\n"
                                   "63.05.06.2004,63.05.06,Margasari Hilir\n"
                                   "63.05.06.2007,63.05.06,Buas-Buas\n"
                                   "63.71.01.1001,63.71.01,Kelayan Luar\n";

Regions sample_regions()
{
    auto regions = Regions::parse(k_provinces, k_regencies, k_districts, k_villages);
    EXPECT_TRUE(regions.ok()) << regions.error().message;
    return std::move(regions).value();
}

std::vector<std::string> codes_of(std::vector<Region const*> const& regions)
{
    std::vector<std::string> codes;
    for (auto const* region : regions)
        codes.push_back(region->code);
    return codes;
}

std::vector<std::string> codes_of(std::span<Region const> regions)
{
    std::vector<std::string> codes;
    for (auto const& region : regions)
        codes.push_back(region.code);
    return codes;
}

}

TEST(Regions, CountsEachLevel)
{
    auto regions = sample_regions();
    EXPECT_EQ(regions.count(RegionLevel::Province), 4u);
    EXPECT_EQ(regions.count(RegionLevel::Regency), 5u);
    EXPECT_EQ(regions.count(RegionLevel::District), 6u);
    EXPECT_EQ(regions.count(RegionLevel::Village), 7u);
}

TEST(Regions, LookupAcceptsDottedAndUndottedCodes)
{
    auto regions = sample_regions();
    struct Case {
        char const* code;
        char const* name; // nullptr: not found
        RegionLevel level { RegionLevel::Province };
        char const* parent { "" };
    };
    Case const cases[] = {
        { .code = "63.05.06", .name = "Candi Laras Utara", .level = RegionLevel::District, .parent = "63.05" },
        { .code = "630506", .name = "Candi Laras Utara", .level = RegionLevel::District, .parent = "63.05" },
        { .code = "  630506 ", .name = "Candi Laras Utara", .level = RegionLevel::District, .parent = "63.05" },
        { .code = "63.05.06.2004", .name = "Margasari Hilir", .level = RegionLevel::Village, .parent = "63.05.06" },
        { .code = "6305062004", .name = "Margasari Hilir", .level = RegionLevel::Village, .parent = "63.05.06" },
        { .code = "6305", .name = "Kabupaten Tapin", .level = RegionLevel::Regency, .parent = "63" },
        { .code = "63", .name = "Kalimantan Selatan", .level = RegionLevel::Province, .parent = "" },
        { .code = "35.29.22", .name = "Ra\"as", .level = RegionLevel::District, .parent = "35.29" },
        { .code = "12.07.28.1007", .name = "Lubuk Pakam I,II", .level = RegionLevel::Village, .parent = "12.07.28" },
        { .code = "63.05.99", .name = nullptr },
        { .code = "99", .name = nullptr },
        { .code = "63050", .name = nullptr },
        { .code = "63.5.6", .name = nullptr },
        { .code = "6305.06", .name = nullptr },
        { .code = "63.05.06.", .name = nullptr },
        { .code = "63-05-06", .name = nullptr },
        { .code = "", .name = nullptr },
    };
    for (auto const& c : cases) {
        Region const* region = regions.find(c.code);
        if (!c.name) {
            EXPECT_EQ(region, nullptr) << c.code;
            continue;
        }
        ASSERT_NE(region, nullptr) << c.code;
        EXPECT_EQ(region->name, c.name) << c.code;
        EXPECT_EQ(region->level, c.level) << c.code;
        EXPECT_EQ(region->parent_code, c.parent) << c.code;
    }
}

TEST(Regions, NormalizesCodes)
{
    struct Case {
        char const* input;
        char const* dotted; // nullptr: not a code
    };
    Case const cases[] = {
        { .input = "63", .dotted = "63" },
        { .input = "6305", .dotted = "63.05" },
        { .input = "630506", .dotted = "63.05.06" },
        { .input = "6305062004", .dotted = "63.05.06.2004" },
        { .input = " 63.05.06 ", .dotted = "63.05.06" },
        { .input = "6", .dotted = nullptr },
        { .input = "63050", .dotted = nullptr },
        { .input = "63050620", .dotted = nullptr },
        { .input = "63.05.06.20", .dotted = nullptr },
        { .input = "63.05.6", .dotted = nullptr },
        { .input = "63..05", .dotted = nullptr },
        { .input = "6a", .dotted = nullptr },
        { .input = "", .dotted = nullptr },
    };
    for (auto const& c : cases) {
        auto dotted = normalize_region_code(c.input);
        if (c.dotted) {
            ASSERT_TRUE(dotted.has_value()) << c.input;
            EXPECT_EQ(*dotted, c.dotted);
        } else {
            EXPECT_FALSE(dotted.has_value()) << c.input;
        }
    }
}

TEST(Regions, ChildrenOfEachLevel)
{
    auto regions = sample_regions();
    std::vector<std::string> const villages { "63.05.06.2001", "63.05.06.2002", "63.05.06.2004", "63.05.06.2007" };
    EXPECT_EQ(codes_of(regions.villages_of("63.05.06")), villages);
    EXPECT_EQ(codes_of(regions.villages_of("630506")), villages);
    EXPECT_EQ(codes_of(regions.children_of("63.05.06")), villages);
    EXPECT_EQ(codes_of(regions.districts_of("63.05")), (std::vector<std::string> { "63.05.05", "63.05.06" }));
    EXPECT_EQ(codes_of(regions.regencies_of("63")), (std::vector<std::string> { "63.05", "63.71" }));
    // The wrong level, an unknown code, a village, and garbage have no children.
    EXPECT_TRUE(regions.villages_of("63.05").empty());
    EXPECT_TRUE(regions.districts_of("63.05.06").empty());
    EXPECT_TRUE(regions.villages_of("63.05.99").empty());
    EXPECT_TRUE(regions.children_of("63.05.06.2004").empty());
    EXPECT_TRUE(regions.children_of("tapin").empty());
}

TEST(Regions, PathRunsFromProvinceToTheRegion)
{
    auto regions = sample_regions();
    EXPECT_EQ(codes_of(regions.path_to("6305062004")), (std::vector<std::string> { "63", "63.05", "63.05.06", "63.05.06.2004" }));
    EXPECT_EQ(codes_of(regions.path_to("63")), (std::vector<std::string> { "63" }));
    EXPECT_TRUE(regions.path_to("63.05.99").empty());
}

TEST(Regions, SearchByNamePrefixIgnoresCase)
{
    auto regions = sample_regions();
    struct Case {
        char const* prefix;
        RegionSearchOptions options {};
        std::vector<std::string> codes;
    };
    Case const cases[] = {
        { .prefix = "margasari", .codes = { "63.05.06.2004", "63.05.05.2001" } },
        { .prefix = "MARGASARI H", .codes = { "63.05.06.2004", "63.05.05.2001" } },
        { .prefix = "  Margasari Hil ", .codes = { "63.05.06.2004" } },
        { .prefix = "margasari", .options = { .level = std::nullopt, .max_results = 1 }, .codes = { "63.05.06.2004" } },
        { .prefix = "margasari", .options = { .level = RegionLevel::District }, .codes = {} },
        // Levels come in order: the kecamatan before its villages.
        { .prefix = "candi laras", .codes = { "63.05.05", "63.05.06" } },
        { .prefix = "lubuk pakam", .codes = { "12.07.28", "12.07.28.1007" } },
        { .prefix = "lubuk pakam", .options = { .level = RegionLevel::Village }, .codes = { "12.07.28.1007" } },
        // A kabupaten/kota is found with or without its kind, once.
        { .prefix = "tapin", .codes = { "63.05" } },
        { .prefix = "kabupaten tap", .codes = { "63.05" } },
        { .prefix = "kota", .codes = { "63.71", "71.74", "71.74.01" } },
        { .prefix = "ra\"as", .codes = { "35.29.22" } },
        { .prefix = "kalimantan", .codes = { "63" } },
        { .prefix = "zzz", .codes = {} },
        { .prefix = "", .codes = {} },
        { .prefix = "   ", .codes = {} },
        { .prefix = "margasari", .options = { .level = std::nullopt, .max_results = 0 }, .codes = {} },
    };
    for (auto const& c : cases)
        EXPECT_EQ(codes_of(regions.search(c.prefix, c.options)), c.codes) << "\"" << c.prefix << "\"";
}

TEST(Regions, ResolvesTheRegionOfANik)
{
    auto regions = sample_regions();
    auto known = regions.resolve_nik_region("630506");
    ASSERT_TRUE(known.province && known.regency && known.district);
    EXPECT_EQ(known.province->name, "Kalimantan Selatan");
    EXPECT_EQ(known.regency->name, "Kabupaten Tapin");
    EXPECT_EQ(known.district->name, "Candi Laras Utara");
    EXPECT_EQ(regions.resolve_nik_region("63.05.06").district->code, "63.05.06");

    // Each level on its own: an unknown kecamatan still shows its kabupaten.
    auto partly = regions.resolve_nik_region("630599");
    EXPECT_TRUE(partly.province.has_value());
    EXPECT_TRUE(partly.regency.has_value());
    EXPECT_FALSE(partly.district.has_value());

    for (char const* wrong : { "999999", "6305", "6305062004", "63050x", "" }) {
        auto none = regions.resolve_nik_region(wrong);
        EXPECT_FALSE(none.district.has_value()) << wrong;
    }
    EXPECT_FALSE(regions.resolve_nik_region("6305").province.has_value());
}

TEST(Regions, PointersSurviveAMove)
{
    auto regions = sample_regions();
    Region const* before = regions.find("63.05.06");
    Regions moved = std::move(regions);
    EXPECT_EQ(moved.find("63.05.06"), before);
}

TEST(Regions, AcceptsCrlfABomBlankLinesAndUnsortedRows)
{
    auto regions = Regions::parse("\xEF\xBB\xBF"
                                  "code,name\r\n63,Kalimantan Selatan\r\n\r\n",
        "code,province_code,name\r\n63.05,63,Kabupaten Tapin\r\n",
        "code,regency_code,name\n63.05.06,63.05,Candi Laras Utara\n63.05.05,63.05,Candi Laras Selatan",
        "code,district_code,name\n63.05.06.2004,63.05.06,Margasari Hilir\n63.05.06.2001,63.05.06,Keladan\n\n");
    ASSERT_TRUE(regions.ok()) << regions.error().message;
    EXPECT_EQ(codes_of(regions->villages_of("63.05.06")), (std::vector<std::string> { "63.05.06.2001", "63.05.06.2004" }));
    EXPECT_EQ(codes_of(regions->all(RegionLevel::District)), (std::vector<std::string> { "63.05.05", "63.05.06" }));
    EXPECT_EQ(regions->find("63")->name, "Kalimantan Selatan");
}

TEST(Regions, MalformedDataIsRefusedNamingFileAndLine)
{
    std::string const provinces = "code,name\n63,Kalimantan Selatan\n";
    std::string const regencies = "code,province_code,name\n63.05,63,Kabupaten Tapin\n";
    std::string const districts = "code,regency_code,name\n63.05.06,63.05,Candi Laras Utara\n";
    std::string const villages_head = "code,district_code,name\n63.05.06.2001,63.05.06,Keladan\n";
    struct Case {
        char const* what;
        std::string provinces;
        std::string regencies;
        std::string districts;
        std::string villages;
        char const* field;
        char const* where; // The message must contain this.
        char const* code;
    };
    Case const cases[] = {
        { .what = "too few columns", .provinces = provinces, .regencies = regencies, .districts = districts, .villages = villages_head + "63.05.06.2002,Sungai Salai\n", .field = "villages.csv", .where = "villages.csv baris 3", .code = "regions.columns" },
        { .what = "too many columns", .provinces = provinces, .regencies = regencies, .districts = districts, .villages = villages_head + "63.05.06.2002,63.05.06,Sungai,Salai\n", .field = "villages.csv", .where = "villages.csv baris 3", .code = "regions.columns" },
        { .what = "unterminated quote", .provinces = provinces, .regencies = regencies, .districts = districts, .villages = villages_head + "63.05.06.2002,63.05.06,\"Sungai Salai\n63.05.06.2003,63.05.06,Pariok\n", .field = "villages.csv", .where = "villages.csv baris 3", .code = "regions.csv" },
        { .what = "text after a closing quote", .provinces = provinces, .regencies = regencies, .districts = districts + "63.05.05,63.05,\"Candi\" Laras\n", .villages = villages_head, .field = "districts.csv", .where = "districts.csv baris 3", .code = "regions.csv" },
        { .what = "a bad code", .provinces = provinces, .regencies = regencies, .districts = districts, .villages = villages_head + "63.05.06.20x2,63.05.06,Sungai Salai\n", .field = "villages.csv", .where = "villages.csv baris 3", .code = "regions.code" },
        { .what = "a village code of the wrong width", .provinces = provinces, .regencies = regencies, .districts = districts, .villages = villages_head + "63.05.06.202,63.05.06,Sungai Salai\n", .field = "villages.csv", .where = "villages.csv baris 3", .code = "regions.code" },
        { .what = "an unknown parent", .provinces = provinces, .regencies = regencies, .districts = districts, .villages = villages_head + "63.05.07.2001,63.05.07,Entah\n", .field = "villages.csv", .where = "villages.csv baris 3", .code = "regions.parent" },
        { .what = "a parent that is not the code's prefix", .provinces = provinces, .regencies = regencies + "63.06,63,Kabupaten Hulu Sungai Selatan\n", .districts = districts + "63.05.07,63.06,Entah\n", .villages = villages_head, .field = "districts.csv", .where = "districts.csv baris 3", .code = "regions.parent" },
        { .what = "a duplicate", .provinces = provinces + "63,Kalimantan Selatan Lagi\n", .regencies = regencies, .districts = districts, .villages = villages_head, .field = "provinces.csv", .where = "provinces.csv baris 3", .code = "regions.duplicate" },
        { .what = "an unsorted duplicate", .provinces = provinces, .regencies = regencies, .districts = districts, .villages = villages_head + "63.05.06.2003,63.05.06,Pariok\n63.05.06.2001,63.05.06,Keladan Lagi\n", .field = "villages.csv", .where = "villages.csv baris 4: kode 63.05.06.2001 sudah ada di baris 2", .code = "regions.duplicate" },
        { .what = "an empty name", .provinces = provinces, .regencies = regencies + "63.06,63,  \n", .districts = districts, .villages = villages_head, .field = "regencies.csv", .where = "regencies.csv baris 3", .code = "regions.name" },
        { .what = "a wrong header", .provinces = provinces, .regencies = regencies, .districts = "kode,kabupaten,nama\n", .villages = villages_head, .field = "districts.csv", .where = "districts.csv baris 1", .code = "regions.header" },
        { .what = "an empty file", .provinces = "", .regencies = regencies, .districts = districts, .villages = villages_head, .field = "provinces.csv", .where = "provinces.csv baris 1", .code = "regions.header" },
    };
    for (auto const& c : cases) {
        auto regions = Regions::parse(c.provinces, c.regencies, c.districts, c.villages);
        ASSERT_FALSE(regions.ok()) << c.what;
        EXPECT_EQ(regions.error().kind, ErrorKind::Invalid) << c.what;
        EXPECT_EQ(regions.error().field, c.field) << c.what;
        EXPECT_EQ(regions.error().code, c.code) << c.what << ": " << regions.error().message;
        EXPECT_NE(regions.error().message.find(c.where), std::string::npos) << c.what << ": " << regions.error().message;
    }
}

TEST(Regions, ErrorMessagesDoNotEchoBrokenBytes)
{
    auto regions = Regions::parse("code,name\n6\xff,Rusak\n", "code,province_code,name\n", "code,regency_code,name\n", "code,district_code,name\n");
    ASSERT_FALSE(regions.ok());
    EXPECT_EQ(regions.error().message.find('\xff'), std::string::npos) << regions.error().message;
    EXPECT_NE(regions.error().message.find("\"6?\""), std::string::npos) << regions.error().message;
}

TEST(Regions, LevelNames)
{
    EXPECT_EQ(to_string(RegionLevel::Regency), "regency");
    EXPECT_EQ(region_level_name_id(RegionLevel::Village), "Desa/Kelurahan");
    EXPECT_EQ(region_level_of_code("63.05.06"), RegionLevel::District);
    EXPECT_FALSE(region_level_of_code("630506").has_value());
}

TEST(Csv, ReadsRecordsAsRfc4180Says)
{
    CsvReader reader("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\n\"two\nlines\",z,\r\nlast,,end");
    std::vector<std::string> fields;
    struct Expected {
        std::size_t line;
        std::vector<std::string> fields;
    };
    Expected const expected[] = {
        { .line = 1, .fields = { "a", "b", "c" } },
        { .line = 2, .fields = { "x, y", "say \"hi\"", "" } },
        { .line = 3, .fields = { "two\nlines", "z", "" } },
        { .line = 5, .fields = { "last", "", "end" } },
    };
    for (auto const& e : expected) {
        auto read = reader.next(fields);
        ASSERT_TRUE(read.ok()) << read.error().message;
        ASSERT_EQ(*read, CsvRead::Record);
        EXPECT_EQ(reader.record_line(), e.line);
        EXPECT_EQ(fields, e.fields);
    }
    auto end = reader.next(fields);
    ASSERT_TRUE(end.ok());
    EXPECT_EQ(*end, CsvRead::End);
}

TEST(Csv, SyntaxErrorsNameTheLine)
{
    struct Case {
        char const* text;
        char const* line;
    };
    Case const cases[] = {
        { .text = "a\n\"open", .line = "baris 2:" },
        { .text = "a\nb\n\"x\"y\n", .line = "baris 3:" },
        { .text = "a\nb\"c\n", .line = "baris 2:" },
    };
    for (auto const& c : cases) {
        CsvReader reader(c.text);
        std::vector<std::string> fields;
        Result<CsvRead> read = CsvRead::Record;
        while (read.ok() && *read == CsvRead::Record)
            read = reader.next(fields);
        ASSERT_FALSE(read.ok()) << c.text;
        EXPECT_EQ(read.error().code, "csv.syntax");
        EXPECT_EQ(read.error().message.rfind(c.line, 0), 0u) << read.error().message;
    }
}
