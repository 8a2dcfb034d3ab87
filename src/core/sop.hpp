#pragma once
// A public-service SOP as data (STYLE.md, practice 2): the roles, documents,
// steps with their standard times, the actions that move a case between
// steps, and the special states (returned, held, finished). One TOML file per
// service in sops/; the format is described in docs/sop-format.md.
//
// The loader is pure: it reads TOML from text, never from a file, and it
// refuses a bad definition with every problem it finds, each with file and
// line, so that a mistake in sops/*.toml is caught once, at start, and not
// when a case first reaches the broken step.

#include "core/date.hpp"
#include "core/form.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

struct RoleDefinition {
    std::string id;    // "kasi_pemerintahan"
    std::string title; // As printed on the SOP: "Kasi Pemerintahan".
    int line { 0 };
    // The applicant's own role (pemohon): someone holding only such roles is
    // a member of the public and sees only the cases they filed.
    bool applicant { false };
    // Reads the office's service reports and dashboard (reports = true):
    // the officials who answer for the service, e.g. the Camat.
    bool reports { false };
};

// A document the applicant brings (the SOP's "kelengkapan" of step 1), and
// what of it intake records.
struct DocumentDefinition {
    std::string id;    // "surat_pengantar"
    std::string label; // "Surat Pengantar dari Kepala Desa"
    bool number { true };       // Its number is recorded (required when the document is).
    bool date { false };        // Its date is recorded (and required).
    bool valid_until { false }; // Its end of validity is recorded.
    // A form field its number must equal ("applicant.kk" for the Kartu
    // Keluarga); empty for none.
    std::string equals;
    // Documents that may stand in for it (an SPTJM for a marriage
    // certificate): one of them given is enough.
    std::vector<std::string> alternatives;
    // False for a document asked only in place of another (the SPTJM) or
    // only when it applies.
    bool required { true };
    int line { 0 };
};

// A numbered book of the office. Storage keeps one sequence per office,
// register and year; the SOP only says which action takes a number from which
// book.
enum class RegisterKind {
    Registration, // A registration number for the application (Register E-KTP).
    Letter,       // A letter number, laid out by the office's letter-number pattern.
};

struct RegisterDefinition {
    std::string id;    // "register_ektp", "agenda"
    std::string label; // "Buku Register E-KTP"
    // The heading of its printed pages; the label in capitals when empty.
    std::string title;
    RegisterKind kind { RegisterKind::Registration };
    int line { 0 };
};

// The register's code in numbers ({register} in an office's number
// pattern): its id in capitals with '-' for '_', and "REG" for a leading
// "REGISTER" ("register_ektp" → "REG-EKTP").
std::string register_code(RegisterDefinition const&);

enum class FieldType {
    Text,      // One line of text.
    LongText,  // Several lines ("textarea").
    Date,      // YYYY-MM-DD.
    Number,    // A decimal number, e.g. "12" or "-3.5".
    Bool,      // A checkbox: "true"/"false" (also "ya"/"tidak", "on", "1"/"0").
    Enum,      // One of `options`.
    Checklist, // Several of `options`, comma-separated ids.
};

std::string_view to_string(FieldType); // "text", "long_text", "date", …
std::optional<FieldType> parse_field_type(std::string_view);

struct FieldOption {
    std::string id;
    std::string label;
};

// A datum an action carries, e.g. the name of who received the letter. The
// web layer renders its form input from this.
struct FieldDefinition {
    std::string name;  // The form input's name and the key in ActionData::fields.
    std::string label; // "Nama penerima"
    std::string help;  // Optional hint under the input.
    FieldType type { FieldType::Text };
    bool required { false };
    // Checklist only: every option must be ticked, e.g. all the required
    // documents before a file is accepted (the SOP's first warning).
    bool all_required { false };
    std::vector<FieldOption> options; // Enum and checklist; resolved from `options_from` too.
    int line { 0 };
};

