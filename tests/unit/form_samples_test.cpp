// core/form_samples: a sample request body per service whose every value
// passes its field's own check and the service's rules.
#include "core/form_check.hpp"
#include "core/form_samples.hpp"
#include "core/identity.hpp"

#include <gtest/gtest.h>

using namespace sopir;

namespace {

constexpr Date k_today { 2026, 11, 25 };

Regions const& sample_regions()
{
    static Regions const regions = [] {
        auto parsed = Regions::parse("code,name\n63,Kalimantan Selatan\n",
            "code,province_code,name\n63.05,63,Kabupaten Tapin\n",
            "code,regency_code,name\n"
            "63.05.05,63.05,Candi Laras Selatan\n"
            "63.05.06,63.05,Candi Laras Utara\n",
            "code,district_code,name\n"
            "63.05.05.2001,63.05.05,Margasari Hulu\n"
            "63.05.06.2001,63.05.06,Keladan\n"
            "63.05.06.2004,63.05.06,Margasari Hilir\n");
        EXPECT_TRUE(parsed.ok());
        return std::move(parsed).value();
    }();
    return regions;
}

std::vector<InputField> person_fields()
{
    return {
        { .name = "nik", .label = "NIK", .type = InputType::Nik, .required = true },
        { .name = "name", .label = "Nama", .type = InputType::Name, .required = true },
        { .name = "birth_place", .label = "Tempat lahir", .type = InputType::Text, .required = true },
        { .name = "birth_date", .label = "Tanggal lahir", .type = InputType::Date, .required = true },
        { .name = "sex", .label = "Jenis kelamin", .type = InputType::Select, .required = true,
            .options = { { .id = "L", .label = "Laki-laki" }, { .id = "P", .label = "Perempuan" } } },
    };
}

// A made-up family service: a subject, a rows group of family members with
// one Kepala Keluarga, a regency, a time, a number and an option list.
SopDefinition family_service()
{
    SopDefinition definition;
    definition.id = "contoh-keluarga";
    InputGroup applicant { .id = "applicant", .label = "Pemohon", .kind = GroupKind::Person, .fields = person_fields(), .subject = true };
    applicant.fields.push_back({ .name = "kk", .label = "Nomor KK", .type = InputType::Kk, .required = true });
    applicant.fields.push_back({ .name = "village_code", .label = "Desa", .type = InputType::Village, .required = true });
    applicant.fields.push_back({ .name = "phone", .label = "Telepon", .type = InputType::Phone });
    applicant.fields.push_back({ .name = "rt", .label = "RT", .type = InputType::RtRw });
    applicant.fields.push_back({ .name = "address", .label = "Alamat", .type = InputType::Textarea, .max_length = 10 });
    InputGroup event { .id = "event", .label = "Acara", .kind = GroupKind::Fields };
    event.fields = {
        { .name = "origin", .label = "Kabupaten asal", .type = InputType::Region, .required = true, .level = RegionLevel::Regency },
        { .name = "province", .label = "Provinsi", .type = InputType::Region, .level = RegionLevel::Province },
        { .name = "day", .label = "Tanggal", .type = InputType::Date, .required = true },
        { .name = "start", .label = "Mulai", .type = InputType::Time, .required = true },
        { .name = "guests", .label = "Jumlah tamu", .type = InputType::Integer, .required = true, .min = 50, .max = 500 },
        { .name = "title", .label = "Judul", .type = InputType::Text, .required = true, .example = "Pesta Panen Raya" },
    };
    InputGroup members { .id = "members", .label = "Anggota keluarga", .kind = GroupKind::Rows, .fields = person_fields(), .min_rows = 0, .max_rows = 5 };
    members.fields.push_back({ .name = "shdk", .label = "Hubungan", .type = InputType::Select, .required = true,
        .options = { { .id = "kepala_keluarga", .label = "Kepala Keluarga" }, { .id = "istri", .label = "Istri" }, { .id = "anak", .label = "Anak" } } });
    definition.form.groups = { applicant, event, members };
    definition.rules = {
        { .check = "one_row_with", .params = { { "group", "members" }, { "field", "shdk" }, { "value", "kepala_keluarga" } } },
    };
    definition.documents = {
        { .id = "kartu_keluarga", .label = "Kartu Keluarga", .equals = "applicant.kk" },
        { .id = "surat_pengantar", .label = "Surat Pengantar", .date = true, .valid_until = true },
        { .id = "sptjm", .label = "SPTJM", .required = false },
    };
    return definition;
}

void expect_person_agrees(nlohmann::json const& person, std::string const& what)
{
    SCOPED_TRACE(what);
    auto birth = parse_iso_date(person.at("birth_date").get<std::string>());
    ASSERT_TRUE(birth);
    EXPECT_LT(*birth, k_today);
    auto nik = check_nik(person.at("nik").get<std::string>(),
        { .today = k_today, .regions = &sample_regions(), .declared_birth_date = birth, .declared_sex = parse_sex(person.at("sex").get<std::string>()) });
    EXPECT_TRUE(nik.valid);
    EXPECT_TRUE(nik.errors.empty());
    EXPECT_TRUE(nik.warnings.empty()) << nik.warnings.front().code;
    EXPECT_EQ(nik.region_code, "63.05.06");
    EXPECT_GE(person.at("name").get<std::string>().size(), 2u);
}

}

