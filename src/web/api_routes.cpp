// The JSON API, /api/v1: the same rules as the staff pages, with bearer
// tokens. Handlers parse, call the desk, render.
#include "web/api_decode.hpp"
#include "web/api_support.hpp"
#include "web/idempotency.hpp"
#include "web/report_tables.hpp"
#include "web/route_table.hpp"
#include "web/table_export.hpp"
#include "web/user_names.hpp"
#include "web/web.hpp"

#include "core/identity.hpp"
#include "core/json.hpp"
#include "core/service_description.hpp"
#include "core/text.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace sopir::web {

namespace {

using Json = nlohmann::ordered_json;

// A request body the decoder refused: 400 when it is not a JSON object,
// else 422 naming every member of the wrong type.
Response refused_body(Error const& error)
{
    if (error.code == k_bad_json)
        return json_response(400, { { "error", { { "code", error.code }, { "message", error.message } } } });
    return json_error(error);
}

Json service_summary(SopDefinition const& definition)
{
    return { { "id", definition.id }, { "title", definition.title }, { "standard_minutes", total_standard_minutes(definition) } };
}

// The office and day a service's examples are made for: the signed-in
// person's, or for anyone else the first kecamatan of the region data and
// the day in UTC (never after any Indonesian office's day).
std::pair<std::string, Date> describing_office(WebContext& context, Request const& request)
{
    if (auto principal = context.auth.identify(request); principal.ok() && *principal)
        if (auto staff = context.desk.staff((*principal)->user); staff.ok() && staff->office.id != 0)
            return { staff->office.code, staff->today };
    return { "", local_date(context.desk.now(), 0) };
}

Json parse_or_empty(std::string const& text, Json fallback)
{
    return parse_json_or(text, std::move(fallback));
}

Json case_summary(Case const& item, SopDefinition const* definition)
{
    return { { "id", item.id }, { "service", item.service_id }, { "state", item.state },
        { "state_label", definition ? definition->state_label(item.state) : item.state }, { "version", item.version },
        { "registration_number", item.registration_number.empty() ? Json() : Json(item.registration_number) },
        { "letter_number", item.letter_number.empty() ? Json() : Json(item.letter_number) },
        { "name", item.applicant_name }, { "nik_masked", mask_nik(item.nik) } };
}

Json case_json(CaseView const& view)
{
    int const offset = view.office.utc_offset_minutes;
    Json json = case_summary(view.item, view.definition);
    json["applicant"] = parse_or_empty(view.item.applicant_json, Json::object());
    json["documents"] = parse_or_empty(view.item.documents_json, Json::object());
    json["created_at"] = to_iso_datetime(view.item.created_at, offset);
    Json history = Json::array();
    std::map<std::string, std::pair<Timestamp, Timestamp>> visits; // step → first entered, last left
    Timestamp entered = view.item.created_at;
    for (auto const& record : view.history) {
        std::string const actor = record.actor_id ? view.actor_names.at(record.actor_id) : "";
        history.push_back({ { "step", record.from_state.empty() ? record.to_state : record.from_state }, { "action", record.action },
            { "to", record.to_state }, { "actor", actor }, { "at", to_iso_datetime(record.at, offset) }, { "note", record.note },
            { "reasons", record.reasons }, { "data", parse_or_empty(record.data_json, Json::object()) } });
        if (!record.from_state.empty()) {
            auto& visit = visits.try_emplace(record.from_state, entered, record.at).first->second;
            visit.second = record.at;
        }
        entered = record.at;
    }
    json["history"] = history;
    Json steps = Json::array();
    for (auto const& timing : view.timing.steps) {
        Json step { { "id", timing.step_id }, { "minutes", static_cast<double>(timing.seconds_spent) / 60.0 },
            { "standard_minutes", timing.standard_seconds / 60 }, { "late", !timing.on_time }, { "visits", timing.visits },
            { "current", timing.current } };
        auto found = visits.find(timing.step_id);
        step["entered_at"] = found != visits.end() ? Json(to_iso_datetime(found->second.first, offset))
            : timing.current ? Json(to_iso_datetime(entered, offset)) : Json();
        step["left_at"] = found != visits.end() && !timing.current ? Json(to_iso_datetime(found->second.second, offset)) : Json();
        steps.push_back(step);
    }
    json["steps"] = steps;
    json["working_minutes"] = static_cast<double>(view.timing.working_seconds) / 60.0;
    json["standard_minutes"] = view.timing.standard_seconds / 60;
    json["held_minutes"] = static_cast<double>(view.timing.held_seconds) / 60.0;
    Json actions = Json::array();
    for (auto const* action : view.actions)
        actions.push_back(action->id);
    json["actions"] = actions;
    return json;
}

// The engine names note and reasons "catatan" and "alasan", and data fields
// by their own names; the API's request calls them note, reasons, data.NAME.
Json outage_json(OutageRecord const& outage, Office const& office)
{
    Json json { { "id", outage.id }, { "kind", outage.kind }, { "note", outage.note },
        { "started_at", to_iso_datetime(outage.started_at, office.utc_offset_minutes) },
        { "ended_at", outage.ended_at ? Json(to_iso_datetime(*outage.ended_at, office.utc_offset_minutes)) : Json(nullptr) },
        { "held_cases", outage.held_cases }, { "resumed_cases", outage.resumed_cases } };
    return json;
}

// One entry per case of a batch: what was recorded on it, or why not.
Json case_outcomes_json(std::vector<CaseOutcome> const& outcomes)
{
    Json list = Json::array();
    for (auto const& one : outcomes) {
        Json json { { "case", one.case_id }, { "registration_number", one.registration_number }, { "done", one.recorded.has_value() } };
        if (one.recorded) {
            json["action"] = one.recorded->action;
            json["state"] = one.recorded->to_state;
        }
        if (one.refused)
            json["error"] = { { "code", one.refused->code }, { "message", one.refused->message } };
        list.push_back(json);
    }
    return list;
}

Error api_field_names(Error error)
{
    auto rename = [](std::string const& field, std::string const& code) -> std::string {
        // An unknown field is always one the client put in "data", even
        // when it is called "catatan" like the engine's note.
        // A path with a dot is the form's ("applicant.nik", "members.0.nik",
        // "documents.kk.number"): named as on intake. The engine's own
        // fields are plain names.
        bool const form_path = field.find('.') != std::string::npos;
        if (code == "workflow.unknown_field" && !field.empty() && !form_path)
            return "data." + field;
        if (field == "catatan")
            return "note";
        if (field == "alasan")
            return "reasons";
        if (field.empty() || form_path)
            return field;
        return "data." + field;
    };
    if (error.kind == ErrorKind::Invalid || !error.field.empty()) {
        error.field = rename(error.field, error.code);
        for (auto& issue : error.issues)
            issue.field = rename(issue.field, issue.code);
    }
    return error;
}

// A refused second open case names the open one, for the client to open it
// or to send the application again with "confirm_duplicate": true.
Response duplicate_or_error(WebContext& context, Staff const& staff, std::string const& service, std::string const& nik, Error const& error)
{
    if (error.code != "case.open_duplicate")
        return json_error(error);
    auto open = context.desk.open_case_for(staff, service, std::string(trim(nik)));
    if (!open.ok() || !*open)
        return json_error(error);
    Json body { { "error", { { "code", error.code }, { "message", error.message } } },
        { "errors", Json::array({ { { "field", error.field }, { "code", error.code }, { "message", error.message } } }) },
        { "open_case", case_summary(**open, context.desk.service((*open)->service_id)) } };
    return json_response(409, body);
}

// POST /api/v1/sessions: a bearer token for a username and password.
Response create_session(WebContext& context, Request& request)
{
    auto body = decode_session_request(request.body);
    if (!body.ok())
        return refused_body(body.error());
    auto user = context.auth.check_password(body->username, body->password, request.remote_address);
    if (!user.ok()) {
        if (user.error().kind == ErrorKind::Forbidden) {
            Json failed { { "error", { { "code", user.error().code }, { "message", user.error().message } } } };
            return json_response(401, failed);
        }
        return json_error(user.error());
    }
    auto staff = context.desk.staff(*user);
    auto token = context.auth.issue_api_token(*user);
    if (!token.ok())
        return json_error(token.error());
    Json roles = Json::array();
    if (staff.ok())
        for (auto const& role : staff->roles)
            roles.push_back(role);
    Json answer { { "token", *token }, { "user", { { "username", user->username }, { "name", user->full_name }, { "roles", roles } } } };
    // A reset's one-time code: the token opens only POST /api/v1/me/password.
    if (user->must_change_password)
        answer["must_change_password"] = true;
    return json_response(201, answer);
}

Response no_content()
{
    Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

// Signs out the token (Authorization: Bearer) or the session (cookie,
// with its CSRF token) the request comes with → 204; it is 401 after.
Response end_session(WebContext& context, Request& request)
{
    return with_principal(context, request, [&](Principal const& principal) {
        if (auto ended = context.auth.sign_out(principal, request.remote_address); !ended.ok())
            return json_error(ended.error());
        Response response = no_content();
        if (!principal.via_api_token)
            response.header("Set-Cookie", context.auth.clear_cookie());
        return response;
    });
}

// Who is signed in; for a browser session also its CSRF token, which
// the page's scripts send as X-CSRF-Token with every write.
Response show_me(WebContext& context, Request& request)
{
    return with_principal(context, request, [&](Principal const& principal) {
        Json body { { "username", principal.user.username }, { "name", principal.user.full_name } };
        if (principal.user.must_change_password)
            body["must_change_password"] = true;
        if (!principal.via_api_token)
            body["csrf_token"] = principal.csrf_token;
        return json_response(200, body);
    });
}

// The signed-in person's own password: {"current", "new"} → 204. Every
// other session and token of the person ends.
Response change_own_password(WebContext& context, Request& request)
{
    return with_principal(context, request, [&](Principal const& principal) {
        auto body = decode_password_request(request.body);
        if (!body.ok())
            return refused_body(body.error());
        auto changed = context.auth.change_password(principal, body->current, body->new_password, request.remote_address);
        if (!changed.ok())
            return json_error(changed.error());
        return no_content();
    });
}

Response list_services(WebContext& context, Request&)
{
    Json list = Json::array();
    for (auto const& definition : context.desk.services())
        list.push_back(service_summary(definition));
    return json_response(200, { { "services", list } });
}

Response show_service(WebContext& context, Request& request)
{
    auto const* definition = context.desk.service(request.param("id"));
    if (!definition)
        return json_error(Error::not_found("Layanan tidak dikenal."));
    auto const [district, today] = describing_office(context, request);
    return json_response(200, describe_service(*definition, &context.desk.regions(), district, today));
}

Response submit_case(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        auto body = decode_case_request(request.body, context.desk.services());
        if (!body.ok())
            return refused_body(body.error());
        OnDuplicate const on_duplicate = body->confirm_duplicate ? OnDuplicate::Confirm : OnDuplicate::Refuse;
        auto submitted = context.desk.submit(staff, body->service, body->form, on_duplicate);
        if (!submitted.ok())
            return duplicate_or_error(context, staff, body->service, body->text_at(submitted.error().field), submitted.error());
        Json warnings = Json::array();
        for (auto const& warning : submitted->warnings)
            warnings.push_back({ { "field", warning.field }, { "code", warning.code }, { "message", warning.message } });
        Json created = case_summary(submitted->created, context.desk.service(submitted->created.service_id));
        created["warnings"] = warnings;
        Response response = json_response(201, created);
        response.header("Location", "/api/v1/cases/" + std::to_string(submitted->created.id));
        return response;
    });
}

