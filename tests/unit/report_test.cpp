// The service report (issue 6) on the real Perekaman E-KTP definition: a
// hand-made set of cases with explicit times, and every figure worked out by
// hand beside the assertion (medians, percentiles, on-time shares, outage
// time, returns by reason, per officer).
#include "core/report.hpp"
#include "perekaman_ektp_toml.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace sopir;

namespace {

constexpr Timestamp k_minute = 60;
// 23 November 2026, 00:00 WITA: the start of the period. Every time below is
// in minutes after it.
constexpr Timestamp k_from = 1795363200;
constexpr Id k_office = 1;
constexpr Id k_other_office = 2;

// The officers.
constexpr Id k_petugas = 11;
constexpr Id k_operator = 12;
constexpr Id k_kasi = 13;
constexpr Id k_camat = 14;
constexpr Id k_admin = 15;
constexpr Id k_pemohon = 21;

constexpr Timestamp at_minute(std::int64_t minute)
{
    return k_from + minute * k_minute;
}

struct Move {
    std::string action;
    std::string to;
    Id actor { 0 };
    int minutes { 0 }; // After the previous move (or the creation).
    std::vector<std::string> reasons {};
};

CaseHistory walk(Id id, std::int64_t created_minute, std::vector<Move> const& moves, Id office = k_office)
{
    CaseHistory history;
    history.item.id = id;
    history.item.office_id = office;
    history.item.service_id = "perekaman-ektp";
    history.item.created_at = at_minute(created_minute);
    std::string state = "pengajuan";
    Timestamp at = history.item.created_at;
    std::int64_t seq = 0;
    for (auto const& move : moves) {
        at += move.minutes * k_minute;
        ActionRecord record;
        record.case_id = id;
        record.office_id = office;
        record.case_seq = ++seq;
        record.from_state = state;
        record.action = move.action;
        record.to_state = move.to;
        record.actor_id = move.actor;
        record.at = at;
        record.reasons = move.reasons;
        history.actions.push_back(record);
        state = move.to;
    }
    history.item.state = state;
    return history;
}

// The path of a case from the given minutes per step, every step done once.
std::vector<Move> straight(int pengajuan, int verifikasi, int perekaman, int pemeriksaan, int penandatanganan, int pengarsipan,
    int penyerahan)
{
    return {
        { "ajukan", "verifikasi", k_petugas, pengajuan },
        { "terima", "perekaman", k_petugas, verifikasi },
        { "rekam", "pemeriksaan", k_operator, perekaman },
        { "paraf", "penandatanganan", k_kasi, pemeriksaan },
        { "tandatangani", "pengarsipan", k_camat, penandatanganan },
        { "arsipkan", "penyerahan", k_admin, pengarsipan },
        { "serahkan", "selesai", k_admin, penyerahan },
    };
}

// The cases of one day, minutes after midnight; "now" is minute 600 (10:00).
// Standards (minutes): pengajuan 1, verifikasi 5, perekaman 15, pemeriksaan 3,
// penandatanganan 1, pengarsipan 3, penyerahan 1; total 29.
std::vector<CaseHistory> day_of_cases()
{
    std::vector<CaseHistory> cases;
    // A: on time everywhere. Working 1+4+12+2+1+2+1 = 23, elapsed 23.
    cases.push_back(walk(1, 60, straight(1, 4, 12, 2, 1, 2, 1)));
    // B: late in perekaman (25 > 15, not > 30). Working 1+5+25+3+1+3+1 = 39.
    cases.push_back(walk(2, 120, straight(1, 5, 25, 3, 1, 3, 1)));
    // C: returned after 3 minutes in verifikasi with two reasons, with the
    // applicant 60 minutes, resubmitted, then through. Pengajuan 2 and
    // penandatanganan 2 minutes are late (> 1) but not very late (not > 2).
    // Working 2+3+4+14+3+2+3+1 = 32, returned 60, elapsed 92.
    cases.push_back(walk(3, 180,
        {
            { "ajukan", "verifikasi", k_petugas, 2 },
            { "kembalikan", "dikembalikan", k_petugas, 3, { "tanpa_akta_kelahiran", "tanpa_kartu_keluarga" } },
            { "ajukan_ulang", "verifikasi", k_pemohon, 60 },
            { "terima", "perekaman", k_petugas, 4 },
            { "rekam", "pemeriksaan", k_operator, 14 },
            { "paraf", "penandatanganan", k_kasi, 3 },
            { "tandatangani", "pengarsipan", k_camat, 2 },
            { "arsipkan", "penyerahan", k_admin, 3 },
            { "serahkan", "selesai", k_admin, 1 },
        }));
    // D: held by a network outage for 10 minutes (311..321) in the middle of
    // perekaman: one visit of 5 + 8 = 13 minutes. Working 1+5+13+3+1+2+1 = 26,
    // held 10, elapsed 36.
    cases.push_back(walk(4, 300,
        {
            { "ajukan", "verifikasi", k_petugas, 1 },
            { "terima", "perekaman", k_petugas, 5 },
            { "tunda", "tertunda", k_operator, 5, { "gangguan_jaringan" } },
            { "lanjutkan", "perekaman", k_operator, 10 },
            { "rekam", "pemeriksaan", k_operator, 8 },
            { "paraf", "penandatanganan", k_kasi, 3 },
            { "tandatangani", "pengarsipan", k_camat, 1 },
            { "arsipkan", "penyerahan", k_admin, 2 },
            { "serahkan", "selesai", k_admin, 1 },
        }));
    // E: in perekaman since 506, 94 minutes at 600: late and very late.
    cases.push_back(walk(5, 500,
        {
            { "ajukan", "verifikasi", k_petugas, 1 },
            { "terima", "perekaman", k_petugas, 5 },
        }));
    // G: perekaman took 21 minutes (late); in pemeriksaan since 596, 4 minutes
    // at 600: late (> 3), not very late (not > 6).
    cases.push_back(walk(6, 570,
        {
            { "ajukan", "verifikasi", k_petugas, 1 },
            { "terima", "perekaman", k_petugas, 4 },
            { "rekam", "pemeriksaan", k_operator, 21 },
        }));
    // H: held since 550 by broken equipment, 50 minutes at 600.
    cases.push_back(walk(7, 540,
        {
            { "ajukan", "verifikasi", k_petugas, 1 },
            { "terima", "perekaman", k_petugas, 5 },
            { "tunda", "tertunda", k_operator, 4, { "kerusakan_alat" } },
        }));
    // R: returned at 423, still with the applicant.
    cases.push_back(walk(8, 420,
        {
            { "ajukan", "verifikasi", k_petugas, 1 },
            { "kembalikan", "dikembalikan", k_petugas, 2, { "tanpa_surat_pengantar" } },
        }));
    // S: submitted the evening before (minute -10), accepted at -4, recorded
    // at 11 (15 minutes, in the period), finished at 19. Working
    // 1+5+15+3+1+3+1 = 29: exactly the standard, on time. Finished in the
    // period but not received in it; its first two visits ended before it.
    cases.push_back(walk(9, -10, straight(1, 5, 15, 3, 1, 3, 1)));
    // O: the day before, all of it. Counts nowhere.
    cases.push_back(walk(10, -1440, straight(1, 4, 12, 2, 1, 2, 1)));
    // Z: another office. Counts nowhere.
    cases.push_back(walk(11, 60, straight(1, 4, 12, 2, 1, 2, 1), k_other_office));
    return cases;
}

std::vector<OutageRecord> day_of_outages()
{
    return {
        // Network 311..321 and equipment 316..326 overlap: 15 minutes of
        // outage, 10 of each kind.
        { .id = 1, .office_id = k_office, .kind = "jaringan", .started_at = at_minute(311), .ended_at = at_minute(321) },
        { .id = 2, .office_id = k_office, .kind = "peralatan", .started_at = at_minute(316), .ended_at = at_minute(326) },
        // Not ended: 550..600, 50 minutes.
        { .id = 3, .office_id = k_office, .kind = "peralatan", .started_at = at_minute(550), .ended_at = std::nullopt },
        // Before the period, and in another office: not counted.
        { .id = 4, .office_id = k_office, .kind = "jaringan", .started_at = at_minute(-100), .ended_at = at_minute(-50) },
        { .id = 5, .office_id = k_other_office, .kind = "jaringan", .started_at = at_minute(400), .ended_at = at_minute(460) },
    };
}

class Report : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto check = check_sop(sopir::testing::k_perekaman_ektp_toml, "sops/perekaman-ektp.toml");
        ASSERT_TRUE(check.ok()) << (check.diagnostics.empty() ? "" : to_string(check.diagnostics.front()));
        m_sop = std::move(*check.definition);
    }

    ReportSummary day(int very_late_factor_percent = 200)
    {
        ReportOptions options {
            .from = k_from,
            .to = at_minute(24 * 60),
            .now = at_minute(600),
            .office_id = k_office,
            .very_late_factor_percent = very_late_factor_percent,
        };
        return summarize(m_sop, day_of_cases(), day_of_outages(), options);
    }

    StepFigures const& step(ReportSummary const& summary, std::string const& id)
    {
        for (auto const& row : summary.steps)
            if (row.step_id == id)
                return row;
        ADD_FAILURE() << "no step " << id;
        return summary.steps.front();
    }

    SopDefinition m_sop;
};

