#include "letters/signing.hpp"

#include "letters/argon2_gate.hpp"

#include <sodium.h>

#include <array>
#include <cstring>
#include <utility>

namespace sopir {

namespace {

    bool sodium_ready()
    {
        static bool const ready = sodium_init() >= 0;
        return ready;
    }

    unsigned char const* bytes_of(std::string_view text)
    {
        return reinterpret_cast<unsigned char const*>(text.data());
    }

    unsigned char* bytes_of(std::string& text)
    {
        return reinterpret_cast<unsigned char*>(text.data());
    }

    // Wipes secret bytes when it goes out of scope, on every return path.
    class Wipe {
    public:
        Wipe(void* data, std::size_t size)
            : m_data(data)
            , m_size(size)
        {
        }
        ~Wipe() { sodium_memzero(m_data, m_size); }
        Wipe(Wipe const&) = delete;
        Wipe& operator=(Wipe const&) = delete;

    private:
        void* m_data;
        std::size_t m_size;
    };

    using SecretboxKey = std::array<unsigned char, crypto_secretbox_KEYBYTES>;

    // Argon2id with libsodium's interactive limits, as for login passwords
    // (web/password.cpp). The algorithm is named rather than left to the default
    // so that a libsodium upgrade cannot change how a stored key is unlocked.
    bool derive_key(SecretboxKey& key, std::string_view password, std::string_view salt)
    {
        Argon2Gate::Place place(argon2_gate());
        return crypto_pwhash(key.data(), key.size(), password.data(), password.size(), bytes_of(salt),
                   crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
                   crypto_pwhash_ALG_ARGON2ID13)
            == 0;
    }

    bool is_sha256_hex(std::string_view text)
    {
        if (text.size() != 64)
            return false;
        for (char c : text) {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                return false;
        }
        return true;
    }

    bool is_known_purpose(std::string_view purpose)
    {
        return purpose == k_purpose_tandatangan || purpose == k_purpose_segel;
    }

    void append_field(std::string& out, std::string_view field)
    {
        out += std::to_string(field.size());
        out += ':';
        out += field;
        out += ',';
    }

