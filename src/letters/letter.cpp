#include "letters/letter.hpp"

#include "core/indonesian.hpp"
#include "letters/house_style.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace sopir {

using namespace letters_detail;

namespace {

    // The top of the footer: room for two lines of 8 pt above the bottom margin.
    double footer_top(PageSize page)
    {
        return page.height - k_margin_bottom - 2 * 8 * 1.3;
    }

    // A resolved text as Pango markup: its bold spans in <b>, the rest
    // escaped; {letter.number} becomes the number (blank until it is given).
    std::string markup(std::string_view resolved, std::string_view number = {})
    {
        std::string out;
        for (auto const& span : letter_spans(resolved, number))
            out += span.bold ? "<b>" + escape(span.text) + "</b>" : escape(span.text);
        return out;
    }

    std::string plain(std::string_view resolved)
    {
        std::string out;
        for (auto const& span : letter_spans(resolved))
            out += span.text;
        return out;
    }

    // A rows block: a ruled table, "No." then the template's columns, each
    // cell wrapping inside its column. Returns the y below it.
    double draw_rows(cairo_t* cr, LetterBlock const& block, std::string_view number, double left, double width, double y, double scale)
    {
        Style const cell { .family = k_serif, .size = 10 * scale, .align = Align::Left };
        double const pad = 3;
        double const number_width = 24 * scale;
        std::size_t const columns = std::max<std::size_t>(block.headings.size(), 1);
        double const column_width = (width - number_width) / static_cast<double>(columns);
        auto draw_row = [&](std::vector<std::string> const& cells, std::string const& first, bool bold) {
            auto text = [&](std::string const& raw) { return bold ? "<b>" + plain(raw) + "</b>" : markup(raw, number); };
            double height = measure_markup(cr, number_width - 2 * pad, bold ? "<b>" + escape(first) + "</b>" : escape(first), cell);
            for (std::size_t i = 0; i < cells.size() && i < columns; ++i)
                height = std::max(height, measure_markup(cr, column_width - 2 * pad, text(cells[i]), cell));
            height += 2 * pad;
            draw_markup(cr, left + pad, y + pad, number_width - 2 * pad, bold ? "<b>" + escape(first) + "</b>" : escape(first), cell);
            for (std::size_t i = 0; i < cells.size() && i < columns; ++i)
                draw_markup(cr, left + number_width + column_width * static_cast<double>(i) + pad, y + pad, column_width - 2 * pad,
                    text(cells[i]), cell);
            cairo_set_line_width(cr, 0.5);
            cairo_rectangle(cr, left, y, number_width, height);
            for (std::size_t i = 0; i < columns; ++i)
                cairo_rectangle(cr, left + number_width + column_width * static_cast<double>(i), y, column_width, height);
            cairo_stroke(cr);
            y += height;
        };
        draw_row(block.headings, "No.", true);
        for (std::size_t i = 0; i < block.rows.size(); ++i)
            draw_row(block.rows[i], std::to_string(i + 1) + ".", false);
        return y;
    }

    // A list block: each item numbered, wrapping under its own text.
    double draw_list(cairo_t* cr, LetterBlock const& block, std::string_view number, double left, double width, double y, Style style)
    {
        double const indent = 24 * style.size / 12;
        for (std::size_t i = 0; i < block.items.size(); ++i) {
            double const used = draw_markup(cr, left + indent, y, width - indent, markup(block.items[i], number), style);
            draw_markup(cr, left, y, indent, std::to_string(i + 1) + ".", { .family = style.family, .size = style.size, .align = Align::Left });
            y += used;
        }
        return y;
    }

    // One block of the body; returns the y below it (before the gap).
    double draw_block(cairo_t* cr, LetterBlock const& block, std::string_view number, double left, double width, double y, double scale)
    {
        Style const body { .family = k_serif, .size = 12 * scale, .align = Align::Left };
        Style const paragraph { .family = k_serif, .size = 12 * scale, .align = Align::Justify };
        switch (block.kind) {
        case LetterBlock::Kind::Paragraph: {
            if (block.qr.empty())
                return y + draw_markup(cr, left, y, width, markup(block.text, number), paragraph);
            // The text beside its QR code (the WhatsApp number, so the
            // applicant can ask with one scan).
            double const qr_size = 56;
            double const used = draw_markup(cr, left, y, width - qr_size - 12, markup(block.text, number), paragraph);
            draw_qr(cr, left + width - qr_size, y, qr_size, block.qr);
            return y + std::max(used, qr_size);
        }
        case LetterBlock::Kind::Table: {
            std::vector<Particular> rows;
            for (auto const& [label, value] : block.table)
                rows.push_back({ plain(label), markup(value, number) });
            return draw_particulars(cr, rows, left, width, y, body);
        }
        case LetterBlock::Kind::Rows:
            return draw_rows(cr, block, number, left, width, y, scale);
        case LetterBlock::Kind::List:
            return draw_list(cr, block, number, left, width, y, paragraph);
        }
        return y;
    }

