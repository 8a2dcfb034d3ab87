#pragma once
// What the SOCI store's source files share: leasing a session with errors
// turned into values, and reading rows into the domain's records.

#include "store/database.hpp"
#include "store/soci_store.hpp"

#include "core/json.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <map>

#include <string>
#include <vector>

namespace sopir::store {

// Appends a security event to the server's chain inside the caller's
// transaction: locks the chain's head, fills in seq, hash and (with a key)
// MAC, and inserts the row. For writers that record an event together with
// the change it records (a revocation, a role change).
SecurityEvent append_security_event(soci::session&, std::string const& mac_key, SecurityEvent);

template<typename Body>
auto SociStore::with_session(Body&& body) -> decltype(body(std::declval<soci::session&>()))
{
    auto lease = m_database.lease();
    try {
        return body(lease.sql());
    } catch (std::exception const& e) {
        // On an unreliable network, or when PostgreSQL restarts, the
        // connection drops: whatever the statement's error said, the
        // database is unavailable, and the pooled session reconnects so that
        // the next request works (or fails fast while the server is down).
        if (!lease.sql().is_connected()) {
            m_database.reopen(lease.sql());
            return Error::unavailable(k_database_unavailable);
        }
        return translate_storage_error(e);
    }
}

inline std::string acting_to_text(Acting acting)
{
    switch (acting) {
    case Acting::Plt: return "plt";
    case Acting::Plh: return "plh";
    case Acting::None: break;
    }
    return "";
}

inline Acting acting_from_text(std::string const& text)
{
    if (text == "plt")
        return Acting::Plt;
    if (text == "plh")
        return Acting::Plh;
    return Acting::None;
}

// Column buffers for one user row (queries::k_select_user_by_id's columns).
struct UserRow {
    User user;
    int active { 1 };
    int must_change { 0 };

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(user.id));
        statement.exchange(soci::into(user.username));
        statement.exchange(soci::into(user.full_name));
        statement.exchange(soci::into(user.nip));
        statement.exchange(soci::into(user.pangkat_golongan));
        statement.exchange(soci::into(user.password_hash));
        statement.exchange(soci::into(active));
        statement.exchange(soci::into(user.created_at));
        statement.exchange(soci::into(must_change));
    }

    User get() const
    {
        User result = user;
        result.active = active != 0;
        result.must_change_password = must_change != 0;
        return result;
    }
};

// Column buffers for one role assignment (queries::k_select_role_assignments).
struct RoleAssignmentRow {
    RoleAssignment row;
    std::string acting, from, until;
    soci::indicator from_indicator { soci::i_null }, until_indicator { soci::i_null };

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(row.id));
        statement.exchange(soci::into(row.user_id));
        statement.exchange(soci::into(row.office_id));
        statement.exchange(soci::into(row.role));
        statement.exchange(soci::into(acting));
        statement.exchange(soci::into(from, from_indicator));
        statement.exchange(soci::into(until, until_indicator));
        statement.exchange(soci::into(row.surat_perintah));
    }

    RoleAssignment get() const
    {
        RoleAssignment result = row;
        result.acting = acting_from_text(acting);
        result.valid_from = from_indicator == soci::i_ok ? parse_iso_date(from) : std::nullopt;
        result.valid_until = until_indicator == soci::i_ok ? parse_iso_date(until) : std::nullopt;
        return result;
    }
};

// Runs a query that binds `Row` columns and the given parameters,
// collecting every row.
template<typename Row, typename... Params>
std::vector<decltype(std::declval<Row>().get())> select_all(soci::session& sql, std::string const& query, Params const&... params)
{
    std::vector<decltype(std::declval<Row>().get())> out;
    Row row;
    soci::statement statement(sql);
    statement.alloc();
    statement.prepare(query);
    row.bind(statement);
    (statement.exchange(soci::use(params)), ...);
    statement.define_and_bind();
    statement.execute(false);
    while (statement.fetch())
        out.push_back(row.get());
    return out;
}

// The first row, or NotFound with `missing` as its message.
template<typename Row, typename... Params>
Result<decltype(std::declval<Row>().get())> select_one(soci::session& sql, std::string const& missing, std::string const& query, Params const&... params)
{
    auto rows = select_all<Row>(sql, query, params...);
    if (rows.empty())
        return Error::not_found(missing);
    return rows.front();
}

// An action's reasons and fields as stored and hashed (both the action path
// and the bulk import): the same data always stores, and so hashes, the same
// way. Fields are a JSON object with sorted keys.
inline std::vector<std::string> reasons_from_json(std::string const& json)
{
    std::vector<std::string> reasons;
    auto parsed = parse_json_or(json, nlohmann::json());
    if (parsed.is_array())
        for (auto const& reason : parsed)
            if (reason.is_string())
                reasons.push_back(reason.get<std::string>());
    return reasons;
}

inline std::string reasons_to_json(std::vector<std::string> const& reasons)
{
    return nlohmann::json(reasons).dump();
}

inline std::string fields_to_json(std::map<std::string, std::string> const& fields)
{
    nlohmann::json object = nlohmann::json::object();
    for (auto const& [name, value] : fields)
        object[name] = value;
    return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Column buffers for a register line: the entry's columns, then the case's
// applicant_name, nik and village_code (register_lines, search_register).
struct RegisterLineRow {
    RegisterLine line;

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(line.entry.office_id));
        statement.exchange(soci::into(line.entry.register_id));
        statement.exchange(soci::into(line.entry.year));
        statement.exchange(soci::into(line.entry.number));
        statement.exchange(soci::into(line.entry.formatted));
        statement.exchange(soci::into(line.entry.case_id));
        statement.exchange(soci::into(line.entry.taken_at));
        statement.exchange(soci::into(line.applicant_name));
        statement.exchange(soci::into(line.nik));
        statement.exchange(soci::into(line.village_code));
    }

    RegisterLine get() const { return line; }
};

// Writes the letter of a signing or sealing action inside the action's
// transaction (soci_store_letters.cpp).
Result<LetterRecord> write_letter_in_transaction(soci::session&, LetterWork const&, Case const& after, Timestamp now);

}
