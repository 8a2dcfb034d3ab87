#include "core/sha256.hpp"

#include <gtest/gtest.h>

using namespace sopir;

TEST(Sha256, KnownVectors)
{
    struct Case { std::string input; char const* hex; };
    Case const cases[] = {
        { .input = "", .hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { .input = "abc", .hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { .input = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", .hex = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
        { .input = std::string(1000000, 'a'), .hex = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
        // 55, 56, 63, 64 and 65 bytes: the padding edges (values from Python's hashlib).
        { .input = std::string(55, 'x'), .hex = "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072" },
        { .input = std::string(56, 'x'), .hex = "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e" },
        { .input = std::string(63, 'x'), .hex = "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2" },
        { .input = std::string(64, 'x'), .hex = "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c" },
        { .input = std::string(65, 'x'), .hex = "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9" },
    };
    for (auto const& c : cases)
        EXPECT_EQ(sha256_hex(c.input), c.hex) << c.input.size();
}

TEST(Sha256, IncrementalEqualsOneShot)
{
    std::string text;
    for (int i = 0; i < 300; ++i)
        text += static_cast<char>('a' + i % 26);
    for (size_t split = 0; split <= text.size(); split += 7) {
        Sha256 hash;
        hash.update(std::string_view(text).substr(0, split));
        hash.update(std::string_view(text).substr(split));
        EXPECT_EQ(to_hex(hash.finish()), sha256_hex(text)) << split;
    }
}
