#include "core/working_time.hpp"

#include "core/csv.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>

namespace sopir {

namespace {

    constexpr std::int64_t k_day_seconds = 86400;
    // Instants further than this from 1970 (some 300,000 years) are taken
    // as this far: the arithmetic below then never overflows.
    constexpr std::int64_t k_far = 10'000'000'000'000;
    constexpr std::string_view k_field = "jam_kerja";
    constexpr std::array<std::string_view, 7> k_day_names { "Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min" };

    std::int64_t floor_div(std::int64_t a, std::int64_t b)
    {
        std::int64_t q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0)))
            --q;
        return q;
    }

    // Monday = 0 … Sunday = 6 of a day counted from 1970-01-01, a Thursday.
    int monday_index(std::int64_t day)
    {
        return static_cast<int>(day + 3 - 7 * floor_div(day + 3, 7));
    }

    WeeklyHours weekdays(std::vector<WorkingSpan> const& monday_to_thursday, std::vector<WorkingSpan> const& friday)
    {
        WeeklyHours hours;
        for (int day = 0; day < 4; ++day)
            hours.days[static_cast<std::size_t>(day)] = monday_to_thursday;
        hours.days[4] = friday;
        return hours;
    }

    std::string_view trimmed(std::string_view text)
    {
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
            text.remove_prefix(1);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
            text.remove_suffix(1);
        return text;
    }

    Error invalid(std::string const& message)
    {
        return Error::invalid(std::string(k_field), "Jam kerja: " + message, "working_hours.invalid");
    }

    // "Sen", "senin", "JUM", "Jumat": the weekday by its first three letters.
    std::optional<int> parse_day(std::string_view text)
    {
        if (text.size() < 3)
            return std::nullopt;
        std::string prefix;
        for (char c : text.substr(0, 3))
            prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (std::size_t index = 0; index < k_day_names.size(); ++index) {
            std::string name(k_day_names[index]);
            name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
            if (prefix == name)
                return static_cast<int>(index);
        }
        if (prefix == "aha") // Ahad, as many say Minggu.
            return 6;
        return std::nullopt;
    }

    // "07:30" or "7.30" → minutes; 24:00 is the end of the day.
    std::optional<int> parse_clock(std::string_view text)
    {
        auto const colon = text.find_first_of(":.");
        if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3)
            return std::nullopt;
        int hour = 0;
        for (char c : text.substr(0, colon)) {
            if (!std::isdigit(static_cast<unsigned char>(c)))
                return std::nullopt;
            hour = hour * 10 + (c - '0');
        }
        if (!std::isdigit(static_cast<unsigned char>(text[colon + 1])) || !std::isdigit(static_cast<unsigned char>(text[colon + 2])))
            return std::nullopt;
        int const minute = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
        if (minute > 59 || hour > 24 || (hour == 24 && minute > 0))
            return std::nullopt;
        return hour * 60 + minute;
    }

    std::string clock_text(int minutes)
    {
        std::string text;
        text += static_cast<char>('0' + minutes / 600);
        text += static_cast<char>('0' + minutes / 60 % 10);
        text += ':';
        text += static_cast<char>('0' + minutes % 60 / 10);
        text += static_cast<char>('0' + minutes % 10);
        return text;
    }

    std::vector<std::string_view> words(std::string_view text)
    {
        std::vector<std::string_view> out;
        std::size_t start = 0;
        for (std::size_t i = 0; i <= text.size(); ++i) {
            bool const separator = i == text.size() || std::isspace(static_cast<unsigned char>(text[i])) || text[i] == ',';
            if (separator) {
                if (i > start)
                    out.push_back(text.substr(start, i - start));
                start = i + 1;
            }
        }
        return out;
    }

    Result<std::vector<WorkingSpan>> parse_spans(std::vector<std::string_view> const& tokens, std::string_view days)
    {
        std::vector<WorkingSpan> spans;
        for (std::size_t i = 1; i < tokens.size(); ++i) {
            auto const dash = tokens[i].find('-');
            auto const from = dash == std::string_view::npos ? std::nullopt : parse_clock(tokens[i].substr(0, dash));
            auto const to = dash == std::string_view::npos ? std::nullopt : parse_clock(tokens[i].substr(dash + 1));
            if (!from || !to)
                return invalid("\"" + std::string(tokens[i]) + "\" bukan rentang jam seperti 07:30-16:00.");
            if (*to <= *from)
                return invalid("rentang " + std::string(tokens[i]) + " berakhir sebelum dimulai.");
            spans.push_back({ *from, *to });
        }
        if (spans.empty())
            return invalid("hari " + std::string(days) + " tanpa jam (contoh: Sen-Kam 07:30-12:00 13:00-16:00).");
        if (spans.size() > 4)
            return invalid("hari " + std::string(days) + " paling banyak empat rentang jam.");
        std::sort(spans.begin(), spans.end());
        for (std::size_t i = 1; i < spans.size(); ++i)
            if (spans[i].from_minute < spans[i - 1].to_minute)
                return invalid("rentang jam hari " + std::string(days) + " bertumpang tindih.");
        return spans;
    }

    // "Sen-Kam 07:30-12:00 13:00-16:00" into `hours`.
    Result<bool> parse_part(std::string_view part, WeeklyHours& hours, std::array<bool, 7>& named)
    {
        auto const tokens = words(part);
        if (tokens.empty())
            return false;
        std::string_view const days = tokens.front();
        auto const dash = days.find('-');
        auto const first = parse_day(days.substr(0, dash));
        auto const last = dash == std::string_view::npos ? first : parse_day(days.substr(dash + 1));
        if (!first || !last || *last < *first)
            return invalid("\"" + std::string(days) + "\" bukan hari (Sen, Sel, Rab, Kam, Jum, Sab, Min, atau rentang seperti Sen-Kam).");
        auto spans = parse_spans(tokens, days);
        if (!spans.ok())
            return spans.error();
        for (int day = *first; day <= *last; ++day) {
            auto const index = static_cast<std::size_t>(day);
            if (named[index])
                return invalid("hari " + std::string(k_day_names[index]) + " disebut dua kali.");
            named[index] = true;
            hours.days[index] = *spans;
        }
        return true;
    }

}

