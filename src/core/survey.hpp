#pragma once
// The satisfaction survey (Survei Kepuasan Masyarakat, Permenpan RB 14/2017):
// the nine elements U1–U9 with their questions and four answers each, the
// respondent profile the regulation's questionnaire asks, and the index
// (Indeks Kepuasan Masyarakat) with its grade.
//
// Pure (STYLE.md): the tallies come in as arguments, the figures go out.
//
// The rules, decided once here:
//
// * NRR of an element (nilai rata-rata) = the sum of its answers / the
//   number of respondents who answered it. An element nobody answered has
//   no NRR (not 0).
// * IKM = 25 × Σ NRR / 9, the weight 1/9 exact (the regulation prints
//   0.111; 1/9 keeps a survey where every answer is 4 at exactly 100).
// * The IKM needs all nine elements: when any element has no answer, there
//   is no IKM and no grade; the report names the elements without answers.
// * The IKM is rounded half up to two decimals before it is graded, and
//   the rounding is exact: the sum is kept as a fraction, so 88.305 is
//   88.31 (A), never 88.30 (B) through a binary floating-point error.
// * Grades: A (Sangat Baik) 88.31–100, B (Baik) 76.61–88.30, C (Kurang
//   Baik) 65.00–76.60, D (Tidak Baik) 25.00–64.99.
// * The minimum sample for a population (the period's applicants) comes
//   from the Krejcie-Morgan table the regulation refers to.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

inline constexpr std::size_t k_survey_elements = 9;

struct SurveyElement {
    std::string_view key;      // "u1" … "u9": the API's member name.
    std::string_view code;     // "U1" … "U9".
    std::string_view title;    // The element (unsur) as the regulation names it.
    std::string_view question; // As the questionnaire asks it.
    std::array<std::string_view, 4> answers; // The answers scored 1, 2, 3, 4.
};

std::array<SurveyElement, k_survey_elements> const& survey_elements();

// One respondent's answers: 1..4 per element, or none when left out.
using SurveyAnswers = std::array<std::optional<int>, k_survey_elements>;

// The respondent profile of the regulation's questionnaire. Each field is
// one of the options below, or empty when the respondent did not say.
struct RespondentProfile {
    std::string age_band;
    std::string sex;
    std::string education;
    std::string occupation;
};

struct ProfileOption {
    std::string_view value; // Stored and sent by the API: "17-25".
    std::string_view label; // Shown: "17–25 tahun".
};

std::vector<ProfileOption> const& age_band_options();
std::vector<ProfileOption> const& sex_options();
std::vector<ProfileOption> const& education_options();
std::vector<ProfileOption> const& occupation_options();
// "" is allowed (not said); anything else must be one of the options.
bool is_profile_option(std::vector<ProfileOption> const&, std::string_view value);
std::string_view profile_label(std::vector<ProfileOption> const&, std::string_view value);

// The answers of many respondents, per element.
struct ElementTally {
    std::int64_t answered { 0 }; // Respondents who answered the element.
    std::int64_t sum { 0 };      // The sum of their answers (1..4 each).
};
using SurveyTally = std::array<ElementTally, k_survey_elements>;

void add_answers(SurveyTally&, SurveyAnswers const&);

enum class IkmGrade { A, B, C, D };
char grade_letter(IkmGrade);
std::string_view grade_label(IkmGrade); // "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik".

struct IkmResult {
    std::int64_t respondents { 0 };
    SurveyTally tally {};
    std::array<std::optional<double>, k_survey_elements> nrr {}; // None: nobody answered.
    std::vector<std::string> unanswered; // The codes ("U4") of elements without an answer.
    // In hundredths, rounded half up: 8831 is 88.31. None when there are
    // no respondents or an element has no answer.
    std::optional<std::int64_t> ikm_hundredths;
    std::optional<IkmGrade> grade;

    std::optional<double> ikm() const;
};

IkmResult compute_ikm(std::int64_t respondents, SurveyTally const&);

// The grade of an IKM already rounded to hundredths (2500..10000).
IkmGrade grade_of(std::int64_t ikm_hundredths);

// "88,31": the IKM as printed, with a decimal comma.
std::string format_ikm(std::int64_t ikm_hundredths);
// An NRR as printed: "3,25" (two decimals, a decimal comma).
std::string format_nrr(double nrr);

// The minimum number of respondents for a population (the period's
// applicants), from the Krejcie-Morgan table (Krejcie & Morgan 1970,
// "Determining Sample Size for Research Activities"), which Permenpan RB
// 14/2017 refers to. A population between two rows takes the larger row's
// sample; a population of at most 10 is surveyed whole; beyond 1,000,000
// the sample stays 384.
std::int64_t required_sample(std::int64_t population);

struct SampleRow {
    std::int64_t population;
    std::int64_t sample;
};
std::vector<SampleRow> const& krejcie_morgan_table();

}
