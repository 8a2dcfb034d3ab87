// Indonesian dates, Roman months, the letter-number pattern and NIP.
#include "core/indonesian.hpp"
#include "core/letter_number.hpp"
#include "core/nip.hpp"
#include "core/text.hpp"

#include <gtest/gtest.h>

using namespace sopir;

TEST(Indonesian, DatesAsLettersPrintThem)
{
    struct Case { Date date; char const* plain; char const* with_weekday; };
    Case const cases[] = {
        { .date = { 2026, 11, 23 }, .plain = "23 November 2026", .with_weekday = "Senin, 23 November 2026" },
        { .date = { 2026, 11, 25 }, .plain = "25 November 2026", .with_weekday = "Rabu, 25 November 2026" },
        { .date = { 2023, 1, 1 }, .plain = "1 Januari 2023", .with_weekday = "Minggu, 1 Januari 2023" },
        { .date = { 2000, 2, 29 }, .plain = "29 Februari 2000", .with_weekday = "Selasa, 29 Februari 2000" },
        { .date = { 2026, 8, 17 }, .plain = "17 Agustus 2026", .with_weekday = "Senin, 17 Agustus 2026" },
        { .date = { 2026, 5, 1 }, .plain = "1 Mei 2026", .with_weekday = "Jumat, 1 Mei 2026" },
        { .date = { 2026, 10, 3 }, .plain = "3 Oktober 2026", .with_weekday = "Sabtu, 3 Oktober 2026" },
        { .date = { 2026, 12, 31 }, .plain = "31 Desember 2026", .with_weekday = "Kamis, 31 Desember 2026" },
    };
    for (auto const& c : cases) {
        EXPECT_EQ(format_date_id(c.date), c.plain);
        EXPECT_EQ(format_date_long_id(c.date), c.with_weekday);
    }
    EXPECT_EQ(format_place_date("Margasari", { 2026, 11, 23 }), "Margasari, 23 November 2026");
}

TEST(Indonesian, MonthAndWeekdayNamesOutOfRangeAreEmpty)
{
    EXPECT_EQ(month_name_id(0), "");
    EXPECT_EQ(month_name_id(13), "");
    EXPECT_EQ(weekday_name_id(7), "");
    EXPECT_EQ(weekday_name_id(2), "Selasa");
    EXPECT_EQ(month_name_id(6), "Juni");
}

