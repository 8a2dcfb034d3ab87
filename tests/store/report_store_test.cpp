// The figures of issue 6 from what the store keeps, on both databases: the
// cases and action logs case_histories gathers for a period, and the outage
// log, fed to summarize (src/core/report.cpp; the rules are tested by hand
// in tests/unit/report_test.cpp).

#include "office_fixture.hpp"

#include "core/report.hpp"
#include "desk/desk.hpp"

using namespace sopir;
using namespace sopir::testing;

class Reports : public OfficeStoreTest {
protected:

    Result<std::vector<CaseHistory>> histories(Timestamp from, Timestamp to, std::optional<Timestamp> idle_before = std::nullopt)
    {
        return m_store->case_histories(m_office.id, from, to, m_definition.open_states(), idle_before.value_or(from));
    }

    // The front desk hands the file back to the applicant at `at`.
    Status give_back(Id case_id, Timestamp at, std::vector<std::string> reasons)
    {
        store::ActionRequest request { .case_id = case_id, .action_id = "kembalikan", .actor_user_id = m_staff.pelayanan,
            .actor = { std::to_string(m_staff.pelayanan), { "petugas_pelayanan" } }, .now = at };
        request.data.reasons = std::move(reasons);
        auto outcome = m_store->perform_action(m_definition, request);
        if (!outcome.ok())
            return outcome.error();
        return Ok {};
    }

    // 2026-11-23 00:00 WITA, and 08:00 that day.
    Timestamp m_day { to_days({ 2026, 11, 23 }) * 86400 - 8 * 3600 };
    Timestamp m_opening { m_day + 8 * 3600 };
};
SOPIR_STORE_TEST_SUITE(Reports);

