#include "core/text.hpp"

namespace sopir {

std::string_view trim(std::string_view text)
{
    // U+00A0 (no-break space) comes along when a number is copied from a
    // web page or a spreadsheet.
    constexpr std::string_view no_break_space = "\xC2\xA0";
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    for (bool trimmed = true; trimmed && !text.empty();) {
        trimmed = false;
        if (is_space(text.front()) || is_space(text.back())) {
            text = is_space(text.front()) ? text.substr(1) : text.substr(0, text.size() - 1);
            trimmed = true;
        } else if (text.starts_with(no_break_space) || text.ends_with(no_break_space)) {
            text = text.starts_with(no_break_space) ? text.substr(2) : text.substr(0, text.size() - 2);
            trimmed = true;
        }
    }
    return text;
}

std::string url_encode(std::string_view text)
{
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (is_ascii_digit(static_cast<char>(c)) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 15];
        }
    }
    return out;
}

std::string whatsapp_link(std::string_view phone, std::string_view text)
{
    std::string digits;
    for (char c : phone)
        if (is_ascii_digit(c))
            digits += c;
    if (digits.starts_with("0"))
        digits = "62" + digits.substr(1);
    if (!digits.starts_with("62") || digits.size() < 10 || digits.size() > 15)
        return {};
    return "https://wa.me/" + digits + "?text=" + url_encode(text);
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text, PlusIsSpace plus)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (c == '+' && plus == PlusIsSpace::Yes) {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<std::string> split_commas(std::string_view text)
{
    std::vector<std::string> pieces;
    while (true) {
        auto const comma = text.find(',');
        auto const piece = trim(text.substr(0, comma));
        if (!piece.empty())
            pieces.emplace_back(piece);
        if (comma == std::string_view::npos)
            return pieces;
        text.remove_prefix(comma + 1);
    }
}

}
