#include "core/public_url.hpp"

#include <gtest/gtest.h>

using namespace sopir;

// Who can open a letter's QR code: the computer, the office's network, or
// anyone.
TEST(PublicUrl, ReachOfTheHost)
{
    struct Case { char const* url; UrlReach reach; char const* host; };
    Case const cases[] = {
        { .url = "", .reach = UrlReach::Missing, .host = "" },
        { .url = "layanan.tapinkab.go.id", .reach = UrlReach::Missing, .host = "" },
        { .url = "http://127.0.0.1:8080", .reach = UrlReach::Loopback, .host = "127.0.0.1" },
        { .url = "http://127.8.0.1/", .reach = UrlReach::Loopback, .host = "127.8.0.1" },
        { .url = "http://LOCALHOST:8080/x", .reach = UrlReach::Loopback, .host = "localhost" },
        { .url = "http://[::1]:8080", .reach = UrlReach::Loopback, .host = "::1" },
        { .url = "http://0.0.0.0:8080", .reach = UrlReach::Loopback, .host = "0.0.0.0" },
        { .url = "http://192.168.1.20:8080", .reach = UrlReach::PrivateNetwork, .host = "192.168.1.20" },
        { .url = "http://10.0.0.5", .reach = UrlReach::PrivateNetwork, .host = "10.0.0.5" },
        { .url = "http://172.16.0.1", .reach = UrlReach::PrivateNetwork, .host = "172.16.0.1" },
        { .url = "http://172.32.0.1", .reach = UrlReach::Public, .host = "172.32.0.1" },
        { .url = "http://pc-kecamatan:8080", .reach = UrlReach::PrivateNetwork, .host = "pc-kecamatan" },
        { .url = "http://sopir.local", .reach = UrlReach::PrivateNetwork, .host = "sopir.local" },
        { .url = "http://[fd00::1]/", .reach = UrlReach::PrivateNetwork, .host = "fd00::1" },
        { .url = "https://layanan.tapinkab.go.id", .reach = UrlReach::Public, .host = "layanan.tapinkab.go.id" },
        { .url = "https://user@layanan.tapinkab.go.id:443/a?b", .reach = UrlReach::Public, .host = "layanan.tapinkab.go.id" },
        { .url = "http://103.10.20.30", .reach = UrlReach::Public, .host = "103.10.20.30" },
        { .url = "http://sopir.test", .reach = UrlReach::Public, .host = "sopir.test" },
    };
    for (auto const& c : cases) {
        EXPECT_EQ(url_reach(c.url), c.reach) << c.url;
        EXPECT_EQ(url_host(c.url), c.host) << c.url;
    }
}

TEST(PublicUrl, WarningNamesTheAddress)
{
    EXPECT_EQ(url_reach_warning(UrlReach::Public, "https://layanan.tapinkab.go.id"), "");
    EXPECT_NE(url_reach_warning(UrlReach::Loopback, "http://127.0.0.1:8080").find("http://127.0.0.1:8080"), std::string::npos);
    EXPECT_NE(url_reach_warning(UrlReach::PrivateNetwork, "http://192.168.1.2").find("jaringan kantor"), std::string::npos);
    EXPECT_NE(url_reach_warning(UrlReach::Missing, "http://127.0.0.1:8080").find("belum diatur"), std::string::npos);
}
