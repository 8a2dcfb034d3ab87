#include "letters/sop_flowchart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <utility>

namespace sopir::letters_detail {

namespace {

    constexpr Style k_text { .family = k_sans, .size = 7.5, .align = Align::Left };
    constexpr Style k_centered { .family = k_sans, .size = 7.5, .align = Align::Center };
    constexpr Style k_label { .family = k_sans, .size = 6.5, .align = Align::Left };
    constexpr double k_pad = 3;
    // The symbols' heights: a process box and a terminator about two lines
    // of the chart's text, a decision's diamond taller, so that its corners
    // stand clear for the "Ya" and "Tidak" arrows. Their width follows the
    // role column (FlowchartLayout::half_width).
    constexpr double k_symbol_height = 16;
    constexpr double k_diamond_height = 24;
    constexpr double k_row_minimum = k_diamond_height + 18;
    // An off-page connector, and the band of a page's table that holds them.
    constexpr double k_connector_width = 11;
    constexpr double k_connector_height = 12;
    constexpr double k_band_height = k_connector_height + 10;

    // The columns besides the roles (No, Kegiatan, Kelengkapan, Waktu,
    // Output, Keterangan), as shares of the width the roles leave.
    constexpr std::array<double, 6> k_text_shares { 0.05, 0.32, 0.22, 0.10, 0.18, 0.13 };

    std::string letter_name(std::size_t index)
    {
        std::string name(1, static_cast<char>('A' + index % 26));
        if (index >= 26)
            name += std::to_string(index / 26);
        return name;
    }

    std::vector<std::string> roles_in_order(SopDefinition const& definition)
    {
        std::vector<std::string> roles;
        for (auto const& step : definition.steps)
            for (auto const& role : step.roles)
                if (std::find(roles.begin(), roles.end(), role) == roles.end())
                    roles.push_back(role);
        return roles;
    }

    // The row an action sends the file back to from row `row`, if it does:
    // an earlier step, or the first step for a return to the applicant.
    std::optional<std::size_t> sent_back_to(SopDefinition const& definition, ActionDefinition const& action, std::size_t row)
    {
        for (std::size_t i = 0; i < row; ++i)
            if (definition.steps[i].id == action.target)
                return i;
        if (definition.state_kind(action.target) == StateKind::Returned && row > 0)
            return 0;
        return std::nullopt;
    }

    std::string remark_for(SopDefinition const& definition, ActionDefinition const& action, std::size_t target)
    {
        if (definition.state_kind(action.target) == StateKind::Returned)
            return "Tidak: " + definition.state_label(action.target) + ".";
        return "Tidak: kembali ke kegiatan " + std::to_string(target + 1) + " (" + definition.steps[target].title + ").";
    }

    using Point = ChartPoint;
    using Side = ChartSide;

    // A line through `points` with a filled arrowhead at its end.
    void draw_arrow(cairo_t* cr, std::vector<Point> const& points)
    {
        cairo_set_line_width(cr, 0.75);
        cairo_move_to(cr, points.front().x, points.front().y);
        for (std::size_t i = 1; i < points.size(); ++i)
            cairo_line_to(cr, points[i].x, points[i].y);
        cairo_stroke(cr);
        Point const tip = points.back();
        Point const from = points[points.size() - 2];
        double const angle = std::atan2(tip.y - from.y, tip.x - from.x);
        double const length = 4.5;
        double const spread = 0.4;
        cairo_move_to(cr, tip.x, tip.y);
        cairo_line_to(cr, tip.x - length * std::cos(angle - spread), tip.y - length * std::sin(angle - spread));
        cairo_line_to(cr, tip.x - length * std::cos(angle + spread), tip.y - length * std::sin(angle + spread));
        cairo_close_path(cr);
        cairo_fill(cr);
    }

    double half_height(Symbol symbol)
    {
        return (symbol == Symbol::Decision ? k_diamond_height : k_symbol_height) / 2;
    }

    // Half the symbol's width `dy` above or below its middle.
    double half_width_at(Symbol symbol, double half_width, double dy)
    {
        switch (symbol) {
        case Symbol::Decision:
            return half_width * (1 - std::abs(dy) / half_height(symbol));
        case Symbol::Terminator: {
            double const radius = k_symbol_height / 2;
            return half_width - radius + std::sqrt(radius * radius - dy * dy);
        }
        case Symbol::Process:
            break;
        }
        return half_width;
    }

