// NIK and Nomor KK as SPEC.md describes them, with a small inline region
// table: no files.
#include "core/identity.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace sopir;

namespace {

constexpr Date k_today { 2026, 11, 25 };

Regions const& sample_regions()
{
    static Regions const regions = [] {
        auto parsed = Regions::parse("code,name\n63,Kalimantan Selatan\n",
            "code,province_code,name\n63.05,63,Kabupaten Tapin\n",
            "code,regency_code,name\n63.05.06,63.05,Candi Laras Utara\n",
            "code,district_code,name\n63.05.06.2004,63.05.06,Margasari Hilir\n");
        EXPECT_TRUE(parsed.ok());
        return std::move(parsed).value();
    }();
    return regions;
}

std::vector<std::string> codes_of(std::vector<IdentityIssue> const& issues)
{
    std::vector<std::string> codes;
    for (auto const& issue : issues)
        codes.push_back(issue.code);
    return codes;
}

}

TEST(Nik, StructureAndTheCenturyRule)
{
    struct Case {
        char const* what;
        char const* nik;
        std::vector<std::string> errors {};
        std::optional<Date> birth_date {};
        std::optional<Sex> sex {};
        Date today { k_today };
    };
    Case const cases[] = {
        // SPEC.md: a woman born 29 Feb 2000 has 690200.
        { .what = "woman born 29 Feb 2000", .nik = "6305066902000001", .birth_date = Date { 2000, 2, 29 }, .sex = Sex::Perempuan },
        { .what = "man born 1 Jan 1999", .nik = "6305060101990001", .birth_date = Date { 1999, 1, 1 }, .sex = Sex::LakiLaki },
        { .what = "man born 1 Jan 2010", .nik = "6305060101100001", .birth_date = Date { 2010, 1, 1 }, .sex = Sex::LakiLaki },
        { .what = "woman born 7 Dec 1999", .nik = "6305064712990001", .birth_date = Date { 1999, 12, 7 }, .sex = Sex::Perempuan },
        { .what = "woman born 31 Dec 2008", .nik = "6305067112080002", .birth_date = Date { 2008, 12, 31 }, .sex = Sex::Perempuan },
        // The latest century that gives a date not after today.
        { .what = "born today", .nik = "6305062511260001", .birth_date = Date { 2026, 11, 25 }, .sex = Sex::LakiLaki },
        { .what = "tomorrow in 2026 is 1926", .nik = "6305062611260001", .birth_date = Date { 1926, 11, 26 }, .sex = Sex::LakiLaki },
        { .what = "1 Jan 2027 is 1927", .nik = "6305060101270001", .birth_date = Date { 1927, 1, 1 }, .sex = Sex::LakiLaki },
        { .what = "year 99 is 1999", .nik = "6305061506990001", .birth_date = Date { 1999, 6, 15 }, .sex = Sex::LakiLaki },
        { .what = "year 00 is 2000", .nik = "6305061506000001", .birth_date = Date { 2000, 6, 15 }, .sex = Sex::LakiLaki },
        // The century comes first, then the date is checked: on 28 Feb 2000,
        // 29 Feb "00" is still to come, so it is 1900, which was no leap year.
        { .what = "29 Feb 00 seen before it came", .nik = "6305062902000001", .errors = { "nik.date" }, .sex = Sex::LakiLaki, .today = { 2000, 2, 28 } },
        { .what = "29 Feb 00 seen on the day", .nik = "6305062902000001", .birth_date = Date { 2000, 2, 29 }, .sex = Sex::LakiLaki, .today = { 2000, 2, 29 } },
        // Dates that do not exist.
        { .what = "day 32", .nik = "6305063201990001", .errors = { "nik.date" } },
        { .what = "day 72 (a woman's day 32)", .nik = "6305067201990001", .errors = { "nik.date" } },
        { .what = "day 00", .nik = "6305060001990001", .errors = { "nik.date" } },
        { .what = "day 40", .nik = "6305064001990001", .errors = { "nik.date" } },
        { .what = "month 13", .nik = "6305060113990001", .errors = { "nik.date" }, .sex = Sex::LakiLaki },
        { .what = "month 00", .nik = "6305060100990001", .errors = { "nik.date" }, .sex = Sex::LakiLaki },
        { .what = "31 April", .nik = "6305063104990001", .errors = { "nik.date" }, .sex = Sex::LakiLaki },
        { .what = "a woman's 31 April", .nik = "6305067104990001", .errors = { "nik.date" }, .sex = Sex::Perempuan },
        { .what = "29 Feb 2001", .nik = "6305062902010001", .errors = { "nik.date" }, .sex = Sex::LakiLaki },
        { .what = "a woman's 29 Feb 2001", .nik = "6305066902010001", .errors = { "nik.date" }, .sex = Sex::Perempuan },
        { .what = "29 Feb 1996", .nik = "6305066902960001", .birth_date = Date { 1996, 2, 29 }, .sex = Sex::Perempuan },
        // The serial starts at 0001.
        { .what = "serial 0000", .nik = "6305060101990000", .errors = { "nik.serial_zero" }, .birth_date = Date { 1999, 1, 1 }, .sex = Sex::LakiLaki },
        { .what = "serial 9999", .nik = "6305060101999999", .birth_date = Date { 1999, 1, 1 }, .sex = Sex::LakiLaki },
        { .what = "every fault at once", .nik = "6305063213990000", .errors = { "nik.date", "nik.date", "nik.serial_zero" } },
        // The shape of the number.
        { .what = "surrounding spaces", .nik = "  6305060101990001 \n", .birth_date = Date { 1999, 1, 1 }, .sex = Sex::LakiLaki },
        { .what = "15 digits", .nik = "630506010199001", .errors = { "nik.length" } },
        { .what = "17 digits", .nik = "63050601019900011", .errors = { "nik.length" } },
        { .what = "empty", .nik = "", .errors = { "nik.length" } },
        { .what = "only spaces", .nik = "   ", .errors = { "nik.length" } },
        { .what = "a letter O for a zero", .nik = "63050601O1990001", .errors = { "nik.not_digits" } },
        { .what = "a space inside", .nik = "630506 0101990001", .errors = { "nik.not_digits" } },
        { .what = "dots", .nik = "63.05.06.010199.0001", .errors = { "nik.not_digits" } },
        { .what = "a minus sign", .nik = "-6305060101990001", .errors = { "nik.not_digits" } },
        { .what = "non-ASCII digits", .nik = "\xd9\xa6\xd9\xa3", .errors = { "nik.not_digits" } },
    };
    for (auto const& c : cases) {
        auto check = check_nik(c.nik, { .today = c.today });
        EXPECT_EQ(codes_of(check.errors), c.errors) << c.what;
        EXPECT_EQ(check.valid, c.errors.empty()) << c.what;
        EXPECT_EQ(check.birth_date, c.birth_date) << c.what;
        EXPECT_EQ(check.sex, c.sex) << c.what;
        EXPECT_TRUE(check.warnings.empty()) << c.what;
        for (auto const& error : check.errors)
            EXPECT_FALSE(error.message.empty()) << c.what;
    }
}

