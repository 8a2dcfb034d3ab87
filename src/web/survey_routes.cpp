// The satisfaction survey (Permenpan RB 14/2017). Handlers parse, call the
// survey desk, render.
//
//   GET  /survei/{token}              the public survey page (the receipt's QR code)
//   POST /survei/{token}              its answers (no sign-in; limited per address)
//   GET  /permohonan/{id}/survei      the counter's tablet, opened by staff after handover
//   POST /permohonan/{id}/survei      its answers (CSRF)
//   GET  /laporan/ikm                 the IKM report (Camat, Kasi, kabupaten supervisor)
//   POST /api/v1/surveys              one survey, by case_token (public) or case_id (staff)
//   GET  /api/v1/cases/{id}/survey-link   the case's survey link, for whoever prints receipts
//   GET  /api/v1/reports/ikm          the IKM as JSON, or format=xlsx
//   GET  /api/v1/reports/ikm.pdf      the IKM report printed
#include "web/api_decode.hpp"
#include "web/api_support.hpp"
#include "web/route_table.hpp"
#include "web/staff_pages.hpp"
#include "web/survey_decode.hpp"
#include "web/table_export.hpp"
#include "web/web.hpp"

#include "core/indonesian.hpp"
#include "letters/ikm_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

namespace sopir::web {

namespace {

    using ctemplate::TemplateDictionary;
    using Json = nlohmann::ordered_json;

    struct SurveyPages {
        explicit SurveyPages(WebContext& web)
            : context(web)
            , views(web.options.templates_dir, [&web] { return web.site_name(); })
        {
        }
        WebContext& context;
        Views views;
        // The public survey answers at most 10 submissions a minute per
        // address (an office's wifi is one address for many phones).
        RateLimiter limiter { 10, 60 };
    };

    SurveyDesk& surveys(WebContext& context)
    {
        return *context.surveys;
    }

    // The form's inputs by the desk's field names.
    struct ProfileInput {
        char const* input;
        char const* field;
        char const* label;
        std::vector<ProfileOption> const& (*options)();
        std::string RespondentProfile::*member;
    };

    std::array<ProfileInput, 4> const& profile_inputs()
    {
        static std::array<ProfileInput, 4> const inputs { {
            { "usia", "respondent.age_band", "Usia", age_band_options, &RespondentProfile::age_band },
            { "jenis_kelamin", "respondent.sex", "Jenis kelamin", sex_options, &RespondentProfile::sex },
            { "pendidikan", "respondent.education", "Pendidikan terakhir", education_options, &RespondentProfile::education },
            { "pekerjaan", "respondent.occupation", "Pekerjaan", occupation_options, &RespondentProfile::occupation },
        } };
        return inputs;
    }

    // The form as a submission: an answer that is not 1..4 becomes 0, which
    // the desk refuses naming the element.
    desk::SurveySubmission submission_of(Params const& form)
    {
        desk::SurveySubmission submission;
        auto const& elements = survey_elements();
        for (std::size_t i = 0; i < k_survey_elements; ++i) {
            std::string const value = form.get(elements[i].key);
            if (value.empty())
                continue;
            submission.answers[i] = value.size() == 1 && value[0] >= '1' && value[0] <= '4' ? value[0] - '0' : 0;
        }
        for (auto const& input : profile_inputs())
            submission.respondent.*input.member = form.get(input.input);
        submission.comment = form.get("saran");
        return submission;
    }

    struct SurveyForm {
        std::string action;
        std::string csrf; // Empty on the public page.
        Params const* typed { nullptr };
        Error const* error { nullptr };
    };

