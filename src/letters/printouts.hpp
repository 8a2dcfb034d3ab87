#pragma once
// The office's other printouts, in the house style of the Surat Keterangan:
// the tanda terima given at intake, the slip that goes
// with a file handed back, and the pages of a register or buku agenda.
// Like the letter, each renderer takes plain data, already worded and
// formatted for print, and returns the bytes of a PDF: no storage, no clock,
// and the same content always gives the same bytes.

#include "core/model.hpp"
#include "letters/letter.hpp"

#include <string>
#include <utility>
#include <vector>

namespace sopir {

// The tanda terima berkas, given to the applicant at intake. One page.
struct ReceiptContent {
    LetterOffice office;
    // The nomor permohonan (the case's id): with the PIN, what the applicant
    // checks the status with before there is a registration number.
    std::string case_number;
    std::string registration_number; // Empty while the file is not yet accepted; then left out.
    std::string service_title;       // The definition's title.
    // The labels of the subject's name and NIK, as the service's form gives them.
    std::string name_label { "Nama" };
    std::string nik_label { "NIK" };
    std::string name;
    std::string nik_masked;  // Already masked: "630506********01".
    std::string received_at; // Already formatted: "Rabu, 25 November 2026 pukul 09.14 WITA".
    // Each document of the SOP's checklist and whether it was handed in;
    // printed as "Ada" / "Tidak ada".
    std::vector<std::pair<std::string, bool>> documents;
    std::string received_by; // The officer's name.
    bool filed_online { false }; // Filed by the applicant: no officer signs for it.
    std::string status_url;  // The status page; printed, and as a QR code with the number filled in.
    // The status check's PIN (6 digits), issued by this printing.
    std::string status_pin;
    // The case's satisfaction survey (Permenpan RB 14/2017), printed as a
    // QR code to scan after handover; left out when empty.
    std::string survey_url;
    int standard_minutes { 29 };
    PaperSize paper_size { PaperSize::A4 };
};

// Throws std::runtime_error only when cairo itself fails (out of memory).
std::string render_receipt_pdf(ReceiptContent const&);

// The slip pengembalian berkas: why a file was handed back. One page.
struct ReturnSlipContent {
    LetterOffice office;
    std::string registration_number; // May be empty; printed as "-".
    std::string service_title;       // The definition's title; the line is left out when empty.
    std::string name_label { "Nama" };
    std::string nik_label { "NIK" };
    std::string name;
    std::string nik_masked;
    std::string returned_at; // Formatted like ReceiptContent::received_at.
    // Human labels ("Tidak membawa surat pengantar RT/RW"), one numbered line each.
    std::vector<std::string> reasons;
    std::string note; // Free text from the officer; may be empty.
    std::string returned_by;
    PaperSize paper_size { PaperSize::A4 };
};

std::string render_return_slip_pdf(ReturnSlipContent const&);

struct RegisterRow {
    std::string number;
    std::string date;
    std::string name;
    std::string nik;
    std::string village;
    std::string note;
};

// The pages of a register (of registrations, or the buku agenda of letters)
// for a date range.
struct RegisterPages {
    LetterOffice office;
    std::string title;          // The register's printed title, from its definition.
    std::string period;         // "1 November 2026 s.d. 30 November 2026"
    std::string number_heading; // "Nomor Register" / "Nomor Surat"
    std::vector<RegisterRow> rows;
    PaperSize paper_size { PaperSize::A4 };
};

// Landscape pages with a table (No., number, date, name, NIK, village,
// note): the header row repeats on every page, long cells wrap inside their
// column, a row never splits across pages, and every page ends with
// "Halaman N dari M". An empty register prints one page saying
// "Tidak ada entri pada periode ini."
std::string render_register_pdf(RegisterPages const&);

}
