#pragma once
// NIK (Nomor Induk Kependudukan) and Nomor KK (Kartu Keluarga), as SPEC.md
// describes them:
//
//   NIK       = 6-digit region code + DDMMYY birth date (women: day + 40)
//               + 4-digit serial from 0001.
//   Nomor KK  = 6-digit region code + DDMMYY issue date (no + 40)
//               + 4-digit serial from 0001.
//
// The region code is where the number was *first* registered and never
// changes, so a code missing from the region data is a warning: the data may
// be older than the number. A declared birth date or sex that disagrees with
// the NIK is a warning too, for the officer to confirm: NIKs are not reissued
// when a birth date is corrected. "Today" is an argument: the core has no
// clock.

#include "core/date.hpp"
#include "core/regions.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

enum class Sex {
    LakiLaki,  // L; the NIK's birth day as is.
    Perempuan, // P; the NIK's birth day + 40.
};

char sex_letter(Sex);              // 'L' or 'P'.
std::string_view sex_name_id(Sex); // "laki-laki" or "perempuan".
// "L" or "P", either case, surrounding spaces allowed.
std::optional<Sex> parse_sex(std::string_view);

// One finding about a number: a stable machine code ("nik.length") and a
// message for people in Bahasa Indonesia. Messages never quote the input's
// non-ASCII bytes, so they are always valid UTF-8.
struct IdentityIssue {
    std::string code;
    std::string message;
};

bool has_issue(std::vector<IdentityIssue> const&, std::string_view code);

struct NikCheckOptions {
    Date today;
    Regions const* regions { nullptr };      // Without region data the region is not checked.
    std::optional<Date> declared_birth_date; // From the form or a document.
    std::optional<Sex> declared_sex;
};

struct NikCheck {
    bool valid { false }; // No errors; warnings alone leave it valid.
    std::vector<IdentityIssue> errors;
    std::vector<IdentityIssue> warnings;
    std::string nik;                // The 16 digits, trimmed; empty unless 16 digits.
    std::string region_code;        // Dotted, "63.05.06"; empty unless 16 digits.
    NikRegion region;               // What the region data knows of region_code.
    std::optional<Date> birth_date; // Empty when the date part is not a date.
    std::optional<Sex> sex;         // Empty when the day is neither 01–31 nor 41–71.
    std::string serial;             // "0001"; empty unless 16 digits.
};

// Error codes: nik.length, nik.not_digits, nik.date, nik.serial_zero.
// Warning codes: nik.region_unknown, nik.birth_date_mismatch, nik.sex_mismatch.
NikCheck check_nik(std::string_view text, NikCheckOptions const&);

struct KkCheckOptions {
    Date today;
    Regions const* regions { nullptr };
};

struct KkCheck {
    bool valid { false };
    std::vector<IdentityIssue> errors;
    std::vector<IdentityIssue> warnings;
    std::string number;      // The 16 digits, trimmed; empty unless 16 digits.
    std::string region_code; // Dotted; empty unless 16 digits.
    NikRegion region;
    std::optional<Date> issue_date;
    std::string serial;
};

// Error codes: kk.length, kk.not_digits, kk.date, kk.issue_date_future,
// kk.serial_zero. Warning code: kk.region_unknown.
KkCheck check_kk(std::string_view text, KkCheckOptions const&);

// UU 27/2022 (personal data): public pages show a NIK as "630506******0001".
// Anything that is not 16 digits is masked whole, one '*' per byte: a
// mistyped NIK is still personal data. The result is always ASCII.
std::string mask_nik(std::string_view);

}