Result<std::vector<Holiday>> parse_holidays_csv(std::string_view text)
{
    CsvReader reader(text);
    std::vector<std::string> fields;
    std::vector<Holiday> holidays;
    bool header = true;
    for (;;) {
        auto read = reader.next(fields);
        if (!read.ok())
            return read.error();
        if (*read == CsvRead::End)
            break;
        std::string const line = "baris " + std::to_string(reader.record_line()) + ": ";
        if (header) {
            header = false;
            if (fields.size() < 3 || trimmed(fields[0]) != "tanggal" || trimmed(fields[1]) != "jenis" || trimmed(fields[2]) != "keterangan")
                return Error::invalid("hari_libur", line + "judul kolom harus tanggal,jenis,keterangan.", "holidays.header");
            continue;
        }
        if (fields.size() < 3)
            return Error::invalid("hari_libur", line + "harus ada tanggal, jenis dan keterangan.", "holidays.columns");
        auto const day = parse_iso_date(trimmed(fields[0]));
        if (!day)
            return Error::invalid("hari_libur", line + "tanggal \"" + fields[0] + "\" bukan TTTT-BB-HH.", "holidays.date");
        holidays.push_back({ *day, std::string(trimmed(fields[1])), std::string(trimmed(fields[2])) });
    }
    std::sort(holidays.begin(), holidays.end(), [](auto const& a, auto const& b) { return a.day < b.day; });
    for (std::size_t i = 1; i < holidays.size(); ++i)
        if (holidays[i].day == holidays[i - 1].day)
            return Error::invalid("hari_libur", "tanggal " + to_iso(holidays[i].day) + " tercantum dua kali.", "holidays.duplicate");
    return holidays;
}

