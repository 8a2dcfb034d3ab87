// Intake of a Perekaman E-KTP application: every field checked and
// normalized, every finding collected, with a small inline region table:
// no files.
#include "core/form_check.hpp"
#include "core/vocabularies.hpp"
#include "ektp_form.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace sopir;

namespace {

constexpr Date k_today { 2026, 11, 25 };

// The application as the request's "applicant" object carries it, all text.
struct ApplicantInput {
    std::string nik;
    std::string kk;
    std::string name;
    std::string birth_place;
    std::string birth_date;
    std::string sex;
    std::string religion;
    std::string marital_status;
    std::string occupation;
    std::string address;
    std::string rt;
    std::string rw;
    std::string village_code;
    std::string phone;
};

struct DocumentInput {
    std::string number;
    std::string date;
};

using DocumentsInput = std::map<std::string, DocumentInput>;

// What varies between the cases: the documents asked for, the office's
// recording age and how old a Surat Pengantar may be.
struct IntakeContext {
    Date today;
    Regions const* regions { nullptr };
    std::string district_code;
    int min_recording_age { 17 };
    std::vector<DocumentDefinition> required_documents;
    std::optional<int> surat_pengantar_valid_days { 90 };
};

// The stored applicant, as the form check normalized it.
struct Applicant {
    std::string nik, kk, name, birth_place, birth_date, sex, religion, marital_status, occupation, address, rt, rw, village_code,
        village_name, phone;
};

struct IntakeCheck {
    std::vector<IntakeIssue> errors;
    std::vector<IntakeIssue> warnings;
    Applicant applicant;
    DocumentsInput documents;
    bool ok() const { return errors.empty(); }
};

// The E-KTP definition with the context's documents and limits, the
// application as its JSON request, checked with check_form.
IntakeCheck check_intake(ApplicantInput const& a, DocumentsInput const& documents, IntakeContext const& context)
{
    SopDefinition definition = test_forms::ektp_definition();
    definition.documents = context.required_documents;
    for (auto& rule : definition.rules)
        if (rule.check == "document_max_age")
            rule.params["days"] = context.surat_pengantar_valid_days ? std::to_string(*context.surat_pengantar_valid_days) : "0";
    nlohmann::json input { { "applicant",
        { { "nik", a.nik }, { "kk", a.kk }, { "name", a.name }, { "birth_place", a.birth_place }, { "birth_date", a.birth_date },
            { "sex", a.sex }, { "religion", a.religion }, { "marital_status", a.marital_status }, { "occupation", a.occupation },
            { "address", a.address }, { "rt", a.rt }, { "rw", a.rw }, { "village_code", a.village_code }, { "phone", a.phone } } } };
    input["documents"] = nlohmann::json::object();
    for (auto const& [id, document] : documents)
        input["documents"][id] = { { "number", document.number }, { "date", document.date } };
    FormContext const form_context { .today = context.today, .regions = context.regions, .district_code = context.district_code,
        .settings = { { "min_recording_age", context.min_recording_age } } };
    FormCheck const check = check_form(definition, input, form_context);
    IntakeCheck out { .errors = check.errors, .warnings = check.warnings, .applicant = {}, .documents = {} };
    auto v = [&](char const* name) { return check.value(std::string("applicant.") + name); };
    out.applicant = { v("nik"), v("kk"), v("name"), v("birth_place"), v("birth_date"), v("sex"), v("religion"), v("marital_status"),
        v("occupation"), v("address"), v("rt"), v("rw"), v("village_code"), v("village_name"), v("phone") };
    for (auto const& [id, document] : check.documents.items())
        out.documents[id] = { document.value("number", std::string()), document.value("date", std::string()) };
    return out;
}

// Two kecamatan of Kabupaten Tapin, rows as idn-area-data has them.
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

// The documents of sops/perekaman-ektp.toml.
std::vector<DocumentDefinition> const k_documents = test_forms::ektp_definition().documents;

IntakeContext context()
{
    return {
        .today = k_today,
        .regions = &sample_regions(),
        .district_code = "63.05.06",
        .required_documents = k_documents,
    };
}

// A woman born 7 December 1999 in Margasari Hilir; her NIK and KK agree
// with what is declared.
ApplicantInput valid_applicant()
{
    return {
        .nik = "6305064712990001",
        .kk = "6305062310150001",
        .name = "Siti Aminah",
        .birth_place = "Tapin",
        .birth_date = "1999-12-07",
        .sex = "P",
        .religion = "Islam",
        .marital_status = "Belum Kawin",
        .occupation = "Pelajar/Mahasiswa",
        .address = "Jl. Keladan No. 5",
        .rt = "1",
        .rw = "02",
        .village_code = "6305062004",
        .phone = "+62 812-3456-7890",
    };
}

DocumentsInput valid_documents()
{
    return {
        { "surat_pengantar", { .number = "470/012/KLD/XI/2026", .date = "2026-11-20" } },
        { "akta_kelahiran", { .number = "6305-LT-07121999-0001" } },
        { "kartu_keluarga", { .number = "6305062310150001" } },
    };
}

std::vector<std::string> codes_of(std::vector<IntakeIssue> const& issues)
{
    std::vector<std::string> codes;
    for (auto const& issue : issues)
        codes.push_back(issue.code);
    return codes;
}

std::vector<std::string> fields_of(std::vector<IntakeIssue> const& issues)
{
    std::vector<std::string> fields;
    for (auto const& issue : issues)
        fields.push_back(issue.field);
    return fields;
}

std::string describe(std::vector<IntakeIssue> const& issues)
{
    std::string out;
    for (auto const& issue : issues)
        out += issue.field + " " + issue.code + ": " + issue.message + "\n";
    return out;
}

}

