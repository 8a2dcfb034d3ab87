#pragma once
// Who is asking: browser sessions (an HttpOnly, SameSite=Lax cookie holding a
// random token whose SHA-256 is stored, so several instances share them) and
// API bearer tokens; CSRF tokens for forms; sign-in throttling per user and
// per address, counted in the database so that every instance sees it.

#include "core/model.hpp"
#include "core/result.hpp"
#include "store/store.hpp"
#include "web/http.hpp"

#include <functional>
#include <optional>
#include <string>

namespace sopir::web {

struct AuthOptions {
    bool secure_cookies { false };               // Set behind TLS.
    Timestamp session_seconds { 10 * 3600 };     // A working day, renewed while used.
    Timestamp api_token_seconds { 12 * 3600 };
    int max_failures_per_user { 5 };             // Within the window…
    int max_failures_per_address { 20 };
    Timestamp failure_window_seconds { 15 * 60 }; // …then wait this long.
};

inline constexpr char const* k_session_cookie = "sopir_sesi";

// A random token: 32 bytes from libsodium, as 64 hex digits.
std::string random_token();
bool same_secret(std::string const& a, std::string const& b); // Constant time.

struct Principal {
    User user;
    std::string csrf_token;    // Browser sessions only.
    std::string session_hash;  // Browser sessions only.
    bool via_api_token { false };
};

class Auth {
public:
    Auth(store::Store&, AuthOptions, std::function<Timestamp()> clock);

    // Checks the password with throttling. Errors: Forbidden (wrong name or
    // password, the same message for both), Unavailable, or Conflict with
    // code "signin.throttled" when too many attempts failed.
    Result<User> check_password(std::string const& username, std::string const& password, std::string const& address);

    // A new browser session; returns the Set-Cookie header value.
    Result<std::string> start_session(User const&, std::string const& address, std::string& csrf_out);
    Result<std::string> issue_api_token(User const&);
    void end_session(Request const&);
    std::string clear_cookie() const;

    // From the cookie or the Authorization header; nothing when neither holds
    // a live session or token of an active user. Unavailable when the
    // database cannot be asked: a valid token is then not "no user" (401
    // would make clients drop it and send staff to the sign-in page).
    Result<std::optional<Principal>> identify(Request const&);

    // The person's own password: the current one must be right, the new one
    // must meet the policy. Errors name the field (current/new password).
    Status change_password(User const&, std::string const& current, std::string const& replacement);

    // True when a form's csrf field matches the session's token.
    static bool csrf_ok(Request const&, Principal const&);

    AuthOptions const& options() const { return m_options; }

private:
    store::Store& m_store;
    AuthOptions m_options;
    std::function<Timestamp()> m_clock;
};

}
