#include "core/audit.hpp"

#include "core/sha256.hpp"

namespace sopir {

static void put_field(std::string& out, std::string_view value)
{
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += ';';
}

std::string canonical_encoding(AuditedAction const& row)
{
    std::string out = "sopir.action.v1;";
    put_field(out, std::to_string(row.case_id));
    put_field(out, std::to_string(row.office_id));
    put_field(out, std::to_string(row.case_seq));
    put_field(out, std::to_string(row.office_seq));
    put_field(out, row.from_state);
    put_field(out, row.action);
    put_field(out, row.to_state);
    put_field(out, std::to_string(row.actor_id));
    put_field(out, std::to_string(row.at));
    put_field(out, row.note);
    put_field(out, row.reasons_json);
    put_field(out, row.data_json);
    return out;
}

std::string chain_hash(std::string_view previous_hash, AuditedAction const& row)
{
    Sha256 hash;
    hash.update(previous_hash);
    hash.update(canonical_encoding(row));
    return to_hex(hash.finish());
}

bool ChainVerifier::feed(ChainRow const& row)
{
    ++m_rows;
    m_expected = chain_hash(m_previous, row.action);
    bool const in_order = row.seq == m_rows;
    // Go on from what is stored, so that one edited row is reported once and
    // not every row after it.
    m_previous = row.stored_hash;
    return in_order && m_expected == row.stored_hash;
}

std::vector<ChainBreak> verify_chain(std::vector<ChainRow> const& rows, std::size_t max_breaks)
{
    std::vector<ChainBreak> breaks;
    ChainVerifier verifier;
    for (std::size_t i = 0; i < rows.size() && breaks.size() < max_breaks; ++i) {
        if (!verifier.feed(rows[i]))
            breaks.push_back({ i, verifier.expected_hash(), rows[i].stored_hash });
    }
    return breaks;
}

}
