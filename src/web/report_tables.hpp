#pragma once
// The performance report (core/report.hpp) and the outage log as tables for
// the spreadsheet downloads (web/table_export.hpp), worded in Bahasa
// Indonesia as the dashboard words them. Times are in minutes with one
// decimal, shares in percent; a figure that does not exist (the median of a
// step nobody finished) is an empty cell, not 0.

#include "core/model.hpp"
#include "core/report.hpp"
#include "core/sop.hpp"
#include "web/table_export.hpp"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sopir::web {

// The report as five sheets, `title` on each (the XLSX page header):
//   "Ringkasan": uraian, nilai, satuan: the flow in the period, the state at
//       its end, the total time against the SOP's standard, the outages;
//   "Tahapan": one row per step in the SOP's order, against its standard;
//   "Alasan pengembalian" / "Alasan penundaan": every reason the SOP offers
//       for a return / a hold, in its order and labelled as on the slip, with
//       how many times it was given (0 included, so periods compare row by
//       row); a reason the SOP no longer has follows under its id;
//   "Petugas": one row per officer, by name; an officer missing from
//       `officer_names` is "#<id>".
std::vector<Table> summary_tables(ReportSummary const&, SopDefinition const&, std::map<Id, std::string> const& officer_names,
    std::string const& title = {});

// One row per office, for a report over a kabupaten's kecamatan: sheet
// "Per kantor", in the order given.
Table office_summary_table(std::vector<std::pair<std::string, ReportSummary>> const& offices, std::string const& title = {});

// The outage log: sheet "Gangguan", one row per outage in
// the order given, times in the office's local time; an outage not yet ended
// has no end and no length, and says so in "Keadaan".
Table outages_table(std::vector<OutageRecord> const&, int utc_offset_minutes, std::map<Id, std::string> const& names,
    std::string const& title = {});

// "jaringan" → "Gangguan jaringan", and so on; an unknown kind as it is.
std::string outage_kind_label(std::string_view kind);

}
