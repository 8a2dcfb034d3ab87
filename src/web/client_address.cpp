#include "web/client_address.hpp"

#include <arpa/inet.h>

#include <cctype>

namespace sopir::web {

namespace {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

// The 16 bytes of an IPv6 address, or of an IPv4 address mapped into IPv6.
bool parse_address(std::string_view text, std::array<unsigned char, 16>& out, bool& is_v4)
{
    std::string const address(trimmed(text));
    in_addr v4 {};
    if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
        out = {};
        out[10] = out[11] = 0xff;
        auto const* bytes = reinterpret_cast<unsigned char const*>(&v4.s_addr);
        for (int i = 0; i < 4; ++i)
            out[12 + i] = bytes[i];
        is_v4 = true;
        return true;
    }
    in6_addr v6 {};
    if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
        for (int i = 0; i < 16; ++i)
            out[i] = v6.s6_addr[i];
        is_v4 = false;
        return true;
    }
    return false;
}

bool in_range(std::array<unsigned char, 16> const& address, AddressRange const& range)
{
    int bits = range.prefix_bits;
    for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
        unsigned const mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
        if ((address[i] & mask) != (range.bytes[i] & mask))
            return false;
    }
    return true;
}

}

Result<AddressRange> parse_address_range(std::string_view text)
{
    text = trimmed(text);
    auto const slash = text.find('/');
    AddressRange range;
    bool is_v4 = false;
    if (!parse_address(text.substr(0, slash), range.bytes, is_v4))
        return Error::invalid("trusted_proxy", "Alamat proksi tidak sah: " + std::string(text) + " (contoh: 10.0.0.5/32, fd00::/8).", "proxy.address");
    int const width = is_v4 ? 32 : 128;
    int prefix = width;
    if (slash != std::string_view::npos) {
        std::string_view const digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string_view::npos
            || (prefix = std::stoi(std::string(digits))) > width)
            return Error::invalid("trusted_proxy", "Panjang awalan tidak sah pada " + std::string(text) + ".", "proxy.prefix");
    }
    range.prefix_bits = is_v4 ? 96 + prefix : prefix;
    return range;
}

bool TrustedProxies::contains(std::string_view address) const
{
    std::array<unsigned char, 16> bytes {};
    bool is_v4 = false;
    if (!parse_address(address, bytes, is_v4))
        return false;
    for (auto const& range : m_ranges)
        if (in_range(bytes, range))
            return true;
    return false;
}

std::string TrustedProxies::client_address(std::string const& peer, std::string_view forwarded_for) const
{
    if (m_ranges.empty() || forwarded_for.empty() || !contains(peer))
        return peer;
    // From the right: each trusted hop vouches for the one before it.
    std::string current = peer;
    while (contains(current) && !forwarded_for.empty()) {
        auto const comma = forwarded_for.rfind(',');
        std::string_view const hop = trimmed(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for = comma == std::string_view::npos ? std::string_view {} : forwarded_for.substr(0, comma);
        std::array<unsigned char, 16> bytes {};
        bool is_v4 = false;
        // Something that is no address (a port, "unknown") ends the trail:
        // the last hop that vouched for it is the client as far as we know.
        if (!parse_address(hop, bytes, is_v4))
            break;
        current = std::string(hop);
    }
    return current;
}

}
