// Numbers under concurrency, crashes, tampering, and backup under load: the
// "Done when" of the storage issue, on both databases.
#include "driver.hpp"
#include "fixture.hpp"
#include "process.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

using namespace sopir;
using namespace sopir::testing;

class Stress : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_definition = load_perekaman_ektp();
        auto office = m_store->add_office(candi_laras_utara_office(), 1);
        ASSERT_TRUE(office.ok()) << office.error().message;
        m_office = *office;
        m_staff = seed_staff(*m_store, m_office);
    }

    std::vector<long long> column(std::string const& query)
    {
        std::vector<long long> values;
        auto lease = m_database->lease();
        long long value = 0;
        soci::statement statement = (lease.sql().prepare << query, soci::into(value));
        statement.execute(false);
        while (statement.fetch())
            values.push_back(value);
        return values;
    }

    Finished sopir_cli(std::vector<std::string> arguments, std::string const& url)
    {
        arguments.insert(arguments.begin(), { SOPIR_BINARY, "--db", url });
        return run_to_end(arguments);
    }

    SopDefinition m_definition;
    Office m_office;
    Staff m_staff;
};
SOPIR_STORE_TEST_SUITE(Stress);

// 2,000 cases archived at once: 16 threads on SQLite, 4 processes × 8
// threads on PostgreSQL. The letter numbers must be exactly 1..2,000.
TEST_P(Stress, ConcurrentArchivingGivesGaplessUniqueNumbers)
{
    int const cases = 2000;
    auto prepared = run_to_end({ SOPIR_STRESS_BINARY, "prepare", m_scratch->url(), std::to_string(cases), "4" });
    ASSERT_EQ(prepared.status, 0) << prepared.output;

    int const processes = GetParam() == TestBackend::Sqlite ? 1 : 4;
    int const threads = GetParam() == TestBackend::Sqlite ? 16 : 8;
    std::vector<std::unique_ptr<ChildProcess>> archivers;
    for (int k = 0; k < processes; ++k)
        archivers.push_back(std::make_unique<ChildProcess>(std::vector<std::string> { SOPIR_STRESS_BINARY, "archive", m_scratch->url(),
            std::to_string(k), std::to_string(processes), std::to_string(threads) }));
    std::vector<long long> reported;
    for (auto& archiver : archivers) {
        ASSERT_EQ(archiver->wait(), 0) << archiver->output();
        std::istringstream lines(archiver->output());
        std::string word;
        long long id, number;
        while (lines >> word >> id >> number)
            reported.push_back(number);
    }
    std::sort(reported.begin(), reported.end());
    std::vector<long long> expected(cases);
    std::iota(expected.begin(), expected.end(), 1);
    EXPECT_EQ(reported, expected);

    EXPECT_EQ(column("SELECT number FROM register_entries WHERE register = 'agenda' ORDER BY number"), expected);
    // Every case holds exactly one letter number, and it is its own.
    EXPECT_EQ(column("SELECT COUNT(*) FROM cases WHERE letter_number IS NOT NULL AND state = 'penyerahan'"), std::vector<long long> { cases });
    EXPECT_EQ(column("SELECT COUNT(DISTINCT letter_number) FROM cases"), std::vector<long long> { cases });
    EXPECT_TRUE(column("SELECT case_id FROM register_entries WHERE register = 'agenda' GROUP BY case_id HAVING COUNT(*) > 1").empty());
    auto audit = m_store->verify_audit();
    ASSERT_TRUE(audit.ok());
    EXPECT_TRUE(audit->breaks.empty());
}

// A writer killed with SIGKILL at random moments, 20 times: whatever it
// reported as committed is there, the chains hold, numbers never repeat.
TEST_P(Stress, KilledWritersLoseNothingTheyCommitted)
{
    std::random_device device;
    unsigned const seed = device();
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> pause(20, 400);
    std::set<std::pair<long long, long long>> committed;
    for (int round = 0; round < 20; ++round) {
        ChildProcess writer({ SOPIR_STRESS_BINARY, "drive", m_scratch->url() });
        ASSERT_TRUE(writer.started());
        writer.read_for(pause(random));
        writer.kill_hard();
        writer.wait();
        std::istringstream lines(writer.output());
        std::string word;
        long long case_id, seq;
        while (lines >> word >> case_id >> seq)
            committed.insert({ case_id, seq });

        std::set<std::pair<long long, long long>> stored;
        {
            auto lease = m_database->lease();
            long long id = 0, s = 0;
            soci::statement statement = (lease.sql().prepare << "SELECT case_id, case_seq FROM case_actions", soci::into(id), soci::into(s));
            statement.execute(false);
            while (statement.fetch())
                stored.insert({ id, s });
        }
        for (auto const& action : committed)
            ASSERT_TRUE(stored.contains(action)) << "round " << round << " (seed " << seed << "): case " << action.first << " action " << action.second << " was reported committed but is gone";
        auto audit = m_store->verify_audit();
        ASSERT_TRUE(audit.ok());
        ASSERT_TRUE(audit->breaks.empty()) << "round " << round << " (seed " << seed << "): " << audit->breaks.front().chain;
        for (char const* register_id : { "register_ektp", "agenda" }) {
            auto numbers = column(std::string("SELECT number FROM register_entries WHERE register = '") + register_id + "' ORDER BY number");
            for (size_t i = 0; i < numbers.size(); ++i)
                ASSERT_EQ(numbers[i], static_cast<long long>(i) + 1) << register_id << ", round " << round << " (seed " << seed << ")";
        }
    }
    EXPECT_GT(committed.size(), 20u) << "the writer hardly ran; the test proved little";
}

