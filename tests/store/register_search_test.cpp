// Register search (issue 6) on both databases: each filter of the
// searchable register tables, paging in number order, and the total.

#include "driver.hpp"
#include "fixture.hpp"

using namespace sopir;
using namespace sopir::testing;

class RegisterSearch : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_definition = load_perekaman_ektp();
        auto office = m_store->add_office(candi_laras_utara_office(), m_now);
        ASSERT_TRUE(office.ok()) << office.error().message;
        m_office = *office;
        m_staff = seed_staff(*m_store, m_office);
    }

    // A case accepted at the counter, which gives it the next number of the
    // Register E-KTP.
    Id numbered(store::NewCase applicant)
    {
        auto created = m_store->create_case(m_definition, applicant, m_staff.pelayanan, m_now);
        EXPECT_TRUE(created.ok()) << created.error().message;
        drive(*m_store, m_definition, m_staff, *created, "perekaman", m_now);
        return created->id;
    }

    store::NewCase person(int serial, std::string name, std::string village = "63.05.06.2004")
    {
        auto person = applicant(m_office.id, serial);
        person.applicant_name = std::move(name);
        person.village_code = std::move(village);
        return person;
    }

    store::RegisterQuery query() const { return { .office_id = m_office.id, .register_id = "register_ektp", .year = 2026 }; }

    std::vector<std::string> names(store::RegisterQuery const& query)
    {
        auto page = m_store->search_register(query);
        EXPECT_TRUE(page.ok()) << page.error().message;
        std::vector<std::string> out;
        if (page.ok())
            for (auto const& line : page->lines)
                out.push_back(line.applicant_name);
        return out;
    }

    SopDefinition m_definition;
    Office m_office;
    Staff m_staff;
    Timestamp m_now { 1795000000 }; // 2026-11-18 UTC.
};

