#include "fixture.hpp"

using namespace sopir;
using namespace sopir::testing;

class OfficesAndUsers : public StoreTest {
protected:
    Office candi_laras_utara()
    {
        return { .code = "63.05.06", .name = "Candi Laras Utara", .regency = "Kabupaten Tapin", .province = "Kalimantan Selatan",
            .address = "Jalan Gusti Libi No.86 Margasari Hilir", .postal_code = "71171", .place_name = "Margasari",
            .letter_number_pattern = "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}",
            .registration_number_pattern = "{nomor}/REG/{unit}/{tahun}", .klasifikasi = "400.12.2.1", .unit_code = "CLU",
            .paper_size = PaperSize::F4, .disdukcapil_whatsapp = "6281234567890", .min_recording_age = 16 };
    }
};
SOPIR_STORE_TEST_SUITE(OfficesAndUsers);

TEST_P(OfficesAndUsers, OfficeRoundTrips)
{
    auto added = m_store->add_office(candi_laras_utara(), 1'790'000'000);
    ASSERT_TRUE(added.ok()) << added.error().message;
    EXPECT_GT(added->id, 0);
    auto found = m_store->office_by_code("63.05.06");
    ASSERT_TRUE(found.ok()) << found.error().message;
    EXPECT_EQ(found->id, added->id);
    EXPECT_EQ(found->name, "Candi Laras Utara");
    EXPECT_EQ(found->address, "Jalan Gusti Libi No.86 Margasari Hilir");
    EXPECT_EQ(found->paper_size, PaperSize::F4);
    EXPECT_EQ(found->min_recording_age, 16);
    EXPECT_EQ(found->utc_offset_minutes, 480);
    EXPECT_EQ(found->created_at, 1'790'000'000);
    EXPECT_EQ(m_store->office_by_id(added->id)->code, "63.05.06");
    EXPECT_EQ(m_store->offices()->size(), 1u);
}

TEST_P(OfficesAndUsers, MissingAndDuplicateOffices)
{
    EXPECT_EQ(m_store->office_by_code("63.05.07").error().kind, ErrorKind::NotFound);
    ASSERT_TRUE(m_store->add_office(candi_laras_utara(), 1).ok());
    auto twice = m_store->add_office(candi_laras_utara(), 2);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(m_store->offices()->size(), 1u);
}

TEST_P(OfficesAndUsers, UserWithRolesAndAnActingAssignment)
{
    auto office = m_store->add_office(candi_laras_utara(), 1);
    ASSERT_TRUE(office.ok());
    User user { .username = "alamsyah", .full_name = "ALAMSYAH, S.Pd", .nip = "196903121992111001",
        .pangkat_golongan = "Pembina (IV/a)", .password_hash = "$argon2id$placeholder" };
    std::vector<RoleAssignment> roles {
        { .office_id = office->id, .role = "kasi_pemerintahan" },
        { .office_id = office->id, .role = "camat", .acting = Acting::Plt, .valid_from = Date { 2026, 1, 1 }, .valid_until = Date { 2026, 12, 31 } },
    };
    auto added = m_store->add_user(user, roles, 5);
    ASSERT_TRUE(added.ok()) << added.error().message;
    auto found = m_store->user_by_username("alamsyah");
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->full_name, "ALAMSYAH, S.Pd");
    EXPECT_EQ(found->nip, "196903121992111001");
    EXPECT_TRUE(found->active);
    auto assignments = m_store->role_assignments(found->id);
    ASSERT_TRUE(assignments.ok());
    ASSERT_EQ(assignments->size(), 2u);
    EXPECT_EQ((*assignments)[0].role, "camat");
    EXPECT_EQ((*assignments)[0].acting, Acting::Plt);
    EXPECT_TRUE((*assignments)[0].holds_on({ 2026, 11, 25 }));
    EXPECT_FALSE((*assignments)[0].holds_on({ 2027, 1, 1 }));
    EXPECT_EQ((*assignments)[1].role, "kasi_pemerintahan");
    EXPECT_EQ((*assignments)[1].acting, Acting::None);
    EXPECT_FALSE((*assignments)[1].valid_from.has_value());
    EXPECT_EQ(*m_store->count_users(), 1);
}

TEST_P(OfficesAndUsers, ADuplicateUsernameIsAConflictAndWritesNothing)
{
    auto office = m_store->add_office(candi_laras_utara(), 1);
    ASSERT_TRUE(office.ok());
    User user { .username = "operator", .full_name = "Operator", .password_hash = "h" };
    ASSERT_TRUE(m_store->add_user(user, { { .office_id = office->id, .role = "operator_ektp" } }, 1).ok());
    auto twice = m_store->add_user(user, { { .office_id = office->id, .role = "camat" } }, 2);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(*m_store->count_users(), 1);
    auto lease = m_database->lease();
    int assignments = 0;
    lease.sql() << "SELECT COUNT(*) FROM role_assignments", soci::into(assignments);
    EXPECT_EQ(assignments, 1);
}

TEST_P(OfficesAndUsers, AnActingAssignmentNeedsItsPeriod)
{
    auto office = m_store->add_office(candi_laras_utara(), 1);
    ASSERT_TRUE(office.ok());
    auto added = m_store->add_user({ .username = "plh", .full_name = "Plh", .password_hash = "h" },
        { { .office_id = office->id, .role = "camat", .acting = Acting::Plh } }, 1);
    ASSERT_FALSE(added.ok());
    EXPECT_EQ(*m_store->count_users(), 0);
}

TEST_P(OfficesAndUsers, AnEmptyAuditIsValid)
{
    ASSERT_TRUE(m_store->add_office(candi_laras_utara(), 1).ok());
    auto report = m_store->verify_audit();
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_TRUE(report->breaks.empty());
    EXPECT_EQ(report->rows, 0);
}
