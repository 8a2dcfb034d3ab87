#pragma once
// Every storage test runs on SQLite and on PostgreSQL. SQLite gets a fresh
// file per test; PostgreSQL a fresh database on the server that scripts/test
// starts on loopback (SOPIR_TEST_PG_URL). Without that server the PostgreSQL
// cases are skipped, unless SOPIR_REQUIRE_PG=1 (set by scripts/test) makes
// its absence a failure.

#include "store/database.hpp"
#include "store/soci_store.hpp"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

namespace sopir::testing {

enum class TestBackend { Sqlite, Postgresql };

// Names the parameter in test listings ("…/sqlite") instead of its bytes.
inline void PrintTo(TestBackend backend, std::ostream* out)
{
    *out << (backend == TestBackend::Sqlite ? "sqlite" : "postgresql");
}

inline std::string backend_name(::testing::TestParamInfo<TestBackend> const& info)
{
    return info.param == TestBackend::Sqlite ? "sqlite" : "postgresql";
}

inline char const* env(char const* name)
{
    char const* value = std::getenv(name);
    return value && *value ? value : nullptr;
}

// A database that exists for one test and is removed after it.
class ScratchDatabase {
public:
    // Returns nullptr (with `skip_reason` set) when the backend is not there.
    static std::unique_ptr<ScratchDatabase> create(TestBackend backend, std::string& skip_reason)
    {
        static std::atomic<int> counter { 0 };
        std::string const unique = std::to_string(getpid()) + "_" + std::to_string(counter++);
        auto scratch = std::unique_ptr<ScratchDatabase>(new ScratchDatabase);
        scratch->m_backend = backend;
        if (backend == TestBackend::Sqlite) {
            scratch->m_dir = std::filesystem::temp_directory_path() / ("sopir-test-" + unique);
            std::filesystem::remove_all(scratch->m_dir);
            std::filesystem::create_directories(scratch->m_dir);
            scratch->m_url = "sqlite://" + (scratch->m_dir / "sopir.db").string();
            return scratch;
        }
        char const* admin = env("SOPIR_TEST_PG_URL");
        if (!admin) {
            skip_reason = "SOPIR_TEST_PG_URL is not set (scripts/test starts a PostgreSQL server and sets it)";
            return nullptr;
        }
        scratch->m_admin_url = admin;
        scratch->m_name = "sopir_t_" + unique;
        soci::session sql(soci::postgresql, *store::postgresql_url_to_conninfo(scratch->m_admin_url));
        sql << "SET client_min_messages = warning";
        sql << "DROP DATABASE IF EXISTS " + scratch->m_name;
        sql << "CREATE DATABASE " + scratch->m_name + " TEMPLATE template0";
        std::string base = scratch->m_admin_url.substr(0, scratch->m_admin_url.rfind('/'));
        scratch->m_url = base + "/" + scratch->m_name;
        return scratch;
    }

    ~ScratchDatabase()
    {
        try {
            if (m_backend == TestBackend::Sqlite) {
                std::filesystem::remove_all(m_dir);
            } else {
                soci::session sql(soci::postgresql, *store::postgresql_url_to_conninfo(m_admin_url));
                sql << "DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)";
            }
        } catch (...) {
        }
    }

    std::string const& url() const { return m_url; }
    std::filesystem::path const& dir() const { return m_dir; }
    TestBackend backend() const { return m_backend; }

private:
    ScratchDatabase() = default;
    TestBackend m_backend { TestBackend::Sqlite };
    std::string m_url;
    std::string m_admin_url;
    std::string m_name;
    std::filesystem::path m_dir;
};

// A fixture with a migrated scratch database and a store over it.
class StoreTest : public ::testing::TestWithParam<TestBackend> {
protected:
    void SetUp() override
    {
        std::string skip_reason;
        m_scratch = ScratchDatabase::create(GetParam(), skip_reason);
        if (!m_scratch) {
            if (env("SOPIR_REQUIRE_PG"))
                FAIL() << skip_reason;
            GTEST_SKIP() << skip_reason;
        }
        auto url = store::parse_database_url(m_scratch->url());
        ASSERT_TRUE(url.ok()) << url.error().message;
        m_url = *url;
        auto database = store::Database::open_and_migrate(m_url, 4);
        ASSERT_TRUE(database.ok()) << database.error().message;
        m_database = std::move(*database);
        m_store = store::make_soci_store(*m_database);
    }

    void TearDown() override
    {
        m_store.reset();
        m_database.reset();
        m_scratch.reset();
    }

    store::DatabaseUrl m_url;
    std::unique_ptr<ScratchDatabase> m_scratch;
    std::unique_ptr<store::Database> m_database;
    std::unique_ptr<store::Store> m_store;
};

#define SOPIR_STORE_TEST_SUITE(Suite) \
    INSTANTIATE_TEST_SUITE_P(Both, Suite, ::testing::Values(::sopir::testing::TestBackend::Sqlite, ::sopir::testing::TestBackend::Postgresql), ::sopir::testing::backend_name)

}
