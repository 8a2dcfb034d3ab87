// The generic intake check (core/form_check.hpp) on a made-up service built
// in C++: every field type, rows and person groups, documents with dates,
// validity, alternatives and `equals`, and every named rule.
#include "core/form_check.hpp"
#include "core/vocabularies.hpp"
#include "ektp_form.hpp"
#include "perekaman_ektp_toml.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace sopir;
using test_forms::field;
using test_forms::select_field;

namespace {

constexpr Date k_today { 2026, 11, 25 };

Regions const& regions()
{
    static Regions const parsed = [] {
        auto result = Regions::parse("code,name\n63,Kalimantan Selatan\n64,Kalimantan Timur\n",
            "code,province_code,name\n63.05,63,Kabupaten Tapin\n63.71,63,Kota Banjarmasin\n64.01,64,Kabupaten Paser\n",
            "code,regency_code,name\n63.05.05,63.05,Candi Laras Selatan\n63.05.06,63.05,Candi Laras Utara\n63.71.01,63.71,Banjarmasin Selatan\n"
            "64.01.01,64.01,Batu Sopang\n",
            "code,district_code,name\n63.05.05.2001,63.05.05,Margasari Hulu\n63.05.06.2001,63.05.06,Keladan\n"
            "63.05.06.2004,63.05.06,Margasari Hilir\n63.71.01.1001,63.71.01,Kelayan Luar\n64.01.01.2001,64.01.01,Kasungai\n");
        EXPECT_TRUE(result.ok());
        return std::move(result).value();
    }();
    return parsed;
}

FormContext context()
{
    return { .today = k_today, .regions = &regions(), .district_code = "63.05.06", .settings = {} };
}

// A made-up "Surat Keterangan Pindah"-like service: a reporter (person), a
// move with region fields and a time, family members as rows, documents.
SopDefinition service()
{
    SopDefinition definition;
    definition.id = "pindah-contoh";
    InputGroup reporter { .id = "reporter", .label = "Pelapor", .kind = GroupKind::Person, .fields = {}, .subject = true };
    reporter.fields = { field("nik", "NIK", InputType::Nik, true), field("name", "Nama", InputType::Name, true),
        field("birth_date", "Tanggal lahir", InputType::Date, false), select_field("sex", "Jenis kelamin", "sex"),
        select_field("marital_status", "Status perkawinan", "marital_statuses"), field("kk", "Nomor KK", InputType::Kk, true),
        field("village_code", "Desa/kelurahan", InputType::Village, true), field("phone", "Telepon", InputType::Phone, false) };
    reporter.fields[3].required = false;
    InputGroup move { .id = "move", .label = "Kepindahan", .kind = GroupKind::Fields, .fields = {} };
    InputField destination = field("destination", "Tujuan", InputType::Region, true);
    destination.level = RegionLevel::Village;
    InputField family_size = field("family_size", "Jumlah keluarga", InputType::Integer, false);
    family_size.min = 1;
    family_size.max = 20;
    InputField reason { .name = "reason", .label = "Alasan", .type = InputType::Select, .required = true, .vocabulary = "move_reasons" };
    InputField kind { .name = "kind", .label = "Jenis", .type = InputType::Select, .required = false,
        .options = { { .id = "satu", .label = "Satu orang", .aliases = { "sendiri" } }, { .id = "semua", .label = "Sekeluarga", .aliases = {} } } };
    move.fields = { field("origin", "Asal", InputType::Village, true), destination, field("date", "Tanggal pindah", InputType::Date, true),
        field("time", "Jam", InputType::Time, false), family_size, reason, kind, field("note", "Catatan", InputType::Textarea, false, 20),
        field("rt", "RT tujuan", InputType::RtRw, false), field("street", "Jalan", InputType::Text, false) };
    InputGroup members { .id = "members", .label = "Anggota keluarga", .kind = GroupKind::Rows, .fields = {}, .min_rows = 1, .max_rows = 3 };
    members.fields = { field("nik", "NIK", InputType::Nik, true), field("name", "Nama", InputType::Name, true),
        field("birth_date", "Tanggal lahir", InputType::Date, false), select_field("shdk", "Hubungan", "shdk") };
    members.fields[1].required = true;
    members.fields[3].required = true;
    definition.form.groups = { reporter, move, members };
    definition.documents = {
        { .id = "kk", .label = "Kartu Keluarga", .number = true, .equals = "reporter.kk" },
        { .id = "buku_nikah", .label = "Buku Nikah", .number = true, .date = true, .alternatives = { "sptjm" } },
        { .id = "sptjm", .label = "SPTJM", .number = true, .required = false },
        { .id = "paspor", .label = "Paspor", .number = true, .valid_until = true, .required = false },
    };
    return definition;
}

nlohmann::json valid_input()
{
    return {
        { "reporter",
            { { "nik", "6305064712990001" }, { "name", "Siti Aminah" }, { "birth_date", "1999-12-07" }, { "sex", "P" },
                { "marital_status", "Kawin" }, { "kk", "6305062310150001" }, { "village_code", "6305062004" }, { "phone", "" } } },
        { "move",
            { { "origin", "63.05.06.2004" }, { "destination", "6371011001" }, { "date", "2026-11-20" }, { "time", "9:05" },
                { "family_size", "2" }, { "reason", "pekerjaan" }, { "kind", "Sendiri" }, { "note", "" }, { "rt", "4" }, { "street", "" } } },
        { "members", { { { "nik", "6305064712990001" }, { "name", "Siti Aminah" }, { "shdk", "kepala keluarga" } } } },
        { "documents", { { "kk", { { "number", "6305 0623 1015 0001" } } }, { "buku_nikah", { { "number", "12/2020" }, { "date", "2020-01-02" } } } } },
    };
}

std::string describe(std::vector<IntakeIssue> const& issues)
{
    std::string out;
    for (auto const& issue : issues)
        out += issue.field + " " + issue.code + ": " + issue.message + "\n";
    return out;
}

std::vector<std::string> codes_at(std::vector<IntakeIssue> const& issues, std::string const& field)
{
    std::vector<std::string> codes;
    for (auto const& issue : issues)
        if (issue.field == field)
            codes.push_back(issue.code);
    return codes;
}

FormCheck check(nlohmann::json const& input, SopDefinition const& definition = service(), FormContext const& ctx = context())
{
    return check_form(definition, input, ctx);
}

}