WeeklyHours default_weekly_hours()
{
    return weekdays({ { 7 * 60 + 30, 12 * 60 }, { 13 * 60, 16 * 60 } }, { { 7 * 60 + 30, 11 * 60 + 30 }, { 13 * 60, 16 * 60 + 30 } });
}

Result<WeeklyHours> parse_weekly_hours(std::string_view text)
{
    WeeklyHours hours;
    std::array<bool, 7> named {};
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(';', start);
        if (end == std::string_view::npos)
            end = text.size();
        auto parsed = parse_part(trimmed(text.substr(start, end - start)), hours, named);
        if (!parsed.ok())
            return parsed.error();
        start = end + 1;
    }
    if (std::none_of(named.begin(), named.end(), [](bool day) { return day; }))
        return invalid("tidak ada hari kerja (contoh: Sen-Kam 07:30-12:00 13:00-16:00; Jum 07:30-11:30 13:00-16:30).");
    return hours;
}

std::string format_weekly_hours(WeeklyHours const& hours)
{
    std::string out;
    std::size_t day = 0;
    while (day < hours.days.size()) {
        std::size_t last = day;
        while (last + 1 < hours.days.size() && hours.days[last + 1] == hours.days[day])
            ++last;
        if (!hours.days[day].empty()) {
            if (!out.empty())
                out += "; ";
            out += k_day_names[day];
            if (last > day)
                out += "-" + std::string(k_day_names[last]);
            for (auto const& span : hours.days[day])
                out += " " + clock_text(span.from_minute) + "-" + clock_text(span.to_minute);
        }
        day = last + 1;
    }
    return out;
}

WorkingCalendar::WorkingCalendar(WeeklyHours hours, std::vector<Date> holidays, int utc_offset_minutes)
    : m_hours(std::move(hours))
    , m_utc_offset_seconds(std::int64_t { utc_offset_minutes } * 60)
{
    for (std::size_t day = 0; day < 7; ++day) {
        int seconds = 0;
        auto& spans = m_hours.days[day];
        // More than four spans a day: the fourth runs to the last's end, its
        // breaks kept by the third (no office keeps four breaks a day).
        if (spans.size() > 4) {
            spans[3].to_minute = spans.back().to_minute;
            spans.resize(4);
        }
        for (auto const& span : spans) {
            seconds += (span.to_minute - span.from_minute) * 60;
            m_spans[day][static_cast<std::size_t>(m_span_count[day]++)] = { span.from_minute * 60, (span.to_minute - span.from_minute) * 60 };
        }
        m_day_seconds[day] = seconds;
        m_prefix[day + 1] = m_prefix[day] + seconds;
    }
    m_week_seconds = m_prefix[7];
    std::vector<std::int64_t> days;
    for (auto const& holiday : holidays)
        days.push_back(to_days(holiday));
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    std::int64_t total = 0;
    for (auto const day : days) {
        int const seconds = m_day_seconds[static_cast<std::size_t>(monday_index(day))];
        if (seconds == 0)
            continue; // A holiday on a Sunday takes nothing away.
        total += seconds;
        m_holidays.push_back(day);
        m_holiday_seconds.push_back(total);
    }
}

bool WorkingCalendar::is_holiday(Date day) const
{
    return std::binary_search(m_holidays.begin(), m_holidays.end(), to_days(day));
}

std::int64_t WorkingCalendar::holidays_before(std::int64_t day) const
{
    auto const found = std::lower_bound(m_holidays.begin(), m_holidays.end(), day);
    auto const index = found - m_holidays.begin();
    return index == 0 ? 0 : m_holiday_seconds[static_cast<std::size_t>(index - 1)];
}

