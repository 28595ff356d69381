#pragma once
// Where each token of an encoding sits in the text it came from, for display (`finetune tokenize`).
// The pipeline does not track alignments, so spans are recovered by decoding growing prefixes of
// the ids: exact whenever decoding gives the text back (byte-level BPE, Metaspace with byte
// fallback), and unavailable when it does not (lowercasing or accent-stripping normalizers).

#include "core/tokenize/tokenizer.h"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace ft::tok {

struct TokenSpan {
    size_t begin = 0,
           end = 0;  // byte offsets [begin, end) in the text; leading spaces a token encodes are its own
};

constexpr size_t kMaxSpanTokens = 4096;  // the prefix decoding is quadratic

// One entry per id of `encoding`: a span for the ids encoded from `text`, nullopt for the special
// tokens the post-processor inserted. nullopt overall when the text cannot be recovered by decoding
// or there are more than kMaxSpanTokens ids.
std::optional<std::vector<std::optional<TokenSpan>>> tokenSpans(const Tokenizer& tok, std::string_view text,
                                                                const Encoding& encoding);

}  // namespace ft::tok
