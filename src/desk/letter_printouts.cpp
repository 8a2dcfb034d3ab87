// The office's other printouts: the tanda terima, the
// return slip and the register pages, filled from what is stored and
// rendered by src/letters/printouts.cpp in the letter's house style.
#include "desk/letter_desk.hpp"

#include "desk/survey_desk.hpp"
#include "core/identity.hpp"
#include "core/indonesian.hpp"
#include "core/json.hpp"
#include "letters/printouts.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <tuple>

namespace sopir::desk {

namespace {

    // WIB, WITA, WIT by the office's offset (UU: PP 41/1987 zones).
    std::string zone_name(int utc_offset_minutes)
    {
        switch (utc_offset_minutes) {
        case 7 * 60: return "WIB";
        case 8 * 60: return "WITA";
        case 9 * 60: return "WIT";
        default: break;
        }
        int const hours = utc_offset_minutes / 60;
        return "UTC" + std::string(hours >= 0 ? "+" : "") + std::to_string(hours);
    }

    // "Rabu, 25 November 2026 pukul 09.14 WITA".
    std::string printed_time(Timestamp at, Office const& office)
    {
        std::string time = local_time_hhmm(at, office.utc_offset_minutes);
        std::replace(time.begin(), time.end(), ':', '.');
        return format_date_long_id(local_date(at, office.utc_offset_minutes)) + " pukul " + time + " " + zone_name(office.utc_offset_minutes);
    }

    // The labels the service's form gives the subject's name and NIK.
    std::pair<std::string, std::string> person_labels(SopDefinition const& definition)
    {
        std::pair<std::string, std::string> labels { "Nama", "NIK" };
        if (InputGroup const* subject = definition.form.subject())
            for (auto const& field : subject->fields) {
                if (field.name == "name" && !field.label.empty())
                    labels.first = field.label;
                if (field.name == "nik" && !field.label.empty())
                    labels.second = field.label;
            }
        return labels;
    }

    std::string capitals(std::string text)
    {
        for (char& c : text)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return text;
    }

