// The letters' storage (issue 5) on both databases: the letter a signing or
// sealing action writes in its own transaction, PDFs kept byte for byte,
// lookups by token and by PDF hash, revocation, the verification log, the
// signers' keys and the offices' seal keys.

#include "office_fixture.hpp"

#include "core/sha256.hpp"

#include <nlohmann/json.hpp>

#include <latch>
#include <thread>

using namespace sopir;
using namespace sopir::testing;

namespace {

// Bytes a PDF may hold and text columns would mangle: NUL, high bytes, CR.
std::string binary_pdf(char seed)
{
    std::string bytes = "%PDF-1.5\n";
    for (int i = 0; i < 4096; ++i)
        bytes += static_cast<char>((i * 31 + seed) & 0xff);
    bytes += std::string("\0\r\n\xff\xfe", 5);
    return bytes;
}

}

class Letters : public OfficeStoreTest {
protected:

    Case case_waiting_in(std::string const& state, int serial = 1)
    {
        auto created = m_store->create_case(m_definition, applicant(m_office.id, serial), m_staff.pelayanan, m_now);
        EXPECT_TRUE(created.ok()) << created.error().message;
        return drive(*m_store, m_definition, m_staff, *created, state, m_now);
    }

    // What LetterDesk does, without the cryptography: the signer's step
    // writes content and a token; the seal adds the number and the PDFs.
    store::LetterWork signing(std::string const& content, std::string const& token)
    {
        return { .kind = "surat_keterangan", .write = [=, this](Case const&, std::optional<store::LetterRecord> const& existing) -> Result<store::LetterRecord> {
                    store::LetterRecord letter;
                    letter.verification_token = existing ? existing->verification_token : token;
                    letter.content_json = content;
                    letter.content_sha256 = sha256_hex(content);
                    letter.signatures_json = "[{\"purpose\":\"tandatangan\"}]";
                    letter.signed_by = m_staff.camat;
                    letter.signed_at = m_now;
                    return letter;
                } };
    }

    store::LetterWork sealing()
    {
        return { .kind = "surat_keterangan", .write = [this](Case const& after, std::optional<store::LetterRecord> const& existing) -> Result<store::LetterRecord> {
                    if (!existing)
                        return Error::invalid_transition("belum ditandatangani");
                    store::LetterRecord letter = *existing;
                    letter.number = after.letter_number;
                    letter.content_json = existing->content_json + after.letter_number;
                    letter.content_sha256 = sha256_hex(letter.content_json);
                    letter.pdf = binary_pdf('a');
                    letter.pdf_sha256 = sha256_hex(letter.pdf);
                    letter.archive_pdf = binary_pdf('b');
                    letter.archive_pdf_sha256 = sha256_hex(letter.archive_pdf);
                    letter.sealed_at = m_now;
                    return letter;
                } };
    }

    Result<store::ActionOutcome> act(Case const& item, store::LetterWork const& work)
    {
        m_now += 60;
        return m_store->perform_action(m_definition, next_action(item.state, m_staff, item.id, m_now), std::nullopt, work);
    }

    // Runs `body(store, k)` on `threads` threads at once, each with its own
    // connection to the test database, as separate servers would; returns
    // what each call gave.
    template<typename Body>
    std::vector<Status> at_once(int threads, Body body)
    {
        std::vector<std::unique_ptr<store::Database>> databases;
        std::vector<std::unique_ptr<store::Store>> stores;
        for (int k = 0; k < threads; ++k) {
            auto database = store::Database::open(m_url, 1);
            EXPECT_TRUE(database.ok()) << database.error().message;
            if (!database.ok())
                return {};
            databases.push_back(std::move(*database));
            stores.push_back(store::make_soci_store(*databases.back()));
        }
        std::vector<Status> results(threads, Ok {});
        std::latch start(threads);
        std::vector<std::thread> workers;
        for (int k = 0; k < threads; ++k)
            workers.emplace_back([&, k] {
                start.arrive_and_wait();
                results[k] = body(*stores[k], k);
            });
        for (auto& worker : workers)
            worker.join();
        return results;
    }

