// `sopir demo --cases`: the generator and the bulk import, on both databases.
#include "app/demo_data.hpp"
#include "core/identity.hpp"
#include "core/workflow.hpp"
#include "driver.hpp"
#include "fixture.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
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
        m_catalog = { m_definition };
        auto office = m_store->add_office(candi_laras_utara_office(), 1);
        ASSERT_TRUE(office.ok()) << office.error().message;
        m_office = *office;
        m_staff = seed_staff(*m_store, m_office);
    }

    app::DemoOptions options(std::int64_t cases, int days, std::uint64_t seed)
    {
        return { .cases = cases, .days = days, .seed = seed, .now = k_now, .office = m_office, .villages = demo_villages(),
            .staff = { { "petugas_pelayanan", m_staff.pelayanan }, { "operator_ektp", m_staff.operator_ektp },
                { "kasi_pemerintahan", m_staff.kasi }, { "camat", m_staff.camat }, { "pengadministrasi", m_staff.arsip } },
            .batch_size = 64 };
    }

    struct Replayed {
        std::map<std::string, int> actions, states;            // By id, across services.
        std::map<std::string, std::map<std::string, int>> ended; // By service: cases by state.
    };

    // Replays every case 1..`cases` through the engine with its service's
    // definition and checks it stays within office hours, in time order,
    // done by the roles the actors hold, the case row agreeing with its
    // history.
    Replayed replay(Id cases)
    {
        Replayed out;
        for (Id id = 1; id <= cases; ++id) {
            auto found = m_store->case_by_id(id);
            EXPECT_TRUE(found.ok());
            if (!found.ok())
                continue;
            auto definition = std::find_if(m_catalog.begin(), m_catalog.end(), [&](SopDefinition const& each) { return each.id == found->service_id; });
            EXPECT_NE(definition, m_catalog.end()) << found->service_id;
            auto log = m_store->case_actions(id);
            EXPECT_TRUE(log.ok() && !log->empty());
            if (definition == m_catalog.end() || !log.ok() || log->empty())
                continue;
            EXPECT_EQ(log->front().action, store::k_create_action);
            CaseSnapshot snapshot { .state = definition->initial_step, .created_at = found->created_at };
            Timestamp previous = found->created_at;
            for (std::size_t i = 1; i < log->size(); ++i) {
                auto const& row = (*log)[i];
                EXPECT_TRUE(app::within_demo_office_hours(row.at, m_office.utc_offset_minutes)) << "case " << id << " " << row.action;
                EXPECT_LE(row.at, k_now);
                EXPECT_GE(row.at, previous);
                previous = row.at;
                auto assignments = m_store->role_assignments(row.actor_id);
                EXPECT_TRUE(assignments.ok());
                Actor actor { .user_id = std::to_string(row.actor_id) };
                for (auto const& assignment : assignments.ok() ? *assignments : std::vector<RoleAssignment> {})
                    actor.roles.insert(assignment.role);
                ActionData data { .note = row.note, .reasons = row.reasons };
                auto fields = nlohmann::json::parse(row.data_json);
                for (auto const& [name, value] : fields.items())
                    if (name != "nomor")
                        data.fields[name] = value.get<std::string>();
                auto transition = apply_action(*definition, snapshot, row.action, actor, data);
                EXPECT_TRUE(transition.ok()) << "case " << id << " " << row.action << ": " << (transition.ok() ? "" : transition.error().message);
                if (!transition.ok())
                    break;
                EXPECT_EQ(transition->to_state, row.to_state);
                snapshot.history.push_back({ row.action, row.from_state, row.to_state, actor.user_id, row.at });
                snapshot.state = row.to_state;
                ++out.actions[row.action];
            }
            EXPECT_TRUE(app::within_demo_office_hours(found->created_at, m_office.utc_offset_minutes));
            EXPECT_EQ(found->state, snapshot.state);
            EXPECT_EQ(found->version, static_cast<std::int64_t>(log->size()));
            ++out.states[found->state];
            ++out.ended[found->service_id][found->state];
        }
        return out;
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
    std::vector<SopDefinition> m_catalog;
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
    app::DemoGenerator generator(m_catalog, options(2000, 400, 11));
    auto report = m_store->import_history(m_catalog, generator.source());
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
    app::DemoGenerator generator(m_catalog, options(300, 20, 7));
    auto report = m_store->import_history(m_catalog, generator.source());
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
    Replayed const replayed = replay(300);
    auto actions = replayed.actions;
    auto states = replayed.states;
    int const resubmitted = actions["ajukan_ulang"];
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

// The generator knows no service: with the made-up fixture service and every
// definition of sops/ in the catalog, each is filed through its own form,
// mixed by monthly_cases, walked to its end state from its definition.
TEST_P(DemoCases, EveryServiceOfTheCatalogIsWalkedFromItsDefinition)
{
    m_catalog = { load_source_sop("tests/fixtures/sops/rekomendasi-keramaian-contoh.toml") };
    for (auto const& entry : std::filesystem::directory_iterator(std::string(SOPIR_SOURCE_DIR) + "/sops"))
        m_catalog.push_back(load_source_sop("sops/" + entry.path().filename().string()));
    auto staff = options(0, 1, 1).staff;
    for (auto const& definition : m_catalog)
        for (auto const& role : definition.roles)
            if (!role.applicant && !staff.contains(role.id))
                staff[role.id] = m_store->add_user({ .username = role.id + "-demo", .full_name = role.id, .password_hash = "-" },
                                        { { .office_id = m_office.id, .role = role.id } }, 1)
                                     ->id;
    auto demo = options(600, 20, 5);
    demo.staff = staff;
    app::DemoGenerator generator(m_catalog, demo);
    auto report = m_store->import_history(m_catalog, generator.source());
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->cases, 600);

    Replayed replayed = replay(600);
    double total_weight = 0;
    for (auto const& definition : m_catalog)
        total_weight += definition.monthly_cases;
    for (auto const& definition : m_catalog) {
        int cases = 0, ended = 0;
        for (auto const& [state, count] : replayed.ended[definition.id]) {
            cases += count;
            auto const* special = definition.find_state(state);
            ended += special && special->kind == StateKind::End ? count : 0;
        }
        double const expected = 600 * definition.monthly_cases / total_weight;
        EXPECT_GT(cases, expected / 2) << definition.id;
        EXPECT_LT(cases, expected * 2 + 10) << definition.id;
        EXPECT_GT(ended, cases / 2) << definition.id << " reaches its end";
    }
    // The fixture's committee rows: within its 2–5, exactly one ketua, as
    // its rule asks.
    auto forms = column("SELECT form FROM cases WHERE service_id = 'rekomendasi-keramaian-contoh'");
    ASSERT_FALSE(forms.empty());
    for (auto const& text : forms) {
        auto const form = nlohmann::json::parse(text);
        ASSERT_TRUE(form.contains("panitia")) << text;
        int chairs = 0;
        for (auto const& row : form["panitia"])
            chairs += row["jabatan"] == "ketua";
        EXPECT_EQ(chairs, 1) << text;
        EXPECT_GE(form["panitia"].size(), 2u) << text;
    }
    auto audit = m_store->verify_audit();
    ASSERT_TRUE(audit.ok());
    EXPECT_TRUE(audit->breaks.empty());
}

TEST_P(DemoCases, TheSameSeedGivesTheSameCases)
{
    auto digest = [&](std::uint64_t seed) {
        app::DemoGenerator generator(m_catalog, options(120, 10, seed));
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
    app::DemoGenerator generator(m_catalog, options(200, 10, 3));
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
