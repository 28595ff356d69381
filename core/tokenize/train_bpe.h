#pragma once
// Training small tokenizers (used by the tiny-model generator and tests).

#include "core/common/result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ft::tok {

// Byte-level BPE trained on lines of text; returns a complete GPT-2-style tokenizer.json (ByteLevel
// pre-tokenizer add_prefix_space=false, ByteLevel decoder + post-processor, all 256 byte symbols in
// the base vocab, merges in pair form, `specialTokens` appended as added_tokens with special=true).
// Deterministic: most frequent pair first, ties to the smaller (left id, right id). Stops at
// `vocabSize` or when no pair is left, so a tiny corpus can give a smaller vocabulary.
Result<nlohmann::json> trainByteLevelBpe(const std::vector<std::string>& corpus, int32_t vocabSize,
                                         const std::vector<std::string>& specialTokens);

// BERT-uncased-style WordPiece tokenizer.json: [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3, [MASK]=4, then
// the corpus' characters, ##characters, and the most frequent words up to `vocabSize`.
Result<nlohmann::json> trainWordPiece(const std::vector<std::string>& corpus, int32_t vocabSize);

}  // namespace ft::tok
