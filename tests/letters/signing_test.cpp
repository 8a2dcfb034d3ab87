// The signing primitives of issue 5, item 3: sealed Ed25519 keys, and
// signatures that verify only for the content, time, purpose and key they
// were made for.

#include "core/sha256.hpp"
#include "letters/signing.hpp"

#include <gtest/gtest.h>

#include <sodium.h>

#include <string>

namespace {

using namespace sopir;

constexpr std::string_view k_password = "rahasia-camat-2026";
constexpr Timestamp k_signed_at = 1795400700; // 2026-11-23, morning in WITA.

std::string content_hash()
{
    return sha256_hex("Surat Keterangan Perekaman KTP-el: MUHAMMAD RIZKY PRATAMA");
}

// Argon2id at interactive limits costs 64 MiB and a fraction of a second,
// so the tests share one key pair where they can.
SignerKeys const& camat_keys()
{
    static SignerKeys const keys = generate_signer_keys(k_password).value();
    return keys;
}

std::string const& camat_secret()
{
    static std::string const secret = unlock_secret_key(camat_keys(), k_password).value();
    return secret;
}

Signature signed_by_camat(std::string_view purpose = k_purpose_tandatangan)
{
    auto signature = sign_content(camat_secret(), camat_keys().public_key_b64, "camat", content_hash(), k_signed_at, purpose);
    EXPECT_TRUE(signature.ok());
    return signature.value();
}

TEST(Signing, KeysGenerateAndUnlockWithTheRightPassword)
{
    auto const& keys = camat_keys();
    EXPECT_EQ(from_base64(keys.public_key_b64)->size(), crypto_sign_PUBLICKEYBYTES);
    EXPECT_EQ(from_base64(keys.salt_b64)->size(), crypto_pwhash_SALTBYTES);
    EXPECT_EQ(from_base64(keys.nonce_b64)->size(), crypto_secretbox_NONCEBYTES);

    auto secret = unlock_secret_key(keys, k_password);
    ASSERT_TRUE(secret.ok());
    ASSERT_EQ(secret->size(), crypto_sign_SECRETKEYBYTES);
    // An Ed25519 secret key carries its public key in its last 32 bytes.
    EXPECT_EQ(to_base64(secret->substr(32)), keys.public_key_b64);
}

TEST(Signing, WrongPasswordIsForbidden)
{
    auto secret = unlock_secret_key(camat_keys(), "rahasia-camat-2025");
    ASSERT_FALSE(secret.ok());
    EXPECT_EQ(secret.error().kind, ErrorKind::Forbidden);
    EXPECT_EQ(secret.error().message, "Kata sandi salah: kunci tanda tangan tidak dapat dibuka.");

    LocalSigningService service(camat_keys());
    auto signature = service.sign({ .signer = "camat", .password = "salah", .content_sha256_hex = content_hash(), .signed_at = k_signed_at, .purpose = std::string(k_purpose_tandatangan) });
    ASSERT_FALSE(signature.ok());
    EXPECT_EQ(signature.error().kind, ErrorKind::Forbidden);
}

TEST(Signing, SignVerifyRoundTrip)
{
    auto signature = signed_by_camat();
    EXPECT_EQ(signature.signer, "camat");
    EXPECT_EQ(signature.algorithm, "ed25519");
    EXPECT_EQ(signature.public_key_b64, camat_keys().public_key_b64);
    EXPECT_EQ(signature.signed_at, k_signed_at);
    EXPECT_EQ(from_base64(signature.signature_b64)->size(), crypto_sign_BYTES);
    EXPECT_TRUE(verify_signature(signature, content_hash(), k_purpose_tandatangan));
}

TEST(Signing, LocalSigningServiceSignsWithTheStoredKeys)
{
    LocalSigningService service(camat_keys());
    EXPECT_FALSE(service.name().empty());
    SigningService& boundary = service;
    auto signature = boundary.sign({ .signer = "camat", .password = k_password, .content_sha256_hex = content_hash(), .signed_at = k_signed_at, .purpose = std::string(k_purpose_tandatangan) });
    ASSERT_TRUE(signature.ok());
    EXPECT_TRUE(verify_signature(*signature, content_hash(), k_purpose_tandatangan));
}

TEST(Signing, ChangedContentHashFailsVerification)
{
    auto signature = signed_by_camat();
    auto changed = content_hash();
    changed[0] = changed[0] == '0' ? '1' : '0';
    EXPECT_FALSE(verify_signature(signature, changed, k_purpose_tandatangan));
    EXPECT_FALSE(verify_signature(signature, sha256_hex("Surat Keterangan lain"), k_purpose_tandatangan));
}

TEST(Signing, ChangedTimeFailsVerification)
{
    auto signature = signed_by_camat();
    signature.signed_at += 1;
    EXPECT_FALSE(verify_signature(signature, content_hash(), k_purpose_tandatangan));
}

TEST(Signing, OtherPurposeFailsVerification)
{
    EXPECT_FALSE(verify_signature(signed_by_camat(k_purpose_tandatangan), content_hash(), k_purpose_segel));
    EXPECT_FALSE(verify_signature(signed_by_camat(k_purpose_segel), content_hash(), k_purpose_tandatangan));
    EXPECT_TRUE(verify_signature(signed_by_camat(k_purpose_segel), content_hash(), k_purpose_segel));
}

TEST(Signing, AnotherKeyFailsVerification)
{
    auto other = generate_signer_keys("kunci-segel-kantor");
    ASSERT_TRUE(other.ok());
    auto signature = signed_by_camat();
    signature.public_key_b64 = other->public_key_b64;
    EXPECT_FALSE(verify_signature(signature, content_hash(), k_purpose_tandatangan));
}

TEST(Signing, ChangedSignatureByteFailsVerification)
{
    auto signature = signed_by_camat();
    auto bytes = from_base64(signature.signature_b64).value();
    bytes[10] = static_cast<char>(bytes[10] ^ 0x01);
    signature.signature_b64 = to_base64(bytes);
    EXPECT_FALSE(verify_signature(signature, content_hash(), k_purpose_tandatangan));
}

TEST(Signing, SealedSecretNeverContainsTheRawSecretKey)
{
    auto const& keys = camat_keys();
    auto secret = unlock_secret_key(keys, k_password).value();
    auto sealed = from_base64(keys.sealed_secret_b64).value();
    EXPECT_EQ(sealed.size(), crypto_secretbox_MACBYTES + crypto_sign_SECRETKEYBYTES);
    EXPECT_EQ(sealed.find(secret), std::string::npos);
    // Not even the seed half (the first 32 bytes) shows through.
    EXPECT_EQ(sealed.find(secret.substr(0, 32)), std::string::npos);
    EXPECT_EQ(keys.sealed_secret_b64.find(to_base64(secret)), std::string::npos);
}

TEST(Signing, TwoKeyGenerationsDiffer)
{
    auto first = generate_signer_keys(k_password);
    auto second = generate_signer_keys(k_password);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    EXPECT_NE(first->public_key_b64, second->public_key_b64);
    EXPECT_NE(first->sealed_secret_b64, second->sealed_secret_b64);
    EXPECT_NE(first->salt_b64, second->salt_b64);
    EXPECT_NE(first->nonce_b64, second->nonce_b64);
}

TEST(Signing, SigningMessageIsLengthPrefixed)
{
    EXPECT_EQ(signing_message("ab", 42, "segel"), "15:sopir.letter.v1,2:ab,2:42,5:segel,");
}

TEST(Signing, MalformedContentHashOrPurposeIsRefused)
{
    auto const& secret = camat_secret();
    auto upper = sign_content(secret, camat_keys().public_key_b64, "camat", "ABCDEF", k_signed_at, k_purpose_tandatangan);
    ASSERT_FALSE(upper.ok());
    EXPECT_EQ(upper.error().kind, ErrorKind::Invalid);
    auto purpose = sign_content(secret, camat_keys().public_key_b64, "camat", content_hash(), k_signed_at, "paraf");
    ASSERT_FALSE(purpose.ok());
    EXPECT_EQ(purpose.error().kind, ErrorKind::Invalid);
}

TEST(Signing, SecretKeyMustMatchThePublicKey)
{
    auto other = generate_signer_keys("kunci-segel-kantor");
    ASSERT_TRUE(other.ok());
    auto signature = sign_content(camat_secret(), other->public_key_b64, "camat", content_hash(), k_signed_at, k_purpose_tandatangan);
    EXPECT_FALSE(signature.ok());
}

TEST(Signing, Base64RoundTripsAndRefusesGarbage)
{
    std::string bytes("\x00\x01\xfe\xff sopir", 10);
    EXPECT_EQ(from_base64(to_base64(bytes)).value(), bytes);
    EXPECT_EQ(to_base64("sopir"), "c29waXI=");
    EXPECT_FALSE(from_base64("c29waXI").ok());
    EXPECT_FALSE(from_base64("c29w*XI=").ok());
}

}

