#pragma once
// PCRE2 (UTF + UCP, JIT when available) wrapper: compiled once, shareable across threads.

#include "core/common/result.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace ft::tok {

class Regex {
public:
    static Result<Regex> compile(const std::string& pattern);
    static std::string escape(std::string_view literal);

    // Calls onMatch(start, end) for each non-overlapping match, left to right (byte offsets).
    void findAll(std::string_view text, const std::function<void(size_t, size_t)>& onMatch) const;
    std::string replaceAll(std::string_view text, std::string_view replacement) const;
    const std::string& pattern() const { return m_pattern; }

private:
    struct Code;
    std::shared_ptr<const Code> m_code;
    std::string m_pattern;
};

}  // namespace ft::tok
