// What the web service asks of the store: submission in one transaction,
// worklists, look-ups, sessions, API tokens and sign-in throttling.
#include "driver.hpp"
#include "fixture.hpp"

using namespace sopir;
using namespace sopir::testing;

class WebSupport : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_definition = load_perekaman_ektp();
        m_office = *m_store->add_office(candi_laras_utara_office(), m_now);
        m_staff = seed_staff(*m_store, m_office);
    }

    store::ActionRequest submit() { return next_action("pengajuan", m_staff, 0, m_now); }

    SopDefinition m_definition;
    Office m_office;
    Staff m_staff;
    Timestamp m_now { 1'795'000'000 };
};
SOPIR_STORE_TEST_SUITE(WebSupport);

TEST_P(WebSupport, SubmissionHappensWithTheCreationOrNotAtAll)
{
    auto created = m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, m_now, submit());
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->state, "verifikasi");
    auto actions = m_store->case_actions(created->id);
    ASSERT_EQ(actions->size(), 2u);
    EXPECT_EQ((*actions)[1].action, "ajukan");

    auto refused_submit = submit();
    refused_submit.actor = { "x", { "camat" } };
    auto refused = m_store->create_case(m_definition, applicant(m_office.id, 2), m_staff.camat, m_now, refused_submit);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Forbidden);
    EXPECT_EQ(m_store->cases_by_nik(applicant(m_office.id, 2).nik)->size(), 0u);
    EXPECT_TRUE(m_store->verify_audit()->breaks.empty());
}

TEST_P(WebSupport, WorklistsAreOldestFirstAndLookupsFindTheCase)
{
    std::vector<Id> ids;
    for (int i = 0; i < 3; ++i) {
        auto created = m_store->create_case(m_definition, applicant(m_office.id, 10 + i), m_staff.pelayanan, m_now + i * 100, submit());
        ASSERT_TRUE(created.ok());
        ids.push_back(created->id);
    }
    // The first case moves on: it is now the newest in perekaman.
    Timestamp later = m_now + 1000;
    auto moved = drive(*m_store, m_definition, m_staff, *m_store->case_by_id(ids[0]), "perekaman", later);
    auto waiting = m_store->cases_in_states(m_office.id, { "verifikasi" }, 50);
    ASSERT_TRUE(waiting.ok()) << waiting.error().message;
    ASSERT_EQ(waiting->size(), 2u);
    EXPECT_EQ((*waiting)[0].id, ids[1]);
    EXPECT_EQ((*waiting)[1].id, ids[2]);
    EXPECT_EQ(m_store->cases_in_states(m_office.id, { "verifikasi", "perekaman" }, 2)->size(), 2u);
    EXPECT_EQ(m_store->cases_in_states(m_office.id, {}, 10)->size(), 0u);

    auto found = m_store->cases_by_registration_number(moved.registration_number);
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ((*found)[0].id, ids[0]);
    EXPECT_EQ(m_store->cases_by_nik(moved.nik)->size(), 1u);

    auto counts = m_store->count_cases_by_state();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(*counts, (std::vector<std::pair<std::string, std::int64_t>> { { "perekaman", 1 }, { "verifikasi", 2 } }));
}

// A case page names everyone in its history with one query.
TEST_P(WebSupport, FullNamesOfManyUsersAtOnce)
{
    auto names = m_store->user_full_names({ m_staff.kasi, m_staff.camat, 999999 });
    ASSERT_TRUE(names.ok()) << names.error().message;
    std::map<Id, std::string> const expected { { m_staff.kasi, "kasi" }, { m_staff.camat, "camat" } };
    EXPECT_EQ(*names, expected) << "an unknown id is absent";
    EXPECT_TRUE(m_store->user_full_names({})->empty());
}

TEST_P(WebSupport, ResubmissionReplacesTheApplicantData)
{
    auto created = *m_store->create_case(m_definition, applicant(m_office.id, 1), m_staff.pelayanan, m_now, submit());
    store::ActionRequest give_back { .case_id = created.id, .action_id = "kembalikan", .actor_user_id = m_staff.pelayanan,
        .actor = { std::to_string(m_staff.pelayanan), { "petugas_pelayanan" } }, .data = { .reasons = { "data_tidak_sesuai" } }, .now = m_now + 60 };
    ASSERT_TRUE(m_store->perform_action(m_definition, give_back).ok());
    store::ActionRequest again = give_back;
    again.action_id = "ajukan_ulang";
    again.data = {};
    store::CaseDataUpdate corrected { .applicant_name = "NAMA BENAR", .nik = created.nik, .birth_date = Date { 1999, 1, 1 },
        .village_code = "63.05.06.2001", .applicant_json = "{\"nama\":\"NAMA BENAR\"}", .documents_json = "{}" };
    auto resubmitted = m_store->perform_action(m_definition, again, corrected);
    ASSERT_TRUE(resubmitted.ok()) << resubmitted.error().message;
    EXPECT_EQ(resubmitted->case_after.state, "verifikasi");
    auto stored = m_store->case_by_id(created.id);
    EXPECT_EQ(stored->applicant_name, "NAMA BENAR");
    EXPECT_EQ(stored->village_code, "63.05.06.2001");
}