    Timestamp m_now { to_days({ 2026, 11, 23 }) * 86400 + 1 * 3600 };
};
SOPIR_STORE_TEST_SUITE(Letters);

TEST_P(Letters, SigningAndSealingWriteTheLetterWithTheAction)
{
    Case item = case_waiting_in("penandatanganan");
    auto signed_case = act(item, signing("{\"isi\":1}", "tokenA"));
    ASSERT_TRUE(signed_case.ok()) << signed_case.error().message;
    auto letter = m_store->letter_of_case(item.id, "surat_keterangan");
    ASSERT_TRUE(letter.ok()) << letter.error().message;
    EXPECT_EQ(letter->number, "");
    EXPECT_EQ(letter->signed_by, m_staff.camat);
    EXPECT_FALSE(letter->sealed_at.has_value());
    // The action's log entry anchors the content's hash in the audit chain.
    EXPECT_EQ(nlohmann::json::parse(signed_case->record.data_json).value("sha256_surat", ""), sha256_hex("{\"isi\":1}"));

    auto sealed_case = act(signed_case->case_after, sealing());
    ASSERT_TRUE(sealed_case.ok()) << sealed_case.error().message;
    auto sealed = m_store->letter_of_case(item.id, "surat_keterangan");
    ASSERT_TRUE(sealed.ok());
    EXPECT_EQ(sealed->number, sealed_case->case_after.letter_number);
    EXPECT_EQ(sealed->verification_token, "tokenA");
    EXPECT_EQ(sealed->pdf, binary_pdf('a')) << "the PDF comes back byte for byte";
    EXPECT_EQ(sealed->archive_pdf, binary_pdf('b'));
    EXPECT_EQ(sealed->sealed_at, m_now);
    EXPECT_EQ(nlohmann::json::parse(sealed_case->record.data_json).value("sha256_surat", ""), sealed->content_sha256);

    auto by_token = m_store->letter_by_token("tokenA");
    ASSERT_TRUE(by_token.ok());
    EXPECT_EQ(by_token->id, sealed->id);
    EXPECT_EQ(m_store->letter_by_pdf_sha256(sha256_hex(binary_pdf('a')))->id, sealed->id);
    EXPECT_EQ(m_store->letter_by_pdf_sha256(sha256_hex(binary_pdf('b')))->id, sealed->id) << "the ARSIP copy is found too";
    std::string changed = binary_pdf('a');
    changed[100] ^= 1;
    EXPECT_EQ(m_store->letter_by_pdf_sha256(sha256_hex(changed)).error().kind, ErrorKind::NotFound);
    EXPECT_EQ(m_store->letter_by_token("tokenB").error().kind, ErrorKind::NotFound);

    auto report = m_store->verify_audit();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->breaks.empty());
}

TEST_P(Letters, ALetterWorkThatFailsRollsTheActionBackAndGivesTheNumberBack)
{
    Case item = case_waiting_in("pengarsipan");
    // No signed letter: sealing refuses, and nothing of the action remains.
    auto refused = act(item, sealing());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::InvalidTransition);
    auto unchanged = m_store->case_by_id(item.id);
    EXPECT_EQ(unchanged->state, "pengarsipan");
    EXPECT_EQ(unchanged->version, item.version);
    EXPECT_EQ(unchanged->letter_number, "");
    EXPECT_EQ(count("SELECT COUNT(*) FROM register_entries WHERE register = 'agenda'"), 0);

    // The next case to be archived gets number 1: no gap was left.
    Case other = case_waiting_in("penandatanganan", 2);
    auto signed_other = act(other, signing("{}", "tokenC"));
    ASSERT_TRUE(signed_other.ok());
    auto sealed_other = act(signed_other->case_after, sealing());
    ASSERT_TRUE(sealed_other.ok()) << sealed_other.error().message;
    EXPECT_EQ(sealed_other->case_after.letter_number, "400.12.2.1/0001/CLU/XI/2026");
}

