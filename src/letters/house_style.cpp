#include "letters/house_style.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace sopir::letters_detail {

namespace {

    using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

    Layout make_layout(cairo_t* cr, double width, std::string const& markup, Style style)
    {
        Layout layout(pango_cairo_create_layout(cr), &g_object_unref);
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
        return layout;
    }

    double layout_height(PangoLayout* layout)
    {
        int height = 0;
        pango_layout_get_size(layout, nullptr, &height);
        return static_cast<double>(height) / PANGO_SCALE;
    }

    cairo_status_t append_to_string(void* closure, unsigned char const* data, unsigned int length)
    {
        static_cast<std::string*>(closure)->append(reinterpret_cast<char const*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    }

    using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

    struct PngSource {
        std::string_view bytes;
        std::size_t at { 0 };
    };

    cairo_status_t read_from_string(void* closure, unsigned char* data, unsigned int length)
    {
        auto& source = *static_cast<PngSource*>(closure);
        if (source.bytes.size() - source.at < length)
            return CAIRO_STATUS_READ_ERROR;
        std::memcpy(data, source.bytes.data() + source.at, length);
        source.at += length;
        return CAIRO_STATUS_SUCCESS;
    }

    std::uint32_t big_endian_u32(std::string_view bytes, std::size_t at)
    {
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < 4; ++i)
            value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
        return value;
    }

    // The logo as an image surface, or null when there is none or its bytes
    // are not a PNG cairo can read: a broken logo in the office settings
    // must not stop the office's letters.
    Surface decode_logo(std::string const& png)
    {
        Surface none(nullptr, &cairo_surface_destroy);
        // The signature, then the IHDR chunk (PNG specification 5.2, 11.2.2),
        // whose width and height are checked before cairo allocates the
        // pixels: a logo is a few hundred pixels, and a header claiming
        // tens of thousands would cost gigabytes on every printout.
        constexpr std::string_view k_signature("\x89PNG\r\n\x1a\n", 8);
        constexpr std::uint32_t k_largest_side = 4096;
        if (png.size() < 24 || std::string_view(png).substr(0, 8) != k_signature
            || std::string_view(png).substr(12, 4) != "IHDR")
            return none;
        auto const width = big_endian_u32(png, 16);
        auto const height = big_endian_u32(png, 20);
        if (width == 0 || height == 0 || width > k_largest_side || height > k_largest_side)
            return none;
        PngSource source { .bytes = png };
        Surface logo(cairo_image_surface_create_from_png_stream(read_from_string, &source), &cairo_surface_destroy);
        if (cairo_surface_status(logo.get()) != CAIRO_STATUS_SUCCESS || cairo_image_surface_get_width(logo.get()) <= 0
            || cairo_image_surface_get_height(logo.get()) <= 0)
            return none;
        return logo;
    }

}

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

PageSize landscape(PageSize page)
{
    return { page.height, page.width };
}

