// Letter verification, public: the page the letter's QR
// code opens (a mark's, for a copy), the PDF upload check, and their JSON
// counterparts. Each verification is rate-limited per address and logged by
// the letter desk. And for staff, the printing of a case's marks.
#include "web/api_support.hpp"
#include "web/route_table.hpp"
#include "web/web.hpp"

#include "core/indonesian.hpp"
#include "web/views.hpp"

#include <optional>
#include <nlohmann/json.hpp>

#include <memory>

namespace sopir::web {

namespace {

using ctemplate::TemplateDictionary;
using Json = nlohmann::ordered_json;

// A resolved text as read: its ** marks and escapes dropped.
std::string plain_text(std::string const& resolved)
{
    std::string out;
    for (auto const& span : letter_spans(resolved))
        out += span.text;
    return out;
}

std::string iso_time(std::optional<Timestamp> at, Office const& office)
{
    return at ? to_iso_datetime(*at, office.utc_offset_minutes) : std::string();
}

// A letter whose output is marks names the document its copies are of, and
// a mark's verification which copy it is.
void add_mark_json(Json& json, LetterVerdict const& verdict)
{
    if (!verdict.content.mark)
        return;
    if (verdict.copy)
        json["copy"] = verdict.copy;
    json["copies"] = verdict.content.mark->copies;
    Json document = Json::array();
    for (auto const& [label, value] : verdict.content.mark->details)
        document.push_back({ { "label", label }, { "value", plain_text(value) } });
    json["document"] = document;
}

Json verdict_json(LetterVerdict const& verdict)
{
    auto const& letter = verdict.letter;
    Json json {
        { "valid", verdict.status == "valid" },
        { "status", verdict.status },
        { "letter_number", letter.number },
        { "date", to_iso(verdict.content.letter_date) },
        { "subject", verdict.subject },
        { "name", verdict.content.person_name },
        { "nik_masked", verdict.nik_masked },
        { "signed_by", verdict.content.signer.name },
        { "signed_role", verdict.content.signer.title },
        { "signed_at", iso_time(letter.signed_at, verdict.office) },
        { "sealed_at", iso_time(letter.sealed_at, verdict.office) },
        { "sha256", letter.pdf_sha256 },
        { "revoked_at", letter.revoked_at ? Json(iso_time(letter.revoked_at, verdict.office)) : Json(nullptr) },
        { "revoked_reason", letter.revoked_reason },
        { "message", verdict.status_text },
    };
    add_mark_json(json, verdict);
    return json;
}

Response json_answer(int status, Json const& body)
{
    return Response::json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// An unknown token or PDF is an answer too, "not ours": valid false.
Response json_refusal(Error const& error)
{
    if (error.kind != ErrorKind::NotFound)
        return json_error(error);
    return json_answer(404, Json { { "valid", false }, { "status", "unknown" }, { "message", error.message },
                                { "error", { { "code", "not_found" }, { "message", error.message } } } });
}

Response too_many_json(Timestamp window)
{
    Error error = Error::conflict("Terlalu banyak verifikasi dari alamat ini. Tunggu sebentar lalu coba lagi.");
    error.code = "verify.throttled";
    Response response = json_error(error);
    response.status = 429;
    response.header("Retry-After", std::to_string(window));
    return response;
}

Response verify_page(Views const& views, int status, Result<LetterVerdict> const* verdict, std::string const& error)
{
    TemplateDictionary body("verify");
    if (!error.empty())
        body.SetValueAndShowSection("MESSAGE", error, "ERROR");
    if (verdict && verdict->ok()) {
        LetterVerdict const& found = **verdict;
        auto* shown = body.AddSectionDictionary("VERDICT");
        shown->SetValue("STATUS", found.status);
        shown->SetValue("STATUS_TEXT", found.status_text);
        shown->SetValue("SUBJECT", found.subject);
        shown->SetValue("NUMBER", found.letter.number.empty() ? "-" : found.letter.number);
        shown->SetValue("DATE", format_date_id(found.content.letter_date));
        shown->SetValue("NAME", found.content.person_name);
        shown->SetValue("NIK_MASKED", found.nik_masked);
        shown->SetValue("SIGNED_BY", found.content.signer.name);
        shown->SetValue("SIGNED_ROLE", found.content.signer.title);
        int const offset = found.office.utc_offset_minutes;
        shown->SetValue("SIGNED_AT", found.letter.signed_at ? format_datetime_id(*found.letter.signed_at, offset) : "-");
        shown->SetValue("SEALED_AT", found.letter.sealed_at ? format_datetime_id(*found.letter.sealed_at, offset) : "-");
        shown->SetValue("SHA256", found.letter.pdf_sha256.empty() ? "-" : found.letter.pdf_sha256);
        if (found.content.mark) {
            auto* mark = shown->AddSectionDictionary("MARK");
            mark->SetValue("COPY", found.copy ? "Salinan ke-" + std::to_string(found.copy) + " dari " + std::to_string(found.content.mark->copies)
                                              : std::to_string(found.content.mark->copies) + " salinan");
            for (auto const& [label, value] : found.content.mark->details) {
                auto* detail = mark->AddSectionDictionary("DETAIL");
                detail->SetValue("LABEL", label);
                detail->SetValue("VALUE", plain_text(value));
            }
        }
    }
    return views.page(status, { .title = "Verifikasi surat" }, "verify.tpl", body);
}

// The copy's index from the path; 0 (no copy) when it is not a number.
int copy_index(Request const& request)
{
    std::string const text = request.param("copy");
    if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos)
        return 0;
    return std::stoi(text);
}

// The query of a marks print, each word checked.
Result<MarkPrint> mark_print(Request const& request)
{
    MarkPrint print;
    std::string const layout = request.query.get("layout");
    if (layout == "corner")
        print.layout = MarkLayout::Corner;
    else if (!layout.empty() && layout != "labels")
        return Error::invalid("layout", "Tata letak tanda tidak dikenal (pilih: corner, labels).", "marks.layout");
    if (std::string const corner = request.query.get("corner"); !corner.empty()) {
        auto parsed = parse_mark_corner(corner);
        if (!parsed)
            return Error::invalid("corner", "Pojok tidak dikenal (pilih: top-left, top-right, bottom-left, bottom-right).", "marks.corner");
        print.corner = *parsed;
    }
    if (std::string const paper = request.query.get("paper"); paper == "A4" || paper == "F4")
        print.paper = paper == "F4" ? PaperSize::F4 : PaperSize::A4;
    else if (!paper.empty())
        return Error::invalid("paper", "Ukuran kertas tidak dikenal (pilih: A4, F4).", "marks.paper");
    return print;
}

// The verification pages' parts: the web's, the views, and the limiter the
// page and the API share (WebContext::verify_limiter).
struct LetterPages {
    explicit LetterPages(WebContext& web)
        : context(web)
        , views(web.options.templates_dir, [&web] { return web.site_name(); })
    {
    }
    WebContext& context;
    Views views;
};

Response verify_form(LetterPages& pages, Request&)
{
    auto const& views = pages.views;
    return verify_page(views, 200, nullptr, "");
}

// Verification pages are throttled per address: a 429 page when this one
// has verified too much of late.
std::optional<Response> held_back(LetterPages& pages, Request const& request)
{
    auto& limiter = pages.context.verify_limiter;
    if (limiter.allow(request.remote_address, pages.context.desk.now()))
        return std::nullopt;
    Response response = verify_page(pages.views, 429, nullptr, "Terlalu banyak verifikasi dari alamat ini. Tunggu sebentar lalu coba lagi.");
    response.header("Retry-After", std::to_string(limiter.window_seconds()));
    return response;
}

Response verify_token_page(LetterPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    if (auto held = held_back(pages, request))
        return *held;
    auto verdict = context.letters.verify_token(request.param("token"), request.remote_address);
    if (!verdict.ok())
        return verify_page(views, http_status(verdict.error()), nullptr,
            verdict.error().kind == ErrorKind::NotFound ? "Tidak ada surat dengan alamat verifikasi ini. Surat itu tidak diterbitkan melalui layanan kantor ini." : verdict.error().message);
    return verify_page(views, 200, &verdict, "");
}

Response verify_pdf_page(LetterPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    if (auto held = held_back(pages, request))
        return *held;
    auto pdf = multipart_part(request, "pdf");
    if (!pdf || pdf->empty())
        return verify_page(views, 422, nullptr, "Pilih berkas PDF surat yang akan diperiksa.");
    auto verdict = context.letters.verify_pdf(*pdf, request.remote_address);
    if (!verdict.ok())
        return verify_page(views, http_status(verdict.error()), nullptr,
            verdict.error().kind == ErrorKind::NotFound
                ? "Berkas ini TIDAK COCOK dengan surat mana pun di arsip: surat itu bukan terbitan kantor ini, atau isinya telah diubah."
                : verdict.error().message);
    return verify_page(views, 200, &verdict, "");
}

// A mark's QR code: the letter's token and the copy's index.
Response verify_copy_page(LetterPages& pages, Request& request)
{
    auto& context = pages.context;
    auto const& views = pages.views;
    if (auto held = held_back(pages, request))
        return *held;
    auto verdict = context.letters.verify_copy(request.param("token"), copy_index(request), request.remote_address);
    if (!verdict.ok())
        return verify_page(views, http_status(verdict.error()), nullptr,
            verdict.error().kind == ErrorKind::NotFound ? "Tidak ada salinan berlegalisasi dengan alamat verifikasi ini. Salinan itu tidak dilegalisir melalui sopir." : verdict.error().message);
    return verify_page(views, 200, &verdict, "");
}

Response verify_copy_json(LetterPages& pages, Request& request)
{
    auto& context = pages.context;
    auto& limiter = pages.context.verify_limiter;
    if (!limiter.allow(request.remote_address, context.desk.now()))
        return too_many_json(limiter.window_seconds());
    auto verdict = context.letters.verify_copy(request.param("token"), copy_index(request), request.remote_address);
    if (!verdict.ok())
        return json_refusal(verdict.error());
    return json_answer(200, verdict_json(*verdict));
}

// The marks of a case, for its office's staff:
// ?layout=corner&corner=bottom-right (one mark a page, at that corner of the
// photocopy fed through the printer) or ?layout=labels (a sheet of labels);
// &paper=A4|F4, the letter's paper when left out.
Response marks_pdf(LetterPages& pages, Request& request)
{
    auto& context = pages.context;
    return with_staff(context, request, [&](Staff const& staff) {
        auto print = mark_print(request);
        if (!print.ok())
            return json_error(print.error());
        Id const id = request.id_param("id");
        auto pdf = context.letters.marks_pdf(staff, id, *print);
        if (!pdf.ok())
            return json_error(pdf.error());
        return pdf_response(std::move(*pdf), "tanda-legalisasi-" + std::to_string(id) + ".pdf");
    });
}

Response verify_token_json(LetterPages& pages, Request& request)
{
    auto& context = pages.context;
    auto& limiter = pages.context.verify_limiter;
    if (!limiter.allow(request.remote_address, context.desk.now()))
        return too_many_json(limiter.window_seconds());
    auto verdict = context.letters.verify_token(request.param("token"), request.remote_address);
    if (!verdict.ok())
        return json_refusal(verdict.error());
    return json_answer(200, verdict_json(*verdict));
}

// The PDF's bytes as the request body (Content-Type: application/pdf).
Response verify_pdf_json(LetterPages& pages, Request& request)
{
    auto& context = pages.context;
    auto& limiter = pages.context.verify_limiter;
    if (!limiter.allow(request.remote_address, context.desk.now()))
        return too_many_json(limiter.window_seconds());
    if (request.body.empty())
        return json_error(Error::invalid("pdf", "Kirim berkas PDF surat sebagai badan permintaan.", "verify.empty"));
    auto verdict = context.letters.verify_pdf(request.body, request.remote_address);
    if (!verdict.ok())
        return json_refusal(verdict.error());
    return json_answer(200, verdict_json(*verdict));
}

RouteEntry<LetterPages> const k_letter_routes[] = {
    { "GET", "/verifikasi", verify_form },
    { "GET", "/verifikasi/{token}", verify_token_page },
    { "POST", "/verifikasi", verify_pdf_page },
    { "GET", "/verifikasi/{token}/{copy}", verify_copy_page },
    { "GET", "/api/v1/verify/{token}", verify_token_json },
    { "GET", "/api/v1/verify/{token}/{copy}", verify_copy_json },
    { "GET", "/api/v1/cases/{id}/marks.pdf", marks_pdf },
    { "POST", "/api/v1/verify", verify_pdf_json },
};
}

void add_letter_routes(Router& router, WebContext& context)
{
    add_routes(router, std::make_shared<LetterPages>(context), k_letter_routes);
}

}
