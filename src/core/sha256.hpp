#pragma once
// SHA-256 (FIPS 180-4), in the core so that the audit chain's hashing stays
// pure and is computed the same way by every writer and by `audit verify`.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sopir {

class Sha256 {
public:
    Sha256();
    void update(std::string_view);
    std::array<std::uint8_t, 32> finish();

private:
    void compress(std::uint8_t const* block);

    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer {};
    std::size_t m_buffered { 0 };
    std::uint64_t m_length { 0 };
};

std::string to_hex(std::array<std::uint8_t, 32> const&);
std::string sha256_hex(std::string_view);

}
