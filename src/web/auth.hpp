#pragma once
// Who is asking: browser sessions (an HttpOnly, SameSite=Lax cookie holding a
// random token whose SHA-256 is stored, so several instances share them) and
// API bearer tokens; CSRF tokens for forms; sign-in throttling per user and
// per address, counted in the database so that every instance sees it.

#include "core/model.hpp"
#include "core/result.hpp"
#include "desk/password.hpp"
#include "store/store.hpp"
#include "web/http.hpp"

#include <functional>
#include <optional>
#include <string>

namespace sopir::web {

// True for a request whose Origin header, when it has one, names this
// service: the Host the request was sent to, or the configured public URL.
// "null" and any other site are foreign.
bool same_origin(Request const&, std::string const& public_url);

struct AuthOptions {
    bool secure_cookies { false };
    Timestamp session_idle_seconds { 2 * 3600 };      // Unused this long, a session ends…
    Timestamp session_lifetime_seconds { 12 * 3600 }; // …and used or not, after this.
    Timestamp api_token_seconds { 12 * 3600 };
    int max_failures_per_user { 5 };             // Per person and address, within the window…
    int max_failures_per_address { 20 };         // …per address, for people who never signed in from it…
    int max_signing_failures { 5 };              // …per session or token, for the password typed to sign…
    Timestamp failure_window_seconds { 15 * 60 }; // …then wait this long.
    // A person who signed in from an address within this time is not held
    // back by that address's failures (an office behind one NAT).
    Timestamp known_address_seconds { 30 * 24 * 3600 };
};

inline constexpr char const* k_session_cookie = "sopir_sesi";
// The sign-in form's CSRF token (double submit): a cookie and the form's
// "csrf" field must match, so that no other site signs a browser in.
inline constexpr char const* k_signin_cookie = "sopir_masuk";
// Cookie-authenticated API writes carry the session's CSRF token here.
inline constexpr char const* k_csrf_header = "x-csrf-token";

// A random token: 32 bytes from libsodium, as 64 hex digits.
std::string random_token();
bool same_secret(std::string const& a, std::string const& b); // Constant time.

struct Principal {
    User user;
    std::string csrf_token;    // Browser sessions only.
    std::string session_hash;  // Browser sessions only.
    std::string token_hash;    // API tokens only.
    bool via_api_token { false };

    // The SHA-256 of the cookie or token this request came with.
    std::string const& credential_hash() const { return via_api_token ? token_hash : session_hash; }
};

// Signed in with a reset's one-time code: the code opens nothing but the
// change of password (POST /api/v1/me/password), through the API as on the
// pages.
inline Error temporary_password_refused()
{
    return { ErrorKind::Forbidden, {}, "Kata sandi sementara harus diganti dulu (POST /api/v1/me/password, atau halaman Akun).", "password.must_change" };
}

class Auth : public desk::PasswordConfirmer {
public:
    Auth(store::Store&, AuthOptions, std::function<Timestamp()> clock);

    // Checks the password with throttling: per person and address (another
    // address of the same person is not refused), and per address for
    // people who have not signed in from it lately. Errors: Forbidden
    // (wrong name or password, the same message for both), Unavailable, or
    // Conflict with code "signin.throttled" when too many attempts failed.
    Result<User> check_password(std::string const& username, std::string const& password, std::string const& address);

    // The password typed again by a signed-in person (to sign a letter),
    // throttled only by the failures through the same session or token, so
    // that nobody else's guesses refuse a signature.
    // `credential` is the SHA-256 of that session or token
    // (Principal::credential_hash).
    Status confirm_password(User const&, std::string const& credential, std::string const& password, std::string const& address) override;

    // A new browser session; returns the Set-Cookie header value.
    Result<std::string> start_session(User const&, std::string const& address, std::string& csrf_out);
    Result<std::string> issue_api_token(User const&);
    // Ends the session or token the request came with, and records it.
    Status sign_out(Principal const&, std::string const& address);
    std::string clear_cookie() const;

    // From the cookie or the Authorization header; nothing when neither holds
    // a live session or token of an active user. A session lives
    // session_idle_seconds past its last use and never longer than
    // session_lifetime_seconds. Unavailable when the database cannot be
    // asked: a valid token is then not "no user" (401 would make clients
    // drop it and send staff to the sign-in page).
    Result<std::optional<Principal>> identify(Request const&);

    // The person's own password: the current one must be right, the new one
    // must meet the policy. Errors name the field (current/new password).
    // Every other session and token of the person ends; the one the change
    // came through stays.
    Status change_password(Principal const&, std::string const& current, std::string const& replacement, std::string const& address);

    // True when a form's csrf field matches the session's token.
    static bool csrf_ok(Request const&, Principal const&);
    // A write to the API through the session cookie: the session's CSRF
    // token in X-CSRF-Token, and a JSON body (Content-Type
    // application/json, which no form of another site can send). Bearer
    // tokens need neither: browsers never send them on their own. Errors:
    // Forbidden with code csrf.token (403) or csrf.content_type (415).
    static Status api_write_allowed(Request const&, Principal const&);

    // The sign-in form's token: the request's own sign-in cookie when it
    // has one, or a new one; with the Set-Cookie value to send when new.
    std::string signin_token(Request const&, std::string& set_cookie_out) const;
    static bool signin_csrf_ok(Request const&);

    AuthOptions const& options() const { return m_options; }

private:
    store::Store& m_store;
    AuthOptions m_options;
    std::function<Timestamp()> m_clock;
};

}