TEST(Intake, CompleteValidApplicationIsNormalized)
{
    auto check = check_intake(valid_applicant(), valid_documents(), context());
    ASSERT_TRUE(check.ok()) << describe(check.errors);
    EXPECT_TRUE(check.warnings.empty()) << describe(check.warnings);

    Applicant const& a = check.applicant;
    EXPECT_EQ(a.nik, "6305064712990001");
    EXPECT_EQ(a.kk, "6305062310150001");
    EXPECT_EQ(a.name, "Siti Aminah");
    EXPECT_EQ(a.birth_place, "Tapin");
    EXPECT_EQ(a.birth_date, "1999-12-07");
    EXPECT_EQ(a.sex, "P");
    EXPECT_EQ(a.religion, "Islam");
    EXPECT_EQ(a.marital_status, "Belum Kawin");
    EXPECT_EQ(a.occupation, "Pelajar/Mahasiswa");
    EXPECT_EQ(a.address, "Jl. Keladan No. 5");
    EXPECT_EQ(a.rt, "001");
    EXPECT_EQ(a.rw, "002");
    EXPECT_EQ(a.village_code, "63.05.06.2004");
    EXPECT_EQ(a.village_name, "Margasari Hilir");
    EXPECT_EQ(a.phone, "6281234567890");

    ASSERT_EQ(check.documents.size(), 3u);
    EXPECT_EQ(check.documents.at("surat_pengantar").number, "470/012/KLD/XI/2026");
    EXPECT_EQ(check.documents.at("surat_pengantar").date, "2026-11-20");
    EXPECT_EQ(check.documents.at("akta_kelahiran").number, "6305-LT-07121999-0001");
    EXPECT_EQ(check.documents.at("kartu_keluarga").number, "6305062310150001");
}

TEST(Intake, SpacesAndCaseAreForgivenAndNormalized)
{
    auto input = valid_applicant();
    input.nik = " 6305064712990001 ";
    input.name = "  Siti \t  Aminah\n";
    input.address = "Jl. Keladan\r\nNo. 5";
    input.sex = " perempuan ";
    input.religion = "  ISLAM ";
    input.marital_status = "belum   kawin";
    input.village_code = " 63.05.06.2004 ";
    input.occupation = "";
    input.rt = "";
    input.rw = "";
    input.phone = "";
    auto check = check_intake(input, valid_documents(), context());
    ASSERT_TRUE(check.ok()) << describe(check.errors);
    EXPECT_EQ(check.applicant.nik, "6305064712990001");
    // The name keeps the case it was typed in; only spaces are tidied.
    EXPECT_EQ(check.applicant.name, "Siti Aminah");
    EXPECT_EQ(check.applicant.address, "Jl. Keladan No. 5");
    EXPECT_EQ(check.applicant.sex, "P");
    EXPECT_EQ(check.applicant.village_code, "63.05.06.2004");
    // Optional fields may stay empty.
    EXPECT_EQ(check.applicant.occupation, "");
    EXPECT_EQ(check.applicant.rt, "");
    EXPECT_EQ(check.applicant.rw, "");
    EXPECT_EQ(check.applicant.phone, "");
}

TEST(Intake, EachRequiredFieldMissingIsItsOwnError)
{
    struct Case {
        std::string ApplicantInput::*member;
        char const* field;
        char const* message;
    };
    Case const cases[] = {
        { .member = &ApplicantInput::nik, .field = "applicant.nik", .message = "NIK wajib diisi." },
        { .member = &ApplicantInput::kk, .field = "applicant.kk", .message = "Nomor KK wajib diisi." },
        { .member = &ApplicantInput::name, .field = "applicant.name", .message = "Nama wajib diisi." },
        { .member = &ApplicantInput::birth_place, .field = "applicant.birth_place", .message = "Tempat lahir wajib diisi." },
        { .member = &ApplicantInput::birth_date, .field = "applicant.birth_date", .message = "Tanggal lahir wajib diisi." },
        { .member = &ApplicantInput::sex, .field = "applicant.sex", .message = "Jenis kelamin wajib diisi." },
        { .member = &ApplicantInput::religion, .field = "applicant.religion", .message = "Agama wajib diisi." },
        { .member = &ApplicantInput::marital_status, .field = "applicant.marital_status", .message = "Status perkawinan wajib diisi." },
        { .member = &ApplicantInput::address, .field = "applicant.address", .message = "Alamat wajib diisi." },
        { .member = &ApplicantInput::village_code, .field = "applicant.village_code", .message = "Desa/kelurahan wajib diisi." },
    };
    for (auto const& c : cases) {
        for (char const* empty : { "", "   ", "\t\n" }) {
            auto input = valid_applicant();
            input.*c.member = empty;
            auto check = check_intake(input, valid_documents(), context());
            ASSERT_EQ(check.errors.size(), 1u) << c.field << "\n"
                                               << describe(check.errors);
            EXPECT_EQ(check.errors[0].field, c.field);
            EXPECT_EQ(check.errors[0].code, "required") << c.field;
            EXPECT_EQ(check.errors[0].message, c.message);
        }
    }
}

