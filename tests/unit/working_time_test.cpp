// Working time is office time: the office's hours and holidays
// (core/working_time.hpp), and the report and case timing measured in it.
#include "core/report.hpp"
#include "core/working_time.hpp"
#include "core/workflow.hpp"
#include "perekaman_ektp_toml.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace sopir;

namespace {

constexpr int k_wita = 480;

// An instant in WITA.
Timestamp wita(Date day, int hour, int minute, int second = 0)
{
    return local_midnight(day, k_wita) + hour * 3600 + minute * 60 + second;
}

// 08:00–16:00, Monday to Friday.
WeeklyHours eight_to_four()
{
    WeeklyHours hours;
    for (std::size_t day = 0; day < 5; ++day)
        hours.days[day] = { { 8 * 60, 16 * 60 } };
    return hours;
}

// The working seconds of [since, until) counted second by second, minute
// steps where the whole minute is alike: what the calendar must equal.
std::int64_t counted(WeeklyHours const& hours, std::vector<Date> const& holidays, Timestamp since, Timestamp until)
{
    std::int64_t total = 0;
    for (Timestamp at = since; at < until; ++at) {
        Timestamp const local = at + k_wita * 60;
        Date const day = local_date(at, k_wita);
        if (std::find(holidays.begin(), holidays.end(), day) != holidays.end())
            continue;
        int const monday_first = (weekday(day) + 6) % 7;
        int const second = static_cast<int>(local - to_days(day) * 86400);
        for (auto const& span : hours.days[static_cast<std::size_t>(monday_first)])
            if (second >= span.from_minute * 60 && second < span.to_minute * 60)
                ++total;
    }
    return total;
}

}

TEST(WorkingTime, a_case_left_over_the_weekend_spent_twenty_working_minutes)
{
    // Friday 27 November 2026, 15:50, to Monday 30 November, 08:10.
    WorkingCalendar const calendar(eight_to_four(), {}, k_wita);
    Timestamp const filed = wita({ 2026, 11, 27 }, 15, 50);
    Timestamp const acted = wita({ 2026, 11, 30 }, 8, 10);
    EXPECT_EQ(calendar.seconds_between(filed, acted), 20 * 60);
    EXPECT_EQ(acted - filed, (64 * 60 + 20) * 60) << "64 hours 20 minutes of wall-clock time";
}

TEST(WorkingTime, a_national_holiday_in_between_adds_none)
{
    // Friday 14 August 2026, 15:50; Monday 17 August is Proklamasi
    // Kemerdekaan; acted on Tuesday 18 August at 08:10.
    WorkingCalendar const calendar(eight_to_four(), { { 2026, 8, 17 } }, k_wita);
    EXPECT_TRUE(calendar.is_holiday({ 2026, 8, 17 }));
    EXPECT_EQ(calendar.seconds_between(wita({ 2026, 8, 14 }, 15, 50), wita({ 2026, 8, 18 }, 8, 10)), 20 * 60);
    // Without the holiday the Monday is a whole working day more.
    WorkingCalendar const ordinary(eight_to_four(), {}, k_wita);
    EXPECT_EQ(ordinary.seconds_between(wita({ 2026, 8, 14 }, 15, 50), wita({ 2026, 8, 18 }, 8, 10)), 20 * 60 + 8 * 3600);
    // A holiday on a Sunday takes nothing away.
    WorkingCalendar const sunday(eight_to_four(), { { 2026, 8, 16 } }, k_wita);
    EXPECT_EQ(sunday.seconds_between(wita({ 2026, 8, 14 }, 15, 50), wita({ 2026, 8, 18 }, 8, 10)), 20 * 60 + 8 * 3600);
}

