#include "store/soci_store.hpp"

#include "core/audit.hpp"
#include "store/database.hpp"
#include "store/queries.hpp"
#include "store/transaction.hpp"

#include <soci/soci.h>

#include <map>


namespace sopir::store {

namespace {

std::string acting_to_text(Acting acting)
{
    switch (acting) {
    case Acting::Plt: return "plt";
    case Acting::Plh: return "plh";
    case Acting::None: break;
    }
    return "";
}

Acting acting_from_text(std::string const& text)
{
    if (text == "plt")
        return Acting::Plt;
    if (text == "plh")
        return Acting::Plh;
    return Acting::None;
}

// Column buffers for one office row, bound to a statement in the order of
// queries::k_office_columns.
struct OfficeRow {
    Office office;
    std::string paper_size;

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(office.id));
        statement.exchange(soci::into(office.code));
        statement.exchange(soci::into(office.name));
        statement.exchange(soci::into(office.regency));
        statement.exchange(soci::into(office.province));
        statement.exchange(soci::into(office.address));
        statement.exchange(soci::into(office.postal_code));
        statement.exchange(soci::into(office.phone));
        statement.exchange(soci::into(office.email));
        statement.exchange(soci::into(office.place_name));
        statement.exchange(soci::into(office.letter_number_pattern));
        statement.exchange(soci::into(office.registration_number_pattern));
        statement.exchange(soci::into(office.klasifikasi));
        statement.exchange(soci::into(office.unit_code));
        statement.exchange(soci::into(paper_size));
        statement.exchange(soci::into(office.disdukcapil_whatsapp));
        statement.exchange(soci::into(office.min_recording_age));
        statement.exchange(soci::into(office.utc_offset_minutes));
        statement.exchange(soci::into(office.created_at));
    }

    Office get() const
    {
        Office result = office;
        result.paper_size = paper_size == "F4" ? PaperSize::F4 : PaperSize::A4;
        return result;
    }
};

struct UserRow {
    User user;
    int active { 1 };

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
    }

    User get() const
    {
        User result = user;
        result.active = active != 0;
        return result;
    }
};

// Runs a query that binds `Row` columns and one parameter, collecting every row.
template<typename Row, typename Param>
std::vector<decltype(std::declval<Row>().get())> select_all(soci::session& sql, std::string const& query, Param const& param)
{
    std::vector<decltype(std::declval<Row>().get())> out;
    Row row;
    soci::statement statement(sql);
    statement.alloc();
    statement.prepare(query);
    row.bind(statement);
    statement.exchange(soci::use(param));
    statement.define_and_bind();
    statement.execute(false);
    while (statement.fetch())
        out.push_back(row.get());
    return out;
}

template<typename Row>
std::vector<decltype(std::declval<Row>().get())> select_all(soci::session& sql, std::string const& query)
{
    std::vector<decltype(std::declval<Row>().get())> out;
    Row row;
    soci::statement statement(sql);
    statement.alloc();
    statement.prepare(query);
    row.bind(statement);
    statement.define_and_bind();
    statement.execute(false);
    while (statement.fetch())
        out.push_back(row.get());
    return out;
}

std::optional<Date> parse_optional_date(std::string const& text, soci::indicator indicator)
{
    if (indicator != soci::i_ok)
        return std::nullopt;
    return parse_iso_date(text);
}

}

SociStore::SociStore(Database& database)
    : m_database(database)
{
}

template<typename Body>
auto SociStore::with_session(Body&& body) -> decltype(body(std::declval<soci::session&>()))
{
    try {
        auto lease = m_database.lease();
        return body(lease.sql());
    } catch (std::exception const& e) {
        return translate_storage_error(e);
    }
}

Backend SociStore::backend() const
{
    return m_database.backend();
}

