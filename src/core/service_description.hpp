#pragma once
// What `GET /api/v1/services/{id}` says of a service, so that a client that
// knows nothing else can build its intake form and walk a case: the JSON
// Schema (draft 2020-12) of the body of `POST /api/v1/cases`, with an example
// for every field (form_samples.hpp), and the steps and special states with
// every action: who may take it, where it leads, what it asks for. Pure: the
// region data, the office's kecamatan and "today" come in as arguments.
//
// The schema's keywords besides the standard ones, all annotations:
//   format   nik, kk, date (YYYY-MM-DD), time (HH:MM), phone, village,
//            region; a client validating with them registers its own checks.
//   x-sopir-input  the field's input type ("text", "textarea", "name",
//                  "integer", "select", "rt_rw", …): which input to show.
//   x-sopir-level  a region field's level: province, regency, district, village.
//   x-sopir-minimum, x-sopir-maximum  an integer field's bounds (its value
//                  is text, which `minimum` and `maximum` do not apply to).
// Labels are `title`, help text `description`, a select's options a `oneOf`
// of `const` with the option's label as `title`. What the schema cannot say
// (a NIK that agrees with the birth date, one Kepala Keluarga, a document's
// age) the server answers with 422 as for any other mistake.

#include "core/date.hpp"
#include "core/regions.hpp"
#include "core/sop.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace sopir {

inline constexpr std::string_view k_json_schema_2020_12 = "https://json-schema.org/draft/2020-12/schema";

// The schema of the request body, `examples` taken from `sample`
// (sample_input) for each field and for the whole body.
nlohmann::ordered_json intake_schema(SopDefinition const&, nlohmann::json const& sample, Regions const*, std::string const& district_code);

// {"steps": [...], "states": [...]}: each with id, its title or label, kind,
// roles and actions; each action with id, label, target, target_kind, roles
// (its own or else its step's), note_required, reasons_required, reasons,
// fields, letter ("sign", "seal" or null) and password_required.
nlohmann::ordered_json workflow_description(SopDefinition const&);

// The whole answer: id, title, standard_minutes, initial_step, documents,
// roles, registers, standard, intake_schema, steps, states.
nlohmann::ordered_json describe_service(SopDefinition const&, Regions const*, std::string const& district_code, Date today);

}