TEST_F(Report, counts_the_flow_of_the_period)
{
    auto summary = day();
    EXPECT_EQ(summary.as_of, at_minute(600)); // The period runs to midnight; now is earlier.
    EXPECT_EQ(summary.received, 8);           // A B C D E G H R; not S (the evening before), O, Z.
    EXPECT_EQ(summary.finished, 5);           // A B C D S.
    EXPECT_EQ(summary.returned_cases, 2);     // C R.
    EXPECT_EQ(summary.returns, 2);
    std::map<std::string, std::int64_t> const returned { { "tanpa_akta_kelahiran", 1 }, { "tanpa_kartu_keluarga", 1 }, { "tanpa_surat_pengantar", 1 } };
    EXPECT_EQ(summary.returned_by_reason, returned);
    EXPECT_EQ(summary.held_cases, 2); // D H.
    EXPECT_EQ(summary.holds, 2);
    std::map<std::string, std::int64_t> const held { { "gangguan_jaringan", 1 }, { "kerusakan_alat", 1 } };
    EXPECT_EQ(summary.held_by_reason, held);
}

TEST_F(Report, counts_what_waits_now_and_how_late)
{
    auto summary = day();
    EXPECT_EQ(summary.in_progress, 2);    // E in perekaman, G in pemeriksaan.
    EXPECT_EQ(summary.with_applicant, 1); // R.
    EXPECT_EQ(summary.held_now, 1);       // H: not waiting in perekaman while held.
    EXPECT_EQ(summary.late_now, 2);       // E 94 > 15, G 4 > 3.
    EXPECT_EQ(summary.very_late_now, 1);  // E 94 > 30; G 4 is not > 6.

    auto const& perekaman = step(summary, "perekaman");
    EXPECT_EQ(perekaman.waiting_now, 1);
    EXPECT_EQ(perekaman.late_now, 1);
    EXPECT_EQ(perekaman.very_late_now, 1);
    auto const& pemeriksaan = step(summary, "pemeriksaan");
    EXPECT_EQ(pemeriksaan.waiting_now, 1);
    EXPECT_EQ(pemeriksaan.late_now, 1);
    EXPECT_EQ(pemeriksaan.very_late_now, 0);
    EXPECT_EQ(step(summary, "verifikasi").waiting_now, 0);
}

