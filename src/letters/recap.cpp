#include "letters/recap.hpp"

#include "letters/house_style.hpp"

#include <pango/pangocairo.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sopir {

using namespace letters_detail;

namespace {

    // Like the registers, the recap carries its printing time as text only,
    // so its PDF carries no date: the bytes depend on the content alone.
    constexpr char const* k_undated = "";

    // --- Numbers as Indonesian prints them -------------------------------

    // "1.234": thousands grouped with a full stop.
    std::string grouped(std::int64_t number)
    {
        std::string const digits = std::to_string(number < 0 ? -number : number);
        std::string out = number < 0 ? "-" : "";
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0)
                out += '.';
            out += digits[i];
        }
        return out;
    }

    // "12,5": seconds as minutes with one decimal after a comma, the nearest
    // tenth (a tenth of a minute is six seconds; halves round up).
    std::string minutes_number(std::int64_t seconds)
    {
        std::int64_t const tenths = (std::max<std::int64_t>(seconds, 0) + 3) / 6;
        return grouped(tenths / 10) + "," + std::to_string(tenths % 10);
    }

    std::string minutes_text(std::int64_t seconds)
    {
        return minutes_number(seconds) + " menit";
    }

    // Sums of time (outages, held time): minutes under an hour, then hours
    // and minutes ("3 jam 20 menit").
    std::string span_text(std::int64_t seconds)
    {
        if (seconds < 3600)
            return minutes_text(seconds);
        std::int64_t const minutes = seconds / 60;
        return grouped(minutes / 60) + " jam " + std::to_string(minutes % 60) + " menit";
    }

    // "85,0%": the share from the counts, cut (not rounded) to a tenth, so
    // that "100,0%" is printed only when every one was on time. "—" for none.
    std::string share_text(std::int64_t part, std::int64_t whole)
    {
        if (whole <= 0)
            return "\u2014";
        std::int64_t const tenths = part * 1000 / whole;
        return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + "%";
    }

    // The label of a reason given by an action that moves a case into a
    // state of `kind`; the id itself when unknown. Return and hold reasons
    // may share an id ("lainnya"), hence the kind.
    std::string reason_label(SopDefinition const& definition, StateKind kind, std::string const& id)
    {
        auto find = [&](std::vector<ActionDefinition> const& actions) -> std::string const* {
            for (auto const& action : actions) {
                if (definition.state_kind(action.target) != kind)
                    continue;
                for (auto const& reason : action.reasons)
                    if (reason.id == id)
                        return &reason.label;
            }
            return nullptr;
        };
        for (auto const& step : definition.steps)
            if (auto const* label = find(step.actions))
                return *label;
        for (auto const& state : definition.states)
            if (auto const* label = find(state.actions))
                return *label;
        return id;
    }

    // "jaringan" → "Jaringan": the outage kinds are plain words.
    std::string capitalized(std::string text)
    {
        if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
            text[0] = static_cast<char>(text[0] - 'a' + 'A');
        return text;
    }

    struct Count {
        std::string label;
        std::int64_t count;
    };

    // Most frequent first, then by label: the order a reader looks for.
    std::vector<Count> by_count(std::map<std::string, std::int64_t> const& counts,
        std::function<std::string(std::string const&)> const& label)
    {
        std::vector<Count> out;
        for (auto const& [id, count] : counts)
            out.push_back({ label(id), count });
        std::sort(out.begin(), out.end(), [](Count const& a, Count const& b) {
            return a.count != b.count ? a.count > b.count : a.label < b.label;
        });
        return out;
    }

    // Nothing happened in the period: no case came in, moved or waited.
    bool without_cases(ReportSummary const& summary)
    {
        bool const any_visit = std::any_of(summary.steps.begin(), summary.steps.end(),
            [](StepFigures const& step) { return step.visits > 0 || step.waiting_now > 0; });
        return summary.received == 0 && summary.finished == 0 && summary.cancelled == 0 && summary.returns == 0 && summary.holds == 0
            && summary.in_progress == 0 && summary.with_applicant == 0 && summary.held_now == 0
            && summary.total.cases == 0 && summary.officers.empty() && !any_visit;
    }

    std::string scope_name(RecapContent const& content)
    {
        return content.scope == RecapScope::Regency ? content.office.regency : "Kantor Camat " + content.office.name;
    }

    // --- Drawing helpers -----------------------------------------------------

    // The width a line of markup takes, for placing a chart's labels beside
    // its bars and the legend's entries one after another.
    double text_width(cairo_t* cr, std::string const& markup, Style style)
    {
        std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr), &g_object_unref);
        std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> font(
            pango_font_description_new(), &pango_font_description_free);
        pango_font_description_set_family(font.get(), style.family);
        pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
        pango_layout_set_font_description(layout.get(), font.get());
        pango_layout_set_markup(layout.get(), markup.c_str(), -1);
        int width = 0;
        pango_layout_get_size(layout.get(), &width, nullptr);
        return static_cast<double>(width) / PANGO_SCALE;
    }

    // The kinds of bar, told apart by pattern and outline, never by colour
    // alone: they must survive a black-and-white photocopy.
    enum class Fill {
        Solid,   // Mid grey.
        Hatched, // White with diagonal lines.
        Empty,   // White, outlined only.
    };

    void draw_bar(cairo_t* cr, double x, double y, double width, double height, Fill fill)
    {
        cairo_save(cr);
        if (fill == Fill::Solid) {
            cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
            cairo_rectangle(cr, x, y, width, height);
            cairo_fill(cr);
        } else if (fill == Fill::Hatched && width > 0) {
            cairo_rectangle(cr, x, y, width, height);
            cairo_clip(cr);
            cairo_set_line_width(cr, 0.6);
            for (double d = -height; d < width; d += 3) {
                cairo_move_to(cr, x + d, y + height);
                cairo_line_to(cr, x + d + height, y);
            }
            cairo_stroke(cr);
            cairo_reset_clip(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.75);
        cairo_rectangle(cr, x, y, width, height);
        cairo_stroke(cr);
        cairo_restore(cr);
    }

    // The standard time: a heavy dashed line.
    void draw_standard_line(cairo_t* cr, double x, double top, double bottom)
    {
        cairo_save(cr);
        std::array<double, 2> const dashes { 3, 2 };
        cairo_set_dash(cr, dashes.data(), dashes.size(), 0);
        cairo_set_line_width(cr, 1.5);
        cairo_move_to(cr, x, top);
        cairo_line_to(cr, x, bottom);
        cairo_stroke(cr);
        cairo_restore(cr);
    }

    void draw_grid_line(cairo_t* cr, double x, double top, double bottom)
    {
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
        cairo_set_line_width(cr, 0.3);
        cairo_move_to(cr, x, top);
        cairo_line_to(cr, x, bottom);
        cairo_stroke(cr);
        cairo_restore(cr);
    }

    // --- Pages ----------------------------------------------------------

    constexpr double k_section_gap = 12;

    // The kop of a kabupaten recap: the government, the issuing unit and the
    // address over the double rule, in the proportions of the compact kop of
    // an office (house_style.cpp). It has no logo: the logo is drawn only
    // by draw_kop, which prints "KANTOR CAMAT …".
    double draw_regency_kop(cairo_t* cr, RecapContent const& content, double left, double width, double y)
    {
        double const scale = 0.75;
        std::string address = content.office.address;
        if (!content.office.postal_code.empty())
            address += (address.empty() ? "" : " ") + std::string("Kode Pos ") + content.office.postal_code;
        std::string const government = "<b>PEMERINTAH " + escape(upper_ascii(content.office.regency)) + "</b>";
        if (content.unit.empty()) {
            y += draw_markup(cr, left, y, width, government, { .family = k_sans, .size = 16 * scale, .align = Align::Center });
        } else {
            y += draw_markup(cr, left, y, width, government, { .family = k_sans, .size = 14 * scale, .align = Align::Center });
            y += draw_markup(cr, left, y, width, "<b>" + escape(upper_ascii(content.unit)) + "</b>",
                { .family = k_sans, .size = 16 * scale, .align = Align::Center });
        }
        y += draw_markup(cr, left, y, width, escape(address), { .family = k_sans, .size = 10 * scale, .align = Align::Center });
        y += 4 * scale;
        draw_line(cr, left, y, left + width, 2.25 * scale);
        draw_line(cr, left, y + 3 * scale, left + width, 0.75);
        return y + 3 * scale;
    }

    double draw_first_heading(cairo_t* cr, RecapContent const& content, SopDefinition const& definition, double left,
        double width)
    {
        double y = content.scope == RecapScope::Regency
            ? draw_regency_kop(cr, content, left, width, k_margin_top)
            : draw_kop(cr, content.office, left, width, k_margin_top, KopSize::Compact);
        y += 10;
        y += draw_markup(cr, left, y, width, "<b>" + escape(content.title) + "</b>",
                 { .family = k_serif, .size = 13, .align = Align::Center })
            + 2;
        Style const line { .family = k_serif, .size = 11, .align = Align::Center };
        if (!definition.title.empty())
            y += draw_markup(cr, left, y, width, "Layanan " + escape(definition.title), line);
        std::string scope = escape(scope_name(content));
        if (content.scope == RecapScope::Regency)
            scope = "Seluruh kecamatan di " + scope + " (" + grouped(static_cast<std::int64_t>(content.offices.size()))
                + " kantor)";
        y += draw_markup(cr, left, y, width, scope, line);
        y += draw_markup(cr, left, y, width, "Periode: " + escape(content.period), line);
        return y + 6;
    }

    double draw_continuation_heading(cairo_t* cr, RecapContent const& content, double left, double width)
    {
        double y = k_margin_top;
        y += draw_markup(cr, left, y, width, "<b>" + escape(content.title) + "</b>",
            { .family = k_serif, .size = 11, .align = Align::Center });
        y += draw_markup(cr, left, y, width,
            escape(scope_name(content)) + " \u2014 Periode: " + escape(content.period) + " (lanjutan)",
            { .family = k_serif, .size = 9, .align = Align::Center });
        return y + 8;
    }

    // Lays the recap out page by page. The same program runs twice: once on
    // a recording surface to count the pages, then on the PDF with the count
    // known, so every footer can say "dari M". Both runs measure with the
    // same unhinted fonts, so they break the pages at the same places.
    class Pager {
    public:
        Pager(cairo_t* cr, RecapContent const& content, SopDefinition const& definition, PageSize page,
            std::function<void()> show_page, int page_count)
            : m_cr(cr)
            , m_content(content)
            , m_page(page)
            , m_show_page(std::move(show_page))
            , m_page_count(page_count)
            , m_left(k_margin_left)
            , m_width(page.width - k_margin_left - k_margin_right)
            , m_bottom(page.height - k_margin_bottom - k_page_footer_height)
        {
            m_y = m_top = draw_first_heading(cr, content, definition, m_left, m_width);
        }

        cairo_t* cr() const { return m_cr; }
        double left() const { return m_left; }
        double width() const { return m_width; }
        double y() const { return m_y; }
        double bottom() const { return m_bottom; }
        void advance(double height) { m_y += height; }

        // Nothing drawn on this page yet but its heading.
        bool fresh() const { return m_y <= m_top; }
        bool fits(double height) const { return m_y + height <= m_bottom; }

        // Starts a new page unless `height` fits in what is left of this one.
        // A fresh page takes anything: what does not fit on a whole page
        // would not fit on the next either.
        void make_room(double height)
        {
            if (!fits(height) && !fresh())
                new_page();
        }

        void new_page()
        {
            draw_footer();
            m_show_page();
            ++m_number;
            m_y = m_top = draw_continuation_heading(m_cr, m_content, m_left, m_width);
        }

        // Ends the last page; returns the number of pages.
        int finish()
        {
            draw_footer();
            return m_number;
        }

    private:
        void draw_footer()
        {
            double const y = m_page.height - k_margin_bottom - 8 * 1.3;
            Style const note { .family = k_sans, .size = 8, .align = Align::Left };
            draw_line(m_cr, m_left, y - 3, m_left + m_width, 0.5);
            std::string text = scope_name(m_content);
            if (!m_content.printed_at.empty())
                text += " \u2014 dicetak " + m_content.printed_at;
            draw_markup(m_cr, m_left, y, m_width * 0.75, escape(text), note);
            draw_markup(m_cr, m_left + m_width * 0.75, y, m_width * 0.25,
                "Halaman " + std::to_string(m_number) + " dari " + std::to_string(m_page_count),
                { .family = k_sans, .size = 8, .align = Align::Right });
        }

        cairo_t* m_cr;
        RecapContent const& m_content;
        PageSize m_page;
        std::function<void()> m_show_page;
        int m_page_count;
        int m_number { 1 };
        double m_left;
        double m_width;
        double m_bottom;
        double m_top { 0 };
        double m_y { 0 };
    };

    constexpr Style k_text { .family = k_serif, .size = 10.5, .align = Align::Left };

    // A section's heading ("B. Waktu per tahapan"), kept on one page with
    // the first `keep` points of what follows it.
    void section(Pager& pager, char& letter, std::string const& title, double keep)
    {
        Style const style { .family = k_sans, .size = 11, .align = Align::Left };
        std::string const markup = std::string("<b>") + letter++ + ". " + escape(title) + "</b>";
        double const height = measure_markup(pager.cr(), pager.width(), markup, style) + 4;
        pager.make_room(k_section_gap + height + keep);
        if (!pager.fresh())
            pager.advance(k_section_gap);
        draw_markup(pager.cr(), pager.left(), pager.y(), pager.width(), markup, style);
        pager.advance(height);
    }

    double paragraph_height(Pager& pager, std::string const& markup, Style style = k_text)
    {
        return measure_markup(pager.cr(), pager.width(), markup, style) + 4;
    }

    void paragraph(Pager& pager, std::string const& markup, Style style = k_text)
    {
        double const height = paragraph_height(pager, markup, style);
        pager.make_room(height);
        draw_markup(pager.cr(), pager.left(), pager.y(), pager.width(), markup, style);
        pager.advance(height);
    }

    // A section that has nothing to show but a sentence saying so.
    void note_section(Pager& pager, char& letter, std::string const& title, std::string const& markup)
    {
        section(pager, letter, title, paragraph_height(pager, markup));
        paragraph(pager, markup);
    }

    // --- Tables ---------------------------------------------------------

    struct Column {
        char const* heading;
        double share; // Of the table's width.
        Align align { Align::Left };
    };

    enum class RowKind {
        Header, // Shaded, repeated at the top of every page the table runs onto.
        Entry,
        Total, // Lightly shaded; the caller sets its text in bold.
    };

    struct Row {
        std::vector<std::string> cells; // Markup, one per column.
        RowKind kind { RowKind::Entry };
    };

    constexpr double k_cell_padding = 3;
    constexpr Style k_cell_style { .family = k_sans, .size = 8.5, .align = Align::Left };

    class Table {
    public:
        Table(std::vector<Column> columns, double left, double width)
            : m_columns(std::move(columns))
            , m_left(left)
            , m_width(width)
        {
        }

        Row header() const
        {
            Row row { .kind = RowKind::Header };
            for (auto const& column : m_columns)
                row.cells.push_back("<b>" + escape(column.heading) + "</b>");
            return row;
        }

        double row_height(cairo_t* cr, Row const& row) const
        {
            double tallest = 0;
            for (std::size_t i = 0; i < m_columns.size() && i < row.cells.size(); ++i)
                tallest = std::max(tallest, measure_markup(cr, cell_width(i) - 2 * k_cell_padding, row.cells[i], cell_style(i, row)));
            return tallest + 2 * k_cell_padding;
        }

        void draw_row(cairo_t* cr, Row const& row, double y, double height) const
        {
            if (row.kind != RowKind::Entry) {
                cairo_save(cr);
                double const grey = row.kind == RowKind::Header ? 0.88 : 0.95;
                cairo_set_source_rgb(cr, grey, grey, grey);
                cairo_rectangle(cr, m_left, y, m_width, height);
                cairo_fill(cr);
                cairo_restore(cr);
            }
            cairo_set_line_width(cr, 0.5);
            double x = m_left;
            for (std::size_t i = 0; i < m_columns.size(); ++i) {
                cairo_rectangle(cr, x, y, cell_width(i), height);
                x += cell_width(i);
            }
            cairo_stroke(cr);
            x = m_left;
            for (std::size_t i = 0; i < m_columns.size() && i < row.cells.size(); ++i) {
                draw_markup(cr, x + k_cell_padding, y + k_cell_padding, cell_width(i) - 2 * k_cell_padding, row.cells[i],
                    cell_style(i, row));
                x += cell_width(i);
            }
        }

    private:
        double cell_width(std::size_t column) const { return m_width * m_columns[column].share; }

        // Headings are centred; figures stand at the right of their column.
        Style cell_style(std::size_t column, Row const& row) const
        {
            Style style = k_cell_style;
            style.align = row.kind == RowKind::Header ? Align::Center : m_columns[column].align;
            return style;
        }

        std::vector<Column> m_columns;
        double m_left;
        double m_width;
    };

    // A section heading and its table. The heading stays with the header
    // row and the first row; a row that does not fit starts a new page,
    // with the header row again, and never splits.
    void table_section(Pager& pager, char& letter, std::string const& title, std::vector<Column> const& columns,
        std::vector<Row> const& rows)
    {
        Table const table(columns, pager.left(), pager.width());
        cairo_t* cr = pager.cr();
        Row const header = table.header();
        double const header_height = table.row_height(cr, header);
        double const first = rows.empty() ? 0 : table.row_height(cr, rows.front());
        if (!title.empty())
            section(pager, letter, title, header_height + first);
        pager.make_room(header_height + first);
        table.draw_row(cr, header, pager.y(), header_height);
        pager.advance(header_height);
        for (auto const& row : rows) {
            double const height = table.row_height(cr, row);
            if (!pager.fits(height)) {
                pager.new_page();
                table.draw_row(cr, header, pager.y(), header_height);
                pager.advance(header_height);
            }
            table.draw_row(cr, row, pager.y(), height);
            pager.advance(height);
        }
        pager.advance(3);
    }

    std::string bold(std::string const& markup)
    {
        return "<b>" + markup + "</b>";
    }

    // --- The sections ----------------------------------------------------

    void headline_section(Pager& pager, char& letter, RecapContent const& content)
    {
        ReportSummary const& s = content.total;
        struct Figure {
            char const* label;
            std::int64_t value;
            std::string note;
        };
        std::array<Figure, 6> const figures { {
            { "Diterima", s.received, "permohonan masuk" },
            // Cases withdrawn as filed by mistake are neither finished nor late.
            { "Selesai", s.finished, "permohonan selesai; " + grouped(s.cancelled) + " dibatalkan karena salah input" },
            { "Dikembalikan", s.returned_cases, "berkas, " + grouped(s.returns) + " kali pengembalian" },
            { "Tertunda gangguan", s.held_cases, "berkas, " + grouped(s.holds) + " kali penundaan" },
            { "Masih berjalan", s.in_progress,
                "di tahapan pada akhir periode; " + grouped(s.with_applicant) + " di pemohon, " + grouped(s.held_now)
                    + " tertunda" },
            { "Terlambat", s.total.late,
                "selesai melewati " + std::to_string(s.total.standard_minutes) + " menit kerja; "
                    + grouped(s.late_now) + " berjalan melewati standar tahapan" },
        } };
        constexpr std::size_t k_per_row = 3;
        double const gap = 6;
        double const box_width = (pager.width() - gap * (k_per_row - 1)) / k_per_row;
        Style const label_style { .family = k_sans, .size = 9, .align = Align::Center };
        Style const value_style { .family = k_sans, .size = 18, .align = Align::Center };
        Style const note_style { .family = k_sans, .size = 7.5, .align = Align::Center };
        double const inner = box_width - 8;

        auto box_height = [&](Figure const& figure) {
            return measure_markup(pager.cr(), inner, bold(figure.label), label_style)
                + measure_markup(pager.cr(), inner, bold(grouped(figure.value)), value_style)
                + measure_markup(pager.cr(), inner, escape(figure.note), note_style) + 8;
        };
        double row_heights[2] = { 0, 0 };
        for (std::size_t i = 0; i < figures.size(); ++i)
            row_heights[i / k_per_row] = std::max(row_heights[i / k_per_row], box_height(figures[i]));

        bool const empty = without_cases(s);
        std::string const empty_line = "<b><i>Belum ada permohonan pada periode ini.</i></b>";
        section(pager, letter, "Ringkasan", row_heights[0] + row_heights[1] + gap);
        for (std::size_t r = 0; r < 2; ++r) {
            double const y = pager.y();
            for (std::size_t c = 0; c < k_per_row; ++c) {
                Figure const& figure = figures[r * k_per_row + c];
                double const x = pager.left() + c * (box_width + gap);
                cairo_set_line_width(pager.cr(), 0.75);
                cairo_rectangle(pager.cr(), x, y, box_width, row_heights[r]);
                cairo_stroke(pager.cr());
                double ty = y + 4;
                ty += draw_markup(pager.cr(), x + 4, ty, inner, bold(figure.label), label_style);
                ty += draw_markup(pager.cr(), x + 4, ty, inner, bold(grouped(figure.value)), value_style);
                draw_markup(pager.cr(), x + 4, ty, inner, escape(figure.note), note_style);
            }
            pager.advance(row_heights[r] + gap);
        }
        if (empty)
            paragraph(pager, empty_line, { .family = k_serif, .size = 11, .align = Align::Center });
    }

    std::vector<Column> const k_step_columns {
        { "No.", 0.05, Align::Right },
        { "Tahapan", 0.29 },
        { "Standar", 0.11, Align::Right },
        { "Jumlah", 0.10, Align::Right },
        { "Median", 0.15, Align::Right },
        { "P90", 0.15, Align::Right },
        { "Tepat waktu", 0.15, Align::Right },
    };

    void step_table_section(Pager& pager, char& letter, RecapContent const& content, SopDefinition const& definition)
    {
        std::vector<Row> rows;
        std::size_t number = 0;
        auto const dash = std::string("\u2014");
        for (auto const& step : content.total.steps) {
            bool const visited = step.visits > 0;
            rows.push_back({ .cells = {
                                 std::to_string(++number) + ".",
                                 escape(definition.state_label(step.step_id)),
                                 std::to_string(step.standard_minutes) + " menit",
                                 grouped(step.visits),
                                 visited ? minutes_text(step.median_seconds) : dash,
                                 visited ? minutes_text(step.p90_seconds) : dash,
                                 share_text(step.on_time, step.visits),
                             } });
        }
        TotalFigures const& total = content.total.total;
        bool const finished = total.cases > 0;
        rows.push_back({ .cells = {
                             "",
                             bold("Waktu kerja per permohonan selesai"),
                             bold(std::to_string(total.standard_minutes) + " menit"),
                             bold(grouped(total.cases)),
                             bold(finished ? minutes_text(total.median_working_seconds) : dash),
                             bold(finished ? minutes_text(total.p90_working_seconds) : dash),
                             bold(share_text(total.on_time, total.cases)),
                         },
            .kind = RowKind::Total });
        table_section(pager, letter, "Waktu per tahapan", k_step_columns, rows);
        paragraph(pager,
            "<i>Jumlah: kunjungan tahapan yang selesai pada periode ini. Median: separuh kunjungan selesai dalam waktu "
            "ini atau kurang. P90 (persentil ke-90): sembilan dari sepuluh kunjungan selesai dalam waktu ini atau "
            "kurang. Tepat waktu: kunjungan yang selesai dalam standar waktu SOP.</i>",
            { .family = k_serif, .size = 8.5, .align = Align::Left });
    }

    // The shared layout of the two charts: a label column at the left, the
    // plot, and room at the right for the labels beside the bars.
    struct ChartFrame {
        double label_x;
        double label_width;
        double plot_x;
        double plot_width;
    };

    ChartFrame chart_frame(Pager const& pager)
    {
        double const label_width = 125;
        double const value_room = 100;
        return { .label_x = pager.left(),
            .label_width = label_width - 6,
            .plot_x = pager.left() + label_width,
            .plot_width = pager.width() - label_width - value_room };
    }

    constexpr Style k_chart_label { .family = k_sans, .size = 8, .align = Align::Left };
    constexpr Style k_bar_label { .family = k_sans, .size = 7.5, .align = Align::Left };
    constexpr double k_bar_height = 9;
    constexpr double k_bar_gap = 2;
    constexpr double k_row_padding = 5;

    // A chart's rows, each kept whole; the axis closes every page's part of
    // the chart so that each part reads on its own, the legend closes the
    // chart.
    struct ChartRow {
        std::string label; // Markup.
        std::function<void(cairo_t*, double top, double height)> draw_plot;
    };

    void draw_chart(Pager& pager, char& letter, std::string const& title, std::string const& caption,
        std::vector<ChartRow> const& rows, std::function<double(cairo_t*, double y)> const& draw_axis,
        std::function<double(cairo_t*, double y)> const& draw_legend)
    {
        ChartFrame const frame = chart_frame(pager);
        cairo_t* cr = pager.cr();
        double const axis_height = measure_drawing([&](cairo_t* scratch) { return draw_axis(scratch, 0); });
        double const legend_height = measure_drawing([&](cairo_t* scratch) { return draw_legend(scratch, 0); });
        std::vector<double> heights;
        for (auto const& row : rows)
            heights.push_back(std::max(measure_markup(cr, frame.label_width, row.label, k_chart_label),
                                  2 * k_bar_height + k_bar_gap)
                + 2 * k_row_padding);
        Style const caption_style { .family = k_sans, .size = 9, .align = Align::Left };
        double const caption_height = measure_markup(cr, pager.width(), caption, caption_style) + 4;
        double const first = heights.empty() ? 0 : heights.front();
        section(pager, letter, title, caption_height + first + axis_height);
        draw_markup(cr, pager.left(), pager.y(), pager.width(), caption, caption_style);
        pager.advance(caption_height);
        double part_top = pager.y();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!pager.fits(heights[i] + axis_height)) {
                pager.advance(draw_axis(cr, pager.y()));
                pager.new_page();
                part_top = pager.y();
            }
            double const top = pager.y();
            draw_markup(cr, frame.label_x, top + k_row_padding, frame.label_width, rows[i].label, k_chart_label);
            rows[i].draw_plot(cr, top, heights[i]);
            pager.advance(heights[i]);
        }
        // The plot's left edge, the zero of both charts.
        cairo_set_line_width(cr, 0.75);
        cairo_move_to(cr, frame.plot_x, part_top);
        cairo_line_to(cr, frame.plot_x, pager.y());
        cairo_stroke(cr);
        pager.advance(draw_axis(cr, pager.y()));
        pager.make_room(legend_height);
        pager.advance(draw_legend(cr, pager.y()));
    }

    // A bar's label beside its end, moved past the standard line when it
    // would run across it.
    void draw_bar_label(cairo_t* cr, double bar_end, double y, std::string const& markup, double avoid_x)
    {
        double const width = text_width(cr, markup, k_bar_label);
        double x = bar_end + 3;
        if (avoid_x >= x - 2 && avoid_x <= x + width + 2)
            x = avoid_x + 3;
        double const height = measure_markup(cr, width + 4, markup, k_bar_label);
        draw_markup(cr, x, y + (k_bar_height - height) / 2, width + 4, markup, k_bar_label);
    }

    struct LegendEntry {
        std::function<void(cairo_t*, double x, double y)> draw_swatch; // 16 × 8 points.
        std::string text;
    };

    // The legend in words, swatch and text side by side, wrapping onto a
    // second line when it runs out of width.
    double draw_legend_entries(cairo_t* cr, double left, double width, double y, std::vector<LegendEntry> const& entries)
    {
        double const swatch = 16;
        double const line_height = 12;
        double x = left;
        double top = y + 2;
        for (auto const& entry : entries) {
            double const text = text_width(cr, escape(entry.text), k_chart_label);
            if (x > left && x + swatch + 4 + text > left + width) {
                x = left;
                top += line_height;
            }
            entry.draw_swatch(cr, x, top + 1);
            draw_markup(cr, x + swatch + 4, top, text + 4, escape(entry.text), k_chart_label);
            x += swatch + 4 + text + 14;
        }
        return top + line_height + 2 - y;
    }

    // Minutes between the axis's ticks: the smallest of the usual steps that
    // gives at most eight ticks.
    std::int64_t tick_minutes(std::int64_t largest_minutes)
    {
        constexpr std::array<std::int64_t, 12> k_steps { 1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 480, 960 };
        for (auto step : k_steps)
            if (largest_minutes <= step * 8)
                return step;
        return (largest_minutes / 8 / 960 + 1) * 960;
    }

    void time_chart_section(Pager& pager, char& letter, RecapContent const& content, SopDefinition const& definition)
    {
        auto const& steps = content.total.steps;
        std::string const title = "Grafik waktu per tahapan";
        bool const any_visit
            = std::any_of(steps.begin(), steps.end(), [](StepFigures const& step) { return step.visits > 0; });
        if (!any_visit) {
            note_section(pager, letter, title, "<i>Belum ada tahapan yang selesai pada periode ini; grafik waktu tidak digambar.</i>");
            return;
        }
        ChartFrame const frame = chart_frame(pager);
        std::int64_t largest_seconds = 60;
        for (auto const& step : steps)
            largest_seconds = std::max({ largest_seconds, step.visits > 0 ? step.p90_seconds : 0,
                std::int64_t { step.standard_minutes } * 60 });
        std::int64_t const largest_minutes = (largest_seconds + 59) / 60;
        std::int64_t const tick = tick_minutes(largest_minutes);
        std::int64_t const axis_minutes = (largest_minutes + tick - 1) / tick * tick;
        auto x_of = [&](std::int64_t seconds) {
            return frame.plot_x + frame.plot_width * static_cast<double>(seconds) / (axis_minutes * 60.0);
        };

        std::vector<ChartRow> rows;
        for (auto const& step : steps) {
            std::string const label = bold(escape(definition.state_label(step.step_id))) + "\nstandar "
                + std::to_string(step.standard_minutes) + " menit";
            rows.push_back({ label, [&, step](cairo_t* cr, double top, double height) {
                                for (std::int64_t m = tick; m <= axis_minutes; m += tick)
                                    draw_grid_line(cr, x_of(m * 60), top, top + height);
                                double const bars = top + (height - 2 * k_bar_height - k_bar_gap) / 2;
                                double const standard_x = x_of(std::int64_t { step.standard_minutes } * 60);
                                if (step.visits == 0) {
                                    draw_markup(cr, frame.plot_x + 4, bars + 2, frame.plot_width,
                                        "<i>tidak ada kunjungan yang selesai</i>", k_bar_label);
                                } else {
                                    double const median_end = x_of(step.median_seconds);
                                    double const p90_end = x_of(step.p90_seconds);
                                    draw_bar(cr, frame.plot_x, bars, median_end - frame.plot_x, k_bar_height, Fill::Solid);
                                    draw_bar(cr, frame.plot_x, bars + k_bar_height + k_bar_gap, p90_end - frame.plot_x,
                                        k_bar_height, Fill::Hatched);
                                    draw_bar_label(cr, median_end, bars, "Median " + minutes_text(step.median_seconds),
                                        standard_x);
                                    draw_bar_label(cr, p90_end, bars + k_bar_height + k_bar_gap,
                                        "P90 " + minutes_text(step.p90_seconds), standard_x);
                                }
                                draw_standard_line(cr, standard_x, top + 2, top + height - 2);
                            } });
        }

        auto draw_axis = [&](cairo_t* cr, double y) {
            draw_line(cr, frame.plot_x, y, frame.plot_x + frame.plot_width, 0.75);
            Style const tick_style { .family = k_sans, .size = 7.5, .align = Align::Center };
            double height = 0;
            for (std::int64_t m = 0; m <= axis_minutes; m += tick) {
                double const x = x_of(m * 60);
                cairo_set_line_width(cr, 0.75);
                cairo_move_to(cr, x, y);
                cairo_line_to(cr, x, y + 3);
                cairo_stroke(cr);
                height = std::max(height, draw_markup(cr, x - 20, y + 3, 40, std::to_string(m), tick_style));
            }
            draw_markup(cr, frame.plot_x + frame.plot_width + 14, y + 3, 60, "menit", k_bar_label);
            return height + 6;
        };
        auto draw_legend = [&](cairo_t* cr, double y) {
            return draw_legend_entries(cr, pager.left(), pager.width(), y,
                {
                    { [](cairo_t* c, double x, double top) { draw_bar(c, x, top, 16, 8, Fill::Solid); },
                        "Median (batang berisi)" },
                    { [](cairo_t* c, double x, double top) { draw_bar(c, x, top, 16, 8, Fill::Hatched); },
                        "Persentil ke-90 / P90 (batang berarsir)" },
                    { [](cairo_t* c, double x, double top) { draw_standard_line(c, x + 8, top - 1, top + 9); },
                        "Standar waktu SOP (garis putus-putus)" },
                });
        };
        draw_chart(pager, letter, title,
            "<b>Grafik 1.</b> Median dan persentil ke-90 waktu setiap tahapan (menit), dibandingkan dengan standar "
            "waktu SOP.",
            rows, draw_axis, draw_legend);
    }

    void on_time_chart_section(Pager& pager, char& letter, RecapContent const& content, SopDefinition const& definition)
    {
        auto const& steps = content.total.steps;
        std::string const title = "Grafik ketepatan waktu per tahapan";
        bool const any_visit
            = std::any_of(steps.begin(), steps.end(), [](StepFigures const& step) { return step.visits > 0; });
        if (!any_visit) {
            note_section(pager, letter, title,
                "<i>Belum ada tahapan yang selesai pada periode ini; grafik ketepatan waktu tidak digambar.</i>");
            return;
        }
        ChartFrame const frame = chart_frame(pager);
        auto x_of = [&](double share) { return frame.plot_x + frame.plot_width * share; };
        std::vector<ChartRow> rows;
        for (auto const& step : steps) {
            std::string const label = bold(escape(definition.state_label(step.step_id))) + "\n" + grouped(step.visits)
                + " kunjungan";
            rows.push_back({ label, [&, step](cairo_t* cr, double top, double height) {
                                double const bar = top + (height - k_bar_height) / 2;
                                for (int quarter = 1; quarter < 4; ++quarter)
                                    draw_grid_line(cr, x_of(quarter / 4.0), top, top + height);
                                if (step.visits == 0) {
                                    draw_markup(cr, frame.plot_x + 4, bar, frame.plot_width,
                                        "<i>tidak ada kunjungan yang selesai</i>", k_bar_label);
                                    return;
                                }
                                // On time solid from zero, late hatched after it:
                                // together the whole bar is every visit.
                                double const on_time_end = frame.plot_x
                                    + frame.plot_width * static_cast<double>(step.on_time) / static_cast<double>(step.visits);
                                draw_bar(cr, on_time_end, bar, frame.plot_x + frame.plot_width - on_time_end, k_bar_height,
                                    Fill::Hatched);
                                draw_bar(cr, frame.plot_x, bar, on_time_end - frame.plot_x, k_bar_height, Fill::Solid);
                                draw_bar_label(cr, frame.plot_x + frame.plot_width, bar,
                                    share_text(step.on_time, step.visits) + " (" + grouped(step.on_time) + " dari "
                                        + grouped(step.visits) + ")",
                                    -1);
                            } });
        }
        auto draw_axis = [&](cairo_t* cr, double y) {
            draw_line(cr, frame.plot_x, y, frame.plot_x + frame.plot_width, 0.75);
            Style const tick_style { .family = k_sans, .size = 7.5, .align = Align::Center };
            double height = 0;
            for (int quarter = 0; quarter <= 4; ++quarter) {
                double const x = x_of(quarter / 4.0);
                cairo_set_line_width(cr, 0.75);
                cairo_move_to(cr, x, y);
                cairo_line_to(cr, x, y + 3);
                cairo_stroke(cr);
                height = std::max(height,
                    draw_markup(cr, x - 20, y + 3, 40, std::to_string(quarter * 25) + "%", tick_style));
            }
            return height + 6;
        };
        auto draw_legend = [&](cairo_t* cr, double y) {
            return draw_legend_entries(cr, pager.left(), pager.width(), y,
                {
                    { [](cairo_t* c, double x, double top) { draw_bar(c, x, top, 16, 8, Fill::Solid); },
                        "Selesai dalam standar waktu (batang berisi)" },
                    { [](cairo_t* c, double x, double top) { draw_bar(c, x, top, 16, 8, Fill::Hatched); },
                        "Melewati standar waktu (batang berarsir)" },
                });
        };
        draw_chart(pager, letter, title,
            "<b>Grafik 2.</b> Bagian kunjungan setiap tahapan yang selesai dalam standar waktu SOP; seluruh batang "
            "adalah semua kunjungan yang selesai pada periode ini.",
            rows, draw_axis, draw_legend);
    }

    std::vector<Column> const k_figure_columns {
        { "Uraian", 0.62 },
        { "Nilai", 0.38, Align::Right },
    };

    void total_section(Pager& pager, char& letter, RecapContent const& content)
    {
        TotalFigures const& total = content.total.total;
        std::string const standard = std::to_string(total.standard_minutes) + " menit";
        std::string const title = "Waktu penyelesaian terhadap standar SOP (" + standard + ")";
        if (total.cases == 0) {
            std::string const line = "Standar waktu kerja menurut SOP: " + standard
                + ". <i>Belum ada permohonan yang selesai pada periode ini.</i>";
            note_section(pager, letter, title, line);
            return;
        }
        std::string late = grouped(total.late);
        if (total.very_late > 0)
            late += ", di antaranya " + grouped(total.very_late) + " sangat terlambat";
        std::vector<Row> const rows {
            { .cells = { "Standar waktu kerja menurut SOP", standard } },
            { .cells = { "Permohonan selesai", grouped(total.cases) } },
            { .cells = { "Waktu kerja, median", minutes_text(total.median_working_seconds) } },
            { .cells = { "Waktu kerja, persentil ke-90", minutes_text(total.p90_working_seconds) } },
            { .cells = { escape("Selesai dalam standar (waktu kerja ≤ " + standard + ")"),
                  share_text(total.on_time, total.cases) + " (" + grouped(total.on_time) + " dari "
                      + grouped(total.cases) + ")" } },
            { .cells = { "Melewati standar", late } },
            { .cells = { "Waktu sejak diajukan sampai selesai, median", minutes_text(total.median_elapsed_seconds) } },
            { .cells = { "Waktu sejak diajukan sampai selesai, persentil ke-90", minutes_text(total.p90_elapsed_seconds) } },
            { .cells = { "Waktu berkas di tangan pemohon (dikembalikan), jumlah", span_text(total.returned_seconds) } },
            { .cells = { "Waktu berkas tertunda karena gangguan, jumlah", span_text(total.held_seconds) } },
        };
        table_section(pager, letter, title, k_figure_columns, rows);
        paragraph(pager,
            "<i>Waktu kerja adalah waktu di tahapan layanan saja; waktu berkas di tangan pemohon dan waktu tertunda "
            "karena gangguan tidak dihitung sebagai waktu kerja kantor.</i>",
            { .family = k_serif, .size = 8.5, .align = Align::Left });
    }

    std::vector<Column> const k_reason_columns {
        { "No.", 0.06, Align::Right },
        { "Alasan", 0.76 },
        { "Jumlah", 0.18, Align::Right },
    };

    std::vector<Row> reason_rows(std::vector<Count> const& counts)
    {
        std::vector<Row> rows;
        std::size_t number = 0;
        for (auto const& count : counts)
            rows.push_back({ .cells = { std::to_string(++number) + ".", escape(count.label), grouped(count.count) } });
        return rows;
    }

    void returns_section(Pager& pager, char& letter, RecapContent const& content, SopDefinition const& definition)
    {
        ReportSummary const& s = content.total;
        std::string const title = "Pengembalian berkas menurut alasan";
        if (s.returned_by_reason.empty()) {
            std::string const line = "<i>Tidak ada berkas yang dikembalikan pada periode ini.</i>";
            note_section(pager, letter, title, line);
            return;
        }
        auto const counts = by_count(s.returned_by_reason,
            [&](std::string const& id) { return reason_label(definition, StateKind::Returned, id); });
        table_section(pager, letter, title, k_reason_columns, reason_rows(counts));
        paragraph(pager,
            escape(grouped(s.returned_cases) + " berkas dikembalikan, " + grouped(s.returns)
                + " kali pengembalian. Satu pengembalian dapat memuat lebih dari satu alasan."),
            { .family = k_serif, .size = 8.5, .align = Align::Left });
    }

    void outages_section(Pager& pager, char& letter, RecapContent const& content, SopDefinition const& definition)
    {
        ReportSummary const& s = content.total;
        std::string const title = "Gangguan dan penundaan";
        if (s.outages == 0 && s.holds == 0 && s.held_seconds == 0 && s.held_cases == 0) {
            std::string const line = "<i>Tidak ada gangguan yang tercatat dan tidak ada berkas yang tertunda pada periode ini.</i>";
            note_section(pager, letter, title, line);
            return;
        }
        std::vector<Row> rows {
            { .cells = { "Gangguan tercatat", grouped(s.outages) } },
            { .cells = { "Lama gangguan (gangguan yang bersamaan dihitung sekali)", span_text(s.outage_seconds) } },
        };
        for (auto const& [kind, seconds] : s.outage_seconds_by_kind)
            rows.push_back({ .cells = { "\u2003Gangguan " + escape(capitalized(kind)), span_text(seconds) } });
        rows.push_back({ .cells = { "Berkas tertunda", grouped(s.held_cases) + " (" + grouped(s.holds) + " kali penundaan)" } });
        rows.push_back({ .cells = { "Waktu berkas tertunda, jumlah seluruh berkas", span_text(s.held_seconds) } });
        table_section(pager, letter, title, k_figure_columns, rows);
        if (!s.held_by_reason.empty()) {
            pager.advance(6);
            auto const counts = by_count(s.held_by_reason,
                [&](std::string const& id) { return reason_label(definition, StateKind::Held, id); });
            auto columns = k_reason_columns;
            columns[1].heading = "Alasan penundaan";
            table_section(pager, letter, "", columns, reason_rows(counts));
        }
    }

    std::vector<Column> const k_office_columns {
        { "No.", 0.05, Align::Right },
        { "Kecamatan", 0.20 },
        { "Diterima", 0.09, Align::Right },
        { "Selesai", 0.08, Align::Right },
        { "Dikembalikan", 0.14, Align::Right },
        { "Tertunda", 0.09, Align::Right },
        { "Masih berjalan", 0.09, Align::Right },
        { "Median waktu kerja", 0.14, Align::Right },
        { "Tepat waktu", 0.12, Align::Right },
    };

    std::vector<std::string> office_cells(std::string number, std::string const& name, ReportSummary const& s)
    {
        return { std::move(number), escape(name), grouped(s.received), grouped(s.finished), grouped(s.returned_cases),
            grouped(s.held_cases), grouped(s.in_progress),
            s.total.cases > 0 ? minutes_text(s.total.median_working_seconds) : "\u2014",
            share_text(s.total.on_time, s.total.cases) };
    }

    void offices_section(Pager& pager, char& letter, RecapContent const& content)
    {
        std::vector<Row> rows;
        std::size_t number = 0;
        for (auto const& office : content.offices)
            rows.push_back({ .cells = office_cells(std::to_string(++number) + ".", office.name, office.summary) });
        auto total = office_cells("", "Jumlah", content.total);
        for (auto& cell : total)
            cell = bold(cell);
        rows.push_back({ .cells = std::move(total), .kind = RowKind::Total });
        table_section(pager, letter, "Rekapitulasi per kecamatan", k_office_columns, rows);
        paragraph(pager,
            "<i>Tepat waktu: permohonan selesai dengan waktu kerja dalam standar SOP. Baris Jumlah dihitung dari "
            "seluruh permohonan, bukan dari rata-rata baris di atasnya.</i>",
            { .family = k_serif, .size = 8.5, .align = Align::Left });
    }

    std::vector<Column> const k_officer_columns {
        { "No.", 0.05, Align::Right },
        { "Nama petugas", 0.31 },
        { "Tindakan", 0.11, Align::Right },
        { "Tahapan diselesaikan", 0.13, Align::Right },
        { "Median", 0.13, Align::Right },
        { "P90", 0.13, Align::Right },
        { "Tepat waktu", 0.14, Align::Right },
    };

    void officers_section(Pager& pager, char& letter, RecapContent const& content)
    {
        std::string const title = "Kinerja petugas";
        if (content.total.officers.empty()) {
            std::string const line = "<i>Tidak ada tindakan petugas pada periode ini.</i>";
            note_section(pager, letter, title, line);
            return;
        }
        struct Officer {
            std::string name;
            OfficerFigures const* figures;
        };
        std::vector<Officer> officers;
        for (auto const& figures : content.total.officers) {
            auto const name = content.officer_names.find(figures.user_id);
            officers.push_back({ name != content.officer_names.end() ? name->second
                                                                     : "Pengguna #" + std::to_string(figures.user_id),
                &figures });
        }
        // By name, as a reader looks a person up; the id keeps namesakes in a
        // fixed order.
        std::sort(officers.begin(), officers.end(), [](Officer const& a, Officer const& b) {
            return a.name != b.name ? a.name < b.name : a.figures->user_id < b.figures->user_id;
        });
        std::vector<Row> rows;
        std::size_t number = 0;
        auto const dash = std::string("\u2014");
        for (auto const& officer : officers) {
            OfficerFigures const& f = *officer.figures;
            bool const visited = f.visits > 0;
            rows.push_back({ .cells = { std::to_string(++number) + ".", escape(officer.name), grouped(f.actions),
                                 grouped(f.visits), visited ? minutes_text(f.median_seconds) : dash,
                                 visited ? minutes_text(f.p90_seconds) : dash, share_text(f.on_time, f.visits) } });
        }
        table_section(pager, letter, title, k_officer_columns, rows);
        paragraph(pager,
            "<i>Tindakan: semua tindakan petugas pada periode ini. Tahapan diselesaikan: kunjungan tahapan yang "
            "diakhiri oleh tindakan petugas tersebut; median, P90 dan tepat waktu dihitung dari kunjungan itu.</i>",
            { .family = k_serif, .size = 8.5, .align = Align::Left });
    }

    void lay_out(Pager& pager, RecapContent const& content, SopDefinition const& definition)
    {
        char letter = 'A';
        headline_section(pager, letter, content);
        if (!content.satisfaction.empty()) {
            section(pager, letter, "Indeks Kepuasan Masyarakat", paragraph_height(pager, escape(content.satisfaction), k_text));
            paragraph(pager, escape(content.satisfaction));
        }
        step_table_section(pager, letter, content, definition);
        time_chart_section(pager, letter, content, definition);
        on_time_chart_section(pager, letter, content, definition);
        total_section(pager, letter, content);
        returns_section(pager, letter, content, definition);
        outages_section(pager, letter, content, definition);
        if (content.scope == RecapScope::Regency)
            offices_section(pager, letter, content);
        officers_section(pager, letter, content);
    }

}

std::string render_recap_pdf(RecapContent const& content)
{
    SopDefinition const no_definition;
    SopDefinition const& definition = content.definition ? *content.definition : no_definition;
    auto const page = page_size(content.paper_size);
    int const page_count = static_cast<int>(measure_drawing([&](cairo_t* cr) {
        Pager pager(
            cr, content, definition, page, [] {}, 0);
        lay_out(pager, content, definition);
        return static_cast<double>(pager.finish());
    }));
    PdfDocument pdf(page, content.title, k_undated);
    Pager pager(
        pdf.cr(), content, definition, page, [&] { pdf.next_page(); }, page_count);
    lay_out(pager, content, definition);
    pager.finish();
    return pdf.finish();
}

}
