#pragma once
// tokenizer.json "post_processor" objects (formats.md §3.6).

#include "core/common/result.h"
#include "core/tokenize/components.h"

#include <nlohmann/json.hpp>

namespace ft::tok {

// Null JSON → nullptr.
Result<std::unique_ptr<PostProcessor>> makePostProcessor(const nlohmann::json& j, const std::string& path);

// `[bos] $A [eos]` / `[bos] $A [eos] [bos] $B:1 [eos]:1` as transformers' LlamaTokenizerFast builds it.
std::unique_ptr<PostProcessor> makeBosEosTemplate(std::optional<std::pair<std::string, int32_t>> bos,
                                                  std::optional<std::pair<std::string, int32_t>> eos);

}  // namespace ft::tok