    // Everything above the footer, with every font size and gap times `scale`;
    // returns the y below the last line.
    double draw_body(cairo_t* cr, LetterContent const& letter, PageSize page, double scale)
    {
        double const left = k_margin_left;
        double const width = page.width - k_margin_left - k_margin_right;
        Style const body { .family = k_serif, .size = 12 * scale, .align = Align::Left };
        double const gap = 8 * scale;

        double y = draw_kop(cr, letter.office, left, width, k_margin_top);
        y += 14;

        y += draw_markup(cr, left, y, width, "<b><u>" + markup(letter.title) + "</u></b>", { .family = k_serif, .size = 13 * scale, .align = Align::Center });
        if (!letter.subtitle.empty())
            y += draw_markup(cr, left, y, width, "<b>" + markup(letter.subtitle) + "</b>", { .family = k_serif, .size = 12 * scale, .align = Align::Center });
        // Until pengarsipan the number is left blank, as on a paper letter.
        std::string const number = letter.number.empty() ? std::string(40, '.') : letter.number;
        y += draw_markup(cr, left, y, width, "Nomor: " + escape(number), { .family = k_serif, .size = 12 * scale, .align = Align::Center });
        y += 14;

        // Blocks are a gap apart; the last stands 18 points above the
        // signature block.
        for (std::size_t i = 0; i < letter.body.size(); ++i)
            y = draw_block(cr, letter.body[i], number, left, width, y, scale) + (i + 1 == letter.body.size() ? 18 : gap);

        // The signature block on the right half; the verification QR code
        // stands in the space of the wet signature, as on letters signed
        // electronically.
        double const sign_x = left + width * 0.5;
        double const sign_width = width * 0.5;
        y += draw_markup(cr, sign_x, y, sign_width, escape(format_place_date(letter.office.place_name, letter.letter_date)), body);
        y += draw_markup(cr, sign_x, y, sign_width, "<b>" + escape(letter.signer.title) + "</b>", body) + 6;
        double const qr_size = 64;
        if (!letter.verification_url.empty())
            draw_qr(cr, sign_x, y, qr_size, letter.verification_url);
        // The section head's paraf stands beside the signature: the mark that
        // the draft was checked before the signer signed it.
        if (!letter.paraf.empty()) {
            double const box = 34;
            double const box_x = sign_x - box - 14;
            double const box_y = y + (qr_size - box) / 2;
            cairo_set_line_width(cr, 0.5);
            cairo_rectangle(cr, box_x, box_y, box, box);
            cairo_stroke(cr);
            draw_markup(cr, box_x, box_y + 9, box, "<i>" + escape(letter.paraf) + "</i>",
                { .family = k_serif, .size = 10 * scale, .align = Align::Center });
        }
        y += qr_size + 6;
        y += draw_markup(cr, sign_x, y, sign_width, "<b><u>" + escape(letter.signer.name) + "</u></b>", body);
        if (!letter.signer.pangkat_golongan.empty())
            y += draw_markup(cr, sign_x, y, sign_width, escape(letter.signer.pangkat_golongan), body);
        if (!letter.signer.nip.empty())
            draw_markup(cr, sign_x, y, sign_width, "NIP. " + escape(letter.signer.nip), body);

        return y;
    }

    // The footer, at the foot of the page whatever the body's length.
    void draw_footer(cairo_t* cr, LetterContent const& letter, PageSize page)
    {
        double const left = k_margin_left;
        double const width = page.width - k_margin_left - k_margin_right;
        if (!letter.verification_url.empty()) {
            Style const note { .family = k_sans, .size = 8, .align = Align::Left };
            std::string const text = "Surat ini ditandatangani secara elektronik dan dapat diperiksa di "
                + escape(letter.verification_url);
            double const footer_y = footer_top(page);
            draw_line(cr, left, footer_y - 3, left + width, 0.5);
            draw_markup(cr, left, footer_y, width, "<i>" + text + "</i>", note);
        }
    }

}

std::string signer_title(SignerStanding standing, std::string_view role_title, std::string_view office_name, std::string_view own_role_title)
{
    std::string title = upper_ascii(role_title) + " " + upper_ascii(office_name);
    switch (standing) {
    case SignerStanding::Plt:
        return "Plt. " + title;
    case SignerStanding::Plh:
        return "Plh. " + title;
    case SignerStanding::OnBehalf:
        return "a.n. " + title + (own_role_title.empty() ? std::string() : "\n" + std::string(own_role_title));
    case SignerStanding::Holder:
        break;
    }
    return title;
}

std::string camat_title(Acting acting, std::string_view office_name)
{
    auto const standing = acting == Acting::Plt ? SignerStanding::Plt : acting == Acting::Plh ? SignerStanding::Plh : SignerStanding::Holder;
    return signer_title(standing, "Camat", office_name);
}

namespace {

    // The whole page: the marks of an archive or draft copy, the body at
    // the scale that fits it above the footer, and the footer.
    void draw_letter(cairo_t* cr, LetterContent const& letter, PageSize page)
    {
        // A long name and a long address shrink the letter, down to 75 %,
        // rather than push the signature off the page.
        double const scale = fitting_scale(
            [&](cairo_t* measuring, double trial) { return draw_body(measuring, letter, page, trial); }, footer_top(page) - 12);
        std::string_view const mark = letter.copy == LetterCopy::Archive ? "ARSIP" : letter.copy == LetterCopy::Draft ? "KONSEP" : "";
        if (!mark.empty())
            draw_archive_watermark(cr, page, mark);
        draw_body(cr, letter, page, scale);
        draw_footer(cr, letter, page);
        if (!mark.empty())
            draw_archive_box(cr, page, mark);
    }

}

std::string render_letter_pdf(LetterContent const& letter)
{
    auto const page = page_size(letter.paper_size);
    // The creation date is the letter's own date, not the clock's, so the
    // same letter renders to the same bytes.
    std::string title = plain(letter.title);
    if (!letter.subtitle.empty())
        title += " " + plain(letter.subtitle);
    PdfDocument pdf(page, title, to_iso(letter.letter_date) + "T00:00:00");
    draw_letter(pdf.cr(), letter, page);
    return pdf.finish();
}

std::string render_letter_png(LetterContent const& letter, double pixels_per_point)
{
    auto const page = page_size(letter.paper_size);
    return render_png(page, pixels_per_point, [&](cairo_t* cr) { draw_letter(cr, letter, page); });
}

}