TEST_P(Letters, RevocationOnlyOfSealedLettersAndOnce)
{
    Case item = case_waiting_in("penandatanganan");
    auto signed_case = act(item, signing("{}", "tokenA"));
    ASSERT_TRUE(signed_case.ok());
    EXPECT_EQ(m_store->revoke_letter(item.id, "surat_keterangan", "salah orang", m_now).error().kind, ErrorKind::Conflict);
    ASSERT_TRUE(act(signed_case->case_after, sealing()).ok());
    auto revoked = m_store->revoke_letter(item.id, "surat_keterangan", "Diterbitkan atas identitas yang keliru.", m_now + 5);
    ASSERT_TRUE(revoked.ok()) << revoked.error().message;
    auto stored = m_store->letter_by_token("tokenA");
    EXPECT_EQ(stored->revoked_at, m_now + 5);
    EXPECT_EQ(stored->revoked_reason, "Diterbitkan atas identitas yang keliru.");
    EXPECT_EQ(stored->pdf, binary_pdf('a')) << "the letter itself stays as it was";
    EXPECT_EQ(m_store->revoke_letter(item.id, "surat_keterangan", "lagi", m_now).error().kind, ErrorKind::Conflict);
    EXPECT_EQ(m_store->revoke_letter(item.id + 1000, "surat_keterangan", "x", m_now).error().kind, ErrorKind::NotFound);
}

TEST_P(Letters, VerificationsAreLogged)
{
    Case item = case_waiting_in("penandatanganan");
    ASSERT_TRUE(act(item, signing("{}", "tokenA")).ok());
    auto letter = m_store->letter_by_token("tokenA");
    ASSERT_TRUE(m_store->log_verification(letter->id, store::VerificationMethod::Token, store::VerificationOutcome::Valid, "10.0.0.7", m_now).ok());
    ASSERT_TRUE(m_store->log_verification(std::nullopt, store::VerificationMethod::Pdf, store::VerificationOutcome::Unknown, "10.0.0.8", m_now).ok());
    EXPECT_EQ(count("SELECT COUNT(*) FROM letter_verifications WHERE letter_id IS NOT NULL AND method = 'token' AND outcome = 'valid'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM letter_verifications WHERE letter_id IS NULL AND method = 'pdf' AND outcome = 'unknown'"), 1);
}

TEST_P(Letters, ANewSignerKeyRetiresTheOldOneButKeepsItOnRecord)
{
    EXPECT_EQ(m_store->active_signer_key(m_staff.camat).error().kind, ErrorKind::NotFound);
    auto first = m_store->replace_signer_key(m_staff.camat, { .public_key = "PK1", .sealed_secret = "S1", .salt = "s1", .nonce = "n1" }, m_now);
    ASSERT_TRUE(first.ok()) << first.error().message;
    auto second = m_store->replace_signer_key(m_staff.camat, { .public_key = "PK2", .sealed_secret = "S2", .salt = "s2", .nonce = "n2" }, m_now + 1);
    ASSERT_TRUE(second.ok()) << second.error().message;
    auto active = m_store->active_signer_key(m_staff.camat);
    ASSERT_TRUE(active.ok());
    EXPECT_EQ(active->public_key, "PK2");
    auto old = m_store->signer_key_by_public_key("PK1");
    ASSERT_TRUE(old.ok());
    EXPECT_EQ(old->user_id, m_staff.camat);
    EXPECT_EQ(old->retired_at, m_now + 1);

    store::SignerKeyRecord resealed = *active;
    resealed.sealed_secret = "S2-baru";
    resealed.salt = "s2-baru";
    ASSERT_TRUE(m_store->reseal_signer_key(resealed).ok());
    EXPECT_EQ(m_store->active_signer_key(m_staff.camat)->sealed_secret, "S2-baru");
    EXPECT_EQ(m_store->signer_key_by_public_key("PK3").error().kind, ErrorKind::NotFound);
}

