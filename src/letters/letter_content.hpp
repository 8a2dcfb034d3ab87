#pragma once
// A letter's content as it is stored, signed and verified: canonical JSON
// (keys sorted, no spaces), so that the same content always gives the same
// bytes and the same SHA-256. The PDF is rendered from this content alone.
//
// Two hashes matter: the signer's tanda tangan covers the
// content without its number (the number is given later, at pengarsipan, as
// on paper); the office seal covers the final content, number included.

#include "core/result.hpp"
#include "core/sop.hpp"
#include "letters/letter.hpp"
#include "letters/signing.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sopir {

// The canonical JSON of the content. The rendering choices (which copy) are
// not content and are left out.
std::string letter_content_json(LetterContent const&);
// Back from the stored JSON; Invalid when it is not a letter's content.
// Version 2 records the service, the template and the resolved body;
// version 1 (letters issued before templates) is read into `legacy`, and
// written back byte for byte the same.
Result<LetterContent> letter_content_from_json(std::string_view);

// A version 1 content with its body filled from the service's template
// (title, wording, WhatsApp line, closing), its recorded particulars, date
// and purpose put in: the letter prints as it did when it was signed. Other
// content is returned unchanged.
LetterContent legacy_letter_body(LetterContent, SopDefinition const&);

// SHA-256 (hex) of the canonical JSON, and of the same with the number blank:
// what the seal and the signer sign respectively.
std::string letter_content_sha256(LetterContent const&);
std::string unnumbered_content_sha256(LetterContent const&);

// A signature as stored in the letter's JSON array: who, the purpose, the
// algorithm, the public key, the signature and when.
struct StoredSignature {
    std::string purpose; // k_purpose_tandatangan or k_purpose_segel.
    Signature signature;
};
std::string signatures_json(std::vector<StoredSignature> const&);
Result<std::vector<StoredSignature>> signatures_from_json(std::string_view);

// The section head's paraf as printed beside the signature: the initials of
// the name without academic degrees (after the comma) or honorifics ending in
// a dot: "Hj. SITI NURHALIZA, S.Sos." → "SN".
std::string paraf_initials(std::string_view full_name);

// How one letter fared when checked against what the archive knows.
struct LetterCheck {
    bool content_intact { false };  // The stored content matches its recorded hash.
    bool signed_ok { false };       // The signer's tanda tangan verifies with a key on record for the signer.
    bool sealed_ok { false };       // The office seal verifies with a seal key on record for the office.
    bool pdf_intact { false };      // The stored PDF matches its recorded hash.
    bool revoked { false };
    bool valid() const { return content_intact && signed_ok && sealed_ok && pdf_intact && !revoked; }
};

}
