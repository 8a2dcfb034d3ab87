#include "desk/survey_desk.hpp"

#include "core/text.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>

namespace sopir::desk {

std::string new_survey_token()
{
    if (sodium_init() < 0)
        std::abort();
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[2 * sizeof bytes + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

namespace {

    std::size_t code_points(std::string_view text)
    {
        std::size_t count = 0;
        for (unsigned char c : text)
            if ((c & 0xC0) != 0x80)
                ++count;
        return count;
    }

    // Permenpan RB 14/2017 surveys the users of a service: the survey opens
    // when the product is handed over, that is in the SOP's last step
    // (penyerahan) or once the case has ended.
    bool handed_over(SopDefinition const& definition, Case const& item)
    {
        if (!definition.steps.empty() && item.state == definition.steps.back().id)
            return true;
        return definition.state_kind(item.state) == StateKind::End;
    }

    Error not_open()
    {
        Error error = Error::invalid_transition("Survei kepuasan dapat diisi setelah hasil layanan diserahkan kepada pemohon.");
        error.code = "survey.not_open";
        return error;
    }

}

SurveyDesk::SurveyDesk(store::Store& store, Desk const& desk)
    : m_store(store)
    , m_desk(desk)
{
}

Status SurveyDesk::check(SurveySubmission const& submission)
{
    auto const& elements = survey_elements();
    bool any = false;
    for (std::size_t i = 0; i < k_survey_elements; ++i) {
        if (!submission.answers[i])
            continue;
        if (*submission.answers[i] < 1 || *submission.answers[i] > 4)
            return Error::invalid("answers." + std::string(elements[i].key),
                std::string(elements[i].code) + ": jawaban harus salah satu dari 1 sampai 4.", "survey.answer");
        any = true;
    }
    if (!any)
        return Error::invalid("answers", "Jawab paling sedikit satu pertanyaan survei.", "survey.empty");
    struct ProfileField {
        char const* field;
        std::vector<ProfileOption> const& options;
        std::string const& value;
        char const* label;
    };
    ProfileField const profile[] = {
        { "respondent.age_band", age_band_options(), submission.respondent.age_band, "Usia" },
        { "respondent.sex", sex_options(), submission.respondent.sex, "Jenis kelamin" },
        { "respondent.education", education_options(), submission.respondent.education, "Pendidikan" },
        { "respondent.occupation", occupation_options(), submission.respondent.occupation, "Pekerjaan" },
    };
    for (auto const& each : profile)
        if (!is_profile_option(each.options, each.value))
            return Error::invalid(each.field, std::string(each.label) + " harus salah satu pilihan pada formulir.", "survey.profile");
    if (code_points(submission.comment) > k_comment_max)
        return Error::invalid("comment", "Saran paling banyak " + std::to_string(k_comment_max) + " karakter.", "survey.comment_length");
    return Ok {};
}

Result<SurveyInvitation> SurveyDesk::invitation_of(Case const& item) const
{
    auto definition = m_desk.definition_of(item);
    if (!definition.ok())
        return definition.error();
    auto office = m_store.office_by_id(item.office_id);
    if (!office.ok())
        return office.error();
    auto answered = m_store.survey_answered(item.id);
    if (!answered.ok())
        return answered.error();
    return SurveyInvitation { .case_id = item.id, .service_title = definition->title, .office_name = "Kantor Camat " + office->name,
        .handed_over = handed_over(*definition, item), .answered = *answered };
}

Result<SurveyInvitation> SurveyDesk::invitation(std::string const& token) const
{
    // A token is 32 hex digits; anything else is not looked up.
    if (token.size() != 32 || token.find_first_not_of("0123456789abcdef") != std::string::npos)
        return Error::not_found("Tautan survei tidak dikenal. Periksa kembali kode QR pada tanda terima.");
    auto case_id = m_store.case_of_survey_token(token);
    if (!case_id.ok())
        return case_id.error();
    auto item = m_store.case_by_id(*case_id);
    if (!item.ok())
        return item.error();
    return invitation_of(*item);
}

Status SurveyDesk::record(Case const& item, SurveySubmission const& submission, SurveyChannel channel) const
{
    if (auto checked = check(submission); !checked.ok())
        return checked;
    auto invitation = invitation_of(item);
    if (!invitation.ok())
        return invitation.error();
    if (!invitation->handed_over)
        return not_open();
    if (invitation->answered)
        return Error::conflict("Survei untuk permohonan ini sudah diisi. Terima kasih.");
    auto office = m_store.office_by_id(item.office_id);
    if (!office.ok())
        return office.error();
    Timestamp const now = m_desk.now();
    store::SurveyResponse response { .office_id = item.office_id, .service_id = item.service_id,
        .answered_on = local_date(now, office->utc_offset_minutes), .answers = submission.answers, .respondent = submission.respondent,
        .comment = std::string(trim(submission.comment)), .channel = channel == SurveyChannel::Tablet ? "tablet" : "tautan" };
    return m_store.add_survey(item.id, response, now);
}

Status SurveyDesk::answer_by_token(std::string const& token, SurveySubmission const& submission) const
{
    if (auto checked = check(submission); !checked.ok())
        return checked;
    auto invited = invitation(token);
    if (!invited.ok())
        return invited.error();
    auto item = m_store.case_by_id(invited->case_id);
    if (!item.ok())
        return item.error();
    return record(*item, submission, SurveyChannel::Link);
}

Result<SurveyInvitation> SurveyDesk::counter_invitation(Staff const& staff, Id case_id) const
{
    if (staff.office.id == 0 || m_desk.is_applicant_only(staff))
        return Error::forbidden("Survei di loket dibuka oleh petugas kantor permohonan itu.");
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    return invitation_of(*item);
}

Status SurveyDesk::answer_at_counter(Staff const& staff, Id case_id, SurveySubmission const& submission) const
{
    if (auto checked = check(submission); !checked.ok())
        return checked;
    if (staff.office.id == 0 || m_desk.is_applicant_only(staff))
        return Error::forbidden("Survei di loket dibuka oleh petugas kantor permohonan itu.");
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    return record(*item, submission, SurveyChannel::Tablet);
}

Result<std::string> SurveyDesk::token_for(Staff const& staff, Id case_id) const
{
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    return m_store.survey_token(item->id, new_survey_token(), m_desk.now());
}

Result<IkmFigures> SurveyDesk::figures(Office const& office, std::optional<std::string> const& service, Date from, Date to,
    std::vector<std::string>* comments) const
{
    auto found = m_store.survey_figures(office.id, service, from, to, comments ? k_report_comments : 0);
    if (!found.ok())
        return found.error();
    if (comments)
        comments->insert(comments->end(), found->comments.begin(), found->comments.end());
    Timestamp const start = local_midnight(from, office.utc_offset_minutes);
    Timestamp const end = local_midnight(from_days(to_days(to) + 1), office.utc_offset_minutes);
    auto applicants = m_store.count_cases_created(office.id, service, start, end);
    if (!applicants.ok())
        return applicants.error();
    return IkmFigures { .result = compute_ikm(found->respondents, found->tally), .applicants = *applicants,
        .sample_required = required_sample(*applicants) };
}

Result<IkmReport> SurveyDesk::report(Staff const& staff, ReportScope const& scope, std::optional<std::string> const& service, Date from, Date to) const
{
    if (!m_desk.may_see_reports(staff))
        return Error::forbidden(m_desk.reports_refused());
    if (to < from)
        return Error::invalid("to", "Tanggal akhir tidak boleh sebelum tanggal awal.", "period.order");
    IkmReport out { .scope = scope, .service = service, .service_title = "Semua layanan", .from = from, .to = to };
    if (service) {
        auto known = m_desk.known_service(*service);
        if (!known.ok())
            return known.error();
        out.service_title = (*known)->title;
    }
    SurveyTally tally {};
    std::int64_t respondents = 0, applicants = 0;
    for (auto const& office : scope.offices) {
        auto one = figures(office, service, from, to, &out.comments);
        if (!one.ok())
            return one.error();
        respondents += one->result.respondents;
        applicants += one->applicants;
        for (std::size_t i = 0; i < k_survey_elements; ++i) {
            tally[i].answered += one->result.tally[i].answered;
            tally[i].sum += one->result.tally[i].sum;
        }
        if (scope.kabupaten)
            out.offices.emplace_back(office, std::move(*one));
    }
    // A kabupaten's index is of all its respondents together, as one unit
    // surveyed: the offices' indexes are not averaged.
    out.total = { .result = compute_ikm(respondents, tally), .applicants = applicants, .sample_required = required_sample(applicants) };
    std::sort(out.comments.begin(), out.comments.end());
    if (out.comments.size() > static_cast<std::size_t>(k_report_comments))
        out.comments.resize(static_cast<std::size_t>(k_report_comments));
    return out;
}

}
