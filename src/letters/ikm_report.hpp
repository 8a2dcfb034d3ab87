#pragma once
// The satisfaction survey's report as a PDF (Permenpan RB 14/2017): the
// index of a service (or of all) for an office or a kabupaten and a period,
// with the respondents, the NRR of each element, the grade and the sample
// check. Like the other printouts it takes plain data, already worded and
// formatted for print, and returns the bytes of a PDF.

#include "core/model.hpp"
#include "letters/letter.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sopir {

struct IkmElementRow {
    std::string code;     // "U1"
    std::string title;    // "Persyaratan"
    std::string answered; // "12"
    std::string nrr;      // "3,25", or "—" when nobody answered
};

struct IkmOfficeRow {
    std::string name;
    std::string respondents;
    std::string ikm;   // "84,72" or "—"
    std::string grade; // "B (Baik)" or "—"
};

struct IkmReportContent {
    // The office's kop; for a kabupaten, `scope_label` heads the page instead.
    std::optional<LetterOffice> office;
    std::string scope_label; // "Kecamatan Candi Laras Utara" / "Kabupaten Tapin"
    std::string service;     // "Perekaman E-KTP" / "Semua layanan"
    std::string period;      // "November 2026"
    std::string printed_at;
    std::string respondents;
    std::string applicants;
    std::string ikm;   // "84,72" or "—"
    std::string grade; // "B (Baik)" or "belum dapat dihitung"
    // What the reader must know: too few respondents, elements unanswered.
    std::vector<std::string> notes;
    std::vector<IkmElementRow> elements;
    std::vector<IkmOfficeRow> offices; // Kabupaten only.
    PaperSize paper_size { PaperSize::A4 };
};

// Portrait pages; every page ends with "Halaman N dari M".
// Throws std::runtime_error only when cairo itself fails.
std::string render_ikm_report_pdf(IkmReportContent const&);

}
