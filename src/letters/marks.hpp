#pragma once
// A service's marks as a PDF (a letter whose output is marks: the
// legalisation mark "Telah dilegalisir sesuai dengan aslinya" on each
// photocopy). Each copy's mark carries the mark's text, the letter's number
// with the copy's index, the place and date, the signer's block and a QR
// code that opens the copy's own verification page. Printed either one
// mark a page at a chosen corner, so that the applicant's photocopy is fed
// through the printer and the mark lands on it, or as a sheet of labels,
// several marks a page, to be cut and stuck on. Pure: the same content and
// sheet always give the same bytes.

#include "core/model.hpp"
#include "letters/letter.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace sopir {

enum class MarkCorner { TopLeft, TopRight, BottomLeft, BottomRight };
enum class MarkLayout { Corner, Labels };

// "top-left", "top-right", "bottom-left", "bottom-right" (the API's words)
// and the Indonesian "kiri-atas", "kanan-atas", "kiri-bawah", "kanan-bawah".
std::optional<MarkCorner> parse_mark_corner(std::string_view);
std::string_view to_string(MarkCorner);

struct MarkSheet {
    MarkLayout layout { MarkLayout::Labels };
    MarkCorner corner { MarkCorner::BottomRight }; // Corner layout only.
    PaperSize paper { PaperSize::A4 };
};

// The gap between the mark and the paper's edges in the corner layout, and
// the size of a mark; the labels are laid in a grid of such boxes.
inline constexpr double k_mark_edge_mm = 10;
inline constexpr double k_mark_width_mm = 85;

// How many labels one page of the sheet holds on that paper (A4 and F4:
// two columns of five).
int marks_per_label_page(PaperSize);

// The verification address of copy `copy` (1-based) of a letter whose own
// address is `letter_url`: the letter's address and the copy's index.
std::string mark_verification_url(std::string_view letter_url, int copy);

// The marks of every copy of `content` (which must carry a mark): one page
// a copy in the corner layout; ceil(copies / marks_per_label_page) pages of
// labels. An archive or draft copy is marked ARSIP or KONSEP across each
// page. Throws std::runtime_error only when cairo fails.
std::string render_marks_pdf(LetterContent const&, MarkSheet const&);

// The sheet's first page as a PNG picture, `pixels_per_point` pixels for
// each point: the draft a case page shows.
std::string render_marks_png(LetterContent const&, MarkSheet const&, double pixels_per_point = 1.5);

}
