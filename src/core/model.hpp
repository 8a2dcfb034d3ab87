#pragma once
// The records sopir keeps, in the domain's terms. Storage maps them to rows;
// the web layer renders them. Plain data, no behaviour.

#include "core/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sopir {

using Id = std::int64_t;

enum class PaperSize { A4, F4 }; // F4/Folio: 215 × 330 mm, common in regional offices.

struct Office {
    Id id { 0 };
    std::string code;          // District code: "63.05.06".
    std::string name;          // "Candi Laras Utara"
    std::string regency;       // "Kabupaten Tapin"
    std::string province;      // "Kalimantan Selatan"
    std::string address;
    std::string postal_code;
    std::string phone;
    std::string email;
    std::string place_name;    // For the signature line: "Margasari".
    std::string letter_number_pattern;
    std::string registration_number_pattern;
    std::string klasifikasi;   // "400.12.2.1" (Permendagri 83/2022).
    std::string unit_code;     // "CLU"
    PaperSize paper_size { PaperSize::A4 };
    std::string disdukcapil_whatsapp;
    int min_recording_age { 17 }; // UU 24/2013 Pasal 63: 17; many Disdukcapil record from 16.
    int utc_offset_minutes { 480 }; // WITA.
    Timestamp created_at { 0 };
    std::string logo_sha256; // The kop surat's logo (Store::logo), empty for none.
    // Where the public reaches the office's service (0015): printed on its
    // letters when `serve` has no --public-url. Empty for none.
    std::string public_url;
};

struct User {
    Id id { 0 };
    std::string username;
    std::string full_name;        // With titles: "ALAMSYAH, S.Pd".
    std::string nip;              // 18 digits or empty.
    std::string pangkat_golongan; // "Pembina (IV/a)"
    std::string password_hash;    // argon2id; never leaves storage except to verify.
    bool active { true };
    Timestamp created_at { 0 };
    // Set by a password reset (0015): the password is a one-time code, and
    // the person must choose a new one before anything else.
    bool must_change_password { false };
};

// Plt. (pelaksana tugas) fills a vacancy; Plh. (pelaksana harian) stands in
// during a temporary absence. Both hold the role only within their period.
enum class Acting { None, Plt, Plh };

struct RoleAssignment {
    Id id { 0 };
    Id user_id { 0 };
    Id office_id { 0 };
    std::string role;
    Acting acting { Acting::None };
    std::optional<Date> valid_from;
    std::optional<Date> valid_until;
    // The number of the Bupati's Surat Perintah behind a Plt./Plh.
    // assignment (0015); empty for a permanent one.
    std::string surat_perintah;

    bool holds_on(Date day) const
    {
        if (valid_from && day < *valid_from)
            return false;
        if (valid_until && day > *valid_until)
            return false;
        return true;
    }
};

// The roles a user holds in an office on a day: permanent assignments, and
// Plt./Plh. assignments whose period covers the day.
inline std::vector<std::string> roles_held(std::vector<RoleAssignment> const& assignments, Id office_id, Date day)
{
    std::vector<std::string> roles;
    for (auto const& assignment : assignments)
        if (assignment.office_id == office_id && assignment.holds_on(day))
            roles.push_back(assignment.role);
    return roles;
}

struct Case {
    Id id { 0 };
    Id office_id { 0 };
    std::string service_id;
    std::string state;
    std::int64_t version { 1 };
    std::string sop_version; // The SOP definition's version it was filed under (SopDefinition::version).
    std::string registration_number;
    std::string letter_number;
    std::string applicant_name;
    std::string nik;
    std::optional<Date> birth_date;
    std::string village_code;
    std::string applicant_json;  // Everything intake recorded about the applicant.
    std::string documents_json;  // The required documents and their check.
    // The intake form's groups other than the subject's (applicant_json),
    // and what rules derived: {GROUP: {…}, ROWS: [{…}, …]}; "{}" for a
    // service whose form has only the subject.
    std::string form_json { "{}" };
    Id created_by { 0 };
    Timestamp created_at { 0 };
    Timestamp updated_at { 0 };
};

struct ActionRecord {
    Id id { 0 };
    Id case_id { 0 };
    Id office_id { 0 };
    std::int64_t case_seq { 0 };
    std::int64_t office_seq { 0 };
    std::string from_state;
    std::string action;
    std::string to_state;
    Id actor_id { 0 };
    Timestamp at { 0 };
    std::string note;
    std::vector<std::string> reasons;
    std::string data_json;
    std::string case_hash;
    std::string office_hash;
};

struct RegisterEntry {
    Id office_id { 0 };
    std::string register_id;
    int year { 0 };
    std::int64_t number { 0 };
    std::string formatted;
    Id case_id { 0 };
    Timestamp taken_at { 0 };
};

// An outage (gangguan) at an office: the network, the recording equipment or
// the power. Open while ended_at is empty.
struct OutageRecord {
    Id id { 0 };
    Id office_id { 0 };
    std::string kind; // "jaringan", "peralatan", "listrik", "lainnya".
    std::string note;
    Timestamp started_at { 0 };
    std::optional<Timestamp> ended_at;
    Id recorded_by { 0 };
    Id ended_by { 0 };
    // The cases held for it in one go (outage_holds), and how many of them
    // were resumed from it.
    std::int64_t held_cases { 0 };
    std::int64_t resumed_cases { 0 };
};

}
