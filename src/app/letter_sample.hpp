#pragma once
// A service's letter filled with invented data, for `sopir letter preview`:
// the form's sample input (core/form_samples.hpp: every field its example, or
// a value of its type that passes its check, villages and regions from the
// region data), every document a number and date, every step a day; the
// office is the sample's kecamatan, the signer and the verification address
// are made up. Marked KONSEP.

#include "core/date.hpp"
#include "core/letter_template.hpp"
#include "core/regions.hpp"
#include "core/sop.hpp"
#include "letters/letter.hpp"

namespace sopir::app {

// The facts a preview resolves the template over.
// The sample's kecamatan is `district_code` when the region data has it,
// else the data's first.
LetterFacts sample_letter_facts(SopDefinition const&, Regions const&, std::string const& district_code, Date today);

// The whole letter (the definition must have a [letter]), copy Draft.
LetterContent sample_letter(SopDefinition const&, Regions const&, std::string const& district_code, Date today);

}
