#pragma once
// SHA-256 (FIPS 180-4), incremental: the Hub's ETag of an LFS file is the sha256 of its content.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ft::hub {

class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }
    std::string hexDigest();  // lower-case, 64 characters; the object is spent afterwards

private:
    void compress(const uint8_t* block);

    std::array<uint32_t, 8> m_state;
    std::array<uint8_t, 64> m_block{};
    size_t m_blockUsed = 0;
    uint64_t m_totalBytes = 0;
};

}  // namespace ft::hub
