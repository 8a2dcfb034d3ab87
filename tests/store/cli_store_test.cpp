// The seed commands through the real binary, on both databases.
#include "driver.hpp"
#include "fixture.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <set>

using namespace sopir;
using namespace sopir::testing;

namespace {

struct Shell {
    int status;
    std::string output;
};

std::string quote(std::string const& text)
{
    std::string quoted = "'";
    for (char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// Runs `sopir --db URL ARGS…` with `input` on its standard input.
Shell run_sopir(std::string const& url, std::vector<std::string> const& arguments, std::string const& input = "")
{
    std::string command = "printf '%s\\n' " + quote(input) + " | " + quote(SOPIR_BINARY) + " --db " + quote(url);
    for (auto const& argument : arguments)
        command += " " + quote(argument);
    command += " 2>&1";
    Shell result { -1, {} };
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), n);
    int const status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}

class SeedCommands : public StoreTest { };
SOPIR_STORE_TEST_SUITE(SeedCommands);

TEST_P(SeedCommands, OfficeAddTakesNamesFromTheRegionData)
{
    auto added = run_sopir(m_scratch->url(), { "office", "add", "--code", "63.05.06", "--place", "Margasari", "--paper", "F4" });
    ASSERT_EQ(added.status, 0) << added.output;
    auto office = m_store->office_by_code("63.05.06");
    ASSERT_TRUE(office.ok());
    EXPECT_EQ(office->name, "Candi Laras Utara");
    EXPECT_EQ(office->regency, "Kabupaten Tapin");
    EXPECT_EQ(office->province, "Kalimantan Selatan");
    EXPECT_EQ(office->address, "Kecamatan Candi Laras Utara, Kabupaten Tapin, Kalimantan Selatan");
    EXPECT_EQ(office->unit_code, "CLU");
    EXPECT_EQ(office->paper_size, PaperSize::F4);
    EXPECT_EQ(office->utc_offset_minutes, 480);
    EXPECT_EQ(office->place_name, "Margasari");

    auto twice = run_sopir(m_scratch->url(), { "office", "add", "--code", "63.05.06" });
    EXPECT_EQ(twice.status, 2);
    EXPECT_NE(twice.output.find("sudah ada"), std::string::npos) << twice.output;

    auto unknown = run_sopir(m_scratch->url(), { "office", "add", "--code", "63.05.99" });
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.output.find("tidak ada di data wilayah"), std::string::npos) << unknown.output;

    auto bad_age = run_sopir(m_scratch->url(), { "office", "add", "--code", "63.05.05", "--min-age", "15" });
    EXPECT_EQ(bad_age.status, 2);
    EXPECT_NE(bad_age.output.find("Umur minimal"), std::string::npos) << bad_age.output;
}

TEST_P(SeedCommands, UserAddWithAnActingAssignmentAndAHashedPassword)
{
    ASSERT_EQ(run_sopir(m_scratch->url(), { "office", "add", "--code", "63.05.06" }).status, 0);
    auto added = run_sopir(m_scratch->url(), { "user", "add", "--office", "63.05.06", "--username", "alamsyah", "--name", "ALAMSYAH, S.Pd",
                                             "--nip", "19690312 199211 1 001", "--pangkat", "Pembina (IV/a)", "--role", "camat,kasi_pemerintahan",
                                             "--acting", "plt", "--from", "2026-01-01", "--until", "2026-12-31", "--password-stdin" },
        "kata-sandi-camat");
    ASSERT_EQ(added.status, 0) << added.output;
    auto user = m_store->user_by_username("alamsyah");
    ASSERT_TRUE(user.ok());
    EXPECT_EQ(user->nip, "196903121992111001");
    EXPECT_TRUE(user->password_hash.starts_with("$argon2id$"));
    EXPECT_EQ(user->password_hash.find("kata-sandi-camat"), std::string::npos);
    auto roles = m_store->role_assignments(user->id);
    ASSERT_EQ(roles->size(), 2u);
    EXPECT_EQ((*roles)[0].acting, Acting::Plt);
    EXPECT_EQ((*roles)[0].valid_until, (Date { 2026, 12, 31 }));

    struct Case { std::vector<std::string> arguments; char const* says; };
    Case const refused[] = {
        { .arguments = { "--username", "x", "--name", "X", "--role", "lurah" }, .says = "Peran 'lurah' tidak dikenal" },
        { .arguments = { "--username", "x", "--name", "X", "--role", "camat", "--nip", "123" }, .says = "NIP harus 18 digit" },
        { .arguments = { "--username", "x", "--name", "X", "--role", "camat", "--acting", "plh" }, .says = "perlu --from dan --until" },
        { .arguments = { "--username", "alamsyah", "--name", "X", "--role", "camat" }, .says = "sudah dipakai" },
    };
    for (auto const& c : refused) {
        std::vector<std::string> arguments { "user", "add", "--office", "63.05.06", "--password-stdin" };
        arguments.insert(arguments.end(), c.arguments.begin(), c.arguments.end());
        auto result = run_sopir(m_scratch->url(), arguments, "kata-sandi-panjang");
        EXPECT_EQ(result.status, 2) << result.output;
        EXPECT_NE(result.output.find(c.says), std::string::npos) << result.output;
    }
    auto short_password = run_sopir(m_scratch->url(), { "user", "add", "--office", "63.05.06", "--username", "y", "--name", "Y", "--role", "camat", "--password-stdin" }, "pendek");
    EXPECT_EQ(short_password.status, 2);
    EXPECT_NE(short_password.output.find("minimal 10 karakter"), std::string::npos) << short_password.output;
    EXPECT_EQ(*m_store->count_users(), 1);
}

