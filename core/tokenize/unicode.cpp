#include "core/tokenize/unicode.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

namespace ft::tok::uni {

char32_t nextSlow(std::string_view s, size_t& pos) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos);
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
    if (n <= 0) {
        ++pos;
        return 0xFFFD;
    }
    pos += static_cast<size_t>(n);
    return static_cast<char32_t>(cp);
}

void append(std::string& out, char32_t cp) {
    utf8proc_uint8_t buf[4];
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

size_t countChars(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool isAscii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

bool isValid(std::string_view s) {
    if (isAscii(s)) return true;
    size_t pos = 0;
    while (pos < s.size()) {
        const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos);
        utf8proc_int32_t cp = 0;
        const auto n = utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
        if (n <= 0) return false;
        pos += static_cast<size_t>(n);
    }
    return true;
}

namespace {

// The bytes allowed after `lead` at continuation position `k` (1-based) of a well-formed sequence
// (Unicode Table 3-7), and the sequence length; 0 for a byte that starts none.
int sequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

bool continuationAllowed(unsigned char lead, int k, unsigned char c) {
    if (k == 1) {
        if (lead == 0xE0) return c >= 0xA0 && c <= 0xBF;
        if (lead == 0xED) return c >= 0x80 && c <= 0x9F;
        if (lead == 0xF0) return c >= 0x90 && c <= 0xBF;
        if (lead == 0xF4) return c >= 0x80 && c <= 0x8F;
    }
    return c >= 0x80 && c <= 0xBF;
}

}  // namespace

// Each maximal subpart of an ill-formed sequence becomes one U+FFFD (Unicode's recommended practice,
// as Rust's from_utf8_lossy, Python's errors="replace" and WHATWG decoders do): "\xE2\x82" followed
// by a space is one replacement character, a lone "\xFF" is one.
std::string sanitize(std::string_view s) {
    if (isValid(s)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    size_t pos = 0;
    while (pos < s.size()) {
        const auto lead = static_cast<unsigned char>(s[pos]);
        const int length = sequenceLength(lead);
        if (length == 1) {
            out.push_back(static_cast<char>(lead));
            ++pos;
            continue;
        }
        int k = 1;
        while (length > 0 && k < length && pos + k < s.size() &&
               continuationAllowed(lead, k, static_cast<unsigned char>(s[pos + k])))
            ++k;
        if (length > 0 && k == length) {
            out.append(s.substr(pos, static_cast<size_t>(length)));
        } else {
            out.append("\xEF\xBF\xBD");
        }
        pos += static_cast<size_t>(std::max(k, 1));
    }
    return out;
}

bool isWhitespace(char32_t c) {
    if (c >= 0x09 && c <= 0x0D) return true;
    switch (c) {
        case 0x20:
        case 0x85:
        case 0xA0:
        case 0x1680:
        case 0x2028:
        case 0x2029:
        case 0x202F:
        case 0x205F:
        case 0x3000:
            return true;
        default:
            return c >= 0x2000 && c <= 0x200A;
    }
}

size_t graphemeEnd(std::string_view s, size_t pos) {
    if (pos >= s.size()) return s.size();
    utf8proc_int32_t state = 0;
    char32_t previous = next(s, pos);
    while (pos < s.size()) {
        size_t after = pos;
        const char32_t c = next(s, after);
        if (utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(previous), static_cast<utf8proc_int32_t>(c), &state)) break;
        previous = c;
        pos = after;
    }
    return pos;
}

static utf8proc_category_t category(char32_t c) {
    return static_cast<utf8proc_category_t>(utf8proc_category(static_cast<utf8proc_int32_t>(c)));
}

bool isNumeric(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    const auto cat = category(c);
    return cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO;
}

bool isAlphanumeric(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const auto cat = category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) || isNumeric(c);
}

bool isPunctuation(char32_t c) {
    if (c < 0x80)
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
               (c >= 0x7B && c <= 0x7E);
    const auto cat = category(c);
    return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO;
}

bool isOther(char32_t c) {
    if (c < 0x80) return c < 0x20 || c == 0x7F;
    const auto cat = category(c);
    return cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_CS ||
           cat == UTF8PROC_CATEGORY_CO || cat == UTF8PROC_CATEGORY_CN;
}

bool isMarkNonSpacing(char32_t c) {
    return c >= 0x300 && category(c) == UTF8PROC_CATEGORY_MN;
}

bool isChineseChar(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) ||
           (c >= 0x2B920 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

void appendLower(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
        return;
    }
    if (c == 0x130) {  // İ: Rust's full mapping gives "i" + combining dot above
        out += "i\xCC\x87";
        return;
    }
    append(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
}

std::string normalize(std::string_view s, NormForm form) {
    if (isAscii(s)) return std::string(s);  // every normal form leaves ASCII unchanged
    int options = UTF8PROC_STABLE;
    switch (form) {
        case NormForm::NFC:
            options |= UTF8PROC_COMPOSE;
            break;
        case NormForm::NFD:
            options |= UTF8PROC_DECOMPOSE;
            break;
        case NormForm::NFKC:
            options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
            break;
        case NormForm::NFKD:
            options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
            break;
    }
    utf8proc_uint8_t* out = nullptr;
    const auto n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                     static_cast<utf8proc_ssize_t>(s.size()), &out, static_cast<utf8proc_option_t>(options));
    if (n < 0 || out == nullptr) return std::string(s);  // input is sanitized upstream; keep text as-is
    std::string result(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
    std::free(out);
    return result;
}

}  // namespace ft::tok::uni