    Error damaged_keys()
    {
        return Error::internal("Kunci tanda tangan yang tersimpan rusak.");
    }

}

std::string to_base64(std::string_view bytes)
{
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

Result<std::string> from_base64(std::string_view text)
{
    if (!sodium_ready())
        return Error::internal("libsodium tidak dapat dimulai.");
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    char const* end = nullptr;
    if (sodium_base642bin(bytes_of(out), out.size(), text.data(), text.size(), nullptr, &length, &end,
            sodium_base64_VARIANT_ORIGINAL)
            != 0
        || end != text.data() + text.size())
        return Error::invalid("base64", "Data base64 tidak sah.", "base64.malformed");
    out.resize(length);
    return out;
}

namespace {

    // Seals a raw secret key under a key derived from `password`, with a fresh
    // salt and nonce.
    Result<SignerKeys> seal_secret_key(std::string_view secret_key, std::string_view public_key_b64, std::string_view password)
    {
        std::string salt(crypto_pwhash_SALTBYTES, '\0');
        randombytes_buf(salt.data(), salt.size());
        std::string nonce(crypto_secretbox_NONCEBYTES, '\0');
        randombytes_buf(nonce.data(), nonce.size());

        SecretboxKey key {};
        Wipe wipe_key(key.data(), key.size());
        if (!derive_key(key, password, salt))
            return Error::internal("Memori tidak cukup untuk menyandikan kunci tanda tangan.");

        std::string sealed(crypto_secretbox_MACBYTES + secret_key.size(), '\0');
        crypto_secretbox_easy(bytes_of(sealed), bytes_of(secret_key), secret_key.size(), bytes_of(nonce), key.data());

        return SignerKeys {
            .public_key_b64 = std::string(public_key_b64),
            .sealed_secret_b64 = to_base64(sealed),
            .salt_b64 = to_base64(salt),
            .nonce_b64 = to_base64(nonce),
        };
    }

}

Result<SignerKeys> generate_signer_keys(std::string_view password)
{
    if (!sodium_ready())
        return Error::internal("libsodium tidak dapat dimulai.");

    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key {};
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key {};
    Wipe wipe_secret(secret_key.data(), secret_key.size());
    crypto_sign_keypair(public_key.data(), secret_key.data());
    return seal_secret_key({ reinterpret_cast<char const*>(secret_key.data()), secret_key.size() },
        to_base64({ reinterpret_cast<char const*>(public_key.data()), public_key.size() }), password);
}

Result<SignerKeys> reseal_signer_keys(SignerKeys const& keys, std::string_view old_password, std::string_view new_password)
{
    auto secret_key = unlock_secret_key(keys, old_password);
    if (!secret_key)
        return secret_key.error();
    Wipe wipe_secret(secret_key->data(), secret_key->size());
    return seal_secret_key(*secret_key, keys.public_key_b64, new_password);
}

namespace {

    Result<SealKeys> derive_keypair(std::string_view server_secret, std::string const& label)
    {
        if (!sodium_ready())
            return Error::internal("libsodium tidak dapat dimulai.");
        if (server_secret.size() != k_seal_secret_bytes)
            return Error::unavailable("Rahasia segel server harus " + std::to_string(k_seal_secret_bytes) + " byte.");
        // A keyed BLAKE2b of a versioned label gives each use its own seed;
        // the label keeps these seeds apart from any other use of the same
        // secret.
        std::array<unsigned char, crypto_sign_SEEDBYTES> seed {};
        Wipe wipe_seed(seed.data(), seed.size());
        crypto_generichash(seed.data(), seed.size(), bytes_of(label), label.size(), bytes_of(server_secret), server_secret.size());
        std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key {};
        std::string secret_key(crypto_sign_SECRETKEYBYTES, '\0');
        crypto_sign_seed_keypair(public_key.data(), bytes_of(secret_key), seed.data());
        return SealKeys { .public_key_b64 = to_base64({ reinterpret_cast<char const*>(public_key.data()), public_key.size() }),
            .secret_key = std::move(secret_key) };
    }

}

Result<SealKeys> derive_office_seal(std::string_view server_secret, std::string_view office_code)
{
    return derive_keypair(server_secret, "sopir.segel.v1:" + std::string(office_code));
}

Result<SealKeys> derive_audit_signing_key(std::string_view server_secret, std::string_view office_code_or_server)
{
    return derive_keypair(server_secret, "sopir.audit.v1:" + std::string(office_code_or_server));
}

Result<std::string> derive_audit_mac_key(std::string_view server_secret)
{
    if (!sodium_ready())
        return Error::internal("libsodium tidak dapat dimulai.");
    if (server_secret.size() != k_seal_secret_bytes)
        return Error::unavailable("Rahasia segel server harus " + std::to_string(k_seal_secret_bytes) + " byte.");
    std::string const label = "sopir.audit.mac.v1";
    std::string key(32, '\0');
    crypto_generichash(bytes_of(key), key.size(), bytes_of(label), label.size(), bytes_of(server_secret), server_secret.size());
    return key;
}

Result<std::string> sign_detached(std::string_view secret_key, std::string_view message)
{
    if (!sodium_ready())
        return Error::internal("libsodium tidak dapat dimulai.");
    if (secret_key.size() != crypto_sign_SECRETKEYBYTES)
        return damaged_keys();
    std::string signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(bytes_of(signature), nullptr, bytes_of(message), message.size(), bytes_of(secret_key));
    return to_base64(signature);
}

bool verify_detached(std::string_view public_key_b64, std::string_view signature_b64, std::string_view message)
{
    if (!sodium_ready())
        return false;
    auto public_key = from_base64(public_key_b64);
    auto signature = from_base64(signature_b64);
    if (!public_key || public_key->size() != crypto_sign_PUBLICKEYBYTES || !signature || signature->size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(bytes_of(*signature), bytes_of(message), message.size(), bytes_of(*public_key)) == 0;
}

std::string new_verification_token()
{
    (void)sodium_ready();
    std::array<unsigned char, 16> random {};
    randombytes_buf(random.data(), random.size());
    std::string out(sodium_base64_encoded_len(random.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), random.data(), random.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}

Result<std::string> unlock_secret_key(SignerKeys const& keys, std::string_view password)
{
    if (!sodium_ready())
        return Error::internal("libsodium tidak dapat dimulai.");

    auto public_key = from_base64(keys.public_key_b64);
    auto sealed = from_base64(keys.sealed_secret_b64);
    auto salt = from_base64(keys.salt_b64);
    auto nonce = from_base64(keys.nonce_b64);
    if (!public_key || public_key->size() != crypto_sign_PUBLICKEYBYTES || !sealed
        || sealed->size() != crypto_secretbox_MACBYTES + crypto_sign_SECRETKEYBYTES || !salt
        || salt->size() != crypto_pwhash_SALTBYTES || !nonce || nonce->size() != crypto_secretbox_NONCEBYTES)
        return damaged_keys();

    SecretboxKey key {};
    Wipe wipe_key(key.data(), key.size());
    if (!derive_key(key, password, *salt))
        return Error::internal("Memori tidak cukup untuk membuka kunci tanda tangan.");

    std::string secret_key(crypto_sign_SECRETKEYBYTES, '\0');
    // A wrong password gives a wrong key, so the MAC check fails: that is
    // the password check, and it tells nothing more than "wrong".
    if (crypto_secretbox_open_easy(bytes_of(secret_key), bytes_of(*sealed), sealed->size(), bytes_of(*nonce), key.data())
        != 0)
        return Error::forbidden("Kata sandi salah: kunci tanda tangan tidak dapat dibuka.");

    // A sealed secret key stored beside someone else's public key would
    // sign under a key nobody could verify; refuse it here.
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> derived {};
    crypto_sign_ed25519_sk_to_pk(derived.data(), bytes_of(secret_key));
    if (sodium_memcmp(derived.data(), bytes_of(*public_key), derived.size()) != 0) {
        sodium_memzero(secret_key.data(), secret_key.size());
        return damaged_keys();
    }
    return secret_key;
}

std::string signing_message(std::string_view canonical_content_sha256_hex, Timestamp signed_at, std::string_view purpose)
{
    std::string message;
    append_field(message, "sopir.letter.v1");
    append_field(message, canonical_content_sha256_hex);
    append_field(message, std::to_string(signed_at));
    append_field(message, purpose);
    return message;
}

std::string signing_message(std::string_view canonical_content_sha256_hex, PdfHashes const& pdfs, Timestamp signed_at, std::string_view purpose)
{
    std::string message;
    append_field(message, "sopir.letter.v2");
    append_field(message, canonical_content_sha256_hex);
    append_field(message, pdfs.pdf_sha256);
    append_field(message, pdfs.archive_pdf_sha256);
    append_field(message, std::to_string(signed_at));
    append_field(message, purpose);
    return message;
}

Result<Signature> sign_content(std::string_view secret_key, std::string_view public_key_b64, std::string const& signer,
    std::string_view content_sha256_hex, Timestamp signed_at, std::string_view purpose, PdfHashes const& pdfs)
{
    if (!sodium_ready())
        return Error::internal("libsodium tidak dapat dimulai.");
    if (!is_sha256_hex(content_sha256_hex))
        return Error::invalid("content_sha256", "Sidik isi surat harus 64 digit heksadesimal.", "signature.content_hash");
    if (!is_known_purpose(purpose))
        return Error::invalid("purpose", "Jenis tanda tangan tidak dikenal.", "signature.purpose");
    if (secret_key.size() != crypto_sign_SECRETKEYBYTES)
        return damaged_keys();

    auto public_key = from_base64(public_key_b64);
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> derived {};
    crypto_sign_ed25519_sk_to_pk(derived.data(), bytes_of(secret_key));
    if (!public_key || public_key->size() != derived.size()
        || sodium_memcmp(derived.data(), bytes_of(*public_key), derived.size()) != 0)
        return damaged_keys();

    bool const covers_pdfs = !pdfs.pdf_sha256.empty();
    if (covers_pdfs && (!is_sha256_hex(pdfs.pdf_sha256) || !is_sha256_hex(pdfs.archive_pdf_sha256)))
        return Error::invalid("pdf_sha256", "Sidik PDF surat harus 64 digit heksadesimal.", "signature.pdf_hash");
    auto message = covers_pdfs ? signing_message(content_sha256_hex, pdfs, signed_at, purpose) : signing_message(content_sha256_hex, signed_at, purpose);
    std::string signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(bytes_of(signature), nullptr, bytes_of(message), message.size(), bytes_of(secret_key));

    return Signature {
        .signer = signer,
        .algorithm = "ed25519",
        .public_key_b64 = std::string(public_key_b64),
        .signature_b64 = to_base64(signature),
        .signed_at = signed_at,
        .pdf_sha256 = pdfs.pdf_sha256,
        .archive_pdf_sha256 = pdfs.archive_pdf_sha256,
    };
}

bool verify_signature(Signature const& signature, std::string_view content_sha256_hex, std::string_view purpose)
{
    if (!sodium_ready())
        return false;
    if (signature.algorithm != "ed25519" || !is_sha256_hex(content_sha256_hex) || !is_known_purpose(purpose))
        return false;
    auto public_key = from_base64(signature.public_key_b64);
    auto signature_bytes = from_base64(signature.signature_b64);
    if (!public_key || public_key->size() != crypto_sign_PUBLICKEYBYTES || !signature_bytes
        || signature_bytes->size() != crypto_sign_BYTES)
        return false;
    bool const covers_pdfs = !signature.pdf_sha256.empty() || !signature.archive_pdf_sha256.empty();
    auto message = covers_pdfs
        ? signing_message(content_sha256_hex, { signature.pdf_sha256, signature.archive_pdf_sha256 }, signature.signed_at, purpose)
        : signing_message(content_sha256_hex, signature.signed_at, purpose);
    return crypto_sign_verify_detached(bytes_of(*signature_bytes), bytes_of(message), message.size(), bytes_of(*public_key))
        == 0;
}

SigningService::~SigningService() = default;

LocalSigningService::LocalSigningService(SignerKeys keys)
    : m_keys(std::move(keys))
{
}

Result<Signature> LocalSigningService::sign(SigningRequest const& request)
{
    auto secret_key = unlock_secret_key(m_keys, request.password);
    if (!secret_key)
        return secret_key.error();
    Wipe wipe_secret(secret_key->data(), secret_key->size());
    return sign_content(*secret_key, m_keys.public_key_b64, request.signer, request.content_sha256_hex,
        request.signed_at, request.purpose);
}

std::string LocalSigningService::name() const
{
    return "local-ed25519";
}

}