std::string upper_ascii(std::string_view text)
{
    std::string upper(text);
    for (auto& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
}

std::string escape(std::string_view text)
{
    std::unique_ptr<gchar, decltype(&g_free)> escaped(
        g_markup_escape_text(text.data(), static_cast<gssize>(text.size())), &g_free);
    return escaped.get();
}

double draw_markup(cairo_t* cr, double x, double y, double width, std::string const& markup, Style style)
{
    auto layout = make_layout(cr, width, markup, style);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
    return layout_height(layout.get());
}

double measure_markup(cairo_t* cr, double width, std::string const& markup, Style style)
{
    return layout_height(make_layout(cr, width, markup, style).get());
}

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

double draw_particulars(cairo_t* cr, std::vector<Particular> const& rows, double left, double width, double y, Style style)
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

double draw_kop(cairo_t* cr, LetterOffice const& office, double left, double width, double y, KopSize kop)
{
    // The compact kop keeps the letter's proportions at three quarters of
    // its size, so a receipt is recognisably from the same office.
    double const scale = kop == KopSize::Compact ? 0.75 : 1.0;
    std::string address = office.address;
    // Appended piece by piece: `"…" + std::string(…)` trips g++ 12's false
    // -Wrestrict at -O3 (GCC bug 105329).
    if (!office.postal_code.empty()) {
        if (!address.empty())
            address += ' ';
        address += "Kode Pos ";
        address += office.postal_code;
    }
    struct Line {
        std::string markup;
        Style style;
    };
    std::array<Line, 3> const lines { {
        { "<b>PEMERINTAH " + escape(upper_ascii(office.regency)) + "</b>", { .family = k_sans, .size = 14 * scale, .align = Align::Center } },
        { "<b>KANTOR CAMAT " + escape(upper_ascii(office.name)) + "</b>", { .family = k_sans, .size = 16 * scale, .align = Align::Center } },
        { escape(address), { .family = k_sans, .size = 10 * scale, .align = Align::Center } },
    } };

    double text_left = left;
    double text_width = width;
    double text_y = y;
    double block_bottom = y;
    auto const logo = decode_logo(office.logo_png);
    if (logo) {
        // Scaled, proportions kept, to fit a box 25 mm tall and 28 mm wide
        // (15 by 16.8 mm compact): an upright coat of arms comes out 25 mm
        // tall, a wide one no wider than the box.
        double const max_height = (kop == KopSize::Compact ? 15 : 25) * k_mm;
        double const max_width = max_height * 28 / 25;
        double const pixels_wide = cairo_image_surface_get_width(logo.get());
        double const pixels_high = cairo_image_surface_get_height(logo.get());
        double const fit = std::min(max_height / pixels_high, max_width / pixels_wide);
        double const logo_width = pixels_wide * fit;
        double const logo_height = pixels_high * fit;
        // The text keeps its centre and gives up as much on the right as the
        // logo takes on the left, so a long name wraps before the logo.
        double const inset = logo_width + 4 * k_mm * scale;
        text_left = left + inset;
        text_width = width - 2 * inset;
        double text_height = 0;
        for (auto const& line : lines)
            text_height += measure_markup(cr, text_width, line.markup, line.style);
        double const block = std::max(text_height, logo_height);
        text_y = y + (block - text_height) / 2;
        cairo_save(cr);
        cairo_translate(cr, left, y + (block - logo_height) / 2);
        cairo_scale(cr, fit, fit);
        cairo_set_source_surface(cr, logo.get(), 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        block_bottom = y + block;
    }
    for (auto const& line : lines)
        text_y += draw_markup(cr, text_left, text_y, text_width, line.markup, line.style);
    // Without a logo the rule follows the text exactly as it always has.
    y = logo ? block_bottom : text_y;
    y += 4 * scale;
    draw_line(cr, left, y, left + width, 2.25 * scale);
    draw_line(cr, left, y + 3 * scale, left + width, 0.75);
    return y + 3 * scale;
}

void draw_archive_watermark(cairo_t* cr, PageSize page, std::string_view word)
{
    std::string const mark = "<b>" + escape(word) + "</b>";
    cairo_save(cr);
    // A light grey that photocopies faintly: it marks the copy without
    // hiding the text or the QR codes printed over it.
    cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
    cairo_translate(cr, page.width / 2, page.height / 2);
    cairo_rotate(cr, -std::atan2(page.height, page.width));
    double const width = page.width;
    Style const style { .family = k_sans, .size = 120, .align = Align::Center };
    double const height = measure_markup(cr, width, mark, style);
    draw_markup(cr, -width / 2, -height / 2, width, mark, style);
    cairo_restore(cr);
}

void draw_archive_box(cairo_t* cr, PageSize page, std::string_view word)
{
    std::string const mark = "<b>" + escape(word) + "</b>";
    // In the top margin, right-aligned with the text: clear of the kop,
    // whatever the length of the office's name.
    double const box_width = 24 * k_mm;
    double const box_height = 7 * k_mm;
    double const x = page.width - k_margin_right - box_width;
    double const y = 3.5 * k_mm;
    Style const style { .family = k_sans, .size = 12, .align = Align::Center };
    double const text_height = measure_markup(cr, box_width, mark, style);
    cairo_set_line_width(cr, 1.25);
    cairo_rectangle(cr, x, y, box_width, box_height);
    cairo_stroke(cr);
    draw_markup(cr, x, y + (box_height - text_height) / 2, box_width, mark, style);
}

void draw_page_footer(cairo_t* cr, PageSize page, std::string const& note, std::size_t number, std::size_t count)
{
    double const left = k_margin_left;
    double const width = page.width - k_margin_left - k_margin_right;
    double const y = page.height - k_margin_bottom - 8 * 1.3;
    draw_markup(cr, left, y, width * 0.7, escape(note), { .family = k_sans, .size = 8, .align = Align::Left });
    draw_markup(cr, left + width * 0.7, y, width * 0.3,
        "Halaman " + std::to_string(number) + " dari " + std::to_string(count),
        { .family = k_sans, .size = 8, .align = Align::Right });
}

void set_unhinted(cairo_t* cr)
{
    std::unique_ptr<cairo_font_options_t, decltype(&cairo_font_options_destroy)> options(
        cairo_font_options_create(), &cairo_font_options_destroy);
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, options.get());
}

double measure_drawing(std::function<double(cairo_t*)> const& draw)
{
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> recording(
        cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr), &cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(recording.get()), &cairo_destroy);
    set_unhinted(cr.get());
    return draw(cr.get());
}

