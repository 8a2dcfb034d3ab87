#pragma once
// The E-KTP service's letter as the letters tests draw it: the real
// definition (sops/perekaman-ektp.toml, compiled in), and a content of
// version 1 (particulars, recording date, purpose) drawn through its
// template as a letter signed before templates is.

#include "core/sop.hpp"
#include "letters/letter.hpp"
#include "letters/letter_content.hpp"
#include "perekaman_ektp_toml.hpp"

#include <stdexcept>

namespace sopir::ektp_letter {

inline SopDefinition const& definition()
{
    static SopDefinition const loaded = [] {
        auto definition = load_sop(testing::k_perekaman_ektp_toml, "sops/perekaman-ektp.toml");
        if (!definition.ok())
            throw std::runtime_error(definition.error().message);
        return *definition;
    }();
    return loaded;
}

inline std::string render(LetterContent const& letter)
{
    return render_letter_pdf(legacy_letter_body(letter, definition()));
}

}
