#include "core/data/text_key.h"

#include <cctype>

namespace ft::data {

std::string normalizedKey(std::string_view text) {
    std::string out;
    bool pendingSpace = false;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80 && std::isspace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (c < 0x80 && std::ispunct(c)) continue;
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += c < 0x80 ? static_cast<char>(std::tolower(c)) : ch;
    }
    return out;
}

}  // namespace ft::data
