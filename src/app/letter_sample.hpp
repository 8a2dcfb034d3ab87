#pragma once
// A service's letter filled with invented data, for `sopir letter preview`:
// every field of the form gets its example value (or one made up from its
// type), every document a number and date, every step a day; the office, the
// signer and the verification address are made up too. Marked KONSEP.

#include "core/date.hpp"
#include "core/letter_template.hpp"
#include "core/sop.hpp"
#include "letters/letter.hpp"

namespace sopir::app {

// The facts a preview resolves the template over.
LetterFacts sample_letter_facts(SopDefinition const&, Date today);

// The whole letter (the definition must have a [letter]), copy Draft.
LetterContent sample_letter(SopDefinition const&, Date today);

}