TEST(Intake, OptionalFieldsMayBeEmpty)
{
    for (auto member : { &ApplicantInput::occupation, &ApplicantInput::rt, &ApplicantInput::rw, &ApplicantInput::phone }) {
        auto input = valid_applicant();
        input.*member = " ";
        auto check = check_intake(input, valid_documents(), context());
        EXPECT_TRUE(check.ok()) << describe(check.errors);
    }
}

TEST(Intake, BadNikAndKkCarryTheIdentityCodes)
{
    struct Case {
        char const* what;
        char const* nik { "6305064712990001" };
        char const* kk { "6305062310150001" };
        std::vector<std::string> fields;
        std::vector<std::string> codes;
    };
    Case const cases[] = {
        { .what = "NIK of 15 digits", .nik = "630506471299001", .fields = { "applicant.nik" }, .codes = { "nik.length" } },
        { .what = "NIK with a letter O", .nik = "63050647I2990001", .fields = { "applicant.nik" }, .codes = { "nik.not_digits" } },
        { .what = "NIK day 72", .nik = "6305067212990001", .fields = { "applicant.nik" }, .codes = { "nik.date" } },
        { .what = "NIK serial 0000", .nik = "6305064712990000", .fields = { "applicant.nik" }, .codes = { "nik.serial_zero" } },
        { .what = "KK issued tomorrow", .kk = "6305062611260001", .fields = { "applicant.kk" }, .codes = { "kk.issue_date_future" } },
        // A broken KK is reported once, not again as differing from the
        // Kartu Keluarga brought.
        { .what = "KK of 17 digits", .kk = "63050623101500011", .fields = { "applicant.kk" }, .codes = { "kk.length" } },
    };
    for (auto const& c : cases) {
        auto input = valid_applicant();
        input.nik = c.nik;
        input.kk = c.kk;
        auto check = check_intake(input, valid_documents(), context());
        EXPECT_EQ(fields_of(check.errors), c.fields) << c.what << "\n"
                                                     << describe(check.errors);
        EXPECT_EQ(codes_of(check.errors), c.codes) << c.what;
        EXPECT_FALSE(check.ok()) << c.what;
    }
    auto input = valid_applicant();
    input.nik = "630506471299001";
    EXPECT_EQ(check_intake(input, valid_documents(), context()).errors[0].message, "NIK harus 16 digit angka; yang diisi 15 digit.");
}

TEST(Intake, NikDisagreeingWithTheFormIsAWarning)
{
    struct Case {
        char const* what;
        char const* nik { "6305064712990001" };
        char const* birth_date { "1999-12-07" };
        char const* sex { "P" };
        std::vector<std::string> warnings {};
    };
    // SPEC.md: a birth date or sex that disagrees with the NIK is a warning
    // the officer confirms; an unknown region code is a warning too.
    Case const cases[] = {
        { .what = "all agree" },
        { .what = "birth date differs", .birth_date = "1999-12-08", .warnings = { "nik.birth_date_mismatch" } },
        { .what = "sex differs", .sex = "L", .warnings = { "nik.sex_mismatch" } },
        { .what = "both differ", .birth_date = "2000-12-07", .sex = "laki-laki", .warnings = { "nik.birth_date_mismatch", "nik.sex_mismatch" } },
        { .what = "region not in the data", .nik = "9999994712990001", .warnings = { "nik.region_unknown" } },
        // A broken birth date or sex is an error of its own, not a mismatch.
        { .what = "no birth date to compare", .birth_date = "", .warnings = {} },
    };
    for (auto const& c : cases) {
        auto input = valid_applicant();
        input.nik = c.nik;
        input.birth_date = c.birth_date;
        input.sex = c.sex;
        auto check = check_intake(input, valid_documents(), context());
        EXPECT_EQ(codes_of(check.warnings), c.warnings) << c.what << "\n"
                                                        << describe(check.warnings);
        for (auto const& warning : check.warnings)
            EXPECT_EQ(warning.field, "applicant.nik") << c.what;
        if (*c.birth_date) {
            EXPECT_TRUE(check.ok()) << c.what << "\n"
                                    << describe(check.errors);
        }
    }
}

