#pragma once
// Passwords are kept only as argon2id hashes (libsodium crypto_pwhash_str),
// with libsodium's "interactive" cost: about 64 MiB and a fraction of a
// second per sign-in on an office PC.

#include "core/model.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>

namespace sopir::desk {

Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string const& hash, std::string_view password);

// A password a person may choose: at least 10 characters (NIST SP 800-63B
// asks for 8; office accounts guard personal data, so a little more).
Status check_password_policy(std::string_view password);

// A signed-in person's password typed again, to sign a letter, checked with
// the throttling the sign-in layer keeps (web's Auth): `credential` is the
// SHA-256 of the session or token the request came through.
class PasswordConfirmer {
public:
    virtual ~PasswordConfirmer() = default;
    virtual Status confirm_password(User const&, std::string const& credential, std::string const& password, std::string const& address) = 0;
};

}
