#pragma once
// NIP, the civil servant's number (PP 11/2017, BKN): 18 digits =
// birth date YYYYMMDD + appointment (TMT CPNS) YYYYMM + sex (1 man, 2 woman)
// + a 3-digit serial. Printed grouped: "19690312 199211 1 001".

#include "core/date.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>

namespace sopir {

enum class NipSex { Male = 1, Female = 2 };

struct Nip {
    std::string digits; // The 18 digits, no spaces.
    Date birth_date;
    int appointment_year { 0 };
    int appointment_month { 0 };
    NipSex sex { NipSex::Male };
    int serial { 0 };
};

// Accepts the 18 digits with or without the usual single spaces between the
// groups; anything else is an Invalid error on field "nip" in Indonesian.
Result<Nip> parse_nip(std::string_view);

// "19690312 199211 1 001".
std::string format_nip(Nip const&);

}
