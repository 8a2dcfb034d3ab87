#pragma once
// Passwords are kept only as argon2id hashes (libsodium crypto_pwhash_str),
// with libsodium's "interactive" cost: about 64 MiB and a fraction of a
// second per sign-in on an office PC.

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace sopir::web {

Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string const& hash, std::string_view password);

// A password a person may choose: at least 10 characters (NIST SP 800-63B
// asks for 8; office accounts guard personal data, so a little more).
Status check_password_policy(std::string_view password);

}
