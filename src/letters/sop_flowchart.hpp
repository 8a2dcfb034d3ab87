#pragma once
// The flowchart of the printed SOP (sop_print.hpp): which symbol stands in
// which role column of which row and where a decision sends the file back
// (the plan), the table's columns and rows measured and dealt out to pages
// (the layout), and the drawing of one page. Internal to src/letters; the
// tests read the layout to find where the symbols must be.

#include "core/model.hpp"
#include "core/sop.hpp"
#include "letters/house_style.hpp"

#include <cairo.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sopir::letters_detail {

// The symbols of Permenpan RB 35/2012's flowchart.
enum class Symbol {
    Terminator, // A rounded capsule: the first and the last activity.
    Process,    // A rectangle: any other activity.
    Decision,   // A diamond: an activity that can send the file back ("Tidak").
};

struct ChartRow {
    std::size_t column { 0 }; // The role column: the step's first role.
    Symbol symbol { Symbol::Process };
    // A decision's "Tidak": the row it sends the file back to.
    std::optional<std::size_t> back_to;
    std::string remark; // Keterangan: where "Tidak" leads, in words.
};

struct ChartPlan {
    std::vector<std::string> roles; // Role ids, in the order they first act.
    std::vector<ChartRow> rows;     // One per step.
};

// A step is a decision when one of its actions sends the file back: to an
// earlier step, or to a `returned` state (back to the applicant, whose
// activity is the first step's). The first and last rows stay terminators.
ChartPlan plan_chart(SopDefinition const&);

struct ChartPoint {
    double x;
    double y;
};

// Where an arrow leaves a symbol.
enum class ChartSide { Left, Right, Bottom, None };

// The rows [first, last) of one page of the chart.
struct ChartPage {
    std::size_t first { 0 };
    std::size_t last { 0 };
};

// The chart's table measured for a page `width` wide whose table may run
// from `top` (below the heading) to `bottom`.
class FlowchartLayout {
public:
    FlowchartLayout(SopDefinition const&, double left, double width, double top, double bottom);

    ChartPlan const& plan() const { return m_plan; }
    std::vector<ChartPage> const& pages() const { return m_pages; }
    // The x and width of a role column (0 for the first role).
    double role_left(std::size_t role) const;
    double role_width() const { return m_role_width; }
    // The y and height of a row on its page.
    double row_top(std::size_t row) const { return m_row_tops[row]; }
    double row_height(std::size_t row) const { return m_heights[row]; }
    // The y below the table's last row of the last page (with the total).
    double end() const { return m_end; }

    void draw_page(cairo_t*, std::size_t page) const;

private:
    void measure(cairo_t*);
    void paginate();
    void letter_connectors();
    double draw_header(cairo_t*) const;
    void draw_row(cairo_t*, std::size_t row) const;
    void draw_band(cairo_t*, double y) const;
    double draw_total(cairo_t*, double y) const;
    void draw_edges(cairo_t*, std::size_t page) const;
    void draw_forward(cairo_t*, std::size_t row, ChartPoint to) const;
    void draw_back(cairo_t*, std::size_t page, std::size_t row) const;
    void draw_returns_from_later_pages(cairo_t*, std::size_t page) const;
    std::vector<ChartPoint> back_start(cairo_t*, std::size_t row, double lane) const;
    ChartSide forward_side(std::size_t row) const;
    ChartPoint top_of(std::size_t row) const;
    ChartPoint entry(std::size_t row, bool right) const;
    // Half a symbol's width: symbols are about half a role column wide.
    double half_width() const { return m_role_width * 0.28; }
    double top_band() const;
    double bottom_band(std::size_t page) const;
    void draw_symbols(cairo_t*, std::size_t page) const;
    double column_x(std::size_t column) const;
    double symbol_x(std::size_t row) const;
    double symbol_y(std::size_t row) const { return m_row_tops[row] + m_heights[row] / 2; }
    double lane_x(std::size_t target, bool right) const;
    std::size_t page_of(std::size_t row) const;

    SopDefinition const& m_definition;
    ChartPlan m_plan;
    double m_left;
    double m_top;
    double m_bottom;
    std::vector<double> m_widths; // No, Kegiatan, the roles, Kelengkapan, Waktu, Output, Keterangan.
    double m_role_width { 0 };
    double m_header_top_height { 0 };
    double m_header_height { 0 };
    double m_total_height { 0 };
    std::vector<double> m_heights;
    std::vector<double> m_row_tops;
    std::vector<ChartPage> m_pages;
    std::map<std::size_t, std::string> m_break_letters; // By the page a break follows.
    std::map<std::size_t, std::string> m_back_letters;  // By the row a cross-page "Tidak" leads to.
    double m_end { 0 };
};

// The chart as the printed SOP lays it out on landscape pages of `paper`
// (sop_print.cpp), below its heading and above the footer.
FlowchartLayout printed_chart_layout(SopDefinition const&, PaperSize);

}