TEST(FormSamples, EveryPersonHasANikAgreeingWithBirthDateSexAndTheOfficesKecamatan)
{
    auto const sample = sample_input(family_service(), &sample_regions(), "63.05.06", k_today);
    EXPECT_EQ(sample.at("service"), "contoh-keluarga");
    expect_person_agrees(sample.at("applicant"), "applicant");
    ASSERT_TRUE(sample.at("members").is_array());
    for (auto const& member : sample.at("members"))
        expect_person_agrees(member, "member");
    // Each person is someone else.
    EXPECT_NE(sample.at("members")[0].at("nik"), sample.at("members")[1].at("nik"));
    EXPECT_NE(sample.at("applicant").at("nik"), sample.at("members")[0].at("nik"));
}

TEST(FormSamples, KkVillageAndRegionsComeFromTheOfficesRegion)
{
    auto const sample = sample_input(family_service(), &sample_regions(), "63.05.06", k_today);
    auto const& applicant = sample.at("applicant");
    auto kk = check_kk(applicant.at("kk").get<std::string>(), { .today = k_today, .regions = &sample_regions() });
    EXPECT_TRUE(kk.valid);
    EXPECT_TRUE(kk.warnings.empty());
    EXPECT_EQ(kk.region_code, "63.05.06");
    Region const* village = sample_regions().find(applicant.at("village_code").get<std::string>());
    ASSERT_NE(village, nullptr);
    EXPECT_EQ(village->level, RegionLevel::Village);
    EXPECT_EQ(village->parent_code, "63.05.06");
    Region const* origin = sample_regions().find(sample.at("event").at("origin").get<std::string>());
    ASSERT_NE(origin, nullptr);
    EXPECT_EQ(origin->level, RegionLevel::Regency);
    Region const* province = sample_regions().find(sample.at("event").at("province").get<std::string>());
    ASSERT_NE(province, nullptr);
    EXPECT_EQ(province->level, RegionLevel::Province);
    // Without an office the first kecamatan of the data stands in.
    auto const anywhere = sample_input(family_service(), &sample_regions(), "", k_today);
    EXPECT_EQ(sample_regions().find(anywhere.at("applicant").at("village_code").get<std::string>())->parent_code, "63.05.05");
}

TEST(FormSamples, OtherTypesPassTheirOwnLimits)
{
    auto const sample = sample_input(family_service(), &sample_regions(), "63.05.06", k_today);
    auto const& event = sample.at("event");
    EXPECT_EQ(event.at("title"), "Pesta Panen Raya") << "the field's own example";
    EXPECT_EQ(event.at("guests"), "50");
    EXPECT_EQ(event.at("start"), "09:30");
    auto day = parse_iso_date(event.at("day").get<std::string>());
    ASSERT_TRUE(day);
    EXPECT_LT(*day, k_today);
    auto const& applicant = sample.at("applicant");
    EXPECT_EQ(applicant.at("phone"), "081234567890");
    EXPECT_EQ(applicant.at("rt"), "001");
    EXPECT_LE(applicant.at("address").get<std::string>().size(), 10u);
    EXPECT_EQ(sample_value(sample, "applicant", "kk"), applicant.at("kk"));
    EXPECT_EQ(sample_value(sample, "members", "shdk"), "kepala_keluarga");
    EXPECT_EQ(sample_value(sample, "nothing", "here"), "");
}

