#pragma once
// The monthly recap of a service as a PDF: the figures of
// core/report.hpp for one office, or for every office of a kabupaten, with
// tables and two charts drawn as vectors. Like the other printouts it takes
// plain data, already worded and formatted for print, and returns the bytes
// of a PDF: no storage, no clock, and the same content always gives the same
// bytes.

#include "core/model.hpp"
#include "core/report.hpp"
#include "core/sop.hpp"
#include "letters/letter.hpp"

#include <map>
#include <string>
#include <vector>

namespace sopir {

enum class RecapScope {
    Office,  // One kecamatan, under its own kop.
    Regency, // Every office of a kabupaten, under the kabupaten's kop, with a row per office.
};

// One office's figures in a kabupaten recap.
struct RecapOfficeRow {
    std::string name; // "Candi Laras Utara"
    ReportSummary summary;
};

struct RecapContent {
    RecapScope scope { RecapScope::Office };
    // Office: the office, whose kop (with its logo) heads the first page.
    // Regency: the kabupaten's regency, address and postal code; `name` is
    // unused, and so for now is the logo (see draw_regency_kop).
    LetterOffice office;
    // Regency only: the line of the kop under "PEMERINTAH KABUPATEN …", the
    // unit that issues the recap ("SEKRETARIAT DAERAH"); none when empty.
    std::string unit;
    std::string title;      // "REKAPITULASI KINERJA LAYANAN PEREKAMAN E-KTP"
    std::string period;     // "November 2026", "1 s.d. 25 November 2026"
    std::string printed_at; // Already formatted: "25 November 2026 pukul 14.03 WITA".
    // The service: step titles and reason labels. When null, steps and
    // reasons print by their ids.
    SopDefinition const* definition { nullptr };
    ReportSummary total; // The figures of the whole scope.
    // Regency only: one row per office, in the order to print them.
    std::vector<RecapOfficeRow> offices;
    // The officers' names for the officer table; an officer missing here is
    // printed as "Pengguna #<id>".
    std::map<Id, std::string> officer_names;
    // The period's satisfaction index (Permenpan RB 14/2017) as one
    // sentence, already worded ("IKM 84,72, mutu B (Baik), dari 12
    // responden." or "Belum ada responden."); its section is left out when
    // empty.
    std::string satisfaction;
    PaperSize paper_size { PaperSize::A4 };
};

// Portrait pages: the headline figures; per step the visits, median, 90th
// percentile and share on time against the standard, in a table and in two
// bar charts that read without colour (patterns, outlines, every bar
// labelled, a legend in words); the working time per case against the SOP's
// total standard; returns by reason; outages and held time; the offices
// (regency only); the officers. Tables run onto further pages with their
// header repeated, and every page ends with "Halaman N dari M". A period
// without a case says so ("Belum ada permohonan pada periode ini.").
// Throws std::runtime_error only when cairo itself fails (out of memory).
std::string render_recap_pdf(RecapContent const&);

}
