// The audit chain against someone with the database's password but not the
// seal secret: keyed MACs on the rows, signed exported heads, the security
// chain, and the append-only access log (0012_audit_keys.sql), on both
// databases.
#include "office_fixture.hpp"
#include "process.hpp"

#include "core/audit.hpp"
#include "letters/signing.hpp"

#include <sodium.h>

#include <fstream>
#include <map>
#include <sys/stat.h>

using namespace sopir;
using namespace sopir::testing;

class AuditKeys : public OfficeStoreTest {
protected:
    void SetUp() override
    {
        OfficeStoreTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_dir = std::filesystem::temp_directory_path() / ("sopir-audit-" + std::to_string(getpid()) + "-" + std::to_string(m_counter++));
        std::filesystem::create_directories(m_dir);
        m_secret_file = (m_dir / "segel.key").string();
        ASSERT_EQ(sodium_init() >= 0, true);
        std::string secret(k_seal_secret_bytes, '\0');
        randombytes_buf(secret.data(), secret.size());
        {
            std::ofstream out(m_secret_file, std::ios::binary);
            out << secret;
        }
        ::chmod(m_secret_file.c_str(), 0600);
        auto key = derive_audit_mac_key(secret);
        ASSERT_TRUE(key.ok());
        // The office and its staff were added before the key (as on a
        // database older than the MAC): the keyed part starts after them.
        m_store->set_audit_mac_key(*key);
    }

    void TearDown() override
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
        OfficeStoreTest::TearDown();
    }

    Finished sopir_cli(std::vector<std::string> arguments, std::string const& secret_file)
    {
        // Through sh, so that what sopir says on stderr is read too.
        arguments.insert(arguments.begin(), { "/bin/sh", "-c", "exec \"$@\" 2>&1", "sh", SOPIR_BINARY, "--db", m_scratch->url(), "--seal-secret", secret_file });
        return run_to_end(arguments);
    }

    void lift_trigger(std::string const& trigger, std::string const& table)
    {
        auto lease = m_database->lease();
        if (GetParam() == TestBackend::Sqlite)
            lease.sql() << "DROP TRIGGER " + trigger;
        else
            lease.sql() << "DROP TRIGGER " + trigger + " ON " + table;
    }

    // What someone with the database's password and sopir's source, but not
    // the seal secret, can do: recompute every case and office hash and
    // every head with the plain, unkeyed algorithm.
    void recompute_every_hash()
    {
        struct Row {
            long long id;
            AuditedAction action;
        };
        std::vector<Row> rows;
        {
            auto lease = m_database->lease();
            Row row {};
            soci::indicator actor_indicator;
            soci::statement statement = (lease.sql().prepare << "SELECT id, case_id, office_id, case_seq, office_seq, from_state, action, "
                                                                "to_state, actor_id, at, note, reasons, data FROM case_actions ORDER BY id",
                soci::into(row.id), soci::into(row.action.case_id), soci::into(row.action.office_id), soci::into(row.action.case_seq),
                soci::into(row.action.office_seq), soci::into(row.action.from_state), soci::into(row.action.action),
                soci::into(row.action.to_state), soci::into(row.action.actor_id, actor_indicator), soci::into(row.action.at),
                soci::into(row.action.note), soci::into(row.action.reasons_json), soci::into(row.action.data_json));
            statement.execute(false);
            while (statement.fetch()) {
                Row copy = row;
                if (actor_indicator != soci::i_ok)
                    copy.action.actor_id = 0;
                rows.push_back(copy);
            }
        }
        std::map<long long, std::string> case_previous, office_previous;
        std::map<long long, long long> office_seq;
        auto lease = m_database->lease();
        for (auto const& row : rows) { // Ids grow with both sequences.
            auto& case_hash = case_previous.try_emplace(row.action.case_id, std::string(k_genesis_hash)).first->second;
            auto& office_hash = office_previous.try_emplace(row.action.office_id, std::string(k_genesis_hash)).first->second;
            case_hash = chain_hash(case_hash, row.action);
            office_hash = chain_hash(office_hash, row.action);
            office_seq[row.action.office_id] = row.action.office_seq;
            lease.sql() << "UPDATE case_actions SET case_hash = :c, office_hash = :o WHERE id = :id", soci::use(case_hash), soci::use(office_hash),
                soci::use(row.id);
        }
        for (auto const& [office, hash] : office_previous)
            lease.sql() << "UPDATE audit_heads SET seq = :s, hash = :h WHERE office_id = :o", soci::use(office_seq[office]), soci::use(hash),
                soci::use(office);
    }

    long long scalar(std::string const& query)
    {
        auto lease = m_database->lease();
        long long value = 0;
        lease.sql() << query, soci::into(value);
        return value;
    }

    static inline int m_counter = 0;
    std::filesystem::path m_dir;
    std::string m_secret_file;
};
SOPIR_STORE_TEST_SUITE(AuditKeys);

