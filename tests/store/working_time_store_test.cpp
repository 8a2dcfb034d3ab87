// Working time is office time, from what the store keeps, on both databases:
// the office's hours and own holidays, and the worklist and the report
// measuring a step in them (the arithmetic is tests/unit/working_time_test.cpp).

#include "office_fixture.hpp"

#include "desk/desk.hpp"

using namespace sopir;
using namespace sopir::testing;

class WorkingTimeStore : public OfficeStoreTest {
protected:
    Timestamp wita(Date day, int hour, int minute) const { return local_midnight(day, 8 * 60) + hour * 3600 + minute * 60; }

    Regions const m_regions = *Regions::parse("code,name\n", "code,province_code,name\n", "code,regency_code,name\n", "code,district_code,name\n");
    std::vector<SopDefinition> m_catalog;
};
SOPIR_STORE_TEST_SUITE(WorkingTimeStore);

TEST_P(WorkingTimeStore, KeepsTheOfficesHoursAndHolidaysOnTheSecurityChain)
{
    auto kept = m_store->office_working_hours(m_office.id);
    ASSERT_TRUE(kept.ok()) << kept.error().message;
    EXPECT_FALSE(*kept) << "the default until the office sets its own";
    ASSERT_TRUE(m_store->set_office_working_hours(m_office.id, "Sen-Jum 08:00-16:00", m_staff.camat, 100).ok());
    EXPECT_EQ(m_store->office_working_hours(m_office.id).value(), std::optional<std::string>("Sen-Jum 08:00-16:00"));
    ASSERT_TRUE(m_store->set_office_working_hours(m_office.id, "Sen-Kam 08:00-15:00; Jum 08:00-11:00", m_staff.camat, 101).ok());
    EXPECT_EQ(m_store->office_working_hours(m_office.id).value(), std::optional<std::string>("Sen-Kam 08:00-15:00; Jum 08:00-11:00"));
    ASSERT_TRUE(m_store->set_office_working_hours(m_office.id, "", m_staff.camat, 102).ok());
    EXPECT_FALSE(m_store->office_working_hours(m_office.id).value());

    ASSERT_TRUE(m_store->add_office_holiday(m_office.id, { { 2026, 12, 31 }, "libur daerah", "Hari jadi Kabupaten Tapin" }, m_staff.camat, 103).ok());
    ASSERT_TRUE(m_store->add_office_holiday(m_office.id, { { 2026, 12, 7 }, "libur daerah", "Haul Datu" }, m_staff.camat, 104).ok());
    auto again = m_store->add_office_holiday(m_office.id, { { 2026, 12, 31 }, "libur daerah", "dua kali" }, m_staff.camat, 105);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().kind, ErrorKind::Conflict);
    auto days = m_store->office_holidays(m_office.id);
    ASSERT_TRUE(days.ok()) << days.error().message;
    ASSERT_EQ(days->size(), 2u);
    EXPECT_EQ(days->front().day, (Date { 2026, 12, 7 }));
    EXPECT_EQ(days->back().name, "Hari jadi Kabupaten Tapin");
    ASSERT_TRUE(m_store->remove_office_holiday(m_office.id, { 2026, 12, 7 }, m_staff.camat, 106).ok());
    auto gone = m_store->remove_office_holiday(m_office.id, { 2026, 12, 7 }, m_staff.camat, 107);
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(m_store->office_holidays(m_office.id).value().size(), 1u);

    EXPECT_EQ(count("SELECT COUNT(*) FROM security_events WHERE kind IN ('kantor.jam_kerja', 'kantor.libur_tambah', 'kantor.libur_hapus')"), 6)
        << "three hours, two days added, one removed";
    auto audit = m_store->verify_audit();
    ASSERT_TRUE(audit.ok());
    EXPECT_TRUE(audit->breaks.empty());
    EXPECT_GE(audit->security_events, 6);
}

// A case that reached verifikasi on Friday at 15:58 has waited 3 working
// minutes on Monday at 08:01 (the office open 08:00–16:00), not 64 hours:
// the worklist does not mark it late, nor the report the visit.
TEST_P(WorkingTimeStore, TheWorklistAndTheReportCountTheOfficesHours)
{
    ASSERT_TRUE(m_store->set_office_working_hours(m_office.id, "Sen-Jum 08:00-16:00", m_staff.camat, 1).ok());
    Date const friday { 2026, 11, 27 }, monday { 2026, 11, 30 }, tuesday { 2026, 12, 1 };
    Timestamp clock = wita(friday, 15, 56);
    m_catalog = { m_definition };
    desk::Desk desk(*m_store, m_catalog, m_regions, [&] { return clock; });
    auto created = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, clock);
    ASSERT_TRUE(created.ok()) << created.error().message;
    Timestamp at = wita(friday, 15, 57);
    Case waiting = drive(*m_store, m_definition, m_staff, *created, "verifikasi", at);
    ASSERT_EQ(waiting.updated_at, wita(friday, 15, 58));

    auto front_desk = desk.staff(m_store->user_by_id(m_staff.pelayanan).value());
    ASSERT_TRUE(front_desk.ok()) << front_desk.error().message;
    auto marks = [&](Timestamp now) {
        clock = now;
        auto items = desk.worklist(*front_desk);
        EXPECT_TRUE(items.ok());
        EXPECT_EQ(items->size(), 1u);
        return std::tuple { items->front().waited_seconds, items->front().late, items->front().very_late };
    };
    EXPECT_EQ(marks(wita(monday, 8, 1)), std::tuple(std::int64_t { 180 }, false, false));
    EXPECT_EQ(marks(wita(monday, 8, 4)), std::tuple(std::int64_t { 360 }, true, false));
    // Monday a holiday (the national list): Tuesday 08:01 is as Monday's was.
    desk.set_national_holidays({ { monday, "libur nasional", "uji" } });
    EXPECT_EQ(marks(wita(monday, 8, 4)), std::tuple(std::int64_t { 120 }, false, false));
    EXPECT_EQ(marks(wita(tuesday, 8, 1)), std::tuple(std::int64_t { 180 }, false, false));
    // An office's own holiday counts the same.
    desk.set_national_holidays({});
    ASSERT_TRUE(m_store->add_office_holiday(m_office.id, { monday, "libur daerah", "Haul" }, m_staff.camat, 2).ok());
    EXPECT_EQ(marks(wita(tuesday, 8, 1)), std::tuple(std::int64_t { 180 }, false, false));

    // Accepted on Tuesday at 08:02: the visit lasted 4 working minutes,
    // on time against verifikasi's 5; the case page says the same.
    at = wita(tuesday, 8, 1);
    drive(*m_store, m_definition, m_staff, waiting, "perekaman", at);
    clock = wita(tuesday, 8, 10);
    auto kasi = desk.staff(m_store->user_by_id(m_staff.kasi).value());
    ASSERT_TRUE(kasi.ok());
    auto summary = desk.summary(*kasi, m_definition.id, friday, tuesday);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    for (auto const& step : summary->steps)
        if (step.step_id == "verifikasi") {
            EXPECT_EQ(step.visits, 1);
            EXPECT_EQ(step.on_time, 1);
            EXPECT_EQ(step.median_seconds, 4 * 60);
        }
    auto view = desk.view(*kasi, waiting.id, "127.0.0.1");
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_EQ(view->timing.steps[1].step_id, "verifikasi");
    EXPECT_EQ(view->timing.steps[1].seconds_spent, 4 * 60);
    EXPECT_TRUE(view->timing.steps[1].on_time);
    EXPECT_EQ(view->timing.elapsed_seconds, clock - wita(friday, 15, 56));
}