TEST_P(Reports, TheDaysFiguresFromTheStore)
{
    // Two cases through every step, one action a minute (drive() adds 60 s
    // before each): every step visit lasts 60 s, and the seven steps (the
    // submission itself is step 1) make 7 minutes of working time.
    Timestamp now = m_opening;
    for (int serial = 1; serial <= 2; ++serial) {
        auto created = m_store->create_case(m_definition, applicant(m_office.id, serial), m_staff.pelayanan, now);
        ASSERT_TRUE(created.ok()) << created.error().message;
        drive(*m_store, m_definition, m_staff, *created, "selesai", now);
    }
    // A third is returned at verifikasi, two reasons, after 4 minutes there.
    auto third = m_store->create_case(m_definition, applicant(m_office.id, 3), m_staff.pelayanan, now);
    ASSERT_TRUE(third.ok());
    Case waiting = drive(*m_store, m_definition, m_staff, *third, "verifikasi", now);
    ASSERT_TRUE(give_back(waiting.id, now + 240, { "tanpa_kartu_keluarga", "data_tidak_sesuai" }).ok());
    // A case of the day before stays out of the day's flow.
    auto old = m_store->create_case(m_definition, applicant(m_office.id, 4), m_staff.pelayanan, m_opening - 86400);
    ASSERT_TRUE(old.ok());
    Timestamp yesterday = m_opening - 86400;
    drive(*m_store, m_definition, m_staff, *old, "selesai", yesterday);
    // A network outage of 10 minutes at 09:00.
    auto outage = m_store->add_outage({ .office_id = m_office.id, .kind = "jaringan", .note = "SIAK putus", .started_at = m_opening + 3600, .recorded_by = m_staff.operator_ektp }, m_opening + 3600);
    ASSERT_TRUE(outage.ok()) << outage.error().message;
    ASSERT_TRUE(m_store->end_outage(m_office.id, outage->id, m_opening + 3600 + 600, m_staff.operator_ektp).ok());

    Timestamp const from = m_day, to = m_day + 86400;
    auto cases = histories(from, to);
    ASSERT_TRUE(cases.ok()) << cases.error().message;
    ASSERT_EQ(cases->size(), 3u) << "the day's three cases, not yesterday's finished one";
    EXPECT_EQ(cases->front().actions.size(), 8u) << "buat, ajukan and six steps";
    auto outages = m_store->outages(m_office.id, from, to);
    ASSERT_TRUE(outages.ok());
    ASSERT_EQ(outages->size(), 1u);

    ReportSummary const summary = summarize(m_definition, *cases, *outages, { .from = from, .to = to, .now = to + 3600, .office_id = m_office.id });
    EXPECT_EQ(summary.received, 3);
    EXPECT_EQ(summary.finished, 2);
    EXPECT_EQ(summary.returned_cases, 1);
    EXPECT_EQ(summary.returned_by_reason.at("tanpa_kartu_keluarga"), 1);
    EXPECT_EQ(summary.returned_by_reason.at("data_tidak_sesuai"), 1);
    EXPECT_EQ(summary.outages, 1);
    EXPECT_EQ(summary.outage_seconds, 600);
    for (auto const& step : summary.steps) {
        // verifikasi: 60, 60 and the returned visit's 240 → median 60, p90 240.
        // pengajuan: the three cases of the day, one visit each (the row
        // that created the case is not a visit of its own).
        bool const front_desk = step.step_id == "verifikasi";
        EXPECT_EQ(step.visits, front_desk || step.step_id == "pengajuan" ? 3 : 2) << step.step_id;
        EXPECT_EQ(step.median_seconds, 60) << step.step_id;
        EXPECT_EQ(step.p90_seconds, front_desk ? 240 : 60) << step.step_id;
        EXPECT_DOUBLE_EQ(step.on_time_share, 1.0) << step.step_id;
    }
    EXPECT_EQ(summary.total.cases, 2);
    EXPECT_EQ(summary.total.median_working_seconds, 7 * 60);
    EXPECT_DOUBLE_EQ(summary.total.on_time_share, 1.0);

    // The outage log answers by period and refuses a second open outage of a kind.
    ASSERT_TRUE(m_store->add_outage({ .office_id = m_office.id, .kind = "listrik", .started_at = to + 60 }, to + 60).ok());
    EXPECT_EQ(m_store->add_outage({ .office_id = m_office.id, .kind = "listrik", .started_at = to + 120 }, to + 120).error().kind, ErrorKind::Conflict);
    EXPECT_EQ(m_store->end_outage(m_office.id, outage->id, to, 0).error().kind, ErrorKind::Conflict) << "already ended";
    EXPECT_EQ(m_store->outages(m_office.id, to, to + 86400)->size(), 1u) << "the open one, not the day's";
}

// An open case idle since before idle_before comes without its actions;
// the rest keep theirs, and finished cases of before the period stay out.
TEST_P(Reports, OpenCasesIdleSinceBeforeThePeriodComeWithoutTheirActions)
{
    Timestamp now = m_opening - 86400;
    auto stuck = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, now);
    ASSERT_TRUE(stuck.ok()) << stuck.error().message;
    Case const waiting = drive(*m_store, m_definition, m_staff, *stuck, "perekaman", now);
    Timestamp const last_move = now;
    auto done = m_store->create_case(m_definition, applicant(m_office.id, 2), m_staff.pelayanan, now);
    ASSERT_TRUE(done.ok());
    drive(*m_store, m_definition, m_staff, *done, "selesai", now);

    Timestamp const from = m_day, to = m_day + 86400;
    auto idle = histories(from, to, last_move + 1);
    ASSERT_TRUE(idle.ok()) << idle.error().message;

    ASSERT_EQ(idle->size(), 1u) << "the open case only";
    EXPECT_TRUE(idle->front().idle);
    EXPECT_TRUE(idle->front().actions.empty());
    EXPECT_EQ(idle->front().item.id, waiting.id);
    EXPECT_EQ(idle->front().item.state, "perekaman");
    EXPECT_EQ(idle->front().item.updated_at, last_move);

    // Idle since exactly idle_before is not idle: its log comes whole.
    auto whole = histories(from, to, last_move);
    ASSERT_TRUE(whole.ok());
    ASSERT_EQ(whole->size(), 1u);
    EXPECT_FALSE(whole->front().idle);
    EXPECT_EQ(whole->front().actions.size(), 3u) << "buat, ajukan and terima";
}

