#include "core/tokenize/token_spans.h"

#include <algorithm>

namespace ft::tok {

std::optional<std::vector<std::optional<TokenSpan>>> tokenSpans(const Tokenizer& tok, std::string_view text,
                                                                const Encoding& encoding) {
    std::vector<int32_t> content;
    for (size_t i = 0; i < encoding.ids.size(); ++i)
        if (i >= encoding.specialMask.size() || !encoding.specialMask[i]) content.push_back(encoding.ids[i]);
    if (content.size() > kMaxSpanTokens) return std::nullopt;
    const std::string full = tok.decode(content, false);
    size_t shift = 0;  // a prefix space the pre-tokenizer added (RoBERTa's add_prefix_space)
    if (full != text) {
        if (full.size() == text.size() + 1 && full[0] == ' ' && std::string_view(full).substr(1) == text)
            shift = 1;
        else
            return std::nullopt;
    }
    std::vector<std::optional<TokenSpan>> spans;
    spans.reserve(encoding.ids.size());
    std::vector<int32_t> prefix;
    size_t done = 0;  // decoded bytes that earlier tokens account for
    size_t next = 0;  // next content id
    for (size_t i = 0; i < encoding.ids.size(); ++i) {
        if (i < encoding.specialMask.size() && encoding.specialMask[i]) {
            spans.push_back(std::nullopt);
            continue;
        }
        prefix.push_back(content[next++]);
        const std::string d = tok.decode(prefix, false);
        // A token ending inside a UTF-8 character decodes to U+FFFD: count only what agrees with the text.
        const size_t agree = size_t(
            std::mismatch(d.begin(), d.begin() + long(std::min(d.size(), full.size())), full.begin()).first -
            d.begin());
        const size_t end = std::max(done, agree);
        auto clamp = [&](size_t x) { return std::min(text.size(), x > shift ? x - shift : 0); };
        spans.push_back(TokenSpan{clamp(done), clamp(end)});
        done = end;
    }
    return spans;
}

}  // namespace ft::tok
