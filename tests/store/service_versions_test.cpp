// Services as data, downstream: each case finishes under the definition
// version it was filed under (0014), an office states its own Nomor SOP,
// dates and step minutes (offices on one server differ), a change that
// would strand open cases is found, and no service stands in for an
// unknown one. On SQLite and PostgreSQL.
#include "office_fixture.hpp"

#include "core/letter_number.hpp"
#include "core/office_sop.hpp"
#include "core/sha256.hpp"
#include "desk/desk.hpp"

#include <fstream>
#include <sstream>

using namespace sopir;
using namespace sopir::testing;

namespace {

std::string ektp_text()
{
    std::ifstream in(std::string(SOPIR_SOURCE_DIR) + "/sops/perekaman-ektp.toml");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

SopDefinition versioned(std::string const& text)
{
    auto definition = load_sop(text, "perekaman-ektp.toml");
    if (!definition.ok())
        throw std::runtime_error(definition.error().message);
    definition->version = sha256_hex(text);
    return *definition;
}

// The same service with the recording step's title changed: a new version.
std::string retitled(std::string text)
{
    auto const at = text.find("title = \"Perekaman data\"");
    if (at == std::string::npos)
        throw std::runtime_error("the E-KTP file has no step titled \"Perekaman data\"");
    text.replace(at, std::string("title = \"Perekaman data\"").size(), "title = \"Perekaman biometrik\"");
    return text;
}

Office second_office()
{
    Office office = candi_laras_utara_office();
    office.code = "63.05.05";
    office.name = "Candi Laras Selatan";
    office.unit_code = "CLS";
    return office;
}

}

class ServiceVersions : public OfficeStoreTest {
protected:
    void SetUp() override
    {
        OfficeStoreTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_text = ektp_text();
        m_definition = versioned(m_text);
    }

    desk::Staff staff_of(desk::Desk const& desk, Id user_id)
    {
        auto user = m_store->user_by_id(user_id);
        EXPECT_TRUE(user.ok());
        auto staff = desk.staff(*user);
        EXPECT_TRUE(staff.ok()) << staff.error().message;
        return *staff;
    }

    Regions const m_regions = *Regions::parse("code,name\n", "code,province_code,name\n", "code,regency_code,name\n", "code,district_code,name\n");
    std::string m_text;
    Timestamp m_clock { to_days({ 2026, 11, 23 }) * 86400 + 3600 };
};
SOPIR_STORE_TEST_SUITE(ServiceVersions);

TEST_P(ServiceVersions, ACaseRecordsTheVersionItWasFiledUnder)
{
    auto created = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, m_clock);
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->sop_version, m_definition.version);
    auto stored = m_store->case_by_id(created->id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->sop_version, sha256_hex(m_text));
}

TEST_P(ServiceVersions, TheDatabaseKeepsTheTextOfEveryVersionACaseNames)
{
    // A case filed before versions were kept records none; the first start
    // gives it the current file's.
    SopDefinition unversioned = m_definition;
    unversioned.version.clear();
    auto old = m_store->create_case(unversioned, applicant(m_office.id, 1), m_staff.pelayanan, m_clock);
    ASSERT_TRUE(old.ok());
    EXPECT_EQ(old->sop_version, "");
    ASSERT_TRUE(m_store->keep_sop_version({ .sha256 = m_definition.version, .service_id = m_definition.id, .text = m_text, .first_seen = m_clock }).ok());
    ASSERT_TRUE(m_store->keep_sop_version({ .sha256 = m_definition.version, .service_id = m_definition.id, .text = m_text, .first_seen = m_clock + 9 }).ok())
        << "keeping a version twice changes nothing";
    auto adopted = m_store->adopt_sop_version(m_definition.id, m_definition.version);
    ASSERT_TRUE(adopted.ok());
    EXPECT_EQ(*adopted, 1);
    EXPECT_EQ(m_store->case_by_id(old->id)->sop_version, m_definition.version);

    auto in_use = m_store->sop_versions_in_use();
    ASSERT_TRUE(in_use.ok());
    ASSERT_EQ(in_use->size(), 1u);
    EXPECT_EQ(in_use->front().text, m_text);
    EXPECT_EQ(in_use->front().first_seen, m_clock);
}