TEST(Nik, PartsOfAValidNumber)
{
    auto check = check_nik(" 6305066902000001 ", { .today = k_today, .regions = &sample_regions() });
    EXPECT_TRUE(check.valid);
    EXPECT_EQ(check.nik, "6305066902000001");
    EXPECT_EQ(check.region_code, "63.05.06");
    EXPECT_EQ(check.serial, "0001");
    ASSERT_TRUE(check.region.province && check.region.regency && check.region.district);
    EXPECT_EQ(check.region.province->name, "Kalimantan Selatan");
    EXPECT_EQ(check.region.regency->name, "Kabupaten Tapin");
    EXPECT_EQ(check.region.district->name, "Candi Laras Utara");
}

// Copied from a web page or a spreadsheet, a number comes with no-break
// spaces (U+00A0) around it: read like ordinary spaces.
TEST(Nik, NoBreakSpacesAtEitherEndAreTrimmed)
{
    for (char const* pasted : { "\xC2\xA0" "6305066902000001", "6305066902000001\xC2\xA0", " \xC2\xA0" "6305066902000001 \xC2\xA0\t" }) {
        auto check = check_nik(pasted, { .today = k_today, .regions = &sample_regions() });
        EXPECT_TRUE(check.valid) << pasted;
        EXPECT_EQ(check.nik, "6305066902000001");
    }
    EXPECT_FALSE(check_nik("630506\xC2\xA0" "6902000001", { .today = k_today, .regions = &sample_regions() }).valid);
}

