#pragma once
// Builds the tokenizer.json "model" object (BPE, WordPiece, WordLevel, Unigram; formats.md §3.3).

#include "core/common/result.h"
#include "core/tokenize/components.h"

#include <nlohmann/json.hpp>

namespace ft::tok {

Result<std::unique_ptr<Model>> makeModel(const nlohmann::json& j, const std::string& path);

}  // namespace ft::tok
