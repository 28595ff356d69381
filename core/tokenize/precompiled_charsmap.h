#pragma once
// sentencepiece's compiled normalization rules: the "precompiled_charsmap" of a tokenizer.json
// Precompiled normalizer (T5, ALBERT, XLM-R, mBART, …), NormalizerSpec.precompiled_charsmap in a
// .model file. A darts-clone double-array trie over the rules' source strings (UTF-8 bytes) whose
// values are offsets into a blob of NUL-terminated replacements (formats.md §3.4):
//   <trie size in bytes: uint32 LE> <trie units: uint32 LE each> <replacements>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace ft::tok {

class PrecompiledCharsmap {
public:
    // `field` names where the blob came from, for errors. An empty blob has no rules.
    static Result<PrecompiledCharsmap> parse(std::string_view blob, const std::string& field);

    // The replacement of the shortest prefix of `chunk` that has a rule, or nothing (HF tokenizers'
    // spm_precompiled transform: the whole chunk becomes that replacement).
    std::optional<std::string_view> transform(std::string_view chunk) const;

    // HF tokenizers' Precompiled normalizer: each extended grapheme cluster of under 6 bytes is looked
    // up whole; otherwise (or without a rule) each of its characters is.
    std::string normalize(std::string_view text) const;

    bool empty() const { return m_units.empty(); }

private:
    std::vector<uint32_t> m_units;
    std::string m_replacements;
};

// Standard base64 (RFC 4648, with padding; whitespace ignored); nothing on a bad character or length.
std::optional<std::string> decodeBase64(std::string_view text);

}  // namespace ft::tok