TEST(Nik, PartsOfAnUnreadableNumberAreEmpty)
{
    auto check = check_nik("630506010199001", { .today = k_today, .regions = &sample_regions() });
    EXPECT_FALSE(check.valid);
    EXPECT_TRUE(check.nik.empty());
    EXPECT_TRUE(check.region_code.empty());
    EXPECT_TRUE(check.serial.empty());
    EXPECT_FALSE(check.region.province.has_value());
    EXPECT_FALSE(check.birth_date.has_value());
    EXPECT_FALSE(check.sex.has_value());
}

TEST(Nik, MessagesSayWhatIsWrongInIndonesian)
{
    struct Case {
        char const* nik;
        char const* message;
    };
    Case const cases[] = {
        { .nik = "630506010199001", .message = "NIK harus 16 digit angka; yang diisi 15 digit." },
        { .nik = "63050601019900011", .message = "NIK harus 16 digit angka; yang diisi 17 digit." },
        { .nik = "", .message = "NIK belum diisi; NIK harus 16 digit angka." },
        { .nik = "63050601O1990001", .message = "NIK hanya boleh berisi 16 digit angka, tanpa huruf, spasi, atau tanda baca; ada huruf \"O\" pada posisi ke-9." },
        { .nik = "630506 0101990001", .message = "NIK hanya boleh berisi 16 digit angka, tanpa huruf, spasi, atau tanda baca; ada spasi pada posisi ke-7." },
        { .nik = "\xc3\xa9x", .message = "NIK hanya boleh berisi 16 digit angka, tanpa huruf, spasi, atau tanda baca; ada karakter yang bukan angka pada posisi ke-1." },
        { .nik = "6305060101990000", .message = "NIK: nomor urut (4 digit terakhir) tidak boleh 0000; nomor urut dimulai dari 0001." },
        { .nik = "6305067201990001", .message = "NIK: tanggal lahir (digit 7–8) harus 01–31 untuk laki-laki atau 41–71 untuk perempuan (tanggal + 40); yang diisi 72." },
        { .nik = "6305060113990001", .message = "NIK: bulan lahir (digit 9–10) harus 01–12; yang diisi 13." },
        { .nik = "6305063104990001", .message = "NIK: tanggal lahir 31 April 1999 tidak ada dalam kalender." },
        { .nik = "6305066902010001", .message = "NIK: tanggal lahir 29 Februari 2001 tidak ada dalam kalender (2001 bukan tahun kabisat)." },
    };
    for (auto const& c : cases) {
        auto check = check_nik(c.nik, { .today = k_today });
        ASSERT_EQ(check.errors.size(), 1u) << c.nik;
        EXPECT_EQ(check.errors[0].message, c.message);
    }
}

TEST(Nik, UnknownRegionIsAWarningNotAnError)
{
    // SPEC.md: the region code never changes, so outdated data must not
    // refuse a real NIK.
    for (char const* nik : { "9999990101990001", "6305990101990001", "6399060101990001" }) {
        auto check = check_nik(nik, { .today = k_today, .regions = &sample_regions() });
        EXPECT_TRUE(check.valid) << nik;
        EXPECT_TRUE(check.errors.empty()) << nik;
        EXPECT_EQ(codes_of(check.warnings), std::vector<std::string> { "nik.region_unknown" }) << nik;
        EXPECT_FALSE(check.region.district.has_value()) << nik;
    }
    // What is known of the code is still given.
    auto partly = check_nik("6305990101990001", { .today = k_today, .regions = &sample_regions() });
    ASSERT_TRUE(partly.region.regency.has_value());
    EXPECT_EQ(partly.region.regency->name, "Kabupaten Tapin");
    EXPECT_NE(partly.warnings[0].message.find("63.05.99"), std::string::npos) << partly.warnings[0].message;

    // Without region data the region is not checked at all.
    auto without = check_nik("9999990101990001", { .today = k_today });
    EXPECT_TRUE(without.valid);
    EXPECT_TRUE(without.warnings.empty());
    EXPECT_EQ(without.region_code, "99.99.99");
}

