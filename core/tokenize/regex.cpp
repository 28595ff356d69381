#include "core/tokenize/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace ft::tok {

struct Regex::Code {
    pcre2_code* code = nullptr;
    bool jit = false;
    ~Code() { pcre2_code_free(code); }
};

Result<Regex> Regex::compile(const std::string& pattern) {
    int err = 0;
    PCRE2_SIZE errOffset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err, &errOffset, nullptr);
    if (!code) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(err, buf, sizeof buf);
        return makeError("tokenizer.invalid_regex",
                         "The regular expression '" + pattern + "' does not compile at offset " +
                             std::to_string(errOffset) + ": " + reinterpret_cast<const char*>(buf) + ".");
    }
    auto holder = std::make_shared<Code>();
    holder->code = code;
    holder->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    Regex r;
    r.m_code = std::move(holder);
    r.m_pattern = pattern;
    return r;
}

std::string Regex::escape(std::string_view literal) {
    std::string out;
    for (char c : literal) {
        if (std::string_view("\\^$.|?*+()[]{}-/#&~ \t\n").find(c) != std::string_view::npos)
            out.push_back('\\');
        if (c == '\t') {
            out.push_back('t');
            continue;
        }
        if (c == '\n') {
            out.push_back('n');
            continue;
        }
        out.push_back(c);
    }
    return out;
}

void Regex::findAll(std::string_view text, const std::function<void(size_t, size_t)>& onMatch) const {
    if (!m_code) return;
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(m_code->code, nullptr);
    if (!md) return;
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    size_t offset = 0;
    uint32_t jitFallback = 0;  // PCRE2_NO_JIT after a JIT stack overflow on a huge input
    while (offset <= text.size()) {
        int rc = pcre2_match(m_code->code, subject, text.size(), offset, PCRE2_NO_UTF_CHECK | jitFallback, md,
                             nullptr);
        if (rc == PCRE2_ERROR_JIT_STACKLIMIT && !jitFallback) {
            jitFallback = PCRE2_NO_JIT;
            continue;
        }
        if (rc < 0) break;
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
        const size_t start = ov[0], end = ov[1];
        onMatch(start, end);
        if (end > start) {
            offset = end;
        } else {
            // Empty match: step over one whole UTF-8 character.
            offset = end + 1;
            while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
                ++offset;
        }
    }
    pcre2_match_data_free(md);
}

std::string Regex::replaceAll(std::string_view text, std::string_view replacement) const {
    std::string out;
    size_t prev = 0;
    findAll(text, [&](size_t s, size_t e) {
        out.append(text.substr(prev, s - prev));
        out.append(replacement);
        prev = e;
    });
    out.append(text.substr(prev));
    return out;
}

}  // namespace ft::tok