TEST(FormSamples, RowsGroupsMeetTheirLimitsAndOneRowCarriesTheValue)
{
    auto definition = family_service();
    auto sample = sample_input(definition, &sample_regions(), "63.05.06", k_today);
    ASSERT_EQ(sample.at("members").size(), 2u);
    int heads = 0;
    for (auto const& member : sample.at("members"))
        heads += member.at("shdk") == "kepala_keluarga";
    EXPECT_EQ(heads, 1);
    // Without a value, exactly one row carries any value.
    definition.rules.front().params.erase("value");
    auto any = sample_input(definition, &sample_regions(), "63.05.06", k_today);
    EXPECT_EQ(any.at("members")[0].at("shdk"), "kepala_keluarga");
    EXPECT_EQ(any.at("members")[1].at("shdk"), "");
    definition.form.groups[2].min_rows = 3;
    EXPECT_EQ(sample_input(definition, &sample_regions(), "63.05.06", k_today).at("members").size(), 3u);
    definition.form.groups[2].min_rows = 0;
    definition.form.groups[2].max_rows = 1;
    EXPECT_EQ(sample_input(definition, &sample_regions(), "63.05.06", k_today).at("members").size(), 1u);
}

TEST(FormSamples, DocumentsCarryWhatTheyRecordAndEqualTheirField)
{
    auto const sample = sample_input(family_service(), &sample_regions(), "63.05.06", k_today);
    auto const& documents = sample.at("documents");
    EXPECT_EQ(documents.at("kartu_keluarga").at("number"), sample.at("applicant").at("kk"));
    EXPECT_FALSE(documents.at("kartu_keluarga").contains("date"));
    auto const& pengantar = documents.at("surat_pengantar");
    EXPECT_FALSE(pengantar.at("number").get<std::string>().empty());
    EXPECT_LT(*parse_iso_date(pengantar.at("date").get<std::string>()), k_today);
    EXPECT_GT(*parse_iso_date(pengantar.at("valid_until").get<std::string>()), k_today);
    EXPECT_FALSE(documents.contains("sptjm")) << "only asked in place of another";
}

TEST(FormSamples, ARecentBirthMakesARecentPersonWhoseNikStillAgrees)
{
    auto definition = family_service();
    definition.rules.push_back({ .check = "max_days_ago", .params = { { "field", "applicant.birth_date" }, { "days", "60" } }, .severity = Severity::Warning });
    auto const sample = sample_input(definition, &sample_regions(), "63.05.06", k_today);
    auto birth = *parse_iso_date(sample.at("applicant").at("birth_date").get<std::string>());
    EXPECT_LE(to_days(k_today) - to_days(birth), 60);
    expect_person_agrees(sample.at("applicant"), "recently born");
}

TEST(FormSamples, TheSameArgumentsGiveTheSameSample)
{
    EXPECT_EQ(sample_input(family_service(), &sample_regions(), "63.05.06", k_today),
        sample_input(family_service(), &sample_regions(), "63.05.06", k_today));
    // Without region data the shapes still hold.
    auto const bare = sample_input(family_service(), nullptr, "63.05.06", k_today);
    EXPECT_EQ(bare.at("applicant").at("village_code"), "63.05.06.2001");
    EXPECT_EQ(bare.at("event").at("origin"), "63.05");
}

TEST(FormSamples, TheSamplePassesTheIntakeCheckWithoutAWarning)
{
    auto definition = family_service();
    definition.rules.push_back({ .check = "nik_matches_person", .params = { { "group", "applicant" } } });
    definition.rules.push_back({ .check = "nik_matches_person", .params = { { "group", "members" } } });
    definition.rules.push_back({ .check = "document_max_age", .params = { { "document", "surat_pengantar" }, { "days", "30" } } });
    definition.form.groups[1].fields.push_back({ .name = "religion", .label = "Agama", .type = InputType::Select, .required = true, .vocabulary = "religions" });
    auto const sample = sample_input(definition, &sample_regions(), "63.05.06", k_today);
    EXPECT_EQ(sample.at("event").at("religion"), "Islam") << "the vocabulary's first option";
    auto const checked = check_form(definition, sample, { .today = k_today, .regions = &sample_regions(), .district_code = "63.05.06" });
    for (auto const& issue : checked.errors)
        ADD_FAILURE() << "error " << issue.field << " " << issue.code << ": " << issue.message;
    for (auto const& issue : checked.warnings)
        ADD_FAILURE() << "warning " << issue.field << " " << issue.code << ": " << issue.message;
}
