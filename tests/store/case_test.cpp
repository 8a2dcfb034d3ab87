#include "office_fixture.hpp"

#include <nlohmann/json.hpp>

using namespace sopir;
using namespace sopir::testing;

class Cases : public OfficeStoreTest {
protected:

    Case new_case(int serial = 1)
    {
        auto created = m_store->create_case(m_definition, applicant(m_office.id, serial), m_staff.pelayanan, m_now);
        EXPECT_TRUE(created.ok()) << created.error().message;
        return *created;
    }

    // 2026-11-23 09:00 WITA.
    Timestamp m_now { to_days({ 2026, 11, 23 }) * 86400 + 1 * 3600 };
};
SOPIR_STORE_TEST_SUITE(Cases);

TEST_P(Cases, AWholeCaseTakesBothNumbersAndKeepsItsHistory)
{
    Case created = new_case();
    EXPECT_EQ(created.state, "pengajuan");
    Case done = drive(*m_store, m_definition, m_staff, created, "selesai", m_now);
    EXPECT_EQ(done.state, "selesai");

    auto stored = m_store->case_by_id(created.id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->registration_number, "0001/REG-EKTP/CLU/2026");
    EXPECT_EQ(stored->letter_number, "400.12.2.1/0001/CLU/XI/2026");
    EXPECT_EQ(stored->version, 8);

    auto actions = m_store->case_actions(created.id);
    ASSERT_TRUE(actions.ok());
    std::vector<std::string> names;
    for (auto const& action : *actions)
        names.push_back(action.action);
    EXPECT_EQ(names, (std::vector<std::string> { "buat", "ajukan", "terima", "rekam", "paraf", "tandatangani", "arsipkan", "serahkan" }));
    EXPECT_EQ((*actions)[2].actor_id, m_staff.pelayanan);
    EXPECT_EQ(nlohmann::json::parse((*actions)[2].data_json)["nomor"], "0001/REG-EKTP/CLU/2026");
    EXPECT_EQ(nlohmann::json::parse((*actions)[7].data_json)["received_by"], "Pemohon sendiri");

    auto agenda = m_store->register_entries(m_office.id, "agenda", 2026);
    ASSERT_TRUE(agenda.ok());
    ASSERT_EQ(agenda->size(), 1u);
    EXPECT_EQ((*agenda)[0].case_id, created.id);

    auto audit = m_store->verify_audit();
    ASSERT_TRUE(audit.ok());
    EXPECT_TRUE(audit->breaks.empty());
    EXPECT_EQ(audit->rows, 8);
}

TEST_P(Cases, AStaleWriterGetsConflictAndNothingIsWritten)
{
    Case created = new_case();
    Case waiting = drive(*m_store, m_definition, m_staff, created, "verifikasi", m_now);
    auto accept = next_action("verifikasi", m_staff, waiting.id, m_now + 60);
    accept.expected_version = waiting.version;
    ASSERT_TRUE(m_store->perform_action(m_definition, accept).ok());

    // A second front-desk PC still shows the case as waiting in verifikasi.
    auto stale = store::ActionRequest { .case_id = waiting.id, .expected_version = waiting.version, .action_id = "kembalikan",
        .actor_user_id = m_staff.pelayanan, .actor = { std::to_string(m_staff.pelayanan), { "petugas_pelayanan" } },
        .data = { .reasons = { "tanpa_kartu_keluarga" } }, .now = m_now + 120 };
    auto refused = m_store->perform_action(m_definition, stale);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(m_store->case_by_id(waiting.id)->state, "perekaman");
    EXPECT_EQ(m_store->case_actions(waiting.id)->size(), 3u);
}