TEST_F(Report, measures_every_step_against_its_standard)
{
    auto summary = day();
    ASSERT_EQ(summary.steps.size(), 7u);
    EXPECT_EQ(summary.steps.front().step_id, "pengajuan"); // The SOP's order.
    EXPECT_EQ(summary.steps.back().step_id, "penyerahan");

    // Pengajuan, 8 visits (A B C D E G H R; S's ended before the period):
    // minutes sorted 1 1 1 1 1 1 1 2. Median rank ceil(0.5 × 8) = 4 → 1;
    // p90 rank ceil(0.9 × 8) = 8 → 2. On time 7 of 8.
    auto const& pengajuan = step(summary, "pengajuan");
    EXPECT_EQ(pengajuan.standard_minutes, 1);
    EXPECT_EQ(pengajuan.visits, 8);
    EXPECT_EQ(pengajuan.median_seconds, 60);
    EXPECT_EQ(pengajuan.p90_seconds, 120);
    EXPECT_EQ(pengajuan.on_time, 7);
    EXPECT_DOUBLE_EQ(pengajuan.on_time_share, 0.875);
    EXPECT_EQ(pengajuan.late, 1);
    EXPECT_EQ(pengajuan.very_late, 0); // C's 2 minutes is not more than twice 1.

    // Verifikasi, 9 visits: A 4, B 5, C 3 (returned) and 4, D 5, E 5, G 4,
    // H 5, R 2 (returned). Sorted 2 3 4 4 4 5 5 5 5: median rank 5 → 4,
    // p90 rank ceil(8.1) = 9 → 5. All on time (<= 5).
    auto const& verifikasi = step(summary, "verifikasi");
    EXPECT_EQ(verifikasi.visits, 9);
    EXPECT_EQ(verifikasi.median_seconds, 240);
    EXPECT_EQ(verifikasi.p90_seconds, 300);
    EXPECT_EQ(verifikasi.on_time, 9);
    EXPECT_DOUBLE_EQ(verifikasi.on_time_share, 1.0);

    // Perekaman, 6 ended visits: A 12, B 25, C 14, D 13 (5 + 8 around the
    // hold), G 21, S 15. E waits, H is held. Sorted 12 13 14 15 21 25:
    // median rank 3 → 14, p90 rank ceil(5.4) = 6 → 25. On time 4 of 6
    // (15 is on time); late 2; none over 30.
    auto const& perekaman = step(summary, "perekaman");
    EXPECT_EQ(perekaman.visits, 6);
    EXPECT_EQ(perekaman.median_seconds, 14 * 60);
    EXPECT_EQ(perekaman.p90_seconds, 25 * 60);
    EXPECT_EQ(perekaman.on_time, 4);
    EXPECT_DOUBLE_EQ(perekaman.on_time_share, 4.0 / 6.0);
    EXPECT_EQ(perekaman.late, 2);
    EXPECT_EQ(perekaman.very_late, 0);

    // Pemeriksaan: A 2, B 3, C 3, D 3, S 3 → median rank 3 → 3, p90 rank 5 → 3.
    auto const& pemeriksaan = step(summary, "pemeriksaan");
    EXPECT_EQ(pemeriksaan.visits, 5);
    EXPECT_EQ(pemeriksaan.median_seconds, 180);
    EXPECT_EQ(pemeriksaan.p90_seconds, 180);
    EXPECT_DOUBLE_EQ(pemeriksaan.on_time_share, 1.0);

    // Penandatanganan: 1 1 1 1 2 → median 1, p90 2, on time 4 of 5.
    auto const& penandatanganan = step(summary, "penandatanganan");
    EXPECT_EQ(penandatanganan.visits, 5);
    EXPECT_EQ(penandatanganan.median_seconds, 60);
    EXPECT_EQ(penandatanganan.p90_seconds, 120);
    EXPECT_DOUBLE_EQ(penandatanganan.on_time_share, 0.8);

    // Pengarsipan: 2 2 3 3 3 → median 3, p90 3. Penyerahan: five times 1.
    auto const& pengarsipan = step(summary, "pengarsipan");
    EXPECT_EQ(pengarsipan.visits, 5);
    EXPECT_EQ(pengarsipan.median_seconds, 180);
    EXPECT_EQ(pengarsipan.p90_seconds, 180);
    auto const& penyerahan = step(summary, "penyerahan");
    EXPECT_EQ(penyerahan.visits, 5);
    EXPECT_EQ(penyerahan.median_seconds, 60);
    EXPECT_EQ(penyerahan.p90_seconds, 60);
    EXPECT_DOUBLE_EQ(penyerahan.on_time_share, 1.0);
}

