#pragma once
// Text-to-text examples (task seq2seq_lm): the source text is the encoder's input, the target text
// the decoder's labels. Both are encoded with the tokenizer's special tokens (T5 appends </s>) and
// truncated as transformers' tokenizers truncate: the text's own tokens are cut, the special tokens
// around them kept, so a truncated target still ends with end-of-text.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/tokenize/tokenizer.h"
#include "core/train/batching.h"

namespace ft::train {

// Token ids of `text` with special tokens, at most maxLength of them; `cut` is set when tokens of
// the text itself were dropped.
std::vector<int32_t> encodeTruncated(const tok::Tokenizer& tokenizer, std::string_view text, int64_t maxLength, bool& cut);

// Fills ex.ids (source) and ex.targetIds (target); returns true when either side was cut.
bool encodeSeq2SeqExample(const tok::Tokenizer& tokenizer, std::string_view source, std::string_view target, int64_t maxSourceLength,
                          int64_t maxTargetLength, Example& ex);

}  // namespace ft::train
