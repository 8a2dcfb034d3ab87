#include "letters/printouts.hpp"

#include "letters/house_style.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace sopir {

using namespace letters_detail;

namespace {

    // The printouts carry no date of their own that a PDF could be dated
    // with (their times come formatted for print), so their PDFs carry none:
    // the bytes depend on the content alone.
    constexpr char const* k_undated = "";

    std::string or_dash(std::string const& text)
    {
        return text.empty() ? "-" : text;
    }

    // A numbered list: the number in a narrow column of its own, so a long
    // item wraps under its text rather than under its number.
    double draw_numbered(cairo_t* cr, std::vector<std::string> const& items, double left, double width, double y,
        Style style)
    {
        double const number_width = 22;
        for (std::size_t i = 0; i < items.size(); ++i) {
            draw_markup(cr, left, y, number_width, std::to_string(i + 1) + ".", style);
            y += draw_markup(cr, left + number_width, y, width - number_width, escape(items[i]), style) + 2;
        }
        return y;
    }

    struct Signature {
        std::string role; // "Petugas Penerima,"
        std::string name;
    };

    // Two signature blocks side by side, the applicant's on the left and the
    // officer's on the right, with room between role and name to sign.
    double draw_signatures(cairo_t* cr, Signature const& left_block, Signature const& right_block, double left,
        double width, double y, double scale)
    {
        Style const style { .family = k_serif, .size = 11 * scale, .align = Align::Center };
        double const column = width * 0.4;
        double const right = left + width - column;
        double const roles = std::max(draw_markup(cr, left, y, column, escape(left_block.role), style),
            draw_markup(cr, right, y, column, escape(right_block.role), style));
        y += roles + 48 * scale;
        double const names = std::max(
            draw_markup(cr, left, y, column, "<b><u>" + escape(or_dash(left_block.name)) + "</u></b>", style),
            draw_markup(cr, right, y, column, "<b><u>" + escape(or_dash(right_block.name)) + "</u></b>", style));
        return y + names;
    }

    double draw_title(cairo_t* cr, std::string const& title, double left, double width, double y, double scale)
    {
        return y + draw_markup(cr, left, y, width, "<b><u>" + escape(title) + "</u></b>", { .family = k_serif, .size = 13 * scale, .align = Align::Center });
    }

    // The small print at the foot of a one-page printout, above the bottom
    // margin whatever the length of the body.
    double footer_top(PageSize page)
    {
        return page.height - k_margin_bottom - 2 * 8 * 1.3;
    }

    void draw_footer_note(cairo_t* cr, PageSize page, std::string const& text)
    {
        double const left = k_margin_left;
        double const width = page.width - k_margin_left - k_margin_right;
        double const y = footer_top(page);
        draw_line(cr, left, y - 3, left + width, 0.5);
        draw_markup(cr, left, y, width, "<i>" + escape(text) + "</i>", { .family = k_sans, .size = 8, .align = Align::Left });
    }

