#pragma once
// Several texts at once, as transformers' tokenizer(texts, padding=..., truncation=..., max_length=...)
// returns them: truncated to max_length keeping the special tokens (tokens are cut from the right or
// the left of the text), then padded to the longest or to max_length, on the right or the left.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/tokenize/tokenizer.h"

namespace ft::tok {

enum class Side { Right, Left };

struct BatchOptions {
    bool addSpecialTokens = true;
    int64_t maxLength = 0;                 // 0 = no truncation
    Side truncationSide = Side::Right;     // which end of the text loses tokens
    bool padToMaxLength = false;           // else pad to the longest sequence of the batch
    Side paddingSide = Side::Right;
    std::optional<int32_t> padId;          // default: the tokenizer's pad token, else 0
};

struct BatchEncoding {
    std::vector<std::vector<int32_t>> ids;            // [batch][length], all the same length
    std::vector<std::vector<uint8_t>> attentionMask;  // 1 for tokens, 0 for padding
    std::vector<std::vector<uint8_t>> specialMask;    // 1 for special tokens and padding
    std::vector<uint8_t> truncated;                   // 1 where a text lost tokens
};

BatchEncoding encodeBatch(const Tokenizer& tokenizer, const std::vector<std::string>& texts, const BatchOptions& options);

}  // namespace ft::tok
