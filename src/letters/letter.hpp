#pragma once
// A service's letter as a PDF: the blocks its template resolved to
// (core/letter_template.hpp), drawn in the office's house style: kop, title
// and number, the body, the signature block with the verification QR code,
// the archive marks and the footer. The renderer takes plain data, already
// worded and formatted for print, and returns the bytes of the PDF: no
// storage, no clock. The same content always gives the same bytes, so a
// sealed letter can be printed again unchanged.

#include "core/date.hpp"
#include "core/letter_template.hpp"
#include "core/model.hpp"

#include <optional>
#include <vector>

#include <string>
#include <string_view>

namespace sopir {

struct LetterOffice {
    std::string regency;     // "Kabupaten Tapin"
    std::string name;        // "Candi Laras Utara"
    std::string address;     // "Jalan Jenderal Sudirman No. 1, Margasari"
    std::string postal_code; // "71171"
    std::string place_name;  // "Margasari", for the place-and-date line.
    // The PNG bytes of the office's logo for the kop (the regency's coat of
    // arms, usually); empty for none. Bytes that do not decode as a PNG
    // print no logo rather than no letter.
    std::string logo_png;
    // Its SHA-256, which is what the letter's stored and signed content
    // records (letter_content.hpp); the bytes are kept once per logo.
    std::string logo_sha256;
};

// The person a letter of content version 1 (issued before letters were
// templates) was about, as it recorded them.
struct LetterApplicant {
    std::string name;
    std::string nik;
    std::string birth_place;
    Date birth_date;
    std::string sex;            // "Laki-laki" / "Perempuan"
    std::string religion;       // "Islam"
    std::string marital_status; // "Belum Kawin"
    std::string occupation;
    std::string address;
    std::string rt;
    std::string rw;
    std::string village;   // "Margasari Ilir"
    std::string kecamatan; // "Candi Laras Utara"
};

// What content version 1 recorded in place of the body: kept as read, so
// that its canonical JSON, and with it its hashes and signatures, stay the
// same. Its body is drawn from the service's template (legacy_letter_body).
struct LegacyLetterContent {
    LetterApplicant applicant;
    Date recording_date;
    std::string purpose; // The last paragraph of the body.
};

struct LetterSigner {
    // "CAMAT CANDI LARAS UTARA", "Plt. CAMAT CANDI LARAS UTARA"; for a
    // signature on the holder's behalf two lines: "a.n. CAMAT CANDI LARAS
    // UTARA\nSekretaris Kecamatan" (signer_title).
    std::string title;
    std::string name;             // With titles: "H. AHMAD RIFANI, S.Sos., M.AP"
    std::string pangkat_golongan; // "Pembina Tingkat I (IV/b)"
    std::string nip;              // Formatted: "19690312 199211 1 001"
};

// The office keeps a copy of every letter it issues; the archive copy says so
// on its face, so it cannot pass for the one handed to the applicant.
enum class LetterCopy {
    Original,
    Archive,
    // A preview of the template from sample data (sopir letter preview),
    // marked "KONSEP" the way the archive copy is marked "ARSIP".
    Draft,
};

struct LetterContent {
    LetterOffice office;
    std::string number; // From the letter register; empty until pengarsipan, printed as a blank line.
    // The service, and the template and its version, the letter was made
    // from: recorded in the signed content.
    std::string service_id;
    std::string template_id;
    int template_version { 0 };
    std::string title;    // "SURAT KETERANGAN", bold and underlined.
    std::string subtitle; // Bold, below it; may be empty.
    // Whom the letter is about (the form's subject group): for the
    // verification page.
    std::string person_name;
    std::string person_nik;
    // The resolved body: paragraphs (the WhatsApp line among them, with its
    // QR code), tables, lists; the last is followed by the signature block.
    std::vector<LetterBlock> body;
    Date letter_date; // The day of signing, on the place-and-date line.
    std::string disdukcapil_whatsapp; // As printed: "0812-5000-1234".
    LetterSigner signer;
    std::string paraf;            // The section head's initials; empty for none.
    std::string verification_url; // Printed and encoded in the verification QR code.
    PaperSize paper_size { PaperSize::A4 };
    LetterCopy copy { LetterCopy::Original }; // Archive: marked "ARSIP", otherwise the same.
    // Content version 1 only (service_id empty): what it recorded in place
    // of the body.
    std::optional<LegacyLetterContent> legacy;
    // A service whose output is marks (legalisation): the mark each copy
    // carries; the letter is then printed as marks (letters/marks.hpp).
    std::optional<LetterMark> mark;
};

// How a signer stands to the role the letter names (Permendagri 1/2023 on
// tata naskah dinas): holding it, acting in it (Plt., Plh.), or signing on
// its holder's behalf (atas nama, a.n.).
enum class SignerStanding { Holder, Plt, Plh, OnBehalf };

// The signature block's title lines: "CAMAT CANDI LARAS UTARA", "Plt. CAMAT
// CANDI LARAS UTARA"; on behalf: "a.n. CAMAT CANDI LARAS UTARA" and the
// signer's own role ("Sekretaris Kecamatan") on the next line.
std::string signer_title(SignerStanding, std::string_view role_title, std::string_view office_name,
    std::string_view own_role_title = {});

// "CAMAT CANDI LARAS UTARA", or with "Plt. "/"Plh. " before it for an acting
// signer: signer_title for the role "Camat".
std::string camat_title(Acting, std::string_view office_name);

// The PDF bytes of the letter, one page. Throws std::runtime_error only when
// cairo itself fails (out of memory). A version 1 content must have its
// body filled first (legacy_letter_body).
std::string render_letter_pdf(LetterContent const&);

// The same page as a PNG picture, `pixels_per_point` pixels for each point
// (1.5: about 108 dots per inch), for a screen: the draft a case page shows.
std::string render_letter_png(LetterContent const&, double pixels_per_point = 1.5);

}