int WorkingCalendar::day_seconds(std::int64_t day) const
{
    if (std::binary_search(m_holidays.begin(), m_holidays.end(), day))
        return 0;
    return m_day_seconds[static_cast<std::size_t>(monday_index(day))];
}

std::int64_t WorkingCalendar::within_day(int weekday, std::int64_t second) const
{
    auto const day = static_cast<std::size_t>(weekday);
    std::int64_t total = 0;
    for (int index = 0; index < m_span_count[day]; ++index) {
        auto const& span = m_spans[day][static_cast<std::size_t>(index)];
        total += std::clamp<std::int64_t>(second - span.from, 0, span.length);
    }
    return total;
}

std::int64_t WorkingCalendar::before_day(std::int64_t day) const
{
    std::int64_t const weeks = floor_div(day + 3, 7);
    auto const rest = static_cast<std::size_t>(day + 3 - 7 * weeks);
    return weeks * m_week_seconds + m_prefix[rest] - holidays_before(day);
}

std::int64_t WorkingCalendar::before(Timestamp at) const
{
    std::int64_t const local = std::clamp<std::int64_t>(at, -k_far, k_far) + m_utc_offset_seconds;
    std::int64_t const day = floor_div(local, k_day_seconds);
    std::int64_t const second = local - day * k_day_seconds;
    std::int64_t const total = before_day(day);
    if (day_seconds(day) == 0)
        return total;
    return total + within_day(monday_index(day), second);
}

std::int64_t WorkingCalendar::seconds_between(Timestamp since, Timestamp until) const
{
    if (until <= since)
        return 0;
    // Most step visits begin and end on one day: the day's hours alone.
    std::int64_t const from = std::clamp<std::int64_t>(since, -k_far, k_far) + m_utc_offset_seconds;
    std::int64_t const to = std::clamp<std::int64_t>(until, -k_far, k_far) + m_utc_offset_seconds;
    std::int64_t const day = floor_div(from, k_day_seconds);
    if (floor_div(to, k_day_seconds) == day) {
        if (std::binary_search(m_holidays.begin(), m_holidays.end(), day))
            return 0;
        int const weekday = monday_index(day);
        return within_day(weekday, to - day * k_day_seconds) - within_day(weekday, from - day * k_day_seconds);
    }
    return before(until) - before(since);
}

Timestamp WorkingCalendar::instant_before(Timestamp until, std::int64_t working_seconds) const
{
    if (working_seconds <= 0)
        return until;
    if (m_week_seconds == 0)
        return std::numeric_limits<Timestamp>::min();
    until = std::clamp<std::int64_t>(until, -k_far, k_far);
    working_seconds = std::min(working_seconds, k_far);
    std::int64_t const target = before(until) - working_seconds;
    // The last day that starts at or before `target` working seconds:
    // before_day(lo) <= target < before_day(hi), found by doubling the
    // step back from `until`'s day, then halving.
    std::int64_t hi = floor_div(until + m_utc_offset_seconds, k_day_seconds) + 1;
    std::int64_t step = 1;
    std::int64_t lo = hi - step;
    while (before_day(lo) > target) {
        hi = lo;
        step *= 2;
        lo = hi - step;
    }
    while (hi - lo > 1) {
        std::int64_t const mid = lo + (hi - lo) / 2;
        (before_day(mid) <= target ? lo : hi) = mid;
    }
    // `lo` is a working day holding the instant, `rest` seconds into its hours.
    std::int64_t rest = target - before_day(lo);
    std::int64_t second = 0;
    for (auto const& span : m_hours.days[static_cast<std::size_t>(monday_index(lo))]) {
        std::int64_t const length = (span.to_minute - span.from_minute) * 60;
        if (rest < length) {
            second = span.from_minute * 60 + rest;
            break;
        }
        rest -= length;
    }
    return lo * k_day_seconds + second - m_utc_offset_seconds;
}

}