    void add_form(TemplateDictionary& body, SurveyForm const& form)
    {
        auto* shown = body.AddSectionDictionary("FORM");
        shown->SetValue("ACTION", form.action);
        if (!form.csrf.empty())
            shown->SetValueAndShowSection("CSRF", form.csrf, "CSRF_FIELD");
        if (form.error)
            shown->SetValueAndShowSection("MESSAGE", form.error->message, "ERROR");
        auto typed = [&](std::string_view name) { return form.typed ? form.typed->get(name) : std::string(); };
        auto const& elements = survey_elements();
        for (auto const& element : elements) {
            auto* group = shown->AddSectionDictionary("ELEMENT");
            std::string const key(element.key);
            group->SetValue("KEY", key);
            group->SetValue("CODE", std::string(element.code));
            group->SetValue("QUESTION", std::string(element.question));
            bool const wrong = form.error && form.error->field == "answers." + key;
            if (wrong) {
                group->ShowSection("INVALID");
                group->SetValueAndShowSection("MESSAGE", form.error->message, "FIELD_ERROR");
            }
            for (std::size_t score = 1; score <= 4; ++score) {
                auto* answer = group->AddSectionDictionary("ANSWER");
                answer->SetValue("ID", key + "-" + std::to_string(score));
                answer->SetValue("NAME", key);
                answer->SetIntValue("VALUE", static_cast<long>(score));
                answer->SetValue("LABEL", std::string(element.answers[score - 1]));
                if (typed(key) == std::to_string(score))
                    answer->ShowSection("ON");
            }
        }
        for (auto const& input : profile_inputs()) {
            auto* profile = shown->AddSectionDictionary("PROFILE");
            profile->SetValue("NAME", input.input);
            profile->SetValue("LABEL", input.label);
            if (form.error && form.error->field == input.field)
                profile->SetValueAndShowSection("MESSAGE", form.error->message, "FIELD_ERROR");
            for (auto const& option : input.options()) {
                auto* choice = profile->AddSectionDictionary("OPTION");
                choice->SetValue("VALUE", std::string(option.value));
                choice->SetValue("OPTION_LABEL", std::string(option.label));
                if (typed(input.input) == option.value)
                    choice->ShowSection("ON");
            }
        }
        shown->SetValue("COMMENT", typed("saran"));
        shown->SetIntValue("COMMENT_MAX", static_cast<long>(SurveyDesk::k_comment_max));
        if (form.error && form.error->field == "comment")
            shown->SetValueAndShowSection("MESSAGE", form.error->message, "COMMENT_ERROR");
    }

    // The page for one invitation: the form, or why there is none.
    Response survey_page(Views const& views, PageFrame const& frame, int status, desk::SurveyInvitation const& invitation,
        SurveyForm const& form, bool thanked, std::string const& back)
    {
        TemplateDictionary body("survey");
        body.SetValue("SERVICE", invitation.service_title);
        body.SetValue("OFFICE", invitation.office_name);
        if (thanked) {
            auto* thanks = body.AddSectionDictionary("THANKS");
            if (!back.empty())
                thanks->SetValueAndShowSection("HREF", back, "BACK");
        } else if (invitation.answered) {
            body.SetValueAndShowSection("MESSAGE", "Survei untuk permohonan ini sudah diisi. Terima kasih atas penilaian Saudara.", "CLOSED");
        } else if (!invitation.handed_over) {
            body.SetValueAndShowSection("MESSAGE", "Survei kepuasan dapat diisi setelah hasil layanan diserahkan kepada Saudara. "
                                                   "Silakan buka kembali tautan ini setelah penyerahan.",
                "CLOSED");
        } else {
            add_form(body, form);
        }
        return views.page(status, frame, "survey.tpl", body);
    }

    PageFrame public_frame()
    {
        return { .title = "Survei kepuasan masyarakat" };
    }

    Response public_survey(SurveyPages& pages, Request& request)
    {
        auto invitation = surveys(pages.context).invitation(request.param("token"));
        if (!invitation.ok())
            return pages.views.message(http_status(invitation.error()), public_frame(), "Survei kepuasan masyarakat", invitation.error().message);
        Response response = survey_page(pages.views, public_frame(), 200, *invitation, { .action = request.path }, false, "");
        response.header("Cache-Control", "no-store");
        response.header("Referrer-Policy", "no-referrer");
        return response;
    }

    Response answer_public_survey(SurveyPages& pages, Request& request)
    {
        auto const& views = pages.views;
        if (!pages.limiter.allow(request.remote_address, pages.context.desk.now())) {
            Response response = views.message(429, public_frame(), "Survei kepuasan masyarakat", "Terlalu banyak pengiriman dari alamat ini. Tunggu sebentar lalu coba lagi.");
            response.header("Retry-After", "60");
            return response;
        }
        std::string const token = request.param("token");
        auto invitation = surveys(pages.context).invitation(token);
        if (!invitation.ok())
            return views.message(http_status(invitation.error()), public_frame(), "Survei kepuasan masyarakat", invitation.error().message);
        auto const& form = request.form();
        auto answered = surveys(pages.context).answer_by_token(token, submission_of(form));
        if (!answered.ok()) {
            Error const& error = answered.error();
            if (error.kind != ErrorKind::Invalid) {
                auto again = surveys(pages.context).invitation(token);
                return survey_page(views, public_frame(), http_status(error), again.ok() ? *again : *invitation, { .action = request.path }, false, "");
            }
            return survey_page(views, public_frame(), 422, *invitation, { .action = request.path, .typed = &form, .error = &error }, false, "");
        }
        return survey_page(views, public_frame(), 200, *invitation, {}, true, "");
    }