    double draw_receipt_body(cairo_t* cr, ReceiptContent const& receipt, PageSize page, double scale)
    {
        double const left = k_margin_left;
        double const width = page.width - k_margin_left - k_margin_right;
        Style const body { .family = k_serif, .size = 11 * scale, .align = Align::Left };
        double const gap = 8 * scale;

        double y = draw_kop(cr, receipt.office, left, width, k_margin_top, KopSize::Compact) + 12 * scale;
        y = draw_title(cr, "TANDA TERIMA BERKAS PERMOHONAN", left, width, y, scale) + 12 * scale;

        std::vector<Particular> particulars { { "Nomor Permohonan", "<b>" + escape(or_dash(receipt.case_number)) + "</b>" } };
        if (!receipt.registration_number.empty())
            particulars.push_back({ "Nomor Registrasi", "<b>" + escape(receipt.registration_number) + "</b>" });
        particulars.push_back({ "Layanan", escape(or_dash(receipt.service_title)) });
        particulars.push_back({ receipt.name_label, "<b>" + escape(receipt.name) + "</b>" });
        particulars.push_back({ receipt.nik_label, escape(receipt.nik_masked) });
        particulars.push_back({ "Diterima", escape(receipt.received_at) });
        y = draw_particulars(cr, particulars, left, width, y, body) + gap;

        y += draw_markup(cr, left, y, width, "Kelengkapan berkas yang diserahkan:", body) + 4 * scale;
        if (receipt.documents.empty()) {
            y += draw_markup(cr, left + 20, y, width - 20, "-", body) + 2;
        } else {
            // The label wraps in its own column; "Ada" / "Tidak ada" stands at
            // the right, where an eye running down the list finds it.
            double const number_width = 22;
            double const status_width = 70 * scale;
            double const label_x = left + 20 + number_width;
            double const label_width = left + width - status_width - 8 - label_x;
            for (std::size_t i = 0; i < receipt.documents.size(); ++i) {
                auto const& [label, present] = receipt.documents[i];
                draw_markup(cr, left + 20, y, number_width, std::to_string(i + 1) + ".", body);
                draw_markup(cr, left + width - status_width, y, status_width,
                    present ? "<b>Ada</b>" : "<b>Tidak ada</b>", { .family = k_serif, .size = body.size, .align = Align::Right });
                y += draw_markup(cr, label_x, y, label_width, escape(label), body) + 2;
            }
        }
        y += gap;

        y += draw_markup(cr, left, y, width,
                 "Langkah berikutnya: berkas diperiksa dan diproses petugas menurut SOP layanan ini; waktu penyelesaian sesuai "
                 "standar <b>" + std::to_string(receipt.standard_minutes) + " menit</b> waktu kerja. Bila berkas perlu dilengkapi, "
                 "Saudara diberi tahu beserta alasannya. Bawa tanda terima ini ketika mengambil hasil layanan.",
                 body)
            + gap;

        // The status address beside its QR code (the number filled in), so
        // the applicant can follow the file with one scan instead of coming
        // back to ask.
        if (!receipt.status_url.empty()) {
            std::string const number = receipt.registration_number.empty() ? receipt.case_number : receipt.registration_number;
            double const qr_size = 64;
            double const text_x = left + qr_size + 12;
            double const text_width = left + width - text_x;
            draw_qr(cr, left, y, qr_size, receipt.status_url + "?nomor=" + url_encode(number));
            std::string const pin = receipt.status_pin.empty()
                ? "PIN cek status dicetak pada tanda terima."
                : "dengan nomor <b>" + escape(number) + "</b> dan PIN <b>" + escape(receipt.status_pin)
                    + "</b> (rahasiakan; PIN pada cetakan terakhir yang berlaku).";
            double const used = draw_markup(cr, text_x, y, text_width,
                "Status permohonan dapat diperiksa di:\n<b>" + escape(receipt.status_url)
                    + "</b>\n(pindai kode QR di samping), " + pin,
                body);
            y += std::max(used, qr_size) + gap;
        }

        // The survey's own link: the receipt is the paper the applicant
        // keeps from the first visit, for every service, while the letter
        // is a sealed record that carries nothing but itself.
        if (!receipt.survey_url.empty()) {
            double const qr_size = 56 * scale;
            double const text_x = left + qr_size + 12;
            double const used = draw_markup(cr, text_x, y, left + width - text_x,
                "<b>Survei kepuasan masyarakat.</b> Setelah hasil layanan Saudara terima, mohon beri penilaian dengan memindai "
                "kode QR di samping atau membuka:\n<b>" + escape(receipt.survey_url) + "</b>\nTanpa nama; sekali untuk permohonan ini.",
                body);
            draw_qr(cr, left, y, qr_size, receipt.survey_url);
            y += std::max(used, qr_size) + gap;
        }

        y += 10 * scale;
        Signature const received = receipt.filed_online ? Signature { .role = "Diajukan secara daring,", .name = "tanpa petugas penerima" }
                                                        : Signature { .role = "Petugas Penerima,", .name = receipt.received_by };
        return draw_signatures(cr, { .role = "Pemohon,", .name = receipt.name }, received, left, width, y, scale);
    }

    double draw_return_slip_body(cairo_t* cr, ReturnSlipContent const& slip, PageSize page, double scale)
    {
        double const left = k_margin_left;
        double const width = page.width - k_margin_left - k_margin_right;
        Style const body { .family = k_serif, .size = 11 * scale, .align = Align::Left };
        Style const paragraph { .family = k_serif, .size = 11 * scale, .align = Align::Justify };
        double const gap = 8 * scale;

        double y = draw_kop(cr, slip.office, left, width, k_margin_top, KopSize::Compact) + 12 * scale;
        y = draw_title(cr, "SLIP PENGEMBALIAN BERKAS", left, width, y, scale) + 12 * scale;

        std::vector<Particular> particulars { { "Nomor Registrasi", "<b>" + escape(or_dash(slip.registration_number)) + "</b>" } };
        if (!slip.service_title.empty())
            particulars.push_back({ "Layanan", escape(slip.service_title) });
        particulars.push_back({ slip.name_label, "<b>" + escape(slip.name) + "</b>" });
        particulars.push_back({ slip.nik_label, escape(slip.nik_masked) });
        particulars.push_back({ "Dikembalikan", escape(slip.returned_at) });
        y = draw_particulars(cr, particulars, left, width, y, body) + gap;

        y += draw_markup(cr, left, y, width,
                 "Berkas permohonan Saudara belum dapat diproses dan dikembalikan dengan alasan sebagai berikut:",
                 paragraph)
            + 4 * scale;
        if (slip.reasons.empty())
            y += draw_markup(cr, left + 20, y, width - 20, "-", body) + 2;
        else
            y = draw_numbered(cr, slip.reasons, left + 20, width - 20, y, body);
        y += gap;

        if (!slip.note.empty()) {
            y += draw_markup(cr, left, y, width, "Catatan petugas:", body) + 2;
            y += draw_markup(cr, left + 20, y, width - 20, "<i>" + escape(slip.note) + "</i>", paragraph) + gap;
        }

        y += draw_markup(cr, left, y, width,
                 "Silakan melengkapi kekurangan tersebut, lalu ajukan kembali permohonan di kantor ini dengan "
                 "membawa slip ini.",
                 paragraph)
            + 18 * scale;

        return draw_signatures(cr, { .role = "Pemohon,", .name = slip.name },
            { .role = "Petugas,", .name = slip.returned_by }, left, width, y, scale);
    }

