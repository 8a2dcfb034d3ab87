#pragma once
// JSON read from outside the process (request bodies) or from the database,
// with a bound on its nesting. nlohmann's parser is iterative, but its
// serializer and its destructor recurse once per level: a request of 100,000
// nested arrays would overflow the stack the moment it is dumped or freed.
// So the nesting is measured on the text, before any value is built, and
// every JSON parse in sopir goes through parse_json.

#include "core/result.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace sopir {

// Deeper than any request or stored row of sopir (the deepest, an action's
// data.documents.ID.number, is four levels), far from any stack's limit.
inline constexpr std::size_t k_json_max_depth = 32;

// How deep arrays and objects nest in `text`, counting brackets outside
// strings; the count stops once it passes `limit`. For valid JSON this is
// the exact depth; for text that is not JSON it bounds what a parser reading
// it from the start could build before it fails.
std::size_t json_nesting_depth(std::string_view text, std::size_t limit = k_json_max_depth);

// The value of `text`, or Invalid: code "json.too_deep" when it nests deeper
// than `max_depth`, "json.syntax" when it is not JSON (UTF-8 included).
// Messages are for people and never quote the parser.
template<typename Json = nlohmann::ordered_json>
Result<Json> parse_json(std::string_view text, std::size_t max_depth = k_json_max_depth)
{
    if (json_nesting_depth(text, max_depth) > max_depth)
        return Error::invalid("", "JSON bersarang terlalu dalam (paling banyak " + std::to_string(max_depth) + " tingkat).", "json.too_deep");
    Json parsed = Json::parse(text.begin(), text.end(), nullptr, false);
    if (parsed.is_discarded())
        return Error::invalid("", "Bukan JSON yang sah.", "json.syntax");
    return parsed;
}

// For JSON sopir wrote itself (stored rows): the value, or `fallback` when
// the text is not JSON within the bound.
template<typename Json>
Json parse_json_or(std::string_view text, Json fallback)
{
    auto parsed = parse_json<Json>(text);
    return parsed.ok() ? std::move(parsed).value() : std::move(fallback);
}

}
