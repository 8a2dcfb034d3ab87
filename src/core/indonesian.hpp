#pragma once
// Indonesian calendar words as letters print them: "23 November 2026",
// "Rabu, 25 November 2026", "Margasari, 23 November 2026", and Roman-numeral
// months for letter numbers ("XI").

#include "core/date.hpp"

#include <string>
#include <string_view>

namespace sopir {

std::string_view month_name_id(int month);     // 1 → "Januari"; "" outside 1..12.
std::string_view weekday_name_id(int weekday); // 0 → "Minggu" … 6 → "Sabtu".

std::string format_date_id(Date);      // "23 November 2026"
std::string format_date_long_id(Date); // "Senin, 23 November 2026"
// The place-and-date line above a signature: "Margasari, 23 November 2026".
std::string format_place_date(std::string_view place, Date);

// 1..3999 in Roman numerals; "" outside that range.
std::string to_roman(int);
std::string roman_month(int month); // 11 → "XI"; "" outside 1..12.

}
