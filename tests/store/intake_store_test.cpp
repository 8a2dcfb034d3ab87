// What intake hardening keeps (0011), on both databases: the status check's
// PIN and its wrong tries, the answers of Idempotency-Keys, the append-only
// log of bulk reads; and on SQLite, database and backup files readable by
// their owner only under umask 022.
#include "office_fixture.hpp"

#include "store/backup.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

using namespace sopir;
using namespace sopir::testing;

class IntakeStore : public OfficeStoreTest { };
SOPIR_STORE_TEST_SUITE(IntakeStore);

TEST_P(IntakeStore, StatusPinIsReplacedAndItsWrongTriesCountedAndCleared)
{
    auto created = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, 1000);
    ASSERT_TRUE(created.ok()) << created.error().message;
    auto none = m_store->status_pin(created->id);
    ASSERT_TRUE(none.ok()) << none.error().message;
    EXPECT_EQ(none->hash, "") << "a case made before PINs has none";
    ASSERT_TRUE(m_store->set_status_pin(created->id, "b2:first").ok());
    EXPECT_EQ(*m_store->count_status_pin_failure(created->id), 1);
    EXPECT_EQ(*m_store->count_status_pin_failure(created->id), 2);
    EXPECT_EQ(m_store->status_pin(created->id)->failures, 2);
    ASSERT_TRUE(m_store->set_status_pin(created->id, "b2:second").ok());
    EXPECT_EQ(m_store->status_pin(created->id)->hash, "b2:second");
    EXPECT_EQ(m_store->status_pin(created->id)->failures, 0);
    EXPECT_EQ(m_store->set_status_pin(created->id + 1000, "x").error().kind, ErrorKind::NotFound);
}

TEST_P(IntakeStore, IdempotencyKeyIsClaimedOnceAnsweredAndExpires)
{
    Id const user = m_staff.pelayanan;
    Id const other = m_staff.kasi;
    auto first = m_store->claim_idempotency_key(user, "k1", "fp", 1000, 0);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_FALSE(*first) << "claimed now";
    auto running = m_store->claim_idempotency_key(user, "k1", "fp", 1001, 0);
    ASSERT_TRUE(running.ok() && *running);
    EXPECT_EQ((*running)->status, 0) << "still running";
    EXPECT_FALSE(*m_store->claim_idempotency_key(other, "k1", "fp", 1001, 0)) << "another user's key";
    ASSERT_TRUE(m_store->finish_idempotency_key(user, "k1", 201, "/api/v1/cases/7", "{\"id\":7}").ok());
    auto answered = m_store->claim_idempotency_key(user, "k1", "fp", 1002, 0);
    ASSERT_TRUE(answered.ok() && *answered);
    EXPECT_EQ((*answered)->status, 201);
    EXPECT_EQ((*answered)->location, "/api/v1/cases/7");
    EXPECT_EQ((*answered)->body, "{\"id\":7}");
    EXPECT_EQ((*answered)->fingerprint, "fp");
    // A released claim (the request had no effect) may be claimed again;
    // an answered one is not released.
    ASSERT_TRUE(m_store->release_idempotency_key(user, "k1").ok());
    EXPECT_TRUE(*m_store->claim_idempotency_key(user, "k1", "fp", 1003, 0));
    ASSERT_TRUE(m_store->release_idempotency_key(other, "k1").ok());
    EXPECT_FALSE(*m_store->claim_idempotency_key(other, "k1", "fp", 1003, 0));
    // A day later the answer is gone.
    EXPECT_FALSE(*m_store->claim_idempotency_key(user, "k1", "fp", 1000 + 86401, 1001));
}

TEST_P(IntakeStore, BulkReadsAreLoggedAndTheLogIsAppendOnly)
{
    Id const user = m_staff.pelayanan;
    ASSERT_TRUE(m_store->log_bulk_access({ .user_id = user, .office_id = m_office.id, .what = "register register_ektp (xlsx)", .rows = 42, .address = "10.0.0.7", .at = 5000 })
                    .ok());
    EXPECT_EQ(count("SELECT COUNT(*) FROM bulk_access_log WHERE row_count = 42 AND address = '10.0.0.7' AND what LIKE 'register%'"), 1);
    auto lease = m_database->lease();
    EXPECT_ANY_THROW(lease.sql() << "UPDATE bulk_access_log SET row_count = 1");
    EXPECT_ANY_THROW(lease.sql() << "DELETE FROM bulk_access_log");
}

// Personal data and password hashes: new database files and backups are
// 0600 whatever the umask.
TEST(PrivateFiles, DatabaseWalShmAndBackupAreOwnerOnlyUnderUmask022)
{
    auto const dir = std::filesystem::temp_directory_path() / ("sopir-modes-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    mode_t const previous = ::umask(022);
    auto mode_of = [](std::filesystem::path const& path) {
        struct stat info { };
        EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
        return info.st_mode & 0777;
    };
    {
        auto url = store::parse_database_url("sqlite://" + (dir / "sopir.db").string());
        ASSERT_TRUE(url.ok());
        auto database = store::Database::open_and_migrate(*url, 2);
        ASSERT_TRUE(database.ok()) << database.error().message;
        auto store = store::make_soci_store(**database);
        ASSERT_TRUE(store->add_office(candi_laras_utara_office(), 1000).ok());
        EXPECT_EQ(mode_of(dir / "sopir.db"), 0600u);
        EXPECT_EQ(mode_of(dir / "sopir.db-wal"), 0600u);
        EXPECT_EQ(mode_of(dir / "sopir.db-shm"), 0600u);
        ASSERT_TRUE(store::backup_sqlite(**database, (dir / "cadangan.db").string()).ok());
        EXPECT_EQ(mode_of(dir / "cadangan.db"), 0600u);
    }
    ::umask(previous);
    std::filesystem::remove_all(dir);
}