TEST_P(Stress, AnEditedActionRowIsNamedByAuditVerify)
{
    Timestamp now = 1'790'000'000;
    for (int i = 0; i < 3; ++i) {
        auto created = m_store->create_case(m_definition, applicant(m_office.id, i), m_staff.pelayanan, now);
        ASSERT_TRUE(created.ok());
        drive(*m_store, m_definition, m_staff, *created, "selesai", now);
    }
    auto clean = sopir_cli({ "audit", "verify" }, m_scratch->url());
    EXPECT_EQ(clean.status, 0) << clean.output;
    EXPECT_NE(clean.output.find("Semua rantai utuh"), std::string::npos) << clean.output;

    long long const victim = column("SELECT id FROM case_actions WHERE action = 'paraf' ORDER BY id")[1];
    {
        // By hand, as someone with the database's password would: lift the
        // append-only trigger, then change who initialled the letter.
        auto lease = m_database->lease();
        if (GetParam() == TestBackend::Sqlite)
            lease.sql() << "DROP TRIGGER case_actions_no_update";
        else
            lease.sql() << "DROP TRIGGER case_actions_no_update ON case_actions";
        lease.sql() << "UPDATE case_actions SET note = 'sudah diperiksa' WHERE id = " + std::to_string(victim);
    }
    auto tampered = sopir_cli({ "audit", "verify" }, m_scratch->url());
    EXPECT_EQ(tampered.status, 1) << tampered.output;
    EXPECT_NE(tampered.output.find("baris aksi id " + std::to_string(victim) + " "), std::string::npos) << tampered.output;
}

TEST_P(Stress, BackupWhileWritingRestoresEveryCaseWithAValidChain)
{
    ChildProcess writer({ SOPIR_STRESS_BINARY, "drive", m_scratch->url() });
    ASSERT_TRUE(writer.started());
    // Let the writer get going; on a loaded machine (ctest -j) it may need
    // more than a moment before its first few actions are committed.
    writer.read_for(300);
    auto reported = [&] {
        std::string const so_far = writer.output();
        return std::count(so_far.begin(), so_far.end(), '\n');
    };
    for (int waited = 0; waited < 50 && reported() < 8; ++waited)
        writer.read_for(200);
    // What the writer reported before the backup started must be in it.
    std::string const before = writer.output();
    std::string const file = (std::filesystem::temp_directory_path() / ("sopir-backup-" + std::to_string(getpid()) + (GetParam() == TestBackend::Sqlite ? ".db" : ".dump"))).string();
    std::filesystem::remove(file);
    auto backup = sopir_cli({ "backup", file }, m_scratch->url());
    writer.read_for(200);
    writer.kill_hard();
    writer.wait();
    ASSERT_EQ(backup.status, 0) << backup.output;

    std::string skip;
    auto target = ScratchDatabase::create(GetParam(), skip);
    ASSERT_TRUE(target) << skip;
    auto restore = sopir_cli({ "restore", file }, target->url());
    std::filesystem::remove(file);
    ASSERT_EQ(restore.status, 0) << restore.output;
    auto verify = sopir_cli({ "audit", "verify" }, target->url());
    EXPECT_EQ(verify.status, 0) << verify.output;

    auto url = store::parse_database_url(target->url());
    auto restored = store::Database::open(*url, 1);
    ASSERT_TRUE(restored.ok());
    std::set<std::pair<long long, long long>> present;
    {
        auto lease = (*restored)->lease();
        long long id = 0, seq = 0;
        soci::statement statement = (lease.sql().prepare << "SELECT case_id, case_seq FROM case_actions", soci::into(id), soci::into(seq));
        statement.execute(false);
        while (statement.fetch())
            present.insert({ id, seq });
    }
    std::istringstream lines(before);
    std::string word;
    long long case_id, seq;
    int checked = 0;
    while (lines >> word >> case_id >> seq) {
        EXPECT_TRUE(present.contains({ case_id, seq })) << "case " << case_id << " action " << seq;
        ++checked;
    }
    EXPECT_GT(checked, 5) << "the writer hardly ran before the backup";
}
