// The outage log's page: any office staff member records a
// network, equipment or power outage, ends it, and sees the outages of a
// period with their length. Handlers parse, call the desk, render
// (STYLE.md, practice 1); the desk checks who may.
//
//   GET  /gangguan?dari=YYYY-MM-DD&sampai=YYYY-MM-DD   (the last 30 days by default)
//   POST /gangguan                  jenis, catatan, mulai ("25-11-2026 08:30", empty = now),
//                                   tunda (SERVICE:STEP, repeated): hold every case waiting there
//   POST /gangguan/{id}/akhiri      lanjutkan=1: also resume the cases it still holds
//   POST /gangguan/{id}/lanjutkan   resume the cases it still holds
#include "web/route_table.hpp"
#include "web/staff_pages.hpp"
#include "web/user_names.hpp"

#include "core/indonesian.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <set>

namespace sopir::web {

namespace {

    using ctemplate::TemplateDictionary;

    struct OutageKind {
        char const* id;
        char const* label;
    };

    // The kinds the desk knows (0006_outages.sql), as the office names them.
    constexpr std::array<OutageKind, 4> k_outage_kinds { {
        { "jaringan", "Jaringan/internet" },
        { "peralatan", "Peralatan" },
        { "listrik", "Listrik" },
        { "lainnya", "Lainnya" },
    } };

    // The default period: the last 30 days, today included.
    constexpr int k_default_days = 30;

    std::string kind_label(std::string const& id)
    {
        for (auto const& kind : k_outage_kinds)
            if (id == kind.id)
                return kind.label;
        return id;
    }

    // The desk's field names, as the form's inputs are named.
    std::string input_of(std::string const& field)
    {
        if (field == "kind")
            return "jenis";
        if (field == "started_at")
            return "mulai";
        if (field == "note")
            return "catatan";
        return field;
    }

    // "25-11-2026 08:30" as typed (day first, also "2026-11-25T08:30";
    // seconds optional) in the office's time, as an instant; nothing when it
    // is not one.
    std::optional<Timestamp> parse_local_datetime(std::string const& text, int utc_offset_minutes)
    {
        if (text.size() != 16 && text.size() != 19)
            return std::nullopt;
        if (text[10] != 'T' && text[10] != ' ')
            return std::nullopt;
        auto date = parse_typed_date(std::string_view(text).substr(0, 10));
        if (!date)
            return std::nullopt;
        auto two_digits = [&](std::size_t at) -> int {
            char const a = text[at], b = text[at + 1];
            if (a < '0' || a > '9' || b < '0' || b > '9')
                return -1;
            return (a - '0') * 10 + (b - '0');
        };
        int const hour = two_digits(11), minute = two_digits(14);
        int second = 0;
        if (text[13] != ':' || hour < 0 || hour > 23 || minute < 0 || minute > 59)
            return std::nullopt;
        if (text.size() == 19) {
            second = two_digits(17);
            if (text[16] != ':' || second < 0 || second > 59)
                return std::nullopt;
        }
        return to_days(*date) * 86400 + hour * 3600 + minute * 60 + second - static_cast<Timestamp>(utc_offset_minutes) * 60;
    }

    // What a failed form sent and what went wrong, to show the form again.
    struct OutageAttempt {
        Params const* form { nullptr };
        Error const* error { nullptr };
    };

    struct Period {
        Date from, to;
        std::string error; // Shown beside the period's inputs.
    };

    Period period_of(Request const& request, Date today)
    {
        Period period { from_days(to_days(today) - (k_default_days - 1)), today, {} };
        auto day = [&](char const* name, Date& into, char const* label) {
            std::string const text = request.query.get(name);
            if (text.empty())
                return;
            if (auto parsed = parse_typed_date(text))
                into = *parsed;
            else
                period.error = std::string(label) + " harus ditulis HH-BB-TTTT, misalnya " + to_day_first(today) + ".";
        };
        day("dari", period.from, "Tanggal awal (dari)");
        day("sampai", period.to, "Tanggal akhir (sampai)");
        return period;
    }

