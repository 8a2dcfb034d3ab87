// The SOCI store's audit: the security chain, the chain heads for export,
// and the walk over every chain (core/audit.hpp).
#include "core/audit.hpp"
#include "store/queries.hpp"
#include "store/soci_support.hpp"
#include "store/transaction.hpp"

#include <soci/soci.h>

#include <map>

namespace sopir::store {

SecurityEvent append_security_event(soci::session& sql, std::string const& mac_key, SecurityEvent event)
{
    std::string previous_hash;
    sql << queries::k_advance_security_head, soci::into(event.seq), soci::into(previous_hash);
    std::string const encoding = canonical_encoding(event);
    std::string const hash = chain_hash_of(previous_hash, encoding);
    std::string const mac = mac_key.empty() ? std::string() : audit_mac(mac_key, event);
    soci::indicator mac_indicator = mac_key.empty() ? soci::i_null : soci::i_ok;
    soci::indicator actor_indicator = event.actor_id ? soci::i_ok : soci::i_null;
    soci::indicator office_indicator = event.office_id ? soci::i_ok : soci::i_null;
    Id id = 0;
    sql << queries::k_insert_security_event, soci::use(event.seq), soci::use(event.kind), soci::use(event.actor_id, actor_indicator),
        soci::use(event.office_id, office_indicator), soci::use(event.subject), soci::use(event.data_json), soci::use(event.at),
        soci::use(hash), soci::use(mac, mac_indicator), soci::into(id);
    if (mac_key.empty())
        sql << queries::k_set_security_head, soci::use(hash);
    else
        sql << queries::k_set_security_head_keyed, soci::use(hash), soci::use(event.seq);
    return event;
}

void SociStore::set_audit_mac_key(std::string key)
{
    m_audit_mac_key = std::move(key);
}

Result<SecurityEvent> SociStore::record_security_event(SecurityEvent event)
{
    return with_session([&](soci::session& sql) -> Result<SecurityEvent> {
        WriteTransaction transaction(sql, backend());
        auto recorded = append_security_event(sql, m_audit_mac_key, std::move(event));
        transaction.commit();
        return recorded;
    });
}

Result<bool> SociStore::has_office_seals()
{
    return with_session([&](soci::session& sql) -> Result<bool> {
        std::int64_t count = 0;
        sql << queries::k_count_office_seals, soci::into(count);
        return count > 0;
    });
}

Result<std::vector<ChainHead>> SociStore::chain_heads()
{
    return with_session([&](soci::session& sql) -> Result<std::vector<ChainHead>> {
        ReadSnapshot snapshot(sql, backend());
        std::vector<ChainHead> heads;
        {
            ChainHead head { .chain = "kantor" };
            std::int64_t keyed_from = 0;
            soci::indicator keyed_indicator = soci::i_null;
            soci::statement statement = (sql.prepare << queries::k_select_office_chain_heads, soci::into(head.office_id),
                soci::into(head.office_code), soci::into(head.seq), soci::into(head.hash), soci::into(keyed_from, keyed_indicator));
            statement.execute(false);
            while (statement.fetch()) {
                ChainHead found = head;
                found.keyed_from = keyed_indicator == soci::i_ok ? std::optional<std::int64_t>(keyed_from) : std::nullopt;
                heads.push_back(found);
            }
        }
        for (auto& head : heads) {
            if (head.seq > 0)
                sql << queries::k_select_office_row_at_seq, soci::use(head.office_id), soci::use(head.seq), soci::into(head.last_id),
                    soci::into(head.last_at);
        }
        ChainHead security { .chain = "keamanan" };
        std::int64_t keyed_from = 0;
        soci::indicator keyed_indicator = soci::i_null;
        sql << queries::k_select_security_head, soci::into(security.seq), soci::into(security.hash), soci::into(keyed_from, keyed_indicator);
        security.keyed_from = keyed_indicator == soci::i_ok ? std::optional<std::int64_t>(keyed_from) : std::nullopt;
        if (security.seq > 0)
            sql << queries::k_select_security_event_at_seq, soci::use(security.seq), soci::into(security.last_id), soci::into(security.last_at);
        heads.push_back(security);
        return heads;
    });
}

namespace {

    // The keyed part of a chain: rows from `keyed_from` on must carry a MAC
    // that the key gives. `keyed_from` is trusted from a signed head when one
    // was exported; otherwise the chain's first row with a MAC starts it.
    class MacCheck {
    public:
        MacCheck(std::string const& key, std::optional<std::int64_t> trusted_keyed_from)
            : m_key(key)
            , m_keyed_from(trusted_keyed_from)
        {
        }

