// desk::Records, on both databases: the reads web makes beside a case's own
// use cases, with the roles checked in the use case, not in the handler
// (issue 14: no route handler calls the store directly).

#include "office_fixture.hpp"

#include "desk/desk.hpp"
#include "desk/records.hpp"

using namespace sopir;
using namespace sopir::testing;

class RecordsDesk : public OfficeStoreTest {
protected:
    void SetUp() override
    {
        OfficeStoreTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_catalog = { m_definition };
        m_desk.emplace(*m_store, m_catalog, m_regions, [this] { return m_now; });
        m_records.emplace(*m_store, *m_desk);
        Office other = candi_laras_utara_office();
        other.code = "63.05.07";
        other.name = "Tapin Utara";
        other.unit_code = "TU";
        auto added = m_store->add_office(other, 1);
        ASSERT_TRUE(added.ok()) << added.error().message;
        m_other_office = *added;
        m_other_staff = seed_staff(*m_store, m_other_office);
        auto applicant_user = m_store->add_user({ .username = "warga", .full_name = "Warga", .password_hash = "-" },
            { { .office_id = m_office.id, .role = "pemohon" } }, 1);
        ASSERT_TRUE(applicant_user.ok()) << applicant_user.error().message;
        m_applicant = staff_of(applicant_user->id);
    }

    desk::Staff staff_of(Id user_id)
    {
        auto user = m_store->user_by_id(user_id);
        EXPECT_TRUE(user.ok());
        auto staff = m_desk->staff(*user);
        EXPECT_TRUE(staff.ok()) << staff.error().message;
        return *staff;
    }

    Timestamp m_now { to_days({ 2026, 11, 24 }) * 86400 };
    Regions const m_regions = *Regions::parse("code,name\n", "code,province_code,name\n", "code,regency_code,name\n", "code,district_code,name\n");
    std::vector<SopDefinition> m_catalog;
    std::optional<desk::Desk> m_desk;
    std::optional<desk::Records> m_records;
    Office m_other_office;
    Staff m_other_staff;
    desk::Staff m_applicant;
};
SOPIR_STORE_TEST_SUITE(RecordsDesk);

TEST_P(RecordsDesk, ARegisterIsReadOnlyByItsOwnOfficesStaff)
{
    desk::Staff const front_desk = staff_of(m_staff.pelayanan);
    store::RegisterQuery own { .office_id = m_office.id, .register_id = "register_ektp", .year = 2026 };
    auto page = m_records->search_register(front_desk, own);
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->total, 0);

    store::RegisterQuery other = own;
    other.office_id = m_other_office.id;
    auto refused = m_records->search_register(front_desk, other);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Forbidden);

    auto applicant = m_records->search_register(m_applicant, own);
    ASSERT_FALSE(applicant.ok());
    EXPECT_EQ(applicant.error().kind, ErrorKind::Forbidden);
}

TEST_P(RecordsDesk, StaffNamesAreForOfficeStaffNotApplicants)
{
    auto name = m_records->user_name(staff_of(m_staff.kasi), m_staff.camat);
    ASSERT_TRUE(name.ok()) << name.error().message;
    EXPECT_EQ(*name, "camat");
    auto refused = m_records->user_name(m_applicant, m_staff.camat);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Forbidden);
}

TEST_P(RecordsDesk, ACaseReadIsLoggedOnlyForACaseThePersonMaySee)
{
    auto created = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, m_now);
    ASSERT_TRUE(created.ok()) << created.error().message;
    std::int64_t const before = count("SELECT COUNT(*) FROM access_log");

    auto other_office = m_records->log_case_read(staff_of(m_other_staff.pelayanan), created->id, "unduh surat", "10.0.0.9");
    ASSERT_FALSE(other_office.ok());
    EXPECT_EQ(other_office.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(count("SELECT COUNT(*) FROM access_log"), before);

    auto logged = m_records->log_case_read(staff_of(m_staff.arsip), created->id, "unduh surat", "10.0.0.9");
    ASSERT_TRUE(logged.ok()) << logged.error().message;
    EXPECT_EQ(count("SELECT COUNT(*) FROM access_log"), before + 1);
}

TEST_P(RecordsDesk, TheLiveNikCheckTellsAnApplicantOnlyOfTheirOwnCases)
{
    store::NewCase filed = applicant(m_office.id, 7);
    auto created = m_store->create_case(m_definition, filed, m_staff.pelayanan, m_now);
    ASSERT_TRUE(created.ok()) << created.error().message;

    auto staff_sees = m_records->nik_has_cases(staff_of(m_staff.pelayanan), created->nik);
    ASSERT_TRUE(staff_sees.ok());
    EXPECT_TRUE(*staff_sees);
    auto applicant_sees = m_records->nik_has_cases(m_applicant, created->nik);
    ASSERT_TRUE(applicant_sees.ok());
    EXPECT_FALSE(*applicant_sees) << "another person's case is not the applicant's business";
}