TEST(Intake, UnderageAndNeverMarriedIsAWarning)
{
    // On 25 November 2026. UU 24/2013 Pasal 63: 17, or married or ever
    // married; the office may record from 16.
    struct Case {
        char const* what;
        char const* nik;
        char const* birth_date;
        char const* marital_status { "Belum Kawin" };
        int min_recording_age { 17 };
        bool warned;
    };
    Case const cases[] = {
        { .what = "16, turns 17 tomorrow", .nik = "6305062611090001", .birth_date = "2009-11-26", .warned = true },
        { .what = "turns 17 today", .nik = "6305062511090001", .birth_date = "2009-11-25", .warned = false },
        { .what = "16 and married", .nik = "6305062611090001", .birth_date = "2009-11-26", .marital_status = "Kawin", .warned = false },
        { .what = "16 and divorced", .nik = "6305062611090001", .birth_date = "2009-11-26", .marital_status = "Cerai Hidup", .warned = false },
        { .what = "16 and widowed", .nik = "6305062611090001", .birth_date = "2009-11-26", .marital_status = "cerai mati", .warned = false },
        { .what = "16 where the office records from 16", .nik = "6305062611090001", .birth_date = "2009-11-26", .min_recording_age = 16, .warned = false },
        { .what = "turns 16 today, office records from 16", .nik = "6305062511100001", .birth_date = "2010-11-25", .min_recording_age = 16, .warned = false },
        { .what = "15, office records from 16", .nik = "6305062611100001", .birth_date = "2010-11-26", .min_recording_age = 16, .warned = true },
        { .what = "15 and married, office records from 16", .nik = "6305062611100001", .birth_date = "2010-11-26", .marital_status = "Kawin Tercatat", .min_recording_age = 16, .warned = false },
    };
    for (auto const& c : cases) {
        auto input = valid_applicant();
        input.nik = c.nik;
        input.birth_date = c.birth_date;
        input.sex = "L";
        input.marital_status = c.marital_status;
        auto ctx = context();
        ctx.min_recording_age = c.min_recording_age;
        auto check = check_intake(input, valid_documents(), ctx);
        EXPECT_TRUE(check.ok()) << c.what << "\n"
                                << describe(check.errors);
        EXPECT_EQ(codes_of(check.warnings), c.warned ? std::vector<std::string> { "applicant.underage" } : std::vector<std::string> {})
            << c.what << "\n"
            << describe(check.warnings);
        if (c.warned) {
            EXPECT_EQ(check.warnings[0].field, "applicant.birth_date") << c.what;
        }
    }

    auto input = valid_applicant();
    input.nik = "6305062611090001";
    input.birth_date = "2009-11-26";
    input.sex = "L";
    EXPECT_EQ(check_intake(input, valid_documents(), context()).warnings.at(0).message,
        "Pemohon berumur 16 tahun dan belum kawin. Wajib KTP-el adalah penduduk berumur 17 tahun atau yang sudah atau pernah kawin "
        "(UU 24/2013 Pasal 63). Petugas memastikan dengan dokumen pemohon; berkas dapat dikembalikan dengan alasan belum wajib KTP-el.");
    input.nik = "6305062611100001";
    input.birth_date = "2010-11-26";
    auto ctx = context();
    ctx.min_recording_age = 16;
    auto const message = check_intake(input, valid_documents(), ctx).warnings.at(0).message;
    EXPECT_NE(message.find("15 tahun"), std::string::npos) << message;
    EXPECT_NE(message.find("kantor ini merekam mulai umur 16 tahun"), std::string::npos) << message;
}

TEST(Intake, VillageMustBeInTheOfficesKecamatan)
{
    struct Case {
        char const* what;
        char const* village_code;
        bool with_regions { true };
        char const* error {};
        char const* normalized {};
        char const* name {};
    };
    Case const cases[] = {
        { .what = "dotted", .village_code = "63.05.06.2001", .normalized = "63.05.06.2001", .name = "Keladan" },
        { .what = "undotted", .village_code = "6305062004", .normalized = "63.05.06.2004", .name = "Margasari Hilir" },
        { .what = "another kecamatan", .village_code = "63.05.05.2001", .error = "village.other_district" },
        { .what = "not in the data", .village_code = "63.05.06.2999", .error = "village.unknown" },
        { .what = "a kecamatan code", .village_code = "63.05.06", .error = "village.format" },
        { .what = "nine digits", .village_code = "630506200", .error = "village.format" },
        { .what = "a name", .village_code = "Keladan", .error = "village.format" },
        // Without region data only the code's shape is checked, and its
        // kecamatan, which is part of the code.
        { .what = "no data, unknown village", .village_code = "63.05.06.2999", .with_regions = false, .normalized = "63.05.06.2999", .name = "" },
        { .what = "no data, another kecamatan", .village_code = "6305052001", .with_regions = false, .error = "village.other_district" },
        { .what = "no data, bad shape", .village_code = "63.05.06.20", .with_regions = false, .error = "village.format" },
    };
    for (auto const& c : cases) {
        auto input = valid_applicant();
        input.village_code = c.village_code;
        auto ctx = context();
        if (!c.with_regions)
            ctx.regions = nullptr;
        auto check = check_intake(input, valid_documents(), ctx);
        if (c.error) {
            ASSERT_EQ(check.errors.size(), 1u) << c.what << "\n"
                                               << describe(check.errors);
            EXPECT_EQ(check.errors[0].field, "applicant.village_code") << c.what;
            EXPECT_EQ(check.errors[0].code, c.error) << c.what;
            EXPECT_TRUE(check.applicant.village_code.empty()) << c.what;
        } else {
            EXPECT_TRUE(check.ok()) << c.what << "\n"
                                    << describe(check.errors);
            EXPECT_EQ(check.applicant.village_code, c.normalized) << c.what;
            EXPECT_EQ(check.applicant.village_name, c.name) << c.what;
        }
    }

    auto input = valid_applicant();
    input.village_code = "63.05.05.2001";
    EXPECT_EQ(check_intake(input, valid_documents(), context()).errors.at(0).message,
        "Desa/kelurahan 63.05.05.2001 (Margasari Hulu) termasuk kecamatan 63.05.05 (Candi Laras Selatan), "
        "bukan wilayah kecamatan kantor ini (63.05.06, Candi Laras Utara).");
}

