#pragma once
// The letters' use cases: signing at `tandatangani` with the
// signer's password, sealing at `arsipkan` with the office's seal, the
// frozen PDF, and verification by token or by the PDF's bytes. Handlers call
// this; it calls the desk, the store and src/letters.

#include "desk/desk.hpp"
#include "desk/password.hpp"
#include "letters/letter.hpp"
#include "letters/letter_content.hpp"
#include "letters/marks.hpp"
#include "store/store.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopir::desk {

// The letter kind of the letters issued before letters were templates
// (the letters table's `kind`); a service's letter is now of its template's id.
inline constexpr char const* k_surat_keterangan = "surat_keterangan";

// Whether letters may be signed and sealed while their public URL reaches
// only the server's own computer (loopback): a QR code no citizen can open.
enum class LoopbackLetters {
    Allowed, // Tools and tests that build a LetterDesk themselves.
    Refused, // `sopir serve`, unless it runs as a demo (serve --demo).
};

struct LetterSettings {
    // Where the public reaches this service, printed on every letter and
    // encoded in its verification QR code: "https://layanan.tapinkab.go.id".
    std::string public_url;
    // True when the URL was given (serve --public-url): it then wins over
    // the office's own setting (Office::public_url).
    bool public_url_given { true };
    LoopbackLetters loopback_letters { LoopbackLetters::Allowed };
    // The server's seal secret (k_seal_secret_bytes random bytes, from a file
    // outside the database): the offices' seal keys are derived from it.
    std::string seal_secret;
};

// What a verification tells the person asking.
struct LetterVerdict {
    store::LetterRecord letter;
    LetterContent content;
    LetterCheck check;
    Office office;
    std::string subject;     // The definition's [letter] subject: what the letter is.
    std::string nik_masked;
    std::string status;      // "valid", "revoked", "invalid", "unsealed"
    std::string status_text; // A sentence in Bahasa Indonesia for the page.
    // A mark's verification (output "marks"): which copy, 1-based; 0 for
    // the letter itself.
    int copy { 0 };
};

// How staff asks for a case's marks to be printed: one a page at a corner
// of the photocopy fed through the printer, or a sheet of labels; the paper
// is the letter's when not given.
struct MarkPrint {
    MarkLayout layout { MarkLayout::Labels };
    MarkCorner corner { MarkCorner::BottomRight };
    std::optional<PaperSize> paper;
};

// Where a case's letter is in view, as the SOP marks its actions: the step
// whose action signs the letter (letter = "sign"), and the step before it
// whose action a segregation rule pairs with signing (the paraf: whoever
// initials a letter does not also sign it). Found from the definition,
// whatever the service or step is called.
ActionDefinition const* signing_action(SopDefinition const&, std::string_view state);
ActionDefinition const* initialling_action(SopDefinition const&, std::string_view state);
// True in either step, for a service that issues a letter (or marks).
bool letter_in_review(SopDefinition const&, std::string_view state);

enum class DraftFormat { Pdf, Png };

// Which batch: signatures (with the signer's password) or paraf.
enum class BatchKind { Sign, Initial };

// A batch of letters is at most this long: twenty a batch is what a Camat
// signs after a morning's recordings (bench/), and a batch holds the
// unlocked key in memory until its last letter is signed.
inline constexpr std::size_t k_batch_limit = 50;

// What became of one case of a batch.
struct BatchOutcome {
    Id case_id { 0 };
    bool done { false };
    // "signed" or "initialled" when done; otherwise why not:
    // "case.not_found", "letter.already_signed", "letter.already_initialled",
    // "case.not_at_step", or the engine's refusal ("workflow.segregation", …).
    std::string code;
    std::string message; // Bahasa Indonesia, naming the case.
    // The case after the action, or as found when it was refused (not for
    // a case the person may not see).
    std::optional<Case> item;
};

