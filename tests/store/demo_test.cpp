// `sopir demo --cases`: the generator and the bulk import, on both databases.
#include "app/demo_data.hpp"
#include "core/identity.hpp"
#include "core/workflow.hpp"
#include "driver.hpp"
#include "fixture.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <map>
#include <set>

using namespace sopir;
using namespace sopir::testing;

namespace {

// 2026-11-23 (a Monday) 11:00 WITA.
constexpr Timestamp k_now = 20780LL * 86400 + 3 * 3600;

std::vector<Region> demo_villages()
{
    return { { "63.05.06.2001", "Margasari Hilir", RegionLevel::Village, "63.05.06" },
        { "63.05.06.2004", "Margasari Ulu", RegionLevel::Village, "63.05.06" },
        { "63.05.06.2009", "Sungai Puting", RegionLevel::Village, "63.05.06" } };
}

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

Shell run_sopir(std::string const& url, std::vector<std::string> const& arguments)
{
    std::string command = quote(SOPIR_BINARY) + " --db " + quote(url);
    for (auto const& argument : arguments)
        command += " " + quote(argument);
    command += " 2>&1 </dev/null";
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

class DemoCases : public StoreTest {
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

    app::DemoOptions options(std::int64_t cases, int days, std::uint64_t seed)
    {
        return { .cases = cases, .days = days, .seed = seed, .now = k_now, .office = m_office, .villages = demo_villages(),
            .staff = { .pelayanan = m_staff.pelayanan, .operator_ektp = m_staff.operator_ektp, .kasi = m_staff.kasi,
                .camat = m_staff.camat, .arsip = m_staff.arsip },
            .batch_size = 64 };
    }

    std::vector<std::string> column(std::string const& query)
    {
        auto lease = m_database->lease();
        std::vector<std::string> out;
        std::string value;
        soci::statement statement = (lease.sql().prepare << query, soci::into(value));
        statement.execute(false);
        while (statement.fetch())
            out.push_back(value);
        return out;
    }

    SopDefinition m_definition;
    Office m_office;
    Staff m_staff;
};
SOPIR_STORE_TEST_SUITE(DemoCases);

// The cases the demo leaves mid-step are the newest, no more than a day
// brings: five a day over four hundred days once left two days' worth, and
// at a million cases twelve days' (the dashboard then showed thousands of
// files very late in their steps).
TEST_P(DemoCases, LeavesMidStepOnlyTheLastDaysCases)
{
    app::DemoGenerator generator(m_definition, options(2000, 400, 11));
    auto report = m_store->import_history(m_definition, generator.source());
    ASSERT_TRUE(report.ok()) << report.error().message;
    int mid_step = 0;
    for (auto const& row : column("SELECT state || '|' || CAST(created_at AS TEXT) FROM cases")) {
        auto const bar = row.find('|');
        std::string const state = row.substr(0, bar);
        if (!m_definition.find_step(state))
            continue;
        ++mid_step;
        EXPECT_EQ(local_date(std::stoll(row.substr(bar + 1)), m_office.utc_offset_minutes), generator.last_day()) << state;
    }
    EXPECT_GE(mid_step, 3);
    EXPECT_LE(mid_step, 5);
}

TEST_P(DemoCases, ThreeHundredCasesOverTwentyDaysHoldEveryRule)
{
    app::DemoGenerator generator(m_definition, options(300, 20, 7));
    auto report = m_store->import_history(m_definition, generator.source());
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->cases, 300);
    EXPECT_GT(report->transactions, 3);
    EXPECT_EQ(column("SELECT CAST(COUNT(*) AS TEXT) FROM cases"), std::vector<std::string> { "300" });

    auto audit = m_store->verify_audit();
    ASSERT_TRUE(audit.ok()) << audit.error().message;
    EXPECT_TRUE(audit->breaks.empty()) << audit->breaks.front().chain;
    EXPECT_EQ(audit->cases, 300);
    EXPECT_EQ(audit->rows, report->actions);

    // Both registers gapless from 1, in order of time, and on the cases.
    std::map<std::string, int> taken;
    for (char const* register_id : { "register_ektp", "agenda" }) {
        auto entries = m_store->register_entries(m_office.id, register_id, 2026);
        ASSERT_TRUE(entries.ok());
        ASSERT_FALSE(entries->empty()) << register_id;
        for (std::size_t i = 0; i < entries->size(); ++i) {
            auto const& entry = (*entries)[i];
            EXPECT_EQ(entry.number, static_cast<std::int64_t>(i) + 1) << register_id;
            if (i > 0) {
                EXPECT_GE(entry.taken_at, (*entries)[i - 1].taken_at) << register_id << " " << entry.number;
            }
            auto found = m_store->case_by_id(entry.case_id);
            ASSERT_TRUE(found.ok());
            EXPECT_EQ(std::string(register_id) == "agenda" ? found->letter_number : found->registration_number, entry.formatted);
        }
        taken[register_id] = static_cast<int>(entries->size());
    }
    EXPECT_GE(taken["register_ektp"], taken["agenda"]);
    EXPECT_EQ(column("SELECT last_value FROM sequences WHERE register = 'register_ektp'"),
        std::vector<std::string> { std::to_string(taken["register_ektp"]) });

    // Every history passes the engine again, within office hours, and the
    // case row agrees with its history.
    std::map<std::string, int> actions, states;
    int resubmitted = 0;
    for (Id id = 1; id <= 300; ++id) {
        auto found = m_store->case_by_id(id);
        ASSERT_TRUE(found.ok());
        auto log = m_store->case_actions(id);
        ASSERT_TRUE(log.ok());
        ASSERT_FALSE(log->empty());
        EXPECT_EQ(log->front().action, store::k_create_action);
        CaseSnapshot snapshot { .state = m_definition.initial_step, .created_at = found->created_at };
        Timestamp previous = found->created_at;
        for (std::size_t i = 1; i < log->size(); ++i) {
            auto const& row = (*log)[i];
            EXPECT_TRUE(app::within_demo_office_hours(row.at, m_office.utc_offset_minutes)) << "case " << id << " " << row.action;
            EXPECT_LE(row.at, k_now);
            EXPECT_GE(row.at, previous);
            previous = row.at;
            auto assignments = m_store->role_assignments(row.actor_id);
            ASSERT_TRUE(assignments.ok());
            Actor actor { .user_id = std::to_string(row.actor_id) };
            for (auto const& assignment : *assignments)
                actor.roles.insert(assignment.role);
            ActionData data { .note = row.note, .reasons = row.reasons };
            auto fields = nlohmann::json::parse(row.data_json);
            for (auto const& [name, value] : fields.items())
                if (name != "nomor")
                    data.fields[name] = value.get<std::string>();
            auto transition = apply_action(m_definition, snapshot, row.action, actor, data);
            ASSERT_TRUE(transition.ok()) << "case " << id << " " << row.action << ": " << transition.error().message;
            EXPECT_EQ(transition->to_state, row.to_state);
            snapshot.history.push_back({ row.action, row.from_state, row.to_state, actor.user_id, row.at });
            snapshot.state = row.to_state;
            ++actions[row.action];
            if (row.action == "ajukan_ulang")
                ++resubmitted;
        }
        EXPECT_TRUE(app::within_demo_office_hours(found->created_at, m_office.utc_offset_minutes));
        EXPECT_EQ(found->state, snapshot.state);
        EXPECT_EQ(found->version, static_cast<std::int64_t>(log->size()));
        ++states[found->state];
    }
    EXPECT_GT(actions["kembalikan"], 5);
    EXPECT_GT(resubmitted, 2);
    EXPECT_GT(actions["tunda"], 2);
    EXPECT_EQ(actions["tunda"], actions["lanjutkan"] + states["tertunda"]);
    EXPECT_GT(actions["perbaiki"], 0);
    EXPECT_GT(states["selesai"], 200);
    int in_progress = 0;
    for (auto const& [state, count] : states)
        if (state != "selesai" && state != "dikembalikan")
            in_progress += count;
    EXPECT_GE(in_progress, 3);

    // The demo cases carry numbers but no letters.
    EXPECT_EQ(column("SELECT CAST(COUNT(*) AS TEXT) FROM letters"), std::vector<std::string> { "0" });

    // The normal path goes on from where the import left off.
    Case fresh = *m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, k_now + 60);
    EXPECT_EQ(fresh.id, 301);
    Timestamp at = k_now + 120;
    Case done = drive(*m_store, m_definition, m_staff, fresh, "selesai", at);
    EXPECT_EQ(done.registration_number.substr(0, 4), (std::to_string(taken["register_ektp"] + 1 + 10000)).substr(1));
    auto after = m_store->verify_audit();
    ASSERT_TRUE(after.ok());
    EXPECT_TRUE(after->breaks.empty());
}