TEST(WorkingTime, counts_only_the_hours_of_the_office_day)
{
    WorkingCalendar const calendar(default_weekly_hours(), {}, k_wita);
    Date const monday { 2026, 11, 23 };
    // Before opening, over lunch, after closing: nothing.
    EXPECT_EQ(calendar.seconds_between(wita(monday, 6, 0), wita(monday, 7, 30)), 0);
    EXPECT_EQ(calendar.seconds_between(wita(monday, 12, 0), wita(monday, 13, 0)), 0);
    EXPECT_EQ(calendar.seconds_between(wita(monday, 16, 0), wita({ 2026, 11, 24 }, 7, 30)), 0);
    // 11:50 to 13:10: ten minutes before the break and ten after.
    EXPECT_EQ(calendar.seconds_between(wita(monday, 11, 50), wita(monday, 13, 10)), 20 * 60);
    // A whole week: 37.5 hours (Perpres 21/2023).
    EXPECT_EQ(calendar.seconds_between(wita(monday, 0, 0), wita({ 2026, 11, 30 }, 0, 0)), 37 * 3600 + 30 * 60);
    // Backwards is nothing, as the report's intervals are.
    EXPECT_EQ(calendar.seconds_between(wita(monday, 10, 0), wita(monday, 9, 0)), 0);
}

TEST(WorkingTime, equals_counting_second_by_second)
{
    std::vector<Date> const holidays { { 2026, 12, 24 }, { 2026, 12, 25 }, { 2027, 1, 1 } };
    WeeklyHours const hours = default_weekly_hours();
    WorkingCalendar const calendar(hours, holidays, k_wita);
    std::mt19937_64 random(16);
    Timestamp const start = wita({ 2026, 12, 20 }, 0, 0);
    std::uniform_int_distribution<Timestamp> offset(0, 14 * 86400);
    for (int round = 0; round < 60; ++round) {
        Timestamp a = start + offset(random), b = start + offset(random);
        if (b < a)
            std::swap(a, b);
        b = std::min(b, a + 3 * 86400); // Keep the brute force quick.
        ASSERT_EQ(calendar.seconds_between(a, b), counted(hours, holidays, a, b)) << a << " " << b;
    }
}

TEST(WorkingTime, instant_before_counts_back_in_working_time)
{
    WorkingCalendar const calendar(eight_to_four(), { { 2026, 8, 17 } }, k_wita);
    // 21 working minutes before Tuesday 18 August 08:10: Friday 15:49.
    Timestamp const tuesday = wita({ 2026, 8, 18 }, 8, 10);
    EXPECT_EQ(calendar.instant_before(tuesday, 21 * 60), wita({ 2026, 8, 14 }, 15, 49));
    EXPECT_EQ(calendar.instant_before(tuesday, 0), tuesday);
    std::mt19937_64 random(7);
    std::uniform_int_distribution<Timestamp> offset(0, 60 * 86400);
    std::uniform_int_distribution<std::int64_t> amount(1, 40 * 3600);
    for (int round = 0; round < 500; ++round) {
        Timestamp const until = wita({ 2026, 7, 1 }, 0, 0) + offset(random);
        std::int64_t const seconds = amount(random);
        Timestamp const before = calendar.instant_before(until, seconds);
        ASSERT_LE(before, until);
        ASSERT_EQ(calendar.seconds_between(before, until), seconds) << until << " " << seconds;
        // Anything earlier is at least as far in working time, and never
        // later than the wall-clock instant.
        ASSERT_GE(calendar.seconds_between(before - 1, until), seconds);
        ASSERT_LE(before, until - seconds);
    }
    // A week without working time: no instant is far enough.
    WorkingCalendar const closed(WeeklyHours {}, {}, k_wita);
    EXPECT_EQ(closed.instant_before(tuesday, 60), std::numeric_limits<Timestamp>::min());
}

TEST(WorkingTime, hours_are_written_as_the_office_writes_them)
{
    auto const standard = parse_weekly_hours("Sen-Kam 07:30-12:00 13:00-16:00; Jum 07:30-11:30 13:00-16:30");
    ASSERT_TRUE(standard.ok()) << standard.error().message;
    EXPECT_EQ(*standard, default_weekly_hours());
    EXPECT_EQ(format_weekly_hours(default_weekly_hours()), "Sen-Kam 07:30-12:00 13:00-16:00; Jum 07:30-11:30 13:00-16:30");
    auto const plain = parse_weekly_hours("senin-jumat 08.00-16.00");
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_EQ(*plain, eight_to_four());
    EXPECT_EQ(format_weekly_hours(*plain), "Sen-Jum 08:00-16:00");
    auto const saturday = parse_weekly_hours("Sen-Kam 08:00-15:00, Jum 08:00-11:00; Sab 08:00-12:00");
    EXPECT_FALSE(saturday.ok()) << "a day name where a span should be";
    for (auto const* bad : { "", "Sen 16:00-08:00", "Sen 08:00-12:00 11:00-13:00", "Sen 08:00-25:00", "Sen-Kam 08:00-16:00; Kam 08:00-12:00",
             "Senen 08:00", "Kam-Sen 08:00-16:00", "Sen" }) {
        auto const parsed = parse_weekly_hours(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.error().field, "jam_kerja") << bad;
    }
}

