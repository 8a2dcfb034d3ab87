#include "web/auth.hpp"

#include "core/sha256.hpp"
#include "letters/signing.hpp"
#include "web/password.hpp"

#include <sodium.h>

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

Result<User> Auth::check_password(std::string const& username, std::string const& password, std::string const& address)
{
    Timestamp const now = m_clock();
    Timestamp const since = now - m_options.failure_window_seconds;
    auto by_user = m_store.failed_logins_since(store::AttemptKey::Username, username, since);
    auto by_address = m_store.failed_logins_since(store::AttemptKey::Address, address, since);
    if (!by_user.ok())
        return by_user.error();
    if (!by_address.ok())
        return by_address.error();
    if (*by_user >= m_options.max_failures_per_user || *by_address >= m_options.max_failures_per_address) {
        Error error = Error::conflict("Terlalu banyak percobaan masuk yang gagal. Coba lagi " + std::to_string(m_options.failure_window_seconds / 60) + " menit lagi.");
        error.code = "signin.throttled";
        return error;
    }
    auto user = m_store.user_by_username(username);
    if (failed_to_ask(user))
        return user.error();
    // The hash is checked even for an unknown user, so that the answer
    // takes as long either way.
    static std::string const k_dummy_hash = *hash_password("sopir-bukan-kata-sandi");
    bool const known = user.ok() && user->active;
    bool const matches = verify_password(known ? user->password_hash : k_dummy_hash, password) && known;
    (void)m_store.record_login_attempt(username, address, matches ? store::AttemptOutcome::Succeeded : store::AttemptOutcome::Failed, now);
    if (!matches) {
        Error error = Error::forbidden("Nama pengguna atau kata sandi salah.");
        error.code = "signin.failed";
        return error;
    }
    return *user;
}

Result<std::string> Auth::start_session(User const& user, std::string const& address, std::string& csrf_out)
{
    Timestamp const now = m_clock();
    std::string const token = random_token();
    csrf_out = random_token();
    store::SessionRecord session { .token_hash = sha256_hex(token), .user_id = user.id, .csrf_token = csrf_out, .created_at = now,
        .last_seen_at = now, .expires_at = now + m_options.session_seconds, .address = address };
    auto created = m_store.create_session(session);
    if (!created.ok())
        return created.error();
    std::string cookie = std::string(k_session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(m_options.session_seconds);
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

void Auth::end_session(Request const& request)
{
    std::string const token = request.cookie(k_session_cookie);
    if (!token.empty())
        (void)m_store.delete_session(sha256_hex(token));
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
        auto token = m_store.api_token_by_hash(sha256_hex(authorization.substr(7)));
        if (failed_to_ask(token))
            return token.error();
        if (!token.ok() || token->revoked_at || (token->expires_at && *token->expires_at < now))
            return std::optional<Principal>();
        user_id = token->user_id;
        principal.via_api_token = true;
    } else {
        std::string const cookie = request.cookie(k_session_cookie);
        if (cookie.empty())
            return std::optional<Principal>();
        std::string const hash = sha256_hex(cookie);
        auto session = m_store.session_by_hash(hash);
        if (failed_to_ask(session))
            return session.error();
        if (!session.ok() || session->expires_at < now)
            return std::optional<Principal>();
        // Renew a session in use, at most once a minute.
        if (now - session->last_seen_at >= 60)
            (void)m_store.touch_session(hash, now, now + m_options.session_seconds);
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

Status Auth::change_password(User const& user, std::string const& current, std::string const& replacement)
{
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
    auto changed = m_store.set_password_hash(user.id, *hash);
    if (!changed.ok())
        return changed;
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

}
