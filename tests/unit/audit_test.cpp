#include "core/audit.hpp"
#include "core/sha256.hpp"

#include <gtest/gtest.h>

using namespace sopir;

static std::vector<ChainRow> make_chain(int length)
{
    std::vector<ChainRow> rows;
    std::string previous(k_genesis_hash);
    for (int i = 1; i <= length; ++i) {
        AuditedAction action { .case_id = 7, .office_id = 1, .case_seq = i, .office_seq = i,
            .from_state = "verifikasi", .action = "terima", .to_state = "perekaman", .actor_id = 3,
            .at = 1'790'000'000 + i * 60, .note = "", .reasons_json = "[]", .data_json = "{}" };
        std::string hash = chain_hash(previous, action);
        rows.push_back({ action, i, hash });
        previous = hash;
    }
    return rows;
}

TEST(Audit, HashIsSha256OfPreviousAndEncoding)
{
    AuditedAction action { .case_id = 1, .office_id = 2, .case_seq = 1, .office_seq = 5, .from_state = "a",
        .action = "b", .to_state = "c", .actor_id = 9, .at = 10, .note = "n", .reasons_json = "[]", .data_json = "{}" };
    EXPECT_EQ(chain_hash(k_genesis_hash, action), sha256_hex(std::string(k_genesis_hash) + canonical_encoding(action)));
}

TEST(Audit, EncodingSeparatesFields)
{
    AuditedAction a { .note = "ab", .reasons_json = "c" };
    AuditedAction b { .note = "a", .reasons_json = "bc" };
    EXPECT_NE(canonical_encoding(a), canonical_encoding(b));
}

TEST(Audit, IntactChainVerifies)
{
    EXPECT_TRUE(verify_chain(make_chain(20)).empty());
    EXPECT_TRUE(verify_chain({}).empty());
}

TEST(Audit, EditedRowIsNamed)
{
    struct Case { char const* what; void (*edit)(AuditedAction&); };
    Case const cases[] = {
        { .what = "note", .edit = [](AuditedAction& a) { a.note = "diubah"; } },
        { .what = "actor", .edit = [](AuditedAction& a) { a.actor_id = 4; } },
        { .what = "time", .edit = [](AuditedAction& a) { a.at += 1; } },
        { .what = "to_state", .edit = [](AuditedAction& a) { a.to_state = "selesai"; } },
        { .what = "data", .edit = [](AuditedAction& a) { a.data_json = "{\"x\":1}"; } },
    };
    for (auto const& c : cases) {
        auto rows = make_chain(10);
        c.edit(rows[6].action);
        auto breaks = verify_chain(rows, 10);
        ASSERT_EQ(breaks.size(), 1u) << c.what;
        EXPECT_EQ(breaks[0].index, 6u) << c.what;
    }
}

TEST(Audit, RemovedOrReorderedRowsBreakTheChain)
{
    auto removed = make_chain(10);
    removed.erase(removed.begin() + 3);
    auto breaks = verify_chain(removed);
    ASSERT_EQ(breaks.size(), 1u);
    EXPECT_EQ(breaks[0].index, 3u);

    auto swapped = make_chain(10);
    std::swap(swapped[4], swapped[5]);
    breaks = verify_chain(swapped);
    ASSERT_EQ(breaks.size(), 1u);
    EXPECT_EQ(breaks[0].index, 4u);
}

// RFC 4231 test cases 1 and 2: the rows' MAC is standard HMAC-SHA256.
TEST(Audit, HmacSha256MatchesRfc4231)
{
    EXPECT_EQ(sopir::hmac_sha256_hex(std::string(20, '\x0b'), "Hi There"),
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(sopir::hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}