TEST_F(Report, measures_the_total_working_time_of_finished_cases_against_29_minutes)
{
    auto summary = day();
    auto const& total = summary.total;
    EXPECT_EQ(total.standard_minutes, 29);
    EXPECT_EQ(total.cases, 5); // A B C D S.
    // Working minutes A 23, B 39, C 32, D 26, S 29: sorted 23 26 29 32 39,
    // median rank 3 → 29, p90 rank ceil(4.5) = 5 → 39. On time: 23 26 29.
    EXPECT_EQ(total.median_working_seconds, 29 * 60);
    EXPECT_EQ(total.p90_working_seconds, 39 * 60);
    EXPECT_EQ(total.on_time, 3);
    EXPECT_DOUBLE_EQ(total.on_time_share, 0.6);
    EXPECT_EQ(total.late, 2);
    EXPECT_EQ(total.very_late, 0); // None over 58.
    // Elapsed, the applicant's and the outage's time in it: A 23, B 39,
    // C 92, D 36, S 29 → sorted 23 29 36 39 92: median 36, p90 92.
    EXPECT_EQ(total.median_elapsed_seconds, 36 * 60);
    EXPECT_EQ(total.p90_elapsed_seconds, 92 * 60);
    EXPECT_EQ(total.returned_seconds, 60 * 60); // C.
    EXPECT_EQ(total.held_seconds, 10 * 60);     // D.
}

