#pragma once
// POST /api/v1/surveys: {"case_token" or "case_id", "answers": {"u1": 1..4,
// …, "u9": 1..4}, "respondent": {"age_band", "sex", "education",
// "occupation"}, "comment"}, decoded before any use case sees it. Unlike the
// other decoders, a member the API does not know is refused, naming it: a
// misspelt "U1" or "jenis_kelamin" would otherwise be an answer silently
// lost. Pure, like api_decode.hpp.

#include "core/result.hpp"
#include "core/survey.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sopir::web {

struct SurveyRequest {
    std::string case_token;
    std::optional<std::int64_t> case_id;
    SurveyAnswers answers {};
    RespondentProfile respondent;
    std::string comment;
};

Result<SurveyRequest> decode_survey_request(std::string_view body);

}