    std::string name_of(store::Store& store, Id user_id)
    {
        if (!user_id)
            return "";
        auto user = store.user_by_id(user_id);
        return user.ok() ? user->full_name : "";
    }


}

Result<std::string> LetterDesk::receipt_pdf(Staff const& staff, Id case_id) const
{
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    SopDefinition const* definition = m_desk.service(item->service_id);
    if (!definition)
        return Error::internal("SOP " + item->service_id + " tidak dimuat.");
    auto const documents = parse_json_or(item->documents_json, nlohmann::json());
    ReceiptContent receipt { .office = printed_office(m_store, staff.office), .case_number = std::to_string(item->id),
        .registration_number = item->registration_number,
        .service_title = definition->title, .name = item->applicant_name, .nik_masked = mask_nik(item->nik),
        .received_at = printed_time(item->created_at, staff.office), .received_by = name_of(m_store, item->created_by),
        .status_url = public_url_for(staff.office) + "/status", .paper_size = staff.office.paper_size };
    int minutes = 0;
    for (auto const& step : definition->steps)
        minutes += step.standard_minutes;
    receipt.standard_minutes = minutes;
    std::tie(receipt.name_label, receipt.nik_label) = person_labels(*definition);
    for (auto const& document : definition->documents) {
        bool const handed_in = documents.is_object() && documents.contains(document.id);
        receipt.documents.emplace_back(document.label, handed_in);
    }
    // Filed by the applicant (an applicant-only account): no officer took it.
    if (auto creator = m_store.user_by_id(item->created_by); creator.ok())
        if (auto as_staff = m_desk.staff(*creator); as_staff.ok())
            receipt.filed_online = m_desk.is_applicant_only(*as_staff);
    // Each printing issues the PIN anew (the one on the last printout
    // counts); with the nomor permohonan it works from intake on.
    auto pin = m_desk.issue_status_pin(staff, case_id);
    if (!pin.ok())
        return pin.error();
    receipt.status_pin = *pin;
    // The survey link of the case: the same token on every printing.
    auto token = m_store.survey_token(case_id, new_survey_token(), m_clock());
    if (!token.ok())
        return token.error();
    receipt.survey_url = public_url_for(staff.office) + "/survei/" + *token;
    (void)m_store.log_access(staff.user.id, case_id, "cetak tanda terima", "", m_clock());
    return render_receipt_pdf(receipt);
}

Result<std::string> LetterDesk::return_slip_pdf(Staff const& staff, Id case_id) const
{
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    SopDefinition const* definition = m_desk.service(item->service_id);
    if (!definition)
        return Error::internal("SOP " + item->service_id + " tidak dimuat.");
    auto history = m_store.case_actions(case_id);
    if (!history.ok())
        return history.error();
    // The last time the file was handed back: its reasons and note.
    auto returned = std::find_if(history->rbegin(), history->rend(),
        [&](ActionRecord const& record) { return definition->state_kind(record.to_state) == StateKind::Returned; });
    if (returned == history->rend()) {
        Error error = Error::conflict("Berkas ini tidak pernah dikembalikan, jadi tidak ada slip pengembalian.");
        error.code = "slip.not_returned";
        return error;
    }
    ReturnSlipContent slip { .office = printed_office(m_store, staff.office), .registration_number = item->registration_number,
        .name = item->applicant_name, .nik_masked = mask_nik(item->nik), .returned_at = printed_time(returned->at, staff.office),
        .note = returned->note, .returned_by = name_of(m_store, returned->actor_id), .paper_size = staff.office.paper_size };
    slip.service_title = definition->title;
    std::tie(slip.name_label, slip.nik_label) = person_labels(*definition);
    ActionDefinition const* action = definition->find_action(returned->from_state, returned->action);
    for (auto const& id : returned->reasons) {
        std::string label = id;
        if (action)
            for (auto const& reason : action->reasons)
                if (reason.id == id)
                    label = reason.label;
        slip.reasons.push_back(label);
    }
    (void)m_store.log_access(staff.user.id, case_id, "cetak slip pengembalian", "", m_clock());
    return render_return_slip_pdf(slip);
}

Result<std::string> LetterDesk::register_pdf(Staff const& staff, std::string const& register_id, Date from, Date to, std::int64_t* rows) const
{
    // The books list every applicant: office staff only.
    if (m_desk.is_applicant_only(staff))
        return Error::forbidden("Buku register hanya untuk petugas kantor.");
    RegisterDefinition const* book = nullptr;
    // What a line of a letter register is: the subject of the letter of the
    // service that numbers its letters in this book.
    std::string letter_subject;
    for (auto const& definition : m_desk.services())
        if (auto const* found = definition.find_register(register_id)) {
            book = found;
            if (letter_subject.empty() && definition.letter)
                letter_subject = definition.letter->subject;
        }
    if (!book)
        return Error::invalid("register", "Register '" + register_id + "' tidak dikenal.", "register.unknown");
    if (to < from)
        return Error::invalid("to", "Tanggal akhir tidak boleh sebelum tanggal awal.", "register.period");
    auto lines = m_store.register_lines(staff.office.id, register_id, local_midnight(from, staff.office.utc_offset_minutes),
        local_midnight(from_days(to_days(to) + 1), staff.office.utc_offset_minutes));
    if (!lines.ok())
        return lines.error();
    if (rows)
        *rows = static_cast<std::int64_t>(lines->size());
    bool const letters = book->kind == RegisterKind::Letter;
    RegisterPages pages { .office = printed_office(m_store, staff.office),
        .title = book->title.empty() ? capitals(book->label) : book->title,
        .period = format_date_id(from) + " s.d. " + format_date_id(to), .number_heading = letters ? "Nomor Surat" : "Nomor Register",
        .paper_size = staff.office.paper_size };
    for (auto const& line : *lines) {
        Region const* village = m_desk.regions().find(line.village_code);
        pages.rows.push_back({ .number = line.entry.formatted,
            .date = format_date_id(local_date(line.entry.taken_at, staff.office.utc_offset_minutes)), .name = line.applicant_name,
            .nik = line.nik, .village = village ? village->name : line.village_code,
            .note = letters ? letter_subject : "" });
    }
    return render_register_pdf(pages);
}

}