TEST_F(Report, keeps_outage_time_apart_from_working_time)
{
    auto summary = day();
    // 311..326 (two overlapping outages, counted once) and 550..600.
    EXPECT_EQ(summary.outages, 3);
    EXPECT_EQ(summary.outage_seconds, (15 + 50) * 60);
    std::map<std::string, std::int64_t> const by_kind { { "jaringan", 10 * 60 }, { "peralatan", (10 + 50) * 60 } };
    EXPECT_EQ(summary.outage_seconds_by_kind, by_kind);
    // The cases' held time: D 10 minutes, H 50 minutes so far.
    EXPECT_EQ(summary.held_seconds, (10 + 50) * 60);
}

TEST_F(Report, gives_each_officer_the_visits_their_action_ended)
{
    auto summary = day();
    ASSERT_EQ(summary.officers.size(), 6u);
    std::vector<Id> ids;
    for (auto const& row : summary.officers)
        ids.push_back(row.user_id);
    EXPECT_EQ(ids, (std::vector<Id> { k_petugas, k_operator, k_kasi, k_camat, k_admin, k_pemohon }));

    // Petugas: ajukan and terima on A B D E G H (12), ajukan, kembalikan and
    // terima on C (3), ajukan and kembalikan on R (2): 17 actions, each ending
    // a visit. Minutes: pengajuan 1×7 and 2, verifikasi 2 3 4 4 4 5 5 5 5.
    // Sorted, 17 values: 1×7 2 2 3 4 4 4 5 5 5 5. Median rank 9 → 2;
    // p90 rank ceil(15.3) = 16 → 5. Late only C's pengajuan.
    auto const& petugas = summary.officers[0];
    EXPECT_EQ(petugas.actions, 17);
    EXPECT_EQ(petugas.visits, 17);
    EXPECT_EQ(petugas.on_time, 16);
    EXPECT_EQ(petugas.median_seconds, 120);
    EXPECT_EQ(petugas.p90_seconds, 300);

    // Operator: rekam on A B C G S, tunda, lanjutkan and rekam on D, tunda on
    // H: 9 actions; the 6 perekaman visits of the step (median 14, p90 25).
    auto const& operator_ektp = summary.officers[1];
    EXPECT_EQ(operator_ektp.actions, 9);
    EXPECT_EQ(operator_ektp.visits, 6);
    EXPECT_EQ(operator_ektp.on_time, 4);
    EXPECT_EQ(operator_ektp.median_seconds, 14 * 60);
    EXPECT_EQ(operator_ektp.p90_seconds, 25 * 60);

    auto const& kasi = summary.officers[2];
    EXPECT_EQ(kasi.actions, 5);
    EXPECT_EQ(kasi.median_seconds, 180);

    auto const& camat = summary.officers[3];
    EXPECT_EQ(camat.visits, 5);
    EXPECT_EQ(camat.on_time, 4);
    EXPECT_EQ(camat.p90_seconds, 120);

    // Pengadministrasi: arsipkan and serahkan on A B C D S. Minutes sorted
    // 1 1 1 1 1 2 2 3 3 3: median rank 5 → 1, p90 rank 9 → 3.
    auto const& admin = summary.officers[4];
    EXPECT_EQ(admin.actions, 10);
    EXPECT_EQ(admin.visits, 10);
    EXPECT_EQ(admin.median_seconds, 60);
    EXPECT_EQ(admin.p90_seconds, 180);

    // The applicant resubmitted C: an action, but it ended no step visit.
    auto const& pemohon = summary.officers[5];
    EXPECT_EQ(pemohon.actions, 1);
    EXPECT_EQ(pemohon.visits, 0);
    EXPECT_EQ(pemohon.median_seconds, 0);
}

