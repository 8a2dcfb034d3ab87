#include "core/date.hpp"

#include <gtest/gtest.h>

using namespace sopir;

TEST(Date, LeapYears)
{
    struct Case { int year; bool leap; };
    for (auto c : { Case { .year = 2000, .leap = true }, Case { .year = 1900, .leap = false },
             Case { .year = 2024, .leap = true }, Case { .year = 2026, .leap = false } })
        EXPECT_EQ(is_leap_year(c.year), c.leap) << c.year;
}

TEST(Date, DaysRoundTrip)
{
    EXPECT_EQ(to_days({ 1970, 1, 1 }), 0);
    EXPECT_EQ(to_days({ 2000, 3, 1 }), 11017);
    for (std::int64_t d = -800000; d < 800000; d += 997)
        EXPECT_EQ(to_days(from_days(d)), d);
}

TEST(Date, Weekday)
{
    EXPECT_EQ(weekday({ 1970, 1, 1 }), 4);  // Thursday
    EXPECT_EQ(weekday({ 2026, 11, 25 }), 3); // Wednesday
    EXPECT_EQ(weekday({ 1969, 12, 28 }), 0); // Sunday
}

TEST(Date, ParseIso)
{
    EXPECT_EQ(parse_iso_date("2000-02-29"), (Date { 2000, 2, 29 }));
    EXPECT_FALSE(parse_iso_date("1900-02-29"));
    EXPECT_FALSE(parse_iso_date("2026-04-31"));
    EXPECT_FALSE(parse_iso_date("2026-4-01"));
    EXPECT_FALSE(parse_iso_date("2026-0a-01"));
    EXPECT_EQ(to_iso({ 826, 3, 7 }), "0826-03-07");
}

TEST(Date, TypedDayFirstOrIsoWhateverTheSeparator)
{
    for (char const* typed : { "07-12-1999", "07/12/1999", "07.12.1999", "1999-12-07", " 07-12-1999 " })
        EXPECT_EQ(parse_typed_date(typed), (Date { 1999, 12, 7 })) << typed;
    // Month first (an English browser's habit) is not a date here when the
    // "month" cannot be one; mixed separators and short years never are.
    for (char const* typed : { "12-31-1999", "07-12/1999", "7-12-1999", "07-12-99", "30-02-2024", "", "kemarin" })
        EXPECT_FALSE(parse_typed_date(typed)) << typed;
    EXPECT_EQ(day_first_as_iso("30-02-2024"), "2024-02-30"); // the shape only: the calendar is the caller's
    EXPECT_EQ(to_day_first({ 2026, 1, 5 }), "05-01-2026");
    EXPECT_EQ(shown_day_first("2026-01-05"), "05-01-2026");
    EXPECT_EQ(shown_day_first("5 Jan"), "5 Jan"); // what was typed, kept to be corrected
}

TEST(Date, AgeAndLocalDate)
{
    EXPECT_EQ(age_on({ 2009, 11, 26 }, { 2026, 11, 25 }), 16);
    EXPECT_EQ(age_on({ 2009, 11, 25 }, { 2026, 11, 25 }), 17);
    // 2026-11-24 17:00 UTC is already 25 November in WITA (+08:00).
    Timestamp const t = to_days({ 2026, 11, 24 }) * 86400 + 17 * 3600;
    EXPECT_EQ(local_date(t, 480), (Date { 2026, 11, 25 }));
    EXPECT_EQ(local_date(t, 0), (Date { 2026, 11, 24 }));
    EXPECT_EQ(local_date(-1, 0), (Date { 1969, 12, 31 }));
}

TEST(Date, LocalMidnightBeginsTheOfficesDay)
{
    // 25 November 2026 begins in WITA (+08:00) at 24 November 16:00 UTC.
    Timestamp const midnight = local_midnight({ 2026, 11, 25 }, 480);
    EXPECT_EQ(midnight, to_days({ 2026, 11, 24 }) * 86400 + 16 * 3600);
    EXPECT_EQ(local_date(midnight, 480), (Date { 2026, 11, 25 }));
    EXPECT_EQ(local_date(midnight - 1, 480), (Date { 2026, 11, 24 }));
    EXPECT_EQ(local_midnight({ 1970, 1, 1 }, 0), 0);
}

TEST(Date, IsoDateTimeInTheOfficesZone)
{
    Timestamp const t = to_days({ 2026, 11, 23 }) * 86400 + 1 * 3600 + 5 * 60 + 7;
    EXPECT_EQ(to_iso_datetime(t, 480), "2026-11-23T09:05:07+08:00");
    EXPECT_EQ(to_iso_datetime(t, 0), "2026-11-23T01:05:07+00:00");
    EXPECT_EQ(to_iso_datetime(t - 2 * 3600, 420), "2026-11-23T06:05:07+07:00");
    EXPECT_EQ(to_iso_datetime(t, -90), "2026-11-22T23:35:07-01:30");
    EXPECT_EQ(local_time_hhmm(t, 540), "10:05");
}
