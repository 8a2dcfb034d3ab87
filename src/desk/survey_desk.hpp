#pragma once
// The satisfaction survey's use cases (Permenpan RB 14/2017): a citizen
// answers once per case after handover, through the link on the receipt
// (no sign-in) or on the counter's tablet; the office reads the index (IKM)
// per service, office and period. The answers are anonymous to officers:
// nothing the office can read ties them to a case or a person.

#include "core/survey.hpp"
#include "desk/desk.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sopir::desk {

enum class SurveyChannel { Link, Tablet };

struct SurveySubmission {
    SurveyAnswers answers {};
    RespondentProfile respondent;
    std::string comment;
};

// What the survey page shows of the case it is for: the service and the
// office, nothing of the applicant.
struct SurveyInvitation {
    Id case_id { 0 };          // For the tablet's form; never shown on the public page.
    std::string service_title;
    std::string office_name;
    bool handed_over { false }; // Reached penyerahan or later: the survey is open.
    bool answered { false };
};

// The index of one scope.
struct IkmFigures {
    IkmResult result;
    std::int64_t applicants { 0 };      // Cases filed in the period: the population.
    std::int64_t sample_required { 0 }; // The Krejcie-Morgan sample for it.
    bool sample_short() const { return result.respondents < sample_required; }
};

struct IkmReport {
    ReportScope scope;
    std::optional<std::string> service; // None: every service.
    std::string service_title;          // "Semua layanan" when none.
    Date from, to;
    IkmFigures total;
    std::vector<std::pair<Office, IkmFigures>> offices; // Kabupaten scope only.
    std::vector<std::string> comments;                  // Alphabetical, capped.
};

// A fresh link token: 128 random bits, hex.
std::string new_survey_token();

class SurveyDesk {
public:
    SurveyDesk(store::Store&, Desk const&);

    // The longest comment kept, in characters (UTF-8 code points).
    static constexpr std::size_t k_comment_max = 1000;
    // The comments a report lists at most.
    static constexpr int k_report_comments = 200;

    // Checks a submission: every answer 1..4, at least one element
    // answered, the profile's options, the comment's length. Invalid names
    // the field ("answers.u3", "respondent.sex", "comment").
    static Status check(SurveySubmission const&);

    // The public side: the case the receipt's token opens.
    Result<SurveyInvitation> invitation(std::string const& token) const;
    Status answer_by_token(std::string const& token, SurveySubmission const&) const;

    // The counter's tablet: a staff member of the case's office opens the
    // survey of a case handed over; the citizen answers. The staff member
    // sees only that it was answered.
    Result<SurveyInvitation> counter_invitation(Staff const&, Id case_id) const;
    Status answer_at_counter(Staff const&, Id case_id, SurveySubmission const&) const;

    // The case's link token (made when first asked for): what the receipt
    // prints as a QR code.
    Result<std::string> token_for(Staff const&, Id case_id) const;

    // The IKM of a scope (Desk::report_scope) for the days [from, to].
    Result<IkmReport> report(Staff const&, ReportScope const&, std::optional<std::string> const& service, Date from, Date to) const;

private:
    Result<SurveyInvitation> invitation_of(Case const&) const;
    Status record(Case const&, SurveySubmission const&, SurveyChannel) const;
    Result<IkmFigures> figures(Office const&, std::optional<std::string> const& service, Date from, Date to, std::vector<std::string>* comments) const;

    store::Store& m_store;
    Desk const& m_desk;
};

}