// A case waiting in a step since the day before is waiting today: the
// day's report counts it, late and very late (it once looked only at the
// returned and held states for the cases that did not move in the period).
TEST_P(Reports, TheDaysReportCountsCasesWaitingSinceTheDayBefore)
{
    // Monday 09:00: since Sunday the office has worked 90 minutes (it opens
    // at 07:30), past perekaman's very-late 30.
    Timestamp clock = m_opening + 3600;
    Regions const regions = *Regions::parse("code,name\n", "code,province_code,name\n", "code,regency_code,name\n", "code,district_code,name\n");
    std::vector<SopDefinition> const catalog { m_definition };
    desk::Desk desk(*m_store, catalog, regions, [&] { return clock; });
    Timestamp yesterday = m_opening - 86400;
    auto stuck = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, yesterday);
    ASSERT_TRUE(stuck.ok()) << stuck.error().message;
    drive(*m_store, m_definition, m_staff, *stuck, "perekaman", yesterday);
    auto returned = m_store->create_case(m_definition, applicant(m_office.id, 2), m_staff.pelayanan, yesterday);
    ASSERT_TRUE(returned.ok());
    Case at_desk = drive(*m_store, m_definition, m_staff, *returned, "verifikasi", yesterday);
    ASSERT_TRUE(give_back(at_desk.id, yesterday + 60, { "tanpa_kartu_keluarga" }).ok());

    auto kasi = m_store->user_by_id(m_staff.kasi);
    ASSERT_TRUE(kasi.ok());
    auto staff = desk.staff(*kasi);
    ASSERT_TRUE(staff.ok()) << staff.error().message;
    Date const today = local_date(m_opening, 8 * 60);
    auto summary = desk.summary(*staff, m_definition.id, today, today);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    EXPECT_EQ(summary->received, 0);
    EXPECT_EQ(summary->in_progress, 1);
    EXPECT_EQ(summary->late_now, 1);
    EXPECT_EQ(summary->very_late_now, 1);
    EXPECT_EQ(summary->with_applicant, 1);
    for (auto const& step : summary->steps)
        EXPECT_EQ(step.waiting_now, step.step_id == "perekaman" ? 1 : 0) << step.step_id;
}

