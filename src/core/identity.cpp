#include "core/identity.hpp"

#include "core/indonesian.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace sopir {

namespace {

    // What differs between the NIK and the Nomor KK in messages and codes.
    struct NumberKind {
        std::string_view label;       // "NIK", "Nomor KK"
        std::string_view code_prefix; // "nik", "kk"
    };

}

static constexpr std::size_t k_number_length = 16;
static constexpr int k_female_day_offset = 40; // SPEC.md: women's birth day + 40.

static constexpr NumberKind k_nik { "NIK", "nik" };
static constexpr NumberKind k_kk { "Nomor KK", "kk" };

static std::string issue_code(NumberKind kind, std::string_view name)
{
    return std::string(kind.code_prefix) + "." + std::string(name);
}

static void add_issue(std::vector<IdentityIssue>& issues, NumberKind kind, std::string_view name, std::string message)
{
    issues.push_back({ issue_code(kind, name), std::move(message) });
}

// A character as a person would name it, without echoing bytes
// that might not be valid UTF-8.
static std::string describe_character(char c)
{
    if (c == ' ')
        return "spasi";
    if (c == '\t')
        return "tab";
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
        return std::string("huruf \"") + c + "\"";
    if (c > ' ' && c <= '~')
        return std::string("tanda \"") + c + "\"";
    return "karakter yang bukan angka";
}