    void symbol_path(cairo_t* cr, Symbol symbol, double x, double y, double half_width)
    {
        double const half = half_height(symbol);
        switch (symbol) {
        case Symbol::Terminator:
            cairo_new_sub_path(cr);
            cairo_arc(cr, x + half_width - half, y, half, -M_PI / 2, M_PI / 2);
            cairo_arc(cr, x - half_width + half, y, half, M_PI / 2, 3 * M_PI / 2);
            cairo_close_path(cr);
            break;
        case Symbol::Process:
            cairo_rectangle(cr, x - half_width, y - half, 2 * half_width, 2 * half);
            break;
        case Symbol::Decision:
            cairo_move_to(cr, x, y - half);
            cairo_line_to(cr, x + half_width, y);
            cairo_line_to(cr, x, y + half);
            cairo_line_to(cr, x - half_width, y);
            cairo_close_path(cr);
            break;
        }
    }

    // White inside, so that a line passing under a symbol does not show
    // through it; a black outline.
    void fill_and_outline(cairo_t* cr)
    {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 1.1);
        cairo_stroke(cr);
    }

    // The off-page connector: a pentagon pointing down, with its letter.
    void draw_connector(cairo_t* cr, double x, double y, std::string const& letter)
    {
        double const w = k_connector_width / 2;
        double const h = k_connector_height / 2;
        cairo_move_to(cr, x - w, y - h);
        cairo_line_to(cr, x + w, y - h);
        cairo_line_to(cr, x + w, y + h * 0.3);
        cairo_line_to(cr, x, y + h);
        cairo_line_to(cr, x - w, y + h * 0.3);
        cairo_close_path(cr);
        fill_and_outline(cr);
        draw_markup(cr, x - w - 4, y - h + 0.5, 2 * w + 8, "<b>" + escape(letter) + "</b>",
            { .family = k_sans, .size = 6.5, .align = Align::Center });
    }

    void draw_cell(cairo_t* cr, double x, double y, double width, double height, std::string const& markup, Style style)
    {
        cairo_set_line_width(cr, 0.5);
        cairo_rectangle(cr, x, y, width, height);
        cairo_stroke(cr);
        if (markup.empty())
            return;
        double const used = measure_markup(cr, width - 2 * k_pad, markup, style);
        double const text_y = style.align == Align::Center ? y + (height - used) / 2 : y + k_pad;
        draw_markup(cr, x + k_pad, text_y, width - 2 * k_pad, markup, style);
    }

    std::string requirements(SopDefinition const& definition, StepDefinition const& step)
    {
        std::string markup;
        auto add = [&](std::string const& item) { markup += (markup.empty() ? "- " : "\n- ") + escape(item); };
        for (auto const& id : step.documents) {
            auto const* document = definition.find_document(id);
            add(document ? document->label : id);
        }
        for (auto const& item : step.input)
            add(item);
        return markup;
    }

    // A role's title as its column head: in the chart's size, or smaller
    // until its longest word fits the narrow column, so no word is broken.
    Style role_head_style(cairo_t* cr, std::string const& title, double width)
    {
        Style style = k_centered;
        std::istringstream words(title);
        std::string word;
        while (words >> word) {
            std::string const markup = "<b>" + escape(word) + "</b>";
            while (style.size > 5 && measure_markup(cr, width, markup, style) > measure_markup(cr, 1e6, markup, style) + 0.1)
                style.size -= 0.5;
        }
        return style;
    }

    std::string minutes(int count)
    {
        return std::to_string(count) + " menit";
    }


}