// The signer's secret key once unlocked (letter_desk.cpp): wiped when the
// last signature that uses it is made.
struct UnlockedKey;

class LetterDesk {
public:
    LetterDesk(store::Store&, Desk const&, PasswordConfirmer&, LetterSettings, std::function<Timestamp()> clock);

    // Any action on a case. An action the SOP marks letter = "sign" needs the
    // signer's password (checked, and throttled by the failures through the
    // same session or token, `credential`: PasswordConfirmer);
    // one marked "seal" seals the letter with the office's key. Others go to
    // the desk unchanged. The password is never stored or logged.
    Result<store::ActionOutcome> act(Staff const&, Id case_id, std::string const& action, ActionData const&,
        std::optional<std::int64_t> expected_version, std::optional<nlohmann::json> const& corrections,
        std::string const& password, std::string const& address, std::string const& credential) const;

    // Every case of `cases` signed (BatchKind::Sign: the password checked
    // and the signing key unlocked once for the whole batch, each letter its
    // own signature and its own action in the audit chain) or initialled
    // (BatchKind::Initial, no password), each by its own transaction. A case
    // named twice is answered once. The whole batch is refused, with nothing
    // done, for an empty or too long list (Invalid "cases"), a person who
    // signs or initials nothing (Forbidden) and a wrong or missing password
    // (as at tandatangani); otherwise every case gets its outcome, in the
    // order given.
    Result<std::vector<BatchOutcome>> act_on_batch(Staff const&, BatchKind, std::vector<Id> const& cases, std::string const& password,
        std::string const& address, std::string const& credential) const;

    // True when the person holds a role that signs (or initials) some
    // service's letter: the batch pages are theirs.
    bool takes_part(Staff const&, BatchKind) const;

    // The letters waiting for this person's signature or paraf: their
    // worklist's cases in a signing or initialling step whose action they
    // may take, longest waiting first.
    Result<std::vector<WorkItem>> awaiting(Staff const&, BatchKind) const;

    // The letter of a case as it will print, marked KONSEP, with no number
    // and no verification address or QR code: rendered from the content
    // signing it now would cover (the signer the person looking, when they
    // may sign it; else the title of the role that signs, without a name).
    // For whoever may see the case, while it is in a step where its letter
    // is in view (letter_in_review; else Conflict "letter.no_draft"). The
    // read is logged. For a service whose output is marks: the first page
    // of its sheet of labels.
    Result<std::string> draft(Staff const&, Id case_id, DraftFormat, std::string const& address) const;

    // The frozen letter of a case of the person's office: Conflict before it
    // is sealed (there is nothing to print yet).
    Result<store::LetterRecord> sealed_letter(Staff const&, Id case_id) const;

    // Verification by the token printed on the letter, or by a PDF's bytes
    // (compared with the archive by SHA-256). Each is logged with the client
    // address. NotFound when nothing matches.
    Result<LetterVerdict> verify_token(std::string const& token, std::string const& address) const;
    Result<LetterVerdict> verify_pdf(std::string const& pdf_bytes, std::string const& address) const;
    // A mark's QR code: the letter's token and the copy's index. NotFound
    // for a letter without marks or a copy it does not have.
    Result<LetterVerdict> verify_copy(std::string const& token, int copy, std::string const& address) const;

    // The marks of a case's sealed letter (output "marks"), for office
    // staff (not an applicant): Conflict before sealing, Invalid for a
    // service whose output is a letter (letter_marks.cpp).
    Result<std::string> marks_pdf(Staff const&, Id case_id, MarkPrint const&) const;

    // The verdict for a stored letter, without logging: the checks behind
    // both verifications.
    Result<LetterVerdict> judge(store::LetterRecord const&) const;

