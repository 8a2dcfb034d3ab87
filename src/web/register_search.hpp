#pragma once
// A search of one of the office's books (the Register E-KTP, the agenda book
// of letters), parsed from a query: who may search, which book, what to
// find, which page. Shared by the API (register_routes.cpp) and the staff's
// register page (register_pages.cpp), so that both apply the same rule.

#include "core/result.hpp"
#include "store/store.hpp"
#include "web/http.hpp"
#include "web/use_cases.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace sopir::web {

inline constexpr std::int64_t k_register_default_per_page = 50;
inline constexpr std::int64_t k_register_max_per_page = 200;
// An export larger than this is refused rather than cut short: a narrower
// period or filter is asked for.
inline constexpr std::int64_t k_max_export_rows = 100000;

enum class RegisterFormat {
    Json,
    Csv,
    Xlsx,
    Pdf,
};

// A parsed request: what to search, and how to answer.
struct RegisterSearch {
    RegisterFormat format { RegisterFormat::Json };
    RegisterDefinition const* book { nullptr };
    store::RegisterQuery query;
    std::optional<Date> from, to;
    std::int64_t page { 1 };
    std::int64_t per_page { k_register_default_per_page };
};

// The API's parameters (format, year, q, from, to, village, page,
// per_page) for the book `register_id`. Forbidden for an applicant-only
// account; Invalid naming the parameter for a bad value.
Result<RegisterSearch> parse_register_search(std::string const& register_id, Params const& query, Staff const&, Desk const&);

}