TEST_P(DemoCases, TheSameSeedGivesTheSameCases)
{
    auto digest = [&](std::uint64_t seed) {
        app::DemoGenerator generator(m_definition, options(120, 10, seed));
        std::string text;
        for (;;) {
            auto batch = generator.next_batch();
            EXPECT_TRUE(batch.ok());
            if (!batch.ok() || batch->empty())
                break;
            for (auto const& each : *batch) {
                text += each.data.nik + each.data.applicant_json + std::to_string(each.created_at);
                for (auto const& action : each.actions)
                    text += action.action_id + std::to_string(action.at) + action.note;
            }
        }
        return text;
    };
    std::string const first = digest(42);
    EXPECT_FALSE(first.empty());
    EXPECT_EQ(first, digest(42));
    EXPECT_NE(first, digest(43));
}

TEST_P(DemoCases, NiksAndKkNumbersAreOfTheKecamatan)
{
    app::DemoGenerator generator(m_definition, options(200, 10, 3));
    auto batch = generator.next_batch();
    ASSERT_TRUE(batch.ok());
    ASSERT_FALSE(batch->empty());
    for (auto const& each : *batch) {
        auto nik = check_nik(each.data.nik, { .today = { 2026, 11, 23 } });
        EXPECT_TRUE(nik.valid) << each.data.nik;
        EXPECT_EQ(nik.region_code, "63.05.06");
        ASSERT_TRUE(nik.birth_date.has_value());
        EXPECT_EQ(nik.birth_date, each.data.birth_date);
        int const age = age_on(*each.data.birth_date, { 2026, 11, 23 });
        EXPECT_GE(age, 17);
        EXPECT_LE(age, 71);
        auto applicant = nlohmann::json::parse(each.data.applicant_json);
        auto documents = nlohmann::json::parse(each.data.documents_json);
        auto kk = check_kk(applicant["kk"].get<std::string>(), { .today = { 2026, 11, 23 } });
        EXPECT_TRUE(kk.valid) << applicant["kk"];
        EXPECT_EQ(documents["kartu_keluarga"]["number"], applicant["kk"]);
        EXPECT_EQ(applicant["sex"] == "P", nik.sex == Sex::Perempuan);
        EXPECT_EQ(each.data.village_code.substr(0, 9), "63.05.06.");
    }
}

class DemoCommand : public StoreTest { };
SOPIR_STORE_TEST_SUITE(DemoCommand);

TEST_P(DemoCommand, DemoWithCasesPassesTheAudit)
{
    auto demo = run_sopir(m_scratch->url(), { "demo", "--cases", "200", "--days", "10" });
    ASSERT_EQ(demo.status, 0) << demo.output;
    EXPECT_NE(demo.output.find("Kasus demo: 200"), std::string::npos) << demo.output;
    auto verified = run_sopir(m_scratch->url(), { "audit", "verify" });
    EXPECT_EQ(verified.status, 0) << verified.output;
    EXPECT_NE(verified.output.find("Semua rantai utuh"), std::string::npos) << verified.output;
}