TEST(FormCheck, AValidApplicationIsNormalizedWithDisplayValues)
{
    auto const result = check(valid_input());
    ASSERT_TRUE(result.ok()) << describe(result.errors);
    EXPECT_EQ(result.value("reporter.village_code"), "63.05.06.2004");
    EXPECT_EQ(result.value("reporter.village_name"), "Margasari Hilir");
    EXPECT_EQ(result.value("move.origin"), "63.05.06.2004");
    EXPECT_EQ(result.value("move.origin_name"), "Margasari Hilir");
    EXPECT_EQ(result.value("move.destination"), "63.71.01.1001");
    EXPECT_EQ(result.value("move.destination_name"), "Kelayan Luar");
    EXPECT_EQ(result.value("move.time"), "09:05");
    EXPECT_EQ(result.value("move.family_size"), "2");
    EXPECT_EQ(result.value("move.reason"), "Pekerjaan");
    EXPECT_EQ(result.value("move.kind"), "satu"); // By an alias.
    EXPECT_EQ(result.value("move.rt"), "004");
    EXPECT_EQ(result.value("move.note"), "");
    ASSERT_EQ(result.values["members"].size(), 1u);
    EXPECT_EQ(result.values["members"][0]["shdk"], "Kepala Keluarga");
    // The Kartu Keluarga's number equals the KK, stored as its digits.
    EXPECT_EQ(result.documents["kk"]["number"], "6305062310150001");
    EXPECT_EQ(result.documents["buku_nikah"]["date"], "2020-01-02");
    // The display value follows its field.
    std::vector<std::string> keys;
    for (auto const& [key, value] : result.values["reporter"].items())
        keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string> { "nik", "name", "birth_date", "sex", "marital_status", "kk", "village_code", "village_name", "phone" }));
}

