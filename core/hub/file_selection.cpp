#include "core/hub/file_selection.h"

#include "core/common/strings.h"

namespace ft::hub {
namespace {

// Matches a '[...]' class at pattern[p] against c; sets `end` past the class. False `valid` when the
// class is not closed (then '[' is an ordinary character, as in fnmatch).
bool classMatch(std::string_view pattern, size_t p, char c, size_t& end, bool& valid) {
    size_t i = p + 1;
    const bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
    if (negate) ++i;
    bool matched = false;
    bool first = true;
    for (; i < pattern.size() && (first || pattern[i] != ']'); ++i, first = false) {
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            matched = matched || (pattern[i] <= c && c <= pattern[i + 2]);
            i += 2;
        } else {
            matched = matched || pattern[i] == c;
        }
    }
    valid = i < pattern.size();
    end = i + 1;
    return matched != negate;
}

bool matchFrom(std::string_view pattern, size_t p, std::string_view text, size_t t) {
    while (p < pattern.size()) {
        const char pc = pattern[p];
        if (pc == '*') {
            while (p < pattern.size() && pattern[p] == '*') ++p;
            if (p == pattern.size()) return true;
            for (size_t k = t; k <= text.size(); ++k)
                if (matchFrom(pattern, p, text, k)) return true;
            return false;
        }
        if (t == text.size()) return false;
        if (pc == '?') {
            ++p, ++t;
            continue;
        }
        if (pc == '[') {
            size_t end = 0;
            bool valid = false;
            const bool hit = classMatch(pattern, p, text[t], end, valid);
            if (valid) {
                if (!hit) return false;
                p = end, ++t;
                continue;
            }
        }
        if (pc != text[t]) return false;
        ++p, ++t;
    }
    return t == text.size();
}

}  // namespace

bool globMatch(std::string_view pattern, std::string_view path) {
    if (!pattern.empty() && pattern.back() == '/') {
        std::string folder(pattern);
        folder += '*';
        return matchFrom(folder, 0, path, 0);
    }
    return matchFrom(pattern, 0, path, 0);
}

bool isDefaultFile(std::string_view path) {
    if (path.find('/') != std::string_view::npos) return false;  // our loader reads the top-level folder only
    static const char* names[] = {"config.json",
                                  "generation_config.json",
                                  "tokenizer.json",
                                  "tokenizer_config.json",
                                  "special_tokens_map.json",
                                  "vocab.json",
                                  "merges.txt",
                                  "vocab.txt",
                                  "tokenizer.model",
                                  "spiece.model",
                                  "chat_template.jinja",
                                  "README.md",
                                  "added_tokens.json"};
    for (const char* name : names)
        if (path == name) return true;
    return endsWith(path, ".safetensors") || endsWith(path, ".safetensors.index.json");
}

bool isSelected(std::string_view path, const std::vector<std::string>& include) {
    if (include.empty()) return isDefaultFile(path);
    for (const std::string& pattern : include)
        if (globMatch(pattern, path)) return true;
    return false;
}

}  // namespace ft::hub