    // Renders a one-page printout: the body at the largest scale that ends
    // above the footer note, then the note.
    template<typename Content, typename DrawBody>
    std::string render_one_page(Content const& content, std::string const& title, std::string const& footer,
        DrawBody draw_body)
    {
        auto const page = page_size(content.paper_size);
        double const scale = fitting_scale(
            [&](cairo_t* cr, double trial) { return draw_body(cr, content, page, trial); }, footer_top(page) - 12, 0.6);
        PdfDocument pdf(page, title, k_undated);
        draw_body(pdf.cr(), content, page, scale);
        draw_footer_note(pdf.cr(), page, footer);
        return pdf.finish();
    }

    // The register's columns, as fractions of the table's width; the number
    // column is filled in from RegisterPages::number_heading.
    struct Column {
        char const* heading;
        double share;
    };
    constexpr std::array<Column, 7> k_register_columns { {
        { "No.", 0.04 },
        // A letter number ("400.12.2.1/0042/CLU/XI/2026") on one line.
        { "", 0.21 },
        { "Tanggal", 0.13 }, // "30 September 2026" on one line.
        { "Nama", 0.20 },
        { "NIK", 0.13 }, // Sixteen digits on one line.
        { "Desa/Kelurahan", 0.14 },
        { "Keterangan", 0.15 },
    } };

    constexpr double k_cell_padding = 3;
    constexpr Style k_cell_style { .family = k_sans, .size = 9, .align = Align::Left };

    using Cells = std::array<std::string, k_register_columns.size()>; // Markup.

    Cells header_cells(RegisterPages const& pages)
    {
        Cells cells;
        for (std::size_t i = 0; i < cells.size(); ++i)
            cells[i] = "<b>" + escape(i == 1 ? pages.number_heading : k_register_columns[i].heading) + "</b>";
        return cells;
    }

    Cells row_cells(RegisterRow const& row, std::size_t index)
    {
        return { std::to_string(index + 1) + ".", escape(row.number), escape(row.date), escape(row.name),
            escape(row.nik), escape(row.village), escape(row.note) };
    }

    enum class RowKind {
        Header, // Shaded, so it reads as the headings on every page.
        Entry,
    };

    class RegisterTable {
    public:
        RegisterTable(double left, double width)
            : m_left(left)
        {
            for (std::size_t i = 0; i < m_widths.size(); ++i)
                m_widths[i] = width * k_register_columns[i].share;
        }

        // The height of a row: its tallest cell, every cell wrapping inside
        // its column.
        double row_height(cairo_t* cr, Cells const& cells) const
        {
            double tallest = 0;
            for (std::size_t i = 0; i < cells.size(); ++i)
                tallest = std::max(tallest, measure_markup(cr, m_widths[i] - 2 * k_cell_padding, cells[i], k_cell_style));
            return tallest + 2 * k_cell_padding;
        }

        // Draws a row `height` tall with its grid; returns the y below it.
        double draw_row(cairo_t* cr, Cells const& cells, double y, double height, RowKind kind) const
        {
            double x = m_left;
            if (kind == RowKind::Header) {
                cairo_save(cr);
                cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
                cairo_rectangle(cr, m_left, y, total_width(), height);
                cairo_fill(cr);
                cairo_restore(cr);
            }
            cairo_set_line_width(cr, 0.5);
            for (std::size_t i = 0; i < cells.size(); ++i) {
                cairo_rectangle(cr, x, y, m_widths[i], height);
                x += m_widths[i];
            }
            cairo_stroke(cr);
            x = m_left;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                draw_markup(cr, x + k_cell_padding, y + k_cell_padding, m_widths[i] - 2 * k_cell_padding, cells[i],
                    k_cell_style);
                x += m_widths[i];
            }
            return y + height;
        }