TEST(FormCheck, EveryTypeRefusesWhatIsNotOfIt)
{
    struct Case {
        char const* group;
        char const* name;
        nlohmann::json value;
        char const* code;
    };
    Case const cases[] = {
        { "reporter", "nik", "123", "nik.length" },
        { "reporter", "kk", "63050623101500AB", "kk.not_digits" },
        { "reporter", "name", "R2D2", "name.characters" },
        { "reporter", "birth_date", "7 Desember 1999", "date.format" },
        { "reporter", "birth_date", "31-12-199", "date.format" },
        { "reporter", "birth_date", "1999-02-29", "date.invalid" },
        { "reporter", "sex", "X", "sex.unknown" },
        { "reporter", "village_code", "63.05.05.2001", "village.other_district" },
        { "reporter", "village_code", "63.05.06", "village.format" },
        { "reporter", "phone", "12345", "phone.format" },
        { "reporter", "name", 5, "json.type" },
        { "move", "destination", "63.71", "region.format" },
        { "move", "destination", "63.71.01.9999", "region.unknown" },
        { "move", "time", "25:00", "time.format" },
        { "move", "time", "pagi", "time.format" },
        { "move", "family_size", "dua", "integer.format" },
        { "move", "family_size", "21", "integer.range" },
        { "move", "family_size", "0", "integer.range" },
        { "move", "reason", "Bosan", "reason.unknown" },
        { "move", "kind", "banyak", "kind.unknown" },
        { "move", "note", std::string(21, 'x'), "text.too_long" },
        { "move", "street", std::string(101, 'x'), "text.too_long" },
        { "move", "street", "Jalan\x01", "text.encoding" },
        { "move", "rt", "000", "rt_rw.zero" },
        { "move", "origin", "", "required" },
    };
    for (auto const& c : cases) {
        auto input = valid_input();
        input[c.group][c.name] = c.value;
        auto const result = check(input);
        std::string const path = std::string(c.group) + "." + c.name;
        EXPECT_EQ(codes_at(result.errors, path), std::vector<std::string> { c.code }) << path << " = " << c.value << "\n" << describe(result.errors);
    }
    auto input = valid_input();
    input["move"]["reason"] = "Bosan";
    EXPECT_EQ(check(input).errors.at(0).message, "Alasan harus salah satu dari: Pekerjaan, Pendidikan, Keamanan, Kesehatan, Perumahan, Keluarga, Lainnya.");
    input = valid_input();
    input["move"]["family_size"] = 12;
    EXPECT_TRUE(check(input).ok()) << "an integer may come as a JSON number";
}

TEST(FormCheck, RowsAreCountedAndNamedByTheirIndex)
{
    auto input = valid_input();
    nlohmann::json const row { { "nik", "6305060101800001" }, { "name", "Budi" }, { "shdk", "Anak" } };
    input["members"] = nlohmann::json::array({ input["members"][0], { { "nik", "" }, { "name", "" } }, row });
    input["members"][2]["nik"] = "12";
    auto result = check(input);
    // The blank row is dropped; the third keeps its index in paths.
    EXPECT_EQ(codes_at(result.errors, "members.2.nik"), std::vector<std::string> { "nik.length" }) << describe(result.errors);

    input["members"] = nlohmann::json::array();
    EXPECT_EQ(codes_at(check(input).errors, "members"), std::vector<std::string> { "required" });
    input["members"] = nlohmann::json::array({ row, row, row, row });
    result = check(input);
    EXPECT_EQ(codes_at(result.errors, "members"), std::vector<std::string> { "rows.too_many" });
    EXPECT_EQ(result.errors.at(0).message, "Anggota keluarga paling banyak 3 baris; yang diisi 4.");
    input["members"] = { { "nik", "x" } };
    EXPECT_EQ(codes_at(check(input).errors, "members"), std::vector<std::string> { "json.type" });

    auto fewer = service();
    fewer.form.groups[2].min_rows = 2;
    input["members"] = nlohmann::json::array({ row });
    EXPECT_EQ(codes_at(check(input, fewer).errors, "members"), std::vector<std::string> { "rows.too_few" });
}