TEST(Intake, RtRwPaddedToThreeDigits)
{
    struct Case {
        char const* input;
        char const* normalized {};
        char const* error {};
    };
    Case const cases[] = {
        { .input = "1", .normalized = "001" },
        { .input = "01", .normalized = "001" },
        { .input = " 12 ", .normalized = "012" },
        { .input = "123", .normalized = "123" },
        { .input = "1234", .error = "rt_rw.format" },
        { .input = "0", .error = "rt_rw.zero" },
        { .input = "000", .error = "rt_rw.zero" },
        { .input = "1a", .error = "rt_rw.format" },
        { .input = "-1", .error = "rt_rw.format" },
        { .input = "RT 1", .error = "rt_rw.format" },
    };
    for (auto const& c : cases) {
        auto input = valid_applicant();
        input.rt = c.input;
        input.rw = c.input;
        auto check = check_intake(input, valid_documents(), context());
        if (c.error) {
            EXPECT_EQ(fields_of(check.errors), (std::vector<std::string> { "applicant.rt", "applicant.rw" })) << c.input;
            EXPECT_EQ(codes_of(check.errors), (std::vector<std::string> { c.error, c.error })) << c.input;
        } else {
            EXPECT_TRUE(check.ok()) << c.input << "\n"
                                    << describe(check.errors);
            EXPECT_EQ(check.applicant.rt, c.normalized) << c.input;
            EXPECT_EQ(check.applicant.rw, c.normalized) << c.input;
        }
    }
}

TEST(Intake, PhoneNormalizedToDigits)
{
    struct Case {
        char const* input;
        char const* normalized {}; // Empty: refused.
    };
    Case const cases[] = {
        { .input = "081234567890", .normalized = "081234567890" },
        { .input = "0812-3456-7890", .normalized = "081234567890" },
        { .input = " 0812 3456 7890 ", .normalized = "081234567890" },
        { .input = "+62 812-3456-7890", .normalized = "6281234567890" },
        { .input = "6281234567890", .normalized = "6281234567890" },
        { .input = "0511-4781234", .normalized = "05114781234" }, // A landline with its area code.
        { .input = "051112345", .normalized = "051112345" },      // Nine digits.
        { .input = "05111234" },                                  // Eight.
        { .input = "0812345678901234" },                          // Sixteen.
        { .input = "812-3456-7890" },                             // Neither 0 nor 62.
        { .input = "+1 202 555 0100" },                           // Not Indonesian.
        { .input = "+62 0812-3456-7890" },                        // Trunk 0 after +62.
        { .input = "0812.3456.7890" },
        { .input = "(0511) 4781234" },
        { .input = "0812+34567890" },
        { .input = "+" },
    };
    for (auto const& c : cases) {
        auto input = valid_applicant();
        input.phone = c.input;
        auto check = check_intake(input, valid_documents(), context());
        if (c.normalized) {
            EXPECT_TRUE(check.ok()) << c.input << "\n"
                                    << describe(check.errors);
            EXPECT_EQ(check.applicant.phone, c.normalized) << c.input;
        } else {
            EXPECT_EQ(fields_of(check.errors), std::vector<std::string> { "applicant.phone" }) << c.input;
            EXPECT_EQ(codes_of(check.errors), std::vector<std::string> { "phone.format" }) << c.input;
            EXPECT_TRUE(check.applicant.phone.empty()) << c.input;
        }
    }
}

TEST(Intake, NameRules)
{
    struct Case {
        char const* what;
        std::string input;
        char const* normalized {};
        char const* error {};
    };
    Case const cases[] = {
        { .what = "plain", .input = "Muhammad Rizky", .normalized = "Muhammad Rizky" },
        { .what = "capitals kept", .input = "SITI AMINAH", .normalized = "SITI AMINAH" },
        { .what = "one word, recorded before Permendagri 73/2022", .input = "Sukarni", .normalized = "Sukarni" },
        { .what = "titles and an apostrophe", .input = "Drs. H. Ma'ruf, S.Pd", .normalized = "Drs. H. Ma'ruf, S.Pd" },
        { .what = "a hyphen", .input = "Anak Agung Ayu Putri-Dewi", .normalized = "Anak Agung Ayu Putri-Dewi" },
        { .what = "runs of spaces", .input = "  Siti   Aminah ", .normalized = "Siti Aminah" },
        { .what = "two letters", .input = "Ah", .normalized = "Ah" },
        { .what = "one letter", .input = "A", .error = "name.length" },
        { .what = "a digit", .input = "Budi 2", .error = "name.characters" },
        { .what = "a slash", .input = "Budi/Santoso", .error = "name.characters" },
        { .what = "an accent", .input = "Andr\xc3\xa9", .error = "name.characters" },
        { .what = "punctuation only", .input = "...", .error = "name.characters" },
        { .what = "101 letters", .input = std::string(101, 'a'), .error = "text.too_long" },
        { .what = "100 letters", .input = std::string(100, 'a'), .normalized = "" },
        { .what = "not UTF-8", .input = "Siti \xff", .error = "text.encoding" },
        { .what = "a control character", .input = "Siti\x01", .error = "text.encoding" },
    };
    for (auto const& c : cases) {
        auto input = valid_applicant();
        input.name = c.input;
        auto check = check_intake(input, valid_documents(), context());
        if (c.error) {
            EXPECT_EQ(fields_of(check.errors), std::vector<std::string> { "applicant.name" }) << c.what;
            EXPECT_EQ(codes_of(check.errors), std::vector<std::string> { c.error }) << c.what;
        } else {
            EXPECT_TRUE(check.ok()) << c.what << "\n"
                                    << describe(check.errors);
            if (*c.normalized) {
                EXPECT_EQ(check.applicant.name, c.normalized) << c.what;
            }
        }
    }
    auto input = valid_applicant();
    input.name = "Budi 2";
    EXPECT_EQ(check_intake(input, valid_documents(), context()).errors.at(0).message,
        "Nama hanya boleh berisi huruf latin, spasi, dan tanda . , ' -; ada angka \"2\" pada posisi ke-6.");
}

