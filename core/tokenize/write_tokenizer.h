#pragma once
// Writes a Hugging Face tokenizer folder that both transformers and Tokenizer::load read.

#include "core/common/result.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace ft::tok {

struct TokenizerFilesConfig {
    std::string tokenizerClass;  // e.g. "GPT2Tokenizer", "BertTokenizer"
    std::optional<std::string> bos, eos, pad, unk, cls, sep, mask;
    int64_t modelMaxLength = 1024;
    // Also bakes a `bos $A` TemplateProcessing into tokenizer.json, so fast tokenizers of any
    // class (not only Llama's, which read the flag) add it.
    bool addBosToken = false;
};

// Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json atomically (temp + rename).
Status writeTokenizerFiles(const std::filesystem::path& folder, const nlohmann::json& tokenizerJson,
                           const TokenizerFilesConfig& config);

}  // namespace ft::tok