TEST(FormCheck, DocumentsAsDeclared)
{
    auto input = valid_input();
    input["documents"] = nlohmann::json::object();
    auto result = check(input);
    EXPECT_EQ(codes_at(result.errors, "documents.kk.number"), std::vector<std::string> { "required" });
    EXPECT_EQ(codes_at(result.errors, "documents.buku_nikah.number"), std::vector<std::string> { "required" });
    EXPECT_EQ(codes_at(result.errors, "documents.buku_nikah.date"), std::vector<std::string> { "required" });
    EXPECT_EQ(codes_at(result.errors, "documents.sptjm.number"), std::vector<std::string> {}) << "asked only in place of another";

    // One of the alternatives is enough.
    input = valid_input();
    input["documents"].erase("buku_nikah");
    input["documents"]["sptjm"] = { { "number", "SPTJM/1" } };
    EXPECT_TRUE(check(input).ok()) << describe(check(input).errors);

    // A document's number must equal the field its `equals` names.
    input = valid_input();
    input["documents"]["kk"]["number"] = "6305062310150002";
    result = check(input);
    EXPECT_EQ(codes_at(result.errors, "documents.kk.number"), std::vector<std::string> { "document.kk_mismatch" });
    EXPECT_EQ(result.errors.at(0).message, "Nomor Kartu Keluarga berbeda dengan Nomor KK pemohon; periksa kembali keduanya.");

    // Validity may lie ahead; an issue date may not.
    input = valid_input();
    input["documents"]["paspor"] = { { "number", "X123" }, { "valid_until", "2030-01-01" } };
    result = check(input);
    EXPECT_TRUE(result.ok()) << describe(result.errors);
    EXPECT_EQ(result.documents["paspor"]["valid_until"], "2030-01-01");
    input["documents"]["paspor"] = { { "number", "X123" } };
    EXPECT_EQ(codes_at(check(input).errors, "documents.paspor.valid_until"), std::vector<std::string> { "required" });
    input = valid_input();
    input["documents"]["buku_nikah"]["date"] = "2026-12-01";
    EXPECT_EQ(codes_at(check(input).errors, "documents.buku_nikah.date"), std::vector<std::string> { "date.future" });
    input = valid_input();
    input["documents"]["ijazah"] = { { "number", "1" } };
    EXPECT_EQ(codes_at(check(input).errors, "documents.ijazah"), std::vector<std::string> { "document.unknown" });
}

TEST(FormCheck, NikMatchesPersonWarnsAndFillsWhatWasLeftEmpty)
{
    auto definition = service();
    definition.rules = { { .check = "nik_matches_person", .params = { { "group", "reporter" } }, .severity = Severity::Warning },
        { .check = "nik_matches_person", .params = { { "group", "members" } }, .severity = Severity::Warning } };
    auto input = valid_input();
    input["reporter"]["birth_date"] = "";
    input["reporter"]["sex"] = "";
    auto result = check(input, definition);
    ASSERT_TRUE(result.ok()) << describe(result.errors);
    // Not required, so filled from the NIK (day 47: a woman born on the 7th).
    EXPECT_EQ(result.value("reporter.birth_date"), "1999-12-07");
    EXPECT_EQ(result.value("reporter.sex"), "P");
    EXPECT_EQ(result.values["members"][0]["birth_date"], "1999-12-07");

    input = valid_input();
    input["reporter"]["birth_date"] = "1999-12-08";
    input["reporter"]["sex"] = "L";
    result = check(input, definition);
    EXPECT_EQ(codes_at(result.warnings, "reporter.nik"), (std::vector<std::string> { "nik.birth_date_mismatch", "nik.sex_mismatch" }));
    EXPECT_TRUE(result.ok());
    input["members"][0]["birth_date"] = "2001-01-01";
    EXPECT_EQ(codes_at(check(input, definition).warnings, "members.0.nik"), std::vector<std::string> { "nik.birth_date_mismatch" });
}

