#pragma once
// Indonesia's three time zones by province (Keppres 41/1987): WIB (UTC+7),
// WITA (UTC+8), WIT (UTC+9). An office's default offset comes from its
// province; the office setting can still override it.

#include <string_view>

namespace sopir {

// Minutes east of UTC for a province code ("63" or "63.05.06…"); WIB for an
// unknown code.
int utc_offset_for_province(std::string_view code);

// "WIB", "WITA" or "WIT" for 420, 480, 540; "" otherwise.
std::string_view time_zone_abbreviation(int utc_offset_minutes);

}
