#pragma once
// The SOP as the office prints, signs and posts it (Permenpan RB 35/2012,
// "SOP AP"), drawn from its definition in the house style of the office's
// letters: the identity sheet (the kop; Nomor SOP, dates, Disahkan Oleh,
// Nama SOP; Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan, Peralatan dan
// Perlengkapan, Peringatan, Pencatatan dan Pendataan in two columns), then
// the flowchart: a row per step, a column per pelaksana with the step's
// symbol in it, arrows between them, the Mutu Baku and the total time.
// Like the other printouts it takes plain data and returns bytes: no
// storage, no clock; the same definition always gives the same bytes.

#include "core/model.hpp"
#include "core/sop.hpp"
#include "letters/letter.hpp"

#include <string>

namespace sopir {

struct SopPrintContent {
    SopDefinition const& definition;
    // The kop. An office without a name (a definition printed with no
    // database) gets a heading from the definition's [meta] office instead.
    LetterOffice office;
    PaperSize paper_size { PaperSize::A4 };
};

// The identity sheet on portrait pages, then the flowchart on landscape
// pages of the same paper; long lists and long charts run onto further
// pages (the chart ends and resumes at off-page connectors lettered A, B,
// …), and every page ends with "Halaman N dari M". Throws
// std::runtime_error only when cairo itself fails (out of memory).
std::string render_sop_pdf(SopPrintContent const&);

// The flowchart alone as one SVG picture, never broken into pages, for the
// service's public page.
std::string render_sop_flowchart_svg(SopDefinition const&);

}