TEST(FormCheck, DocumentEqualsAsARule)
{
    auto definition = service();
    definition.documents[0].equals.clear();
    definition.rules = { { .check = "document_equals", .params = { { "document", "kk" }, { "field", "reporter.kk" } }, .code = "kk.beda",
        .message = "Nomor {document} tidak sama dengan {field}." } };
    auto input = valid_input();
    EXPECT_TRUE(check(input, definition).ok());
    input["documents"]["kk"]["number"] = "1";
    auto const result = check(input, definition);
    ASSERT_EQ(codes_at(result.errors, "documents.kk.number"), std::vector<std::string> { "kk.beda" });
    EXPECT_EQ(result.errors.at(0).message, "Nomor Kartu Keluarga tidak sama dengan Nomor KK.");
}

TEST(FormCheck, MinAgeWithTheOfficesSettingAndItsException)
{
    auto definition = test_forms::ektp_definition();
    nlohmann::json input { { "applicant",
        { { "nik", "6305062611100001" }, { "kk", "6305062310150001" }, { "name", "Budi" }, { "birth_place", "Tapin" },
            { "birth_date", "2010-11-26" }, { "sex", "L" }, { "religion", "Islam" }, { "marital_status", "Belum Kawin" },
            { "address", "Jl. A" }, { "village_code", "63.05.06.2004" } } },
        { "documents",
            { { "surat_pengantar", { { "number", "1" }, { "date", "2026-11-20" } } }, { "akta_kelahiran", { { "number", "2" } } },
                { "kartu_keluarga", { { "number", "6305062310150001" } } } } } };
    FormContext ctx = context();
    ctx.settings["min_recording_age"] = 16;
    auto result = check(input, definition, ctx);
    ASSERT_TRUE(result.ok()) << describe(result.errors);
    ASSERT_EQ(codes_at(result.warnings, "applicant.birth_date"), std::vector<std::string> { "applicant.underage" });
    EXPECT_EQ(result.warnings.at(0).message,
        "Pemohon berumur 15 tahun dan belum kawin. Wajib KTP-el adalah penduduk berumur 17 tahun atau yang sudah atau pernah kawin "
        "(UU 24/2013 Pasal 63); kantor ini merekam mulai umur 16 tahun. Petugas memastikan dengan dokumen pemohon; berkas dapat "
        "dikembalikan dengan alasan belum wajib KTP-el.");
    input["applicant"]["marital_status"] = "Cerai Mati";
    EXPECT_TRUE(check(input, definition, ctx).warnings.empty());
    // Without the setting, the rule's own years.
    input["applicant"]["marital_status"] = "Belum Kawin";
    input["applicant"]["nik"] = "6305062611090001";
    input["applicant"]["birth_date"] = "2009-11-26";
    EXPECT_EQ(codes_at(check(input, definition).warnings, "applicant.birth_date"), std::vector<std::string> { "applicant.underage" });
    ctx.settings["min_recording_age"] = 16;
    EXPECT_TRUE(check(input, definition, ctx).warnings.empty());
}