TEST_P(Letters, AnOfficeKeepsOneSealKeyAndRefusesAnother)
{
    ASSERT_TRUE(m_store->ensure_office_seal(m_office.id, "SEAL1", m_now).ok());
    ASSERT_TRUE(m_store->ensure_office_seal(m_office.id, "SEAL1", m_now + 1).ok());
    auto other = m_store->ensure_office_seal(m_office.id, "SEAL2", m_now + 2);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().kind, ErrorKind::Conflict);
    EXPECT_TRUE(*m_store->is_office_seal(m_office.id, "SEAL1"));
    EXPECT_FALSE(*m_store->is_office_seal(m_office.id, "SEAL2"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM office_seals"), 1);
}

// Two servers sealing an office's first letter at the same moment both
// record the same key: neither may fail on the other's row (PostgreSQL's
// READ COMMITTED lets both see no seal yet).
TEST_P(Letters, ServersSealingAnOfficesFirstLetterAtOnceAllSucceed)
{
    int const threads = 8;
    for (int round = 1; round <= 4; ++round) {
        auto fresh = candi_laras_utara_office();
        fresh.code = "63.05.0" + std::to_string(round);
        auto office = m_store->add_office(fresh, m_now);
        ASSERT_TRUE(office.ok()) << office.error().message;
        std::string const key = "SEAL-" + fresh.code;
        auto results = at_once(threads, [&](store::Store& store, int) { return store.ensure_office_seal(office->id, key, m_now); });
        ASSERT_EQ(results.size(), std::size_t(threads));
        for (auto const& result : results)
            EXPECT_TRUE(result.ok()) << "ronde " << round << ": " << result.error().message;
        EXPECT_EQ(count("SELECT COUNT(*) FROM office_seals WHERE retired_at IS NULL AND office_id = " + std::to_string(office->id)), 1);
        auto other = m_store->ensure_office_seal(office->id, "SEAL-LAIN", m_now + 1);
        ASSERT_FALSE(other.ok());
        EXPECT_EQ(other.error().kind, ErrorKind::Conflict);
        EXPECT_TRUE(*m_store->is_office_seal(office->id, key));
    }
}

// A signer's first signature on two servers at once: each makes a key; both
// are kept on record and the last one written is the one in use.
TEST_P(Letters, FirstSignaturesAtOnceEachKeepTheirKeyOnRecord)
{
    int const threads = 8;
    auto results = at_once(threads, [&](store::Store& store, int k) -> Status {
        auto key = std::to_string(k);
        auto saved = store.replace_signer_key(m_staff.camat, { .public_key = "PK" + key, .sealed_secret = "S" + key, .salt = "s", .nonce = "n" }, m_now);
        if (!saved.ok())
            return saved.error();
        return Ok {};
    });
    ASSERT_EQ(results.size(), std::size_t(threads));
    for (auto const& result : results)
        EXPECT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(count("SELECT COUNT(*) FROM signer_keys WHERE retired_at IS NULL AND user_id = " + std::to_string(m_staff.camat)), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM signer_keys WHERE user_id = " + std::to_string(m_staff.camat)), threads);
    EXPECT_TRUE(m_store->active_signer_key(m_staff.camat).ok());
}

TEST_P(Letters, TheOfficeLogoIsKeptOncePerContent)
{
    std::string const png = std::string("\x89PNG\r\n\x1a\n", 8) + binary_pdf('l');
    ASSERT_TRUE(m_store->set_office_logo(m_office.id, png, m_now).ok());
    auto office = m_store->office_by_id(m_office.id);
    ASSERT_TRUE(office.ok());
    EXPECT_EQ(office->logo_sha256, sha256_hex(png));
    auto bytes = m_store->logo(office->logo_sha256);
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(*bytes, png) << "the PNG comes back byte for byte";
    // The same logo again, and a second office using it, store it once.
    ASSERT_TRUE(m_store->set_office_logo(m_office.id, png, m_now + 1).ok());
    EXPECT_EQ(count("SELECT COUNT(*) FROM logos"), 1);
    EXPECT_EQ(m_store->logo(sha256_hex("lain")).error().kind, ErrorKind::NotFound);
    EXPECT_EQ(m_store->set_office_logo(m_office.id + 99, png, m_now).error().kind, ErrorKind::NotFound);
}
