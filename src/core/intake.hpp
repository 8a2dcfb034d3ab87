#pragma once
// Intake: what the front desk (or the JSON API) enters when an application
// for Perekaman E-KTP is submitted (SOP step 1, pengajuan), checked and
// normalized before a case is created. Pure: no I/O, and "today" comes in as
// an argument. JSON-free too: the web layer reads the request into
// ApplicantInput and DocumentsInput and renders Applicant and the issues.
//
// Every finding names its field with the request's path ("applicant.nik",
// "documents.surat_pengantar.date"), a stable machine code and a message for
// people in Bahasa Indonesia. All findings are collected; checking never stops
// at the first. Errors refuse the application; warnings are for the officer
// to confirm (a NIK whose birth date disagrees, an applicant younger than the
// recording age), because only a person with the documents in hand can decide
// them.
//
// Error codes:
//   required                  a required field is empty (or only spaces).
//   nik.*, kk.*               from check_nik / check_kk (core/identity.hpp).
//   name.characters           not only latin letters, spaces and . , ' - ;
//                             or no letter at all.
//   name.length               fewer than 2 or more than 100 characters.
//   text.encoding             not valid UTF-8, or control characters.
//   text.too_long             a free-text field over its length limit.
//   date.format               not YYYY-MM-DD.
//   date.invalid              YYYY-MM-DD, but no such day (2001-02-29).
//   date.future               after today.
//   date.too_early            before 1900-01-01.
//   sex.unknown, religion.unknown, marital_status.unknown
//   village.format            not a desa/kelurahan code (10 digits).
//   village.unknown           not in the region data.
//   village.other_district    a village of another kecamatan.
//   rt_rw.format, rt_rw.zero  not 1–3 digits; 0 or 000.
//   phone.format              see check_intake below.
//   document.unknown          a document the service does not ask for.
//   document.kk_mismatch      the Kartu Keluarga's number is not the
//                             applicant's Nomor KK.
// Warning codes:
//   nik.region_unknown, nik.birth_date_mismatch, nik.sex_mismatch,
//   kk.region_unknown         from core/identity.hpp.
//   applicant.underage        younger than the recording age and never
//                             married (UU 24/2013 Pasal 63).
//   document.expired          a Surat Pengantar older than the office allows.

#include "core/date.hpp"
#include "core/identity.hpp"
#include "core/regions.hpp"
#include "core/sop.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

// UU 24/2013 Pasal 63: a citizen must record at 17, or younger when married
// or ever married. Many Disdukcapil record from 16 and print at 17, so the
// office may lower it to 16 (SPEC.md); the configuration checks that.
inline constexpr int k_legal_recording_age = 17;

// Many kecamatan accept a Surat Pengantar from the Kepala Desa for three
// months. It is a local custom, not a national rule, hence an office setting
// and only a warning.
inline constexpr int k_default_surat_pengantar_valid_days = 90;

// The document whose date is required and checked for age.
inline constexpr std::string_view k_surat_pengantar = "surat_pengantar";
// The document whose number must be the applicant's Nomor KK.
inline constexpr std::string_view k_kartu_keluarga = "kartu_keluarga";

// The six religions and the belief recognised on the KTP-el, in the order
// forms list them. Kepercayaan: MK 97/PUU-XIV/2016.
enum class Religion {
    Islam,
    Kristen,
    Katolik,
    Hindu,
    Buddha,
    Khonghucu,
    Kepercayaan, // "Kepercayaan terhadap Tuhan YME"
};

enum class MaritalStatus {
    BelumKawin,
    Kawin,
    CeraiHidup,
    CeraiMati,
};

// The canonical spelling, as stored and shown: "Katolik",
// "Kepercayaan terhadap Tuhan YME", "Belum Kawin".
std::string_view religion_name(Religion);
std::string_view marital_status_name(MaritalStatus);

