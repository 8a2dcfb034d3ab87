#include "core/sha256.hpp"

namespace sopir {

static constexpr std::uint32_t k_round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static constexpr std::uint32_t rotate_right(std::uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

Sha256::Sha256()
    : m_state { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }
{
}

void Sha256::compress(std::uint8_t const* block)
{
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i)
        w[i] = (std::uint32_t(block[i * 4]) << 24) | (std::uint32_t(block[i * 4 + 1]) << 16) | (std::uint32_t(block[i * 4 + 2]) << 8) | std::uint32_t(block[i * 4 + 3]);
    for (int i = 16; i < 64; ++i) {
        std::uint32_t const s0 = rotate_right(w[i - 15], 7) ^ rotate_right(w[i - 15], 18) ^ (w[i - 15] >> 3);
        std::uint32_t const s1 = rotate_right(w[i - 2], 17) ^ rotate_right(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    auto s = m_state;
    for (int i = 0; i < 64; ++i) {
        std::uint32_t const sum1 = rotate_right(s[4], 6) ^ rotate_right(s[4], 11) ^ rotate_right(s[4], 25);
        std::uint32_t const choose = (s[4] & s[5]) ^ (~s[4] & s[6]);
        std::uint32_t const t1 = s[7] + sum1 + choose + k_round_constants[i] + w[i];
        std::uint32_t const sum0 = rotate_right(s[0], 2) ^ rotate_right(s[0], 13) ^ rotate_right(s[0], 22);
        std::uint32_t const majority = (s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]);
        std::uint32_t const t2 = sum0 + majority;
        s[7] = s[6];
        s[6] = s[5];
        s[5] = s[4];
        s[4] = s[3] + t1;
        s[3] = s[2];
        s[2] = s[1];
        s[1] = s[0];
        s[0] = t1 + t2;
    }
    for (int i = 0; i < 8; ++i)
        m_state[i] += s[i];
}

void Sha256::update(std::string_view data)
{
    m_length += data.size();
    for (char c : data) {
        m_buffer[m_buffered++] = static_cast<std::uint8_t>(c);
        if (m_buffered == 64) {
            compress(m_buffer.data());
            m_buffered = 0;
        }
    }
}

std::array<std::uint8_t, 32> Sha256::finish()
{
    std::uint64_t const bit_length = m_length * 8;
    std::uint8_t const pad = 0x80;
    update(std::string_view(reinterpret_cast<char const*>(&pad), 1));
    std::uint8_t const zero = 0;
    while (m_buffered != 56)
        update(std::string_view(reinterpret_cast<char const*>(&zero), 1));
    for (int i = 7; i >= 0; --i) {
        std::uint8_t const byte = static_cast<std::uint8_t>(bit_length >> (i * 8));
        update(std::string_view(reinterpret_cast<char const*>(&byte), 1));
    }
    std::array<std::uint8_t, 32> digest {};
    for (int i = 0; i < 8; ++i) {
        digest[i * 4] = static_cast<std::uint8_t>(m_state[i] >> 24);
        digest[i * 4 + 1] = static_cast<std::uint8_t>(m_state[i] >> 16);
        digest[i * 4 + 2] = static_cast<std::uint8_t>(m_state[i] >> 8);
        digest[i * 4 + 3] = static_cast<std::uint8_t>(m_state[i]);
    }
    return digest;
}

std::string to_hex(std::array<std::uint8_t, 32> const& digest)
{
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(64);
    for (auto byte : digest) {
        hex += k_digits[byte >> 4];
        hex += k_digits[byte & 15];
    }
    return hex;
}

std::string sha256_hex(std::string_view data)
{
    Sha256 hash;
    hash.update(data);
    return to_hex(hash.finish());
}

}