TEST(Indonesian, RomanMonths)
{
    char const* expected[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" };
    for (int month = 1; month <= 12; ++month)
        EXPECT_EQ(roman_month(month), expected[month - 1]);
    EXPECT_EQ(roman_month(0), "");
    EXPECT_EQ(roman_month(13), "");
    EXPECT_EQ(to_roman(2026), "MMXXVI");
    EXPECT_EQ(to_roman(1994), "MCMXCIV");
    EXPECT_EQ(to_roman(4000), "");
}

TEST(LetterNumber, DefaultPatternAsSpecSays)
{
    auto pattern = LetterNumberPattern::parse(k_default_letter_number_pattern);
    ASSERT_TRUE(pattern.ok()) << pattern.error().message;
    LetterNumberFields fields { .klasifikasi = "400.12.2.1", .nomor = 42, .unit = "CLU", .date = { 2026, 11, 23 }, .kode_wilayah = "63.05.06" };
    EXPECT_EQ(pattern->format(fields), "400.12.2.1/0042/CLU/XI/2026");
    fields.nomor = 12345;
    EXPECT_EQ(pattern->format(fields), "400.12.2.1/12345/CLU/XI/2026");
}

TEST(LetterNumber, OtherPlaceholdersAndWidths)
{
    auto pattern = LetterNumberPattern::parse("{klasifikasi}/{nomor:3}/{kode_wilayah}/{bulan}.{tahun}");
    ASSERT_TRUE(pattern.ok()) << pattern.error().message;
    LetterNumberFields fields { .klasifikasi = "471.13", .nomor = 7, .unit = "", .date = { 2027, 1, 2 }, .kode_wilayah = "63.05.06" };
    EXPECT_EQ(pattern->format(fields), "471.13/007/63.05.06/01.2027");
}

TEST(LetterNumber, BadPatternsAreRefusedWithAReason)
{
    struct Case { char const* pattern; char const* code; };
    Case const cases[] = {
        { .pattern = "{klasifikasi}/{unit}/{tahun}", .code = "pola_nomor.tanpa_nomor" },
        { .pattern = "{klasifikasi}/{nomor}/{unit}", .code = "pola_nomor.tanpa_tahun" },
        { .pattern = "{nomor}/{nomor}/{tahun}", .code = "pola_nomor.ganda" },
        { .pattern = "{nomor}/{bulan_romawi/{tahun}", .code = "pola_nomor.isian" },
        { .pattern = "{nomor}/{tahun", .code = "pola_nomor.kurung" },
        { .pattern = "nomor}/{tahun}", .code = "pola_nomor.kurung" },
        { .pattern = "{nomor:0}/{tahun}", .code = "pola_nomor.lebar" },
        { .pattern = "{unit:3}/{nomor}/{tahun}", .code = "pola_nomor.lebar" },
        { .pattern = "{nomer}/{tahun}", .code = "pola_nomor.isian" },
    };
    for (auto const& c : cases) {
        auto pattern = LetterNumberPattern::parse(c.pattern);
        ASSERT_FALSE(pattern.ok()) << c.pattern;
        EXPECT_EQ(pattern.error().code, c.code) << c.pattern;
        EXPECT_EQ(pattern.error().field, "pola_nomor");
        EXPECT_EQ(pattern.error().kind, ErrorKind::Invalid);
    }
}

TEST(Nip, ParsesAndFormatsTheSeedSopSigner)
{
    // Alamsyah, S.Pd, Plt. Camat Candi Laras Utara in the seed SOP.
    for (auto text : { "196903121992111001", "19690312 199211 1 001" }) {
        auto nip = parse_nip(text);
        ASSERT_TRUE(nip.ok()) << nip.error().message;
        EXPECT_EQ(nip->digits, "196903121992111001");
        EXPECT_EQ(nip->birth_date, (Date { 1969, 3, 12 }));
        EXPECT_EQ(nip->appointment_year, 1992);
        EXPECT_EQ(nip->appointment_month, 11);
        EXPECT_EQ(nip->sex, NipSex::Male);
        EXPECT_EQ(nip->serial, 1);
        EXPECT_EQ(format_nip(*nip), "19690312 199211 1 001");
    }
    auto woman = parse_nip("198507242010012015");
    ASSERT_TRUE(woman.ok());
    EXPECT_EQ(woman->sex, NipSex::Female);
    EXPECT_EQ(woman->serial, 15);
}

TEST(Nip, BadNumbersNameTheRule)
{
    struct Case { char const* nip; char const* code; };
    Case const cases[] = {
        { .nip = "19690312199211100", .code = "nip.length" },
        { .nip = "1969031219921110011", .code = "nip.length" },
        { .nip = "19690312-199211-1-001", .code = "nip.not_digits" },
        { .nip = "19690230199211 1001", .code = "nip.birth_date" },
        { .nip = "196903121992131001", .code = "nip.appointment_month" },
        { .nip = "196903121960111001", .code = "nip.appointment_year" },
        { .nip = "196903121992113001", .code = "nip.sex" },
        { .nip = "196903121992111000", .code = "nip.serial" },
    };
    for (auto const& c : cases) {
        auto nip = parse_nip(c.nip);
        ASSERT_FALSE(nip.ok()) << c.nip;
        EXPECT_EQ(nip.error().code, c.code) << c.nip << ": " << nip.error().message;
        EXPECT_EQ(nip.error().field, "nip");
    }
}

TEST(WhatsApp, NumbersAsIndonesiansWriteThemBecomeClickToChatLinks)
{
    EXPECT_EQ(whatsapp_link("0812-3456-7890", "Berkas siap, diambil besok."),
        "https://wa.me/6281234567890?text=Berkas%20siap%2C%20diambil%20besok.");
    EXPECT_EQ(whatsapp_link("+62 812 3456 7890", "a"), "https://wa.me/6281234567890?text=a");
    EXPECT_EQ(whatsapp_link("6281234567890", "a"), "https://wa.me/6281234567890?text=a");
    EXPECT_EQ(whatsapp_link("", "a"), "");
    EXPECT_EQ(whatsapp_link("0812", "a"), "");
    EXPECT_EQ(whatsapp_link("1234567890123", "a"), "");
}
