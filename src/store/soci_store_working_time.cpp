// The SOCI store's working time (an office's hours and own holidays) and the
// links between an outage and the cases it held.
#include "store/queries.hpp"
#include "store/soci_support.hpp"
#include "store/transaction.hpp"

namespace sopir::store {

Result<std::optional<std::string>> SociStore::office_working_hours(Id office_id)
{
    return with_session([&](soci::session& sql) -> Result<std::optional<std::string>> {
        std::string hours;
        sql << queries::k_select_office_working_hours, soci::use(office_id), soci::into(hours);
        if (!sql.got_data())
            return std::optional<std::string> {};
        return std::optional<std::string> { hours };
    });
}

Status SociStore::set_office_working_hours(Id office_id, std::string const& hours, Id actor_id, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        sql << queries::k_delete_office_working_hours, soci::use(office_id);
        if (!hours.empty())
            sql << queries::k_insert_office_working_hours, soci::use(office_id), soci::use(hours), soci::use(now);
        append_security_event(sql, m_audit_mac_key, { .kind = "kantor.jam_kerja", .actor_id = actor_id, .office_id = office_id,
            .subject = "kantor " + std::to_string(office_id), .data_json = nlohmann::json { { "hours", hours } }.dump(), .at = now });
        transaction.commit();
        return Ok {};
    });
}

Result<std::vector<Holiday>> SociStore::office_holidays(Id office_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<Holiday>> {
        std::vector<Holiday> holidays;
        std::string day, kind, name;
        soci::statement select = (sql.prepare << queries::k_select_office_holidays, soci::use(office_id), soci::into(day), soci::into(kind),
            soci::into(name));
        select.execute(false);
        while (select.fetch()) {
            auto const parsed = parse_iso_date(day);
            if (!parsed)
                return Error::internal("Tanggal libur kantor tersimpan rusak: " + day);
            holidays.push_back({ *parsed, kind, name });
        }
        return holidays;
    });
}

Status SociStore::add_office_holiday(Id office_id, Holiday const& holiday, Id actor_id, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        std::string const day = to_iso(holiday.day);
        std::int64_t kept = 0;
        sql << queries::k_count_office_holiday, soci::use(office_id), soci::use(day), soci::into(kept);
        if (kept > 0)
            return Error::conflict("Tanggal " + day + " sudah tercatat sebagai hari libur kantor.");
        sql << queries::k_insert_office_holiday, soci::use(office_id), soci::use(day), soci::use(holiday.kind), soci::use(holiday.name), soci::use(now);
        append_security_event(sql, m_audit_mac_key, { .kind = "kantor.libur_tambah", .actor_id = actor_id, .office_id = office_id,
            .subject = "kantor " + std::to_string(office_id),
            .data_json = nlohmann::json { { "day", day }, { "kind", holiday.kind }, { "name", holiday.name } }.dump(), .at = now });
        transaction.commit();
        return Ok {};
    });
}

Status SociStore::remove_office_holiday(Id office_id, Date day, Id actor_id, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        std::string const text = to_iso(day);
        soci::statement remove = (sql.prepare << queries::k_delete_office_holiday, soci::use(office_id), soci::use(text));
        remove.execute(true);
        if (remove.get_affected_rows() != 1)
            return Error::not_found("Tanggal " + text + " bukan hari libur kantor ini.");
        append_security_event(sql, m_audit_mac_key, { .kind = "kantor.libur_hapus", .actor_id = actor_id, .office_id = office_id,
            .subject = "kantor " + std::to_string(office_id), .data_json = nlohmann::json { { "day", text } }.dump(), .at = now });
        transaction.commit();
        return Ok {};
    });
}

Result<std::vector<Id>> SociStore::outage_held_cases(Id outage_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<Id>> {
        std::vector<Id> cases;
        Id case_id = 0;
        soci::statement select = (sql.prepare << queries::k_select_outage_held_cases, soci::use(outage_id), soci::into(case_id));
        select.execute(false);
        while (select.fetch())
            cases.push_back(case_id);
        return cases;
    });
}

}