TEST(FormCheck, DocumentMaxAgeWithAnOfficeSetting)
{
    auto definition = service();
    definition.rules = { { .check = "document_max_age", .params = { { "document", "buku_nikah" }, { "days", "30" }, { "setting", "umur_buku" } },
        .severity = Severity::Warning } };
    auto input = valid_input();
    input["documents"]["buku_nikah"]["date"] = "2026-10-25"; // 31 days.
    auto result = check(input, definition);
    ASSERT_EQ(codes_at(result.warnings, "documents.buku_nikah.date"), std::vector<std::string> { "document.expired" });
    EXPECT_EQ(result.warnings.at(0).message, "Buku Nikah bertanggal 25 Oktober 2026, sudah 31 hari; kantor ini menerima paling lama 30 hari.");
    input["documents"]["buku_nikah"]["date"] = "2026-10-26";
    EXPECT_TRUE(check(input, definition).warnings.empty());
    FormContext ctx = context();
    ctx.settings["umur_buku"] = 10;
    EXPECT_EQ(codes_at(check(input, definition, ctx).warnings, "documents.buku_nikah.date"), std::vector<std::string> { "document.expired" });
}

TEST(FormCheck, ExactlyOneRowWithAValue)
{
    auto definition = service();
    definition.rules = { { .check = "one_row_with", .params = { { "group", "members" }, { "field", "shdk" }, { "value", "Kepala Keluarga" } },
        .code = "members.kepala_keluarga" } };
    auto input = valid_input();
    EXPECT_TRUE(check(input, definition).ok());
    nlohmann::json const child { { "nik", "6305060101200001" }, { "name", "Budi" }, { "shdk", "Anak" } };
    input["members"] = nlohmann::json::array({ child });
    auto result = check(input, definition);
    ASSERT_EQ(codes_at(result.errors, "members"), std::vector<std::string> { "members.kepala_keluarga" });
    EXPECT_EQ(result.errors.at(0).message, "Anggota keluarga harus berisi tepat satu baris dengan Hubungan Kepala Keluarga; ada 0.");
    input["members"] = nlohmann::json::array({ valid_input()["members"][0], valid_input()["members"][0] });
    EXPECT_EQ(codes_at(check(input, definition).errors, "members"), std::vector<std::string> { "members.kepala_keluarga" });
}

TEST(FormCheck, NotFutureAndMaxDaysAgo)
{
    auto definition = service();
    definition.rules = { { .check = "not_future", .params = { { "field", "move.date" } } },
        { .check = "max_days_ago", .params = { { "field", "move.date" }, { "days", "60" } }, .severity = Severity::Warning } };
    auto input = valid_input();
    EXPECT_TRUE(check(input, definition).ok());
    // A date field takes the future by itself: the rule refuses it.
    input["move"]["date"] = "2026-11-26";
    EXPECT_TRUE(check(input).ok());
    auto result = check(input, definition);
    ASSERT_EQ(codes_at(result.errors, "move.date"), std::vector<std::string> { "date.future" });
    EXPECT_EQ(result.errors.at(0).message, "Tanggal pindah 26 November 2026 sesudah hari ini (25 November 2026).");
    input["move"]["date"] = "2026-09-25"; // 61 days ago: reported late.
    result = check(input, definition);
    EXPECT_TRUE(result.ok());
    ASSERT_EQ(codes_at(result.warnings, "move.date"), std::vector<std::string> { "date.late" });
    EXPECT_EQ(result.warnings.at(0).message, "Tanggal pindah 25 September 2026 sudah 61 hari yang lalu, lebih dari 60 hari.");
}

TEST(FormCheck, TheMoveClassIsDerivedFromTwoRegions)
{
    auto definition = service();
    definition.rules = { { .check = "derive_move_class", .params = { { "from", "move.origin" }, { "to", "move.destination" }, { "into", "move.class" } } } };
    struct Case {
        char const* destination;
        char const* expected;
    };
    Case const cases[] = {
        { "63.05.06.2004", "dalam desa" },
        { "63.05.06.2001", "antar desa" },
        { "63.05.05.2001", "antar kecamatan" },
        { "63.71.01.1001", "antar kabupaten" },
        { "64.01.01.2001", "antar provinsi" },
    };
    for (auto const& c : cases) {
        auto input = valid_input();
        input["move"]["destination"] = c.destination;
        // Typed values are never taken: the class is derived.
        input["move"]["class"] = "ketik sendiri";
        auto const result = check(input, definition);
        ASSERT_TRUE(result.ok()) << describe(result.errors);
        EXPECT_EQ(result.value("move.class"), c.expected) << c.destination;
    }
}

