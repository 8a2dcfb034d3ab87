#include "letters/letter.hpp"

#include "core/indonesian.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <stdexcept>
#include <vector>

namespace sopir {

namespace {

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

    PageSize page_size(PaperSize paper)
    {
        switch (paper) {
        case PaperSize::F4:
            return { 215 * k_mm, 330 * k_mm };
        case PaperSize::A4:
            break;
        }
        return { 210 * k_mm, 297 * k_mm };
    }

    std::string upper_ascii(std::string_view text)
    {
        std::string upper(text);
        for (auto& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return upper;
    }

    // Pango markup needs the data escaped; names like "SITI & ANI" must print as given.
    std::string escape(std::string_view text)
    {
        std::unique_ptr<gchar, decltype(&g_free)> escaped(
            g_markup_escape_text(text.data(), static_cast<gssize>(text.size())), &g_free);
        return escaped.get();
    }

    enum class Align { Left,
        Center,
        Right,
        Justify };

    struct Style {
        char const* family { k_serif };
        double size { 12 };
        Align align { Align::Left };
    };

    // Lays out markup in a box `width` wide at (x, y) and draws it; returns the
    // height used. Every run of text goes through here, so every line wraps
    // inside its box and nothing runs past the margins; a word longer than the
    // box (a long unbroken name) is broken between characters.
    double draw_markup(cairo_t* cr, double x, double y, double width, std::string const& markup, Style style)
    {
        std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr), &g_object_unref);
        std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> font(
            pango_font_description_new(), &pango_font_description_free);
        pango_font_description_set_family(font.get(), style.family);
        pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
        pango_layout_set_font_description(layout.get(), font.get());
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        switch (style.align) {
        case Align::Left:
            pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
            break;
        case Align::Center:
            pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
            break;
        case Align::Right:
            pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
            break;
        case Align::Justify:
            pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
            pango_layout_set_justify(layout.get(), TRUE);
            break;
        }
        pango_layout_set_markup(layout.get(), markup.c_str(), -1);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, layout.get());
        int height = 0;
        pango_layout_get_size(layout.get(), nullptr, &height);
        return static_cast<double>(height) / PANGO_SCALE;
    }

    // Draws `text` as a QR code `size` points square with its top-left at (x, y):
    // one filled rectangle per dark module, so it stays sharp at any zoom.
    void draw_qr(cairo_t* cr, double x, double y, double size, std::string const& text)
    {
        std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
            QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
        if (!code)
            throw std::runtime_error("QR code: " + text);
        double const module = size / code->width;
        for (int row = 0; row < code->width; ++row)
            for (int column = 0; column < code->width; ++column)
                if (code->data[row * code->width + column] & 1)
                    cairo_rectangle(cr, x + column * module, y + row * module, module, module);
        cairo_fill(cr);
    }

    void draw_line(cairo_t* cr, double x0, double y, double x1, double line_width)
    {
        cairo_set_line_width(cr, line_width);
        cairo_move_to(cr, x0, y);
        cairo_line_to(cr, x1, y);
        cairo_stroke(cr);
    }

    cairo_status_t append_to_string(void* closure, unsigned char const* data, unsigned int length)
    {
        static_cast<std::string*>(closure)->append(reinterpret_cast<char const*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    }

    // The kop surat: the government and office names centred, the address, and
    // the double rule (thick over thin) below. Returns the y below the rule.
    double draw_kop(cairo_t* cr, LetterOffice const& office, double left, double width, double y)
    {
        y += draw_markup(cr, left, y, width, "<b>PEMERINTAH " + escape(upper_ascii(office.regency)) + "</b>",
            { .family = k_sans, .size = 14, .align = Align::Center });
        y += draw_markup(cr, left, y, width, "<b>KANTOR CAMAT " + escape(upper_ascii(office.name)) + "</b>",
            { .family = k_sans, .size = 16, .align = Align::Center });
        std::string address = office.address;
        if (!office.postal_code.empty())
            address += (address.empty() ? "" : " ") + std::string("Kode Pos ") + office.postal_code;
        y += draw_markup(cr, left, y, width, escape(address), { .family = k_sans, .size = 10, .align = Align::Center });
        y += 4;
        draw_line(cr, left, y, left + width, 2.25);
        draw_line(cr, left, y + 3, left + width, 0.75);
        return y + 3;
    }

    struct Row {
        std::string label;
        std::string value; // Markup.
    };

    // The applicant's particulars: label, colon, value, each value wrapping in
    // its own column.
    double draw_table(cairo_t* cr, std::vector<Row> const& rows, double left, double width, double y, Style style)
    {
        double const label_x = left + 20;
        double const colon_x = left + 150;
        double const value_x = colon_x + 10;
        double const value_width = left + width - value_x;
        for (auto const& row : rows) {
            draw_markup(cr, label_x, y, colon_x - label_x, escape(row.label), style);
            draw_markup(cr, colon_x, y, 10, ":", style);
            y += draw_markup(cr, value_x, y, value_width, row.value, style) + 1;
        }
        return y;
    }

    // The top of the footer: room for two lines of 8 pt above the bottom margin.
    double footer_top(PageSize page)
    {
        return page.height - k_margin_bottom - 2 * 8 * 1.3;
    }

    // Everything above the footer, with every font size and gap times `scale`;
    // returns the y below the last line.
    double draw_body(cairo_t* cr, LetterContent const& letter, PageSize page, double scale)
    {
        double const left = k_margin_left;
        double const width = page.width - k_margin_left - k_margin_right;
        Style const body { .family = k_serif, .size = 12 * scale, .align = Align::Left };
        Style const paragraph { .family = k_serif, .size = 12 * scale, .align = Align::Justify };
        double const gap = 8 * scale;

        double y = draw_kop(cr, letter.office, left, width, k_margin_top);
        y += 14;

        y += draw_markup(cr, left, y, width, "<b><u>SURAT KETERANGAN</u></b>", { .family = k_serif, .size = 13 * scale, .align = Align::Center });
        y += draw_markup(cr, left, y, width, "<b>TELAH MELAKUKAN PEREKAMAN KTP-el</b>", { .family = k_serif, .size = 12 * scale, .align = Align::Center });
        // Until pengarsipan the number is left blank, as on a paper letter.
        std::string const number = letter.number.empty() ? std::string(40, '.') : escape(letter.number);
        y += draw_markup(cr, left, y, width, "Nomor: " + number, { .family = k_serif, .size = 12 * scale, .align = Align::Center });
        y += 14;

        y += draw_markup(cr, left, y, width, "Yang bertanda tangan di bawah ini menerangkan dengan sebenarnya bahwa:", paragraph) + gap;

        auto const& a = letter.applicant;
        std::string rt_rw = a.rt + "/" + a.rw;
        std::vector<Row> const rows {
            { "Nama", "<b>" + escape(a.name) + "</b>" },
            { "NIK", escape(a.nik) },
            { "Tempat/Tanggal Lahir", escape(a.birth_place + ", " + format_date_id(a.birth_date)) },
            { "Jenis Kelamin", escape(a.sex) },
            { "Agama", escape(a.religion) },
            { "Status Perkawinan", escape(a.marital_status) },
            { "Pekerjaan", escape(a.occupation) },
            { "Alamat", escape(a.address) },
            { "RT/RW", escape(rt_rw) },
            { "Desa/Kelurahan", escape(a.village) },
            { "Kecamatan", escape(a.kecamatan) },
        };
        y = draw_table(cr, rows, left, width, y, body) + gap;

        y += draw_markup(cr, left, y, width,
                 "Benar telah melakukan perekaman KTP-el di Kantor Camat " + escape(letter.office.name) + " "
                     + escape(letter.office.regency) + " pada tanggal " + escape(format_date_id(letter.recording_date))
                     + ", dan KTP-el yang bersangkutan dalam proses pencetakan.",
                 paragraph)
            + gap;
        if (!letter.purpose.empty())
            y += draw_markup(cr, left, y, width, escape(letter.purpose), paragraph) + gap;

        // The WhatsApp number beside its QR code, so the applicant can ask
        // Disdukcapil about the printing with one scan.
        if (!letter.disdukcapil_whatsapp.empty()) {
            double const qr_size = 56;
            double const text_width = width - qr_size - 12;
            double const used = draw_markup(cr, left, y, text_width,
                "Informasi pencetakan dan pengambilan KTP-el dapat ditanyakan kepada Dinas Kependudukan dan "
                "Pencatatan Sipil melalui WhatsApp <b>"
                    + escape(letter.disdukcapil_whatsapp) + "</b> (pindai kode QR di samping).",
                paragraph);
            draw_qr(cr, left + width - qr_size, y, qr_size,
                "https://wa.me/" + whatsapp_international(letter.disdukcapil_whatsapp));
            y += std::max(used, qr_size) + gap;
        }

        y += draw_markup(cr, left, y, width,
                 "Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.", paragraph)
            + 18;

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
        // the draft was checked before the camat signed it.
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

    // Pango takes hinting from the target; turning it off keeps the line breaks
    // of the measuring pass and of the PDF the same.
    void set_unhinted(cairo_t* cr)
    {
        std::unique_ptr<cairo_font_options_t, decltype(&cairo_font_options_destroy)> options(
            cairo_font_options_create(), &cairo_font_options_destroy);
        cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
        cairo_set_font_options(cr, options.get());
    }

    // The largest scale, down to 75 %, at which the body ends above the footer:
    // a long name and a long address shrink the letter rather than push the
    // signature off the page. Measured on a recording surface, so nothing of the
    // trial runs reaches the PDF.
    double fitting_scale(LetterContent const& letter, PageSize page)
    {
        double scale = 1.0;
        for (; scale > 0.75; scale -= 0.05) {
            std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> recording(
                cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr), &cairo_surface_destroy);
            std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(recording.get()), &cairo_destroy);
            set_unhinted(cr.get());
            if (draw_body(cr.get(), letter, page, scale) <= footer_top(page) - 12)
                return scale;
        }
        return 0.75;
    }

}

