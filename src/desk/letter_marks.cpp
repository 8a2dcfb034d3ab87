// The marks of a service whose output is marks (legalisation): printing a
// case's marks, and the verification a mark's QR code opens.
#include "desk/letter_desk.hpp"

#include "letters/marks.hpp"

#include <string>

namespace sopir::desk {

Result<std::string> LetterDesk::marks_pdf(Staff const& staff, Id case_id, MarkPrint const& print) const
{
    // The marks go onto the papers the office legalises: printed by its staff.
    if (m_desk.is_applicant_only(staff))
        return Error::forbidden("Tanda legalisasi dicetak oleh petugas kantor.");
    auto letter = sealed_letter(staff, case_id);
    if (!letter.ok())
        return letter.error();
    auto content = letter_content_from_json(letter->content_json);
    if (!content.ok())
        return content.error();
    if (!content->mark)
        return Error::invalid("layout", "Layanan ini menerbitkan surat, bukan tanda pada salinan; cetak suratnya.", "marks.none");
    MarkSheet const sheet { .layout = print.layout, .corner = print.corner, .paper = print.paper.value_or(content->paper_size) };
    std::string pdf = render_marks_pdf(*content, sheet);
    (void)m_store.log_access(staff.user.id, case_id, "cetak tanda legalisasi", "", m_clock());
    return pdf;
}

Result<LetterVerdict> LetterDesk::verify_copy(std::string const& token, int copy, std::string const& address) const
{
    auto found = m_store.letter_by_token(token);
    if (found.ok()) {
        // Only a copy the letter has: a letter without marks has none, and
        // an index beyond its count names no paper the office marked.
        auto content = letter_content_from_json(found->content_json);
        bool const has_copy = content.ok() && content->mark && copy >= 1 && copy <= content->mark->copies;
        if (!has_copy)
            found = Error::not_found("Tidak ada salinan ke-" + std::to_string(copy) + " dengan alamat verifikasi ini.");
    }
    auto verdict = logged(std::move(found), store::VerificationMethod::Token, address);
    if (verdict.ok())
        verdict->copy = copy;
    return verdict;
}

}
