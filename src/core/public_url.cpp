#include "core/public_url.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

namespace sopir {

std::string url_host(std::string_view url)
{
    auto const scheme = url.find("://");
    if (scheme == std::string_view::npos)
        return {};
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (auto const at = rest.rfind('@'); at != std::string_view::npos)
        rest = rest.substr(at + 1);
    std::string_view host;
    if (rest.starts_with('[')) {
        auto const close = rest.find(']');
        host = close == std::string_view::npos ? rest.substr(1) : rest.substr(1, close - 1);
    } else {
        host = rest.substr(0, rest.find(':'));
    }
    std::string out(host);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    while (!out.empty() && out.back() == '.')
        out.pop_back();
    return out;
}

namespace {

    // The four octets of a dotted IPv4 address, or nothing.
    std::optional<std::array<int, 4>> ipv4(std::string_view host)
    {
        std::array<int, 4> octets {};
        for (int i = 0; i < 4; ++i) {
            auto const dot = host.find('.');
            std::string_view const part = i < 3 ? host.substr(0, dot) : host;
            if (part.empty() || part.size() > 3 || (i < 3 && dot == std::string_view::npos))
                return std::nullopt;
            auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), octets[i]);
            if (error != std::errc() || end != part.data() + part.size() || octets[i] > 255)
                return std::nullopt;
            if (i < 3)
                host.remove_prefix(dot + 1);
        }
        return octets;
    }

}

UrlReach url_reach(std::string_view url)
{
    if (url.empty())
        return UrlReach::Missing;
    std::string const host = url_host(url);
    if (host.empty())
        return UrlReach::Missing;
    if (host == "localhost" || host.ends_with(".localhost") || host == "::1" || host == "0.0.0.0" || host == "::")
        return UrlReach::Loopback;
    if (auto octets = ipv4(host)) {
        auto const [a, b, c, d] = *octets;
        (void)c;
        (void)d;
        if (a == 127)
            return UrlReach::Loopback;
        // RFC 1918, link-local (RFC 3927) and carrier-grade NAT (RFC 6598).
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127))
            return UrlReach::PrivateNetwork;
        return UrlReach::Public;
    }
    if (host.find(':') != std::string::npos) {
        // IPv6: unique local fc00::/7 and link-local fe80::/10.
        if (host.starts_with("fc") || host.starts_with("fd") || host.starts_with("fe8") || host.starts_with("fe9") || host.starts_with("fea")
            || host.starts_with("feb"))
            return UrlReach::PrivateNetwork;
        return UrlReach::Public;
    }
    // A name without a dot (a PC's name on the LAN) or under .local / .lan /
    // .internal / .home.arpa resolves inside the office only.
    if (host.find('.') == std::string::npos || host.ends_with(".local") || host.ends_with(".lan") || host.ends_with(".internal")
        || host.ends_with(".home.arpa"))
        return UrlReach::PrivateNetwork;
    return UrlReach::Public;
}

std::string url_reach_warning(UrlReach reach, std::string_view url)
{
    switch (reach) {
    case UrlReach::Missing:
        return "Alamat publik belum diatur: kode QR pada surat menunjuk ke " + std::string(url.empty() ? "alamat server ini" : url)
            + ", yang tidak dapat dibuka warga.";
    case UrlReach::Loopback:
        return "Alamat publik " + std::string(url) + " hanya dapat dibuka dari komputer server ini: kode QR pada surat tidak dapat dibuka warga.";
    case UrlReach::PrivateNetwork:
        return "Alamat publik " + std::string(url) + " hanya dapat dibuka dari jaringan kantor: kode QR pada surat tidak dapat dibuka warga dari luar kantor.";
    case UrlReach::Public:
        break;
    }
    return {};
}

}