std::string camat_title(Acting acting, std::string_view office_name)
{
    std::string title = "CAMAT " + upper_ascii(office_name);
    switch (acting) {
    case Acting::Plt:
        return "Plt. " + title;
    case Acting::Plh:
        return "Plh. " + title;
    case Acting::None:
        break;
    }
    return title;
}

std::string whatsapp_international(std::string_view number)
{
    std::string digits;
    for (char c : number)
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
    // A national number's trunk prefix 0 becomes Indonesia's country code 62.
    if (!digits.empty() && digits.front() == '0')
        digits = "62" + digits.substr(1);
    return digits;
}

std::string render_surat_keterangan_pdf(LetterContent const& letter)
{
    auto const page = page_size(letter.paper_size);
    std::string pdf;
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_pdf_surface_create_for_stream(append_to_string, &pdf, page.width, page.height), &cairo_surface_destroy);
    // The creation date is the letter's own date, not the clock's, so the
    // same letter renders to the same bytes.
    std::string const created = to_iso(letter.letter_date) + "T00:00:00";
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, created.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "Surat Keterangan Perekaman KTP-el");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "sopir");
    {
        std::unique_ptr<cairo_t, decltype(&cairo_destroy)> owner(cairo_create(surface.get()), &cairo_destroy);
        cairo_t* cr = owner.get();
        cairo_set_source_rgb(cr, 0, 0, 0);

        set_unhinted(cr);
        draw_body(cr, letter, page, fitting_scale(letter, page));
        draw_footer(cr, letter, page);
    }
    cairo_surface_finish(surface.get());
    if (auto status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
    return pdf;
}

}