TEST_P(AuditKeys, ARewrittenActionRowWithEveryHashRecomputedIsNamedAgainstTheExportedHeads)
{
    Timestamp now = 1'790'000'000;
    for (int i = 0; i < 3; ++i) {
        auto created = m_store->create_case(m_definition, applicant(m_office.id, i), m_staff.pelayanan, now);
        ASSERT_TRUE(created.ok()) << created.error().message;
        drive(*m_store, m_definition, m_staff, *created, "selesai", now);
    }
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM case_actions WHERE mac IS NULL"), 0);

    std::string const heads = (m_dir / "ujung.json").string();
    auto exported = sopir_cli({ "audit", "export-heads", "--out", heads }, m_secret_file);
    ASSERT_EQ(exported.status, 0) << exported.output;
    auto clean = sopir_cli({ "audit", "verify", "--heads", heads }, m_secret_file);
    EXPECT_EQ(clean.status, 0) << clean.output;
    EXPECT_NE(clean.output.find("Semua rantai utuh"), std::string::npos) << clean.output;

    long long const victim = scalar("SELECT MIN(id) FROM case_actions WHERE action = 'paraf'");
    lift_trigger("case_actions_no_update", "case_actions");
    {
        auto lease = m_database->lease();
        lease.sql() << "UPDATE case_actions SET note = 'sudah diperiksa' WHERE id = " + std::to_string(victim);
    }
    recompute_every_hash();

    // The database alone now agrees with itself: without the secret the
    // rewrite is not seen.
    auto unkeyed = sopir_cli({ "audit", "verify" }, (m_dir / "tidak-ada.key").string());
    EXPECT_EQ(unkeyed.status, 0) << unkeyed.output;

    auto tampered = sopir_cli({ "audit", "verify", "--heads", heads }, m_secret_file);
    EXPECT_EQ(tampered.status, 1) << tampered.output;
    EXPECT_NE(tampered.output.find("baris aksi id " + std::to_string(victim) + " (tabel case_actions"), std::string::npos) << tampered.output;
    EXPECT_NE(tampered.output.find("MAC tidak cocok"), std::string::npos) << tampered.output;
    EXPECT_NE(tampered.output.find("ujung yang diekspor"), std::string::npos) << tampered.output;
}

TEST_P(AuditKeys, AMacStrippedFromAKeyedRowIsNamed)
{
    Timestamp now = 1'790'000'000;
    auto created = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, now);
    ASSERT_TRUE(created.ok());
    drive(*m_store, m_definition, m_staff, *created, "selesai", now);
    std::string const heads = (m_dir / "ujung.json").string();
    ASSERT_EQ(sopir_cli({ "audit", "export-heads", "--out", heads }, m_secret_file).status, 0);

    long long const victim = scalar("SELECT MIN(id) FROM case_actions WHERE action = 'rekam'");
    lift_trigger("case_actions_no_update", "case_actions");
    {
        auto lease = m_database->lease();
        lease.sql() << "UPDATE case_actions SET mac = NULL, note = 'ditulis ulang' WHERE id = " + std::to_string(victim);
    }
    recompute_every_hash();
    auto tampered = sopir_cli({ "audit", "verify", "--heads", heads }, m_secret_file);
    EXPECT_EQ(tampered.status, 1) << tampered.output;
    EXPECT_NE(tampered.output.find("baris aksi id " + std::to_string(victim) + " (tabel case_actions"), std::string::npos) << tampered.output;
    EXPECT_NE(tampered.output.find("tanpa MAC"), std::string::npos) << tampered.output;
}

