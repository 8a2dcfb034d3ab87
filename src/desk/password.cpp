#include "desk/password.hpp"

#include "letters/argon2_gate.hpp"

#include <sodium.h>

namespace sopir::desk {

static bool sodium_ready()
{
    static bool const ready = sodium_init() >= 0;
    return ready;
}

Result<std::string> hash_password(std::string_view password)
{
    if (!sodium_ready())
        return Error::internal("libsodium tidak dapat dimulai.");
    char hash[crypto_pwhash_STRBYTES];
    Argon2Gate::Place place(argon2_gate());
    if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return Error::internal("Memori tidak cukup untuk menyandikan kata sandi.");
    return std::string(hash);
}

bool verify_password(std::string const& hash, std::string_view password)
{
    if (!sodium_ready())
        return false;
    Argon2Gate::Place place(argon2_gate());
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status check_password_policy(std::string_view password)
{
    if (password.size() < 10)
        return Error::invalid("password", "Kata sandi minimal 10 karakter.", "password.short");
    return Ok {};
}

}