TEST_P(WebSupport, SessionsAndApiTokens)
{
    store::SessionRecord session { .token_hash = "h1", .user_id = m_staff.kasi, .csrf_token = "c1", .created_at = m_now,
        .last_seen_at = m_now, .expires_at = m_now + 3600, .address = "127.0.0.1" };
    ASSERT_TRUE(m_store->create_session(session).ok());
    auto found = m_store->session_by_hash("h1");
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->user_id, m_staff.kasi);
    EXPECT_EQ(found->csrf_token, "c1");
    ASSERT_TRUE(m_store->touch_session("h1", m_now + 10, m_now + 7200).ok());
    EXPECT_EQ(m_store->session_by_hash("h1")->expires_at, m_now + 7200);
    ASSERT_TRUE(m_store->delete_session("h1").ok());
    EXPECT_EQ(m_store->session_by_hash("h1").error().kind, ErrorKind::NotFound);

    auto token = m_store->create_api_token({ .user_id = m_staff.camat, .name = "api", .token_hash = "t1", .created_at = m_now });
    ASSERT_TRUE(token.ok()) << token.error().message;
    auto by_hash = m_store->api_token_by_hash("t1");
    ASSERT_TRUE(by_hash.ok());
    EXPECT_EQ(by_hash->user_id, m_staff.camat);
    EXPECT_FALSE(by_hash->expires_at.has_value());
}

TEST_P(WebSupport, FailedSignInsCountPerPersonAndAddressAndPerAddress)
{
    store::LoginAttempt const kasi_here { .username = "kasi", .address = "10.0.0.1" };
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(m_store->record_login_attempt(kasi_here, store::AttemptOutcome::Failed, m_now + i).ok());
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::UserAtAddress, kasi_here, m_now - 10), 3);
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::Address, kasi_here, m_now + 1), 2);
    // The same person from another address starts from nothing.
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::UserAtAddress, { .username = "kasi", .address = "10.0.0.2" }, m_now - 10), 0);
    EXPECT_FALSE(*m_store->signed_in_from("kasi", "10.0.0.1", m_now - 10));

    // Another account's success resets nothing; the person's own success
    // from that address resets their count there, never the address's.
    ASSERT_TRUE(m_store->record_login_attempt({ .username = "camat", .address = "10.0.0.1" }, store::AttemptOutcome::Succeeded, m_now + 5).ok());
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::UserAtAddress, kasi_here, m_now - 10), 3);
    ASSERT_TRUE(m_store->record_login_attempt(kasi_here, store::AttemptOutcome::Succeeded, m_now + 6).ok());
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::UserAtAddress, kasi_here, m_now - 10), 0);
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::Address, kasi_here, m_now - 10), 3);
    EXPECT_TRUE(*m_store->signed_in_from("kasi", "10.0.0.1", m_now - 10));
    EXPECT_FALSE(*m_store->signed_in_from("kasi", "10.0.0.1", m_now + 7));

    // A password typed again through a session counts for that session
    // alone, and is no sign-in failure.
    store::LoginAttempt const through_session { .username = "camat", .address = "10.0.0.1", .credential = "sesi-1" };
    ASSERT_TRUE(m_store->record_login_attempt(through_session, store::AttemptOutcome::Failed, m_now + 8).ok());
    ASSERT_TRUE(m_store->record_login_attempt(through_session, store::AttemptOutcome::Failed, m_now + 9).ok());
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::Credential, through_session, m_now - 10), 2);
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::Credential, { .credential = "sesi-2" }, m_now - 10), 0);
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::UserAtAddress, { .username = "camat", .address = "10.0.0.1" }, m_now - 10), 0);
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::Address, kasi_here, m_now - 10), 3);
    ASSERT_TRUE(m_store->record_login_attempt(through_session, store::AttemptOutcome::Succeeded, m_now + 10).ok());
    EXPECT_EQ(*m_store->failed_logins_since(store::AttemptKey::Credential, through_session, m_now - 10), 0);

    ASSERT_TRUE(m_store->set_password_hash(m_staff.kasi, "baru").ok());
    EXPECT_EQ(m_store->user_by_id(m_staff.kasi)->password_hash, "baru");
}

