#include "core/audit.hpp"

#include "core/sha256.hpp"

#include <algorithm>

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
    return chain_hash_of(previous_hash, canonical_encoding(row));
}

std::string chain_hash_of(std::string_view previous_hash, std::string_view encoding)
{
    Sha256 hash;
    hash.update(previous_hash);
    hash.update(encoding);
    return to_hex(hash.finish());
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message)
{
    // RFC 2104 with SHA-256's 64-byte block: a longer key is hashed first.
    std::string block(64, '\0');
    if (key.size() > block.size()) {
        Sha256 long_key;
        long_key.update(key);
        auto digest = long_key.finish();
        std::copy(digest.begin(), digest.end(), block.begin());
    } else {
        std::copy(key.begin(), key.end(), block.begin());
    }
    std::string inner_pad = block, outer_pad = block;
    for (std::size_t i = 0; i < block.size(); ++i) {
        inner_pad[i] = static_cast<char>(block[i] ^ 0x36);
        outer_pad[i] = static_cast<char>(block[i] ^ 0x5c);
    }
    Sha256 inner;
    inner.update(inner_pad);
    inner.update(message);
    auto inner_digest = inner.finish();
    Sha256 outer;
    outer.update(outer_pad);
    outer.update(std::string_view(reinterpret_cast<char const*>(inner_digest.data()), inner_digest.size()));
    return to_hex(outer.finish());
}

std::string audit_mac(std::string_view key, AuditedAction const& row)
{
    return hmac_sha256_hex(key, canonical_encoding(row));
}

std::string canonical_encoding(SecurityEvent const& event)
{
    std::string out = "sopir.security.v1;";
    put_field(out, std::to_string(event.seq));
    put_field(out, event.kind);
    put_field(out, std::to_string(event.actor_id));
    put_field(out, std::to_string(event.office_id));
    put_field(out, event.subject);
    put_field(out, event.data_json);
    put_field(out, std::to_string(event.at));
    return out;
}

std::string audit_mac(std::string_view key, SecurityEvent const& event)
{
    return hmac_sha256_hex(key, canonical_encoding(event));
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