    // The tablet at the counter: staff open it for a case handed over; the
    // citizen answers; afterwards the page says only that it was answered.
    Response counter_survey_page(SurveyPages& pages, Request& request, Session const& session, int status, Params const* typed, Error const* error,
        bool thanked)
    {
        PageFrame const frame = frame_of(pages.context, session, "Survei kepuasan masyarakat");
        Id const case_id = request.id_param("id");
        auto invitation = surveys(pages.context).counter_invitation(session.staff, case_id);
        if (!invitation.ok())
            return pages.views.message(http_status(invitation.error()), frame, "Survei kepuasan masyarakat", invitation.error().message);
        std::string const back = "/permohonan/" + std::to_string(case_id);
        return survey_page(pages.views, frame, status, *invitation,
            { .action = back + "/survei", .csrf = session.principal.csrf_token, .typed = typed, .error = error }, thanked, back);
    }

    Response counter_survey(SurveyPages& pages, Request& request)
    {
        return with_session(pages.context, pages.views, request, [&](Session const& session) {
            return counter_survey_page(pages, request, session, 200, nullptr, nullptr, false);
        });
    }

    Response answer_counter_survey(SurveyPages& pages, Request& request)
    {
        return with_session(pages.context, pages.views, request, [&](Session const& session) {
            if (!Auth::csrf_ok(request, session.principal))
                return csrf_refused(pages.views, frame_of(pages.context, session, "Survei kepuasan masyarakat"));
            auto const& form = request.form();
            auto answered = surveys(pages.context).answer_at_counter(session.staff, request.id_param("id"), submission_of(form));
            if (!answered.ok()) {
                Error const& error = answered.error();
                if (error.kind == ErrorKind::Invalid)
                    return counter_survey_page(pages, request, session, 422, &form, &error, false);
                return counter_survey_page(pages, request, session, http_status(error), nullptr, nullptr, false);
            }
            return counter_survey_page(pages, request, session, 200, nullptr, nullptr, true);
        });
    }

    // --- The IKM report ------------------------------------------------------

    std::string grade_text(IkmResult const& result)
    {
        if (!result.grade)
            return "—";
        return std::string(1, grade_letter(*result.grade)) + " (" + std::string(grade_label(*result.grade)) + ")";
    }

    std::string ikm_text(IkmResult const& result)
    {
        return result.ikm_hundredths ? format_ikm(*result.ikm_hundredths) : "—";
    }

    // What a reader must know beside the figures.
    std::vector<std::string> report_notes(desk::IkmFigures const& figures)
    {
        std::vector<std::string> notes;
        IkmResult const& result = figures.result;
        if (result.respondents == 0) {
            notes.emplace_back("Belum ada responden pada periode ini.");
            return notes;
        }
        if (!result.unanswered.empty()) {
            std::string list;
            for (auto const& code : result.unanswered)
                list += (list.empty() ? "" : ", ") + code;
            notes.push_back("IKM belum dapat dihitung: unsur " + list + " belum dijawab satu responden pun (IKM memerlukan kesembilan unsur).");
        }
        if (figures.sample_short())
            notes.push_back("Responden (" + std::to_string(result.respondents) + ") kurang dari sampel minimal " + std::to_string(figures.sample_required)
                + " untuk " + std::to_string(figures.applicants) + " pemohon pada periode ini (tabel Krejcie dan Morgan, Permenpan RB 14/2017).");
        return notes;
    }