// A destination equal to the origin in every compared field is refused,
// naming the destination's first field; one field different is enough.
TEST(FormCheck, DiffersFromRefusesADestinationEqualToTheOrigin)
{
    auto definition = service();
    definition.rules = { { .check = "differs_from", .params = { { "field", "move.destination, move.rt" }, { "other", "move.origin, reporter.phone" } } } };
    auto input = valid_input();
    input["move"]["destination"] = "6305062004"; // The origin, written without dots.
    input["move"]["rt"] = "";
    auto result = check(input, definition);
    ASSERT_EQ(codes_at(result.errors, "move.destination"), std::vector<std::string> { "move.same_as_other" }) << describe(result.errors);
    EXPECT_EQ(result.errors.at(0).message, "Tujuan sama dengan Asal; isi yang berbeda.");
    input["move"]["rt"] = "4"; // Same village, another RT: a move within the village.
    EXPECT_TRUE(check(input, definition).ok());
    input["move"]["rt"] = "";
    input["move"]["destination"] = "6305062001";
    EXPECT_TRUE(check(input, definition).ok());
    // A field refused on its own is not compared again.
    input["move"]["destination"] = "6305069999";
    result = check(input, definition);
    EXPECT_EQ(codes_at(result.errors, "move.destination"), std::vector<std::string> { "region.unknown" }) << describe(result.errors);
}

// A region field keeps the names of the regions above it, so that a letter
// can print a destination anywhere in Indonesia in full.
TEST(FormCheck, ARegionKeepsTheNamesOfItsParents)
{
    auto input = valid_input();
    input["move"]["destination"] = "64.01.01.2001";
    auto const result = check(input);
    ASSERT_TRUE(result.ok()) << describe(result.errors);
    EXPECT_EQ(result.value("move.destination_name"), "Kasungai");
    EXPECT_EQ(result.value("move.destination_district_name"), "Batu Sopang");
    EXPECT_EQ(result.value("move.destination_regency_name"), "Kabupaten Paser");
    EXPECT_EQ(result.value("move.destination_province_name"), "Kalimantan Timur");
    // A village of the office's own kecamatan keeps its own name only.
    EXPECT_EQ(result.value("reporter.village_district_name"), "");
    EXPECT_EQ(parent_region_key("village_code", "regency"), "village_regency_name");
}

TEST(Vocabularies, NamedListsWithAliases)
{
    EXPECT_EQ(vocabulary_names(), (std::vector<std::string_view> { "religions", "marital_statuses", "sex", "shdk", "education", "occupations",
                                      "blood_types", "citizenships", "move_reasons", "move_kinds" }));
    for (auto name : vocabulary_names())
        EXPECT_FALSE(vocabulary(name).value().empty()) << name;
    EXPECT_FALSE(vocabulary("agama").has_value());
    auto const shdk = vocabulary("shdk").value();
    EXPECT_EQ(shdk.front().id, "Kepala Keluarga");
    EXPECT_EQ(shdk.back().id, "Lainnya");
    EXPECT_EQ(find_option(shdk, " famili  lain ")->id, "Famili Lain");
    EXPECT_EQ(find_option(vocabulary("sex").value(), "perempuan")->id, "P");
    EXPECT_EQ(find_option(vocabulary("citizenships").value(), "wni")->id, "WNI");
    EXPECT_EQ(find_option(vocabulary("occupations").value(), "PNS")->id, "Pegawai Negeri Sipil");
    EXPECT_EQ(find_option(vocabulary("move_kinds").value(), "Angg. Keluarga")->id, "Anggota Keluarga");
    EXPECT_EQ(find_option(shdk, "Tetangga"), nullptr);
    EXPECT_EQ(find_rule_spec("min_age")->default_code, "{group}.underage");
    EXPECT_EQ(rule_specs().size(), 9u);
}

