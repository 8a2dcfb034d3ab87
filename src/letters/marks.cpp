#include "letters/marks.hpp"

#include "core/indonesian.hpp"
#include "letters/house_style.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace sopir {

using namespace letters_detail;

namespace {

    constexpr double k_padding = 3 * k_mm;
    constexpr double k_label_gap = 5 * k_mm;
    constexpr double k_qr_size = 20 * k_mm;
    // Labels are laid in boxes this tall; a mark is drawn within it.
    constexpr double k_label_height = 50 * k_mm;

    // A resolved text (bold spans between **) as Pango markup.
    std::string markup(std::string_view resolved)
    {
        std::string out;
        for (auto const& span : letter_spans(resolved))
            out += span.bold ? "<b>" + escape(span.text) + "</b>" : escape(span.text);
        return out;
    }

    // One copy's mark with its top-left at (x, y): a ruled box with the
    // mark's text, the number and the copy, then the QR code beside the
    // place and date and the signer's block, and the verification address
    // under them. Returns the box's height.
    double draw_mark(cairo_t* cr, LetterContent const& letter, int copy, double x, double y)
    {
        LetterMark const& mark = *letter.mark;
        double const width = k_mark_width_mm * k_mm;
        double const inner = width - 2 * k_padding;
        Style const heading { .family = k_sans, .size = 9, .align = Align::Center };
        Style const line { .family = k_serif, .size = 8.5, .align = Align::Center };
        Style const signer { .family = k_serif, .size = 8.5, .align = Align::Left };
        double at = y + k_padding;
        at += draw_markup(cr, x + k_padding, at, inner, "<b>" + markup(mark.text) + "</b>", heading);
        // Until the letter is numbered (a preview) the number is a blank
        // line, as on paper.
        std::string const number = letter.number.empty() ? std::string(30, '.') : letter.number;
        at += draw_markup(cr, x + k_padding, at, inner, "Nomor: " + escape(number), line);
        at += draw_markup(cr, x + k_padding, at, inner,
            "Salinan ke-" + std::to_string(copy) + " dari " + std::to_string(mark.copies), line);
        at += 2;

        std::string const url = letter.verification_url.empty() ? std::string() : mark_verification_url(letter.verification_url, copy);
        if (!url.empty())
            draw_qr(cr, x + k_padding, at, k_qr_size, url);
        double const text_x = x + k_padding + k_qr_size + 3 * k_mm;
        double const text_width = x + width - k_padding - text_x;
        double right = at;
        right += draw_markup(cr, text_x, right, text_width, escape(format_place_date(letter.office.place_name, letter.letter_date)), signer);
        right += draw_markup(cr, text_x, right, text_width, "<b>" + escape(letter.signer.title) + "</b>", signer);
        right += 14; // The space of the wet signature and the stamp.
        right += draw_markup(cr, text_x, right, text_width, "<b><u>" + escape(letter.signer.name) + "</u></b>", signer);
        if (!letter.signer.nip.empty())
            right += draw_markup(cr, text_x, right, text_width, "NIP. " + escape(letter.signer.nip), signer);
        at = std::max(at + k_qr_size, right) + 2;
        if (!url.empty())
            at += draw_markup(cr, x + k_padding, at, inner, "<i>Periksa keaslian: " + escape(url) + "</i>",
                { .family = k_sans, .size = 5.5, .align = Align::Left });
        double const height = at + k_padding - y;
        cairo_set_line_width(cr, 0.75);
        cairo_rectangle(cr, x, y, width, height);
        cairo_stroke(cr);
        return height;
    }

    // The PDF's title: the letter's title and subtitle, without marks.
    std::string plain_title(LetterContent const& letter)
    {
        auto plain = [](std::string const& text) {
            std::string out;
            for (auto const& span : letter_spans(text))
                out += span.text;
            return out;
        };
        std::string title = plain(letter.title);
        if (!letter.subtitle.empty())
            title += " " + plain(letter.subtitle);
        return title;
    }

    std::string_view copy_word(LetterCopy copy)
    {
        return copy == LetterCopy::Archive ? "ARSIP" : copy == LetterCopy::Draft ? "KONSEP" : "";
    }

    struct Grid {
        int columns { 1 };
        int rows { 1 };
    };

    Grid label_grid(PageSize page)
    {
        double const width = k_mark_width_mm * k_mm;
        double const edge = k_mark_edge_mm * k_mm;
        int const columns = static_cast<int>((page.width - 2 * edge + k_label_gap) / (width + k_label_gap));
        int const rows = static_cast<int>((page.height - 2 * edge + k_label_gap) / (k_label_height + k_label_gap));
        return { std::max(columns, 1), std::max(rows, 1) };
    }