// 1-based position counted in characters, not bytes: a person counts "é" once.
static std::size_t character_position(std::string_view text, std::size_t byte_index)
{
    std::size_t position = 0;
    for (std::size_t i = 0; i <= byte_index && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++position;
    return position;
}

// The 16 digits of the number, or nullopt after adding the reason to `errors`.
// Surrounding spaces are forgiven (pasted text often has them); anything else
// that is not a digit is refused, never silently dropped: a stripped letter
// could turn a mistyped number into someone else's.
static std::optional<std::string> sixteen_digits(std::string_view text, NumberKind kind, std::vector<IdentityIssue>& errors)
{
    text = trim(text);
    auto const non_digit = std::find_if(text.begin(), text.end(), [](char c) { return !is_ascii_digit(c); });
    if (non_digit != text.end()) {
        auto const index = static_cast<std::size_t>(non_digit - text.begin());
        add_issue(errors, kind, "not_digits",
            std::string(kind.label) + " hanya boleh berisi 16 digit angka, tanpa huruf, spasi, atau tanda baca; ada "
                + describe_character(*non_digit) + " pada posisi ke-" + std::to_string(character_position(text, index)) + ".");
        return std::nullopt;
    }
    if (text.size() != k_number_length) {
        add_issue(errors, kind, "length",
            text.empty() ? std::string(kind.label) + " belum diisi; " + std::string(kind.label) + " harus 16 digit angka."
                         : std::string(kind.label) + " harus 16 digit angka; yang diisi " + std::to_string(text.size()) + " digit.");
        return std::nullopt;
    }
    return std::string(text);
}

static int two_digits(std::string_view digits, std::size_t at)
{
    return (digits[at] - '0') * 10 + (digits[at + 1] - '0');
}

static std::string two_digit_text(int value)
{
    return std::string(1, static_cast<char>('0' + value / 10)) + static_cast<char>('0' + value % 10);
}

static std::string dotted_region(std::string_view digits)
{
    return std::string(digits.substr(0, 2)) + "." + std::string(digits.substr(2, 2)) + "." + std::string(digits.substr(4, 2));
}

// The region part: known regions are returned, an unknown code is a warning.
static NikRegion check_region(std::string const& region_code, Regions const* regions, NumberKind kind, std::vector<IdentityIssue>& warnings)
{
    if (!regions)
        return {};
    NikRegion region = regions->resolve_nik_region(region_code);
    if (!region.district) {
        std::string known;
        if (region.regency)
            known = " (yang dikenal: " + region.regency->name + ", " + (region.province ? region.province->name : std::string()) + ")";
        else if (region.province)
            known = " (yang dikenal: provinsi " + region.province->name + ")";
        add_issue(warnings, kind, "region_unknown",
            "Kode wilayah " + region_code + " pada " + std::string(kind.label) + " tidak ada dalam data wilayah" + known
                + ". " + std::string(kind.label) + " tetap dapat diterima karena kode wilayah tidak pernah berubah sejak pertama kali didaftarkan"
                + " dan data wilayah bisa belum mutakhir; periksa dengan dokumen aslinya.");
    }
    return region;
}

// The serial part: counting starts at 0001.
static void check_serial(std::string const& serial, NumberKind kind, std::vector<IdentityIssue>& errors)
{
    if (serial == "0000")
        add_issue(errors, kind, "serial_zero",
            std::string(kind.label) + ": nomor urut (4 digit terakhir) tidak boleh 0000; nomor urut dimulai dari 0001.");
}

static int century_start(Date today)
{
    return today.year - today.year % 100;
}

static std::string missing_date_message(std::string_view label, std::string_view what, Date date)
{
    std::string message = std::string(label) + ": " + std::string(what) + " " + format_date_id(date) + " tidak ada dalam kalender";
    if (date.month == 2 && date.day == 29)
        message += " (" + std::to_string(date.year) + " bukan tahun kabisat)";
    return message + ".";
}

char sex_letter(Sex sex)
{
    return sex == Sex::Perempuan ? 'P' : 'L';
}

std::string_view sex_name_id(Sex sex)
{
    return sex == Sex::Perempuan ? "perempuan" : "laki-laki";
}

std::optional<Sex> parse_sex(std::string_view text)
{
    text = trim(text);
    if (text == "L" || text == "l")
        return Sex::LakiLaki;
    if (text == "P" || text == "p")
        return Sex::Perempuan;
    return std::nullopt;
}

bool has_issue(std::vector<IdentityIssue> const& issues, std::string_view code)
{
    return std::any_of(issues.begin(), issues.end(), [&](IdentityIssue const& issue) { return issue.code == code; });
}

NikCheck check_nik(std::string_view text, NikCheckOptions const& options)
{
    NikCheck check;
    auto digits = sixteen_digits(text, k_nik, check.errors);
    if (!digits)
        return check;

    check.nik = *digits;
    check.region_code = dotted_region(check.nik);
    check.serial = check.nik.substr(12, 4);
    check.region = check_region(check.region_code, options.regions, k_nik, check.warnings);

    int const day_part = two_digits(check.nik, 6);
    int const month = two_digits(check.nik, 8);
    int const year_part = two_digits(check.nik, 10);

    int day = 0;
    if (day_part >= 1 && day_part <= 31) {
        check.sex = Sex::LakiLaki;
        day = day_part;
    } else if (day_part >= 1 + k_female_day_offset && day_part <= 31 + k_female_day_offset) {
        check.sex = Sex::Perempuan;
        day = day_part - k_female_day_offset;
    } else {
        add_issue(check.errors, k_nik, "date",
            "NIK: tanggal lahir (digit 7–8) harus 01–31 untuk laki-laki atau 41–71 untuk perempuan (tanggal + 40); yang diisi "
                + two_digit_text(day_part) + ".");
    }
    if (month < 1 || month > 12)
        add_issue(check.errors, k_nik, "date",
            "NIK: bulan lahir (digit 9–10) harus 01–12; yang diisi " + two_digit_text(month) + ".");

    if (day != 0 && month >= 1 && month <= 12) {
        // SPEC.md: the century is the latest one that gives a date not after
        // today; the date is checked after that (so 29 Feb falls in a leap
        // year only if that century's year is one). Dates are compared as
        // (year, month, day) before being checked, as the rule says.
        Date birth { century_start(options.today) + year_part, month, day };
        if (birth > options.today)
            birth.year -= 100;
        // Two digits cannot tell 1920 from 2020. A declared birth date that
        // agrees on day, month and the two digits settles the century, so a
        // person over 100 is not told their NIK disagrees.
        if (auto const& declared = options.declared_birth_date) {
            if (declared->day == day && declared->month == month && declared->year % 100 == year_part && *declared <= options.today)
                birth.year = declared->year;
        }
        if (is_valid_date(birth.year, birth.month, birth.day))
            check.birth_date = birth;
        else
            add_issue(check.errors, k_nik, "date", missing_date_message("NIK", "tanggal lahir", birth));
    }

    check_serial(check.serial, k_nik, check.errors);

    // SPEC.md: a birth date or sex that disagrees with the NIK is a warning
    // the officer confirms; NIKs are not reissued when a birth date is
    // corrected.
    if (options.declared_birth_date && check.birth_date && *options.declared_birth_date != *check.birth_date)
        add_issue(check.warnings, k_nik, "birth_date_mismatch",
            "Tanggal lahir yang diisi (" + format_date_id(*options.declared_birth_date) + ") berbeda dengan tanggal lahir dalam NIK ("
                + format_date_id(*check.birth_date) + "). Petugas perlu memastikan dengan Akta Kelahiran; NIK tidak diganti bila tanggal lahir dikoreksi.");
    if (options.declared_sex && check.sex && *options.declared_sex != *check.sex)
        add_issue(check.warnings, k_nik, "sex_mismatch",
            "Jenis kelamin yang diisi (" + std::string(sex_name_id(*options.declared_sex)) + ") berbeda dengan jenis kelamin dalam NIK ("
                + std::string(sex_name_id(*check.sex)) + "; pada NIK perempuan tanggal lahir ditambah 40). Petugas perlu memastikan dengan dokumen pemohon.");

    check.valid = check.errors.empty();
    return check;
}

KkCheck check_kk(std::string_view text, KkCheckOptions const& options)
{
    KkCheck check;
    auto digits = sixteen_digits(text, k_kk, check.errors);
    if (!digits)
        return check;

    check.number = *digits;
    check.region_code = dotted_region(check.number);
    check.serial = check.number.substr(12, 4);
    check.region = check_region(check.region_code, options.regions, k_kk, check.warnings);

    int const day = two_digits(check.number, 6);
    int const month = two_digits(check.number, 8);
    int const year_part = two_digits(check.number, 10);

    if (day < 1 || day > 31) {
        std::string message = "Nomor KK: tanggal terbit (digit 7–8) harus 01–31; yang diisi " + two_digit_text(day) + ".";
        if (day > k_female_day_offset && day <= 31 + k_female_day_offset)
            message += " Tanggal + 40 hanya dipakai pada NIK perempuan, tidak pada Nomor KK; mungkin yang diisi NIK?";
        add_issue(check.errors, k_kk, "date", std::move(message));
    }
    if (month < 1 || month > 12)
        add_issue(check.errors, k_kk, "date", "Nomor KK: bulan terbit (digit 9–10) harus 01–12; yang diisi " + two_digit_text(month) + ".");

    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
        // A KK is issued by the population administration of our time, not a
        // century ago, so the two-digit year belongs to this century unless
        // it is later than this year. Unlike a birth date, a date later this
        // year is then in the future: a typo, not a KK from 1926.
        int const this_year = options.today.year % 100;
        Date issued { century_start(options.today) + year_part - (year_part > this_year ? 100 : 0), month, day };
        if (!is_valid_date(issued.year, issued.month, issued.day)) {
            add_issue(check.errors, k_kk, "date", missing_date_message("Nomor KK", "tanggal terbit", issued));
        } else if (issued > options.today) {
            add_issue(check.errors, k_kk, "issue_date_future",
                "Nomor KK: tanggal terbit " + format_date_id(issued) + " sesudah hari ini (" + format_date_id(options.today)
                    + "); KK tidak mungkin terbit di masa depan.");
        } else {
            check.issue_date = issued;
        }
    }

    check_serial(check.serial, k_kk, check.errors);

    check.valid = check.errors.empty();
    return check;
}

std::string mask_nik(std::string_view text)
{
    text = trim(text);
    if (text.size() == k_number_length && std::all_of(text.begin(), text.end(), is_ascii_digit))
        return std::string(text.substr(0, 6)) + "******" + std::string(text.substr(12, 4));
    return std::string(text.size(), '*');
}

}
