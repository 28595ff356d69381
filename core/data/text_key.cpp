#include "core/data/text_key.h"

#include <array>

namespace ft::data {

namespace {

enum class Ascii : unsigned char { Keep, Space, Punct };

// The "C" locale's isspace / ispunct for ASCII, as a table: normalizedKey runs on every row of a
// full pass, where the libc calls were an eighth of the time.
constexpr std::array<Ascii, 128> asciiClasses() {
    std::array<Ascii, 128> t{};
    for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) t[static_cast<size_t>(c)] = Ascii::Space;
    for (char c : std::string_view("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")) t[static_cast<size_t>(c)] = Ascii::Punct;
    return t;
}

constexpr std::array<Ascii, 128> kAscii = asciiClasses();

}  // namespace

std::string normalizedKey(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            if (kAscii[c] == Ascii::Space) {
                pendingSpace = !out.empty();
                continue;
            }
            if (kAscii[c] == Ascii::Punct) continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch;
    }
    return out;
}

}  // namespace ft::data
