#pragma once
// The tamper-evident action log. Every action row is hashed into two chains,
// its case's and its office's:
//   hash = SHA-256(previous hash ‖ canonical encoding of the row)
// The first row of a chain follows k_genesis_hash. Changing any field of any
// row, or removing or reordering rows, breaks the chain from that row on.
//
// That alone holds only against someone who cannot write the database: whoever
// can may recompute every hash. So each row written by a server that holds
// the seal secret also carries a keyed MAC (HMAC-SHA256, RFC 2104) of its
// canonical encoding, under a key derived from that secret outside the
// database (letters/signing.hpp, derive_audit_mac_key); and the chain heads
// can be exported signed with a key derived from it too (audit verify
// --heads). Rows written before the MAC existed have none; a chain's keyed
// part starts at its first row with one, and every later row must have one.

#include "core/date.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

struct AuditedAction {
    std::int64_t case_id { 0 };
    std::int64_t office_id { 0 };
    std::int64_t case_seq { 0 };   // 1, 2, … within the case.
    std::int64_t office_seq { 0 }; // 1, 2, … within the office.
    std::string from_state;
    std::string action;
    std::string to_state;
    std::int64_t actor_id { 0 };   // 0 when no signed-in user acted (e.g. online submission).
    Timestamp at { 0 };
    std::string note;
    std::string reasons_json;      // As stored: a JSON array.
    std::string data_json;         // As stored: a JSON object.
};

inline constexpr std::string_view k_genesis_hash = "0000000000000000000000000000000000000000000000000000000000000000";

// Length-prefixed fields, so that no two different rows encode alike
// ("ab" + "c" and "a" + "bc" differ).
std::string canonical_encoding(AuditedAction const&);

std::string chain_hash(std::string_view previous_hash, AuditedAction const&);

// The same link over any canonical encoding (security events use it).
std::string chain_hash_of(std::string_view previous_hash, std::string_view encoding);

// HMAC-SHA256 (RFC 2104) of `message` under `key`, as 64 lowercase hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// The keyed MAC a row carries: HMAC-SHA256 of its canonical encoding.
std::string audit_mac(std::string_view key, AuditedAction const&);

// A security event (user and role changes, revocations, outages, keys): one
// chain for the whole server, since users are not of one office.
struct SecurityEvent {
    std::int64_t seq { 0 };      // 1, 2, … in the security chain.
    std::string kind;            // "pengguna.tambah", "gangguan.mulai", "sesi.cabut", …
    std::int64_t actor_id { 0 }; // 0 when no signed-in user acted (the CLI).
    std::int64_t office_id { 0 };// 0 when the event is of no one office.
    std::string subject;         // What it is about: "pengguna 7", "surat 12".
    std::string data_json { "{}" };
    Timestamp at { 0 };
};
std::string canonical_encoding(SecurityEvent const&);
std::string audit_mac(std::string_view key, SecurityEvent const&);

// The first link of a chain that does not hold.
struct ChainBreak {
    std::size_t index { 0 };  // Position in the given sequence.
    std::string expected_hash;
    std::string stored_hash;
};

// Walks rows of one chain in order (each with the hash stored for it) and
// names the first row whose stored hash is not what its content gives, or
// whose sequence number is not the next one.
struct ChainRow {
    AuditedAction action;
    std::int64_t seq { 0 };
    std::string stored_hash;
};
std::vector<ChainBreak> verify_chain(std::vector<ChainRow> const&, std::size_t max_breaks = 1);

// The same walk, one row at a time, for chains too long to hold in memory.
class ChainVerifier {
public:
    // Returns false when this row breaks the chain; `expected_hash()` then
    // tells what its hash should have been.
    bool feed(ChainRow const&);
    std::string const& expected_hash() const { return m_expected; }
    std::int64_t rows() const { return m_rows; }
    std::string const& last_hash() const { return m_previous; }

private:
    std::string m_previous { k_genesis_hash };
    std::string m_expected;
    std::int64_t m_rows { 0 };
};

}