TEST_P(RegisterSearch, EachFilterFindsItsLines)
{
    numbered(person(1, "BUDI SANTOSO"));
    numbered(person(2, "Budiman Hakim", "63.05.06.2001"));
    numbered(person(3, "SITI AMINAH"));
    Timestamp const later = m_now + 86400 * 3;
    m_now = later;
    numbered(person(4, "RAHMAT \"ACIL\", S.Pd."));
    numbered(person(5, "ÉDI SANTOSO"));

    struct Search {
        char const* name;
        store::RegisterQuery query;
        std::vector<std::string> expected;
    };
    auto const base = query();
    auto with = [&](auto change) {
        auto q = base;
        change(q);
        return q;
    };
    std::vector<Search> const cases {
        { .name = "everything, in number order", .query = base,
            .expected = { "BUDI SANTOSO", "Budiman Hakim", "SITI AMINAH", "RAHMAT \"ACIL\", S.Pd.", "ÉDI SANTOSO" } },
        // The query is folded as the names are, by the database: a letter
        // beyond ASCII is found as written on both (and in any case on
        // PostgreSQL, whose lower() knows it).
        { .name = "a name beginning beyond ASCII", .query = with([](auto& q) { q.name_prefix = "ÉDI"; }), .expected = { "ÉDI SANTOSO" } },
        { .name = "a name beginning beyond ASCII, over a period",
            .query = with([&](auto& q) { q.year.reset(); q.from = later - 86400 * 7; q.name_prefix = "Édi s"; }), .expected = { "ÉDI SANTOSO" } },
        { .name = "a name prefix in any case", .query = with([](auto& q) { q.name_prefix = "bUdI"; }), .expected = { "BUDI SANTOSO", "Budiman Hakim" } },
        { .name = "a longer name prefix", .query = with([](auto& q) { q.name_prefix = "budi "; }), .expected = { "BUDI SANTOSO" } },
        { .name = "a NIK exactly", .query = with([](auto& q) { q.nik = applicant(0, 3).nik; }), .expected = { "SITI AMINAH" } },
        { .name = "a number exactly", .query = with([](auto& q) { q.number_prefix = "0002/REG-EKTP/CLU/2026"; }), .expected = { "Budiman Hakim" } },
        { .name = "a number in the register", .query = with([](auto& q) { q.number = 3; }), .expected = { "SITI AMINAH" } },
        { .name = "the beginning of a number", .query = with([](auto& q) { q.number_prefix = "0004/"; }), .expected = { "RAHMAT \"ACIL\", S.Pd." } },
        { .name = "a village", .query = with([](auto& q) { q.village_code = "63.05.06.2001"; }), .expected = { "Budiman Hakim" } },
        { .name = "a period", .query = with([&](auto& q) { q.from = later - 3600; }), .expected = { "RAHMAT \"ACIL\", S.Pd.", "ÉDI SANTOSO" } },
        { .name = "before a time", .query = with([&](auto& q) { q.to = later - 3600; }), .expected = { "BUDI SANTOSO", "Budiman Hakim", "SITI AMINAH" } },
        { .name = "another year", .query = with([](auto& q) { q.year = 2025; }), .expected = {} },
        { .name = "another register", .query = with([](auto& q) { q.register_id = "agenda"; }), .expected = {} },
        { .name = "no year but a period", .query = with([&](auto& q) { q.year.reset(); q.from = later - 3600; }),
            .expected = { "RAHMAT \"ACIL\", S.Pd.", "ÉDI SANTOSO" } },
        { .name = "a name prefix over a period", .query = with([&](auto& q) { q.year.reset(); q.from = later - 86400 * 7; q.name_prefix = "BUDI"; }),
            .expected = { "BUDI SANTOSO", "Budiman Hakim" } },
        { .name = "a name prefix in a village", .query = with([](auto& q) { q.name_prefix = "budi"; q.village_code = "63.05.06.2001"; }),
            .expected = { "Budiman Hakim" } },
        { .name = "a name prefix in another year", .query = with([](auto& q) { q.name_prefix = "budi"; q.year = 2025; }), .expected = {} },
    };
    for (auto const& c : cases)
        EXPECT_EQ(names(c.query), c.expected) << c.name;
}

TEST_P(RegisterSearch, PagesInNumberOrderWithTheTotal)
{
    for (int serial = 1; serial <= 7; ++serial)
        numbered(person(serial, "Pemohon " + std::to_string(serial)));
    auto q = query();
    q.limit = 3;
    q.offset = 3;
    auto page = m_store->search_register(q);
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->total, 7);
    ASSERT_EQ(page->lines.size(), 3u);
    EXPECT_EQ(page->lines[0].entry.number, 4);
    EXPECT_EQ(page->lines[2].entry.number, 6);
    EXPECT_EQ(page->lines[0].applicant_name, "Pemohon 4");
    EXPECT_EQ(page->lines[0].village_code, "63.05.06.2004");

    q.offset = 6;
    page = m_store->search_register(q);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 7);
    ASSERT_EQ(page->lines.size(), 1u);
    EXPECT_EQ(page->lines[0].entry.number, 7);

    q.offset = 30;
    page = m_store->search_register(q);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 7);
    EXPECT_TRUE(page->lines.empty());

    q.offset = 0;
    q.name_prefix = "pemohon 1";
    page = m_store->search_register(q);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 1);
}

TEST_P(RegisterSearch, OtherOfficesLinesAreNotFound)
{
    numbered(person(1, "BUDI SANTOSO"));
    auto other = candi_laras_utara_office();
    other.code = "63.05.07";
    other.unit_code = "CLS";
    auto office = m_store->add_office(other, m_now);
    ASSERT_TRUE(office.ok()) << office.error().message;
    auto q = query();
    q.office_id = office->id;
    auto page = m_store->search_register(q);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 0);
}

SOPIR_STORE_TEST_SUITE(RegisterSearch);
