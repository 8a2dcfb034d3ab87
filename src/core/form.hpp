#pragma once
// A service's intake form, its rules and its letter as data: what a
// definition in sops/*.toml declares under [[form]], [[rules]] and [letter]
// (docs/sop-format.md). Plain data: the loader (sop.cpp) fills and checks it,
// the intake check (form_check.hpp) applies it, the letter template
// (letter_template.hpp) reads it, the API describes it as a JSON Schema.

#include "core/model.hpp"
#include "core/regions.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sopir {

// What an intake field holds: it decides the input the form shows, the check
// the value gets and the form it is stored in.
enum class InputType {
    Text,     // One line; trimmed, runs of spaces made one.
    Textarea, // Several lines; stored as one line like text.
    Name,     // A person's name: latin letters, spaces and . , ' - (name.*).
    Integer,  // Whole number within `min`/`max`.
    Date,     // YYYY-MM-DD, not before 1900 (date.*).
    Time,     // HH:MM, 24 hours.
    Select,   // One of `options` (inline or from `vocabulary`); stored as the option's id.
    Nik,      // 16 digits, checked as a NIK (nik.*).
    Kk,       // 16 digits, checked as a Nomor KK (kk.*).
    Phone,    // Digits, starting 0 or 62, 9–15 digits; stored digits only.
    RtRw,     // An RT or RW: 1–3 digits, not zero; stored as three digits.
    Village,  // A desa/kelurahan of the office's own kecamatan; stored dotted.
    Region,   // Any region of Indonesia at `level`; stored dotted.
};

std::string_view to_string(InputType); // "text", "textarea", "name", …, "rt_rw", "village", "region"
std::optional<InputType> parse_input_type(std::string_view);

struct InputOption {
    std::string id;    // What is stored and sent: "L", "Islam", "kepala_keluarga".
    std::string label; // What the form shows: "Laki-laki".
    // Other spellings accepted for it ("Katholik", "Laki-laki", "perempuan").
    std::vector<std::string> aliases;
};

struct InputField {
    std::string name;  // Key within its group: "nik"; the request's path is "group.name".
    std::string label; // "NIK"
    std::string help;  // Shown under the input; optional.
    InputType type { InputType::Text };
    bool required { false };
    std::optional<int> max_length; // Text, textarea, name: characters.
    std::optional<long long> min;  // Integer.
    std::optional<long long> max;  // Integer.
    // Select: the options, inline or resolved from a named vocabulary
    // (vocabularies.hpp: "religions", "marital_statuses", "shdk", …).
    std::string vocabulary;
    std::vector<InputOption> options;
    RegionLevel level { RegionLevel::Village }; // Region only.
    // A value that passes the field's own check, for the API's `examples`
    // and for sample letters; generated from the type when not given.
    std::string example;
    int line { 0 };
};

enum class GroupKind {
    Fields, // One set of fields: "applicant": { … }.
    Person, // The same, starting with a person's fields (nik, name, birth place
            // and date, sex), declared once and used for the applicant, a
            // parent, a witness; the group's own fields follow.
    Rows,   // Repeated rows: "members": [ { … }, … ], between min_rows and max_rows.
};

struct InputGroup {
    std::string id;    // "applicant", "mother", "members"
    std::string label; // "Data Pemohon"
    GroupKind kind { GroupKind::Fields };
    std::vector<InputField> fields; // For Person: the person's fields first.
    int min_rows { 0 };             // Rows only.
    int max_rows { 0 };             // Rows only; 0: no limit.
    // The case is filed under this person: its name, NIK, birth date and
    // village are what worklists, registers and the duplicate check use.
    // Exactly one group of a form is the subject (a Person or Fields group
    // with nik and name).
    bool subject { false };
    int line { 0 };
};

struct FormDefinition {
    std::vector<InputGroup> groups; // In the order the form shows them.

    InputGroup const* find_group(std::string_view id) const;
    InputGroup const* subject() const;
    // "applicant.kk" → the field; "members.nik" names a column of a rows group.
    InputField const* find_field(std::string_view path) const;
};

// Where intake keeps the name of a region above a village or region field's
// own: "village_code" at level district → "village_district_name", a field
// "origin" at level province → "origin_province_name". `level` is
// "province", "regency" or "district".
std::string parent_region_key(std::string_view field_name, std::string_view level);

// Whether `name` is a value intake keeps in `group` besides the fields the
// group declares: a village or region field's name ("village_code" →
// "village_name", FIELD → "FIELD_name") and the names of the regions above
// a region field (parent_region_key). Letters may print these.
bool names_kept_value(InputGroup const& group, std::string_view name);

