// The SOCI store's SOP definition versions and the offices' own SOP data
// (0014_sop_versions.sql).
#include "store/queries.hpp"
#include "store/soci_support.hpp"
#include "store/transaction.hpp"

namespace sopir::store {

namespace {

    struct SopVersionRow {
        SopVersion version;

        void bind(soci::statement& statement)
        {
            statement.exchange(soci::into(version.sha256));
            statement.exchange(soci::into(version.service_id));
            statement.exchange(soci::into(version.text));
            statement.exchange(soci::into(version.first_seen));
        }

        SopVersion get() const { return version; }
    };

    struct CasesInStateRow {
        CasesInState count;

        void bind(soci::statement& statement)
        {
            statement.exchange(soci::into(count.sop_version));
            statement.exchange(soci::into(count.state));
            statement.exchange(soci::into(count.cases));
        }

        CasesInState get() const { return count; }
    };

    std::optional<Date> date_or_none(std::string const& text, soci::indicator indicator)
    {
        return indicator == soci::i_ok ? parse_iso_date(text) : std::nullopt;
    }

    std::string step_minutes_json(std::map<std::string, int> const& minutes)
    {
        nlohmann::json json = nlohmann::json::object();
        for (auto const& [step, value] : minutes)
            json[step] = value;
        return json.dump();
    }

    std::map<std::string, int> step_minutes_from(std::string const& text)
    {
        std::map<std::string, int> minutes;
        auto json = parse_json_or(text, nlohmann::json::object());
        if (json.is_object())
            for (auto const& [step, value] : json.items())
                if (value.is_number_integer())
                    minutes[step] = value.get<int>();
        return minutes;
    }

}

Status SociStore::keep_sop_version(SopVersion const& version)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        std::int64_t known = 0;
        sql << queries::k_count_sop_version, soci::use(version.sha256), soci::into(known);
        if (known == 0)
            sql << queries::k_insert_sop_version, soci::use(version.sha256), soci::use(version.service_id), soci::use(version.text),
                soci::use(version.first_seen);
        transaction.commit();
        return Ok {};
    });
}

Result<std::int64_t> SociStore::adopt_sop_version(std::string const& service_id, std::string const& sha256)
{
    return with_session([&](soci::session& sql) -> Result<std::int64_t> {
        WriteTransaction transaction(sql, backend());
        soci::statement update = (sql.prepare << queries::k_adopt_sop_version, soci::use(sha256), soci::use(service_id));
        update.execute(true);
        auto const adopted = static_cast<std::int64_t>(update.get_affected_rows());
        transaction.commit();
        return adopted;
    });
}

Result<std::vector<SopVersion>> SociStore::sop_versions_in_use()
{
    return with_session([&](soci::session& sql) -> Result<std::vector<SopVersion>> {
        return select_all<SopVersionRow>(sql, queries::k_select_sop_versions_in_use);
    });
}

Result<std::vector<CasesInState>> SociStore::cases_by_version_and_state(std::string const& service_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<CasesInState>> {
        return select_all<CasesInStateRow>(sql, queries::k_select_cases_by_version_and_state, service_id);
    });
}

Status SociStore::set_office_sop(OfficeSop const& office)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        std::string const revised = office.revised ? to_iso(*office.revised) : std::string();
        std::string const effective = office.effective ? to_iso(*office.effective) : std::string();
        soci::indicator revised_indicator = office.revised ? soci::i_ok : soci::i_null;
        soci::indicator effective_indicator = office.effective ? soci::i_ok : soci::i_null;
        std::string const minutes = step_minutes_json(office.step_minutes);
        sql << queries::k_delete_office_sop, soci::use(office.office_id), soci::use(office.service_id);
        sql << queries::k_insert_office_sop, soci::use(office.office_id), soci::use(office.service_id), soci::use(office.number),
            soci::use(revised, revised_indicator), soci::use(effective, effective_indicator), soci::use(office.approved_by),
            soci::use(minutes), soci::use(office.updated_at);
        transaction.commit();
        return Ok {};
    });
}

Result<std::optional<OfficeSop>> SociStore::office_sop(Id office_id, std::string const& service_id)
{
    return with_session([&](soci::session& sql) -> Result<std::optional<OfficeSop>> {
        OfficeSop office { .office_id = office_id, .service_id = service_id };
        std::string revised, effective, minutes;
        soci::indicator revised_indicator = soci::i_null, effective_indicator = soci::i_null;
        sql << queries::k_select_office_sop, soci::use(office_id), soci::use(service_id), soci::into(office.number),
            soci::into(revised, revised_indicator), soci::into(effective, effective_indicator), soci::into(office.approved_by),
            soci::into(minutes), soci::into(office.updated_at);
        if (!sql.got_data())
            return std::optional<OfficeSop> {};
        office.revised = date_or_none(revised, revised_indicator);
        office.effective = date_or_none(effective, effective_indicator);
        office.step_minutes = step_minutes_from(minutes);
        return std::optional<OfficeSop> { office };
    });
}

}