Json worklist_entry(WebContext& context, WorkItem const& item)
{
    Json entry = case_summary(item.item, context.desk.service(item.item.service_id));
    entry["waited_minutes"] = static_cast<double>(item.waited_seconds) / 60.0;
    entry["standard_minutes"] = item.standard_seconds / 60;
    entry["late"] = item.late;
    entry["very_late"] = item.very_late;
    Json actions = Json::array();
    for (auto const* action : item.actions)
        actions.push_back(action->id);
    entry["actions"] = actions;
    return entry;
}

Response list_cases(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        std::optional<std::string> state;
        if (request.query.has("state"))
            state = request.query.get("state");
        // service=ID narrows to one service; an unknown id is 422.
        std::optional<std::string> service;
        if (request.query.has("service"))
            service = request.query.get("service");
        auto items = context.desk.worklist(staff, state, service);
        if (!items.ok())
            return json_error(items.error());
        Json list = Json::array();
        for (auto const& item : *items)
            list.push_back(worklist_entry(context, item));
        return json_response(200, { { "cases", list } });
    });
}

Response show_case(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        Id const id = request.id_param("id");
        auto view = context.desk.view(staff, id, request.remote_address);
        if (!view.ok())
            return json_error(view.error());
        return json_response(200, case_json(*view));
    });
}