TEST_F(Report, very_late_threshold_is_configurable)
{
    // 150 %: perekaman is very late over 22.5 minutes, so B's 25 is; G's 21
    // is not. The total is very late over 43.5 minutes: none. Waiting: E
    // (94 > 22.5) and G in pemeriksaan (4 is not > 4.5).
    auto summary = day(150);
    EXPECT_EQ(step(summary, "perekaman").very_late, 1);
    EXPECT_EQ(step(summary, "perekaman").very_late_now, 1);
    EXPECT_EQ(step(summary, "pemeriksaan").very_late_now, 0);
    // Pengajuan: C's 2 minutes is more than 1.5.
    EXPECT_EQ(step(summary, "pengajuan").very_late, 1);
    EXPECT_EQ(summary.total.very_late, 0);
    EXPECT_EQ(summary.very_late_now, 1);
}

TEST_F(Report, a_past_period_ends_at_its_end_not_at_now)
{
    // The morning only, [00:00, 05:00), read at 10:00: as of 05:00.
    ReportOptions options { .from = k_from, .to = at_minute(300), .now = at_minute(600), .office_id = k_office };
    auto summary = summarize(m_sop, day_of_cases(), day_of_outages(), options);
    EXPECT_EQ(summary.as_of, at_minute(300));
    EXPECT_EQ(summary.received, 3); // A B C; D came at 300, the end of the period.
    EXPECT_EQ(summary.finished, 4); // A B C S.
    EXPECT_EQ(summary.in_progress, 0);
    EXPECT_EQ(summary.outage_seconds, 0);
    EXPECT_EQ(summary.total.cases, 4);
    // Working A 23, B 39, C 32, S 29: sorted 23 29 32 39, median rank 2 → 29.
    EXPECT_EQ(summary.total.median_working_seconds, 29 * 60);
}

TEST_F(Report, idle_before_is_the_longest_very_late_threshold_before_now)
{
    // Perekaman's 15 minutes make the longest threshold: very late is over
    // 30 minutes (200 %), 1,800 s, so a case idle 1,801 s is very late in
    // any step. At 10:00 that is long after the period's start.
    EXPECT_EQ(idle_before(m_sop, { .from = k_from, .to = at_minute(1440), .now = at_minute(600) }), k_from);
    // A period begun at 09:50: 1,801 s before 10:00.
    EXPECT_EQ(idle_before(m_sop, { .from = at_minute(590), .to = at_minute(1440), .now = at_minute(600) }), at_minute(570) - 1);
    // A past period is read as of its end; 300 % makes 45 minutes.
    EXPECT_EQ(idle_before(m_sop, { .from = at_minute(590), .to = at_minute(600), .now = at_minute(5000), .very_late_factor_percent = 300 }),
        at_minute(555) - 1);
}