ChartPlan plan_chart(SopDefinition const& definition)
{
    ChartPlan plan { .roles = roles_in_order(definition), .rows = {} };
    std::size_t const count = definition.steps.size();
    for (std::size_t i = 0; i < count; ++i) {
        auto const& step = definition.steps[i];
        ChartRow row;
        if (!step.roles.empty())
            row.column = static_cast<std::size_t>(std::find(plan.roles.begin(), plan.roles.end(), step.roles.front()) - plan.roles.begin());
        row.symbol = i == 0 || i + 1 == count ? Symbol::Terminator : Symbol::Process;
        for (auto const& action : step.actions) {
            auto const target = sent_back_to(definition, action, i);
            if (!target || row.symbol == Symbol::Terminator)
                continue;
            row.symbol = Symbol::Decision;
            row.back_to = target;
            row.remark = remark_for(definition, action, *target);
            break;
        }
        plan.rows.push_back(std::move(row));
    }
    return plan;
}

FlowchartLayout::FlowchartLayout(SopDefinition const& definition, double left, double width, double top, double bottom)
    : m_definition(definition)
    , m_plan(plan_chart(definition))
    , m_left(left)
    , m_top(top)
    , m_bottom(bottom)
{
    std::size_t const roles = std::max<std::size_t>(m_plan.roles.size(), 1);
    double const role_area = std::min(width * 0.45, 80.0 * static_cast<double>(roles));
    m_role_width = role_area / static_cast<double>(roles);
    double const rest = width - role_area;
    m_widths.push_back(rest * k_text_shares[0]);
    m_widths.push_back(rest * k_text_shares[1]);
    for (std::size_t i = 0; i < m_plan.roles.size(); ++i)
        m_widths.push_back(m_role_width);
    for (std::size_t i = 2; i < k_text_shares.size(); ++i)
        m_widths.push_back(rest * k_text_shares[i]);
    measure_drawing([&](cairo_t* cr) {
        measure(cr);
        return 0.0;
    });
    paginate();
    letter_connectors();
}

double FlowchartLayout::column_x(std::size_t column) const
{
    double x = m_left;
    for (std::size_t i = 0; i < column; ++i)
        x += m_widths[i];
    return x;
}

double FlowchartLayout::role_left(std::size_t role) const
{
    return column_x(2 + role);
}

double FlowchartLayout::symbol_x(std::size_t row) const
{
    return role_left(m_plan.rows[row].column) + m_role_width / 2;
}

// The symbols are about half a role column wide; the lanes of the arrows
// that lead back run between a symbol and its column's edge.
double FlowchartLayout::lane_x(std::size_t target, bool right) const
{
    double const offset = half_width() + (m_role_width / 2 - half_width()) / 2;
    return symbol_x(target) + (right ? offset : -offset);
}

std::size_t FlowchartLayout::page_of(std::size_t row) const
{
    for (std::size_t p = 0; p < m_pages.size(); ++p)
        if (row < m_pages[p].last)
            return p;
    return m_pages.size() - 1;
}

void FlowchartLayout::measure(cairo_t* cr)
{
    m_header_top_height = measure_markup(cr, m_widths[1], "<b>Pelaksana</b>", k_centered) + 2 * k_pad;
    double second = 0;
    for (std::size_t i = 0; i < m_plan.roles.size(); ++i) {
        std::string const title = m_definition.role_title(m_plan.roles[i]);
        double const width = m_role_width - 2 * k_pad;
        second = std::max(second, measure_markup(cr, width, "<b>" + escape(title) + "</b>", role_head_style(cr, title, width)));
    }
    std::size_t const roles = m_plan.roles.size();
    second = std::max(second, measure_markup(cr, m_widths[2 + roles] - 2 * k_pad, "<b>Kelengkapan</b>", k_centered));
    m_header_height = m_header_top_height + second + 2 * k_pad;
    for (std::size_t i = 0; i < m_definition.steps.size(); ++i) {
        auto const& step = m_definition.steps[i];
        std::array<std::pair<std::size_t, std::string>, 4> const cells { {
            { 1, escape(step.description.empty() ? step.title : step.description) },
            { 2 + roles, requirements(m_definition, step) },
            { 4 + roles, escape(step.output) },
            { 5 + roles, escape(m_plan.rows[i].remark) },
        } };
        double tallest = k_row_minimum;
        for (auto const& [column, markup] : cells)
            tallest = std::max(tallest, measure_markup(cr, m_widths[column] - 2 * k_pad, markup, k_text) + 2 * k_pad);
        m_heights.push_back(tallest);
    }
    m_total_height = measure_markup(cr, m_widths[3 + roles] - 2 * k_pad, "<b>" + minutes(total_standard_minutes(m_definition)) + "</b>", k_centered)
        + 2 * k_pad;
}

