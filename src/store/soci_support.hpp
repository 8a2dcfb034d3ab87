#pragma once
// What the SOCI store's source files share: leasing a session with errors
// turned into values, and reading rows into the domain's records.

#include "store/database.hpp"
#include "store/soci_store.hpp"

#include <soci/soci.h>

#include <string>
#include <vector>

namespace sopir::store {

template<typename Body>
auto SociStore::with_session(Body&& body) -> decltype(body(std::declval<soci::session&>()))
{
    auto lease = m_database.lease();
    try {
        return body(lease.sql());
    } catch (std::exception const& e) {
        // On an unreliable network the connection to PostgreSQL may drop;
        // the pooled session reconnects so that the next request works.
        if (!lease.sql().is_connected()) {
            try {
                lease.sql().reconnect();
            } catch (...) {
            }
        }
        return translate_storage_error(e);
    }
}

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

// Writes the letter of a signing or sealing action inside the action's
// transaction (soci_store_letters.cpp).
Result<LetterRecord> write_letter_in_transaction(soci::session&, LetterWork const&, Case const& after, Timestamp now);

}