// The store leaves out the actions of open cases idle since before
// idle_before(): every figure must come out as from their whole logs.
TEST_F(Report, idle_cases_count_as_their_whole_histories_would)
{
    auto cases = day_of_cases();
    // I: held 10 minutes in perekaman (411..421) and resumed: the visit has 5
    // minutes before the hold, so at the next day's 00:20 it is 5 + 1,019.
    cases.push_back(walk(12, 400,
        {
            { "ajukan", "verifikasi", k_petugas, 1 },
            { "terima", "perekaman", k_petugas, 5 },
            { "tunda", "tertunda", k_operator, 5, { "gangguan_jaringan" } },
            { "lanjutkan", "perekaman", k_operator, 10 },
        }));
    // The next day, read at 00:20: idle_before is 23:50 of the day before,
    // less a second. E G H R and I last moved long before it.
    ReportOptions const options { .from = at_minute(1440), .to = at_minute(2880), .now = at_minute(1460), .office_id = k_office };
    Timestamp const cutoff = idle_before(m_sop, options);
    ASSERT_EQ(cutoff, at_minute(1430) - 1);
    std::vector<CaseHistory> idle_cases;
    int idle = 0;
    for (auto history : cases) {
        Timestamp const last = history.actions.empty() ? history.item.created_at : history.actions.back().at;
        history.item.updated_at = last;
        if (m_sop.state_kind(history.item.state) != StateKind::End && last < cutoff) {
            history.actions.clear();
            history.idle = true;
            ++idle;
        }
        idle_cases.push_back(std::move(history));
    }
    ASSERT_EQ(idle, 5); // E G H R I.

    auto const whole = summarize(m_sop, cases, day_of_outages(), options);
    auto const read = summarize(m_sop, idle_cases, day_of_outages(), options);
    EXPECT_EQ(whole.in_progress, 3); // E G I.
    EXPECT_EQ(whole.late_now, 3);
    EXPECT_EQ(whole.very_late_now, 3);
    EXPECT_EQ(whole.with_applicant, 1); // R.
    EXPECT_EQ(whole.held_now, 1);       // H, the 20 minutes of the period.
    EXPECT_EQ(whole.held_seconds, 20 * k_minute);
    EXPECT_EQ(read.received, whole.received);
    EXPECT_EQ(read.finished, whole.finished);
    EXPECT_EQ(read.in_progress, whole.in_progress);
    EXPECT_EQ(read.late_now, whole.late_now);
    EXPECT_EQ(read.very_late_now, whole.very_late_now);
    EXPECT_EQ(read.with_applicant, whole.with_applicant);
    EXPECT_EQ(read.held_now, whole.held_now);
    EXPECT_EQ(read.held_seconds, whole.held_seconds);
    ASSERT_EQ(read.steps.size(), whole.steps.size());
    for (std::size_t i = 0; i < whole.steps.size(); ++i) {
        EXPECT_EQ(read.steps[i].waiting_now, whole.steps[i].waiting_now) << whole.steps[i].step_id;
        EXPECT_EQ(read.steps[i].late_now, whole.steps[i].late_now) << whole.steps[i].step_id;
        EXPECT_EQ(read.steps[i].very_late_now, whole.steps[i].very_late_now) << whole.steps[i].step_id;
    }
    EXPECT_EQ(step(read, "perekaman").waiting_now, 2); // E and I.
    EXPECT_EQ(read.officers.size(), whole.officers.size());
}