TEST_P(Cases, RefusedActionsWriteNothingAndBurnNoNumber)
{
    Case created = new_case();
    Case waiting = drive(*m_store, m_definition, m_staff, created, "verifikasi", m_now);
    struct Attempt {
        char const* what;
        store::ActionRequest request;
        ErrorKind kind;
    };
    auto request = next_action("verifikasi", m_staff, waiting.id, m_now);
    auto incomplete = request;
    incomplete.data.fields["kelengkapan"] = "surat_pengantar,kartu_keluarga"; // Akta Kelahiran missing.
    auto wrong_role = request;
    wrong_role.actor = { std::to_string(m_staff.operator_ektp), { "operator_ektp" } };
    auto wrong_step = next_action("penandatanganan", m_staff, waiting.id, m_now);
    Attempt const attempts[] = {
        { .what = "incomplete file", .request = incomplete, .kind = ErrorKind::Invalid },
        { .what = "wrong role", .request = wrong_role, .kind = ErrorKind::Forbidden },
        { .what = "wrong step", .request = wrong_step, .kind = ErrorKind::InvalidTransition },
    };
    for (auto const& attempt : attempts) {
        auto result = m_store->perform_action(m_definition, attempt.request);
        ASSERT_FALSE(result.ok()) << attempt.what;
        EXPECT_EQ(result.error().kind, attempt.kind) << attempt.what << ": " << result.error().message;
    }
    EXPECT_EQ(m_store->case_by_id(waiting.id)->version, waiting.version);
    EXPECT_EQ(m_store->case_actions(waiting.id)->size(), 2u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM register_entries"), 0);
    // The first accepted file still gets number 1.
    auto accepted = m_store->perform_action(m_definition, request);
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    ASSERT_TRUE(accepted->number.has_value());
    EXPECT_EQ(accepted->number->number, 1);
}

TEST_P(Cases, ARolledBackTransactionGivesItsNumberBack)
{
    Case first = drive(*m_store, m_definition, m_staff, new_case(1), "pengarsipan", m_now);
    Case second = drive(*m_store, m_definition, m_staff, new_case(2), "pengarsipan", m_now);
    // Make the append of the first case's archiving fail after its number
    // was taken, as a crash or a constraint would.
    {
        auto lease = m_database->lease();
        if (m_database->backend() == store::Backend::Sqlite) {
            lease.sql() << "CREATE TRIGGER fail_archive BEFORE INSERT ON case_actions WHEN NEW.action = 'arsipkan' AND NEW.case_id = "
                    + std::to_string(first.id) + " BEGIN SELECT RAISE(ABORT, 'gagal'); END";
        } else {
            lease.sql() << "CREATE FUNCTION fail_archive() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.action = 'arsipkan' AND NEW.case_id = "
                    + std::to_string(first.id) + " THEN RAISE EXCEPTION 'gagal'; END IF; RETURN NEW; END; $$";
            lease.sql() << "CREATE TRIGGER fail_archive BEFORE INSERT ON case_actions FOR EACH ROW EXECUTE FUNCTION fail_archive()";
        }
    }
    auto failed = m_store->perform_action(m_definition, next_action("pengarsipan", m_staff, first.id, m_now));
    ASSERT_FALSE(failed.ok());
    auto archived = m_store->perform_action(m_definition, next_action("pengarsipan", m_staff, second.id, m_now));
    ASSERT_TRUE(archived.ok()) << archived.error().message;
    EXPECT_EQ(archived->number->number, 1);
    EXPECT_EQ(archived->case_after.letter_number, "400.12.2.1/0001/CLU/XI/2026");
    EXPECT_EQ(m_store->case_by_id(first.id)->state, "pengarsipan");
    EXPECT_EQ(m_store->case_by_id(first.id)->letter_number, "");
    EXPECT_TRUE(m_store->verify_audit()->breaks.empty());
}

TEST_P(Cases, NumbersRestartEachYearAndDependOnTheOfficesDate)
{
    // Intake at 23:55 WITA on 31 December 2026 (15:55 UTC); one action a
    // minute: terima at 23:57 takes a 2026 number, arsipkan at 00:01 WITA
    // (16:01 UTC, still 31 December in UTC) a 2027 one.
    m_now = to_days({ 2026, 12, 31 }) * 86400 + 15 * 3600 + 55 * 60;
    Case late = drive(*m_store, m_definition, m_staff, new_case(1), "penyerahan", m_now);
    EXPECT_EQ(late.letter_number, "400.12.2.1/0001/CLU/I/2027");
    EXPECT_EQ(late.registration_number, "0001/REG-EKTP/CLU/2026");
}

TEST_P(Cases, AccessIsLogged)
{
    Case created = new_case();
    ASSERT_TRUE(m_store->log_access(m_staff.kasi, created.id, "lihat kasus", "127.0.0.1", m_now).ok());
    EXPECT_EQ(count("SELECT COUNT(*) FROM access_log"), 1);
}

TEST_P(Cases, ReturnAndResubmitKeepTheReasons)
{
    Case waiting = drive(*m_store, m_definition, m_staff, new_case(), "verifikasi", m_now);
    auto returned = m_store->perform_action(m_definition, { .case_id = waiting.id, .action_id = "kembalikan",
        .actor_user_id = m_staff.pelayanan, .actor = { std::to_string(m_staff.pelayanan), { "petugas_pelayanan" } },
        .data = { .note = "KK lama", .reasons = { "tanpa_kartu_keluarga" } }, .now = m_now + 60 });
    ASSERT_TRUE(returned.ok()) << returned.error().message;
    EXPECT_EQ(returned->case_after.state, "dikembalikan");
    EXPECT_EQ(returned->record.reasons, (std::vector<std::string> { "tanpa_kartu_keluarga" }));
    auto actions = m_store->case_actions(waiting.id);
    EXPECT_EQ(actions->back().reasons, (std::vector<std::string> { "tanpa_kartu_keluarga" }));
    EXPECT_EQ(actions->back().note, "KK lama");
    EXPECT_TRUE(m_store->verify_audit()->breaks.empty());
}