TEST(Nik, DeclaredBirthDateAndSexDisagreeingAreWarnings)
{
    struct Case {
        char const* what;
        char const* nik;
        std::optional<Date> declared_birth_date {};
        std::optional<Sex> declared_sex {};
        std::vector<std::string> warnings {};
        std::optional<Date> birth_date {};
    };
    Case const cases[] = {
        { .what = "all agree", .nik = "6305064712990001", .declared_birth_date = Date { 1999, 12, 7 }, .declared_sex = Sex::Perempuan, .birth_date = Date { 1999, 12, 7 } },
        { .what = "birth date differs", .nik = "6305064712990001", .declared_birth_date = Date { 1999, 12, 8 }, .warnings = { "nik.birth_date_mismatch" }, .birth_date = Date { 1999, 12, 7 } },
        { .what = "sex differs", .nik = "6305064712990001", .declared_sex = Sex::LakiLaki, .warnings = { "nik.sex_mismatch" }, .birth_date = Date { 1999, 12, 7 } },
        { .what = "a man declared a woman", .nik = "6305060101990001", .declared_sex = Sex::Perempuan, .warnings = { "nik.sex_mismatch" }, .birth_date = Date { 1999, 1, 1 } },
        { .what = "both differ", .nik = "6305064712990001", .declared_birth_date = Date { 2000, 12, 7 }, .declared_sex = Sex::LakiLaki, .warnings = { "nik.birth_date_mismatch", "nik.sex_mismatch" }, .birth_date = Date { 1999, 12, 7 } },
        // Two digits cannot tell 1920 from 2020: a declared date that agrees
        // on the rest settles the century instead of raising a warning.
        { .what = "born 1920, not 2020", .nik = "6305060101200001", .declared_birth_date = Date { 1920, 1, 1 }, .birth_date = Date { 1920, 1, 1 } },
        { .what = "born 2020 by the rule", .nik = "6305060101200001", .birth_date = Date { 2020, 1, 1 } },
        // Nothing to compare with when the NIK's date is broken.
        { .what = "broken NIK date", .nik = "6305063201990001", .declared_birth_date = Date { 1999, 1, 1 } },
    };
    for (auto const& c : cases) {
        auto check = check_nik(c.nik, { .today = k_today, .declared_birth_date = c.declared_birth_date, .declared_sex = c.declared_sex });
        EXPECT_EQ(codes_of(check.warnings), c.warnings) << c.what;
        EXPECT_EQ(check.birth_date, c.birth_date) << c.what;
        if (c.birth_date) {
            EXPECT_TRUE(check.valid) << c.what;
        }
    }
    auto mismatch = check_nik("6305064712990001", { .today = k_today, .declared_birth_date = Date { 1999, 12, 8 } });
    EXPECT_EQ(mismatch.warnings[0].message,
        "Tanggal lahir yang diisi (8 Desember 1999) berbeda dengan tanggal lahir dalam NIK (7 Desember 1999). "
        "Petugas perlu memastikan dengan Akta Kelahiran; NIK tidak diganti bila tanggal lahir dikoreksi.");
}

