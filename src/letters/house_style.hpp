#pragma once
// The house style every printed page of the office shares: paper sizes and
// margins, the Liberation fonts, the kop surat, wrapped text, QR codes, the
// ARSIP mark, and a PDF surface whose bytes depend only on what is drawn.
// Internal to src/letters: the Surat Keterangan (letter.cpp) and the other
// printouts (printouts.cpp) draw with these, so they look like one office's
// papers.

#include "core/model.hpp"
#include "letters/letter.hpp"

#include <cairo.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sopir::letters_detail {

// Points per millimetre: PDF user space is 1/72 inch.
constexpr double k_mm = 72.0 / 25.4;

// Permendagri 1/2023 leaves the margins to the office; these are the usual
// ones of a kecamatan letter: wider on the binding side.
constexpr double k_margin_left = 25 * k_mm;
constexpr double k_margin_right = 20 * k_mm;
constexpr double k_margin_top = 12 * k_mm;
constexpr double k_margin_bottom = 15 * k_mm;

constexpr char const* k_serif = "Liberation Serif";
constexpr char const* k_sans = "Liberation Sans";

struct PageSize {
    double width;
    double height;
};

PageSize page_size(PaperSize);
// The same sheet turned sideways, for the wide tables of the registers.
PageSize landscape(PageSize);

std::string upper_ascii(std::string_view);

// Pango markup needs the data escaped; names like "SITI & ANI" must print as given.
std::string escape(std::string_view);

enum class Align {
    Left,
    Center,
    Right,
    Justify,
};

struct Style {
    char const* family { k_serif };
    double size { 12 };
    Align align { Align::Left };
};

// Lays out markup in a box `width` wide at (x, y) and draws it; returns the
// height used. Every run of text goes through here, so every line wraps
// inside its box and nothing runs past the margins; a word longer than the
// box (a long unbroken name) is broken between characters.
double draw_markup(cairo_t*, double x, double y, double width, std::string const& markup, Style);

// The height draw_markup would use, without drawing anything.
double measure_markup(cairo_t*, double width, std::string const& markup, Style);

// Draws `text` as a QR code `size` points square with its top-left at (x, y):
// one filled rectangle per dark module, so it stays sharp at any zoom.
void draw_qr(cairo_t*, double x, double y, double size, std::string const& text);

void draw_line(cairo_t*, double x0, double y, double x1, double line_width);

struct Particular {
    std::string label; // Plain text.
    std::string value; // Markup.
};

// Particulars as a letter prints them: label, colon, value, each value
// wrapping in its own column. Returns the y below the last one.
double draw_particulars(cairo_t*, std::vector<Particular> const&, double left, double width, double y, Style);

enum class KopSize {
    Full,    // Letters: the office's full letterhead.
    Compact, // Receipts, slips and registers: the same lines, smaller.
};

// The kop surat: the government and office names centred, the address, and
// the double rule (thick over thin) below. Returns the y below the rule.
// With the office's logo, the logo stands at the left, about 25 mm tall
// (15 mm on the compact kop), centred on the lines of text, which stay
// centred on the text width (Permendagri 1/2023: logo left, text centred);
// a logo that does not decode is left out.
double draw_kop(cairo_t*, LetterOffice const&, double left, double width, double y, KopSize = KopSize::Full);

// The archive copy's marks: a light diagonal "ARSIP" across the page, drawn
// before the content so the content prints over it, and a boxed "ARSIP" in
// the top margin at the right, drawn after.
// The same marks carry another word for a draft ("KONSEP").
void draw_archive_watermark(cairo_t*, PageSize, std::string_view word = "ARSIP");
void draw_archive_box(cairo_t*, PageSize, std::string_view word = "ARSIP");

// The foot of a page of a printout that runs onto several pages: `note`
// (plain text: what the printout is and whose) at the left, "Halaman N dari
// M" at the right, in the bottom margin's last line.
constexpr double k_page_footer_height = 8 * 1.3 + 6; // The footer's line and the gap above it.
void draw_page_footer(cairo_t*, PageSize, std::string const& note, std::size_t number, std::size_t count);

// Pango takes hinting from the target; turning it off keeps the line breaks
// of a measuring pass and of the PDF the same.
void set_unhinted(cairo_t*);

// Runs `draw` on a recording surface, so nothing of it reaches the PDF, and
// returns what it returns (the y below the last line). For measuring a page
// before drawing it for real.
double measure_drawing(std::function<double(cairo_t*)> const& draw);

// The largest scale from 1 down to `smallest`, in steps of 5 %, at which
// `draw_body(cr, scale)` ends at or above `bottom`: long names and addresses
// shrink a one-page printout rather than push its end off the page.
double fitting_scale(std::function<double(cairo_t*, double scale)> const& draw_body, double bottom, double smallest = 0.75);

// An SVG picture `size` large, as `draw` draws it (black, unhinted), for a
// drawing a web page shows: the same code as the PDF's, another surface.
std::string render_svg(PageSize size, std::function<void(cairo_t*)> const& draw);

// A PNG picture of one page, `pixels_per_point` pixels for each point of
// the page, on white, as `draw` draws it (black, unhinted): a page shown on
// a screen, where a PDF cannot be embedded (a phone, a strict
// Content-Security-Policy). Throws std::runtime_error when cairo fails.
std::string render_png(PageSize size, double pixels_per_point, std::function<void(cairo_t*)> const& draw);

// A PDF written into memory. The creation and modification dates are the
// document's own (`created`, "YYYY-MM-DDTHH:MM:SS"), never the clock's, so
// the same content renders to the same bytes; an empty `created` leaves the
// dates out, for printouts whose content carries no date of its own.
class PdfDocument {
public:
    PdfDocument(PageSize, std::string const& title, std::string const& created);
    PdfDocument(PdfDocument const&) = delete;
    PdfDocument& operator=(PdfDocument const&) = delete;

    // The drawing context: black, unhinted.
    cairo_t* cr() { return m_cr.get(); }
    void next_page();
    // Starts the next page at another size: the printed SOP turns from its
    // portrait identity sheet to its landscape flowchart.
    void next_page(PageSize);
    // The bytes of the finished PDF. Throws std::runtime_error when cairo
    // failed (out of memory).
    std::string finish();

private:
    // Declared first: the surface writes into it until finish().
    std::string m_pdf;
    std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> m_surface;
    std::unique_ptr<cairo_t, void (*)(cairo_t*)> m_cr;
};

}
