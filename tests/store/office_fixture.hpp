#pragma once
// A storage test with the Candi Laras Utara office, the Perekaman E-KTP SOP
// and one staff member per role already in the database: what most storage
// tests start from.

#include "driver.hpp"
#include "fixture.hpp"

namespace sopir::testing {

class OfficeStoreTest : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_definition = load_perekaman_ektp();
        auto office = m_store->add_office(candi_laras_utara_office(), office_created_at());
        ASSERT_TRUE(office.ok()) << office.error().message;
        m_office = *office;
        m_staff = seed_staff(*m_store, m_office);
    }

    // When the office was added; a test may move it.
    virtual Timestamp office_created_at() const { return to_days({ 2026, 11, 23 }) * 86400; }

    // One number from the database, by hand.
    std::int64_t count(std::string const& query)
    {
        auto lease = m_database->lease();
        long long n = 0;
        lease.sql() << query, soci::into(n);
        return n;
    }

    SopDefinition m_definition;
    Office m_office;
    Staff m_staff;
};

}
