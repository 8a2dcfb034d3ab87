#include "letters/sop_print.hpp"

#include "core/indonesian.hpp"
#include "letters/house_style.hpp"
#include "letters/sop_flowchart.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <utility>

namespace sopir {

using namespace letters_detail;

namespace {

    // The SOP carries its own dates as text; its PDF carries none, so the
    // bytes depend on the definition and the office alone.
    constexpr char const* k_undated = "";

    constexpr Style k_body { .family = k_serif, .size = 9.5, .align = Align::Left };
    constexpr double k_pad = 3;

    // "01 Januari 2023", as the office's SOP prints its dates; "-" for none.
    std::string sop_date(std::optional<Date> const& date)
    {
        if (!date)
            return "-";
        std::string text = date->day < 10 ? "0" : "";
        text += std::to_string(date->day);
        text += ' ';
        text += month_name_id(date->month);
        text += ' ';
        text += std::to_string(date->year);
        return text;
    }

    // Disahkan Oleh is one line of text in the definition, "Plt. Camat
    // Candi Laras Utara, ALAMSYAH, S.Pd, NIP. 19690312 199211 1 001": the
    // office prints the title, the name and the NIP on lines of their own.
    // Whatever does not split so prints as written.
    std::string approval_markup(std::string const& approved_by)
    {
        std::vector<std::string> parts;
        for (std::size_t at = 0; at <= approved_by.size();) {
            auto const comma = approved_by.find(", ", at);
            parts.push_back(approved_by.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
            at = comma == std::string::npos ? approved_by.size() + 1 : comma + 2;
        }
        if (approved_by.empty())
            return "-";
        if (parts.size() < 2)
            return escape(approved_by);
        auto const nip = std::find_if(parts.begin() + 1, parts.end(), [](std::string const& part) { return part.starts_with("NIP"); });
        std::string name;
        for (auto it = parts.begin() + 1; it != nip; ++it)
            name += (name.empty() ? "" : ", ") + *it;
        std::string markup = escape(parts.front()) + "\n<b><u>" + escape(name) + "</u></b>";
        for (auto it = nip; it != parts.end(); ++it)
            markup += "\n" + escape(*it);
        return markup;
    }

    // Pages and their footers. The same drawing runs twice: once to count
    // the pages (no footers, nothing shown), then onto the PDF.
    class Pager {
    public:
        Pager(cairo_t* cr, PageSize page, std::string note, std::size_t total, std::function<void(PageSize)> show)
            : m_cr(cr)
            , m_page(page)
            , m_note(std::move(note))
            , m_total(total)
            , m_show(std::move(show))
        {
        }

        cairo_t* cr() const { return m_cr; }
        PageSize page() const { return m_page; }
        double left() const { return k_margin_left; }
        double width() const { return m_page.width - k_margin_left - k_margin_right; }
        double bottom() const { return m_page.height - k_margin_bottom - k_page_footer_height; }
        std::size_t number() const { return m_number; }

        void footer() const
        {
            if (m_total > 0)
                draw_page_footer(m_cr, m_page, m_note, m_number, m_total);
        }

        void next(PageSize page)
        {
            footer();
            m_show(page);
            m_page = page;
            ++m_number;
        }

    private:
        cairo_t* m_cr;
        PageSize m_page;
        std::string m_note;
        std::size_t m_total;
        std::function<void(PageSize)> m_show;
        std::size_t m_number { 1 };
    };

    // The kop; for an office without a name (no database), the
    // definition's [meta] office as the heading, over the same rule.
    double draw_heading(cairo_t* cr, SopPrintContent const& content, double left, double width)
    {
        if (!content.office.name.empty())
            return draw_kop(cr, content.office, left, width, k_margin_top);
        std::string const office = content.definition.meta.office.empty() ? "Kantor Camat" : content.definition.meta.office;
        double y = k_margin_top;
        y += draw_markup(cr, left, y, width, "<b>" + escape(upper_ascii(office)) + "</b>", { .family = k_sans, .size = 16, .align = Align::Center });
        draw_line(cr, left, y + 4, left + width, 2.25);
        draw_line(cr, left, y + 7, left + width, 0.75);
        return y + 7;
    }

    // A bordered table of label and value, the label column a third wide.
    double draw_identity_table(cairo_t* cr, std::vector<std::pair<std::string, std::string>> const& rows, double left, double width, double y)
    {
        double const label_width = width / 3;
        cairo_set_line_width(cr, 0.5);
        for (auto const& [label, value] : rows) {
            double const height = std::max(measure_markup(cr, label_width - 2 * k_pad, label, k_body),
                                      measure_markup(cr, width - label_width - 2 * k_pad, value, k_body))
                + 2 * k_pad;
            cairo_rectangle(cr, left, y, label_width, height);
            cairo_rectangle(cr, left + label_width, y, width - label_width, height);
            cairo_stroke(cr);
            draw_markup(cr, left + k_pad, y + k_pad, label_width - 2 * k_pad, label, k_body);
            draw_markup(cr, left + label_width + k_pad, y + k_pad, width - label_width - 2 * k_pad, value, k_body);
            y += height;
        }
        return y;
    }

    double draw_identity(cairo_t* cr, SopPrintContent const& content, double left, double width)
    {
        auto const& definition = content.definition;
        auto const& meta = definition.meta;
        double y = draw_heading(cr, content, left, width) + 8;
        y += draw_markup(cr, left, y, width, "<b>STANDAR OPERASIONAL PROSEDUR</b>", { .family = k_serif, .size = 13, .align = Align::Center }) + 6;
        std::vector<std::pair<std::string, std::string>> const rows {
            { "Nomor SOP", escape(meta.number.empty() ? "-" : meta.number) },
            { "Tanggal Pembuatan", sop_date(meta.created) },
            { "Tanggal Revisi", sop_date(meta.revised) },
            { "Tanggal Efektif", sop_date(meta.effective) },
            { "Disahkan Oleh", approval_markup(meta.approved_by) },
            { "Nama SOP", "<b>" + escape("STANDAR OPERASIONAL PROSEDUR (SOP) " + upper_ascii(definition.title)) + "</b>" },
        };
        return draw_identity_table(cr, rows, left, width, y) + 6;
    }

    enum class ListStyle {
        Numbered,
        Bulleted,
    };

    struct ListBlock {
        std::string title; // "Dasar Hukum"
        std::vector<std::string> const& items;
        ListStyle style;
    };

    // One item of a block's list: its number or bullet in a narrow column
    // of its own, so a long item wraps under its text.
    constexpr double k_marker_width = 16;

    double item_height(cairo_t* cr, std::string const& item, double width)
    {
        return measure_markup(cr, width - k_marker_width, escape(item), k_body) + 1.5;
    }

    double draw_item(cairo_t* cr, ListBlock const& block, std::size_t index, double x, double y, double width)
    {
        std::string const marker = block.style == ListStyle::Numbered ? std::to_string(index + 1) + "." : "\u2022";
        draw_markup(cr, x, y, k_marker_width, marker, k_body);
        return draw_markup(cr, x + k_marker_width, y, width - k_marker_width, escape(block.items[index]), k_body) + 1.5;
    }

    // How far from `from` the block's items fit in `room`; at least one
    // item on a fresh page, where waiting would not give it more room.
    std::size_t fitting(cairo_t* cr, ListBlock const& block, std::size_t from, double room, double width, bool fresh)
    {
        std::size_t to = from;
        double used = 0;
        while (to < block.items.size()) {
            double const height = item_height(cr, block.items[to], width);
            if (used + height > room && !(fresh && to == from))
                break;
            used += height;
            ++to;
        }
        return to;
    }

    struct Cursor {
        double y;
        bool fresh; // Nothing drawn on this page yet.
    };

    std::string block_title(ListBlock const& block, bool continued)
    {
        return "<b>" + escape(block.title) + (continued ? " (lanjutan)" : "") + ":</b>";
    }

    // One page's part of a pair of blocks: each column's heading and the
    // items [from, to) of its list, in two bordered cells as tall as the
    // taller one. Returns the y below them.
    double draw_pair_part(cairo_t* cr, std::array<ListBlock const*, 2> blocks, std::array<std::size_t, 2> from,
        std::array<std::size_t, 2> to, bool continued, double left, double width, double y)
    {
        double const column = width / 2;
        // A list that ended on an earlier page leaves its cell empty.
        auto shown = [&](std::size_t side) { return !continued || from[side] < blocks[side]->items.size(); };
        double height = 0;
        for (std::size_t side = 0; side < 2; ++side) {
            if (!shown(side))
                continue;
            double used = measure_markup(cr, column - 2 * k_pad, block_title(*blocks[side], continued), k_body) + 3;
            for (std::size_t i = from[side]; i < to[side]; ++i)
                used += item_height(cr, blocks[side]->items[i], column - 2 * k_pad);
            if (blocks[side]->items.empty())
                used += measure_markup(cr, column, "-", k_body);
            height = std::max(height, used + 2 * k_pad);
        }
        for (std::size_t side = 0; side < 2; ++side) {
            double const x = left + column * static_cast<double>(side);
            cairo_set_line_width(cr, 0.5);
            cairo_rectangle(cr, x, y, column, height);
            cairo_stroke(cr);
            if (!shown(side))
                continue;
            double at = y + k_pad;
            at += draw_markup(cr, x + k_pad, at, column - 2 * k_pad, block_title(*blocks[side], continued), k_body) + 3;
            if (blocks[side]->items.empty())
                draw_markup(cr, x + k_pad + k_marker_width, at, column - 2 * k_pad, "-", k_body);
            for (std::size_t i = from[side]; i < to[side]; ++i)
                at += draw_item(cr, *blocks[side], i, x + k_pad, at, column - 2 * k_pad);
        }
        return y + height;
    }

    // Two blocks side by side (Dasar Hukum | Kualifikasi Pelaksana, …).
    // Lists too long for the page go on over the next, between items, under
    // their headings marked "(lanjutan)".
    Cursor draw_pair(Pager& pager, ListBlock const& left_block, ListBlock const& right_block, Cursor at)
    {
        cairo_t* cr = pager.cr();
        double const column = pager.width() / 2 - 2 * k_pad;
        std::array<ListBlock const*, 2> const blocks { &left_block, &right_block };
        std::array<std::size_t, 2> from { 0, 0 };
        bool continued = false;
        for (;;) {
            double const heading = std::max(measure_markup(cr, column, block_title(left_block, continued), k_body),
                                       measure_markup(cr, column, block_title(right_block, continued), k_body))
                + 3 + 2 * k_pad + 1;
            double const room = pager.bottom() - at.y - heading;
            std::array<std::size_t, 2> const to { fitting(cr, left_block, from[0], room, column, at.fresh),
                fitting(cr, right_block, from[1], room, column, at.fresh) };
            bool const done = to[0] == left_block.items.size() && to[1] == right_block.items.size();
            if (!at.fresh && to == from && !done) {
                pager.next(pager.page());
                at = { k_margin_top, true };
                continue;
            }
            at.y = draw_pair_part(cr, blocks, from, to, continued, pager.left(), pager.width(), at.y);
            at.fresh = false;
            if (done)
                return at;
            from = to;
            continued = true;
            pager.next(pager.page());
            at = { k_margin_top, true };
        }
    }

    void draw_identity_sheet(Pager& pager, SopPrintContent const& content)
    {
        auto const& definition = content.definition;
        Cursor at { draw_identity(pager.cr(), content, pager.left(), pager.width()), false };
        std::array<std::pair<ListBlock, ListBlock>, 3> const pairs { {
            { { "Dasar Hukum", definition.legal_basis, ListStyle::Numbered }, { "Kualifikasi Pelaksana", definition.qualifications, ListStyle::Numbered } },
            { { "Keterkaitan", definition.related, ListStyle::Bulleted }, { "Peralatan dan Perlengkapan", definition.equipment, ListStyle::Bulleted } },
            { { "Peringatan", definition.warnings, ListStyle::Bulleted }, { "Pencatatan dan Pendataan", definition.records, ListStyle::Bulleted } },
        } };
        for (auto const& [left_block, right_block] : pairs)
            at = draw_pair(pager, left_block, right_block, at);
    }

    std::string chart_heading(SopDefinition const& definition, bool continued)
    {
        return "<b>FLOWCHART SOP " + escape(upper_ascii(definition.title)) + (continued ? " (lanjutan)" : "") + "</b>";
    }

    constexpr Style k_chart_heading { .family = k_serif, .size = 11, .align = Align::Center };

    // The chart's table starts below its heading, at the same height on
    // every page.
    double chart_top(SopDefinition const& definition, double width)
    {
        double const heading = measure_drawing([&](cairo_t* cr) {
            return std::max(measure_markup(cr, width, chart_heading(definition, false), k_chart_heading),
                measure_markup(cr, width, chart_heading(definition, true), k_chart_heading));
        });
        return k_margin_top + heading + 8;
    }

    std::size_t identity_page_count(SopPrintContent const& content, PageSize portrait)
    {
        std::size_t pages = 0;
        measure_drawing([&](cairo_t* cr) {
            Pager pager(cr, portrait, "", 0, [](PageSize) {});
            draw_identity_sheet(pager, content);
            pages = pager.number();
            return 0.0;
        });
        return pages;
    }

    std::string footer_note(SopDefinition const& definition)
    {
        std::string note = "SOP " + definition.title;
        if (!definition.meta.number.empty())
            note += " \u2014 Nomor " + definition.meta.number;
        return note;
    }

}

namespace letters_detail {