enum class Severity { Error, Warning };

// A named check the core knows, chosen and parameterised by the definition
// (form_check.hpp lists them and their parameters): "nik_matches_person",
// "document_equals", "min_age", "document_max_age", "one_row_with",
// "not_future", "max_days_ago", "derive_move_class".
struct RuleDefinition {
    std::string check;
    std::map<std::string, std::string> params; // As written; the loader checks names and values per check.
    std::string code;    // The code: "applicant.underage"; a default per check when empty.
    std::string message; // Bahasa Indonesia; a default per check when empty.
    Severity severity { Severity::Error };
    int line { 0 };
};

// One block of a letter's body, its texts with placeholders over the case's
// data: "{applicant.name|upper}", "{office.name}", "{step.perekaman.date}"
// (letter_template.hpp lists them and the modifiers).
struct LetterBlockTemplate {
    enum class Kind {
        Paragraph, // `text`, justified.
        Table,     // Label–value lines: `table` [[label, value], …].
        Rows,      // A table with a row per row of a rows group: `rows` (the group), `columns` [[heading, value], …].
        List,      // Numbered lines: `items`.
    };
    Kind kind { Kind::Paragraph };
    std::string text;
    std::vector<std::pair<std::string, std::string>> table;
    std::string rows;
    std::vector<std::pair<std::string, std::string>> columns;
    std::vector<std::string> items;
    int line { 0 };
};

// What the service issues: a letter, or marks printed onto the applicant's
// own papers (the legalisation mark "Telah dilegalisir sesuai dengan
// aslinya" on each photocopy), one per copy.
enum class LetterOutput {
    Letter,
    Marks,
};

// [letter.mark]: the mark printed on each copy when the output is marks. Its
// number is the letter's number with the copy's index beside it; the place
// and date, the signer's block and a QR code opening the copy's own
// verification page come from the letter as for any letter.
// The most copies one case may have marked: each is a page to print.
inline constexpr int k_max_mark_copies = 100;

struct LetterMarkTemplate {
    std::string text; // "Telah dilegalisir sesuai dengan aslinya", with placeholders.
    // The integer field (GROUP.FIELD) that says how many copies get a mark.
    std::string copies_field;
    // What the verification page names besides the letter's own data: the
    // document the copies are of, as [[label, value], …] with placeholders.
    std::vector<std::pair<std::string, std::string>> details;
    int line { 0 };
};

struct LetterTemplate {
    std::string id;    // "surat_keterangan"; with the version, recorded in the signed content.
    int version { 1 }; // Raised whenever the wording changes.
    std::string title;    // "SURAT KETERANGAN", underlined.
    std::string subtitle; // "TELAH MELAKUKAN PEREKAMAN KTP-el"; optional.
    // What the letter is, for the verification page: "Surat Keterangan telah
    // melakukan Perekaman KTP-el".
    std::string subject;
    std::string classification;          // Default classification code; the office's when empty.
    // false: the default code waits for the office to confirm it (Permendagri
    // 83/2022 leaves some services' codes open); `sop check` warns.
    bool classification_confirmed { true };
    int classification_line { 0 };       // The line of classification_confirmed, for that warning.
    std::string signer_role;             // "camat": who signs (with Plt., Plh. or a.n.).
    std::string register_id;             // The letter register that numbers it: "agenda".
    bool whatsapp { false };             // The Disdukcapil WhatsApp line and its QR code.
    std::string whatsapp_text;           // That line, with {whatsapp} for the number.
    std::optional<PaperSize> paper;      // The office's paper when not given.
    std::vector<LetterBlockTemplate> body;
    // The closing sentence ("Demikian surat keterangan ini dibuat …"),
    // printed after the body and the WhatsApp line, before the signature.
    std::string closing;
    LetterOutput output { LetterOutput::Letter };
    std::optional<LetterMarkTemplate> mark; // With output = "marks".
    int line { 0 };
};

// The public service standard's parts a definition states (Permenpan RB
// 15/2014) besides the steps: shown on the service's public page.
struct PublicStandard {
    std::string cost;       // Biaya/tarif: "Tidak dipungut biaya".
    std::string product;    // Produk layanan.
    std::string complaints; // Penanganan pengaduan, saran dan masukan.
    std::string requirements; // Persyaratan besides the documents: "Pemohon datang sendiri: …".
};

}