    // The top-left of a mark `height` tall at `corner`, k_mark_edge_mm from
    // the two edges that meet there.
    std::pair<double, double> corner_origin(PageSize page, MarkCorner corner, double height)
    {
        double const edge = k_mark_edge_mm * k_mm;
        double const width = k_mark_width_mm * k_mm;
        bool const left = corner == MarkCorner::TopLeft || corner == MarkCorner::BottomLeft;
        bool const top = corner == MarkCorner::TopLeft || corner == MarkCorner::TopRight;
        return { left ? edge : page.width - edge - width, top ? edge : page.height - edge - height };
    }

}

std::optional<MarkCorner> parse_mark_corner(std::string_view text)
{
    if (text == "top-left" || text == "kiri-atas")
        return MarkCorner::TopLeft;
    if (text == "top-right" || text == "kanan-atas")
        return MarkCorner::TopRight;
    if (text == "bottom-left" || text == "kiri-bawah")
        return MarkCorner::BottomLeft;
    if (text == "bottom-right" || text == "kanan-bawah")
        return MarkCorner::BottomRight;
    return std::nullopt;
}

std::string_view to_string(MarkCorner corner)
{
    switch (corner) {
    case MarkCorner::TopLeft:
        return "top-left";
    case MarkCorner::TopRight:
        return "top-right";
    case MarkCorner::BottomLeft:
        return "bottom-left";
    case MarkCorner::BottomRight:
        break;
    }
    return "bottom-right";
}

int marks_per_label_page(PaperSize paper)
{
    auto const grid = label_grid(page_size(paper));
    return grid.columns * grid.rows;
}

std::string mark_verification_url(std::string_view letter_url, int copy)
{
    return std::string(letter_url) + "/" + std::to_string(copy);
}

namespace {

    // How many pages the sheet takes: one a copy at a corner, or as many
    // pages of labels as the copies fill.
    int sheet_pages(LetterContent const& letter, MarkSheet const& sheet, PageSize page)
    {
        int const copies = letter.mark->copies;
        if (sheet.layout == MarkLayout::Corner)
            return std::max(copies, 1);
        Grid const grid = label_grid(page);
        int const per_page = grid.columns * grid.rows;
        return std::max((copies + per_page - 1) / per_page, 1);
    }

    // Page `index` (0-based) of the sheet, with the ARSIP or KONSEP marks
    // of such a copy.
    void draw_sheet_page(cairo_t* cr, LetterContent const& letter, MarkSheet const& sheet, PageSize page, int index)
    {
        std::string_view const word = copy_word(letter.copy);
        if (!word.empty())
            draw_archive_watermark(cr, page, word);
        if (sheet.layout == MarkLayout::Corner) {
            int const copy = index + 1;
            // Measured first: a bottom corner needs the mark's height.
            double const height = measure_drawing([&](cairo_t* measuring) { return draw_mark(measuring, letter, copy, 0, 0); });
            auto const [x, y] = corner_origin(page, sheet.corner, height);
            draw_mark(cr, letter, copy, x, y);
        } else {
            Grid const grid = label_grid(page);
            int const per_page = grid.columns * grid.rows;
            double const edge = k_mark_edge_mm * k_mm;
            for (int slot = 0; slot < per_page; ++slot) {
                int const copy = index * per_page + slot + 1;
                if (copy > letter.mark->copies)
                    break;
                double const x = edge + (slot % grid.columns) * (k_mark_width_mm * k_mm + k_label_gap);
                double const y = edge + (slot / grid.columns) * (k_label_height + k_label_gap);
                draw_mark(cr, letter, copy, x, y);
            }
        }
        if (!word.empty())
            draw_archive_box(cr, page, word);
    }

}

std::string render_marks_pdf(LetterContent const& letter, MarkSheet const& sheet)
{
    if (!letter.mark)
        throw std::runtime_error("render_marks_pdf: the letter carries no mark");
    auto const page = page_size(sheet.paper);
    PdfDocument pdf(page, plain_title(letter), to_iso(letter.letter_date) + "T00:00:00");
    int const pages = sheet_pages(letter, sheet, page);
    for (int index = 0; index < pages; ++index) {
        if (index > 0)
            pdf.next_page();
        draw_sheet_page(pdf.cr(), letter, sheet, page, index);
    }
    return pdf.finish();
}

std::string render_marks_png(LetterContent const& letter, MarkSheet const& sheet, double pixels_per_point)
{
    if (!letter.mark)
        throw std::runtime_error("render_marks_png: the letter carries no mark");
    auto const page = page_size(sheet.paper);
    return render_png(page, pixels_per_point, [&](cairo_t* cr) { draw_sheet_page(cr, letter, sheet, page, 0); });
}

}
