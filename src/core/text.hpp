#pragma once
// Small ASCII text helpers shared across the code.

#include <string>
#include <string_view>
#include <vector>

namespace sopir {

inline bool is_ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

// Without spaces, no-break spaces, tabs and line ends at either end.
std::string_view trim(std::string_view);

// For a URL's query or path segment: every byte but letters, digits and
// - _ . ~ as %XX.
std::string url_encode(std::string_view);

// A WhatsApp click-to-chat link (https://wa.me/62812…?text=…) that opens
// the message ready to send, no gateway needed; the number as Indonesians
// write it ("0812-3456-789", "+62 812…"). Empty when it is no phone number.
std::string whatsapp_link(std::string_view phone, std::string_view text);

// %XX escapes decoded (and '+' as a space when asked, as in forms);
// a malformed escape is kept as it is.
enum class PlusIsSpace { No, Yes };
std::string percent_decode(std::string_view, PlusIsSpace = PlusIsSpace::No);
// A hexadecimal digit's value (either case), or -1.
int hex_value(char);

// "a, b,,c " → {"a", "b", "c"}: the pieces between commas, trimmed, the
// empty ones dropped (a rule's list of fields).
std::vector<std::string> split_commas(std::string_view);

}
