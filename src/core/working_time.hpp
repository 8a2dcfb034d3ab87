#pragma once
// Working time is office time: a step's time against its standard counts
// the office's working hours only, skipping its holidays. A case filed at
// 15:50 on a Friday and taken up at 08:10 on Monday has waited twenty
// working minutes, not sixty-four hours: it is not late for the night.
//
// The office's week: Perpres 21/2023 (Hari Kerja dan Jam Kerja Instansi
// Pemerintah) sets five working days, Monday to Friday, of 37 hours 30
// minutes a week without the breaks, starting at 07:30 local time, with a
// 60-minute break (90 on Friday); the regent or the office sets the hours
// within that. The default below is the common reading of it; each office
// keeps its own (sopir office hours). Holidays are the national holidays
// and cuti bersama of the SKB 3 Menteri of each year (shipped as a data
// file) and the office's own (a local holiday of the kabupaten).
//
// Pure: the week, the holidays and the office's UTC offset come in as
// arguments (Indonesia keeps no daylight saving time, so a fixed offset is
// the office's zone: core/timezone.hpp).

#include "core/date.hpp"
#include "core/result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

// [from_minute, to_minute) minutes after local midnight.
struct WorkingSpan {
    int from_minute { 0 };
    int to_minute { 0 };

    auto operator<=>(WorkingSpan const&) const = default;
};

// The working hours of each weekday, Monday (index 0) to Sunday (6); a day
// without spans is no working day. Spans are sorted and do not overlap.
struct WeeklyHours {
    std::array<std::vector<WorkingSpan>, 7> days;

    bool operator==(WeeklyHours const&) const = default;
};

// Perpres 21/2023, as most kabupaten set it: Monday to Thursday
// 07:30–12:00 and 13:00–16:00, Friday 07:30–11:30 and 13:00–16:30
// (7.5 hours a day, 37.5 a week).
WeeklyHours default_weekly_hours();

// The hours as an office writes them, days in Indonesian (Sen, Sel, Rab,
// Kam, Jum, Sab, Min; a range "Sen-Kam"), each with one or more spans,
// days separated by ";":
//   "Sen-Kam 07:30-12:00 13:00-16:00; Jum 07:30-11:30 13:00-16:30"
// A day not named is no working day. Invalid (field "jam_kerja") for a
// day named twice, a span that ends before it starts or overlaps another,
// a time past 24:00, or no working time at all.
Result<WeeklyHours> parse_weekly_hours(std::string_view text);
// The same form back, days with the same spans joined into ranges.
std::string format_weekly_hours(WeeklyHours const&);

// A day the office is closed: a national holiday or cuti bersama (SKB 3
// Menteri), or the office's own (a local holiday of the kabupaten).
struct Holiday {
    Date day;
    std::string kind; // "libur nasional", "cuti bersama", "libur daerah"
    std::string name; // "Tahun Baru 2026 Masehi"
};

// The holiday file as shipped (data/hari_libur.csv) and as an office edits
// it: the header "tanggal,jenis,keterangan", then a line a day, the date as
// YYYY-MM-DD. Sorted by day. Invalid (naming the line) for a bad date, a
// missing column or a day listed twice.
Result<std::vector<Holiday>> parse_holidays_csv(std::string_view text);

// The working seconds of an office: its week, its holidays (dates in the
// office's time), its zone. Built once per office and report; each query is
// O(log holidays).
class WorkingCalendar {
public:
    WorkingCalendar(WeeklyHours hours, std::vector<Date> holidays, int utc_offset_minutes);

    // The working seconds in [since, until); 0 when until <= since.
    std::int64_t seconds_between(Timestamp since, Timestamp until) const;

    // An instant T at or before `until` with seconds_between(T, until) ==
    // working_seconds, so that any instant before T is more than that
    // many working seconds before `until`. The earliest representable
    // instant when the week has no working time.
    Timestamp instant_before(Timestamp until, std::int64_t working_seconds) const;

    bool is_holiday(Date) const;
    WeeklyHours const& hours() const { return m_hours; }
    int utc_offset_minutes() const { return m_utc_offset_seconds / 60; }

private:
    // Working seconds from an origin (a Monday) to the start of `day` and to
    // `at`: differences of these are working time.
    std::int64_t before_day(std::int64_t day) const;
    std::int64_t before(Timestamp at) const;
    std::int64_t holidays_before(std::int64_t day) const;
    int day_seconds(std::int64_t day) const;
    // The working seconds of a weekday before `second` after its midnight.
    std::int64_t within_day(int weekday, std::int64_t second) const;

    WeeklyHours m_hours;
    std::int64_t m_utc_offset_seconds { 0 };
    // Each weekday's spans in seconds after midnight, at most four kept
    // inline (a day of more breaks than that is merged into its first four).
    struct Span {
        std::int64_t from { 0 };
        std::int64_t length { 0 };
    };
    std::array<std::array<Span, 4>, 7> m_spans {};
    std::array<int, 7> m_span_count {};
    std::array<int, 7> m_day_seconds {};   // Working seconds of each weekday.
    std::array<std::int64_t, 8> m_prefix {}; // Of the weekdays before index i.
    std::int64_t m_week_seconds { 0 };
    // Holidays on working days, as days since 1970-01-01, sorted, with the
    // working seconds they take away up to and including each.
    std::vector<std::int64_t> m_holidays;
    std::vector<std::int64_t> m_holiday_seconds;
};

}