// A seal made since the PDFs are covered (message v2): changing a PDF hash,
// or dropping the hashes to pass it off as a content-only (v1) seal, fails.
TEST(Signing, ASealOverThePdfsFailsWhenAPdfHashChangesOrIsDropped)
{
    auto seal = derive_office_seal(std::string(k_seal_secret_bytes, 's'), "63.05.06");
    ASSERT_TRUE(seal.ok());
    std::string const content = sha256_hex("isi surat"), pdf = sha256_hex("pdf"), archive = sha256_hex("arsip");
    auto signature = sign_content(seal->secret_key, seal->public_key_b64, "kantor:63.05.06", content, 1'790'000'000, k_purpose_segel,
        { .pdf_sha256 = pdf, .archive_pdf_sha256 = archive });
    ASSERT_TRUE(signature.ok()) << signature.error().message;
    EXPECT_EQ(signature->pdf_sha256, pdf);
    EXPECT_TRUE(verify_signature(*signature, content, k_purpose_segel));

    Signature other_pdf = *signature;
    other_pdf.pdf_sha256 = sha256_hex("pdf palsu");
    EXPECT_FALSE(verify_signature(other_pdf, content, k_purpose_segel));
    Signature as_v1 = *signature;
    as_v1.pdf_sha256.clear();
    as_v1.archive_pdf_sha256.clear();
    EXPECT_FALSE(verify_signature(as_v1, content, k_purpose_segel));
}

