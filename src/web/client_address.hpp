#pragma once
// Who is asking, behind a reverse proxy: the peer's address, or, when the
// peer is a proxy the office trusts (serve --trusted-proxy CIDR), the
// rightmost address in X-Forwarded-For that is not itself a trusted proxy.
// Entries left of it were written by the client and prove nothing.

#include "core/result.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace sopir::web {

// An IPv4 or IPv6 range, "10.0.0.0/8", "fd00::/8"; a bare address is a
// range of one. IPv4 is kept as IPv4-mapped IPv6 (::ffff:a.b.c.d), so that
// either spelling of a peer matches.
struct AddressRange {
    std::array<unsigned char, 16> bytes {};
    int prefix_bits { 128 };
};

Result<AddressRange> parse_address_range(std::string_view text);

class TrustedProxies {
public:
    TrustedProxies() = default;
    explicit TrustedProxies(std::vector<AddressRange> ranges)
        : m_ranges(std::move(ranges))
    {
    }

    bool contains(std::string_view address) const;
    // The client's address for a request from `peer` carrying this
    // X-Forwarded-For header ("" when absent).
    std::string client_address(std::string const& peer, std::string_view forwarded_for) const;

private:
    std::vector<AddressRange> m_ranges;
};

}