// A row goes on the page when it fits with what must follow it there: the
// band of the off-page connectors, or after the last row the total.
void FlowchartLayout::paginate()
{
    std::size_t const count = m_heights.size();
    m_row_tops.assign(count, 0);
    m_pages.push_back({ 0, 0 });
    double y = m_top + m_header_height;
    for (std::size_t i = 0; i < count; ++i) {
        double const after = i + 1 == count ? m_total_height : k_band_height;
        if (m_pages.back().first < i && y + m_heights[i] + after > m_bottom) {
            m_pages.back().last = i;
            m_pages.push_back({ i, i });
            y = m_top + m_header_height + k_band_height;
        }
        m_row_tops[i] = y;
        y += m_heights[i];
    }
    m_pages.back().last = count;
    m_end = y + m_total_height;
}

void FlowchartLayout::letter_connectors()
{
    std::size_t next = 0;
    for (std::size_t p = 0; p + 1 < m_pages.size(); ++p)
        m_break_letters[p] = letter_name(next++);
    for (std::size_t row = 0; row < m_plan.rows.size(); ++row) {
        auto const target = m_plan.rows[row].back_to;
        if (target && page_of(*target) != page_of(row) && !m_back_letters.contains(*target))
            m_back_letters[*target] = letter_name(next++);
    }
}

double FlowchartLayout::draw_header(cairo_t* cr) const
{
    std::size_t const roles = m_plan.roles.size();
    double const full = m_header_height;
    double const lower = full - m_header_top_height;
    double const y = m_top;
    draw_cell(cr, column_x(0), y, m_widths[0], full, "<b>No.</b>", k_centered);
    draw_cell(cr, column_x(1), y, m_widths[1], full, "<b>Kegiatan</b>", k_centered);
    draw_cell(cr, column_x(2), y, m_role_width * static_cast<double>(roles), m_header_top_height, "<b>Pelaksana</b>", k_centered);
    for (std::size_t i = 0; i < roles; ++i) {
        std::string const title = m_definition.role_title(m_plan.roles[i]);
        draw_cell(cr, role_left(i), y + m_header_top_height, m_role_width, lower, "<b>" + escape(title) + "</b>",
            role_head_style(cr, title, m_role_width - 2 * k_pad));
    }
    double const quality = m_widths[2 + roles] + m_widths[3 + roles] + m_widths[4 + roles];
    draw_cell(cr, column_x(2 + roles), y, quality, m_header_top_height, "<b>Mutu Baku</b>", k_centered);
    std::array<char const*, 3> const titles { "Kelengkapan", "Waktu", "Output" };
    for (std::size_t i = 0; i < titles.size(); ++i)
        draw_cell(cr, column_x(2 + roles + i), y + m_header_top_height, m_widths[2 + roles + i], lower,
            std::string("<b>") + titles[i] + "</b>", k_centered);
    draw_cell(cr, column_x(5 + roles), y, m_widths[5 + roles], full, "<b>Keterangan</b>", k_centered);
    return y + full;
}

void FlowchartLayout::draw_row(cairo_t* cr, std::size_t row) const
{
    auto const& step = m_definition.steps[row];
    std::size_t const roles = m_plan.roles.size();
    double const y = m_row_tops[row];
    double const height = m_heights[row];
    draw_cell(cr, column_x(0), y, m_widths[0], height, std::to_string(row + 1) + ".", k_centered);
    draw_cell(cr, column_x(1), y, m_widths[1], height, escape(step.description.empty() ? step.title : step.description), k_text);
    for (std::size_t i = 0; i < roles; ++i)
        draw_cell(cr, role_left(i), y, m_role_width, height, "", k_text);
    draw_cell(cr, column_x(2 + roles), y, m_widths[2 + roles], height, requirements(m_definition, step), k_text);
    draw_cell(cr, column_x(3 + roles), y, m_widths[3 + roles], height, minutes(step.standard_minutes), k_centered);
    draw_cell(cr, column_x(4 + roles), y, m_widths[4 + roles], height, escape(step.output), k_text);
    draw_cell(cr, column_x(5 + roles), y, m_widths[5 + roles], height, escape(m_plan.rows[row].remark), k_text);
}