// The audit keys come from the same secret as the seal, under labels of
// their own: each office's differs from its seal key and from the others'.
TEST(Signing, AuditKeysDeriveApartFromTheSeal)
{
    std::string const secret(k_seal_secret_bytes, 's');
    auto seal = derive_office_seal(secret, "63.05.06");
    auto audit = derive_audit_signing_key(secret, "63.05.06");
    auto other = derive_audit_signing_key(secret, "63.05.05");
    auto server = derive_audit_signing_key(secret, k_audit_server_scope);
    ASSERT_TRUE(seal.ok() && audit.ok() && other.ok() && server.ok());
    EXPECT_NE(seal->public_key_b64, audit->public_key_b64);
    EXPECT_NE(audit->public_key_b64, other->public_key_b64);
    EXPECT_NE(audit->public_key_b64, server->public_key_b64);
    EXPECT_EQ(derive_audit_signing_key(secret, "63.05.06")->public_key_b64, audit->public_key_b64);
    auto signed_message = sign_detached(audit->secret_key, "ujung");
    ASSERT_TRUE(signed_message.ok());
    EXPECT_TRUE(verify_detached(audit->public_key_b64, *signed_message, "ujung"));
    EXPECT_FALSE(verify_detached(other->public_key_b64, *signed_message, "ujung"));
    EXPECT_EQ(derive_audit_mac_key(secret)->size(), 32u);
}