TEST_P(AuditKeys, HeadsSignedByAnotherSecretOrEditedAreRefused)
{
    std::string const heads = (m_dir / "ujung.json").string();
    ASSERT_EQ(sopir_cli({ "audit", "export-heads", "--out", heads }, m_secret_file).status, 0);

    std::string const other = (m_dir / "lain.key").string();
    {
        std::ofstream out(other, std::ios::binary);
        out << std::string(k_seal_secret_bytes, 'x');
    }
    ::chmod(other.c_str(), 0600);
    auto foreign = sopir_cli({ "audit", "verify", "--heads", heads }, other);
    EXPECT_EQ(foreign.status, 1) << foreign.output;
    EXPECT_NE(foreign.output.find("tidak sah"), std::string::npos) << foreign.output;

    // A head's hash changed in the file (to match a rewritten database).
    std::ifstream in(heads);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto at = text.find("\"hash\": \"");
    ASSERT_NE(at, std::string::npos);
    text[at + 9] = text[at + 9] == '0' ? '1' : '0';
    std::ofstream(heads, std::ios::trunc) << text;
    auto edited = sopir_cli({ "audit", "verify", "--heads", heads }, m_secret_file);
    EXPECT_EQ(edited.status, 1) << edited.output;
    EXPECT_NE(edited.output.find("tidak sah"), std::string::npos) << edited.output;
}