TEST(Intake, BirthDateRules)
{
    struct Case {
        char const* input;
        char const* error;
        char const* message {};
    };
    Case const cases[] = {
        { .input = "7 Desember 1999", .error = "date.format", .message = "Tanggal lahir harus ditulis HH-BB-TTTT (tanggal-bulan-tahun), misalnya 07-12-1999." },
        { .input = "7-12-1999", .error = "date.format" },
        { .input = "31-02-2000", .error = "date.invalid", .message = "Tanggal lahir 31-02-2000 tidak ada dalam kalender." },
        { .input = "1999-12-7", .error = "date.format" },
        { .input = "1999-02-29", .error = "date.invalid", .message = "Tanggal lahir 1999-02-29 tidak ada dalam kalender." },
        { .input = "1999-13-01", .error = "date.invalid" },
        { .input = "2026-11-26", .error = "date.future", .message = "Tanggal lahir 26 November 2026 sesudah hari ini (25 November 2026)." },
        { .input = "1899-12-31", .error = "date.too_early" },
    };
    for (auto const& c : cases) {
        auto input = valid_applicant();
        input.birth_date = c.input;
        auto check = check_intake(input, valid_documents(), context());
        EXPECT_EQ(fields_of(check.errors), std::vector<std::string> { "applicant.birth_date" }) << c.input;
        EXPECT_EQ(codes_of(check.errors), std::vector<std::string> { c.error }) << c.input;
        if (c.message && !check.errors.empty()) {
            EXPECT_EQ(check.errors[0].message, c.message);
        }
    }
}

// People write the day first; the form records the ISO date either way.
TEST(Intake, BirthDateTypedDayFirstIsRecordedAsIso)
{
    for (char const* typed : { "07-12-1999", "07/12/1999", "07.12.1999", "1999-12-07" }) {
        auto input = valid_applicant();
        input.birth_date = typed;
        auto check = check_intake(input, valid_documents(), context());
        EXPECT_TRUE(check.ok()) << typed;
        EXPECT_EQ(check.applicant.birth_date, "1999-12-07") << typed;
    }
}

TEST(Intake, SexReligionAndMaritalStatusSpellings)
{
    auto const religions = vocabulary("religions").value();
    auto religion = [&](std::string_view typed) {
        InputOption const* option = find_option(religions, typed);
        return option ? option->id : std::string("-");
    };
    EXPECT_EQ(religion("islam"), "Islam");
    EXPECT_EQ(religion(" KATOLIK "), "Katolik");
    EXPECT_EQ(religion("Katholik"), "Katolik");
    EXPECT_EQ(religion("Budha"), "Buddha");
    EXPECT_EQ(religion("Kong Hu Cu"), "Khonghucu");
    EXPECT_EQ(religion("Kristen Protestan"), "Kristen");
    EXPECT_EQ(religion("kepercayaan terhadap tuhan yme"), "Kepercayaan terhadap Tuhan YME");
    EXPECT_EQ(religion("Kepercayaan terhadap Tuhan Yang Maha Esa"), "Kepercayaan terhadap Tuhan YME");
    EXPECT_EQ(religion("Lainnya"), "-");
    EXPECT_EQ(religion(""), "-");

    auto const statuses = vocabulary("marital_statuses").value();
    auto status = [&](std::string_view typed) {
        InputOption const* option = find_option(statuses, typed);
        return option ? option->id : std::string("-");
    };
    EXPECT_EQ(status("BELUM KAWIN"), "Belum Kawin");
    EXPECT_EQ(status("kawin"), "Kawin");
    EXPECT_EQ(status("Kawin Belum Tercatat"), "Kawin");
    EXPECT_EQ(status("Cerai  Hidup"), "Cerai Hidup");
    EXPECT_EQ(status("cerai mati"), "Cerai Mati");
    EXPECT_EQ(status("Janda"), "-");

    auto ids = [](std::vector<InputOption> const& options) {
        std::vector<std::string> out;
        for (auto const& option : options)
            out.push_back(option.id);
        return out;
    };
    EXPECT_EQ(ids(religions), (std::vector<std::string> { "Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu", "Kepercayaan terhadap Tuhan YME" }));
    EXPECT_EQ(ids(statuses), (std::vector<std::string> { "Belum Kawin", "Kawin", "Cerai Hidup", "Cerai Mati" }));

    struct Case {
        char const* sex;
        std::optional<Sex> parsed;
    };
    Case const cases[] = {
        { .sex = "L", .parsed = Sex::LakiLaki },
        { .sex = "l", .parsed = Sex::LakiLaki },
        { .sex = "Laki-laki", .parsed = Sex::LakiLaki },
        { .sex = "LAKI-LAKI", .parsed = Sex::LakiLaki },
        { .sex = "P", .parsed = Sex::Perempuan },
        { .sex = " p ", .parsed = Sex::Perempuan },
        { .sex = "perempuan", .parsed = Sex::Perempuan },
        { .sex = "X" },
        { .sex = "LP" },
        { .sex = "Wanita" },
    };
    for (auto const& c : cases) {
        auto input = valid_applicant();
        input.sex = c.sex;
        // The NIK is a man's when the declared sex is; no mismatch warning.
        input.nik = c.parsed == Sex::LakiLaki ? "6305060712990001" : "6305064712990001";
        auto check = check_intake(input, valid_documents(), context());
        if (c.parsed) {
            EXPECT_TRUE(check.ok()) << c.sex << "\n"
                                    << describe(check.errors);
            EXPECT_EQ(check.applicant.sex, *c.parsed == Sex::LakiLaki ? "L" : "P") << c.sex;
        } else {
            EXPECT_EQ(codes_of(check.errors), std::vector<std::string> { "sex.unknown" }) << c.sex;
        }
    }

    auto input = valid_applicant();
    input.religion = "Lainnya";
    input.marital_status = "Janda";
    auto check = check_intake(input, valid_documents(), context());
    EXPECT_EQ(codes_of(check.errors), (std::vector<std::string> { "religion.unknown", "marital_status.unknown" }));
    EXPECT_EQ(check.errors.at(0).message, "Agama harus salah satu dari: Islam, Kristen, Katolik, Hindu, Buddha, Khonghucu, Kepercayaan terhadap Tuhan YME.");
}

