#pragma once
// UTF-8 and Unicode-property helpers shared by normalizers, pre-tokenizers and models.
// They mirror the Rust `char` predicates the HF tokenizers crate relies on.

#include <cstdint>
#include <string>
#include <string_view>

namespace ft::tok::uni {

char32_t nextSlow(std::string_view s, size_t& pos);
// Decodes the code point at `pos`, advancing `pos`; invalid bytes yield U+FFFD and advance by one.
inline char32_t next(std::string_view s, size_t& pos) {
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
        ++pos;
        return c;
    }
    return nextSlow(s, pos);
}
bool isAscii(std::string_view s);
void append(std::string& out, char32_t cp);
size_t countChars(std::string_view s);
// Replaces every invalid UTF-8 byte with U+FFFD so later stages (PCRE2 in UTF mode) never see bad input.
std::string sanitize(std::string_view s);
bool isValid(std::string_view s);
// The end of the extended grapheme cluster (UAX #29, as Rust's unicode-segmentation) starting at `pos`.
size_t graphemeEnd(std::string_view s, size_t pos);

bool isWhitespace(char32_t c);      // Rust char::is_whitespace (White_Space property)
bool isAlphanumeric(char32_t c);    // letters and numbers (approximates Rust is_alphanumeric)
bool isNumeric(char32_t c);         // general category N*
bool isPunctuation(char32_t c);     // ASCII punctuation or general category P*
bool isOther(char32_t c);           // general category C* (Cc, Cf, Cs, Co, Cn)
bool isMarkNonSpacing(char32_t c);  // Mn
bool isChineseChar(char32_t c);     // CJK blocks as BertNormalizer defines them

// Full lowercase of one code point (U+0130 expands to two code points, as in Rust).
void appendLower(std::string& out, char32_t c);

enum class NormForm { NFC, NFD, NFKC, NFKD };
std::string normalize(std::string_view s, NormForm form);

}  // namespace ft::tok::uni