TEST_P(ServiceVersions, AnOpenCaseFinishesUnderItsOwnVersionWhileNewCasesTakeTheChangedFile)
{
    SopDefinition const changed = versioned(retitled(m_text));
    ASSERT_NE(changed.version, m_definition.version);
    auto old = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, m_clock);
    ASSERT_TRUE(old.ok());
    drive(*m_store, m_definition, m_staff, *old, "perekaman", m_clock);

    // The file changed: the catalog holds the new version, the desk the old
    // one that the open case names.
    std::vector<SopDefinition> const catalog { changed };
    desk::Desk desk(*m_store, catalog, m_regions, [&] { return m_clock; });
    desk.set_earlier_versions({ m_definition });
    auto fresh = m_store->create_case(changed, applicant(m_office.id, 2), m_staff.pelayanan, m_clock);
    ASSERT_TRUE(fresh.ok());
    drive(*m_store, changed, m_staff, *fresh, "perekaman", m_clock);

    auto const operator_ = staff_of(desk, m_staff.operator_ektp);
    auto items = desk.worklist(operator_);
    ASSERT_TRUE(items.ok()) << items.error().message;
    ASSERT_EQ(items->size(), 2u);
    std::map<Id, std::string> titles;
    for (auto const& item : *items)
        titles[item.item.id] = item.step_title;
    EXPECT_EQ(titles[old->id], "Perekaman data");
    EXPECT_EQ(titles[fresh->id], "Perekaman biometrik");

    auto view = desk.view(operator_, old->id, "127.0.0.1");
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_EQ(view->definition->version, m_definition.version);
    auto acted = desk.act(operator_, old->id, "rekam", {}, std::nullopt);
    ASSERT_TRUE(acted.ok()) << acted.error().message;
    EXPECT_EQ(acted->case_after.state, "pemeriksaan");
    EXPECT_EQ(acted->case_after.sop_version, m_definition.version);

    // Without the old version the desk refuses to run the case under
    // another one.
    desk::Desk forgetful(*m_store, catalog, m_regions, [&] { return m_clock; });
    auto refused = forgetful.view(staff_of(forgetful, m_staff.kasi), old->id, "127.0.0.1");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Internal);
}

TEST_P(ServiceVersions, OfficesOnOneServerStateTheirOwnSop)
{
    auto other = m_store->add_office(second_office(), 1);
    ASSERT_TRUE(other.ok()) << other.error().message;
    Staff const other_staff = seed_staff(*m_store, *other);
    OfficeSop const stated { .office_id = m_office.id, .service_id = m_definition.id, .number = "800/12/CLU/SOP/2026",
        .revised = Date { 2026, 1, 5 }, .effective = Date { 2026, 2, 1 }, .approved_by = "Camat Candi Laras Utara",
        .step_minutes = { { "verifikasi", 7 }, { "perekaman", 20 } }, .updated_at = m_clock };
    ASSERT_TRUE(m_store->set_office_sop(stated).ok());
    auto read = m_store->office_sop(m_office.id, m_definition.id);
    ASSERT_TRUE(read.ok());
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ((*read)->number, "800/12/CLU/SOP/2026");
    EXPECT_EQ((*read)->revised, (Date { 2026, 1, 5 }));
    EXPECT_EQ((*read)->effective, (Date { 2026, 2, 1 }));
    EXPECT_EQ((*read)->approved_by, "Camat Candi Laras Utara");
    EXPECT_EQ((*read)->step_minutes, (std::map<std::string, int> { { "perekaman", 20 }, { "verifikasi", 7 } }));
    auto none = m_store->office_sop(other->id, m_definition.id);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());

    std::vector<SopDefinition> const catalog { m_definition };
    desk::Desk desk(*m_store, catalog, m_regions, [&] { return m_clock; });
    auto own = desk.office_definition(m_office.id, m_definition.id);
    auto file = desk.office_definition(other->id, m_definition.id);
    ASSERT_TRUE(own.ok() && file.ok());
    EXPECT_EQ(own->meta.number, "800/12/CLU/SOP/2026");
    EXPECT_EQ(file->meta.number, m_definition.meta.number);
    EXPECT_EQ(own->find_step("perekaman")->standard_minutes, 20);
    EXPECT_EQ(file->find_step("perekaman")->standard_minutes, m_definition.find_step("perekaman")->standard_minutes);
    EXPECT_EQ(total_standard_minutes(*own), total_standard_minutes(m_definition) + (7 - 5) + (20 - 15));

    // The worklist and the report measure each office against its own times.
    for (auto const& [office, staff] : { std::pair { m_office.id, m_staff }, std::pair { other->id, other_staff } }) {
        auto created = m_store->create_case(m_definition, applicant(office, static_cast<int>(office)), staff.pelayanan, m_clock);
        ASSERT_TRUE(created.ok());
        drive(*m_store, m_definition, staff, *created, "perekaman", m_clock);
    }
    auto here = desk.worklist(staff_of(desk, m_staff.operator_ektp));
    auto there = desk.worklist(staff_of(desk, other_staff.operator_ektp));
    ASSERT_TRUE(here.ok() && there.ok());
    ASSERT_EQ(here->size(), 1u);
    ASSERT_EQ(there->size(), 1u);
    EXPECT_EQ(here->front().standard_seconds, 20 * 60);
    EXPECT_EQ(there->front().standard_seconds, 15 * 60);

    auto const kasi = staff_of(desk, m_staff.kasi);
    Date const today = local_date(m_clock, m_office.utc_offset_minutes);
    auto report = desk.summary(kasi, m_definition.id, today, today);
    ASSERT_TRUE(report.ok()) << report.error().message;
    bool found = false;
    for (auto const& step : report->steps)
        if (step.step_id == "perekaman") {
            EXPECT_EQ(step.standard_minutes, 20);
            found = true;
        }
    EXPECT_TRUE(found);
}