TEST(WorkingTime, holidays_are_read_from_the_office_file)
{
    auto const read = parse_holidays_csv("\xEF\xBB\xBFtanggal,jenis,keterangan\r\n"
                                         "2026-08-17,libur nasional,Proklamasi Kemerdekaan\r\n"
                                         "2026-03-20,cuti bersama,\"Cuti bersama Idul Fitri, 1447 H\"\r\n");
    ASSERT_TRUE(read.ok()) << read.error().message;
    ASSERT_EQ(read->size(), 2u);
    EXPECT_EQ(read->front().day, (Date { 2026, 3, 20 }));
    EXPECT_EQ(read->front().kind, "cuti bersama");
    EXPECT_EQ(read->front().name, "Cuti bersama Idul Fitri, 1447 H");
    for (auto const* bad : { "tanggal,jenis\n2026-08-17,libur nasional\n", "tanggal,jenis,keterangan\n17-08-2026,libur nasional,x\n",
             "tanggal,jenis,keterangan\n2026-08-17,a,b\n2026-08-17,a,c\n", "tanggal,jenis,keterangan\n2026-08-17,a\n" }) {
        auto const parsed = parse_holidays_csv(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.error().field, "hari_libur");
    }
}

// --- The report and the case page in working time ---------------------------

namespace {

constexpr Id k_office = 1;

class WorkingTimeReport : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto check = check_sop(sopir::testing::k_perekaman_ektp_toml, "sops/perekaman-ektp.toml");
        ASSERT_TRUE(check.ok());
        m_sop = std::move(*check.definition);
    }

    // A case of `moves` (action, target, at), created at `created`.
    static CaseHistory walk(Id id, Timestamp created, std::vector<std::tuple<std::string, std::string, Timestamp>> const& moves)
    {
        CaseHistory history;
        history.item = { .id = id, .office_id = k_office, .service_id = "perekaman-ektp", .created_at = created, .updated_at = created };
        std::string state = "pengajuan";
        std::int64_t seq = 0;
        for (auto const& [action, to, at] : moves) {
            history.actions.push_back({ .case_id = id, .office_id = k_office, .case_seq = ++seq, .from_state = state, .action = action, .to_state = to,
                .actor_id = 11, .at = at, .reasons = action == "tunda" ? std::vector<std::string> { "gangguan_jaringan" } : std::vector<std::string> {} });
            state = to;
            history.item.updated_at = at;
        }
        history.item.state = state;
        return history;
    }

    ReportOptions options(Timestamp from, Timestamp now, bool with_calendar = true) const
    {
        ReportOptions options { .from = from, .to = from + 7 * 86400, .now = now, .office_id = k_office };
        if (with_calendar)
            options.calendars.emplace(k_office, WorkingCalendar(eight_to_four(), { { 2026, 8, 17 } }, k_wita));
        return options;
    }

    static StepFigures const& step(ReportSummary const& summary, std::string const& id)
    {
        return *std::find_if(summary.steps.begin(), summary.steps.end(), [&](auto const& row) { return row.step_id == id; });
    }

    SopDefinition m_sop;
};

}