        // Empty when the row passes; otherwise what is wrong ("mac" or
        // "tanpa_mac") and, for "mac", the MAC it should have.
        std::pair<std::string, std::string> check(std::int64_t seq, std::string const& canonical, std::string const& stored,
            soci::indicator stored_indicator)
        {
            // Without the key nothing about MACs can be told: someone who
            // strips them could as well have forged them for all we know.
            if (m_key.empty())
                return {};
            bool const has_mac = stored_indicator == soci::i_ok && !stored.empty();
            if (has_mac && !m_keyed_from)
                m_keyed_from = seq;
            if (!has_mac)
                return m_keyed_from && seq >= *m_keyed_from ? std::pair<std::string, std::string> { "tanpa_mac", "" }
                                                             : std::pair<std::string, std::string> {};
            std::string const expected = hmac_sha256_hex(m_key, canonical);
            if (expected != stored)
                return { "mac", expected };
            return {};
        }

    private:
        std::string const& m_key;
        std::optional<std::int64_t> m_keyed_from;
    };

    ChainHead const* exported_head(AuditAnchors const& anchors, std::string const& chain, Id office_id)
    {
        for (auto const& head : anchors.heads)
            if (head.chain == chain && head.office_id == office_id)
                return &head;
        return nullptr;
    }

}

Result<AuditReport> SociStore::verify_audit()
{
    return verify_audit(AuditAnchors {});
}

Result<AuditReport> SociStore::verify_audit(AuditAnchors const& anchors)
{
    return with_session([&](soci::session& sql) -> Result<AuditReport> {
        ReadSnapshot snapshot(sql, backend());
        AuditReport report;
        report.macs_checked = !anchors.mac_key.empty();
        // Two streaming passes, so that memory stays flat at millions of
        // rows: every case chain in case order, then every office chain.
        struct Row {
            Id id { 0 };
            AuditedAction action;
            std::string case_hash, office_hash, mac;
            soci::indicator actor_indicator { soci::i_ok }, mac_indicator { soci::i_null };
        } row;
        auto walk = [&](char const* query, bool by_case) {
            soci::statement statement = (sql.prepare << query,
                soci::into(row.id), soci::into(row.action.case_id), soci::into(row.action.office_id),
                soci::into(row.action.case_seq), soci::into(row.action.office_seq), soci::into(row.action.from_state),
                soci::into(row.action.action), soci::into(row.action.to_state), soci::into(row.action.actor_id, row.actor_indicator),
                soci::into(row.action.at), soci::into(row.action.note), soci::into(row.action.reasons_json),
                soci::into(row.action.data_json), soci::into(row.case_hash), soci::into(row.office_hash), soci::into(row.mac, row.mac_indicator));
            statement.execute(false);
            ChainVerifier verifier;
            Id chain_id = -1;
            bool chain_broken = false, mac_broken = false;
            std::int64_t chains = 0;
            std::optional<MacCheck> macs;
            ChainHead const* anchor = nullptr;
            bool anchor_seen = false;
            std::vector<std::pair<Id, ChainVerifier>> finished; // Office chains, to compare with their heads.
            auto close_office_chain = [&] {
                if (by_case || chain_id == -1)
                    return;
                finished.emplace_back(chain_id, verifier);
                if (anchor && anchor->seq > 0 && !anchor_seen)
                    report.breaks.push_back({ .chain = "kantor " + std::to_string(chain_id), .seq = anchor->seq,
                        .expected_hash = anchor->hash, .stored_hash = "(tidak ada)", .what = "ujung_ekspor" });
            };
            while (statement.fetch()) {
                AuditedAction action = row.action;
                if (row.actor_indicator != soci::i_ok)
                    action.actor_id = 0;
                Id const id_of_chain = by_case ? action.case_id : action.office_id;
                if (id_of_chain != chain_id) {
                    close_office_chain();
                    verifier = ChainVerifier();
                    chain_id = id_of_chain;
                    chain_broken = mac_broken = false;
                    ++chains;
                    if (!by_case) {
                        anchor = exported_head(anchors, "kantor", chain_id);
                        anchor_seen = false;
                        macs.emplace(anchors.mac_key, anchor ? anchor->keyed_from : std::nullopt);
                    }
                }
                ChainRow const chain_row { action, by_case ? action.case_seq : action.office_seq, by_case ? row.case_hash : row.office_hash };
                std::string const chain_name = (by_case ? "kasus " : "kantor ") + std::to_string(chain_id);
                if (!verifier.feed(chain_row) && !chain_broken) {
                    chain_broken = true; // Name the first broken row of each chain.
                    report.breaks.push_back({ chain_name, row.id, action.case_id, chain_row.seq, verifier.expected_hash(), chain_row.stored_hash });
                }
                if (!by_case) {
                    // Each row's MAC once, in the office walk.
                    auto [what, expected] = macs->check(action.office_seq, canonical_encoding(action), row.mac, row.mac_indicator);
                    if (!what.empty() && !mac_broken) {
                        mac_broken = true;
                        report.breaks.push_back({ .chain = chain_name, .action_id = row.id, .case_id = action.case_id, .seq = action.office_seq,
                            .expected_hash = expected, .stored_hash = row.mac_indicator == soci::i_ok ? row.mac : std::string(), .what = what });
                    }
                    // The signed head: the row it names must still be there,
                    // with the hash that was signed, as stored and as the
                    // rows give it.
                    if (anchor && action.office_seq == anchor->seq) {
                        anchor_seen = true;
                        if (row.id != anchor->last_id || row.office_hash != anchor->hash || verifier.expected_hash() != anchor->hash)
                            report.breaks.push_back({ .chain = chain_name, .action_id = row.id, .case_id = action.case_id,
                                .seq = anchor->seq, .expected_hash = anchor->hash, .stored_hash = verifier.expected_hash(), .what = "ujung_ekspor" });
                    }
                }
                if (by_case)
                    ++report.rows;
            }
            close_office_chain();
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
                    report.breaks.push_back({ .chain = "ujung rantai kantor " + std::to_string(office_id), .seq = head_seq,
                        .expected_hash = last, .stored_hash = head_hash, .what = "ujung" });
            }
            // An exported office chain that has no rows left at all.
            for (auto const& head : anchors.heads)
                if (head.chain == "kantor" && head.seq > 0 && !walked.contains(head.office_id))
                    report.breaks.push_back({ .chain = "kantor " + std::to_string(head.office_id), .seq = head.seq,
                        .expected_hash = head.hash, .stored_hash = "(tidak ada)", .what = "ujung_ekspor" });
        };
        walk(queries::k_select_actions_by_case, true);
        walk(queries::k_select_actions_by_office, false);

        // The security chain.
        {
            ChainHead const* anchor = exported_head(anchors, "keamanan", 0);
            MacCheck macs(anchors.mac_key, anchor ? anchor->keyed_from : std::nullopt);
            SecurityEvent event;
            Id id = 0, actor = 0, office = 0;
            std::string hash, mac;
            soci::indicator actor_indicator, office_indicator, mac_indicator;
            soci::statement statement = (sql.prepare << queries::k_select_security_events, soci::into(id), soci::into(event.seq),
                soci::into(event.kind), soci::into(actor, actor_indicator), soci::into(office, office_indicator), soci::into(event.subject),
                soci::into(event.data_json), soci::into(event.at), soci::into(hash), soci::into(mac, mac_indicator));
            statement.execute(false);
            std::string previous(k_genesis_hash);
            bool chain_broken = false, mac_broken = false, anchor_seen = false;
            std::int64_t count = 0;
            while (statement.fetch()) {
                ++count;
                event.actor_id = actor_indicator == soci::i_ok ? actor : 0;
                event.office_id = office_indicator == soci::i_ok ? office : 0;
                std::string const encoding = canonical_encoding(event);
                std::string const expected = chain_hash_of(previous, encoding);
                if ((expected != hash || event.seq != count) && !chain_broken) {
                    chain_broken = true;
                    report.breaks.push_back({ .chain = "keamanan", .action_id = id, .seq = event.seq, .expected_hash = expected,
                        .stored_hash = hash, .table = "security_events" });
                }
                auto [what, expected_mac] = macs.check(event.seq, encoding, mac, mac_indicator);
                if (!what.empty() && !mac_broken) {
                    mac_broken = true;
                    report.breaks.push_back({ .chain = "keamanan", .action_id = id, .seq = event.seq, .expected_hash = expected_mac,
                        .stored_hash = mac_indicator == soci::i_ok ? mac : std::string(), .table = "security_events", .what = what });
                }
                if (anchor && event.seq == anchor->seq) {
                    anchor_seen = true;
                    if (id != anchor->last_id || hash != anchor->hash || expected != anchor->hash)
                        report.breaks.push_back({ .chain = "keamanan", .action_id = id, .seq = anchor->seq, .expected_hash = anchor->hash,
                            .stored_hash = expected, .table = "security_events", .what = "ujung_ekspor" });
                }
                previous = hash;
            }
            report.security_events = count;
            if (anchor && anchor->seq > 0 && !anchor_seen)
                report.breaks.push_back({ .chain = "keamanan", .seq = anchor->seq, .expected_hash = anchor->hash, .stored_hash = "(tidak ada)",
                    .table = "security_events", .what = "ujung_ekspor" });
            std::int64_t head_seq = 0, keyed_from = 0;
            std::string head_hash;
            soci::indicator keyed_indicator;
            sql << queries::k_select_security_head, soci::into(head_seq), soci::into(head_hash), soci::into(keyed_from, keyed_indicator);
            if (head_seq != count || head_hash != previous)
                report.breaks.push_back({ .chain = "ujung rantai keamanan", .seq = head_seq, .expected_hash = previous, .stored_hash = head_hash,
                    .table = "security_events", .what = "ujung" });
        }
        return report;
    });
}

}