// sops/perekaman-ektp.toml through the form check: what intake stored and
// reported before the form was data, it stores and reports now.
TEST(FormCheck, TheEktpFileChecksAsIntakeDidBefore)
{
    auto loaded = load_sop(sopir::testing::k_perekaman_ektp_toml, "sops/perekaman-ektp.toml");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    SopDefinition const& definition = *loaded;
    nlohmann::json input { { "applicant",
        { { "nik", "6305064712990001" }, { "kk", "6305062310150001" }, { "name", " Siti  Aminah" }, { "birth_place", "Tapin" },
            { "birth_date", "1999-12-07" }, { "sex", "perempuan" }, { "religion", "islam" }, { "marital_status", "belum kawin" },
            { "occupation", "" }, { "address", "Jl. Keladan No. 5" }, { "rt", "1" }, { "rw", "" }, { "village_code", "6305062004" },
            { "phone", "0812-3456-7890" } } },
        { "documents",
            { { "surat_pengantar", { { "number", "470/012/KLD/XI/2026" }, { "date", "2026-11-20" } } },
                { "akta_kelahiran", { { "number", "6305-LT-07121999-0001" } } }, { "kartu_keluarga", { { "number", "6305062310150001" } } } } } };
    auto result = check(input, definition);
    ASSERT_TRUE(result.ok()) << describe(result.errors);
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
    // cases.applicant keeps the keys and values it had.
    EXPECT_EQ(result.values["applicant"].dump(),
        R"({"nik":"6305064712990001","kk":"6305062310150001","name":"Siti Aminah","birth_place":"Tapin","birth_date":"1999-12-07",)"
        R"("sex":"P","religion":"Islam","marital_status":"Belum Kawin","occupation":"","address":"Jl. Keladan No. 5","rt":"001","rw":"",)"
        R"("village_code":"63.05.06.2004","village_name":"Margasari Hilir","phone":"081234567890"})");
    EXPECT_EQ(result.documents.dump(),
        R"({"surat_pengantar":{"number":"470/012/KLD/XI/2026","date":"2026-11-20"},"akta_kelahiran":{"number":"6305-LT-07121999-0001"},)"
        R"("kartu_keluarga":{"number":"6305062310150001"}})");

    auto bad = input;
    bad["applicant"]["birth_date"] = "2026-11-26";
    bad["documents"]["kartu_keluarga"]["number"] = "6305062310150002";
    result = check(bad, definition);
    EXPECT_EQ(codes_at(result.errors, "applicant.birth_date"), std::vector<std::string> { "date.future" }) << describe(result.errors);
    EXPECT_EQ(codes_at(result.errors, "documents.kartu_keluarga.number"), std::vector<std::string> { "document.kk_mismatch" });

    auto young = input;
    young["applicant"]["nik"] = "6305062611100001";
    young["applicant"]["birth_date"] = "2010-11-26";
    young["applicant"]["sex"] = "L";
    young["documents"]["surat_pengantar"]["date"] = "2026-08-25";
    FormContext ctx = context();
    ctx.settings["min_recording_age"] = 16;
    result = check(young, definition, ctx);
    EXPECT_TRUE(result.ok()) << describe(result.errors);
    EXPECT_EQ(codes_at(result.warnings, "applicant.birth_date"), std::vector<std::string> { "applicant.underage" }) << describe(result.warnings);
    EXPECT_EQ(codes_at(result.warnings, "documents.surat_pengantar.date"), std::vector<std::string> { "document.expired" });
    for (auto const& warning : result.warnings)
        EXPECT_EQ(warning.message.find('{'), std::string::npos) << warning.message;
    EXPECT_NE(describe(result.warnings).find("kantor ini merekam mulai umur 16 tahun"), std::string::npos) << describe(result.warnings);
}
