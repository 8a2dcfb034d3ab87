#pragma once
// The Surat Keterangan telah melakukan Perekaman KTP-el as a PDF.
// The renderer takes plain data, already worded and formatted for print, and
// returns the bytes of the PDF: no storage, no clock. The same content always
// gives the same bytes, so a sealed letter can be printed again unchanged.

#include "core/date.hpp"
#include "core/model.hpp"

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

struct LetterSigner {
    std::string title;            // "CAMAT CANDI LARAS UTARA", "Plt. CAMAT CANDI LARAS UTARA"
    std::string name;             // With titles: "H. AHMAD RIFANI, S.Sos., M.AP"
    std::string pangkat_golongan; // "Pembina Tingkat I (IV/b)"
    std::string nip;              // Formatted: "19690312 199211 1 001"
};

// The office keeps a copy of every letter it issues; the archive copy says so
// on its face, so it cannot pass for the one handed to the applicant.
enum class LetterCopy {
    Original,
    Archive,
};

struct LetterContent {
    LetterOffice office;
    std::string number; // From the letter register; empty until pengarsipan, printed as a blank line.
    LetterApplicant applicant;
    Date recording_date; // The day of the KTP-el recording at the office.
    Date letter_date;    // The day of signing, on the place-and-date line.
    // The sentence saying what the letter is for, printed as its own paragraph.
    std::string purpose;
    std::string disdukcapil_whatsapp; // As printed: "0812-5000-1234"; also a wa.me QR code.
    LetterSigner signer;
    std::string paraf;            // The section head's initials; empty for none.
    std::string verification_url; // Printed and encoded in the verification QR code.
    PaperSize paper_size { PaperSize::A4 };
    LetterCopy copy { LetterCopy::Original }; // Archive: marked "ARSIP", otherwise the same.
};

// "CAMAT CANDI LARAS UTARA", or with "Plt. "/"Plh. " before it for an acting
// signer (Permendagri 1/2023 on tata naskah dinas).
std::string camat_title(Acting, std::string_view office_name);

// "6281250001234" from "0812-5000-1234" or "+62 812 5000 1234": the form
// wa.me links need (country code, digits only).
std::string whatsapp_international(std::string_view number);

// The PDF bytes of the letter, one page. Throws std::runtime_error only when
// cairo itself fails (out of memory).
std::string render_surat_keterangan_pdf(LetterContent const&);

}
