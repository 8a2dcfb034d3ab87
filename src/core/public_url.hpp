#pragma once
// Where a public URL (serve --public-url, or the office's setting) can be
// reached from: letters print it and encode it in their QR code, so a
// citizen's phone must reach it. Pure: the host is read from the text, no
// name is resolved.

#include <string>
#include <string_view>

namespace sopir {

enum class UrlReach {
    Missing,        // No URL at all.
    Loopback,       // 127.0.0.0/8, ::1, localhost: this computer only.
    PrivateNetwork, // RFC 1918, link-local, fc00::/7, *.local, a bare host name: the office's LAN only.
    Public,         // Anything else.
};

// The host of "http://host:port/path" (brackets kept off an IPv6 literal),
// lowercase; empty when there is none.
std::string url_host(std::string_view url);

UrlReach url_reach(std::string_view url);

// A sentence in Bahasa Indonesia saying what a URL that is not Public means
// for the letters; empty for a Public one.
std::string url_reach_warning(UrlReach, std::string_view url);

}
