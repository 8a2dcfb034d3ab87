// The SOCI store's satisfaction survey (0017): the case's link token, the
// mark that a case was surveyed, and the answers kept apart from it.
#include "store/queries.hpp"
#include "store/soci_support.hpp"
#include "store/transaction.hpp"

#include "core/sha256.hpp"

namespace sopir::store {

Result<std::string> SociStore::survey_token(Id case_id, std::string const& fresh, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<std::string> {
        WriteTransaction transaction(sql, backend());
        std::string token;
        sql << queries::k_select_survey_token, soci::use(case_id), soci::into(token);
        if (sql.got_data())
            return token;
        sql << queries::k_insert_survey_token, soci::use(case_id), soci::use(fresh), soci::use(now);
        transaction.commit();
        return fresh;
    });
}

Result<Id> SociStore::case_of_survey_token(std::string const& token)
{
    return with_session([&](soci::session& sql) -> Result<Id> {
        Id case_id = 0;
        sql << queries::k_select_case_of_survey_token, soci::use(token), soci::into(case_id);
        if (!sql.got_data())
            return Error::not_found("Tautan survei tidak dikenal. Periksa kembali kode QR pada tanda terima.");
        return case_id;
    });
}

Result<bool> SociStore::survey_answered(Id case_id)
{
    return with_session([&](soci::session& sql) -> Result<bool> {
        std::int64_t count = 0;
        sql << queries::k_count_survey_case, soci::use(case_id), soci::into(count);
        return count > 0;
    });
}

namespace {

    char const* k_already_answered = "Survei untuk permohonan ini sudah diisi. Terima kasih.";

    // What the security chain keeps of a survey: its row, and a digest of
    // the answers so that a row changed afterwards shows; no case, no time
    // finer than the chain's own, no person.
    std::string survey_event_data(Id response_id, SurveyResponse const& response)
    {
        nlohmann::json answers = nlohmann::json::object();
        auto const& elements = survey_elements();
        for (std::size_t i = 0; i < k_survey_elements; ++i)
            answers[std::string(elements[i].key)] = response.answers[i] ? nlohmann::json(*response.answers[i]) : nlohmann::json(nullptr);
        nlohmann::json const content { { "answers", answers }, { "age_band", response.respondent.age_band },
            { "sex", response.respondent.sex }, { "education", response.respondent.education },
            { "occupation", response.respondent.occupation }, { "comment", response.comment } };
        return nlohmann::json { { "response", response_id }, { "service", response.service_id }, { "day", to_iso(response.answered_on) },
            { "channel", response.channel }, { "sha256", sha256_hex(content.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) } }
            .dump();
    }

}

Status SociStore::add_survey(Id case_id, SurveyResponse const& response, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        std::int64_t taken = 0;
        sql << queries::k_count_survey_case, soci::use(case_id), soci::into(taken);
        if (taken > 0)
            return Error::conflict(k_already_answered);
        sql << queries::k_insert_survey_case, soci::use(case_id);
        std::array<int, k_survey_elements> scores {};
        std::array<soci::indicator, k_survey_elements> given {};
        for (std::size_t i = 0; i < k_survey_elements; ++i) {
            scores[i] = response.answers[i].value_or(0);
            given[i] = response.answers[i] ? soci::i_ok : soci::i_null;
        }
        std::string const day = to_iso(response.answered_on);
        Id response_id = 0;
        sql << queries::k_insert_survey_response, soci::use(response.office_id), soci::use(response.service_id), soci::use(day),
            soci::use(scores[0], given[0]), soci::use(scores[1], given[1]), soci::use(scores[2], given[2]), soci::use(scores[3], given[3]),
            soci::use(scores[4], given[4]), soci::use(scores[5], given[5]), soci::use(scores[6], given[6]), soci::use(scores[7], given[7]),
            soci::use(scores[8], given[8]), soci::use(response.respondent.age_band), soci::use(response.respondent.sex),
            soci::use(response.respondent.education), soci::use(response.respondent.occupation), soci::use(response.comment),
            soci::use(response.channel), soci::into(response_id);
        append_security_event(sql, m_audit_mac_key, { .kind = "survei.isi", .actor_id = 0, .office_id = response.office_id,
            .subject = "survei " + std::to_string(response_id), .data_json = survey_event_data(response_id, response), .at = now });
        transaction.commit();
        return Ok {};
    });
}

Result<SurveyFigures> SociStore::survey_figures(Id office_id, std::optional<std::string> const& service_id, Date from, Date to, int comments)
{
    return with_session([&](soci::session& sql) -> Result<SurveyFigures> {
        std::string const first = to_iso(from), last = to_iso(to);
        SurveyFigures figures;
        std::array<std::int64_t, 1 + 2 * k_survey_elements> columns {};
        soci::statement statement(sql);
        statement.alloc();
        statement.prepare(service_id ? queries::k_survey_sums_of_service : queries::k_survey_sums);
        for (auto& column : columns)
            statement.exchange(soci::into(column));
        statement.exchange(soci::use(office_id));
        statement.exchange(soci::use(first));
        statement.exchange(soci::use(last));
        if (service_id)
            statement.exchange(soci::use(*service_id));
        statement.define_and_bind();
        statement.execute(true);
        figures.respondents = columns[0];
        for (std::size_t i = 0; i < k_survey_elements; ++i)
            figures.tally[i] = { .answered = columns[1 + 2 * i], .sum = columns[2 + 2 * i] };
        if (comments > 0) {
            std::vector<std::string> texts(static_cast<std::size_t>(comments));
            if (service_id)
                sql << queries::k_survey_comments_of_service, soci::use(office_id), soci::use(first), soci::use(last), soci::use(*service_id),
                    soci::use(comments), soci::into(texts);
            else
                sql << queries::k_survey_comments, soci::use(office_id), soci::use(first), soci::use(last), soci::use(comments), soci::into(texts);
            figures.comments = std::move(texts);
        }
        return figures;
    });
}

Result<std::int64_t> SociStore::count_cases_created(Id office_id, std::optional<std::string> const& service_id, Timestamp from, Timestamp to)
{
    return with_session([&](soci::session& sql) -> Result<std::int64_t> {
        std::int64_t count = 0;
        if (service_id)
            sql << queries::k_count_cases_created_of_service, soci::use(office_id), soci::use(from), soci::use(to), soci::use(*service_id),
                soci::into(count);
        else
            sql << queries::k_count_cases_created, soci::use(office_id), soci::use(from), soci::use(to), soci::into(count);
        return count;
    });
}

}
