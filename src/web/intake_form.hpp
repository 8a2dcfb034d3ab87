#pragma once
// The intake form of a service, generated from its definition: one renderer
// for every service's form (sops/*.toml, [[form]] and documents), used by the
// intake page and by a returned case's resubmission. Inputs are named by the
// field paths the form check's findings use ("applicant.nik",
// "members.0.nik", "documents.surat_pengantar.date"), so each error lands
// beside its input, and what was typed is shown again.

#include "core/regions.hpp"
#include "core/sop.hpp"
#include "web/http.hpp"
#include "web/views.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <span>
#include <string>
#include <vector>

namespace sopir::web {

// What the form shows, by input name.
using TypedForm = std::map<std::string, std::string>;

// A fieldset of the form: a group, one row of a rows group, or the documents.
struct FormSection {
    std::string legend;
    std::vector<FormField> fields;
    // The last row of a rows group below its maximum: the group's id, for
    // the "Tambah baris" button after it.
    std::string add_row;
};

// The submit button that asks for the form again with one more row of the
// group it names, keeping what was typed; nothing is saved.
inline constexpr char const* k_add_row_input = "tambah_baris";

// A document whose number must equal a field of the form (the Kartu
// Keluarga's, the Nomor KK) is a tick on the form, "handed in", posting
// k_same_number; its number is the field's.
inline constexpr char const* k_same_number = "sama";
bool shows_as_tick(DocumentDefinition const&, SopDefinition const&);

// Whether a post carries the form's inputs (a resubmission's corrections).
bool posts_form(Params const&, SopDefinition const&);
// The form's inputs as posted.
TypedForm read_typed_form(Params const&, SopDefinition const&);
// The same as the form check's input: {GROUP: {…}, ROWS: [{…}], "documents": {…}}.
nlohmann::json form_input(TypedForm const&, SopDefinition const&);
// A stored (or decoded) input as the form shows it.
TypedForm typed_form(nlohmann::json const& input, SopDefinition const&);

// The fieldsets of the form, showing `typed`; `villages` are the office's
// kecamatan's, for village fields. A rows group shows the rows typed and
// blank ones up to its minimum, and one spare (within its maximum); one
// more than were shown when the post asked for a row (k_add_row_input).
std::vector<FormSection> form_sections(SopDefinition const&, TypedForm const&, std::span<Region const> villages);

}
