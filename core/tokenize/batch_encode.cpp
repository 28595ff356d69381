#include "core/tokenize/batch_encode.h"

#include <algorithm>

namespace ft::tok {

namespace {

// Drops `excess` content tokens (not special) from one end, as transformers truncates the text
// before its post-processor adds the special tokens.
void truncate(Encoding& e, size_t excess, Side side) {
    std::vector<size_t> content;
    for (size_t i = 0; i < e.ids.size(); ++i)
        if (!e.specialMask[i]) content.push_back(i);
    excess = std::min(excess, content.size());
    std::vector<uint8_t> drop(e.ids.size(), 0);
    for (size_t k = 0; k < excess; ++k) drop[side == Side::Right ? content[content.size() - 1 - k] : content[k]] = 1;
    Encoding kept;
    for (size_t i = 0; i < e.ids.size(); ++i) {
        if (drop[i]) continue;
        kept.ids.push_back(e.ids[i]);
        kept.typeIds.push_back(i < e.typeIds.size() ? e.typeIds[i] : 0);
        kept.specialMask.push_back(e.specialMask[i]);
    }
    e = std::move(kept);
}

}  // namespace

BatchEncoding encodeBatch(const Tokenizer& tokenizer, const std::vector<std::string>& texts, const BatchOptions& o) {
    std::vector<Encoding> encoded;
    encoded.reserve(texts.size());
    BatchEncoding out;
    for (const auto& text : texts) {
        Encoding e = tokenizer.encode(text, o.addSpecialTokens);
        if (e.specialMask.size() != e.ids.size()) e.specialMask.assign(e.ids.size(), 0);
        const bool cut = o.maxLength > 0 && int64_t(e.ids.size()) > o.maxLength;
        if (cut) truncate(e, e.ids.size() - size_t(o.maxLength), o.truncationSide);
        out.truncated.push_back(cut ? 1 : 0);
        encoded.push_back(std::move(e));
    }
    size_t length = 0;
    for (const auto& e : encoded) length = std::max(length, e.ids.size());
    if (o.padToMaxLength && o.maxLength > 0) length = std::max(length, size_t(o.maxLength));
    const int32_t pad = o.padId ? *o.padId : tokenizer.specialTokens().pad.value_or(0);
    for (const auto& e : encoded) {
        const size_t padding = length - e.ids.size();
        std::vector<int32_t> ids(padding, pad);
        std::vector<uint8_t> mask(padding, 0), special(padding, 1);
        const auto at = o.paddingSide == Side::Left ? size_t(padding) : size_t(0);
        ids.insert(ids.begin() + std::ptrdiff_t(o.paddingSide == Side::Left ? padding : 0), e.ids.begin(), e.ids.end());
        mask.insert(mask.begin() + std::ptrdiff_t(at), e.ids.size(), uint8_t(1));
        special.insert(special.begin() + std::ptrdiff_t(at), e.specialMask.begin(), e.specialMask.end());
        out.ids.push_back(std::move(ids));
        out.attentionMask.push_back(std::move(mask));
        out.specialMask.push_back(std::move(special));
    }
    return out;
}

}  // namespace ft::tok
