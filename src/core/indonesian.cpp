#include "core/indonesian.hpp"

#include <array>

namespace sopir {

std::string_view month_name_id(int month)
{
    static constexpr std::array<std::string_view, 12> k_months {
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember"
    };
    if (month < 1 || month > 12)
        return {};
    return k_months[month - 1];
}

std::string_view weekday_name_id(int weekday)
{
    static constexpr std::array<std::string_view, 7> k_weekdays {
        "Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"
    };
    if (weekday < 0 || weekday > 6)
        return {};
    return k_weekdays[weekday];
}

std::string format_date_id(Date date)
{
    return std::to_string(date.day) + " " + std::string(month_name_id(date.month)) + " " + std::to_string(date.year);
}

std::string format_date_long_id(Date date)
{
    return std::string(weekday_name_id(weekday(date))) + ", " + format_date_id(date);
}

std::string format_place_date(std::string_view place, Date date)
{
    return std::string(place) + ", " + format_date_id(date);
}

std::string to_roman(int value)
{
    struct Numeral {
        int value;
        char const* text;
    };
    static constexpr Numeral k_numerals[] = {
        { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" }, { 90, "XC" },
        { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" },
    };
    if (value < 1 || value > 3999)
        return {};
    std::string roman;
    for (auto const& numeral : k_numerals) {
        while (value >= numeral.value) {
            roman += numeral.text;
            value -= numeral.value;
        }
    }
    return roman;
}

std::string roman_month(int month)
{
    if (month < 1 || month > 12)
        return {};
    return to_roman(month);
}

}