// Any case, surrounding and repeated spaces allowed. Besides the canonical
// names, the spellings older KKs and forms print are accepted: "Katholik",
// "Budha", "Konghucu", "Kong Hu Cu", "Protestan", "Kristen Protestan",
// "Kepercayaan", "Kepercayaan terhadap Tuhan Yang Maha Esa"; "Kawin Tercatat"
// and "Kawin Belum Tercatat" are Kawin.
std::optional<Religion> parse_religion(std::string_view);
std::optional<MaritalStatus> parse_marital_status(std::string_view);

// The canonical names in order, for the form's <select>.
std::vector<std::string_view> religions();
std::vector<std::string_view> marital_statuses();

// As typed, field names as in the API request's "applicant" object.
struct ApplicantInput {
    std::string nik;
    std::string kk;
    std::string name;
    std::string birth_place;
    std::string birth_date; // YYYY-MM-DD
    std::string sex;        // "L" or "P"; also "Laki-laki", "Perempuan".
    std::string religion;
    std::string marital_status;
    std::string occupation; // Optional.
    std::string address;
    std::string rt; // Optional.
    std::string rw; // Optional.
    std::string village_code;
    std::string phone; // Optional.
};

struct DocumentInput {
    std::string number;
    std::string date; // YYYY-MM-DD; required for the Surat Pengantar only.
};

// By document id, as in the request's "documents" object.
using DocumentsInput = std::map<std::string, DocumentInput>;

struct IntakeIssue {
    std::string field;   // "applicant.nik", "documents.surat_pengantar.date"
    std::string code;    // "required", "nik.length", …
    std::string message; // Bahasa Indonesia.
};

struct IntakeContext {
    Date today;
    Regions const* regions { nullptr }; // Without region data codes are checked by shape only.
    std::string district_code;          // The office's kecamatan, "63.05.06"; empty: any.
    int min_recording_age { k_legal_recording_age };
    // The documents the service asks for, with the labels messages use: the
    // SOP's `documents` (sops/perekaman-ektp.toml).
    std::vector<DocumentDefinition> required_documents;
    // Days a Surat Pengantar stays acceptable without a warning; none: no limit.
    std::optional<int> surat_pengantar_valid_days { k_default_surat_pengantar_valid_days };
};

// The application as it will be recorded. Complete only when the check is
// ok(); a field that failed keeps its default.
struct Applicant {
    std::string nik; // 16 digits.
    std::string kk;  // 16 digits.
    // Free text (name, places, address, occupation) is trimmed, with runs of
    // spaces, tabs and line ends made one space. The name keeps the case it
    // was typed in: SIAK prints it in capitals on the KTP-el, and a letter
    // can do the same, but capitals cannot be undone for the status page.
    std::string name;
    std::string birth_place;
    Date birth_date;
    Sex sex { Sex::LakiLaki };
    Religion religion { Religion::Islam };
    MaritalStatus marital_status { MaritalStatus::BelumKawin };
    std::string occupation; // May be empty.
    std::string address;
    std::string rt;           // Three digits, "001"; empty when not given.
    std::string rw;           // Three digits; empty when not given.
    std::string village_code; // Dotted, "63.05.06.2004".
    std::string village_name; // From the region data, "Margasari Hilir"; empty without it.
    std::string phone;        // Digits only, starting 0 or 62; empty when not given.
};

struct IntakeCheck {
    std::vector<IntakeIssue> errors;
    std::vector<IntakeIssue> warnings;
    Applicant applicant;
    // The required documents as given, number and date trimmed (date as
    // YYYY-MM-DD); documents the service does not ask for are left out.
    DocumentsInput documents;

    bool ok() const { return errors.empty(); }
};

// Checks and normalizes an application; see the codes above. Required:
// nik, kk, name, birth_place, birth_date, sex, religion, marital_status,
// address, village_code and, for each required document, its number (and
// the Surat Pengantar's date). Optional: occupation, rt, rw, phone. A phone
// number is digits with an optional leading +, spaces and dashes allowed;
// it must start with 0 or (+)62 and have 9 to 15 digits.
IntakeCheck check_intake(ApplicantInput const&, DocumentsInput const&, IntakeContext const&);

}
