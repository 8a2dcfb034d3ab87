#include "web/auth.hpp"

#include "core/sha256.hpp"
#include "letters/signing.hpp"
#include "web/use_cases.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace sopir::web {

std::string random_token()
{
    if (sodium_init() < 0)
        return {};
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string token;
    for (unsigned char byte : bytes) {
        token += k_hex[byte >> 4];
        token += k_hex[byte & 15];
    }
    return token;
}

bool same_secret(std::string const& a, std::string const& b)
{
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Auth::Auth(store::Store& store, AuthOptions options, std::function<Timestamp()> clock)
    : m_store(store)
    , m_options(options)
    , m_clock(std::move(clock))
{
}

// A lookup's failure other than "not there" is the database's, not the
// requester's.
template<typename T>
static bool failed_to_ask(Result<T> const& found)
{
    return !found.ok() && found.error().kind != ErrorKind::NotFound;
}

namespace {

Error throttled(std::string const& message)
{
    Error error = Error::conflict(message);
    error.code = "signin.throttled";
    return error;
}

std::string lowercase(std::string text)
{
    for (auto& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// "https://host:port" → "host:port"; "" for anything else ("null").
std::string origin_authority(std::string const& origin)
{
    auto const scheme_end = origin.find("://");
    if (scheme_end == std::string::npos)
        return {};
    std::string const scheme = lowercase(origin.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https")
        return {};
    std::string authority = lowercase(origin.substr(scheme_end + 3));
    if (auto const slash = authority.find('/'); slash != std::string::npos)
        authority.resize(slash);
    // Browsers leave the scheme's own port out of Origin; a Host header
    // may carry it.
    std::string const default_port = scheme == "https" ? ":443" : ":80";
    if (authority.ends_with(default_port))
        authority.resize(authority.size() - default_port.size());
    return authority;
}

}

bool same_origin(Request const& request, std::string const& public_url)
{
    std::string const origin = request.header("origin");
    if (origin.empty())
        return true;
    std::string const authority = origin_authority(origin);
    if (authority.empty())
        return false;
    std::string host = lowercase(request.header("host"));
    for (std::string const port : { ":80", ":443" })
        if (host.ends_with(port) && authority.find(':') == std::string::npos)
            host.resize(host.size() - port.size());
    if (authority == host)
        return true;
    return !public_url.empty() && authority == origin_authority(public_url);
}

Result<User> Auth::check_password(std::string const& username, std::string const& password, std::string const& address)
{
    Timestamp const now = m_clock();
    Timestamp const since = now - m_options.failure_window_seconds;
    store::LoginAttempt const attempt { .username = username, .address = address };
    auto here = m_store.failed_logins_since(store::AttemptKey::UserAtAddress, attempt, since);
    if (!here.ok())
        return here.error();
    bool refused = *here >= m_options.max_failures_per_user;
    if (!refused) {
        auto from_address = m_store.failed_logins_since(store::AttemptKey::Address, attempt, since);
        if (!from_address.ok())
            return from_address.error();
        // An address that guessed too often is held back, except for the
        // people who lately signed in from it: behind an office's NAT the
        // guesser is one person, not everyone there.
        if (*from_address >= m_options.max_failures_per_address) {
            auto known = m_store.signed_in_from(username, address, now - m_options.known_address_seconds);
            if (!known.ok())
                return known.error();
            refused = !*known;
        }
    }
    if (refused)
        return throttled("Terlalu banyak percobaan masuk yang gagal. Coba lagi " + std::to_string(m_options.failure_window_seconds / 60) + " menit lagi.");
    auto user = m_store.user_by_username(username);
    if (failed_to_ask(user))
        return user.error();
    // The hash is checked even for an unknown user, so that the answer
    // takes as long either way.
    static std::string const k_dummy_hash = *hash_password("sopir-bukan-kata-sandi");
    bool const known = user.ok() && user->active;
    bool const matches = verify_password(known ? user->password_hash : k_dummy_hash, password) && known;
    (void)m_store.record_login_attempt(attempt, matches ? store::AttemptOutcome::Succeeded : store::AttemptOutcome::Failed, now);
    if (!matches) {
        Error error = Error::forbidden("Nama pengguna atau kata sandi salah.");
        error.code = "signin.failed";
        return error;
    }
    return *user;
}

Status Auth::confirm_password(User const& user, std::string const& credential, std::string const& password, std::string const& address)
{
    if (credential.empty())
        return Error::forbidden("Masuk dulu.");
    Timestamp const now = m_clock();
    store::LoginAttempt const attempt { .username = user.username, .address = address, .credential = credential };
    auto failures = m_store.failed_logins_since(store::AttemptKey::Credential, attempt, now - m_options.failure_window_seconds);
    if (!failures.ok())
        return failures.error();
    if (*failures >= m_options.max_signing_failures)
        return throttled("Terlalu banyak kata sandi salah dari sesi ini. Coba lagi " + std::to_string(m_options.failure_window_seconds / 60) + " menit lagi.");
    bool const matches = verify_password(user.password_hash, password);
    (void)m_store.record_login_attempt(attempt, matches ? store::AttemptOutcome::Succeeded : store::AttemptOutcome::Failed, now);
    if (!matches) {
        Error error = Error::forbidden("Nama pengguna atau kata sandi salah.");
        error.code = "signin.failed";
        return error;
    }
    return Ok {};
}

Result<std::string> Auth::start_session(User const& user, std::string const& address, std::string& csrf_out)
{
    Timestamp const now = m_clock();
    std::string const token = random_token();
    csrf_out = random_token();
    Timestamp const lasts = std::min(m_options.session_idle_seconds, m_options.session_lifetime_seconds);
    store::SessionRecord session { .token_hash = sha256_hex(token), .user_id = user.id, .csrf_token = csrf_out, .created_at = now,
        .last_seen_at = now, .expires_at = now + lasts, .address = address };
    auto created = m_store.create_session(session);
    if (!created.ok())
        return created.error();
    // The cookie outlives the session a little; the server decides.
    std::string cookie = std::string(k_session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age="
        + std::to_string(m_options.session_lifetime_seconds);
    if (m_options.secure_cookies)
        cookie += "; Secure";
    return cookie;
}

Result<std::string> Auth::issue_api_token(User const& user)
{
    Timestamp const now = m_clock();
    std::string const token = random_token();
    auto created = m_store.create_api_token({ .user_id = user.id, .name = "api", .token_hash = sha256_hex(token), .created_at = now,
        .expires_at = now + m_options.api_token_seconds });
    if (!created.ok())
        return created.error();
    return token;
}

Status Auth::sign_out(Principal const& principal, std::string const& address)
{
    auto ended = m_store.sign_out(principal.user.id, principal.via_api_token ? store::CredentialKind::ApiToken : store::CredentialKind::Session,
        principal.credential_hash(), address, m_clock());
    if (!ended.ok())
        return ended.error();
    return Ok {};
}

std::string Auth::clear_cookie() const
{
    return std::string(k_session_cookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (m_options.secure_cookies ? "; Secure" : "");
}

Result<std::optional<Principal>> Auth::identify(Request const& request)
{
    Timestamp const now = m_clock();
    Principal principal;
    Id user_id = 0;
    std::string const authorization = request.header("authorization");
    if (authorization.starts_with("Bearer ")) {
        std::string const hash = sha256_hex(authorization.substr(7));
        auto token = m_store.api_token_by_hash(hash);
        if (failed_to_ask(token))
            return token.error();
        if (!token.ok() || token->revoked_at || (token->expires_at && *token->expires_at < now))
            return std::optional<Principal>();
        user_id = token->user_id;
        principal.via_api_token = true;
        principal.token_hash = hash;
    } else {
        std::string const cookie = request.cookie(k_session_cookie);
        if (cookie.empty())
            return std::optional<Principal>();
        std::string const hash = sha256_hex(cookie);
        auto session = m_store.session_by_hash(hash);
        if (failed_to_ask(session))
            return session.error();
        Timestamp const ends = session.ok() ? session->created_at + m_options.session_lifetime_seconds : 0;
        if (!session.ok() || session->expires_at < now || ends <= now)
            return std::optional<Principal>();
        // Renew a session in use, at most once a minute, never past its
        // lifetime.
        if (now - session->last_seen_at >= 60)
            (void)m_store.touch_session(hash, now, std::min(now + m_options.session_idle_seconds, ends));
        user_id = session->user_id;
        principal.csrf_token = session->csrf_token;
        principal.session_hash = hash;
    }
    auto user = m_store.user_by_id(user_id);
    if (failed_to_ask(user))
        return user.error();
    if (!user.ok() || !user->active)
        return std::optional<Principal>();
    principal.user = *user;
    return std::optional<Principal>(principal);
}

Status Auth::change_password(Principal const& principal, std::string const& current, std::string const& replacement, std::string const& address)
{
    User const& user = principal.user;
    if (!verify_password(user.password_hash, current))
        return Error::invalid("password_current", "Kata sandi sekarang salah.", "password.wrong");
    auto policy = check_password_policy(replacement);
    if (!policy.ok()) {
        Error error = policy.error();
        error.field = "password_new";
        return error;
    }
    if (replacement == current)
        return Error::invalid("password_new", "Kata sandi baru harus berbeda dari yang sekarang.", "password.same");
    auto hash = hash_password(replacement);
    if (!hash.ok())
        return hash.error();
    // Whoever knew the old password may hold a session or a token: they end
    // with it, all but the one the change came through.
    auto changed = m_store.set_password_ending_other_sign_ins(user.id, *hash,
        { .session_hash = principal.session_hash, .token_hash = principal.token_hash }, address, m_clock());
    if (!changed.ok())
        return changed.error();
    // The signing key is sealed under the password: seal it again under the
    // new one, so that the old password no longer signs. Should this fail,
    // the next signature makes a new key (letters/LetterDesk), so nothing
    // is lost but the old key's use.
    if (auto key = m_store.active_signer_key(user.id); key.ok()) {
        SignerKeys const stored { key->public_key, key->sealed_secret, key->salt, key->nonce };
        auto resealed = reseal_signer_keys(stored, current, replacement);
        if (resealed.ok()) {
            store::SignerKeyRecord updated = *key;
            updated.sealed_secret = resealed->sealed_secret_b64;
            updated.salt = resealed->salt_b64;
            updated.nonce = resealed->nonce_b64;
            (void)m_store.reseal_signer_key(updated);
        }
    }
    return Ok {};
}

bool Auth::csrf_ok(Request const& request, Principal const& principal)
{
    if (principal.via_api_token)
        return true; // Bearer tokens are not sent by browsers on their own.
    return same_secret(request.form().get("csrf"), principal.csrf_token);
}

Status Auth::api_write_allowed(Request const& request, Principal const& principal)
{
    if (principal.via_api_token || request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS")
        return Ok {};
    if (!same_secret(request.header(k_csrf_header), principal.csrf_token)) {
        Error error = Error::forbidden("Permintaan dengan kuki sesi harus membawa token CSRF sesi di kepala X-CSRF-Token (lihat GET /api/v1/me).");
        error.code = "csrf.token";
        return error;
    }
    if (request.method != "DELETE") {
        std::string media_type = lowercase(request.header("content-type"));
        if (auto const semicolon = media_type.find(';'); semicolon != std::string::npos)
            media_type.resize(semicolon);
        while (!media_type.empty() && media_type.back() == ' ')
            media_type.pop_back();
        if (media_type != "application/json") {
            Error error = Error::forbidden("Badan permintaan harus JSON (Content-Type: application/json).");
            error.code = "csrf.content_type";
            return error;
        }
    }
    return Ok {};
}

std::string Auth::signin_token(Request const& request, std::string& set_cookie_out) const
{
    std::string token = request.cookie(k_signin_cookie);
    if (token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos)
        return token;
    token = random_token();
    set_cookie_out = std::string(k_signin_cookie) + "=" + token + "; Path=/masuk; HttpOnly; SameSite=Strict; Max-Age=86400"
        + (m_options.secure_cookies ? "; Secure" : "");
    return token;
}

bool Auth::signin_csrf_ok(Request const& request)
{
    return same_secret(request.form().get("csrf"), request.cookie(k_signin_cookie));
}

}