TEST_F(Report, is_empty_without_cases)
{
    ReportOptions options { .from = k_from, .to = at_minute(60), .now = at_minute(600) };
    auto summary = summarize(m_sop, {}, {}, options);
    EXPECT_EQ(summary.received, 0);
    EXPECT_EQ(summary.total.cases, 0);
    EXPECT_EQ(summary.total.median_working_seconds, 0);
    EXPECT_DOUBLE_EQ(summary.total.on_time_share, 0.0);
    ASSERT_EQ(summary.steps.size(), 7u);
    EXPECT_EQ(summary.steps[2].visits, 0);
    EXPECT_TRUE(summary.officers.empty());
}

struct PercentileCase {
    std::vector<std::int64_t> values;
    int percent { 50 };
    std::int64_t expected { 0 };
};

TEST(ReportPercentile, uses_the_nearest_rank)
{
    std::vector<PercentileCase> const cases {
        { .values = {}, .percent = 50, .expected = 0 },
        { .values = {}, .percent = 90, .expected = 0 },
        { .values = { 7 }, .percent = 50, .expected = 7 },
        { .values = { 7 }, .percent = 90, .expected = 7 },
        { .values = { 7 }, .percent = 0, .expected = 7 },
        // Even count: rank ceil(0.5 × 4) = 2, the lower middle value.
        { .values = { 4, 1, 3, 2 }, .percent = 50, .expected = 2 },
        // Rank ceil(0.9 × 4) = 4.
        { .values = { 4, 1, 3, 2 }, .percent = 90, .expected = 4 },
        // Odd count: rank 3 of 5.
        { .values = { 50, 10, 40, 20, 30 }, .percent = 50, .expected = 30 },
        // Ten values: p90 rank 9, p100 rank 10, p10 rank 1, p11 rank 2.
        { .values = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, .percent = 90, .expected = 9 },
        { .values = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, .percent = 100, .expected = 10 },
        { .values = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, .percent = 10, .expected = 1 },
        { .values = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, .percent = 11, .expected = 2 },
        // Eleven values: p90 rank ceil(9.9) = 10.
        { .values = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, .percent = 90, .expected = 10 },
        // Repeated values.
        { .values = { 5, 5, 5, 1 }, .percent = 50, .expected = 5 },
        // Out of range percentages are clamped.
        { .values = { 3, 1, 2 }, .percent = -5, .expected = 1 },
        { .values = { 3, 1, 2 }, .percent = 150, .expected = 3 },
    };
    for (auto const& test : cases) {
        EXPECT_EQ(percentile(test.values, test.percent), test.expected) << "percent " << test.percent << ", " << test.values.size() << " values";
    }
}

}

// A case filed by mistake and withdrawn (batalkan) is counted apart: not
// finished, and the step visit it cut short (here 40 minutes in
// verifikasi, 8 times its standard) is neither a visit nor late.
TEST_F(Report, counts_a_cancelled_case_apart_neither_finished_nor_late)
{
    ReportOptions options { .from = k_from, .to = at_minute(1440), .now = at_minute(600), .office_id = k_office };
    auto const without = summarize(m_sop, day_of_cases(), day_of_outages(), options);
    auto cases = day_of_cases();
    cases.push_back(walk(99, 100,
        {
            { "ajukan", "verifikasi", k_petugas, 1 },
            { "batalkan", "dibatalkan", k_petugas, 40 },
        }));
    auto const with = summarize(m_sop, cases, day_of_outages(), options);
    EXPECT_EQ(with.cancelled, 1);
    EXPECT_EQ(without.cancelled, 0);
    EXPECT_EQ(with.received, without.received + 1);
    EXPECT_EQ(with.finished, without.finished);
    EXPECT_EQ(with.total.cases, without.total.cases);
    EXPECT_EQ(with.total.late, without.total.late);
    EXPECT_EQ(with.in_progress, without.in_progress);
    EXPECT_EQ(with.late_now, without.late_now);
    EXPECT_EQ(with.steps[1].visits, without.steps[1].visits);
    EXPECT_EQ(with.steps[1].late, without.steps[1].late);
}