        // A bordered line across the whole table, for the empty register.
        double draw_spanning(cairo_t* cr, std::string const& markup, double y) const
        {
            Style const style { .family = k_sans, .size = 10, .align = Align::Center };
            double const height = measure_markup(cr, total_width() - 2 * k_cell_padding, markup, style)
                + 4 * k_cell_padding;
            cairo_set_line_width(cr, 0.5);
            cairo_rectangle(cr, m_left, y, total_width(), height);
            cairo_stroke(cr);
            draw_markup(cr, m_left + k_cell_padding, y + 2 * k_cell_padding, total_width() - 2 * k_cell_padding, markup,
                style);
            return y + height;
        }

    private:
        double total_width() const
        {
            double total = 0;
            for (double width : m_widths)
                total += width;
            return total;
        }

        double m_left;
        std::array<double, k_register_columns.size()> m_widths {};
    };

    enum class PageKind {
        First,        // With the kop.
        Continuation, // The title and period only.
    };

    // The heading above the table; returns the y where the table starts.
    double draw_register_heading(cairo_t* cr, RegisterPages const& pages, PageSize page, PageKind kind)
    {
        double const left = k_margin_left;
        double const width = page.width - k_margin_left - k_margin_right;
        double y = k_margin_top;
        if (kind == PageKind::First)
            y = draw_kop(cr, pages.office, left, width, y, KopSize::Compact) + 10;
        y += draw_markup(cr, left, y, width, "<b>" + escape(pages.title) + "</b>",
            { .family = k_serif, .size = 13, .align = Align::Center });
        std::string period = "Periode: " + escape(pages.period);
        if (kind == PageKind::Continuation)
            period += " (lanjutan)";
        y += draw_markup(cr, left, y, width, period, { .family = k_serif, .size = 11, .align = Align::Center });
        return y + 8;
    }

    void draw_register_footer(cairo_t* cr, RegisterPages const& pages, PageSize page, std::size_t number, std::size_t count)
    {
        draw_page_footer(cr, page, pages.title + " \u2014 Kantor Camat " + pages.office.name, number, count);
    }

}

std::string render_receipt_pdf(ReceiptContent const& receipt)
{
    return render_one_page(receipt, "Tanda Terima Berkas Permohonan",
        "Simpan tanda terima ini sampai permohonan selesai.",
        draw_receipt_body);
}

std::string render_return_slip_pdf(ReturnSlipContent const& slip)
{
    return render_one_page(slip, "Slip Pengembalian Berkas",
        "Slip ini bukan penolakan permohonan: berkas yang telah dilengkapi dapat diajukan kembali.",
        draw_return_slip_body);
}

std::string render_register_pdf(RegisterPages const& pages)
{
    auto const page = landscape(page_size(pages.paper_size));
    RegisterTable const table(k_margin_left, page.width - k_margin_left - k_margin_right);
    Cells const header = header_cells(pages);
    double const table_bottom = page.height - k_margin_bottom - k_page_footer_height;

    // First measure every row and deal the rows out to pages, so that every
    // footer can say how many pages there are. A row that does not fit in
    // what is left of a page starts the next one: rows never split.
    std::vector<double> heights;
    double header_height = 0;
    double first_top = 0;
    double continuation_top = 0;
    measure_drawing([&](cairo_t* cr) {
        header_height = table.row_height(cr, header);
        first_top = draw_register_heading(cr, pages, page, PageKind::First);
        continuation_top = draw_register_heading(cr, pages, page, PageKind::Continuation);
        for (std::size_t i = 0; i < pages.rows.size(); ++i)
            heights.push_back(table.row_height(cr, row_cells(pages.rows[i], i)));
        return 0.0;
    });
    std::vector<std::size_t> page_starts { 0 };
    double y = first_top + header_height;
    for (std::size_t i = 0; i < heights.size(); ++i) {
        bool const page_has_rows = page_starts.back() < i;
        if (page_has_rows && y + heights[i] > table_bottom) {
            page_starts.push_back(i);
            y = continuation_top + header_height;
        }
        y += heights[i];
    }
    page_starts.push_back(heights.size());
    std::size_t const page_count = page_starts.size() - 1;

    PdfDocument pdf(page, pages.title, k_undated);
    cairo_t* cr = pdf.cr();
    for (std::size_t p = 0; p < page_count; ++p) {
        if (p > 0)
            pdf.next_page();
        y = draw_register_heading(cr, pages, page, p == 0 ? PageKind::First : PageKind::Continuation);
        y = table.draw_row(cr, header, y, header_height, RowKind::Header);
        if (pages.rows.empty())
            table.draw_spanning(cr, "<i>Tidak ada entri pada periode ini.</i>", y);
        for (std::size_t i = page_starts[p]; i < page_starts[p + 1]; ++i)
            y = table.draw_row(cr, row_cells(pages.rows[i], i), y, heights[i], RowKind::Entry);
        draw_register_footer(cr, pages, page, p + 1, page_count);
    }
    return pdf.finish();
}

}
