#include "core/timezone.hpp"

#include <gtest/gtest.h>

using namespace sopir;

TEST(TimeZone, ByProvince)
{
    struct Case { char const* code; int offset; char const* zone; };
    Case const cases[] = {
        { .code = "11", .offset = 420, .zone = "WIB" },         // Aceh
        { .code = "31", .offset = 420, .zone = "WIB" },         // DKI Jakarta
        { .code = "61", .offset = 420, .zone = "WIB" },         // Kalimantan Barat
        { .code = "62", .offset = 420, .zone = "WIB" },         // Kalimantan Tengah
        { .code = "63.05.06", .offset = 480, .zone = "WITA" },  // Candi Laras Utara, Kalimantan Selatan
        { .code = "51", .offset = 480, .zone = "WITA" },        // Bali
        { .code = "73", .offset = 480, .zone = "WITA" },        // Sulawesi Selatan
        { .code = "81", .offset = 540, .zone = "WIT" },         // Maluku
        { .code = "94", .offset = 540, .zone = "WIT" },         // Papua
        { .code = "x", .offset = 420, .zone = "WIB" },
    };
    for (auto const& c : cases) {
        EXPECT_EQ(utc_offset_for_province(c.code), c.offset) << c.code;
        EXPECT_EQ(time_zone_abbreviation(c.offset), c.zone) << c.code;
    }
    EXPECT_EQ(time_zone_abbreviation(0), "");
}