double fitting_scale(std::function<double(cairo_t*, double scale)> const& draw_body, double bottom, double smallest)
{
    double scale = 1.0;
    for (; scale > smallest; scale -= 0.05) {
        if (measure_drawing([&](cairo_t* cr) { return draw_body(cr, scale); }) <= bottom)
            return scale;
    }
    return smallest;
}

std::string render_svg(PageSize size, std::function<void(cairo_t*)> const& draw)
{
    std::string svg;
    {
        Surface surface(cairo_svg_surface_create_for_stream(append_to_string, &svg, size.width, size.height), &cairo_surface_destroy);
        std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
        cairo_set_source_rgb(cr.get(), 0, 0, 0);
        set_unhinted(cr.get());
        draw(cr.get());
        cr.reset();
        cairo_surface_finish(surface.get());
        if (auto status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
    }
    return svg;
}

std::string render_png(PageSize size, double pixels_per_point, std::function<void(cairo_t*)> const& draw)
{
    int const width = static_cast<int>(std::ceil(size.width * pixels_per_point));
    int const height = static_cast<int>(std::ceil(size.height * pixels_per_point));
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), &cairo_surface_destroy);
    std::string png;
    {
        std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        cairo_scale(cr.get(), pixels_per_point, pixels_per_point);
        cairo_set_source_rgb(cr.get(), 0, 0, 0);
        set_unhinted(cr.get());
        draw(cr.get());
    }
    cairo_surface_flush(surface.get());
    if (auto status = cairo_surface_write_to_png_stream(surface.get(), append_to_string, &png); status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
    return png;
}

PdfDocument::PdfDocument(PageSize page, std::string const& title, std::string const& created)
    : m_surface(nullptr, &cairo_surface_destroy)
    , m_cr(nullptr, &cairo_destroy)
{
    m_surface.reset(cairo_pdf_surface_create_for_stream(append_to_string, &m_pdf, page.width, page.height));
    cairo_pdf_surface_set_metadata(m_surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
    cairo_pdf_surface_set_metadata(m_surface.get(), CAIRO_PDF_METADATA_MOD_DATE, created.c_str());
    cairo_pdf_surface_set_metadata(m_surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(m_surface.get(), CAIRO_PDF_METADATA_CREATOR, "sopir");
    m_cr.reset(cairo_create(m_surface.get()));
    cairo_set_source_rgb(m_cr.get(), 0, 0, 0);
    set_unhinted(m_cr.get());
}

void PdfDocument::next_page()
{
    cairo_show_page(m_cr.get());
}

void PdfDocument::next_page(PageSize page)
{
    cairo_show_page(m_cr.get());
    cairo_pdf_surface_set_size(m_surface.get(), page.width, page.height);
}

std::string PdfDocument::finish()
{
    m_cr.reset();
    cairo_surface_finish(m_surface.get());
    if (auto status = cairo_surface_status(m_surface.get()); status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
    return std::move(m_pdf);
}

}