    // The cases an outage held, and the choice to resume those it still
    // holds: ticked on the form that ends it, a button once it has ended.
    void add_held_cases(TemplateDictionary* row, TemplateDictionary* end_form, OutageRecord const& outage, std::size_t still_held, std::string const& csrf)
    {
        row->SetValue("HELD", outage.held_cases == 0 ? "—"
                : std::to_string(outage.held_cases) + " ditunda, " + std::to_string(outage.resumed_cases) + " dilanjutkan");
        if (still_held == 0)
            return;
        std::string const label = "Lanjutkan " + std::to_string(still_held) + " berkas yang masih ditunda karena gangguan ini";
        if (end_form) {
            end_form->AddSectionDictionary("RESUME_TOO")->SetValue("LABEL", label);
            return;
        }
        auto* resume = row->AddSectionDictionary("RESUME");
        resume->SetIntValue("ID", outage.id);
        resume->SetValue("CSRF", csrf);
        resume->SetValue("LABEL", label);
    }

    void add_outage_row(TemplateDictionary& body, OutageRecord const& outage, UserNames& names, int offset, Timestamp now, std::string const& csrf,
        std::size_t still_held, bool may_end)
    {
        auto* row = body.AddSectionDictionary("ROW");
        row->SetIntValue("ID", outage.id);
        row->SetValue("KIND", kind_label(outage.kind));
        row->SetValue("NOTE", outage.note.empty() ? "—" : outage.note);
        row->SetValue("STARTED", format_datetime_id(outage.started_at, offset));
        std::string const recorder = names.name(outage.recorded_by);
        row->SetValue("RECORDED_BY", recorder.empty() ? "—" : recorder);
        TemplateDictionary* end = nullptr;
        if (outage.ended_at) {
            row->SetValue("ROW_CLASS", "");
            row->SetValue("ENDED", format_datetime_id(*outage.ended_at, offset));
            row->SetValue("DURATION", format_duration_id(*outage.ended_at - outage.started_at));
            std::string const ender = names.name(outage.ended_by);
            if (!ender.empty() && ender != recorder)
                row->AddSectionDictionary("ENDED_BY")->SetValue("NAME", ender);
        } else {
            row->SetValue("ROW_CLASS", "berlangsung");
            row->SetValue("ENDED", "masih berlangsung");
            row->SetValue("DURATION", format_duration_id(now - outage.started_at) + " (berjalan)");
            if (may_end) {
                end = row->AddSectionDictionary("OPEN");
                end->SetIntValue("ID", outage.id);
                end->SetValue("CSRF", csrf);
            }
        }
        add_held_cases(row, end, outage, still_held, csrf);
    }

    // The steps whose waiting cases this person may hold, as checkboxes.
    std::optional<FormField> hold_field(std::vector<HoldableStep> const& steps, std::vector<std::string> const& ticked)
    {
        if (steps.empty())
            return std::nullopt;
        FormField field { .name = "tunda", .label = "Tunda sekaligus berkas yang menunggu di", .kind = FieldKind::Checks, .values = ticked,
            .help = "Setiap berkas dicatat ditunda karena gangguan ini (dengan catatannya); saat gangguan diakhiri, berkas itu dapat dilanjutkan sekaligus." };
        for (auto const& step : steps)
            field.options.push_back({ step.service_id + ":" + step.step_id,
                step.service_title + " — " + step.step_title + " (" + std::to_string(step.waiting) + " berkas menunggu)" });
        return field;
    }