// The frozen letter, after sealing (409 before); ?copy=archive gives the
// copy marked ARSIP.
Response sealed_letter_pdf(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        Id const id = request.id_param("id");
        auto letter = context.letters.sealed_letter(staff, id);
        if (!letter.ok())
            return json_error(letter.error());
        (void)context.records.log_case_read(staff, id, "unduh surat", request.remote_address);
        bool const archive = request.query.get("copy") == "archive";
        return pdf_response(archive ? letter->archive_pdf : letter->pdf,
            "surat-keterangan-" + letter->number + (archive ? "-arsip" : "") + ".pdf");
    });
}

// The tanda terima, rendered from what is stored.
Response receipt_pdf(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        Id const id = request.id_param("id");
        auto pdf = context.letters.receipt_pdf(staff, id);
        if (!pdf.ok())
            return json_error(pdf.error());
        return pdf_response(std::move(*pdf), "tanda-terima-permohonan-" + std::to_string(id) + ".pdf");
    });
}

Response return_slip_pdf(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        Id const id = request.id_param("id");
        auto pdf = context.letters.return_slip_pdf(staff, id);
        if (!pdf.ok())
            return json_error(pdf.error());
        return pdf_response(std::move(*pdf), "slip-pengembalian-permohonan-" + std::to_string(id) + ".pdf");
    });
}