    // One sentence for the dashboard and the recap.
    std::string ikm_sentence(desk::IkmFigures const& figures)
    {
        IkmResult const& result = figures.result;
        if (result.respondents == 0)
            return "Belum ada responden survei kepuasan pada periode ini.";
        std::string sentence = result.ikm_hundredths
            ? "IKM " + format_ikm(*result.ikm_hundredths) + ", mutu " + grade_text(result) + ", dari " + std::to_string(result.respondents) + " responden."
            : "IKM belum dapat dihitung (" + std::to_string(result.respondents) + " responden; ada unsur yang belum dijawab).";
        if (figures.sample_short())
            sentence += " Responden kurang dari sampel minimal " + std::to_string(figures.sample_required) + " untuk " + std::to_string(figures.applicants)
                + " pemohon.";
        return sentence;
    }

    Json figures_json(desk::IkmFigures const& figures)
    {
        IkmResult const& result = figures.result;
        Json nrr = Json::object(), answered = Json::object();
        auto const& elements = survey_elements();
        for (std::size_t i = 0; i < k_survey_elements; ++i) {
            std::string const key(elements[i].key);
            nrr[key] = result.nrr[i] ? Json(*result.nrr[i]) : Json(nullptr);
            answered[key] = result.tally[i].answered;
        }
        Json unanswered = Json::array();
        for (auto const& code : result.unanswered)
            unanswered.push_back(code);
        return Json { { "respondents", result.respondents }, { "nrr", nrr }, { "answered", answered },
            { "ikm", result.ikm() ? Json(*result.ikm()) : Json(nullptr) },
            { "grade", result.grade ? Json(std::string(1, grade_letter(*result.grade))) : Json(nullptr) },
            { "grade_label", result.grade ? Json(std::string(grade_label(*result.grade))) : Json(nullptr) }, { "unanswered", unanswered },
            { "applicants", figures.applicants }, { "sample_required", figures.sample_required }, { "sample_short", figures.sample_short() } };
    }

    struct IkmAsked {
        ReportScope scope;
        std::optional<std::string> service;
        Date from, to;
    };

    Result<desk::IkmReport> ikm_report(WebContext& context, Staff const& staff, IkmAsked const& asked)
    {
        return surveys(context).report(staff, asked.scope, asked.service, asked.from, asked.to);
    }

    // The API's query: office=, service=, from=/to= or month=.
    Result<IkmAsked> api_asked(WebContext& context, Request const& request, Staff const& staff)
    {
        auto scope = context.desk.report_scope(staff, request.query.get("office"));
        if (!scope.ok())
            return scope.error();
        auto period = period_of(request, staff);
        if (!period.ok())
            return period.error();
        IkmAsked asked { .scope = *scope, .from = period->first, .to = period->second };
        if (std::string const service = request.query.get("service"); !service.empty())
            asked.service = service;
        return asked;
    }

    // "84.72": the spreadsheet's number, with a decimal point.
    std::string ikm_number(std::int64_t hundredths)
    {
        std::string text = format_ikm(hundredths);
        std::replace(text.begin(), text.end(), ',', '.');
        return text;
    }

    std::vector<Table> ikm_tables(desk::IkmReport const& report)
    {
        std::string const title = "Indeks Kepuasan Masyarakat " + report.service_title + ", " + report.scope.label + ", " + to_iso(report.from)
            + " s.d. " + to_iso(report.to);
        IkmResult const& result = report.total.result;
        Table summary { .name = "IKM", .title = title,
            .columns = { { "Responden", Column::Kind::Number }, { "Pemohon", Column::Kind::Number }, { "Sampel minimal", Column::Kind::Number },
                { "IKM", Column::Kind::Number }, { "Mutu", Column::Kind::Text, 18 }, { "Catatan", Column::Kind::Text, 60 } } };
        std::string notes;
        for (auto const& note : report_notes(report.total))
            notes += (notes.empty() ? "" : " ") + note;
        summary.rows.push_back({ std::to_string(result.respondents), std::to_string(report.total.applicants), std::to_string(report.total.sample_required),
            result.ikm_hundredths ? ikm_number(*result.ikm_hundredths) : "",
            result.grade ? grade_text(result) : "", notes });
        Table elements { .name = "Unsur", .title = title,
            .columns = { { "Unsur", Column::Kind::Text, 8 }, { "Uraian", Column::Kind::Text, 36 }, { "Menjawab", Column::Kind::Number },
                { "Jumlah nilai", Column::Kind::Number }, { "NRR", Column::Kind::Number } } };
        auto const& all = survey_elements();
        for (std::size_t i = 0; i < k_survey_elements; ++i) {
            std::string nrr;
            if (result.nrr[i]) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.4f", *result.nrr[i]);
                nrr = buffer;
            }
            elements.rows.push_back({ std::string(all[i].code), std::string(all[i].title), std::to_string(result.tally[i].answered),
                std::to_string(result.tally[i].sum), nrr });
        }
        std::vector<Table> tables { summary, elements };
        if (report.scope.kabupaten) {
            Table offices { .name = "Per kantor", .title = title,
                .columns = { { "Kecamatan", Column::Kind::Text, 28 }, { "Responden", Column::Kind::Number }, { "IKM", Column::Kind::Text },
                    { "Mutu", Column::Kind::Text, 18 } } };
            for (auto const& [office, one] : report.offices)
                offices.rows.push_back({ office.name, std::to_string(one.result.respondents), ikm_text(one.result), grade_text(one.result) });
            tables.push_back(offices);
        }
        if (!report.comments.empty()) {
            Table comments { .name = "Saran", .title = title, .columns = { { "Saran dan komentar", Column::Kind::Text, 80 } } };
            for (auto const& comment : report.comments)
                comments.rows.push_back({ comment });
            tables.push_back(comments);
        }
        return tables;
    }

