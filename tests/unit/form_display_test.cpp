// core/form_display: a recorded application in words, group by group.
#include "core/form_display.hpp"

#include <gtest/gtest.h>

using namespace sopir;

namespace {

FormDefinition family_form()
{
    InputGroup applicant { .id = "applicant", .label = "Data pemohon", .kind = GroupKind::Person, .subject = true };
    applicant.fields = {
        { .name = "name", .label = "Nama", .type = InputType::Name },
        { .name = "birth_date", .label = "Tanggal lahir", .type = InputType::Date },
        { .name = "religion", .label = "Agama", .type = InputType::Select, .vocabulary = "religions" },
        { .name = "village_code", .label = "Desa/Kelurahan", .type = InputType::Village },
        { .name = "phone", .label = "Telepon", .type = InputType::Phone },
    };
    InputGroup members { .id = "members", .label = "Anggota keluarga", .kind = GroupKind::Rows, .min_rows = 1 };
    members.fields = {
        { .name = "name", .label = "Nama", .type = InputType::Name },
        { .name = "relation", .label = "Hubungan", .type = InputType::Select,
            .options = { { .id = "kepala_keluarga", .label = "Kepala Keluarga" }, { .id = "anak", .label = "Anak" } } },
        { .name = "destination", .label = "Tujuan", .type = InputType::Region, .level = RegionLevel::Province },
    };
    return { .groups = { applicant, members } };
}

}

TEST(FormDisplay, GroupsShowLabelsAndValuesInWords)
{
    auto const input = nlohmann::json::parse(R"({
        "applicant": { "name": "SITI AMINAH", "birth_date": "2001-03-09", "religion": "Islam",
                       "village_code": "63.05.06.2004", "village_name": "Margasari Hilir", "phone": "" },
        "members": [ { "name": "SITI AMINAH", "relation": "kepala_keluarga", "destination": "64", "destination_name": "Kalimantan Timur" },
                     { "name": "RAHMAT", "relation": "anak", "destination": "64" } ] })");
    auto const groups = display_form(family_form(), input);
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].label, "Data pemohon");
    ASSERT_EQ(groups[0].fields.size(), 5u);
    EXPECT_EQ(groups[0].fields[1].label, "Tanggal lahir");
    EXPECT_EQ(groups[0].fields[1].value, "9 Maret 2001");
    EXPECT_EQ(groups[0].fields[2].value, "Islam");
    EXPECT_EQ(groups[0].fields[3].value, "Margasari Hilir");
    EXPECT_EQ(groups[0].fields[4].value, "");

    EXPECT_EQ(groups[1].kind, GroupKind::Rows);
    EXPECT_EQ(groups[1].columns, (std::vector<std::string> { "Nama", "Hubungan", "Tujuan" }));
    ASSERT_EQ(groups[1].rows.size(), 2u);
    EXPECT_EQ(groups[1].rows[0], (std::vector<std::string> { "SITI AMINAH", "Kepala Keluarga", "Kalimantan Timur" }));
    // Without the stored name a region shows its code.
    EXPECT_EQ(groups[1].rows[1], (std::vector<std::string> { "RAHMAT", "Anak", "64" }));
}

TEST(FormDisplay, AGroupMissingFromTheRecordIsShownEmpty)
{
    auto const groups = display_form(family_form(), nlohmann::json::parse(R"({ "applicant": "not an object" })"));
    ASSERT_EQ(groups.size(), 2u);
    for (auto const& field : groups[0].fields)
        EXPECT_EQ(field.value, "") << field.label;
    EXPECT_TRUE(groups[1].rows.empty());
    EXPECT_EQ(groups[1].columns.size(), 3u);
}

TEST(FormDisplay, WhatARuleDerivesIsShownInItsGroup)
{
    SopDefinition definition;
    InputGroup move { .id = "pindah", .label = "Data kepindahan", .kind = GroupKind::Fields };
    move.fields = { { .name = "reason", .label = "Alasan pindah", .type = InputType::Text } };
    definition.form.groups = { move };
    definition.rules = { { .check = "derive_move_class",
        .params = { { "from", "applicant.village_code" }, { "to", "tujuan.village_code" }, { "into", "pindah.classification" } } } };
    auto const groups = display_form(definition, nlohmann::json::parse(R"({ "pindah": { "reason": "Pekerjaan", "classification": "antar provinsi" } })"));
    ASSERT_EQ(groups.size(), 1u);
    ASSERT_EQ(groups[0].fields.size(), 2u);
    EXPECT_EQ(groups[0].fields[1].label, "Klasifikasi perpindahan");
    EXPECT_EQ(groups[0].fields[1].value, "antar provinsi");
    // The form alone shows only what was typed.
    EXPECT_EQ(display_form(definition.form, nlohmann::json::parse(R"({ "pindah": { "classification": "antar provinsi" } })"))[0].fields.size(), 1u);
}