Result<Office> SociStore::add_office(Office office, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<Office> {
        WriteTransaction transaction(sql, backend());
        office.created_at = now;
        std::string const paper = office.paper_size == PaperSize::F4 ? "F4" : "A4";
        sql << queries::k_insert_office,
            soci::use(office.code), soci::use(office.name), soci::use(office.regency), soci::use(office.province),
            soci::use(office.address), soci::use(office.postal_code), soci::use(office.phone), soci::use(office.email),
            soci::use(office.place_name), soci::use(office.letter_number_pattern), soci::use(office.registration_number_pattern),
            soci::use(office.klasifikasi), soci::use(office.unit_code), soci::use(paper), soci::use(office.disdukcapil_whatsapp),
            soci::use(office.min_recording_age), soci::use(office.utc_offset_minutes), soci::use(office.created_at),
            soci::into(office.id);
        std::string const genesis(k_genesis_hash);
        sql << queries::k_insert_audit_head, soci::use(office.id), soci::use(genesis);
        transaction.commit();
        return office;
    });
}

Result<Office> SociStore::office_by_code(std::string const& code)
{
    return with_session([&](soci::session& sql) -> Result<Office> {
        auto rows = select_all<OfficeRow>(sql, queries::k_select_office_by_code, code);
        if (rows.empty())
            return Error::not_found("Kantor dengan kode " + code + " tidak ada.");
        return rows.front();
    });
}

Result<Office> SociStore::office_by_id(Id id)
{
    return with_session([&](soci::session& sql) -> Result<Office> {
        auto rows = select_all<OfficeRow>(sql, queries::k_select_office_by_id, id);
        if (rows.empty())
            return Error::not_found("Kantor " + std::to_string(id) + " tidak ada.");
        return rows.front();
    });
}

Result<std::vector<Office>> SociStore::offices()
{
    return with_session([&](soci::session& sql) -> Result<std::vector<Office>> {
        return select_all<OfficeRow>(sql, queries::k_select_offices);
    });
}

Result<User> SociStore::add_user(User user, std::vector<RoleAssignment> const& roles, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<User> {
        WriteTransaction transaction(sql, backend());
        user.created_at = now;
        int const active = user.active ? 1 : 0;
        sql << queries::k_insert_user, soci::use(user.username), soci::use(user.full_name), soci::use(user.nip),
            soci::use(user.pangkat_golongan), soci::use(user.password_hash), soci::use(active), soci::use(user.created_at),
            soci::into(user.id);
        for (auto const& role : roles) {
            std::string const acting = acting_to_text(role.acting);
            std::string from = role.valid_from ? to_iso(*role.valid_from) : std::string();
            std::string until = role.valid_until ? to_iso(*role.valid_until) : std::string();
            soci::indicator from_indicator = role.valid_from ? soci::i_ok : soci::i_null;
            soci::indicator until_indicator = role.valid_until ? soci::i_ok : soci::i_null;
            sql << queries::k_insert_role_assignment, soci::use(user.id), soci::use(role.office_id), soci::use(role.role),
                soci::use(acting), soci::use(from, from_indicator), soci::use(until, until_indicator), soci::use(now);
        }
        transaction.commit();
        return user;
    });
}

Result<User> SociStore::user_by_username(std::string const& username)
{
    return with_session([&](soci::session& sql) -> Result<User> {
        auto rows = select_all<UserRow>(sql, queries::k_select_user_by_username, username);
        if (rows.empty())
            return Error::not_found("Pengguna " + username + " tidak ada.");
        return rows.front();
    });
}

Result<User> SociStore::user_by_id(Id id)
{
    return with_session([&](soci::session& sql) -> Result<User> {
        auto rows = select_all<UserRow>(sql, queries::k_select_user_by_id, id);
        if (rows.empty())
            return Error::not_found("Pengguna " + std::to_string(id) + " tidak ada.");
        return rows.front();
    });
}

Result<std::vector<RoleAssignment>> SociStore::role_assignments(Id user_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<RoleAssignment>> {
        std::vector<RoleAssignment> out;
        RoleAssignment row;
        std::string acting, from, until;
        soci::indicator from_indicator, until_indicator;
        soci::statement statement = (sql.prepare << queries::k_select_role_assignments, soci::use(user_id),
            soci::into(row.id), soci::into(row.user_id), soci::into(row.office_id), soci::into(row.role),
            soci::into(acting), soci::into(from, from_indicator), soci::into(until, until_indicator));
        statement.execute(false);
        while (statement.fetch()) {
            RoleAssignment assignment = row;
            assignment.acting = acting_from_text(acting);
            assignment.valid_from = parse_optional_date(from, from_indicator);
            assignment.valid_until = parse_optional_date(until, until_indicator);
            out.push_back(assignment);
        }
        return out;
    });
}