// The band above a continued page's first row or below a page's last row:
// a row of empty cells for the off-page connectors.
void FlowchartLayout::draw_band(cairo_t* cr, double y) const
{
    for (std::size_t i = 0; i < m_widths.size(); ++i)
        draw_cell(cr, column_x(i), y, m_widths[i], k_band_height, "", k_text);
}

double FlowchartLayout::draw_total(cairo_t* cr, double y) const
{
    std::size_t const roles = m_plan.roles.size();
    double const label_width = column_x(3 + roles) - m_left;
    draw_cell(cr, m_left, y, label_width, m_total_height, "<b>Jumlah waktu</b>", { .family = k_sans, .size = 7.5, .align = Align::Right });
    draw_cell(cr, column_x(3 + roles), y, m_widths[3 + roles], m_total_height,
        "<b>" + minutes(total_standard_minutes(m_definition)) + "</b>", k_centered);
    draw_cell(cr, column_x(4 + roles), y, m_widths[4 + roles] + m_widths[5 + roles], m_total_height, "", k_text);
    return y + m_total_height;
}

namespace {

    struct Label {
        Point at;
        Side side;
    };

    // "Ya" or "Tidak" beside where an arrow leaves a decision.
    void draw_exit_label(cairo_t* cr, Label label, std::string const& text)
    {
        Style style = k_label;
        double x = label.at.x + 1.5;
        double y = label.at.y - 8.5;
        if (label.side == Side::Left) {
            x = label.at.x - 25.5;
            style.align = Align::Right;
        } else if (label.side == Side::Bottom) {
            x = label.at.x + 2;
            y = label.at.y + 0.5;
        }
        draw_markup(cr, x, y, 24, escape(text), style);
    }

}

void FlowchartLayout::draw_page(cairo_t* cr, std::size_t page) const
{
    auto const& part = m_pages[page];
    double const top = draw_header(cr);
    if (part.first == part.last) {
        draw_total(cr, top);
        return;
    }
    if (page > 0)
        draw_band(cr, top);
    for (std::size_t row = part.first; row < part.last; ++row)
        draw_row(cr, row);
    double const below = m_row_tops[part.last - 1] + m_heights[part.last - 1];
    if (page + 1 < m_pages.size())
        draw_band(cr, below);
    else
        draw_total(cr, below);
    draw_edges(cr, page);
    draw_symbols(cr, page);
}

void FlowchartLayout::draw_symbols(cairo_t* cr, std::size_t page) const
{
    for (std::size_t row = m_pages[page].first; row < m_pages[page].last; ++row) {
        symbol_path(cr, m_plan.rows[row].symbol, symbol_x(row), symbol_y(row), half_width());
        fill_and_outline(cr);
    }
}

ChartSide FlowchartLayout::forward_side(std::size_t row) const
{
    auto const& rows = m_plan.rows;
    if (row + 1 >= rows.size())
        return Side::None;
    auto const from = rows[row].column;
    auto const to = rows[row + 1].column;
    return to == from ? Side::Bottom : to > from ? Side::Right : Side::Left;
}

ChartPoint FlowchartLayout::top_of(std::size_t row) const
{
    return { symbol_x(row), symbol_y(row) - half_height(m_plan.rows[row].symbol) };
}

double FlowchartLayout::top_band() const
{
    return m_top + m_header_height + k_band_height / 2;
}

double FlowchartLayout::bottom_band(std::size_t page) const
{
    std::size_t const last = m_pages[page].last - 1;
    return m_row_tops[last] + m_heights[last] + k_band_height / 2;
}

// From a symbol to the top of the next one, or of a connector in the next
// one's column: straight down in the same column, else out of the side
// facing it and down into it.
void FlowchartLayout::draw_forward(cairo_t* cr, std::size_t row, ChartPoint to) const
{
    Point const middle { symbol_x(row), symbol_y(row) };
    Side const side = forward_side(row);
    Symbol const symbol = m_plan.rows[row].symbol;
    Label label { { middle.x, middle.y + half_height(symbol) }, Side::Bottom };
    if (side == Side::Bottom) {
        draw_arrow(cr, { label.at, to });
    } else {
        label = { { middle.x + (side == Side::Right ? half_width() : -half_width()), middle.y }, side };
        draw_arrow(cr, { label.at, { to.x, middle.y }, to });
    }
    if (symbol == Symbol::Decision)
        draw_exit_label(cr, label, "Ya");
}

