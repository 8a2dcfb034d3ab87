#include "web/survey_decode.hpp"

#include "web/api_decode.hpp"

#include <algorithm>
#include <array>

namespace sopir::web {

namespace {

    using Json = FieldReader::Json;

    // Every member of `object` not in `known`, as an issue naming it.
    template<std::size_t N>
    void refuse_unknown(Json const& object, std::string const& prefix, std::array<std::string_view, N> const& known, FieldReader& in)
    {
        for (auto const& [key, value] : object.items()) {
            if (std::find(known.begin(), known.end(), key) != known.end())
                continue;
            std::string shown = key.substr(0, 64);
            for (char& c : shown)
                if (static_cast<unsigned char>(c) < 0x20)
                    c = '?';
            in.refuse(prefix + shown, "survey.unknown", prefix + shown + " tidak dikenal pada survei.");
        }
    }

    void read_answers(Json const& object, SurveyRequest& request, std::vector<FieldIssue>& issues)
    {
        FieldReader answers(object, "answers.", issues);
        std::array<std::string_view, k_survey_elements> keys {};
        auto const& elements = survey_elements();
        for (std::size_t i = 0; i < k_survey_elements; ++i) {
            keys[i] = elements[i].key;
            auto score = answers.integer(elements[i].key);
            if (!score)
                continue;
            if (*score < 1 || *score > 4) {
                answers.refuse(answers.field(elements[i].key), "survey.answer",
                    std::string(elements[i].code) + ": jawaban harus bilangan bulat 1 sampai 4.");
                continue;
            }
            request.answers[i] = static_cast<int>(*score);
        }
        refuse_unknown(object, "answers.", keys, answers);
    }

    void read_respondent(Json const& object, SurveyRequest& request, std::vector<FieldIssue>& issues)
    {
        FieldReader respondent(object, "respondent.", issues);
        request.respondent.age_band = respondent.text_or("age_band");
        request.respondent.sex = respondent.text_or("sex");
        request.respondent.education = respondent.text_or("education");
        request.respondent.occupation = respondent.text_or("occupation");
        refuse_unknown(object, "respondent.", std::array<std::string_view, 4> { "age_band", "sex", "education", "occupation" }, respondent);
    }

}

Result<SurveyRequest> decode_survey_request(std::string_view body)
{
    auto object = read_json_object(body);
    if (!object.ok())
        return object.error();
    std::vector<FieldIssue> issues;
    FieldReader in(*object, "", issues);
    SurveyRequest request;
    request.case_token = in.text_or("case_token");
    request.case_id = in.integer("case_id");
    if (auto const* answers = in.object("answers"))
        read_answers(*answers, request, issues);
    if (auto const* respondent = in.object("respondent"))
        read_respondent(*respondent, request, issues);
    request.comment = in.text_or("comment");
    refuse_unknown(*object, "", std::array<std::string_view, 5> { "case_token", "case_id", "answers", "respondent", "comment" }, in);
    if (request.case_token.empty() == !request.case_id)
        in.refuse("case_token", "survey.case", "Sebutkan salah satu: case_token (tautan pada tanda terima) atau case_id (tablet di loket).");
    if (!issues.empty()) {
        Error error = Error::invalid(issues.front().field, issues.front().message, issues.front().code);
        if (issues.size() > 1) {
            error.message = std::to_string(issues.size()) + " isian perlu diperbaiki.";
            error.code = "invalid";
        }
        error.issues = std::move(issues);
        return error;
    }
    return request;
}

}
