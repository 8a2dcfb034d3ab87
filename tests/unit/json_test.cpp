// JSON with a bound on its nesting (core/json.hpp): deep text is refused
// before any value is built, because nlohmann's serializer and destructor
// recurse once per level.
#include "core/json.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace sopir;

namespace {

std::string nested(std::size_t levels, char open = '[', char close = ']')
{
    return std::string(levels, open) + std::string(levels, close);
}

}

TEST(Json, NestingDepthCountsBracketsOutsideStrings)
{
    struct Case { char const* text; std::size_t depth; };
    Case const cases[] = {
        { .text = "", .depth = 0 },
        { .text = "1", .depth = 0 },
        { .text = "{}", .depth = 1 },
        { .text = "[[], [[]], {}]", .depth = 3 },
        { .text = R"({"a": {"b": [1, {"c": 2}]}})", .depth = 4 },
        { .text = R"({"a": "[[[[{{{{"})", .depth = 1 },
        { .text = R"({"a": "\"[[[["})", .depth = 1 },
        { .text = R"(["\\", ["x"]])", .depth = 2 },
        { .text = "]]]][", .depth = 1 },
    };
    for (auto const& c : cases)
        EXPECT_EQ(json_nesting_depth(c.text, 100), c.depth) << c.text;
    // The count stops as soon as it passes the limit.
    EXPECT_EQ(json_nesting_depth(nested(1000), 5), 6u);
}

TEST(Json, ParsesWithinTheBoundAndRefusesOneLevelMore)
{
    auto within = parse_json(nested(k_json_max_depth));
    ASSERT_TRUE(within.ok()) << within.error().message;
    EXPECT_TRUE(within->is_array());
    auto deeper = parse_json(nested(k_json_max_depth + 1));
    ASSERT_FALSE(deeper.ok());
    EXPECT_EQ(deeper.error().code, "json.too_deep");
    EXPECT_EQ(parse_json(nested(3, '{', '}')).error().code, "json.syntax"); // {{{}}} has no keys
    EXPECT_EQ(parse_json<nlohmann::json>(R"({"a":{"a":{"a":1}}})", 2).error().code, "json.too_deep");
}

TEST(Json, AHundredThousandLevelsAreRefusedWithoutBuildingThem)
{
    std::string object;
    for (int i = 0; i < 100'000; ++i)
        object += R"({"a":)";
    object += "1" + std::string(100'000, '}');
    for (std::string const& text : { nested(100'000), object, R"({"username":)" + nested(100'000) + "}" }) {
        auto parsed = parse_json(text);
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.error().code, "json.too_deep");
        EXPECT_EQ(parse_json_or(text, nlohmann::json("fallback")), "fallback");
    }
    // Not even JSON, but just as deep: refused for its depth, not parsed.
    EXPECT_EQ(parse_json(std::string(100'000, '[')).error().code, "json.too_deep");
}

TEST(Json, SyntaxErrorsSayNothingOfTheParser)
{
    for (std::string const text : { "{bukan json", "[1, 2", R"({"a": 1} tambahan)", "\"\xff\"", "", "{\"a\": 1} // catatan" }) {
        auto parsed = parse_json(text);
        ASSERT_FALSE(parsed.ok()) << text;
        EXPECT_EQ(parsed.error().code, "json.syntax");
        EXPECT_EQ(parsed.error().message, "Bukan JSON yang sah.");
    }
    EXPECT_EQ(parse_json_or("{bukan json", nlohmann::ordered_json::object()), nlohmann::ordered_json::object());
}

TEST(Json, OrderedAndPlainJsonKeepWhatTheyRead)
{
    auto ordered = parse_json(R"({"z": 1, "a": [true, null, "teks"]})");
    ASSERT_TRUE(ordered.ok());
    EXPECT_EQ(ordered->dump(), R"({"z":1,"a":[true,null,"teks"]})");
    auto plain = parse_json<nlohmann::json>(R"({"z": 1, "a": 2})");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->dump(), R"({"a":2,"z":1})");
}
