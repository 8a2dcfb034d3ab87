#pragma once
// Calendar dates and instants without a clock: "today" and "now" always come
// in as arguments, so the core stays pure and testable.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sopir {

struct Date {
    int year { 1970 };
    int month { 1 }; // 1..12
    int day { 1 };   // 1..31

    auto operator<=>(Date const&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month); // 0 for a month outside 1..12.
bool is_valid_date(int year, int month, int day);

// Days since 1970-01-01 (proleptic Gregorian), and back.
std::int64_t to_days(Date);
Date from_days(std::int64_t days);

// 0 = Sunday … 6 = Saturday.
int weekday(Date);

// "YYYY-MM-DD".
std::string to_iso(Date);
std::optional<Date> parse_iso_date(std::string_view);

// "07-12-1999", "07/12/1999" or "07.12.1999", the way dates are written in
// Indonesia, as the ISO text "1999-12-07" when the shape is right, whatever
// the calendar says; nothing for any other shape.
std::optional<std::string> day_first_as_iso(std::string_view);
// A date as people type it (day first, above) or as the API sends it (ISO),
// spaces around it ignored; nothing when it is neither or not in the
// calendar. Every date a form asks for is read with this.
std::optional<Date> parse_typed_date(std::string_view);
// "07-12-1999": a date the way a form shows it to be typed over.
std::string to_day_first(Date);
// What a date input shows again: ISO text day first, anything else as typed.
std::string shown_day_first(std::string_view typed);

// Whole years from `birth` to `on` (the age on that day).
int age_on(Date birth, Date on);

// Seconds since the Unix epoch, UTC. The office's local offset is applied
// only where a local date or time is shown or a local day matters.
using Timestamp = std::int64_t;

// The local calendar date of an instant, given the office's UTC offset in
// minutes (WIB +420, WITA +480, WIT +540).
Date local_date(Timestamp, int utc_offset_minutes);

// The instant a local day begins, given the office's UTC offset: the start
// of a period of days, [local_midnight(from), local_midnight(to + 1)).
Timestamp local_midnight(Date, int utc_offset_minutes);

// "2026-11-23T09:05:00+08:00": the instant in the office's local time.
std::string to_iso_datetime(Timestamp, int utc_offset_minutes);
// "09:05" local time.
std::string local_time_hhmm(Timestamp, int utc_offset_minutes);

}