    // The form to record one: empty, or as typed with what went wrong.
    void add_outage_form(TemplateDictionary& body, Session const& session, OutageAttempt const* attempt, std::vector<HoldableStep> const& steps)
    {
        body.SetValue("CSRF", session.principal.csrf_token);
        std::map<std::string, std::string> messages;
        if (attempt && attempt->error) {
            Error const& error = *attempt->error;
            for (auto const& issue : error.issues)
                messages.try_emplace(input_of(issue.field), issue.message);
            if (error.issues.empty() && !error.field.empty())
                messages.try_emplace(input_of(error.field), error.message);
            body.AddSectionDictionary("FORM_ERROR")->SetValue("MESSAGE", messages.empty() ? error.message : "Periksa isian di bawah.");
            body.SetValue("FORM_CLASS", "aksi salah");
        } else {
            body.SetValue("FORM_CLASS", "aksi");
        }
        auto typed = [&](char const* name) { return attempt && attempt->form ? attempt->form->get(name) : std::string(); };
        std::vector<FormOption> kinds;
        for (auto const& kind : k_outage_kinds)
            kinds.push_back({ kind.id, kind.label });
        std::vector<FormField> fields {
            { .name = "jenis", .label = "Jenis gangguan", .kind = FieldKind::Select, .values = { typed("jenis") }, .options = kinds, .required = true },
            { .name = "catatan", .label = "Catatan", .kind = FieldKind::TextArea, .values = { typed("catatan") }, .help = "Apa yang terganggu, misalnya \"Jaringan SIAK putus\"." },
            { .name = "mulai", .label = "Mulai", .values = { typed("mulai") }, .help = "Kosongkan bila gangguan mulai sekarang.", .placeholder = "HH-BB-TTTT JJ:MM" },
        };
        if (auto hold = hold_field(steps, attempt && attempt->form ? attempt->form->all("tunda") : std::vector<std::string> {}))
            fields.push_back(std::move(*hold));
        for (auto& field : fields) {
            if (auto message = messages.find(field.name); message != messages.end())
                field.error = message->second;
            add_form_field(body, "FIELDS", "g-", field);
        }
    }

    // The supervisor's first view: the offices of their kabupaten to choose.
    Response office_choice_page(WebContext& context, Views const& views, Session const& session, PageFrame const& frame)
    {
        TemplateDictionary body("outages");
        body.ShowSection("CHOOSE_OFFICE");
        if (auto scope = context.desk.report_scope(session.staff, ""); scope.ok())
            for (auto const& office : scope->offices) {
                auto* choice = body.AddSectionDictionary("OFFICE");
                choice->SetValue("CODE", office.code);
                choice->SetValue("NAME", office.name);
            }
        return views.page(200, frame, "outages.tpl", body);
    }