TEST_P(AuditKeys, UserRoleOutageAndRevocationChangesAreChainedAndARewriteIsNamed)
{
    // The fixture's office and staff were recorded as security events.
    long long const before = scalar("SELECT COUNT(*) FROM security_events");
    EXPECT_GE(before, 2);
    auto outage = m_store->add_outage({ .office_id = m_office.id, .kind = "listrik", .note = "PLN padam", .started_at = 1'790'000'000,
                                          .recorded_by = m_staff.pelayanan },
        1'790'000'000);
    ASSERT_TRUE(outage.ok()) << outage.error().message;
    ASSERT_TRUE(m_store->end_outage(m_office.id, outage->id, 1'790'003'600, m_staff.pelayanan).ok());
    auto revoked = m_store->record_security_event({ .kind = "sesi.cabut", .actor_id = m_staff.camat, .subject = "pengguna 1", .at = 1'790'003'700 });
    ASSERT_TRUE(revoked.ok()) << revoked.error().message;
    EXPECT_EQ(revoked->seq, before + 3);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM security_events WHERE mac IS NOT NULL"), 3);
    auto report = m_store->verify_audit();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->breaks.empty());
    EXPECT_EQ(report->security_events, before + 3);

    std::string const heads = (m_dir / "ujung.json").string();
    ASSERT_EQ(sopir_cli({ "audit", "export-heads", "--out", heads }, m_secret_file).status, 0);

    // The outage's start rewritten, and the chain recomputed after it.
    long long const victim = scalar("SELECT id FROM security_events WHERE kind = 'gangguan.mulai'");
    lift_trigger("security_events_no_update", "security_events");
    {
        auto lease = m_database->lease();
        lease.sql() << "UPDATE security_events SET data = '{\"kind\":\"jaringan\"}' WHERE id = " + std::to_string(victim);
        std::string previous(k_genesis_hash);
        std::vector<std::pair<long long, SecurityEvent>> events;
        SecurityEvent event;
        long long id = 0, actor = 0, office = 0;
        soci::indicator actor_indicator, office_indicator;
        soci::statement statement = (lease.sql().prepare << "SELECT id, seq, kind, actor_id, office_id, subject, data, at FROM security_events ORDER BY seq",
            soci::into(id), soci::into(event.seq), soci::into(event.kind), soci::into(actor, actor_indicator), soci::into(office, office_indicator),
            soci::into(event.subject), soci::into(event.data_json), soci::into(event.at));
        statement.execute(false);
        while (statement.fetch()) {
            event.actor_id = actor_indicator == soci::i_ok ? actor : 0;
            event.office_id = office_indicator == soci::i_ok ? office : 0;
            events.emplace_back(id, event);
        }
        for (auto const& [row_id, row] : events) {
            previous = chain_hash_of(previous, canonical_encoding(row));
            lease.sql() << "UPDATE security_events SET hash = :h WHERE id = :id", soci::use(previous), soci::use(row_id);
        }
        lease.sql() << "UPDATE security_head SET hash = :h WHERE id = 1", soci::use(previous);
    }
    auto unkeyed = m_store->verify_audit();
    ASSERT_TRUE(unkeyed.ok());
    EXPECT_TRUE(unkeyed->breaks.empty()) << "the recomputation should fool the unkeyed walk";
    auto tampered = sopir_cli({ "audit", "verify", "--heads", heads }, m_secret_file);
    EXPECT_EQ(tampered.status, 1) << tampered.output;
    EXPECT_NE(tampered.output.find("baris peristiwa keamanan id " + std::to_string(victim) + " (tabel security_events"), std::string::npos)
        << tampered.output;
}

TEST_P(AuditKeys, TheAccessLogIsAppendOnlyAndChainedTablesRefuseTruncate)
{
    auto created = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, 1'790'000'000);
    ASSERT_TRUE(created.ok());
    ASSERT_TRUE(m_store->log_access(m_staff.pelayanan, created->id, "lihat", "127.0.0.1", 1'790'000'001).ok());
    auto lease = m_database->lease();
    EXPECT_ANY_THROW(lease.sql() << "UPDATE access_log SET purpose = 'lain'");
    EXPECT_ANY_THROW(lease.sql() << "DELETE FROM access_log");
    EXPECT_ANY_THROW(lease.sql() << "UPDATE security_events SET kind = 'lain'");
    EXPECT_ANY_THROW(lease.sql() << "DELETE FROM security_events");
    if (GetParam() == TestBackend::Postgresql) {
        for (char const* table : { "case_actions", "audit_heads", "security_events", "security_head", "access_log" }) {
            try {
                lease.sql() << "TRUNCATE " + std::string(table) + " CASCADE";
                ADD_FAILURE() << "TRUNCATE " << table << " was allowed";
            } catch (std::exception const& e) {
                EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << table << ": " << e.what();
            }
        }
    }
    long long n = 0;
    lease.sql() << "SELECT COUNT(*) FROM access_log", soci::into(n);
    EXPECT_EQ(n, 1);
}

TEST_P(AuditKeys, ASecretFileOthersCanReadOrASymlinkIsRefused)
{
    ::chmod(m_secret_file.c_str(), 0640);
    auto readable = sopir_cli({ "audit", "verify" }, m_secret_file);
    EXPECT_EQ(readable.status, 2) << readable.output;
    EXPECT_NE(readable.output.find("dapat dibaca oleh grup atau pengguna lain"), std::string::npos) << readable.output;
    EXPECT_NE(readable.output.find("chmod 600"), std::string::npos) << readable.output;

    ::chmod(m_secret_file.c_str(), 0600);
    std::string const link = (m_dir / "tautan.key").string();
    std::filesystem::create_symlink(m_secret_file, link);
    auto linked = sopir_cli({ "audit", "verify" }, link);
    EXPECT_EQ(linked.status, 2) << linked.output;
    EXPECT_NE(linked.output.find("tautan simbolik"), std::string::npos) << linked.output;
}