// The outage log. Times are Unix seconds; omitted, now.
Response start_outage(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        auto body = decode_outage_request(request.body);
        if (!body.ok())
            return refused_body(body.error());
        auto outage = context.desk.start_outage(staff, body->kind, body->note, body->started_at);
        if (!outage.ok())
            return json_error(outage.error());
        return json_response(201, outage_json(*outage, staff.office));
    });
}

Response end_outage(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        auto body = decode_outage_end_request(request.body);
        if (!body.ok())
            return refused_body(body.error());
        auto outage = context.desk.end_outage(staff, request.id_param("id"), body->ended_at);
        if (!outage.ok())
            return json_error(outage.error());
        Json json = outage_json(*outage, staff.office);
        if (body->resume) {
            auto resumed = context.desk.resume_after_outage(staff, outage->id);
            if (!resumed.ok())
                return json_error(resumed.error());
            json["resumed"] = case_outcomes_json(*resumed);
        }
        return json_response(200, json);
    });
}

// Every case waiting in a step held for the outage, in one request; each
// case's outcome apart.
Response hold_for_outage(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        auto body = decode_outage_hold_request(request.body);
        if (!body.ok())
            return refused_body(body.error());
        auto held = context.desk.hold_for_outage(staff, request.id_param("id"), body->service, body->step);
        if (!held.ok())
            return json_error(held.error());
        return json_response(200, { { "outage", request.id_param("id") }, { "held", case_outcomes_json(*held) } });
    });
}

// Resumes what the outage still holds (after it ended, or without ending it).
Response resume_after_outage(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        auto resumed = context.desk.resume_after_outage(staff, request.id_param("id"));
        if (!resumed.ok())
            return json_error(resumed.error());
        return json_response(200, { { "outage", request.id_param("id") }, { "resumed", case_outcomes_json(*resumed) } });
    });
}