// The cases alive at the period's start come with their whole logs: one
// submitted the evening before and finished in the period (found by its
// submission time), one returned ten days before and resubmitted in it (a
// long-lived case, found by its own index); their moves before the period
// are read by case, those in it by time, and every log is in its order.
TEST_P(Reports, CasesAliveAtThePeriodsStartComeWithTheirWholeLogs)
{
    Timestamp evening = m_day - 3600;
    auto crossing = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, evening);
    ASSERT_TRUE(crossing.ok()) << crossing.error().message;
    Case waiting = drive(*m_store, m_definition, m_staff, *crossing, "perekaman", evening);
    Timestamp morning = m_opening;
    drive(*m_store, m_definition, m_staff, waiting, "selesai", morning);

    Timestamp long_ago = m_opening - 10 * 86400;
    auto returned = m_store->create_case(m_definition, applicant(m_office.id, 2), m_staff.pelayanan, long_ago);
    ASSERT_TRUE(returned.ok());
    Case at_desk = drive(*m_store, m_definition, m_staff, *returned, "verifikasi", long_ago);
    ASSERT_TRUE(give_back(at_desk.id, long_ago + 60, { "data_tidak_sesuai" }).ok());
    store::ActionRequest again { .case_id = at_desk.id, .action_id = "ajukan_ulang", .actor_user_id = m_staff.pelayanan,
        .actor = { std::to_string(m_staff.pelayanan), { "petugas_pelayanan" } }, .now = morning + 600 };
    store::CaseDataUpdate same { .applicant_name = at_desk.applicant_name, .nik = at_desk.nik, .birth_date = at_desk.birth_date,
        .village_code = at_desk.village_code, .applicant_json = at_desk.applicant_json, .documents_json = at_desk.documents_json };
    auto resubmitted = m_store->perform_action(m_definition, again, same);
    ASSERT_TRUE(resubmitted.ok()) << resubmitted.error().message;
    Timestamp later = morning + 600;
    drive(*m_store, m_definition, m_staff, resubmitted->case_after, "selesai", later);

    Timestamp const from = m_day, to = m_day + 86400;
    auto cases = histories(from, to);
    ASSERT_TRUE(cases.ok()) << cases.error().message;
    ASSERT_EQ(cases->size(), 2u);
    for (auto const& history : *cases) {
        bool const long_lived = history.item.id == returned->id;
        EXPECT_FALSE(history.idle);
        // buat, ajukan and six steps; the returned one twice through
        // verifikasi: kembalikan and ajukan_ulang more.
        ASSERT_EQ(history.actions.size(), long_lived ? 10u : 8u) << history.item.id;
        for (std::size_t i = 0; i < history.actions.size(); ++i)
            EXPECT_EQ(history.actions[i].case_seq, static_cast<std::int64_t>(i) + 1) << history.item.id;
        EXPECT_EQ(history.actions.back().to_state, "selesai");
    }

    ReportSummary const summary = summarize(m_definition, *cases, {}, { .from = from, .to = to, .now = to, .office_id = m_office.id });
    EXPECT_EQ(summary.received, 0);
    EXPECT_EQ(summary.finished, 2);
    EXPECT_EQ(summary.returns, 0) << "returned before the period";
    // The crossing case: 7 steps of 60 s, one of them (perekaman) from the
    // evening to the morning. The long-lived one: 60 s in each step, twice
    // in verifikasi (60 + 60), and 10 days less 60 s with the applicant.
    EXPECT_EQ(summary.total.cases, 2);
    EXPECT_EQ(summary.total.returned_seconds, morning + 600 - (long_ago + 60));
}

// Issue 6, item 5: a case that waited past its step's standard is marked
// late on the worklist, and very late past the configurable threshold.
TEST_P(Reports, WorklistsMarkLateAndVeryLateByTheThreshold)
{
    Timestamp clock = m_opening;
    Regions const regions = *Regions::parse("code,name\n", "code,province_code,name\n", "code,regency_code,name\n", "code,district_code,name\n");
    std::vector<SopDefinition> const catalog { m_definition };
    desk::Desk desk(*m_store, catalog, regions, [&] { return clock; });
    auto created = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, m_opening,
        next_action("pengajuan", m_staff, 0, m_opening));
    ASSERT_TRUE(created.ok()) << created.error().message;
    auto front_desk = m_store->user_by_id(m_staff.pelayanan);
    ASSERT_TRUE(front_desk.ok());
    auto marks = [&](Timestamp waited) {
        clock = m_opening + waited;
        auto staff = desk.staff(*front_desk);
        EXPECT_TRUE(staff.ok());
        auto items = desk.worklist(*staff);
        EXPECT_TRUE(items.ok());
        EXPECT_EQ(items->size(), 1u);
        return std::pair { items->front().late, items->front().very_late };
    };
    // verifikasi's standard is 5 minutes; very late is past 200% of it.
    EXPECT_EQ(marks(5 * 60), std::pair(false, false));
    EXPECT_EQ(marks(5 * 60 + 1), std::pair(true, false));
    EXPECT_EQ(marks(10 * 60), std::pair(true, false));
    EXPECT_EQ(marks(10 * 60 + 1), std::pair(true, true));
    desk.set_very_late_percent(300);
    EXPECT_EQ(marks(10 * 60 + 1), std::pair(true, false));
    EXPECT_EQ(marks(15 * 60 + 1), std::pair(true, true));
}