TEST_F(WorkingTimeReport, a_step_left_overnight_is_not_late_for_the_night)
{
    Date const friday { 2026, 11, 27 }, monday { 2026, 11, 30 };
    // Submitted on Friday at 15:57; verifikasi (5 minutes) from 15:58 to
    // Monday 08:02: 4 working minutes, on time. Perekaman (15) from 08:02
    // to 08:20: 18 minutes, late, not very late.
    auto const done = walk(1, wita(friday, 15, 57),
        { { "ajukan", "verifikasi", wita(friday, 15, 58) }, { "terima", "perekaman", wita(monday, 8, 2) }, { "rekam", "pemeriksaan", wita(monday, 8, 20) } });
    // Waiting in verifikasi since Friday 15:59: at Monday 08:25 that is 26
    // working minutes, late and very late (over 10); in wall time as well.
    auto const waiting = walk(2, wita(friday, 15, 58), { { "ajukan", "verifikasi", wita(friday, 15, 59) } });
    // Waiting in verifikasi since Monday 08:21: 4 minutes, on time.
    auto const fresh = walk(3, wita(monday, 8, 20), { { "ajukan", "verifikasi", wita(monday, 8, 21) } });
    Timestamp const from = local_midnight(friday, k_wita), now = wita(monday, 8, 25);

    auto const office = summarize(m_sop, { done, waiting, fresh }, {}, options(from, now));
    EXPECT_EQ(step(office, "verifikasi").visits, 1);
    EXPECT_EQ(step(office, "verifikasi").on_time, 1);
    EXPECT_EQ(step(office, "verifikasi").median_seconds, 4 * 60);
    EXPECT_EQ(step(office, "perekaman").late, 1);
    EXPECT_EQ(step(office, "perekaman").very_late, 0);
    EXPECT_EQ(step(office, "perekaman").median_seconds, 18 * 60);
    EXPECT_EQ(step(office, "verifikasi").waiting_now, 2);
    EXPECT_EQ(step(office, "verifikasi").late_now, 1);
    EXPECT_EQ(step(office, "verifikasi").very_late_now, 1);

    // In wall-clock time the weekend made verifikasi very late.
    auto const wall = summarize(m_sop, { done, waiting, fresh }, {}, options(from, now, false));
    EXPECT_EQ(step(wall, "verifikasi").on_time, 0);
    EXPECT_EQ(step(wall, "verifikasi").median_seconds, wita(monday, 8, 2) - wita(friday, 15, 58));

    // The case page measures the same way; elapsed time stays wall time.
    std::vector<HistoryEntry> history;
    for (auto const& action : done.actions)
        history.push_back({ action.action, action.from_state, action.to_state, "11", action.at });
    WorkingCalendar const calendar(eight_to_four(), {}, k_wita);
    CaseTiming const timing = compute_timing(m_sop, done.item.created_at, history, now, &calendar);
    EXPECT_EQ(timing.steps[1].step_id, "verifikasi");
    EXPECT_EQ(timing.steps[1].seconds_spent, 4 * 60);
    EXPECT_TRUE(timing.steps[1].on_time);
    EXPECT_EQ(timing.steps[3].step_id, "pemeriksaan");
    EXPECT_EQ(timing.steps[3].seconds_spent, 5 * 60);
    EXPECT_EQ(timing.working_seconds, (1 + 4 + 18 + 5) * 60);
    EXPECT_EQ(timing.elapsed_seconds, now - done.item.created_at);
}

TEST_F(WorkingTimeReport, a_holiday_adds_no_time_to_a_finished_case)
{
    // Filed on Friday 14 August at 15:50 (pengajuan 1 minute), verifikasi
    // from 15:51 to Tuesday 08:02 over Proklamasi Kemerdekaan: 11 minutes.
    Date const friday { 2026, 8, 14 }, tuesday { 2026, 8, 18 };
    std::vector<std::tuple<std::string, std::string, Timestamp>> moves { { "ajukan", "verifikasi", wita(friday, 15, 51) },
        { "terima", "perekaman", wita(tuesday, 8, 2) } };
    Timestamp at = wita(tuesday, 8, 2);
    for (auto const& [action, to] : std::vector<std::pair<std::string, std::string>> { { "rekam", "pemeriksaan" }, { "paraf", "penandatanganan" },
             { "tandatangani", "pengarsipan" }, { "arsipkan", "penyerahan" }, { "serahkan", "selesai" } })
        moves.emplace_back(action, to, at += 60);
    auto const summary = summarize(m_sop, { walk(1, wita(friday, 15, 50), moves) }, {}, options(local_midnight(friday, k_wita), wita(tuesday, 12, 0)));
    EXPECT_EQ(summary.finished, 1);
    EXPECT_EQ(summary.total.median_working_seconds, (1 + 11 + 5) * 60);
    EXPECT_EQ(summary.total.on_time, 1) << "17 working minutes against 29";
    EXPECT_EQ(summary.total.median_elapsed_seconds, at - wita(friday, 15, 50));
}