Result<std::int64_t> SociStore::count_users()
{
    return with_session([&](soci::session& sql) -> Result<std::int64_t> {
        std::int64_t count = 0;
        sql << queries::k_count_users, soci::into(count);
        return count;
    });
}

Result<AuditReport> SociStore::verify_audit()
{
    return with_session([&](soci::session& sql) -> Result<AuditReport> {
        AuditReport report;
        // Two streaming passes, so that memory stays flat at millions of
        // rows: every case chain in case order, then every office chain.
        struct Row {
            Id id { 0 };
            AuditedAction action;
            std::string case_hash, office_hash;
            soci::indicator actor_indicator { soci::i_ok };
        } row;
        auto walk = [&](char const* query, bool by_case) {
            soci::statement statement = (sql.prepare << query,
                soci::into(row.id), soci::into(row.action.case_id), soci::into(row.action.office_id),
                soci::into(row.action.case_seq), soci::into(row.action.office_seq), soci::into(row.action.from_state),
                soci::into(row.action.action), soci::into(row.action.to_state), soci::into(row.action.actor_id, row.actor_indicator),
                soci::into(row.action.at), soci::into(row.action.note), soci::into(row.action.reasons_json),
                soci::into(row.action.data_json), soci::into(row.case_hash), soci::into(row.office_hash));
            statement.execute(false);
            ChainVerifier verifier;
            Id chain_id = -1;
            bool chain_broken = false;
            std::int64_t chains = 0;
            std::vector<std::pair<Id, ChainVerifier>> finished; // Office chains, to compare with their heads.
            while (statement.fetch()) {
                AuditedAction action = row.action;
                if (row.actor_indicator != soci::i_ok)
                    action.actor_id = 0;
                Id const id_of_chain = by_case ? action.case_id : action.office_id;
                if (id_of_chain != chain_id) {
                    if (!by_case && chain_id != -1)
                        finished.emplace_back(chain_id, verifier);
                    verifier = ChainVerifier();
                    chain_id = id_of_chain;
                    chain_broken = false;
                    ++chains;
                }
                ChainRow const chain_row { action, by_case ? action.case_seq : action.office_seq, by_case ? row.case_hash : row.office_hash };
                if (!verifier.feed(chain_row) && !chain_broken) {
                    chain_broken = true; // Name the first broken row of each chain.
                    report.breaks.push_back({ (by_case ? "kasus " : "kantor ") + std::to_string(chain_id), row.id,
                        action.case_id, chain_row.seq, verifier.expected_hash(), chain_row.stored_hash });
                }
                if (by_case)
                    ++report.rows;
            }
            if (!by_case && chain_id != -1)
                finished.emplace_back(chain_id, verifier);
            (by_case ? report.cases : report.offices) = chains;
            if (by_case)
                return;
            // Each office's head must point at its last row, or rows were cut
            // off the end (or a whole chain removed).
            std::map<Id, ChainVerifier const*> walked;
            for (auto const& [office_id, office_verifier] : finished)
                walked[office_id] = &office_verifier;
            Id office_id = 0;
            std::int64_t head_seq = 0;
            std::string head_hash;
            soci::statement heads = (sql.prepare << queries::k_select_audit_heads, soci::into(office_id), soci::into(head_seq), soci::into(head_hash));
            heads.execute(false);
            while (heads.fetch()) {
                auto found = walked.find(office_id);
                std::int64_t const rows = found == walked.end() ? 0 : found->second->rows();
                std::string const last = found == walked.end() ? std::string(k_genesis_hash) : found->second->last_hash();
                if (head_seq != rows || head_hash != last)
                    report.breaks.push_back({ "ujung rantai kantor " + std::to_string(office_id), 0, 0, head_seq, last, head_hash });
            }
        };
        walk(queries::k_select_actions_by_case, true);
        walk(queries::k_select_actions_by_office, false);
        return report;
    });
}

std::unique_ptr<Store> make_soci_store(Database& database)
{
    return std::make_unique<SociStore>(database);
}

}
