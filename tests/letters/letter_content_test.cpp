// A letter's stored content (issue 5): canonical JSON that gives the same
// hash for the same letter, the signer's signature over the content without
// its number, the office seal over the numbered content, and both failing
// after a change of one byte.

#include "core/sha256.hpp"
#include "letters/letter_content.hpp"
#include "letters/signing.hpp"

#include <gtest/gtest.h>

#include <sodium.h>

#include <set>

namespace {

using namespace sopir;

constexpr std::string_view k_password = "rahasia-camat-2026";
constexpr Timestamp k_signed_at = 1795400700;

LetterContent sample()
{
    return {
        .office = { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Jenderal Ahmad Yani No. 12", .postal_code = "71171", .place_name = "Margasari" },
        .number = "",
        .letter_date = { 2026, 11, 23 },
        .disdukcapil_whatsapp = "0812-5000-1234",
        .signer = { .title = "Plt. CAMAT CANDI LARAS UTARA", .name = "H. AHMAD RIFANI, S.Sos., M.AP", .pangkat_golongan = "Pembina Tingkat I (IV/b)", .nip = "19690312 199211 1 001" },
        .paraf = "SN",
        .verification_url = "https://sopir.example/verifikasi/Q7x2mK9pLwAbCdEfGhIjKl",
        .paper_size = PaperSize::F4,
        .legacy = LegacyLetterContent { .applicant = { .name = "SITI \"ANI\" & RAHMAH", .nik = "6305065205000003", .birth_place = "Tapin", .birth_date = { 2000, 5, 12 }, .sex = "Perempuan", .religion = "Islam", .marital_status = "Belum Kawin", .occupation = "Pelajar/Mahasiswa", .address = "Jalan Pendidikan Gang Mawar", .rt = "003", .rw = "001", .village = "Margasari Ilir", .kecamatan = "Candi Laras Utara" }, .recording_date = { 2026, 11, 20 }, .purpose = "Untuk pengambilan KTP-el di Disdukcapil Kabupaten Tapin." },
    };
}

TEST(LetterContent, JsonRoundTripsEveryField)
{
    LetterContent const letter = sample();
    std::string const json = letter_content_json(letter);
    auto back = letter_content_from_json(json);
    ASSERT_TRUE(back.ok()) << back.error().message;
    // Canonical: the parsed letter writes the same bytes again.
    EXPECT_EQ(letter_content_json(*back), json);
    EXPECT_EQ(back->legacy->applicant.name, letter.legacy->applicant.name);
    EXPECT_EQ(back->legacy->applicant.birth_date, letter.legacy->applicant.birth_date);
    EXPECT_EQ(back->signer.title, letter.signer.title);
    EXPECT_EQ(back->paper_size, PaperSize::F4);
    EXPECT_EQ(back->verification_url, letter.verification_url);
}

// Content version 2: the service, the template and the resolved blocks.
LetterContent sample_v2()
{
    LetterContent letter = sample();
    letter.legacy.reset();
    letter.service_id = "surat-contoh";
    letter.template_id = "surat_contoh";
    letter.template_version = 3;
    letter.title = "SURAT KETERANGAN";
    letter.subtitle = "CONTOH";
    letter.person_name = "SITI \"ANI\" & RAHMAH";
    letter.person_nik = "6305065205000003";
    letter.body = {
        { .kind = LetterBlock::Kind::Paragraph, .text = "Nomor {letter.number}, **tebal** \\* bintang" },
        { .kind = LetterBlock::Kind::Table, .table = { { "Nama", "**SITI**" }, { "NIK", "6305065205000003" } } },
        { .kind = LetterBlock::Kind::Rows, .headings = { "Nama", "NIK" }, .rows = { { "BUDI", "1" }, { "ANI", "2" } } },
        { .kind = LetterBlock::Kind::List, .items = { "satu", "dua" } },
        { .kind = LetterBlock::Kind::Paragraph, .text = "WhatsApp **0812**", .qr = "https://wa.me/62812" },
    };
    return letter;
}

TEST(LetterContent, VersionTwoRoundTripsEveryBlock)
{
    LetterContent const letter = sample_v2();
    std::string const json = letter_content_json(letter);
    EXPECT_NE(json.find("\"version\":2"), std::string::npos) << json;
    EXPECT_NE(json.find("\"service\":\"surat-contoh\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"template\":{\"id\":\"surat_contoh\",\"version\":3}"), std::string::npos) << json;
    auto back = letter_content_from_json(json);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(letter_content_json(*back), json);
    EXPECT_FALSE(back->legacy.has_value());
    EXPECT_EQ(back->body, letter.body);
    EXPECT_EQ(back->person_nik, letter.person_nik);
    EXPECT_EQ(back->template_version, 3);
}

TEST(LetterContent, VersionTwoHashCoversServiceTemplateAndBody)
{
    LetterContent const base = sample_v2();
    std::vector<LetterContent> changed(6, base);
    changed[0].service_id = "lain";
    changed[1].template_version = 4;
    changed[2].body[0].text += ".";
    changed[3].body[2].rows[1][0] = "ANA";
    changed[4].body[4].qr += "1";
    changed[5].person_nik[15] = '4';
    std::set<std::string> hashes { letter_content_sha256(base) };
    for (auto const& letter : changed)
        hashes.insert(letter_content_sha256(letter));
    EXPECT_EQ(hashes.size(), changed.size() + 1);
}

TEST(LetterContent, AnUnknownVersionOrBlockIsRefused)
{
    std::string json = letter_content_json(sample_v2());
    auto at = json.find("\"version\":2");
    ASSERT_NE(at, std::string::npos);
    std::string three = json;
    three.replace(at, 11, "\"version\":3");
    EXPECT_FALSE(letter_content_from_json(three).ok());
    std::string odd = json;
    odd.replace(odd.find("\"kind\":\"list\""), 13, "\"kind\":\"peta\"");
    EXPECT_FALSE(letter_content_from_json(odd).ok());
}

TEST(LetterContent, EveryFieldChangesTheHash)
{
    LetterContent const base = sample();
    std::vector<LetterContent> changed(12, base);
    changed[0].legacy->applicant.name += "X";
    changed[1].legacy->applicant.nik[15] = '4';
    changed[2].legacy->applicant.birth_date.day = 13;
    changed[3].legacy->recording_date.day = 21;
    changed[4].letter_date.day = 24;
    changed[5].signer.title = "CAMAT CANDI LARAS UTARA";
    changed[6].signer.nip = "19690312 199211 1 002";
    changed[7].paraf = "SR";
    changed[8].verification_url += "x";
    changed[9].office.address += ".";
    changed[10].paper_size = PaperSize::A4;
    changed[11].number = "400.12.2.1/0001/CLU/XI/2026";
    std::set<std::string> hashes { letter_content_sha256(base) };
    for (auto const& letter : changed)
        hashes.insert(letter_content_sha256(letter));
    EXPECT_EQ(hashes.size(), changed.size() + 1);
}

TEST(LetterContent, TheSignerSignsTheContentWithoutItsNumber)
{
    LetterContent letter = sample();
    std::string const before_numbering = unnumbered_content_sha256(letter);
    letter.number = "400.12.2.1/0042/CLU/XI/2026";
    EXPECT_EQ(unnumbered_content_sha256(letter), before_numbering);
    EXPECT_NE(letter_content_sha256(letter), before_numbering);
}

TEST(LetterContent, NotALetter)
{
    EXPECT_FALSE(letter_content_from_json("[]").ok());
    EXPECT_FALSE(letter_content_from_json("{\"version\":1}").ok());
    EXPECT_FALSE(letter_content_from_json("{\"version\":2}").ok());
    EXPECT_FALSE(letter_content_from_json("bukan json").ok());
}

TEST(LetterContent, ParafIsTheInitialsOfTheNameWithoutDegrees)
{
    EXPECT_EQ(paraf_initials("SITI NURHALIZA, S.Sos., M.AP"), "SN");
    EXPECT_EQ(paraf_initials("Hj. SITI RAHMAH, S.Sos"), "SR");
    EXPECT_EQ(paraf_initials("Drs. H. MUHAMMAD RIDHA"), "MR");
    EXPECT_EQ(paraf_initials("budi"), "B");
    EXPECT_EQ(paraf_initials(""), "");
}

// The whole chain: the Camat signs the unnumbered content, the office seals
// the numbered one; both verify, and neither survives a one-byte change of
// the content, of the stored signatures, or of the time.
TEST(LetterContent, SignatureAndSealFailAfterAOneByteChange)
{
    auto keys = generate_signer_keys(k_password);
    ASSERT_TRUE(keys.ok());
    auto secret = unlock_secret_key(*keys, k_password);
    ASSERT_TRUE(secret.ok());
    std::string const server_secret(k_seal_secret_bytes, '\x5a');
    auto seal = derive_office_seal(server_secret, "63.05.06");
    ASSERT_TRUE(seal.ok());

    LetterContent letter = sample();
    auto signature = sign_content(*secret, keys->public_key_b64, "camat", unnumbered_content_sha256(letter), k_signed_at, k_purpose_tandatangan);
    ASSERT_TRUE(signature.ok());
    letter.number = "400.12.2.1/0042/CLU/XI/2026";
    auto sealed = sign_content(seal->secret_key, seal->public_key_b64, "kantor:63.05.06", letter_content_sha256(letter), k_signed_at + 60, k_purpose_segel);
    ASSERT_TRUE(sealed.ok());

    std::string const stored = signatures_json({ { std::string(k_purpose_tandatangan), *signature }, { std::string(k_purpose_segel), *sealed } });
    auto read_back = signatures_from_json(stored);
    ASSERT_TRUE(read_back.ok());
    ASSERT_EQ(read_back->size(), 2u);
    std::string const json = letter_content_json(letter);
    auto content = letter_content_from_json(json);
    ASSERT_TRUE(content.ok());
    EXPECT_TRUE(verify_signature((*read_back)[0].signature, unnumbered_content_sha256(*content), k_purpose_tandatangan));
    EXPECT_TRUE(verify_signature((*read_back)[1].signature, letter_content_sha256(*content), k_purpose_segel));
    // The seal is not a signature and back.
    EXPECT_FALSE(verify_signature((*read_back)[1].signature, letter_content_sha256(*content), k_purpose_tandatangan));

    // One byte of the stored content changed, anywhere in the applicant's
    // data: a different hash, and neither signature holds.
    std::string tampered = json;
    auto at = tampered.find("6305065205000003");
    ASSERT_NE(at, std::string::npos);
    tampered[at + 15] = '4';
    auto altered = letter_content_from_json(tampered);
    ASSERT_TRUE(altered.ok());
    EXPECT_FALSE(verify_signature((*read_back)[0].signature, unnumbered_content_sha256(*altered), k_purpose_tandatangan));
    EXPECT_FALSE(verify_signature((*read_back)[1].signature, letter_content_sha256(*altered), k_purpose_segel));

    // One byte of a stored signature changed.
    Signature broken = (*read_back)[0].signature;
    auto raw = from_base64(broken.signature_b64);
    ASSERT_TRUE(raw.ok());
    (*raw)[10] ^= 0x01;
    broken.signature_b64 = to_base64(*raw);
    EXPECT_FALSE(verify_signature(broken, unnumbered_content_sha256(*content), k_purpose_tandatangan));

    // The signing time is signed too.
    Signature moved = (*read_back)[1].signature;
    moved.signed_at += 1;
    EXPECT_FALSE(verify_signature(moved, letter_content_sha256(*content), k_purpose_segel));
    sodium_memzero(secret->data(), secret->size());
}

TEST(OfficeSeal, DerivedPerOfficeAndStableForTheSameSecret)
{
    std::string const secret_a(k_seal_secret_bytes, '\x01');
    std::string const secret_b(k_seal_secret_bytes, '\x02');
    auto first = derive_office_seal(secret_a, "63.05.06");
    auto again = derive_office_seal(secret_a, "63.05.06");
    auto other_office = derive_office_seal(secret_a, "63.05.07");
    auto other_secret = derive_office_seal(secret_b, "63.05.06");
    ASSERT_TRUE(first.ok() && again.ok() && other_office.ok() && other_secret.ok());
    EXPECT_EQ(first->public_key_b64, again->public_key_b64);
    EXPECT_EQ(first->secret_key, again->secret_key);
    EXPECT_NE(first->public_key_b64, other_office->public_key_b64);
    EXPECT_NE(first->public_key_b64, other_secret->public_key_b64);
    EXPECT_FALSE(derive_office_seal("terlalu pendek", "63.05.06").ok());
}

TEST(SignerKeys, ResealedUnderTheNewPasswordOnly)
{
    auto keys = generate_signer_keys("sandi-lama-2026");
    ASSERT_TRUE(keys.ok());
    EXPECT_EQ(reseal_signer_keys(*keys, "bukan-sandinya", "sandi-baru-2026").error().kind, ErrorKind::Forbidden);
    auto resealed = reseal_signer_keys(*keys, "sandi-lama-2026", "sandi-baru-2026");
    ASSERT_TRUE(resealed.ok());
    EXPECT_EQ(resealed->public_key_b64, keys->public_key_b64);
    EXPECT_NE(resealed->salt_b64, keys->salt_b64);
    EXPECT_FALSE(unlock_secret_key(*resealed, "sandi-lama-2026").ok());
    auto opened = unlock_secret_key(*resealed, "sandi-baru-2026");
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(to_base64(opened->substr(32)), keys->public_key_b64);
}

TEST(VerificationToken, UnguessableAndUrlSafe)
{
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        std::string const token = new_verification_token();
        EXPECT_EQ(token.size(), 22u);
        EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos) << token;
        seen.insert(token);
    }
    EXPECT_EQ(seen.size(), 200u);
}

}
