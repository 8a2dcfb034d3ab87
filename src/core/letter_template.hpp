#pragma once
// A service's letter template ([letter] in sops/*.toml, form.hpp's
// LetterTemplate) resolved over one case: placeholders replaced by the
// case's checked values, the office's and the case's facts, giving the
// blocks the letter prints. Pure: the facts come in as arguments.
//
// Placeholders, written in braces in any text of the template:
//   {GROUP.FIELD}                 a field of the intake form, as checked (a
//                                 select field prints its option's label);
//                                 {GROUP.FIELD_name} the name the check stored
//                                 beside a village or region field
//                                 ("village_code" → {GROUP.village_name}).
//                                 Inside a rows block, {FIELD} or
//                                 {GROUP.FIELD} of its rows group is the
//                                 current row's.
//   {documents.DOC.number}        also .date and .valid_until
//   {office.name} {office.regency} {office.district}
//   {case.registration_number} {case.submitted_date}
//   {step.STEP.date}              the day the case's work in that step was done
//   {letter.number}               the number the letter gets when it is sealed
//   {whatsapp}                    the Disdukcapil WhatsApp number
// followed by any of the modifiers, applied left to right:
//   |upper |title |date ("12 Maret 2001") |date_words ("dua belas Maret dua
//   ribu satu") |number_words ("dua belas") |sex ("L" → "Laki-laki").
// Text between ** and ** prints bold. A literal brace or asterisk is written
// escaped: "\{", "\*".

#include "core/date.hpp"
#include "core/sop.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sopir {

// One block of a letter's body, resolved: plain text with ** marks for bold
// and a backslash before a literal * or \ (escape_letter_text), the way the
// signed content stores it and the renderer reads it.
struct LetterBlock {
    enum class Kind {
        Paragraph, // `text`, justified; with `qr`, the QR code stands beside it.
        Table,     // Label–value lines: `table`.
        Rows,      // A numbered table: `headings`, then `rows` of cells.
        List,      // Numbered lines: `items`.
    };
    Kind kind { Kind::Paragraph };
    std::string text;
    std::vector<std::pair<std::string, std::string>> table;
    std::vector<std::string> headings;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> items;
    std::string qr; // Paragraph: what the QR code beside it encodes; empty for none.

    bool operator==(LetterBlock const&) const = default;
};

std::string_view to_string(LetterBlock::Kind); // "paragraph", "table", "rows", "list"
std::optional<LetterBlock::Kind> parse_letter_block_kind(std::string_view);

// A service's marks ([letter.mark], output = "marks"), resolved: the mark's
// text, how many copies get one, and the document they are copies of, as
// the verification page names it. Texts as a LetterBlock's.
struct LetterMark {
    std::string text;
    int copies { 1 };
    std::vector<std::pair<std::string, std::string>> details;

    bool operator==(LetterMark const&) const = default;
};

// What a letter is resolved over.
struct LetterFacts {
    // The checked intake values: {group: {field: value, FIELD_name: display}}
    // for field and person groups, {group: [{…}, …]} for rows groups.
    nlohmann::json values = nlohmann::json::object();
    // {doc: {number, date, valid_until}}.
    nlohmann::json documents = nlohmann::json::object();
    std::string office_name;     // "Candi Laras Utara"
    std::string office_regency;  // "Kabupaten Tapin"
    std::string office_district; // The kecamatan's name: "Candi Laras Utara"
    std::string registration_number;
    std::optional<Date> submitted_date;
    std::map<std::string, Date> step_dates; // Step id → the day its work was done.
    std::string whatsapp;                    // As printed: "0812-5000-1234"; empty for none.
};

// What stands in a resolved text where {letter.number} was: the number is
// given only at sealing, after the signature, so the renderer puts it in.
inline constexpr std::string_view k_letter_number_mark = "{letter.number}";

// The parts of a letter its template decides.
struct ResolvedLetter {
    std::string title;
    std::string subtitle;
    std::string subject;
    // The body's blocks, then the WhatsApp line (resolved `whatsapp_text`,
    // with its wa.me QR code; left out when the office has no number), then
    // the closing paragraph.
    std::vector<LetterBlock> body;
    std::optional<LetterMark> mark; // Output "marks" only.
};

ResolvedLetter resolve_letter(SopDefinition const&, LetterTemplate const&, LetterFacts const&);

// One text of a template, resolved; `row` is the current row of a rows
// block (the group's id and the row), if any.
std::string resolve_letter_text(std::string_view text, SopDefinition const&, LetterFacts const&,
    std::pair<std::string, nlohmann::json const*> row = {});

// Data as it goes into resolved text: "*", "{" and "\" escaped so that a
// value never turns bold nor reads as {letter.number}.
std::string escape_letter_text(std::string_view);

// A resolved text in spans for the renderer: bold or not, unescaped, with
// {letter.number} replaced by `number`.
struct LetterSpan {
    std::string text;
    bool bold { false };
};
std::vector<LetterSpan> letter_spans(std::string_view resolved, std::string_view number = {});

// "6281250001234" from "0812-5000-1234" or "+62 812 5000 1234": the form
// wa.me links need (country code, digits only).
std::string whatsapp_international(std::string_view number);

// Every problem with the placeholders and names of a definition's [letter]:
// an unknown group, field, document, step or modifier, a rows block whose
// group is not a rows group, an unclosed brace, an unknown signer role or a
// register that does not number letters. Empty when there is no [letter].
// The SOP loader reports these with the file's name (`sopir sop check`).
struct PlaceholderProblem {
    int line { 0 };
    std::string message; // Bahasa Indonesia.
};
std::vector<PlaceholderProblem> placeholder_problems(SopDefinition const&);

}
