#include "core/tokenize/byte_level_table.h"

#include "core/tokenize/unicode.h"

namespace ft::tok {

const ByteLevelTable& ByteLevelTable::instance() {
    static const ByteLevelTable table;
    return table;
}

ByteLevelTable::ByteLevelTable() {
    m_charToByte.fill(-1);
    char32_t extra = 256;
    for (int b = 0; b < 256; ++b) {
        const bool printable =
            (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        const char32_t c = printable ? static_cast<char32_t>(b) : extra++;
        m_byteToChar[b] = c;
        uni::append(m_byteToUtf8[b], c);
        m_charToByte[c] = static_cast<int16_t>(b);
    }
}

std::string ByteLevelTable::encode(std::string_view bytes) const {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) out += m_byteToUtf8[b];
    return out;
}

}  // namespace ft::tok