TEST(Kk, StructureAndIssueDate)
{
    struct Case {
        char const* what;
        char const* number;
        std::vector<std::string> errors {};
        std::optional<Date> issue_date {};
    };
    Case const cases[] = {
        { .what = "issued 23 Oct 2015", .number = "6305062310150001", .issue_date = Date { 2015, 10, 23 } },
        { .what = "issued today", .number = "6305062511260003", .issue_date = Date { 2026, 11, 25 } },
        { .what = "issued 29 Feb 2024", .number = "6305062902240001", .issue_date = Date { 2024, 2, 29 } },
        { .what = "issued in 1998", .number = "6305061203980001", .issue_date = Date { 1998, 3, 12 } },
        { .what = "surrounding spaces", .number = "\t6305062310150001  ", .issue_date = Date { 2015, 10, 23 } },
        // SPEC.md: no + 40 on a KK.
        { .what = "day + 40 as on a woman's NIK", .number = "6305066310150001", .errors = { "kk.date" } },
        { .what = "day 32", .number = "6305063210150001", .errors = { "kk.date" } },
        { .what = "day 00", .number = "6305060010150001", .errors = { "kk.date" } },
        { .what = "month 13", .number = "6305062313150001", .errors = { "kk.date" } },
        { .what = "31 April", .number = "6305063104150001", .errors = { "kk.date" } },
        { .what = "29 Feb 2025", .number = "6305062902250001", .errors = { "kk.date" } },
        { .what = "tomorrow", .number = "6305062611260001", .errors = { "kk.issue_date_future" } },
        { .what = "next month", .number = "6305060112260001", .errors = { "kk.issue_date_future" } },
        { .what = "serial 0000", .number = "6305062310150000", .errors = { "kk.serial_zero" }, .issue_date = Date { 2015, 10, 23 } },
        { .what = "15 digits", .number = "630506231015001", .errors = { "kk.length" } },
        { .what = "17 digits", .number = "63050623101500011", .errors = { "kk.length" } },
        { .what = "a letter", .number = "6305062310I50001", .errors = { "kk.not_digits" } },
        { .what = "a space inside", .number = "6305 062310150001", .errors = { "kk.not_digits" } },
    };
    for (auto const& c : cases) {
        auto check = check_kk(c.number, { .today = k_today });
        EXPECT_EQ(codes_of(check.errors), c.errors) << c.what;
        EXPECT_EQ(check.valid, c.errors.empty()) << c.what;
        EXPECT_EQ(check.issue_date, c.issue_date) << c.what;
    }
}

TEST(Kk, PartsMessagesAndRegion)
{
    auto check = check_kk("6305062310150001", { .today = k_today, .regions = &sample_regions() });
    EXPECT_TRUE(check.valid);
    EXPECT_EQ(check.number, "6305062310150001");
    EXPECT_EQ(check.region_code, "63.05.06");
    EXPECT_EQ(check.serial, "0001");
    ASSERT_TRUE(check.region.district.has_value());
    EXPECT_EQ(check.region.district->name, "Candi Laras Utara");

    auto unknown = check_kk("9999992310150001", { .today = k_today, .regions = &sample_regions() });
    EXPECT_TRUE(unknown.valid);
    EXPECT_EQ(codes_of(unknown.warnings), std::vector<std::string> { "kk.region_unknown" });

    EXPECT_EQ(check_kk("630506231015001", { .today = k_today }).errors[0].message, "Nomor KK harus 16 digit angka; yang diisi 15 digit.");
    EXPECT_EQ(check_kk("6305062611260001", { .today = k_today }).errors[0].message,
        "Nomor KK: tanggal terbit 26 November 2026 sesudah hari ini (25 November 2026); KK tidak mungkin terbit di masa depan.");
    auto plus_forty = check_kk("6305066310150001", { .today = k_today });
    EXPECT_NE(plus_forty.errors[0].message.find("NIK perempuan"), std::string::npos) << plus_forty.errors[0].message;
}

TEST(Identity, MaskNik)
{
    struct Case {
        char const* input;
        char const* masked;
    };
    Case const cases[] = {
        // UU 27/2022: public pages show only region and serial.
        { .input = "6305064712990001", .masked = "630506******0001" },
        { .input = " 6305064712990001\n", .masked = "630506******0001" },
        { .input = "630506471299001", .masked = "***************" },
        { .input = "63050647129900a1", .masked = "****************" },
        { .input = "\xc3\xa9", .masked = "**" },
        { .input = "", .masked = "" },
    };
    for (auto const& c : cases)
        EXPECT_EQ(mask_nik(c.input), c.masked) << c.input;
}

TEST(Identity, Sex)
{
    EXPECT_EQ(parse_sex("L"), Sex::LakiLaki);
    EXPECT_EQ(parse_sex(" p "), Sex::Perempuan);
    EXPECT_FALSE(parse_sex("X").has_value());
    EXPECT_FALSE(parse_sex("LP").has_value());
    EXPECT_FALSE(parse_sex("").has_value());
    EXPECT_EQ(sex_letter(Sex::Perempuan), 'P');
    EXPECT_EQ(sex_letter(Sex::LakiLaki), 'L');
    EXPECT_EQ(sex_name_id(Sex::LakiLaki), "laki-laki");
}
