// What working time costs the monthly summary: summarize() over a month of
// cases as busy as bench/run's scale database (400 cases a working day,
// some 8,800 a month, every one through all seven steps), without and with
// the office's calendar, and one working-time difference on its own.
// Pure core, no database: the store's part of the summary is unchanged.
//
//   working_time_bench [--cases N] [--rounds R]
#include "core/report.hpp"
#include "core/sop.hpp"
#include "core/working_time.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace sopir;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}

int main(int argc, char** argv)
{
    int cases = 8800, rounds = 15;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--cases"))
            cases = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::atoi(argv[i + 1]);
    }
    std::ifstream file(SOPIR_SOURCE_DIR "/sops/perekaman-ektp.toml");
    std::stringstream text;
    text << file.rdbuf();
    auto check = check_sop(text.str(), "sops/perekaman-ektp.toml");
    if (!check.ok())
        return 1;
    SopDefinition const& sop = *check.definition;

    // November 2026 in WITA; cases arrive 08:00–15:00 on working days.
    Date const first { 2026, 11, 1 };
    Timestamp const from = local_midnight(first, 480), to = local_midnight({ 2026, 12, 1 }, 480);
    std::mt19937_64 random(7);
    std::uniform_int_distribution<int> day(0, 29), minute(8 * 60, 15 * 60), step_minutes(1, 40);
    char const* path[][2] = { { "ajukan", "verifikasi" }, { "terima", "perekaman" }, { "rekam", "pemeriksaan" }, { "paraf", "penandatanganan" },
        { "tandatangani", "pengarsipan" }, { "arsipkan", "penyerahan" }, { "serahkan", "selesai" } };
    std::vector<CaseHistory> month;
    for (int id = 1; id <= cases; ++id) {
        CaseHistory history;
        history.item = { .id = id, .office_id = 1, .service_id = sop.id, .created_at = from + day(random) * 86400 + minute(random) * 60 };
        Timestamp at = history.item.created_at;
        std::string state = sop.initial_step;
        std::int64_t seq = 0;
        for (auto const& [action, target] : path) {
            at += step_minutes(random) * 60;
            history.actions.push_back({ .case_id = id, .office_id = 1, .case_seq = ++seq, .from_state = state, .action = action, .to_state = target,
                .actor_id = 11, .at = at });
            state = target;
        }
        history.item.state = state;
        history.item.updated_at = at;
        month.push_back(std::move(history));
    }
    ReportOptions wall { .from = from, .to = to, .now = to, .office_id = 1 };
    ReportOptions office = wall;
    office.calendars.emplace(1, WorkingCalendar(default_weekly_hours(), { { 2026, 12, 24 }, { 2026, 12, 25 } }, 480));

    // Alternated, so that a machine busy with something else slows both
    // alike; the fastest run of each is the figure least disturbed.
    std::vector<double> wall_ms, office_ms;
    std::int64_t sink = 0;
    for (int round = 0; round < rounds; ++round) {
        for (auto* options : { &wall, &office }) {
            auto const start = std::chrono::steady_clock::now();
            auto const summary = summarize(sop, month, {}, *options);
            (options == &wall ? wall_ms : office_ms).push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            sink += summary.total.median_working_seconds;
        }
    }
    std::printf("summarize, %d cases x 7 steps: wall-clock time min %.1f / median %.1f ms, working time min %.1f / median %.1f ms (%d rounds, %lld)\n",
        cases, *std::min_element(wall_ms.begin(), wall_ms.end()), median(wall_ms), *std::min_element(office_ms.begin(), office_ms.end()), median(office_ms),
        rounds, static_cast<long long>(sink));

    WorkingCalendar const& calendar = office.calendars.at(1);
    auto per_call = [&](Timestamp longest) {
        std::uniform_int_distribution<Timestamp> instant(from, to), length(0, longest);
        std::vector<std::pair<Timestamp, Timestamp>> spans(1'000'000);
        for (auto& span : spans) {
            span.first = instant(random);
            span.second = span.first + length(random);
        }
        auto const start = std::chrono::steady_clock::now();
        std::int64_t total = 0;
        for (auto const& [a, b] : spans)
            total += calendar.seconds_between(a, b);
        double const ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / static_cast<double>(spans.size());
        std::printf("seconds_between over up to %lld s: %.1f ns a call (%lld)\n", static_cast<long long>(longest), ns, static_cast<long long>(total));
    };
    per_call(40 * 60);
    per_call(30 * 86400);
    return 0;
}