TEST_P(SeedCommands, UserAddMakesAKabupatenSupervisorWithNoOfficeRole)
{
    auto added = run_sopir(m_scratch->url(), { "user", "add", "--kabupaten", "63.05", "--username", "pengawas", "--name", "NOOR HIDAYAH",
                                             "--password-stdin" },
        "kata-sandi-pengawas");
    ASSERT_EQ(added.status, 0) << added.output;
    auto user = m_store->user_by_username("pengawas");
    ASSERT_TRUE(user.ok());
    EXPECT_TRUE(m_store->role_assignments(user->id)->empty());
    EXPECT_EQ(*m_store->supervised_regencies(user->id), std::vector<std::string> { "63.05" });

    struct Case { std::vector<std::string> arguments; char const* says; };
    Case const refused[] = {
        { .arguments = { "--kabupaten", "63.05.06" }, .says = "bukan kode kabupaten" },
        { .arguments = { "--kabupaten", "99.99" }, .says = "bukan kode kabupaten" },
        { .arguments = { "--kabupaten", "63.05", "--role", "camat" }, .says = "tanpa --office dan --role" },
        { .arguments = {}, .says = "--kabupaten untuk pengawas" },
    };
    for (auto const& c : refused) {
        std::vector<std::string> arguments { "user", "add", "--username", "x", "--name", "X", "--password-stdin" };
        arguments.insert(arguments.end(), c.arguments.begin(), c.arguments.end());
        auto result = run_sopir(m_scratch->url(), arguments, "kata-sandi-panjang");
        EXPECT_EQ(result.status, 2) << result.output;
        EXPECT_NE(result.output.find(c.says), std::string::npos) << result.output;
    }
    EXPECT_EQ(*m_store->count_users(), 1);
}

TEST_P(SeedCommands, DemoSeedsOneAccountPerRoleOnceOnly)
{
    auto demo = run_sopir(m_scratch->url(), { "demo" });
    ASSERT_EQ(demo.status, 0) << demo.output;
    // The seed's officials by their office names, every other role of sops/
    // by its id, and the kabupaten's supervisor: one account per role.
    for (char const* username : { "pelayanan", "operator_ektp", "kasi", "camat", "pengadministrasi", "pemohon", "pengawas" })
        EXPECT_TRUE(m_store->user_by_username(username).ok()) << username;
    std::set<std::string> roles;
    for (auto const& entry : std::filesystem::directory_iterator(std::string(SOPIR_SOURCE_DIR) + "/sops"))
        for (auto const& role : load_source_sop("sops/" + entry.path().filename().string()).roles)
            roles.insert(role.id);
    EXPECT_EQ(*m_store->count_users(), static_cast<std::int64_t>(roles.size()) + 1);
    EXPECT_NE(demo.output.find("camat"), std::string::npos);
    // The kabupaten's supervisor holds no office role.
    auto supervisor = m_store->user_by_username("pengawas");
    ASSERT_TRUE(supervisor.ok());
    EXPECT_TRUE(m_store->role_assignments(supervisor->id)->empty());
    EXPECT_EQ(*m_store->supervised_regencies(supervisor->id), std::vector<std::string> { "63.05" });
    auto again = run_sopir(m_scratch->url(), { "demo" });
    EXPECT_EQ(again.status, 2);
    EXPECT_NE(again.output.find("sudah berisi pengguna"), std::string::npos) << again.output;
    EXPECT_EQ(*m_store->count_users(), static_cast<std::int64_t>(roles.size()) + 1);
}

TEST_P(SeedCommands, DbMigrateAndVersion)
{
    auto migrate = run_sopir(m_scratch->url(), { "db", "migrate" });
    EXPECT_EQ(migrate.status, 0) << migrate.output;
    auto version = run_sopir(m_scratch->url(), { "db", "version" });
    EXPECT_EQ(version.status, 0);
    EXPECT_NE(version.output.find("versi skema " + std::to_string(store::latest_schema_version())), std::string::npos) << version.output;
}