    std::string file_name(desk::IkmReport const& report, std::string_view extension)
    {
        return export_file_name("ikm" + std::string(report.service ? "-" + *report.service : ""), report.scope.file_code,
            { .from = report.from, .to = report.to }, extension);
    }

    // The API's IKM report for the signed-in staff member and the query's
    // period, service and office; the body takes the report.
    template<typename Body>
    Response with_api_ikm_report(WebContext& context, Request& request, Body&& body)
    {
        return with_staff(context, request, [&](Staff const& staff) {
            auto asked = api_asked(context, request, staff);
            if (!asked.ok())
                return json_error(asked.error());
            auto report = ikm_report(context, staff, *asked);
            if (!report.ok())
                return json_error(report.error());
            return body(*report);
        });
    }

    Response api_ikm(SurveyPages& pages, Request& request)
    {
        return with_api_ikm_report(pages.context, request, [&](desk::IkmReport const& report) {
            std::string const format = request.query.get("format");
            if (!format.empty() && format != "json") {
                auto download = parse_export_format(format);
                if (!download)
                    return json_error(Error::invalid("format", "Format yang tersedia: json, csv, xlsx.", "report.format"));
                auto answer = export_attachment(ikm_tables(report), *download, file_name(report, file_extension(*download)));
                if (!answer.ok())
                    return json_error(answer.error());
                return std::move(*answer);
            }
            Json body = figures_json(report.total);
            body["office"] = report.scope.code;
            body["scope"] = report.scope.kabupaten ? "kabupaten" : "kantor";
            body["label"] = report.scope.label;
            body["service"] = report.service ? Json(*report.service) : Json(nullptr);
            body["from"] = to_iso(report.from);
            body["to"] = to_iso(report.to);
            if (report.scope.kabupaten) {
                Json offices = Json::array();
                for (auto const& [office, one] : report.offices) {
                    Json entry = figures_json(one);
                    entry["office"] = office.code;
                    entry["name"] = office.name;
                    offices.push_back(entry);
                }
                body["offices"] = offices;
            }
            Json comments = Json::array();
            for (auto const& comment : report.comments)
                comments.push_back(comment);
            body["comments"] = comments;
            return json_response(200, body);
        });
    }

    std::string period_text(Date from, Date to)
    {
        return from == to ? format_date_id(from) : format_date_id(from) + " s.d. " + format_date_id(to);
    }

    Response api_ikm_pdf(SurveyPages& pages, Request& request)
    {
        return with_api_ikm_report(pages.context, request, [&](desk::IkmReport const& report) {
            IkmResult const& result = report.total.result;
            IkmReportContent content { .scope_label = report.scope.label, .service = report.service_title,
                .period = period_text(report.from, report.to),
                .printed_at = format_datetime_id(pages.context.desk.now(), report.scope.utc_offset_minutes),
                .respondents = std::to_string(result.respondents), .applicants = std::to_string(report.total.applicants),
                .ikm = ikm_text(result), .grade = result.grade ? grade_text(result) : "belum dapat dihitung", .notes = report_notes(report.total) };
            if (!report.scope.kabupaten && !report.scope.offices.empty()) {
                content.office = pages.context.records.printed_office(report.scope.offices.front());
                content.paper_size = report.scope.offices.front().paper_size;
            }
            auto const& all = survey_elements();
            for (std::size_t i = 0; i < k_survey_elements; ++i)
                content.elements.push_back({ std::string(all[i].code), std::string(all[i].title), std::to_string(result.tally[i].answered),
                    result.nrr[i] ? format_nrr(*result.nrr[i]) : "—" });
            for (auto const& [office, one] : report.offices)
                content.offices.push_back({ office.name, std::to_string(one.result.respondents), ikm_text(one.result), grade_text(one.result) });
            return pdf_response(render_ikm_report_pdf(content), file_name(report, "pdf"));
        });
    }

