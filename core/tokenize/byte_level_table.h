#pragma once
// GPT-2's reversible bytes→printable-unicode table (formats.md §3.5).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ft::tok {

class ByteLevelTable {
public:
    static const ByteLevelTable& instance();

    // UTF-8 encoding of the printable char standing for byte `b`.
    const std::string& encodeByte(uint8_t b) const { return m_byteToUtf8[b]; }
    char32_t charOf(uint8_t b) const { return m_byteToChar[b]; }
    // Byte for a table char, or -1 when `c` is not in the table.
    int byteOf(char32_t c) const { return c < m_charToByte.size() ? m_charToByte[c] : -1; }

    std::string encode(std::string_view bytes) const;

private:
    ByteLevelTable();
    std::array<char32_t, 256> m_byteToChar{};
    std::array<std::string, 256> m_byteToUtf8{};
    std::array<int16_t, 324> m_charToByte{};
};

}  // namespace ft::tok
