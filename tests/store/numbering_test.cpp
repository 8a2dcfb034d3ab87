// A case that passes a numbering action again keeps its number: the
// made-up fixture service takes the registration number at verifikasi, and
// its telaah can send the file back to verifikasi (perbaiki).
#include "driver.hpp"
#include "fixture.hpp"

using namespace sopir;
using namespace sopir::testing;

class Numbering : public StoreTest { };
SOPIR_STORE_TEST_SUITE(Numbering);

TEST_P(Numbering, ANumberingActionDoneAgainKeepsTheCasesNumber)
{
    SopDefinition const definition = load_source_sop("tests/fixtures/sops/rekomendasi-keramaian-contoh.toml");
    auto office = m_store->add_office(candi_laras_utara_office(), 1);
    ASSERT_TRUE(office.ok()) << office.error().message;
    Staff const staff = seed_staff(*m_store, *office);
    store::NewCase filed = applicant(office->id, 1);
    filed.service_id = definition.id;
    auto created = m_store->create_case(definition, filed, staff.pelayanan, 100);
    ASSERT_TRUE(created.ok()) << created.error().message;

    Timestamp now = 200;
    auto act = [&](char const* action, Id user, char const* role, ActionData data = {}) {
        now += 60;
        auto outcome = m_store->perform_action(definition,
            { .case_id = created->id, .action_id = action, .actor_user_id = user, .actor = { std::to_string(user), { role } }, .data = data, .now = now });
        EXPECT_TRUE(outcome.ok()) << action << ": " << (outcome.ok() ? "" : outcome.error().message);
        return outcome;
    };
    (void)act("ajukan", staff.pelayanan, "petugas_pelayanan");
    auto first = act("terima", staff.pelayanan, "petugas_pelayanan", { .fields = { { "lokasi_aman", "true" } } });
    ASSERT_TRUE(first.ok() && first->number);
    (void)act("perbaiki", staff.kasi, "kasi_pemerintahan", { .note = "Lokasi acara perlu dicek ulang." });
    auto again = act("terima", staff.pelayanan, "petugas_pelayanan", { .fields = { { "lokasi_aman", "true" } } });
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->number) << "no second number";
    EXPECT_EQ(again->case_after.registration_number, first->case_after.registration_number);
    EXPECT_EQ(again->case_after.state, "telaah");
    auto entries = m_store->register_entries(office->id, "register_keramaian", 1970);
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ((*entries)[0].formatted, first->case_after.registration_number);
    auto audit = m_store->verify_audit();
    ASSERT_TRUE(audit.ok());
    EXPECT_TRUE(audit->breaks.empty());
}
