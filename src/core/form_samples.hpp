#pragma once
// Sample data for a service's intake form: a whole request body of
// `POST /api/v1/cases` that passes the form's own checks and the service's
// rules, and so an example value for every field. The API's intake schema
// gives them as `examples`, `sopir letter preview` fills a sample letter with
// them, and tests submit them. Pure: "today" and the region data come in as
// arguments, and the same arguments always give the same sample.
//
// A field's own `example` is used when the definition gives one; otherwise
// the value is made from the field's type:
//   - the people of the form (the subject, a parent, each row of a rows
//     group) each get a name, a sex, a birth date in the past and a NIK that
//     agrees with both and with the office's kecamatan;
//   - a Nomor KK of the office's kecamatan, the same for the whole form (one
//     family), so that a document that must equal it does;
//   - a village of the office's kecamatan from the region data, a region of
//     the stated level (the office's own province, regency or kecamatan);
//   - other dates yesterday, selects their first option (a sex field the
//     person's sex), integers their minimum, free text a plain phrase.
// Rules the sample meets by construction: one_row_with (exactly the first
// row carries the value), max_days_ago (a person whose birth must be recent
// is born a few days ago), document_max_age (documents dated yesterday).

#include "core/date.hpp"
#include "core/regions.hpp"
#include "core/sop.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace sopir {

// {"service": ID, GROUP: {FIELD: "…"}, ROWS_GROUP: [{…}, …],
//  "documents": {DOC: {"number", "date", "valid_until"}}}: every group, a rows
// group with max(min_rows, 2) rows (at most max_rows), and each document the
// service requires (a document that has alternatives is given itself).
// `district_code` is the office's kecamatan ("63.05.06"); when empty, the
// first kecamatan of the region data stands in.
nlohmann::json sample_input(SopDefinition const&, Regions const*, std::string const& district_code, Date today);

// The value a sample gives to "group.field" (a rows group's first row);
// empty when the sample has none.
std::string sample_value(nlohmann::json const& sample, std::string_view group, std::string_view field);

}
