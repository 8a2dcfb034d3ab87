// Password hashing lives in the web layer but is used by every account the
// store keeps; it is tested here, where libsodium is linked.
#include "web/password.hpp"

#include <gtest/gtest.h>

using namespace sopir;

TEST(Password, HashIsArgon2idAndVerifies)
{
    auto hash = web::hash_password("rahasia-kantor-2026");
    ASSERT_TRUE(hash.ok());
    EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
    EXPECT_TRUE(web::verify_password(*hash, "rahasia-kantor-2026"));
    EXPECT_FALSE(web::verify_password(*hash, "rahasia-kantor-2027"));
    EXPECT_FALSE(web::verify_password("bukan hash", "rahasia-kantor-2026"));
    // Salted: the same password twice gives two different hashes.
    EXPECT_NE(*web::hash_password("rahasia-kantor-2026"), *hash);
}

TEST(Password, PolicyNamesTheField)
{
    auto short_one = web::check_password_policy("pendek");
    ASSERT_FALSE(short_one.ok());
    EXPECT_EQ(short_one.error().field, "password");
    EXPECT_TRUE(web::check_password_policy("cukup-panjang").ok());
}