    FlowchartLayout printed_chart_layout(SopDefinition const& definition, PaperSize paper)
    {
        PageSize const wide = landscape(page_size(paper));
        double const width = wide.width - k_margin_left - k_margin_right;
        return FlowchartLayout(definition, k_margin_left, width, chart_top(definition, width),
            wide.height - k_margin_bottom - k_page_footer_height);
    }

}

std::string render_sop_pdf(SopPrintContent const& content)
{
    auto const& definition = content.definition;
    PageSize const portrait = page_size(content.paper_size);
    PageSize const wide = landscape(portrait);
    double const width = wide.width - k_margin_left - k_margin_right;
    FlowchartLayout const chart = printed_chart_layout(definition, content.paper_size);
    std::size_t const total = identity_page_count(content, portrait) + chart.pages().size();

    PdfDocument pdf(portrait, "SOP " + definition.title, k_undated);
    Pager pager(pdf.cr(), portrait, footer_note(definition), total, [&](PageSize next) { pdf.next_page(next); });
    draw_identity_sheet(pager, content);
    for (std::size_t page = 0; page < chart.pages().size(); ++page) {
        pager.next(wide);
        draw_markup(pdf.cr(), k_margin_left, k_margin_top, width, chart_heading(definition, page > 0), k_chart_heading);
        chart.draw_page(pdf.cr(), page);
    }
    pager.footer();
    return pdf.finish();
}

std::string render_sop_flowchart_svg(SopDefinition const& definition)
{
    // A4 landscape's width, with narrow margins: a picture on a web page,
    // scaled to the page's width by the browser.
    constexpr double k_edge = 12;
    PageSize const wide = landscape(page_size(PaperSize::A4));
    double const width = wide.width - 2 * k_edge;
    double const top = chart_top(definition, width) - k_margin_top + k_edge;
    FlowchartLayout const chart(definition, k_edge, width, top, std::numeric_limits<double>::max());
    return render_svg({ wide.width, chart.end() + k_edge }, [&](cairo_t* cr) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        draw_markup(cr, k_edge, k_edge, width, chart_heading(definition, false), k_chart_heading);
        chart.draw_page(cr, 0);
    });
}

}
