// The SOCI store's outage log.
#include "store/queries.hpp"
#include "store/soci_support.hpp"
#include "store/transaction.hpp"

namespace sopir::store {

namespace {

    struct OutageRow {
        OutageRecord outage;
        Timestamp ended_at { 0 };
        Id recorded_by { 0 }, ended_by { 0 };
        soci::indicator ended_indicator { soci::i_null }, recorded_indicator { soci::i_null }, ended_by_indicator { soci::i_null };

        void bind(soci::statement& statement)
        {
            statement.exchange(soci::into(outage.id));
            statement.exchange(soci::into(outage.office_id));
            statement.exchange(soci::into(outage.kind));
            statement.exchange(soci::into(outage.note));
            statement.exchange(soci::into(outage.started_at));
            statement.exchange(soci::into(ended_at, ended_indicator));
            statement.exchange(soci::into(recorded_by, recorded_indicator));
            statement.exchange(soci::into(ended_by, ended_by_indicator));
        }

        OutageRecord get() const
        {
            OutageRecord result = outage;
            result.ended_at = ended_indicator == soci::i_ok ? std::optional(ended_at) : std::nullopt;
            result.recorded_by = recorded_indicator == soci::i_ok ? recorded_by : 0;
            result.ended_by = ended_by_indicator == soci::i_ok ? ended_by : 0;
            return result;
        }
    };

}

Result<OutageRecord> SociStore::add_outage(OutageRecord outage, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<OutageRecord> {
        WriteTransaction transaction(sql, backend());
        std::int64_t open = 0;
        sql << queries::k_count_open_outages, soci::use(outage.office_id), soci::use(outage.kind), soci::into(open);
        if (open > 0)
            return Error::conflict("Gangguan jenis ini masih tercatat berlangsung; akhiri dulu yang itu.");
        soci::indicator recorded_indicator = outage.recorded_by ? soci::i_ok : soci::i_null;
        sql << queries::k_insert_outage, soci::use(outage.office_id), soci::use(outage.kind), soci::use(outage.note),
            soci::use(outage.started_at), soci::use(outage.recorded_by, recorded_indicator), soci::use(now), soci::into(outage.id);
        append_security_event(sql, m_audit_mac_key, { .kind = "gangguan.mulai", .actor_id = outage.recorded_by, .office_id = outage.office_id,
            .subject = "gangguan " + std::to_string(outage.id),
            .data_json = nlohmann::json { { "kind", outage.kind }, { "started_at", outage.started_at } }.dump(), .at = now });
        transaction.commit();
        outage.ended_at.reset();
        return outage;
    });
}

Result<OutageRecord> SociStore::end_outage(Id office_id, Id outage_id, Timestamp ended_at, Id ended_by)
{
    return with_session([&](soci::session& sql) -> Result<OutageRecord> {
        WriteTransaction transaction(sql, backend());
        auto found = select_one<OutageRow>(sql, "Gangguan itu tidak tercatat.", queries::k_select_outage, outage_id, office_id);
        if (!found.ok())
            return found.error();
        if (found->ended_at)
            return Error::conflict("Gangguan ini sudah diakhiri.");
        if (ended_at < found->started_at)
            return Error::invalid("ended_at", "Waktu selesai tidak boleh sebelum waktu mulai gangguan.", "outage.order");
        soci::indicator by_indicator = ended_by ? soci::i_ok : soci::i_null;
        soci::statement end = (sql.prepare << queries::k_end_outage, soci::use(ended_at), soci::use(ended_by, by_indicator),
            soci::use(outage_id), soci::use(office_id));
        end.execute(true);
        if (end.get_affected_rows() != 1)
            return Error::conflict("Gangguan ini sudah diakhiri.");
        append_security_event(sql, m_audit_mac_key, { .kind = "gangguan.selesai", .actor_id = ended_by, .office_id = office_id,
            .subject = "gangguan " + std::to_string(outage_id), .data_json = nlohmann::json { { "ended_at", ended_at } }.dump(), .at = ended_at });
        transaction.commit();
        OutageRecord ended = *found;
        ended.ended_at = ended_at;
        ended.ended_by = ended_by;
        return ended;
    });
}

Result<OutageRecord> SociStore::outage(Id office_id, Id outage_id)
{
    return with_session([&](soci::session& sql) -> Result<OutageRecord> {
        auto found = select_one<OutageRow>(sql, "Gangguan itu tidak tercatat.", queries::k_select_outage, outage_id, office_id);
        if (!found.ok())
            return found.error();
        sql << queries::k_count_outage_holds, soci::use(outage_id), soci::into(found->held_cases), soci::into(found->resumed_cases);
        return *found;
    });
}

Result<std::vector<OutageRecord>> SociStore::outages(Id office_id, Timestamp from, Timestamp to)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<OutageRecord>> {
        auto found = select_all<OutageRow>(sql, queries::k_select_outages, office_id, to, from);
        for (auto& outage : found)
            sql << queries::k_count_outage_holds, soci::use(outage.id), soci::into(outage.held_cases), soci::into(outage.resumed_cases);
        return found;
    });
}

}
