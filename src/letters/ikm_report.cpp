#include "letters/ikm_report.hpp"

#include "letters/house_style.hpp"

#include <algorithm>
#include <functional>

namespace sopir {

using namespace letters_detail;

namespace {

    constexpr char const* k_undated = "";

    struct Cell {
        std::string text;
        double share; // Of the table's width.
        Align align { Align::Left };
    };

    // Draws the pages through `next_page`, returning how many it took.
    class IkmPager {
    public:
        IkmPager(cairo_t* cr, IkmReportContent const& content, PageSize page, std::function<void()> next_page, std::size_t count)
            : m_cr(cr)
            , m_content(content)
            , m_page(page)
            , m_next_page(std::move(next_page))
            , m_count(count)
        {
            m_y = k_margin_top;
        }

        double width() const { return m_page.width - k_margin_left - k_margin_right; }

        void room(double height)
        {
            if (m_y + height <= m_page.height - k_margin_bottom - k_page_footer_height)
                return;
            footer();
            m_next_page();
            ++m_number;
            m_y = k_margin_top;
        }

        void text(std::string const& markup, Style style, double gap = 4)
        {
            double const height = measure_markup(m_cr, width(), markup, style);
            room(height);
            draw_markup(m_cr, k_margin_left, m_y, width(), markup, style);
            m_y += height + gap;
        }

        void row(std::vector<Cell> const& cells, bool header)
        {
            Style const style { .family = k_sans, .size = 9.5, .align = Align::Left };
            double height = 0;
            for (auto const& cell : cells)
                height = std::max(height, measure_markup(m_cr, cell.share * width() - 6, header ? "<b>" + cell.text + "</b>" : cell.text, style));
            height += 6;
            room(height);
            double x = k_margin_left;
            cairo_set_line_width(m_cr, 0.5);
            for (auto const& cell : cells) {
                double const w = cell.share * width();
                cairo_rectangle(m_cr, x, m_y, w, height);
                cairo_stroke(m_cr);
                Style aligned = style;
                aligned.align = cell.align;
                draw_markup(m_cr, x + 3, m_y + 3, w - 6, header ? "<b>" + cell.text + "</b>" : cell.text, aligned);
                x += w;
            }
            m_y += height;
        }

        void gap(double points) { m_y += points; }
        void at(double y) { m_y = y; }
        double y() const { return m_y; }

        std::size_t finish()
        {
            footer();
            return m_number;
        }

    private:
        void footer()
        {
            draw_page_footer(m_cr, m_page, "Indeks Kepuasan Masyarakat \u2014 " + m_content.scope_label, m_number, m_count);
        }

        cairo_t* m_cr;
        IkmReportContent const& m_content;
        PageSize m_page;
        std::function<void()> m_next_page;
        std::size_t m_count;
        std::size_t m_number { 1 };
        double m_y { 0 };
    };

    void lay_out(cairo_t* cr, IkmPager& pager, IkmReportContent const& content)
    {
        Style const body { .family = k_serif, .size = 11, .align = Align::Left };
        Style const title { .family = k_serif, .size = 13, .align = Align::Center };
        if (content.office)
            pager.at(draw_kop(cr, *content.office, k_margin_left, pager.width(), k_margin_top, KopSize::Compact) + 10);
        else
            pager.text("<b>" + escape(upper_ascii(content.scope_label)) + "</b>", title, 10);
        pager.text("<b><u>INDEKS KEPUASAN MASYARAKAT</u></b>", title, 2);
        pager.text(escape(content.service) + ", " + escape(content.period),
            { .family = k_serif, .size = 11, .align = Align::Center }, 12);
        pager.text("Survei Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017. IKM = 25 \u00d7 jumlah NRR \u00f7 9; "
                   "NRR tiap unsur = jumlah nilai \u00f7 jumlah responden yang menjawab unsur itu.",
            body, 8);
        pager.row({ { "Responden", 0.25 }, { "Pemohon pada periode", 0.25 }, { "Nilai IKM", 0.25 }, { "Mutu pelayanan", 0.25 } }, true);
        pager.row({ { escape(content.respondents), 0.25, Align::Right }, { escape(content.applicants), 0.25, Align::Right },
                      { "<b>" + escape(content.ikm) + "</b>", 0.25, Align::Right }, { escape(content.grade), 0.25 } },
            false);
        pager.gap(8);
        for (auto const& note : content.notes)
            pager.text("<i>" + escape(note) + "</i>", body, 4);
        pager.gap(6);
        pager.text("<b>Nilai rata-rata per unsur</b>", body, 4);
        pager.row({ { "Unsur", 0.12 }, { "Uraian", 0.52 }, { "Menjawab", 0.18, Align::Right }, { "NRR", 0.18, Align::Right } }, true);
        for (auto const& element : content.elements)
            pager.row({ { escape(element.code), 0.12 }, { escape(element.title), 0.52 }, { escape(element.answered), 0.18, Align::Right },
                          { escape(element.nrr), 0.18, Align::Right } },
                false);
        if (!content.offices.empty()) {
            pager.gap(10);
            pager.text("<b>Per kantor</b>", body, 4);
            pager.row({ { "Kecamatan", 0.4 }, { "Responden", 0.2, Align::Right }, { "IKM", 0.15, Align::Right }, { "Mutu", 0.25 } }, true);
            for (auto const& office : content.offices)
                pager.row({ { escape(office.name), 0.4 }, { escape(office.respondents), 0.2, Align::Right }, { escape(office.ikm), 0.15, Align::Right },
                              { escape(office.grade), 0.25 } },
                    false);
        }
        pager.gap(10);
        pager.text("Mutu: A (Sangat Baik) 88,31\u2013100; B (Baik) 76,61\u201388,30; C (Kurang Baik) 65,00\u201376,60; D (Tidak Baik) 25,00\u201364,99. "
                   "Dicetak " + escape(content.printed_at) + ".",
            { .family = k_serif, .size = 9, .align = Align::Left }, 4);
    }

}

std::string render_ikm_report_pdf(IkmReportContent const& content)
{
    auto const page = page_size(content.paper_size);
    auto const count = static_cast<std::size_t>(measure_drawing([&](cairo_t* cr) {
        IkmPager pager(cr, content, page, [] {}, 0);
        lay_out(cr, pager, content);
        return static_cast<double>(pager.finish());
    }));
    PdfDocument pdf(page, "Indeks Kepuasan Masyarakat", k_undated);
    IkmPager pager(pdf.cr(), content, page, [&] { pdf.next_page(); }, count);
    lay_out(pdf.cr(), pager, content);
    pager.finish();
    return pdf.finish();
}

}
