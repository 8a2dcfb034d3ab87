// Password hashing lives in the web layer but is used by every account the
// store keeps; it is tested here, where libsodium is linked.
#include "desk/password.hpp"

#include <gtest/gtest.h>

using namespace sopir;

TEST(Password, HashIsArgon2idAndVerifies)
{
    auto hash = desk::hash_password("rahasia-kantor-2026");
    ASSERT_TRUE(hash.ok());
    EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
    EXPECT_TRUE(desk::verify_password(*hash, "rahasia-kantor-2026"));
    EXPECT_FALSE(desk::verify_password(*hash, "rahasia-kantor-2027"));
    EXPECT_FALSE(desk::verify_password("bukan hash", "rahasia-kantor-2026"));
    // Salted: the same password twice gives two different hashes.
    EXPECT_NE(*desk::hash_password("rahasia-kantor-2026"), *hash);
}

TEST(Password, PolicyNamesTheField)
{
    auto short_one = desk::check_password_policy("pendek");
    ASSERT_FALSE(short_one.ok());
    EXPECT_EQ(short_one.error().field, "password");
    EXPECT_TRUE(desk::check_password_policy("cukup-panjang").ok());
}