    Response outages_page(WebContext& context, Views const& views, Session const& session, Request const& request, int status,
        OutageAttempt const* attempt, std::string const& notice = {})
    {
        PageFrame const frame = frame_of(context, session, "Log gangguan");
        // A kabupaten supervisor reads the log of an office they choose, and
        // records nothing.
        std::string const chosen_office = frame.supervisor ? request.query.get("kantor") : std::string();
        if (frame.supervisor && chosen_office.empty())
            return office_choice_page(context, views, session, frame);
        auto reader = context.desk.register_reader(session.staff, chosen_office);
        if (!reader.ok())
            return views.message(http_status(reader.error()), frame, "Log gangguan", reader.error().message);
        Staff const& staff = *reader;
        int const offset = staff.office.utc_offset_minutes;
        Period const period = period_of(request, staff.today);

        auto listed = context.desk.outages(staff, period.from, period.to);
        if (!listed.ok() && listed.error().kind != ErrorKind::Invalid)
            return views.message(http_status(listed.error()), frame, "Log gangguan", listed.error().message);
        // Open outages are shown whatever the period: they overlap today.
        auto open_today = context.desk.outages(staff, staff.today, staff.today);
        if (!open_today.ok())
            return views.message(http_status(open_today.error()), frame, "Log gangguan", open_today.error().message);

        std::vector<OutageRecord> open, ended;
        std::set<Id> seen;
        for (auto const& outage : *open_today)
            if (!outage.ended_at && seen.insert(outage.id).second)
                open.push_back(outage);
        if (listed.ok())
            for (auto const& outage : *listed)
                if (seen.insert(outage.id).second)
                    (outage.ended_at ? ended : open).push_back(outage);
        // The oldest open outage first; the ended ones newest first.
        std::sort(open.begin(), open.end(), [](auto const& a, auto const& b) { return a.started_at < b.started_at; });
        std::sort(ended.begin(), ended.end(), [](auto const& a, auto const& b) { return a.started_at > b.started_at; });

        TemplateDictionary body("outages");
        body.ShowSection("READING");
        body.SetValue("OFFICE", staff.office.name);
        body.SetValue("FROM", to_day_first(period.from));
        body.SetValue("TO", to_day_first(period.to));
        body.SetValue("PERIOD", period.from == period.to ? format_date_id(period.from) : format_date_id(period.from) + " s.d. " + format_date_id(period.to));
        std::string period_error = period.error;
        if (period_error.empty() && !listed.ok())
            period_error = listed.error().message;
        if (!period_error.empty()) {
            body.AddSectionDictionary("PERIOD_ERROR")->SetValue("MESSAGE", period_error);
            if (status == 200)
                status = 422;
        }
        if (!notice.empty())
            body.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", notice);

        UserNames names(context.records, staff);
        Timestamp const now = context.desk.now();
        auto add_row = [&](OutageRecord const& outage) {
            std::size_t still_held = 0;
            if (!frame.supervisor && outage.held_cases > outage.resumed_cases)
                if (auto held = context.desk.held_by_outage(staff, outage.id); held.ok())
                    still_held = held->size();
            add_outage_row(body, outage, names, offset, now, session.principal.csrf_token, still_held, !frame.supervisor);
        };
        for (auto const& outage : open)
            add_row(outage);
        for (auto const& outage : ended)
            add_row(outage);
        if (open.empty() && ended.empty())
            body.ShowSection("EMPTY");
        else
            body.ShowSection("HAS_ROWS");
        body.SetIntValue("OPEN_COUNT", static_cast<long>(open.size()));

        if (frame.supervisor) {
            body.SetValueAndShowSection("KANTOR", chosen_office, "KANTOR_FIELD");
        } else {
            body.ShowSection("CAN_RECORD");
            auto steps = context.desk.holdable_steps(staff);
            add_outage_form(body, session, attempt, steps.ok() ? *steps : std::vector<HoldableStep> {});
        }
        return views.page(status, frame, "outages.tpl", body);
    }

    Response outage_log(StaffPages& pages, Request& request)
    {
        auto& context = pages.context;
        auto const& views = pages.views;
        return with_session(context, views, request, [&](Session const& session) {
            return outages_page(context, views, session, request, 200, nullptr);
        });
    }

    // What went wrong holding the ticked steps' cases; empty when each was held.
    std::string describe_refusals(std::vector<CaseOutcome> const& outcomes, std::string const& done_words)
    {
        std::size_t done = 0;
        std::string first;
        for (auto const& one : outcomes) {
            if (one.recorded)
                ++done;
            else if (first.empty() && one.refused)
                first = one.refused->message;
        }
        if (done == outcomes.size())
            return {};
        return std::to_string(done) + " berkas " + done_words + "; " + std::to_string(outcomes.size() - done) + " tidak: " + first;
    }

    std::string hold_ticked_steps(WebContext& context, Staff const& staff, Id outage_id, std::vector<std::string> const& ticked)
    {
        std::string problems;
        for (auto const& value : ticked) {
            auto const colon = value.find(':');
            if (value.empty() || colon == std::string::npos)
                continue;
            auto held = context.desk.hold_for_outage(staff, outage_id, value.substr(0, colon), value.substr(colon + 1));
            std::string const problem = held.ok() ? describe_refusals(*held, "ditunda") : held.error().message;
            if (!problem.empty())
                problems += (problems.empty() ? "" : " ") + problem;
        }
        return problems;
    }