    // The other printouts, for staff of the case's office,
    // rendered on demand from what is stored (letter_printouts.cpp). The
    // return slip is Conflict for a file that was never handed back.
    Result<std::string> receipt_pdf(Staff const&, Id case_id) const;
    Result<std::string> return_slip_pdf(Staff const&, Id case_id) const;
    // The pages of one of the SOP's registers for the days [from, to] in the
    // office's time; Invalid for an unknown register or a reversed period.
    // `rows`, when given, receives the count of lines printed (for the access log).
    Result<std::string> register_pdf(Staff const&, std::string const& register_id, Date from, Date to, std::int64_t* rows = nullptr) const;

    // The public URL the office's letters and receipts print: serve's
    // --public-url, else the office's setting, else the listening address.
    std::string public_url_for(Office const&) const;
    std::string verification_url(Office const&, std::string const& token) const;
    // Refused (Forbidden, code "letter.public_url") when letters of this
    // office would carry a loopback URL and the server is no demo.
    Status letters_reachable(Office const&) const;
    // What staff pages and the start of `serve` say when the office's
    // letters would carry a URL citizens cannot open (none set, loopback, the
    // office's network only); empty when it is public.
    std::string public_url_notice(Office const&) const;
    // For a server started on port 0 without --public-url: the address is
    // known only once it listens. Called before any letter can be signed.
    void set_public_url(std::string);

private:
    // The password checked (throttled by the failures through the same
    // session or token) and the signer's key unlocked with it, once.
    Result<std::shared_ptr<UnlockedKey const>> unlock_for_signing(Staff const&, std::string const& password, std::string const& address,
        std::string const& credential) const;
    Result<store::LetterWork> signing_work(Staff const&, Case const&, SopDefinition const&, ActionDefinition const&,
        std::shared_ptr<UnlockedKey const>) const;
    // The letter a signature now would cover, before its verification
    // address: signed by `signer` under `signing`'s title, or with no
    // signer the title of the role the letter names and no name.
    Result<LetterContent> letter_to_sign(Staff const* signer, Case const&, SopDefinition const&, ActionDefinition const* signing,
        Timestamp now) const;
    BatchOutcome act_on_one(Staff const&, BatchKind, Id case_id, std::shared_ptr<UnlockedKey const> const&) const;
    Result<store::LetterWork> sealing_work(Staff const&, Case const&, SopDefinition const&) const;
    Result<std::string> unlock_signer_key(User const&, std::string const& password, std::string& public_key_out) const;
    Result<LetterVerdict> logged(Result<store::LetterRecord> found, store::VerificationMethod, std::string const& address) const;

    store::Store& m_store;
    Desk const& m_desk;
    PasswordConfirmer& m_auth;
    LetterSettings m_settings;
    std::function<Timestamp()> m_clock;
};

// The office as the kop prints it, with its logo's bytes when it has one.
LetterOffice printed_office(store::Store&, Office const&);

// What a case's letter is resolved over: its checked values (the subject
// group from what intake stored), documents, registration number, the day
// it was filed and the day each step's work was done (the last time the
// case left that step), the office's names and WhatsApp number.
LetterFacts letter_facts(Case const&, SopDefinition const&, std::vector<ActionRecord> const& history, Office const&);

// The content of a service's letter before it is signed: the definition's
// [letter] resolved over the facts, with the service, template and version
// recorded; the paper is the template's, else the office's. The signer,
// paraf and verification address are the caller's to fill. The definition
// must have a letter.
LetterContent compose_letter(SopDefinition const&, LetterFacts const&, LetterOffice, Date letter_date, PaperSize office_paper);

// Reads the seal secret from `path`, refusing a symbolic link or a file that
// its group or others may read (Unavailable, with what to do). When the file
// does not exist: Create makes it (mode 0600, random bytes), for a fresh
// database with no seal on record; Refuse answers NotFound, for a database
// that has seals (a new secret would silently break them).
enum class MissingSealSecret { Create, Refuse };
Result<std::string> load_or_create_seal_secret(std::string const& path, MissingSealSecret = MissingSealSecret::Create);

}