// Into a symbol's side from its lane, a quarter of its height below the
// middle, clear of an arrow leaving that side at the middle.
ChartPoint FlowchartLayout::entry(std::size_t row, bool right) const
{
    double const dy = k_symbol_height / 4;
    double const x = symbol_x(row) + (right ? 1 : -1) * half_width_at(m_plan.rows[row].symbol, half_width(), dy);
    return { x, symbol_y(row) + dy };
}

// From a decision to its lane: out of the side facing the lane, or out of
// the bottom when the "Ya" arrow takes that side.
std::vector<ChartPoint> FlowchartLayout::back_start(cairo_t* cr, std::size_t row, double lane) const
{
    Point const middle { symbol_x(row), symbol_y(row) };
    Side const side = lane < middle.x ? Side::Left : Side::Right;
    if (side != forward_side(row)) {
        Point const vertex { middle.x + (side == Side::Right ? half_width() : -half_width()), middle.y };
        draw_exit_label(cr, { vertex, side }, "Tidak");
        return { vertex, { lane, middle.y } };
    }
    double const below = middle.y + half_height(m_plan.rows[row].symbol);
    draw_exit_label(cr, { { middle.x, below }, Side::Bottom }, "Tidak");
    return { { middle.x, below }, { middle.x, below + 5 }, { lane, below + 5 } };
}

// A decision's "Tidak": up its target's lane into the target's side, or,
// for a target on an earlier page, up to a connector in the band above
// this page's rows.
void FlowchartLayout::draw_back(cairo_t* cr, std::size_t page, std::size_t row) const
{
    std::size_t const target = *m_plan.rows[row].back_to;
    bool const here = page_of(target) == page;
    bool const right = !here || m_plan.rows[target].column <= m_plan.rows[row].column;
    double const lane = lane_x(target, right);
    auto path = back_start(cr, row, lane);
    if (here) {
        Point const into = entry(target, right);
        path.push_back({ lane, into.y });
        path.push_back(into);
        draw_arrow(cr, path);
        return;
    }
    path.push_back({ lane, top_band() + k_connector_height / 2 });
    draw_arrow(cr, path);
    draw_connector(cr, lane, top_band(), m_back_letters.at(target));
}

// The returns from later pages come in at a connector below this page's
// rows, up the target's lane.
void FlowchartLayout::draw_returns_from_later_pages(cairo_t* cr, std::size_t page) const
{
    for (auto const& [target, letter] : m_back_letters) {
        if (page_of(target) != page)
            continue;
        double const lane = lane_x(target, true);
        Point const into = entry(target, true);
        draw_arrow(cr, { { lane, bottom_band(page) - k_connector_height / 2 }, { lane, into.y }, into });
        draw_connector(cr, lane, bottom_band(page), letter);
    }
}

void FlowchartLayout::draw_edges(cairo_t* cr, std::size_t page) const
{
    auto const& part = m_pages[page];
    if (page > 0) {
        Point const connector { symbol_x(part.first), top_band() };
        draw_arrow(cr, { { connector.x, connector.y + k_connector_height / 2 }, top_of(part.first) });
        draw_connector(cr, connector.x, connector.y, m_break_letters.at(page - 1));
    }
    for (std::size_t row = part.first; row < part.last; ++row) {
        if (row + 1 < part.last) {
            draw_forward(cr, row, top_of(row + 1));
        } else if (row + 1 < m_plan.rows.size()) {
            Point const connector { symbol_x(row + 1), bottom_band(page) };
            draw_forward(cr, row, { connector.x, connector.y - k_connector_height / 2 });
            draw_connector(cr, connector.x, connector.y, m_break_letters.at(page));
        }
        if (m_plan.rows[row].back_to)
            draw_back(cr, page, row);
    }
    draw_returns_from_later_pages(cr, page);
}

}
