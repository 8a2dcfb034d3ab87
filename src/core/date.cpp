#include "core/date.hpp"

#include <charconv>
#include <cstdio>

namespace sopir {

bool is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month)
{
    static constexpr int k_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && is_leap_year(year))
        return 29;
    return k_days[month - 1];
}

bool is_valid_date(int year, int month, int day)
{
    return day >= 1 && day <= days_in_month(year, month);
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t to_days(Date date)
{
    std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
    std::int64_t const era = (y >= 0 ? y : y - 399) / 400;
    std::int64_t const yoe = y - era * 400;
    std::int64_t const mp = (date.month + 9) % 12;
    std::int64_t const doy = (153 * mp + 2) / 5 + date.day - 1;
    std::int64_t const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date from_days(std::int64_t days)
{
    days += 719468;
    std::int64_t const era = (days >= 0 ? days : days - 146096) / 146097;
    std::int64_t const doe = days - era * 146097;
    std::int64_t const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    std::int64_t const mp = (5 * doy + 2) / 153;
    int const day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int const month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    int const year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return { year, month, day };
}

int weekday(Date date)
{
    std::int64_t const days = to_days(date);
    // 1970-01-01 was a Thursday (4).
    return static_cast<int>(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

std::string to_iso(Date date)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

static std::optional<int> parse_digits(std::string_view text)
{
    int value = 0;
    if (text.empty())
        return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9')
            return std::nullopt;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc {} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<Date> parse_iso_date(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    auto year = parse_digits(text.substr(0, 4));
    auto month = parse_digits(text.substr(5, 2));
    auto day = parse_digits(text.substr(8, 2));
    if (!year || !month || !day || !is_valid_date(*year, *month, *day))
        return std::nullopt;
    return Date { *year, *month, *day };
}

std::optional<std::string> day_first_as_iso(std::string_view text)
{
    if (text.size() != 10)
        return std::nullopt;
    char const separator = text[2];
    if ((separator != '-' && separator != '/' && separator != '.') || text[5] != separator)
        return std::nullopt;
    for (std::size_t at : { 0u, 1u, 3u, 4u, 6u, 7u, 8u, 9u })
        if (text[at] < '0' || text[at] > '9')
            return std::nullopt;
    return std::string(text.substr(6, 4)) + "-" + std::string(text.substr(3, 2)) + "-" + std::string(text.substr(0, 2));
}

std::optional<Date> parse_typed_date(std::string_view text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (auto const iso = day_first_as_iso(text))
        return parse_iso_date(*iso);
    return parse_iso_date(text);
}

std::string to_day_first(Date date)
{
    std::string const iso = to_iso(date);
    return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

std::string shown_day_first(std::string_view typed)
{
    if (auto const date = parse_iso_date(typed))
        return to_day_first(*date);
    return std::string(typed);
}

int age_on(Date birth, Date on)
{
    int age = on.year - birth.year;
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day))
        --age;
    return age;
}

Timestamp local_midnight(Date day, int utc_offset_minutes)
{
    return to_days(day) * 86400 - static_cast<Timestamp>(utc_offset_minutes) * 60;
}

Date local_date(Timestamp instant, int utc_offset_minutes)
{
    std::int64_t const local = instant + static_cast<std::int64_t>(utc_offset_minutes) * 60;
    std::int64_t days = local / 86400;
    if (local % 86400 < 0)
        --days;
    return from_days(days);
}

static void local_clock(Timestamp instant, int utc_offset_minutes, int& hour, int& minute, int& second)
{
    std::int64_t const local = instant + static_cast<std::int64_t>(utc_offset_minutes) * 60;
    std::int64_t seconds_of_day = local % 86400;
    if (seconds_of_day < 0)
        seconds_of_day += 86400;
    hour = static_cast<int>(seconds_of_day / 3600);
    minute = static_cast<int>(seconds_of_day / 60 % 60);
    second = static_cast<int>(seconds_of_day % 60);
}

std::string to_iso_datetime(Timestamp instant, int utc_offset_minutes)
{
    int hour, minute, second;
    local_clock(instant, utc_offset_minutes, hour, minute, second);
    int const offset = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d%c%02d:%02d", to_iso(local_date(instant, utc_offset_minutes)).c_str(),
        hour, minute, second, utc_offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
    return buffer;
}

std::string local_time_hhmm(Timestamp instant, int utc_offset_minutes)
{
    int hour, minute, second;
    local_clock(instant, utc_offset_minutes, hour, minute, second);
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", hour, minute);
    return buffer;
}

}
