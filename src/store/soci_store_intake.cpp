// What intake hardening keeps (0011): reads of many rows at once, the
// public status check's PIN, and the answers given to Idempotency-Keys.
#include "store/queries.hpp"
#include "store/soci_support.hpp"
#include "store/transaction.hpp"

namespace sopir::store {

Status SociStore::log_bulk_access(BulkAccess const& access)
{
    return with_session([&](soci::session& sql) -> Status {
        soci::indicator user_indicator = access.user_id ? soci::i_ok : soci::i_null;
        soci::indicator office_indicator = access.office_id ? soci::i_ok : soci::i_null;
        sql << queries::k_insert_bulk_access, soci::use(access.user_id, user_indicator), soci::use(access.office_id, office_indicator),
            soci::use(access.at), soci::use(access.what), soci::use(access.rows), soci::use(access.address);
        return Ok {};
    });
}

Status SociStore::set_status_pin(Id case_id, std::string const& hash)
{
    return with_session([&](soci::session& sql) -> Status {
        soci::statement statement = (sql.prepare << queries::k_set_status_pin, soci::use(hash), soci::use(case_id));
        statement.execute(true);
        if (statement.get_affected_rows() == 0)
            return Error::not_found("Permohonan " + std::to_string(case_id) + " tidak ada.");
        return Ok {};
    });
}

Result<StatusPinRecord> SociStore::status_pin(Id case_id)
{
    return with_session([&](soci::session& sql) -> Result<StatusPinRecord> {
        StatusPinRecord record;
        soci::indicator found = soci::i_null;
        sql << queries::k_select_status_pin, soci::use(case_id), soci::into(record.hash, found), soci::into(record.failures);
        if (!sql.got_data())
            return Error::not_found("Permohonan " + std::to_string(case_id) + " tidak ada.");
        return record;
    });
}

Result<std::int64_t> SociStore::count_status_pin_failure(Id case_id)
{
    return with_session([&](soci::session& sql) -> Result<std::int64_t> {
        WriteTransaction transaction(sql, backend());
        sql << queries::k_count_status_pin_failure, soci::use(case_id);
        std::string hash;
        std::int64_t failures = 0;
        sql << queries::k_select_status_pin, soci::use(case_id), soci::into(hash), soci::into(failures);
        transaction.commit();
        return failures;
    });
}

namespace {

    std::optional<IdempotencyRecord> read_idempotency_key(soci::session& sql, Id user_id, std::string const& key)
    {
        IdempotencyRecord record;
        sql << queries::k_select_idempotency_key, soci::use(user_id), soci::use(key), soci::into(record.fingerprint), soci::into(record.status),
            soci::into(record.location), soci::into(record.body), soci::into(record.created_at);
        if (!sql.got_data())
            return std::nullopt;
        return record;
    }

}

Result<std::optional<IdempotencyRecord>> SociStore::claim_idempotency_key(Id user_id, std::string const& key, std::string const& fingerprint,
    Timestamp now, Timestamp expired_before)
{
    auto claimed = with_session([&](soci::session& sql) -> Result<std::optional<IdempotencyRecord>> {
        WriteTransaction transaction(sql, backend());
        sql << queries::k_expire_idempotency_keys, soci::use(expired_before);
        if (auto existing = read_idempotency_key(sql, user_id, key)) {
            transaction.commit();
            return existing;
        }
        sql << queries::k_insert_idempotency_key, soci::use(user_id), soci::use(key), soci::use(fingerprint), soci::use(now);
        transaction.commit();
        return std::optional<IdempotencyRecord> {};
    });
    if (claimed.ok() || claimed.error().kind != ErrorKind::Conflict)
        return claimed;
    // Another request claimed the key between our read and our insert
    // (PostgreSQL): its record answers this one.
    return with_session([&](soci::session& sql) -> Result<std::optional<IdempotencyRecord>> {
        auto existing = read_idempotency_key(sql, user_id, key);
        if (!existing)
            return Error::conflict("Permintaan dengan Idempotency-Key ini sedang diproses.");
        return existing;
    });
}

Status SociStore::finish_idempotency_key(Id user_id, std::string const& key, int status, std::string const& location, std::string const& body)
{
    return with_session([&](soci::session& sql) -> Status {
        sql << queries::k_finish_idempotency_key, soci::use(status), soci::use(location), soci::use(body), soci::use(user_id), soci::use(key);
        return Ok {};
    });
}

Status SociStore::release_idempotency_key(Id user_id, std::string const& key)
{
    return with_session([&](soci::session& sql) -> Status {
        sql << queries::k_release_idempotency_key, soci::use(user_id), soci::use(key);
        return Ok {};
    });
}

}
