#include "core/train/seq2seq_examples.h"

#include <algorithm>

namespace ft::train {

std::vector<int32_t> encodeTruncated(const tok::Tokenizer& tokenizer, std::string_view text, int64_t maxLength, bool& cut) {
    const auto full = tokenizer.encode(text).ids;
    cut = false;
    if (static_cast<int64_t>(full.size()) <= maxLength) return {full.begin(), full.end()};
    // full = prefix + content + suffix, where content is the text without special tokens.
    const auto content = tokenizer.encode(text, /*addSpecialTokens=*/false).ids;
    const size_t specials = full.size() >= content.size() ? full.size() - content.size() : 0;
    size_t prefix = 0;
    while (prefix <= specials && !std::equal(content.begin(), content.end(), full.begin() + static_cast<std::ptrdiff_t>(prefix))) ++prefix;
    cut = true;
    if (prefix > specials || static_cast<int64_t>(specials) >= maxLength) {  // not that layout, or no room: plain cut
        return {full.begin(), full.begin() + maxLength};
    }
    const size_t keep = static_cast<size_t>(maxLength) - specials;
    std::vector<int32_t> out(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(prefix));
    out.insert(out.end(), content.begin(), content.begin() + static_cast<std::ptrdiff_t>(keep));
    out.insert(out.end(), full.begin() + static_cast<std::ptrdiff_t>(prefix + content.size()), full.end());
    return out;
}

bool encodeSeq2SeqExample(const tok::Tokenizer& tokenizer, std::string_view source, std::string_view target, int64_t maxSourceLength,
                          int64_t maxTargetLength, Example& ex) {
    bool sourceCut = false, targetCut = false;
    ex.ids = encodeTruncated(tokenizer, source, maxSourceLength, sourceCut);
    ex.targetIds = encodeTruncated(tokenizer, target, maxTargetLength, targetCut);
    return sourceCut || targetCut;
}

}  // namespace ft::train