    // The page's filters: the service, and for a supervisor the office.
    void add_ikm_filters(TemplateDictionary& body, WebContext& context, Session const& session, desk::IkmReport const& report)
    {
        for (auto const& each : context.desk.services()) {
            auto* option = body.AddSectionDictionary("SERVICE_OPTION");
            option->SetValue("VALUE", each.id);
            option->SetValue("LABEL", each.title);
            if (report.service && *report.service == each.id)
                option->ShowSection("SELECTED");
        }
        add_office_picker(body, context, session, report.scope);
    }

    // The staff's report page, with the dashboard's filters.
    Response ikm_page(SurveyPages& pages, Request& request)
    {
        auto& context = pages.context;
        auto const& views = pages.views;
        return with_session(context, views, request, [&](Session const& session) {
            PageFrame const frame = frame_of(context, session, "Indeks Kepuasan Masyarakat");
            if (!context.desk.may_see_reports(session.staff))
                return views.message(403, frame, "Indeks Kepuasan Masyarakat", context.desk.reports_refused());
            Date const today = session.staff.today;
            auto day = [&](char const* name, Date fallback) { return parse_typed_date(request.query.get(name)).value_or(fallback); };
            IkmAsked asked { .from = day("dari", Date { today.year, today.month, 1 }), .to = day("sampai", today) };
            if (std::string const service = request.query.get("layanan"); !service.empty())
                asked.service = service;
            auto scope = context.desk.report_scope(session.staff, request.query.get("kantor"));
            if (!scope.ok())
                return views.message(http_status(scope.error()), frame, "Indeks Kepuasan Masyarakat", scope.error().message);
            asked.scope = *scope;
            auto report = ikm_report(context, session.staff, asked);
            if (!report.ok())
                return views.message(http_status(report.error()), frame, "Indeks Kepuasan Masyarakat", report.error().message);
            TemplateDictionary body("ikm");
            body.SetValue("SERVICE", report->service_title);
            body.SetValue("SCOPE_LABEL", report->scope.label);
            body.SetValue("PERIOD", period_text(report->from, report->to));
            body.SetValue("FROM", to_iso(report->from));
            body.SetValue("TO", to_iso(report->to));
            body.SetValue("FROM_SHOWN", to_day_first(report->from));
            body.SetValue("TO_SHOWN", to_day_first(report->to));
            add_ikm_filters(body, context, session, *report);
            std::string const query = "office=" + url_encode(report->scope.kabupaten ? std::string("semua") : report->scope.code) + "&from="
                + to_iso(report->from) + "&to=" + to_iso(report->to) + (report->service ? "&service=" + url_encode(*report->service) : "");
            body.SetValue("PDF_HREF", "/api/v1/reports/ikm.pdf?" + query);
            body.SetValue("XLSX_HREF", "/api/v1/reports/ikm?format=xlsx&" + query);
            IkmResult const& result = report->total.result;
            body.SetValue("IKM", ikm_text(result));
            body.SetValue("GRADE", result.grade ? grade_text(result) : "belum dapat dihitung");
            body.SetIntValue("RESPONDENTS", result.respondents);
            body.SetIntValue("APPLICANTS", report->total.applicants);
            body.SetIntValue("SAMPLE", report->total.sample_required);
            for (auto const& note : report_notes(report->total))
                body.SetValueAndShowSection("TEXT", note, "NOTE");
            auto const& all = survey_elements();
            for (std::size_t i = 0; i < k_survey_elements; ++i) {
                auto* row = body.AddSectionDictionary("ELEMENT");
                row->SetValue("KEY", std::string(all[i].key));
                row->SetValue("CODE", std::string(all[i].code));
                row->SetValue("TITLE", std::string(all[i].title));
                row->SetIntValue("ANSWERED", result.tally[i].answered);
                row->SetValue("NRR", result.nrr[i] ? format_nrr(*result.nrr[i]) : "belum dijawab");
            }
            if (report->scope.kabupaten) {
                auto* table = body.AddSectionDictionary("PER_OFFICE");
                for (auto const& [office, one] : report->offices) {
                    auto* row = table->AddSectionDictionary("OFFICE_ROW");
                    row->SetValue("CODE", office.code);
                    row->SetValue("NAME", office.name);
                    row->SetIntValue("RESPONDENTS", one.result.respondents);
                    row->SetValue("IKM", ikm_text(one.result));
                    row->SetValue("GRADE", grade_text(one.result));
                }
            }
            if (report->comments.empty())
                body.ShowSection("NO_COMMENTS");
            for (auto const& comment : report->comments)
                body.SetValueAndShowSection("TEXT", comment, "COMMENT");
            return views.page(200, frame, "ikm.tpl", body);
        });
    }