TEST_P(WebSupport, SignOutEndsOneSessionOrTokenAndIsRecorded)
{
    store::SessionRecord session { .token_hash = "s1", .user_id = m_staff.kasi, .csrf_token = "c1", .created_at = m_now,
        .last_seen_at = m_now, .expires_at = m_now + 3600, .address = "10.0.0.1" };
    ASSERT_TRUE(m_store->create_session(session).ok());
    ASSERT_TRUE(m_store->create_api_token({ .user_id = m_staff.kasi, .name = "api", .token_hash = "t1", .created_at = m_now }).ok());

    // Not the user's own: nothing ends.
    EXPECT_EQ(m_store->sign_out(m_staff.camat, store::CredentialKind::Session, "s1", "10.0.0.1", m_now).error().kind, ErrorKind::NotFound);
    ASSERT_TRUE(m_store->session_by_hash("s1").ok());

    auto ended = m_store->sign_out(m_staff.kasi, store::CredentialKind::ApiToken, "t1", "10.0.0.1", m_now + 1);
    ASSERT_TRUE(ended.ok()) << ended.error().message;
    EXPECT_EQ(ended->tokens, 1);
    EXPECT_EQ(m_store->api_token_by_hash("t1")->revoked_at, m_now + 1);
    EXPECT_EQ(m_store->sign_out(m_staff.kasi, store::CredentialKind::ApiToken, "t1", "10.0.0.1", m_now + 2).error().kind, ErrorKind::NotFound);
    ASSERT_TRUE(m_store->sign_out(m_staff.kasi, store::CredentialKind::Session, "s1", "10.0.0.1", m_now + 3).ok());
    EXPECT_EQ(m_store->session_by_hash("s1").error().kind, ErrorKind::NotFound);

    auto recorded = m_store->revocations(m_staff.kasi);
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
    ASSERT_EQ(recorded->size(), 2u);
    EXPECT_EQ((*recorded)[0].reason, store::RevocationReason::SignOut);
    EXPECT_EQ((*recorded)[0].tokens, 1);
    EXPECT_EQ((*recorded)[1].sessions, 1);
    EXPECT_EQ((*recorded)[1].address, "10.0.0.1");
    EXPECT_EQ((*recorded)[1].at, m_now + 3);
}

TEST_P(WebSupport, PasswordChangeEndsEveryOtherSignInOfThePersonOnly)
{
    for (std::string hash : { "s1", "s2" })
        ASSERT_TRUE(m_store->create_session({ .token_hash = hash, .user_id = m_staff.kasi, .csrf_token = "c", .created_at = m_now,
            .last_seen_at = m_now, .expires_at = m_now + 3600 }).ok());
    ASSERT_TRUE(m_store->create_session({ .token_hash = "camat-s", .user_id = m_staff.camat, .csrf_token = "c", .created_at = m_now,
        .last_seen_at = m_now, .expires_at = m_now + 3600 }).ok());
    for (std::string hash : { "t1", "t2" })
        ASSERT_TRUE(m_store->create_api_token({ .user_id = m_staff.kasi, .name = "api", .token_hash = hash, .created_at = m_now }).ok());
    ASSERT_TRUE(m_store->create_api_token({ .user_id = m_staff.camat, .name = "api", .token_hash = "camat-t", .created_at = m_now }).ok());

    auto changed = m_store->set_password_ending_other_sign_ins(m_staff.kasi, "hash-baru", { .session_hash = "s1" }, "10.0.0.9", m_now + 5);
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    EXPECT_EQ(changed->sessions, 1);
    EXPECT_EQ(changed->tokens, 2);
    EXPECT_EQ(m_store->user_by_id(m_staff.kasi)->password_hash, "hash-baru");
    EXPECT_TRUE(m_store->session_by_hash("s1").ok());
    EXPECT_FALSE(m_store->session_by_hash("s2").ok());
    EXPECT_TRUE(m_store->api_token_by_hash("t1")->revoked_at.has_value());
    EXPECT_TRUE(m_store->api_token_by_hash("t2")->revoked_at.has_value());
    EXPECT_TRUE(m_store->session_by_hash("camat-s").ok());
    EXPECT_FALSE(m_store->api_token_by_hash("camat-t")->revoked_at.has_value());

    // Through a token, the token is kept.
    ASSERT_TRUE(m_store->create_api_token({ .user_id = m_staff.kasi, .name = "api", .token_hash = "t3", .created_at = m_now }).ok());
    ASSERT_TRUE(m_store->set_password_ending_other_sign_ins(m_staff.kasi, "hash-lain", { .token_hash = "t3" }, "", m_now + 6).ok());
    EXPECT_FALSE(m_store->api_token_by_hash("t3")->revoked_at.has_value());
    EXPECT_FALSE(m_store->session_by_hash("s1").ok());

    auto recorded = m_store->revocations(m_staff.kasi);
    ASSERT_EQ(recorded->size(), 2u);
    EXPECT_EQ((*recorded)[0].reason, store::RevocationReason::PasswordChange);
    EXPECT_EQ((*recorded)[0].address, "10.0.0.9");
    EXPECT_EQ((*recorded)[1].sessions, 1);
    EXPECT_TRUE(m_store->revocations(m_staff.camat)->empty());
}