    Response start_outage(StaffPages& pages, Request& request)
    {
        auto& context = pages.context;
        auto const& views = pages.views;
        return with_session(context, views, request, [&](Session const& session) {
            if (!Auth::csrf_ok(request, session.principal))
                return csrf_refused(views, frame_of(context, session, "Log gangguan"));
            auto const& form = request.form();
            std::optional<Timestamp> started;
            std::string const mulai = form.get("mulai");
            if (!mulai.empty()) {
                started = parse_local_datetime(mulai, session.staff.office.utc_offset_minutes);
                if (!started) {
                    Error const error = Error::invalid("started_at", "Waktu mulai harus ditulis HH-BB-TTTT JJ:MM, misalnya 25-11-2026 08:30.", "outage.started_at");
                    OutageAttempt attempt { &form, &error };
                    return outages_page(context, views, session, request, http_status(error), &attempt);
                }
            }
            auto outage = context.desk.start_outage(session.staff, form.get("jenis"), form.get("catatan"), started);
            if (!outage.ok()) {
                OutageAttempt attempt { &form, &outage.error() };
                return outages_page(context, views, session, request, http_status(outage.error()), &attempt);
            }
            std::string const refused = hold_ticked_steps(context, session.staff, outage->id, form.all("tunda"));
            if (!refused.empty())
                return outages_page(context, views, session, request, 200, nullptr, refused);
            return Response::redirect("/gangguan#gangguan-" + std::to_string(outage->id));
        });
    }

    // Resumes what the outage still holds; back to the log, or the log with
    // what could not be resumed.
    Response resumed_page(WebContext& context, Views const& views, Session const& session, Request const& request, Id outage_id)
    {
        auto resumed = context.desk.resume_after_outage(session.staff, outage_id);
        std::string const problem = resumed.ok() ? describe_refusals(*resumed, "dilanjutkan") : resumed.error().message;
        if (!problem.empty())
            return outages_page(context, views, session, request, resumed.ok() ? 200 : http_status(resumed.error()), nullptr, problem);
        return Response::redirect("/gangguan#gangguan-" + std::to_string(outage_id));
    }

    Response end_outage(StaffPages& pages, Request& request)
    {
        auto& context = pages.context;
        auto const& views = pages.views;
        return with_session(context, views, request, [&](Session const& session) {
            if (!Auth::csrf_ok(request, session.principal))
                return csrf_refused(views, frame_of(context, session, "Log gangguan"));
            auto ended = context.desk.end_outage(session.staff, request.id_param("id"), std::nullopt);
            if (!ended.ok())
                return outages_page(context, views, session, request, http_status(ended.error()), nullptr, ended.error().message);
            if (request.form().get("lanjutkan") == "1")
                return resumed_page(context, views, session, request, ended->id);
            return Response::redirect("/gangguan#gangguan-" + std::to_string(ended->id));
        });
    }

    Response resume_held(StaffPages& pages, Request& request)
    {
        auto& context = pages.context;
        auto const& views = pages.views;
        return with_session(context, views, request, [&](Session const& session) {
            if (!Auth::csrf_ok(request, session.principal))
                return csrf_refused(views, frame_of(context, session, "Log gangguan"));
            return resumed_page(context, views, session, request, request.id_param("id"));
        });
    }

    RouteEntry<StaffPages> const k_outage_pages[] = {
        { "GET", "/gangguan", outage_log },
        { "POST", "/gangguan", start_outage },
        { "POST", "/gangguan/{id}/akhiri", end_outage },
        { "POST", "/gangguan/{id}/lanjutkan", resume_held },
    };

}

void add_outage_pages(Router& router, WebContext& context)
{
    add_routes(router, std::make_shared<StaffPages>(context), k_outage_pages);
}
}