    // --- The API --------------------------------------------------------------

    Response api_survey(SurveyPages& pages, Request& request)
    {
        auto& context = pages.context;
        auto decoded = decode_survey_request(request.body);
        if (!decoded.ok()) {
            // Not a JSON object (or nested too deep): 400, as the other decoders' refusals.
            if (decoded.error().code == k_bad_json)
                return json_response(400, { { "error", { { "code", decoded.error().code }, { "message", decoded.error().message } } } });
            return json_error(decoded.error());
        }
        desk::SurveySubmission const submission { .answers = decoded->answers, .respondent = decoded->respondent, .comment = decoded->comment };
        auto recorded = [](Status const& done) {
            if (!done.ok())
                return json_error(done.error());
            return json_response(201, { { "recorded", true } });
        };
        if (!decoded->case_token.empty()) {
            // The receipt's link: no sign-in, so limited per address.
            if (!pages.limiter.allow(request.remote_address, context.desk.now())) {
                Response response = json_response(429, { { "error", { { "code", "survey.throttled" },
                                                                 { "message", "Terlalu banyak pengiriman dari alamat ini. Tunggu sebentar lalu coba lagi." } } } });
                response.header("Retry-After", "60");
                return response;
            }
            return recorded(surveys(context).answer_by_token(decoded->case_token, submission));
        }
        return with_staff(context, request, [&](Staff const& staff) { return recorded(surveys(context).answer_at_counter(staff, *decoded->case_id, submission)); });
    }

    Response api_survey_link(SurveyPages& pages, Request& request)
    {
        auto& context = pages.context;
        return with_staff(context, request, [&](Staff const& staff) {
            auto token = surveys(context).token_for(staff, request.id_param("id"));
            if (!token.ok())
                return json_error(token.error());
            auto invitation = surveys(context).counter_invitation(staff, request.id_param("id"));
            if (!invitation.ok())
                return json_error(invitation.error());
            Response response = json_response(200, { { "token", *token }, { "url", context.letters.public_url_for(staff.office) + "/survei/" + *token },
                                                       { "open", invitation->handed_over }, { "answered", invitation->answered } });
            response.header("Cache-Control", "no-store");
            return response;
        });
    }

    RouteEntry<SurveyPages> const k_survey_routes[] = {
        { "GET", "/survei/{token}", public_survey },
        { "POST", "/survei/{token}", answer_public_survey },
        { "GET", "/permohonan/{id}/survei", counter_survey },
        { "POST", "/permohonan/{id}/survei", answer_counter_survey },
        { "GET", "/laporan/ikm", ikm_page },
        { "POST", "/api/v1/surveys", api_survey },
        { "GET", "/api/v1/cases/{id}/survey-link", api_survey_link },
        { "GET", "/api/v1/reports/ikm", api_ikm },
        { "GET", "/api/v1/reports/ikm.pdf", api_ikm_pdf },
    };

}

std::string period_ikm_sentence(WebContext& context, Staff const& staff, ReportScope const& scope, std::optional<std::string> const& service, Date from, Date to)
{
    if (!context.surveys)
        return "";
    auto report = context.surveys->report(staff, scope, service, from, to);
    if (!report.ok())
        return "";
    return ikm_sentence(report->total);
}

void add_survey_routes(Router& router, WebContext& context)
{
    add_routes(router, std::make_shared<SurveyPages>(context), k_survey_routes);
}

}
