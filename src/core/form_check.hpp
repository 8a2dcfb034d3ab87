#pragma once
// Intake: what the front desk (or the JSON API) enters when an application
// for a service is submitted (the SOP's first step), checked and normalized
// against the service's form (sops/*.toml, [[form]], [[rules]], documents)
// before a case is created. Pure: no I/O, and "today" comes in as an
// argument.
//
// The input is the request's JSON: {GROUP: {FIELD: "text"}} for a fields or
// person group, {GROUP: [{FIELD: "text"}, …]} for a rows group and
// {"documents": {DOC: {"number", "date", "valid_until"}}}. Every finding
// names its field with the request's path ("applicant.nik", "members.2.nik"
// with rows counted from 0, "documents.surat_pengantar.date"), a stable
// machine code and a message for people in Bahasa Indonesia. All findings
// are collected; checking never stops at the first. Errors refuse the
// application; warnings are for the officer to confirm, because only a
// person with the documents in hand can decide them.
//
// Codes every field type gives:
//   required                  a required field is empty (or only spaces).
//   json.type                 a value that is not text (an integer field
//                             also takes a JSON number).
//   text.encoding             not valid UTF-8, or control characters.
//   text.too_long             over the field's `max_length` (text and name
//                             100, textarea 200 characters by default).
//   name.characters           not only latin letters, spaces and . , ' - ;
//                             or no letter at all.
//   name.length               fewer than 2 characters.
//   integer.format            not a whole number; integer.range: outside
//                             `min`/`max`.
//   date.format               not YYYY-MM-DD.
//   date.invalid              YYYY-MM-DD, but no such day (2001-02-29).
//   date.too_early            before 1900-01-01.
//   date.future               a document's date after today (a field's
//                             only through the not_future rule).
//   time.format               not HH:MM (24 hours).
//   FIELD.unknown             a select field's value is none of its options
//                             (religion.unknown, sex.unknown, …).
//   nik.*, kk.*               from check_nik / check_kk (core/identity.hpp);
//                             nik.region_unknown, kk.region_unknown warn.
//   rt_rw.format, rt_rw.zero  not 1–3 digits; 0 or 000.
//   phone.format              not 9–15 digits starting 0 or (+)62.
//   village.format            not a desa/kelurahan code (10 digits).
//   village.unknown           not in the region data.
//   village.other_district    a village of another kecamatan.
//   region.format             not a region code of the field's level.
//   region.unknown            not in the region data.
//   rows.too_few, rows.too_many  a rows group outside min_rows/max_rows.
//   document.unknown          a document the service does not ask for.
//   document.FIELD_mismatch   a document's number is not the field its
//                             `equals` names (document.kk_mismatch).
// The rules a definition picks add their own codes (rule_specs below).

#include "core/date.hpp"
#include "core/identity.hpp"
#include "core/regions.hpp"
#include "core/sop.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

struct IntakeIssue {
    std::string field;   // "applicant.nik", "members.2.nik", "documents.surat_pengantar.date"
    std::string code;    // "required", "nik.length", …
    std::string message; // Bahasa Indonesia.
};

struct FormContext {
    Date today;
    Regions const* regions { nullptr }; // Without region data codes are checked by shape only.
    std::string district_code;          // The office's kecamatan, "63.05.06"; empty: any.
    // Office settings a rule may name instead of its fixed value:
    // "min_recording_age" (the office's, 17 or 16), …
    std::map<std::string, int> settings;
};

struct FormCheck {
    std::vector<IntakeIssue> errors;
    std::vector<IntakeIssue> warnings;
    // The application as it will be recorded, complete only when ok():
    // {GROUP: {FIELD: "normalized"}, ROWS: [{…}, …]}. Every field of a
    // group is there, "" when left empty; rows left wholly empty are
    // dropped. Values are text: a date as YYYY-MM-DD, a select as its
    // option's id, a NIK as 16 digits, a village or region as its dotted
    // code followed by its name as FIELD_name (a field named X_code: X_name,
    // so "village_code" gives "village_name"), and what rules derive (a
    // move's class).
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    // The documents given: {DOC: {"number", "date"?, "valid_until"?}},
    // trimmed; documents the service does not ask for are left out.
    nlohmann::ordered_json documents = nlohmann::ordered_json::object();

    bool ok() const { return errors.empty(); }
    // A normalized value by path ("applicant.nik"); "" when absent.
    std::string value(std::string_view path) const;
};

// Checks and normalizes an application against the service's form, rules and
// documents; see the codes above and rule_specs().
FormCheck check_form(SopDefinition const&, nlohmann::json const& input, FormContext const&);

// The key a village or region field's name is stored under: "village_code"
// → "village_name", "origin" → "origin_name".
std::string display_key(std::string_view field_name);

// The options a select field offers: its own, or its vocabulary's.
std::vector<InputOption> field_options(InputField const&);

// A rule's parameter: its name and whether the definition must give it. A
// parameter naming a field takes its path, "applicant.birth_date" (for a
// rows group, "members.nik": each row), or a document's part,
// "documents.surat_pengantar.date".
struct RuleParameter {
    std::string_view name;
    bool required { false };
    std::string_view meaning;
};

// A check the core knows: its parameters, its code and message when the
// definition gives none, and the placeholders its message may use.
struct RuleSpec {
    std::string_view check;
    std::vector<RuleParameter> params;
    std::string_view default_code; // "{group}" stands for the group of the rule's field.
    std::string_view default_message;
    std::vector<std::string_view> placeholders; // "{age}", "{min}", …
};

// Every rule: nik_matches_person, document_equals, min_age,
// document_max_age, one_row_with, not_future, max_days_ago,
// derive_move_class, differs_from.
std::vector<RuleSpec> const& rule_specs();
RuleSpec const* find_rule_spec(std::string_view check);

}