TEST(Intake, EveryErrorIsCollectedAtOnce)
{
    ApplicantInput const input {
        .nik = "12345",
        .kk = "abc",
        .name = "R2D2",
        .birth_place = "",
        .birth_date = "31-02-2000",
        .sex = "X",
        .religion = "Jedi",
        .marital_status = "Lajang",
        .occupation = std::string(101, 'x'),
        .address = "",
        .rt = "0",
        .rw = "9999",
        .village_code = "63.05.05.2001",
        .phone = "12",
    };
    DocumentsInput const documents {
        { "surat_pengantar", { .number = "", .date = "2027-01-01" } },
        { "ijazah", { .number = "123" } },
    };
    auto check = check_intake(input, documents, context());
    EXPECT_EQ(fields_of(check.errors),
        (std::vector<std::string> {
            "applicant.nik",
            "applicant.kk",
            "applicant.name",
            "applicant.birth_place",
            "applicant.birth_date",
            "applicant.sex",
            "applicant.religion",
            "applicant.marital_status",
            "applicant.occupation",
            "applicant.address",
            "applicant.rt",
            "applicant.rw",
            "applicant.village_code",
            "applicant.phone",
            "documents.surat_pengantar.number",
            "documents.surat_pengantar.date",
            "documents.akta_kelahiran.number",
            "documents.kartu_keluarga.number",
            "documents.ijazah",
        }))
        << describe(check.errors);
    EXPECT_EQ(codes_of(check.errors),
        (std::vector<std::string> {
            "nik.length",
            "kk.not_digits",
            "name.characters",
            "required",
            "date.invalid",
            "sex.unknown",
            "religion.unknown",
            "marital_status.unknown",
            "text.too_long",
            "required",
            "rt_rw.zero",
            "rt_rw.format",
            "village.other_district",
            "phone.format",
            "required",
            "date.future",
            "required",
            "required",
            "document.unknown",
        }));
    for (auto const& error : check.errors)
        EXPECT_FALSE(error.message.empty()) << error.field;
    EXPECT_FALSE(check.ok());
}

TEST(Intake, DocumentsMissing)
{
    auto check = check_intake(valid_applicant(), {}, context());
    EXPECT_EQ(fields_of(check.errors),
        (std::vector<std::string> {
            "documents.surat_pengantar.number",
            "documents.surat_pengantar.date",
            "documents.akta_kelahiran.number",
            "documents.kartu_keluarga.number",
        }))
        << describe(check.errors);
    EXPECT_EQ(codes_of(check.errors), (std::vector<std::string> { "required", "required", "required", "required" }));
    EXPECT_EQ(check.errors[0].message, "Nomor Surat Pengantar dari Kepala Desa wajib diisi.");
    EXPECT_EQ(check.errors[1].message, "Tanggal Surat Pengantar dari Kepala Desa wajib diisi.");
    EXPECT_EQ(check.errors[2].message, "Nomor Akta Kelahiran wajib diisi.");
    EXPECT_TRUE(check.documents.empty());

    // Present but with a blank number is the same as missing.
    auto documents = valid_documents();
    documents["akta_kelahiran"].number = "  ";
    auto blank = check_intake(valid_applicant(), documents, context());
    EXPECT_EQ(fields_of(blank.errors), std::vector<std::string> { "documents.akta_kelahiran.number" });
    EXPECT_EQ(codes_of(blank.errors), std::vector<std::string> { "required" });

    // Only the documents the service asks for are required.
    auto ctx = context();
    ctx.required_documents = { k_documents[1] };
    auto only_akta = check_intake(valid_applicant(), { { "akta_kelahiran", { .number = "123/2000" } } }, ctx);
    EXPECT_TRUE(only_akta.ok()) << describe(only_akta.errors);
}