// format=csv|xlsx: the log as a spreadsheet, "gangguan-CLU-….xlsx".
Response outages_download(WebContext& context, Staff const& staff, std::pair<Date, Date> const& period,
    std::vector<OutageRecord> const& list, Params const& query)
{
    auto download = parse_export_format(query.get("format"));
    if (!download)
        return json_error(Error::invalid("format", "Format yang tersedia: json, csv, xlsx.", "outage.format"));
    auto dialect = parse_csv_dialect(query.get("pemisah"));
    if (!dialect.ok())
        return json_error(dialect.error());
    UserNames names(context.records, staff);
    for (auto const& outage : list) {
        names.name(outage.recorded_by);
        names.name(outage.ended_by);
    }
    std::string const title = "Log gangguan, Kantor Camat " + staff.office.name + ", " + to_iso(period.first) + " s.d. " + to_iso(period.second);
    auto answer = export_attachment({ outages_table(list, staff.office.utc_offset_minutes, names.known(), title) }, *download,
        export_file_name("gangguan", staff.office.unit_code, { .from = period.first, .to = period.second }, file_extension(*download)), *dialect);
    if (!answer.ok())
        return json_error(answer.error());
    return std::move(*answer);
}

Response list_outages(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff) {
        auto period = period_of(request, staff);
        if (!period.ok())
            return json_error(period.error());
        auto list = context.desk.outages(staff, period->first, period->second);
        if (!list.ok())
            return json_error(list.error());
        if (std::string const format = request.query.get("format"); !format.empty() && format != "json")
            return outages_download(context, staff, *period, *list, request.query);
        Json outages = Json::array();
        for (auto const& outage : *list)
            outages.push_back(outage_json(outage, staff.office));
        return json_response(200, { { "outages", outages } });
    });
}

Response act_on_case(WebContext& context, Request& request)
{
    return with_staff(context, request, [&](Staff const& staff, Principal const& principal) {
        auto body = decode_action_request(request.body, context.desk.services());
        if (!body.ok())
            return refused_body(body.error());
        Id const id = request.id_param("id");
        auto outcome = context.letters.act(staff, id, body->action, body->data, body->version, body->corrections, body->password,
            request.remote_address, principal.credential_hash());
        if (!outcome.ok())
            return json_error(api_field_names(outcome.error()));
        // The action is committed, so the answer is 200 whatever the
        // reads after it meet: an error here would make the client send
        // the action again and get 409 for its own success. The case is
        // read again for the whole view (twice: the first read may meet
        // a connection that dropped just now); failing that, the answer
        // is the case as the transaction left it, without its history,
        // marked "partial".
        auto view = context.desk.view(staff, id, request.remote_address);
        if (!view.ok())
            view = context.desk.view(staff, id, request.remote_address);
        if (!view.ok()) {
            Json committed = case_summary(outcome->case_after, context.desk.service(outcome->case_after.service_id));
            committed["partial"] = true;
            return json_response(200, committed);
        }
        return json_response(200, case_json(*view));
    });
}

RouteEntry<WebContext> const k_api_routes[] = {
    { "POST", "/api/v1/sessions", create_session },
    { "DELETE", "/api/v1/sessions", end_session },
    { "GET", "/api/v1/me", show_me },
    { "POST", "/api/v1/me/password", change_own_password },
    { "GET", "/api/v1/services", list_services },
    { "GET", "/api/v1/services/{id}", show_service },
    { "POST", "/api/v1/cases", submit_case, Replay::OnIdempotencyKey },
    { "GET", "/api/v1/cases", list_cases },
    { "GET", "/api/v1/cases/{id}", show_case },
    { "GET", "/api/v1/cases/{id}/letter.pdf", sealed_letter_pdf },
    { "GET", "/api/v1/cases/{id}/receipt.pdf", receipt_pdf },
    { "GET", "/api/v1/cases/{id}/return-slip.pdf", return_slip_pdf },
    { "POST", "/api/v1/outages", start_outage },
    { "POST", "/api/v1/outages/{id}/end", end_outage },
    { "POST", "/api/v1/outages/{id}/holds", hold_for_outage },
    { "POST", "/api/v1/outages/{id}/resumptions", resume_after_outage },
    { "GET", "/api/v1/outages", list_outages },
    { "POST", "/api/v1/cases/{id}/actions", act_on_case, Replay::OnIdempotencyKey },
};

}

void add_api_routes(Router& router, WebContext& context)
{
    add_routes(router, context, k_api_routes);
    add_signing_api(router, context);
}
}
