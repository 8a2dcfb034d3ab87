// The client's address behind a reverse proxy (web/client_address.hpp):
// pure, tested here where the web layer is linked.
#include "web/client_address.hpp"

#include <gtest/gtest.h>

using namespace sopir;

namespace {

web::TrustedProxies proxies(std::vector<std::string> const& ranges)
{
    std::vector<web::AddressRange> parsed;
    for (auto const& text : ranges) {
        auto range = web::parse_address_range(text);
        EXPECT_TRUE(range.ok()) << text;
        if (range.ok())
            parsed.push_back(*range);
    }
    return web::TrustedProxies(std::move(parsed));
}

}

TEST(ClientAddress, RangesOfBothFamiliesAreParsedAndBadOnesRefused)
{
    for (char const* good : { "10.0.0.0/8", "192.168.1.7", "fd00::/8", "::1", "::1/128", "0.0.0.0/0" })
        EXPECT_TRUE(web::parse_address_range(good).ok()) << good;
    for (char const* bad : { "", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0/8", "nginx", "10.0.0.0/-1", "10.0.0.0/8x" })
        EXPECT_FALSE(web::parse_address_range(bad).ok()) << bad;
}

TEST(ClientAddress, OnlyATrustedPeerIsBelievedAndTheRightmostUntrustedHopIsTheClient)
{
    auto const trusted = proxies({ "10.0.0.0/24", "fd00::/16" });
    EXPECT_TRUE(trusted.contains("10.0.0.200"));
    EXPECT_FALSE(trusted.contains("10.0.1.1"));
    EXPECT_TRUE(trusted.contains("::ffff:10.0.0.5")) << "IPv4-mapped IPv6 is the same address";
    EXPECT_TRUE(trusted.contains("fd00:1::1"));
    EXPECT_FALSE(trusted.contains("fd01::1"));

    // From a peer that is no proxy, the header is the client's own words.
    EXPECT_EQ(trusted.client_address("203.0.113.9", "198.51.100.1"), "203.0.113.9");
    // From a proxy: the hop it vouches for.
    EXPECT_EQ(trusted.client_address("10.0.0.1", "198.51.100.1"), "198.51.100.1");
    // What the client wrote on the left is ignored.
    EXPECT_EQ(trusted.client_address("10.0.0.1", "1.2.3.4, 198.51.100.1"), "198.51.100.1");
    // Trusted hops in a chain of proxies are skipped.
    EXPECT_EQ(trusted.client_address("10.0.0.1", "198.51.100.1, 10.0.0.2"), "198.51.100.1");
    EXPECT_EQ(trusted.client_address("10.0.0.1", "2001:db8::7 , fd00::3"), "2001:db8::7");
    // Nothing but proxies: the leftmost of them.
    EXPECT_EQ(trusted.client_address("10.0.0.1", "10.0.0.3, 10.0.0.2"), "10.0.0.3");
    // A hop that is no address ends the trail at the last trusted one.
    EXPECT_EQ(trusted.client_address("10.0.0.1", "198.51.100.1, unknown"), "10.0.0.1");
    EXPECT_EQ(trusted.client_address("10.0.0.1", ""), "10.0.0.1");
    // No proxies configured: never read.
    EXPECT_EQ(web::TrustedProxies().client_address("10.0.0.1", "198.51.100.1"), "10.0.0.1");
}
