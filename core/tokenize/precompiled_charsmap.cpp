#include "core/tokenize/precompiled_charsmap.h"

#include <cstring>

#include "core/tokenize/unicode.h"

namespace ft::tok {

namespace {

// A darts-clone DoubleArrayUnit.
bool hasLeaf(uint32_t unit) { return ((unit >> 8) & 1) == 1; }
uint32_t valueOf(uint32_t unit) { return unit & ((1U << 31) - 1); }
uint32_t labelOf(uint32_t unit) { return unit & ((1U << 31) | 0xFF); }
size_t offsetOf(uint32_t unit) { return static_cast<size_t>((unit >> 10) << ((unit & (1U << 9)) >> 6)); }

uint32_t readLittleEndian32(const char* p) {
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    return uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
}

int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

std::optional<std::string> decodeBase64(std::string_view text) {
    std::string out;
    out.reserve(text.size() / 4 * 3);
    uint32_t bits = 0;
    int count = 0, padding = 0;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        const int v = base64Value(c);
        if (v < 0 || padding > 0) return std::nullopt;  // a bad character, or data after the padding
        bits = (bits << 6) | uint32_t(v);
        if (++count == 4) {
            out.push_back(char((bits >> 16) & 0xFF));
            out.push_back(char((bits >> 8) & 0xFF));
            out.push_back(char(bits & 0xFF));
            bits = 0;
            count = 0;
        }
    }
    if (count == 1 || padding > 2 || (padding > 0 && count + padding != 4)) return std::nullopt;
    if (count == 2) out.push_back(char((bits >> 4) & 0xFF));
    if (count == 3) {
        out.push_back(char((bits >> 10) & 0xFF));
        out.push_back(char((bits >> 2) & 0xFF));
    }
    return out;
}

Result<PrecompiledCharsmap> PrecompiledCharsmap::parse(std::string_view blob, const std::string& field) {
    PrecompiledCharsmap map;
    if (blob.empty()) return map;
    const auto bad = [&](const std::string& what) {
        return makeError("tokenizer.invalid_field", "Field '" + field + "' is not a sentencepiece charsmap: " + what + ".", {}, -1, field);
    };
    if (blob.size() < 4) return bad("shorter than its 4-byte header");
    const uint32_t trieBytes = readLittleEndian32(blob.data());
    if (trieBytes % 4 != 0 || trieBytes == 0 || trieBytes > blob.size() - 4)
        return bad("its trie size (" + std::to_string(trieBytes) + " bytes) does not fit the " + std::to_string(blob.size()) + " bytes");
    map.m_units.resize(trieBytes / 4);
    for (size_t i = 0; i < map.m_units.size(); ++i) map.m_units[i] = readLittleEndian32(blob.data() + 4 + 4 * i);
    map.m_replacements = std::string(blob.substr(4 + trieBytes));
    // Replacements go on to the pre-tokenizers' regexes, which expect valid UTF-8 (as the reference
    // refuses such a charsmap when it loads).
    if (!uni::isValid(map.m_replacements)) return bad("its replacement strings are not valid UTF-8");
    return map;
}

std::optional<std::string_view> PrecompiledCharsmap::transform(std::string_view chunk) const {
    if (m_units.empty()) return std::nullopt;
    size_t node = offsetOf(m_units[0]);
    for (char ch : chunk) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte == 0) break;
        node ^= byte;
        if (node >= m_units.size()) return std::nullopt;  // outside the trie: no key continues here
        const uint32_t unit = m_units[node];
        if (labelOf(unit) != byte) return std::nullopt;
        node ^= offsetOf(unit);
        if (node >= m_units.size()) return std::nullopt;
        if (hasLeaf(unit)) {
            // The shortest prefix with a rule decides, as the reference's first search result.
            const size_t begin = valueOf(m_units[node]);
            // (an offset into the middle of a character, or past the end, is no rule)
            if (begin >= m_replacements.size() || (static_cast<unsigned char>(m_replacements[begin]) & 0xC0) == 0x80) return std::nullopt;
            const size_t end = m_replacements.find('\0', begin);
            return std::string_view(m_replacements).substr(begin, (end == std::string::npos ? m_replacements.size() : end) - begin);
        }
    }
    return std::nullopt;
}

std::string PrecompiledCharsmap::normalize(std::string_view text) const {
    if (m_units.empty()) return std::string(text);
    std::string out;
    out.reserve(text.size());
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t end = uni::graphemeEnd(text, pos);
        const std::string_view grapheme = text.substr(pos, end - pos);
        pos = end;
        if (grapheme.size() < 6) {
            if (auto replaced = transform(grapheme)) {
                out += *replaced;
                continue;
            }
        }
        size_t at = 0;
        while (at < grapheme.size()) {
            const size_t start = at;
            uni::next(grapheme, at);
            const std::string_view character = grapheme.substr(start, at - start);
            if (auto replaced = transform(character))
                out += *replaced;
            else
                out += character;
        }
    }
    return out;
}

}  // namespace ft::tok