TEST(Intake, SuratPengantarDateAndAge)
{
    struct Case {
        char const* what;
        char const* date;
        std::optional<int> valid_days { 90 };
        std::vector<std::string> errors {};
        std::vector<std::string> warnings {};
    };
    Case const cases[] = {
        { .what = "today", .date = "2026-11-25" },
        { .what = "90 days old", .date = "2026-08-27" },
        { .what = "91 days old", .date = "2026-08-26", .warnings = { "document.expired" } },
        { .what = "91 days old, no limit", .date = "2026-08-26", .valid_days = std::nullopt },
        { .what = "a year old, 400-day limit", .date = "2025-11-25", .valid_days = 400 },
        { .what = "tomorrow", .date = "2026-11-26", .errors = { "date.future" } },
        { .what = "not a day", .date = "2026-02-30", .errors = { "date.invalid" } },
        { .what = "day first", .date = "20/11/2026" },
        { .what = "day first, not a day", .date = "31/11/2026", .errors = { "date.invalid" } },
        { .what = "words", .date = "20 November 2026", .errors = { "date.format" } },
    };
    for (auto const& c : cases) {
        auto documents = valid_documents();
        documents["surat_pengantar"].date = c.date;
        auto ctx = context();
        ctx.surat_pengantar_valid_days = c.valid_days;
        auto check = check_intake(valid_applicant(), documents, ctx);
        EXPECT_EQ(codes_of(check.errors), c.errors) << c.what << "\n"
                                                    << describe(check.errors);
        EXPECT_EQ(codes_of(check.warnings), c.warnings) << c.what;
        for (auto const& issue : check.errors)
            EXPECT_EQ(issue.field, "documents.surat_pengantar.date") << c.what;
        for (auto const& issue : check.warnings)
            EXPECT_EQ(issue.field, "documents.surat_pengantar.date") << c.what;
    }

    auto documents = valid_documents();
    documents["surat_pengantar"].date = "2026-08-26";
    EXPECT_EQ(check_intake(valid_applicant(), documents, context()).warnings.at(0).message,
        "Surat Pengantar dari Kepala Desa bertanggal 26 Agustus 2026, sudah 91 hari; kantor ini menerima surat pengantar paling lama 90 hari. "
        "Petugas dapat meminta surat pengantar yang baru.");
}

TEST(Intake, KartuKeluargaNumberIsTheApplicantsKk)
{
    auto documents = valid_documents();
    documents["kartu_keluarga"].number = "6305 0623 1015 0001";
    auto spaced = check_intake(valid_applicant(), documents, context());
    EXPECT_TRUE(spaced.ok()) << describe(spaced.errors);
    EXPECT_EQ(spaced.documents.at("kartu_keluarga").number, "6305062310150001");

    documents["kartu_keluarga"].number = "6305062310150002";
    auto other = check_intake(valid_applicant(), documents, context());
    EXPECT_EQ(fields_of(other.errors), std::vector<std::string> { "documents.kartu_keluarga.number" });
    EXPECT_EQ(codes_of(other.errors), std::vector<std::string> { "document.kk_mismatch" });

    // With the applicant's KK broken, only that is reported.
    auto input = valid_applicant();
    input.kk = "6305062310150000";
    auto broken = check_intake(input, documents, context());
    EXPECT_EQ(codes_of(broken.errors), std::vector<std::string> { "kk.serial_zero" });
}

TEST(Intake, UnknownDocumentsAreReported)
{
    auto documents = valid_documents();
    documents["ijazah"] = { .number = "DN-01/123" };
    documents["bad id \xff"] = { .number = "1" };
    auto check = check_intake(valid_applicant(), documents, context());
    // An id that is not a plain identifier is not echoed in the path.
    EXPECT_EQ(fields_of(check.errors), (std::vector<std::string> { "documents", "documents.ijazah" }));
    EXPECT_EQ(codes_of(check.errors), (std::vector<std::string> { "document.unknown", "document.unknown" }));
    EXPECT_EQ(check.errors.at(1).message,
        "Dokumen ini tidak termasuk persyaratan layanan; yang diperlukan: Surat Pengantar dari Kepala Desa, Akta Kelahiran, Kartu Keluarga.");
    EXPECT_EQ(check.documents.count("ijazah"), 0u);
}

TEST(Intake, FreeTextLimits)
{
    auto input = valid_applicant();
    input.address = std::string(200, 'a');
    input.birth_place = std::string(100, 'b');
    EXPECT_TRUE(check_intake(input, valid_documents(), context()).ok());

    input.address = std::string(201, 'a');
    input.birth_place = "Tapin\x7f";
    auto check = check_intake(input, valid_documents(), context());
    EXPECT_EQ(fields_of(check.errors), (std::vector<std::string> { "applicant.birth_place", "applicant.address" }));
    EXPECT_EQ(codes_of(check.errors), (std::vector<std::string> { "text.encoding", "text.too_long" }));
    EXPECT_EQ(check.errors.at(1).message, "Alamat paling banyak 200 karakter; yang diisi 201 karakter.");

    // Characters, not bytes: 200 "é" fit.
    std::string accents;
    for (int i = 0; i < 200; ++i)
        accents += "\xc3\xa9";
    input.address = accents;
    input.birth_place = "Tapin";
    EXPECT_TRUE(check_intake(input, valid_documents(), context()).ok());
}
