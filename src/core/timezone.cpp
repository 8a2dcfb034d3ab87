#include "core/timezone.hpp"

namespace sopir {

static constexpr int k_wib = 7 * 60;
static constexpr int k_wita = 8 * 60;
static constexpr int k_wit = 9 * 60;

int utc_offset_for_province(std::string_view code)
{
    if (code.size() < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return k_wib;
    int const province = (code[0] - '0') * 10 + (code[1] - '0');
    // Bali and Nusa Tenggara (51–53), South, East and North Kalimantan
    // (63–65), and all of Sulawesi (71–76) keep WITA; Maluku (81–82) and
    // Papua (91–97) keep WIT; Sumatra, Java and West/Central Kalimantan WIB.
    if ((province >= 51 && province <= 53) || (province >= 63 && province <= 65) || (province >= 71 && province <= 76))
        return k_wita;
    if ((province >= 81 && province <= 82) || (province >= 91 && province <= 97))
        return k_wit;
    return k_wib;
}

std::string_view time_zone_abbreviation(int utc_offset_minutes)
{
    switch (utc_offset_minutes) {
    case k_wib: return "WIB";
    case k_wita: return "WITA";
    case k_wit: return "WIT";
    default: return "";
    }
}

}