struct ReasonDefinition {
    std::string id;               // Stable, for reports of returns by reason.
    std::string label;            // Printed on the return slip.
    bool note_required { false }; // "Lainnya" needs the note to say what.
    int line { 0 };
};

enum class LetterStage { None, Sign, Seal };

struct ActionDefinition {
    std::string id;     // "terima"; unique within its step or state.
    std::string label;  // The button: "Terima berkas".
    std::string from;   // The step or state that offers it.
    std::string target; // The step or state the case moves to.
    // Who may perform it: the action's own `roles`, or else those of the step
    // or state that offers it.
    std::vector<std::string> roles;
    bool note_required { false };
    bool reasons_required { false };
    std::vector<ReasonDefinition> reasons; // The reasons one may choose from.
    std::vector<FieldDefinition> fields;
    std::optional<std::string> takes_number; // A register id.
    // What the action does to the service's letter: `sign` (the signer's
    // electronic signature over the content without its number) or `seal`
    // (the office's seal over the final content, numbered; the letter is
    // then frozen). Declared in the SOP as letter = "sign" / "seal".
    LetterStage letter { LetterStage::None };
    int line { 0 };
};

struct StepDefinition {
    std::string id;          // "verifikasi"
    std::string title;       // Short, for worklists: "Verifikasi berkas".
    std::string description; // The activity as the SOP prints it (kegiatan).
    std::vector<std::string> roles;
    int standard_minutes { 0 };
    std::vector<std::string> documents; // Ids of the required documents this step needs.
    std::vector<std::string> input;     // Other requirements, as printed (kelengkapan).
    std::string output;
    std::vector<ActionDefinition> actions;
    int line { 0 };
};

// Every case state is either a step (the case waits for that step's work) or
// one of the special states a definition declares.
enum class StateKind {
    Step,
    Returned, // With the applicant to complete the file; the office's clock stops.
    Held,     // Held by an outage; reported as held time, not working time.
    End,      // Finished; no action leaves it.
    // Withdrawn because it was filed by mistake (batalkan): no action leaves
    // it, and reports count it apart, neither finished nor late.
    Cancelled,
    // Waiting on another agency (Disdukcapil prints the KK): the time is
    // counted apart from the office's.
    External,
};

std::string_view to_string(StateKind); // "step", "returned", "held", "end", "cancelled", "external"

// True for the states no action leaves: End and Cancelled.
inline bool is_closed(StateKind kind) { return kind == StateKind::End || kind == StateKind::Cancelled; }

struct StateDefinition {
    std::string id;    // "dikembalikan", "tertunda", "selesai"
    std::string label; // "Dikembalikan kepada pemohon"
    StateKind kind { StateKind::End };
    std::vector<std::string> roles;
    std::vector<ActionDefinition> actions;
    int line { 0 };
};

// Segregation of duties: no one person may perform more than one of these
// actions on the same case, e.g. the one who initials (paraf) a letter does
// not also sign it (tandatangani).
struct SegregationRule {
    std::vector<std::string> actions;
    std::string reason; // Optional, shown when the rule refuses an action.
    int line { 0 };
};

// What the printed SOP says about itself.
struct SopMeta {
    std::string number; // Nomor SOP.
    std::optional<Date> created;   // Tanggal Pembuatan.
    std::optional<Date> revised;   // Tanggal Revisi; none for an SOP never revised.
    std::optional<Date> effective; // Tanggal Efektif.
    std::string approved_by; // Disahkan oleh.
    std::string office;      // "Kantor Camat Candi Laras Utara"
    std::string section;     // "Seksi Pemerintahan"
};

