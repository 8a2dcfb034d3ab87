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

namespace sopir {

// A whole number in Indonesian words, as letters spell out amounts and
// dates: 12 → "dua belas", 2001 → "dua ribu satu", 0 → "nol"; negative
// numbers with "minus". Up to the trillions.
std::string number_words_id(long long);

// A date in words, as a deed writes it: 12 March 2001 → "dua belas Maret
// dua ribu satu".
std::string date_words_id(Date);

}