TEST_P(ServiceVersions, AChangeThatRemovesAStepOpenCasesWaitInStrandsThem)
{
    for (int serial = 1; serial <= 3; ++serial) {
        auto created = m_store->create_case(m_definition, applicant(m_office.id, serial), m_staff.pelayanan, m_clock);
        ASSERT_TRUE(created.ok());
        drive(*m_store, m_definition, m_staff, *created, serial == 3 ? "selesai" : "perekaman", m_clock);
    }
    auto counts = m_store->cases_by_version_and_state(m_definition.id);
    ASSERT_TRUE(counts.ok());
    std::vector<CaseCount> cases;
    for (auto const& count : *counts) {
        EXPECT_EQ(count.sop_version, m_definition.version);
        auto const kind = m_definition.state_kind(count.state);
        cases.push_back({ .state = count.state, .cases = count.cases, .closed = kind && is_closed(*kind) });
    }
    EXPECT_TRUE(stranded_by(m_definition, cases).empty());

    SopDefinition without = m_definition;
    std::erase_if(without.steps, [](StepDefinition const& step) { return step.id == "perekaman"; });
    std::erase_if(without.states, [](StateDefinition const& state) { return state.id == "selesai"; });
    auto const stranded = stranded_by(without, cases);
    ASSERT_EQ(stranded.size(), 1u) << "the finished case strands nothing";
    EXPECT_EQ(stranded.front().state, "perekaman");
    EXPECT_EQ(stranded.front().cases, 2);
}

TEST_P(ServiceVersions, AnUnknownServiceIsAnErrorNamingItNeverTheFirstService)
{
    std::vector<SopDefinition> const catalog { m_definition };
    desk::Desk desk(*m_store, catalog, m_regions, [&] { return m_clock; });
    auto const kasi = staff_of(desk, m_staff.kasi);
    auto items = desk.worklist(kasi, std::nullopt, std::string("akta-kematian"));
    ASSERT_FALSE(items.ok());
    EXPECT_EQ(items.error().kind, ErrorKind::Invalid);
    EXPECT_NE(items.error().message.find("akta-kematian"), std::string::npos);
    auto scope = desk.report_scope(kasi, "");
    ASSERT_TRUE(scope.ok());
    Date const today = local_date(m_clock, m_office.utc_offset_minutes);
    auto report = desk.report_services(kasi, std::string("akta-kematian"), *scope, today, today);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().message.find("akta-kematian"), std::string::npos);
    auto all = desk.report_services(kasi, std::nullopt, *scope, today, today);
    ASSERT_TRUE(all.ok()) << all.error().message;
    EXPECT_EQ(all->services.size(), 1u);
    auto filtered = desk.worklist(kasi, std::nullopt, m_definition.id);
    EXPECT_TRUE(filtered.ok());
}

TEST_P(ServiceVersions, TheRegistrationPatternTakesTheRegistersCodeFromTheDefinition)
{
    Office office = second_office();
    office.registration_number_pattern = std::string(k_default_registration_number_pattern);
    auto added = m_store->add_office(office, 1);
    ASSERT_TRUE(added.ok());
    Staff const staff = seed_staff(*m_store, *added);
    auto created = m_store->create_case(m_definition, applicant(added->id, 1), staff.pelayanan, m_clock);
    ASSERT_TRUE(created.ok());
    Case const accepted = drive(*m_store, m_definition, staff, *created, "perekaman", m_clock);
    EXPECT_EQ(accepted.registration_number, "0001/REG-EKTP/CLS/2026");
}

TEST_P(ServiceVersions, WhoReadsReportsIsTheDefinitionsSay)
{
    std::vector<SopDefinition> catalog { m_definition };
    desk::Desk desk(*m_store, catalog, m_regions, [&] { return m_clock; });
    EXPECT_TRUE(desk.may_see_reports(staff_of(desk, m_staff.camat)));
    EXPECT_FALSE(desk.may_see_reports(staff_of(desk, m_staff.operator_ektp)));
    for (auto& role : catalog.front().roles)
        role.reports = role.id == "operator_ektp";
    EXPECT_FALSE(desk.may_see_reports(staff_of(desk, m_staff.camat)));
    EXPECT_TRUE(desk.may_see_reports(staff_of(desk, m_staff.operator_ektp)));
    EXPECT_NE(desk.reports_refused().find("Operator E-KTP"), std::string::npos);
}
