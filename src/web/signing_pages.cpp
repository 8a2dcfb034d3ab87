// The letter in view and letters by the batch: a case's draft letter (PDF,
// and a picture of it for the case page), and the pages where the Camat
// signs, and the Kasi initials, many letters at once (/tandatangan,
// /paraf). Handlers parse, call the letter desk, render; the desk checks
// the roles.
#include "web/staff_pages.hpp"

#include "core/identity.hpp"
#include "web/route_table.hpp"

#include <memory>
#include <string>
#include <vector>

namespace sopir::web {

namespace {

using ctemplate::TemplateDictionary;
using desk::BatchKind;
using desk::BatchOutcome;
using desk::DraftFormat;

Response draft(StaffPages& pages, Request& request, DraftFormat format)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    return with_session(context, views, request, [&](Session const& session) {
        Id const id = request.id_param("id");
        auto bytes = context.letters.draft(session.staff, id, format, request.remote_address);
        if (!bytes.ok())
            return views.message(http_status(bytes.error()), frame_of(context, session, "Konsep surat"), "Konsep surat", bytes.error().message);
        if (format == DraftFormat::Pdf)
            return pdf_response(std::move(*bytes), "konsep-permohonan-" + std::to_string(id) + ".pdf");
        Response response;
        response.content_type = "image/png";
        response.body = std::move(*bytes);
        response.header("Cache-Control", "private, no-store");
        return response;
    });
}

Response draft_pdf(StaffPages& pages, Request& request) { return draft(pages, request, DraftFormat::Pdf); }
Response draft_png(StaffPages& pages, Request& request) { return draft(pages, request, DraftFormat::Png); }

// What each batch page says.
struct BatchWords {
    char const* path;
    char const* title;
    char const* intro;
    char const* empty;
    char const* button;
};

BatchWords words_of(BatchKind kind)
{
    if (kind == BatchKind::Sign)
        return { "/tandatangan", "Tanda tangan surat",
            "Surat yang menunggu tanda tangan Anda. Buka permohonannya untuk membaca konsep surat; pilih surat yang akan ditandatangani, "
            "lalu ketik kata sandi Anda sekali untuk semuanya. Setiap surat mendapat tanda tangan elektroniknya sendiri.",
            "Tidak ada surat yang menunggu tanda tangan Anda.", "Tanda tangani surat yang dipilih" };
    return { "/paraf", "Paraf surat",
        "Surat yang menunggu paraf Anda. Buka permohonannya untuk memeriksa konsep surat; pilih surat yang sudah benar, lalu paraf sekaligus.",
        "Tidak ada surat yang menunggu paraf Anda.", "Paraf surat yang dipilih" };
}

// The outcomes of a batch just done, one row per case.
void add_results(TemplateDictionary& body, BatchKind kind, std::vector<BatchOutcome> const& outcomes)
{
    auto* results = body.AddSectionDictionary("RESULTS");
    int done = 0;
    for (auto const& outcome : outcomes) {
        done += outcome.done ? 1 : 0;
        auto* row = results->AddSectionDictionary("RESULT");
        row->SetIntValue("ID", outcome.case_id);
        row->SetValue("NAME", outcome.item ? outcome.item->applicant_name : "—");
        row->SetValue("CODE", outcome.code);
        row->SetValue("OUTCOME", outcome.done ? (kind == BatchKind::Sign ? "Ditandatangani" : "Diparaf") : "Tidak diproses");
        row->SetValue("MESSAGE", outcome.message);
        row->SetValue("ROW_CLASS", outcome.done ? "berhasil" : "gagal");
    }
    std::string const verb = kind == BatchKind::Sign ? "ditandatangani" : "diparaf";
    results->SetValue("SUMMARY", std::to_string(done) + " dari " + std::to_string(outcomes.size()) + " surat " + verb + ".");
}

Response batch_page(StaffPages& pages, Session const& session, BatchKind kind, int status, std::vector<BatchOutcome> const* outcomes,
    std::string const& error, std::vector<std::string> const& chosen = {})
{
    auto& context = pages.context;
    BatchWords const words = words_of(kind);
    PageFrame const frame = frame_of(context, session, words.title);
    if (!context.letters.takes_part(session.staff, kind))
        return pages.views.message(403, frame, words.title,
            kind == BatchKind::Sign ? "Peran Anda tidak menandatangani surat." : "Peran Anda tidak memaraf surat.");
    auto waiting = context.letters.awaiting(session.staff, kind);
    if (!waiting.ok())
        return pages.views.message(http_status(waiting.error()), frame, words.title, waiting.error().message);
    TemplateDictionary body("batch");
    body.SetValue("HEADING", words.title);
    body.SetValue("INTRO", words.intro);
    body.SetValue("ACTION", words.path);
    body.SetValue("BUTTON", words.button);
    body.SetValue("CSRF", session.principal.csrf_token);
    body.SetIntValue("LIMIT", static_cast<long>(desk::k_batch_limit));
    if (outcomes)
        add_results(body, kind, *outcomes);
    if (!error.empty())
        body.SetValueAndShowSection("MESSAGE", error, "ERROR");
    if (waiting->empty())
        body.SetValueAndShowSection("EMPTY_TEXT", words.empty, "EMPTY");
    else
        body.ShowSection("HAS_ROWS");
    if (kind == BatchKind::Sign)
        body.ShowSection("PASSWORD");
    for (auto const& item : *waiting) {
        auto* row = body.AddSectionDictionary("ROW");
        row->SetIntValue("ID", item.item.id);
        row->SetValue("REGISTRATION", item.item.registration_number.empty() ? "—" : item.item.registration_number);
        row->SetValue("NAME", item.item.applicant_name);
        row->SetValue("NIK", mask_nik(item.item.nik));
        auto const* definition = context.desk.service(item.item.service_id);
        row->SetValue("SERVICE", definition ? definition->title : item.item.service_id);
        row->SetValue("WAITED", format_duration_id(item.waited_seconds));
        // A refused batch keeps what was ticked.
        for (auto const& each : chosen)
            if (each == std::to_string(item.item.id))
                row->ShowSection("CHECKED");
    }
    return pages.views.page(status, frame, "batch.tpl", body);
}

Response batch_form(StaffPages& pages, Request& request, BatchKind kind)
{
    return with_session(pages.context, pages.views, request, [&](Session const& session) {
        return batch_page(pages, session, kind, 200, nullptr, "");
    });
}

// The ids ticked: numbers only; anything else is left out (a tampered form
// names no case of anyone's).
std::vector<Id> ticked_cases(std::vector<std::string> const& values)
{
    std::vector<Id> ids;
    for (auto const& value : values)
        if (!value.empty() && value.size() < 18 && value.find_first_not_of("0123456789") == std::string::npos)
            ids.push_back(std::stoll(value));
    return ids;
}

Response batch_submit(StaffPages& pages, Request& request, BatchKind kind)
{
    auto& context = pages.context;
    return with_session(context, pages.views, request, [&](Session const& session) {
        if (!Auth::csrf_ok(request, session.principal))
            return csrf_refused(pages.views, frame_of(context, session, words_of(kind).title));
        auto const& form = request.form();
        std::vector<std::string> const chosen = form.all("cases");
        auto outcomes = context.letters.act_on_batch(session.staff, kind, ticked_cases(chosen), form.get("password"), request.remote_address,
            session.principal.credential_hash());
        if (!outcomes.ok())
            return batch_page(pages, session, kind, http_status(outcomes.error()), nullptr, outcomes.error().message, chosen);
        return batch_page(pages, session, kind, 200, &*outcomes, "");
    });
}

Response signatures_form(StaffPages& pages, Request& request) { return batch_form(pages, request, BatchKind::Sign); }
Response signatures_submit(StaffPages& pages, Request& request) { return batch_submit(pages, request, BatchKind::Sign); }
Response initials_form(StaffPages& pages, Request& request) { return batch_form(pages, request, BatchKind::Initial); }
Response initials_submit(StaffPages& pages, Request& request) { return batch_submit(pages, request, BatchKind::Initial); }

RouteEntry<StaffPages> const k_signing_pages[] = {
    { "GET", "/permohonan/{id}/konsep.pdf", draft_pdf },
    { "GET", "/permohonan/{id}/konsep.png", draft_png },
    { "GET", "/tandatangan", signatures_form },
    { "POST", "/tandatangan", signatures_submit },
    { "GET", "/paraf", initials_form },
    { "POST", "/paraf", initials_submit },
};

}

void add_signing_pages(Router& router, WebContext& context)
{
    add_routes(router, std::make_shared<StaffPages>(context), k_signing_pages);
}

}
