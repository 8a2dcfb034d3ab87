#pragma once
// The printed SOP of a service (letters/sop_print.hpp) as an office states
// it: its Nomor SOP, dates, approver and step minutes (core/office_sop.hpp),
// under its kop, on its paper. For `sopir sop print` and the public
// /layanan/{id}/sop.pdf and /layanan/{id}/alur.svg.

#include "core/model.hpp"
#include "core/result.hpp"
#include "core/sop.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>

namespace sopir::desk {

enum class SopPrintFormat {
    Pdf,          // The identity sheet and the flowchart, as the office prints them.
    FlowchartSvg, // The flowchart alone, one picture, for a web page.
};

// The file's definition with no office: the heading is the definition's
// [meta] office, the paper `paper` (A4 unless asked).
std::string print_sop(SopDefinition const&, SopPrintFormat, std::optional<PaperSize> paper = std::nullopt);

// As `office` states the definition, under its kop, on `paper` or else
// the office's own paper size.
Result<std::string> print_office_sop(store::Store&, SopDefinition const& file, Office const& office, SopPrintFormat,
    std::optional<PaperSize> paper = std::nullopt);

}