struct SopDefinition {
    std::string id; // "perekaman-ektp"; also the file's name without ".toml".
    // The definition's version: the SHA-256 (hex) of the file's text, set by
    // whoever read the file (app/sop_catalog). A case records the version it
    // was filed under and finishes under it.
    std::string version;
    std::string title;
    SopMeta meta;
    // About how many applications a month an office of the kabupaten sees
    // (monthly_cases): `sopir demo` mixes the services in these proportions.
    int monthly_cases { 10 };
    std::vector<std::string> legal_basis;    // Dasar hukum.
    std::vector<std::string> qualifications; // Kualifikasi pelaksana.
    std::vector<std::string> related;        // Keterkaitan: related SOPs.
    std::vector<std::string> equipment;      // Peralatan dan perlengkapan.
    std::vector<std::string> warnings;       // Peringatan.
    std::vector<std::string> records;        // Pencatatan dan pendataan.
    std::vector<DocumentDefinition> documents;
    std::vector<RoleDefinition> roles;
    std::vector<RegisterDefinition> registers;
    std::vector<StepDefinition> steps; // In the SOP's order.
    std::vector<StateDefinition> states;
    std::string initial_step; // Where intake creates a case.
    std::vector<SegregationRule> segregation;
    FormDefinition form;               // The intake form: [[form]].
    std::vector<RuleDefinition> rules; // Intake's checks: [[rules]].
    std::optional<LetterTemplate> letter; // The letter the service issues: [letter].
    PublicStandard standard;           // [standard]: cost, product, complaints.

    RoleDefinition const* find_role(std::string_view id) const;
    DocumentDefinition const* find_document(std::string_view id) const;
    RegisterDefinition const* find_register(std::string_view id) const;
    StepDefinition const* find_step(std::string_view id) const;
    StateDefinition const* find_state(std::string_view id) const; // Special states only.

    // Every state a case can still leave: the steps, then the special
    // states that are not closed (end or cancelled).
    std::vector<std::string> open_states() const;
    // StateKind::Step for a step id; nothing for an unknown state.
    std::optional<StateKind> state_kind(std::string_view state) const;
    // A step's title or a special state's label; the id itself when unknown.
    std::string state_label(std::string_view state) const;
    // A role's printed title; the id itself when unknown.
    std::string role_title(std::string_view role) const;
    // The actions offered in a state (step or special state); null when unknown.
    std::vector<ActionDefinition> const* actions_in(std::string_view state) const;
    ActionDefinition const* find_action(std::string_view state, std::string_view action) const;
};

// The sum of the steps' standard times (the SOP's "Jumlah waktu").
int total_standard_minutes(SopDefinition const&);

// One problem found in a definition.
struct SopDiagnostic {
    std::string file;
    int line { 0 };      // 0 when no line applies.
    std::string message; // Bahasa Indonesia.
};

// "sops/x.toml:42: peran 'camatt' tidak dikenal"
std::string to_string(SopDiagnostic const&);

struct SopCheck {
    std::optional<SopDefinition> definition; // Only when there is no diagnostic.
    std::vector<SopDiagnostic> diagnostics;  // Every problem found, by line.

    bool ok() const { return definition.has_value(); }
};

// The classification code ({klasifikasi}) of a number taken from `book`:
// the letter's own default (`[letter] classification`) when the service's
// letter is numbered in that register and states one, else the office's.
std::string number_classification(SopDefinition const&, RegisterDefinition const& book, std::string const& office_code);

// Parses and validates a definition and reports every problem. Never throws.
// `file_name` only labels the diagnostics.
SopCheck check_sop(std::string_view toml_text, std::string const& file_name);

// Whether `name` is a value a case keeps in `group`: one of its fields, a
// value intake keeps beside them (names_kept_value: a region's name and the
// names of the regions above it), or one a rule derives into the group
// (derive_move_class's `into`). A letter's {GROUP.NAME} may print any.
bool names_group_value(SopDefinition const&, InputGroup const& group, std::string_view name);

// The same, for callers that want one value: on failure an Invalid error
// (field "sop", code "sop.definition") whose message lists every diagnostic,
// one per line.
Result<SopDefinition> load_sop(std::string_view toml_text, std::string const& file_name);

}