// The store leaves out the actions of open cases idle since before
// idle_before(). In working time a case whose last move was on Friday at
// 15:58 has waited only minutes on Monday morning, though 64 hours of wall
// time: were it left idle, the part of its visit before a hold would be lost
// and it would not count as very late.
TEST_F(WorkingTimeReport, idle_shortcut_stays_exact_in_working_time)
{
    Date const friday { 2026, 11, 27 }, monday { 2026, 11, 30 };
    // Perekaman from 15:30, held 15:40, resumed 15:58: 10 + 2 working
    // minutes on Friday, 10 more by Monday 08:10: 22 > 2 × 15? No: 22 is
    // late (> 15), not very late (> 30). Longest threshold: 30 minutes.
    std::vector<CaseHistory> cases {
        walk(1, wita(friday, 15, 20),
            { { "ajukan", "verifikasi", wita(friday, 15, 21) }, { "terima", "perekaman", wita(friday, 15, 30) }, { "tunda", "tertunda", wita(friday, 15, 40) },
                { "lanjutkan", "perekaman", wita(friday, 15, 58) } }),
        // In verifikasi since Friday 09:00: idle whichever way it is counted.
        walk(2, wita(friday, 8, 58), { { "ajukan", "verifikasi", wita(friday, 9, 0) } }),
        // Returned on Thursday: with the applicant.
        walk(3, wita({ 2026, 11, 26 }, 9, 0), { { "ajukan", "verifikasi", wita({ 2026, 11, 26 }, 9, 1) }, { "kembalikan", "dikembalikan", wita({ 2026, 11, 26 }, 9, 5) } }),
    };
    cases[2].actions.back().reasons = { "tanpa_kartu_keluarga" };
    ReportOptions const read_at = options(local_midnight(monday, k_wita), wita(monday, 8, 10));
    Timestamp const cutoff = idle_before(m_sop, read_at);
    // 30 minutes and a second of working time before Monday 08:10.
    EXPECT_EQ(cutoff, wita(friday, 15, 39, 59));
    EXPECT_LT(cutoff, wita(monday, 8, 10) - 1801) << "earlier than the wall-clock cut";

    std::vector<CaseHistory> idle_cases;
    for (auto history : cases) {
        if (m_sop.state_kind(history.item.state) != StateKind::End && history.item.updated_at < cutoff) {
            history.actions.clear();
            history.idle = true;
        }
        idle_cases.push_back(std::move(history));
    }
    EXPECT_FALSE(idle_cases[0].idle) << "moved after the cut";
    EXPECT_TRUE(idle_cases[1].idle);
    EXPECT_TRUE(idle_cases[2].idle);

    auto const whole = summarize(m_sop, cases, {}, read_at);
    auto const read = summarize(m_sop, idle_cases, {}, read_at);
    EXPECT_EQ(step(whole, "perekaman").late_now, 1);
    EXPECT_EQ(step(whole, "perekaman").very_late_now, 0);
    EXPECT_EQ(step(whole, "verifikasi").very_late_now, 1);
    EXPECT_EQ(whole.with_applicant, 1);
    for (std::size_t i = 0; i < whole.steps.size(); ++i) {
        EXPECT_EQ(read.steps[i].waiting_now, whole.steps[i].waiting_now) << whole.steps[i].step_id;
        EXPECT_EQ(read.steps[i].late_now, whole.steps[i].late_now) << whole.steps[i].step_id;
        EXPECT_EQ(read.steps[i].very_late_now, whole.steps[i].very_late_now) << whole.steps[i].step_id;
    }
    EXPECT_EQ(read.with_applicant, whole.with_applicant);

    // Cut at the wall-clock instant, the held case would be idle and read
    // from its row: 12 minutes since its resumption, not late at all.
    std::vector<CaseHistory> wrong = cases;
    wrong[0].actions.clear();
    wrong[0].idle = true;
    auto const misread = summarize(m_sop, wrong, {}, read_at);
    EXPECT_EQ(step(misread, "perekaman").late_now, 0) << "what the wall-clock cut would have reported";
}
