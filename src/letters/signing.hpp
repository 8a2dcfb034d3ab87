#pragma once
// Electronic signatures on letters: the primitives only, no
// storage and no HTTP. Each signer has an Ed25519 key pair whose secret key is
// kept sealed under a key derived from the signer's password, so it can be
// used only when the signer types the password again at `tandatangani`. The
// office's seal key (used at `arsipkan`) is a key pair of the same kind.

#include "core/date.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>

namespace sopir {

// What the signature is for. Both are part of the signed message, so a
// signer's tanda tangan cannot be passed off as the office's segel or back.
inline constexpr std::string_view k_purpose_tandatangan = "tandatangan";
inline constexpr std::string_view k_purpose_segel = "segel";

// A signer's key pair as it is stored: the public key in the clear, the
// secret key sealed with crypto_secretbox under a key derived from the
// password with Argon2id (libsodium's interactive limits). Every field is
// standard base64 (RFC 4648 section 4, with padding).
struct SignerKeys {
    std::string public_key_b64;
    std::string sealed_secret_b64;
    std::string salt_b64;
    std::string nonce_b64;
};

// A fresh key pair, sealed under `password`. Each call gives a new key pair,
// salt and nonce.
Result<SignerKeys> generate_signer_keys(std::string_view password);

// The raw Ed25519 secret key (crypto_sign_SECRETKEYBYTES bytes), or Forbidden
// when the password is wrong. The caller should wipe the returned bytes with
// sodium_memzero once it has signed.
Result<std::string> unlock_secret_key(SignerKeys const&, std::string_view password);

struct Signature {
    std::string signer; // Who signed: a user name, or the office for a segel.
    std::string algorithm { "ed25519" };
    std::string public_key_b64;
    std::string signature_b64;
    Timestamp signed_at { 0 };
    // A seal made since the PDFs are covered: the SHA-256 of the frozen PDF
    // and of its ARSIP copy, signed with the content (message v2). Empty in
    // signatures made before (v1), which cover the content alone.
    std::string pdf_sha256;
    std::string archive_pdf_sha256;
};

// The PDFs a seal covers (both 64 lowercase hex digits), or none.
struct PdfHashes {
    std::string pdf_sha256;
    std::string archive_pdf_sha256;
};

// The exact bytes that are signed: a version tag, the SHA-256 of the letter's
// canonical content (64 lowercase hex digits), the signing time in decimal
// Unix seconds and the purpose, each written as "<length>:<bytes>," so that no
// two different field lists give the same message.
std::string signing_message(std::string_view canonical_content_sha256_hex, Timestamp signed_at, std::string_view purpose);
// Version 2, for a seal over the PDFs too: "sopir.letter.v2", the content
// hash, the PDF's and the ARSIP copy's SHA-256, the time and the purpose, in
// the same field encoding. A v2 signature passed off as v1 (its PDF hashes
// dropped from the record) no longer verifies, nor the reverse.
std::string signing_message(std::string_view canonical_content_sha256_hex, PdfHashes const&, Timestamp signed_at, std::string_view purpose);

// Signs with a raw secret key (from unlock_secret_key). `public_key_b64` must
// be the key pair's public key; it is checked against the secret key. Invalid
// for a malformed content hash or an unknown purpose.
Result<Signature> sign_content(std::string_view secret_key, std::string_view public_key_b64, std::string const& signer,
    std::string_view content_sha256_hex, Timestamp signed_at, std::string_view purpose, PdfHashes const& pdfs = {});

// True when the signature is a valid Ed25519 signature, by the public key it
// carries, over signing_message(content_sha256_hex, signature.signed_at,
// purpose), or over the v2 message when the signature names PDF hashes. It
// says nothing about whose key that is: the caller must also
// check that the public key is the one on record for the signer.
bool verify_signature(Signature const&, std::string_view content_sha256_hex, std::string_view purpose);

// What a signing service is asked to sign. The password is only borrowed for
// the call and never kept.
struct SigningRequest {
    std::string signer;
    std::string_view password;
    std::string content_sha256_hex;
    Timestamp signed_at { 0 };
    std::string purpose;
};

// The boundary behind which signatures are made. Today the only
// implementation is LocalSigningService; a certified provider (BSrE, Balai
// Sertifikasi Elektronik, for a tanda tangan elektronik tersertifikasi under
// PP 71/2019 Pasal 60) would implement this same interface later, so that the
// workflow does not change when the office moves to it.
class SigningService {
public:
    virtual ~SigningService();
    virtual Result<Signature> sign(SigningRequest const&) = 0;
    virtual std::string name() const = 0;
};

// Signs with our own Ed25519 keys: a tanda tangan elektronik tidak
// tersertifikasi (PP 71/2019 Pasal 60 ayat 2 huruf b). Holds one signer's
// stored keys and unlocks the secret key with the request's password for each
// signature, wiping it straight after.
class LocalSigningService final : public SigningService {
public:
    explicit LocalSigningService(SignerKeys keys);
    Result<Signature> sign(SigningRequest const&) override;
    std::string name() const override;

private:
    SignerKeys m_keys;
};

// The same key pair sealed again under `new_password` (fresh salt and nonce),
// for a password change: Forbidden when `old_password` does not open it.
Result<SignerKeys> reseal_signer_keys(SignerKeys const&, std::string_view old_password, std::string_view new_password);

// The office's seal key pair, derived from the server's seal secret (32 random
// bytes kept in a file outside the database) and the office code, so that the
// database holds no secret that could forge a seal: a stolen dump is not
// enough. The secret key is raw bytes; wipe it after use.
struct SealKeys {
    std::string public_key_b64;
    std::string secret_key;
};
Result<SealKeys> derive_office_seal(std::string_view server_secret, std::string_view office_code);
inline constexpr std::size_t k_seal_secret_bytes = 32;

// The audit keys (core/audit.hpp), derived from the same seal secret under
// labels of their own ("sopir.audit.v1:" and the office code for an office's
// signing key, "sopir.audit.v1:server" for the security chain's,
// "sopir.audit.mac.v1" for the rows' MAC key), so that neither the seal nor
// the audit key tells anything of the other. Only the public keys leave the
// server (in the exported heads).
inline constexpr std::string_view k_audit_server_scope = "server";
Result<SealKeys> derive_audit_signing_key(std::string_view server_secret, std::string_view office_code_or_server);
Result<std::string> derive_audit_mac_key(std::string_view server_secret);
// A detached Ed25519 signature (base64) of `message`, and its check.
Result<std::string> sign_detached(std::string_view secret_key, std::string_view message);
bool verify_detached(std::string_view public_key_b64, std::string_view signature_b64, std::string_view message);

// A fresh random token for a letter's verification address: 16 bytes (128
// bits, beyond guessing) as unpadded base64url, 22 characters that fit a small
// QR code.
std::string new_verification_token();

// Standard base64 with padding (sodium_base64_VARIANT_ORIGINAL).
std::string to_base64(std::string_view bytes);
// The decoded bytes; Invalid when `text` is not, in full, well-formed
// standard base64.
Result<std::string> from_base64(std::string_view text);

}
