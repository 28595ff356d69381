#pragma once
// Writes a model as a Hugging Face folder that transformers loads: config.json, model.safetensors
// (sharded above maxShardBytes), the tokenizer files, and generation_config.json for decoders.

#include <filesystem>
#include <string>

#include "core/common/result.h"
#include "core/io/hf_config.h"
#include "core/models/model.h"

namespace ft::exporting {

struct ExportOptions {
    std::filesystem::path tokenizerFrom;          // folder whose tokenizer files are copied ("" = none)
    int64_t maxShardBytes = 5'000'000'000;
    std::string dtype;                            // "float32" | "float16" | "bfloat16" ("" = as in memory)
    std::string modelCard;                        // README.md text ("" = none)
};

// The folder is assembled beside `folder` and renamed into place, so a reader never sees half of it.
Status writeHfFolder(const std::filesystem::path& folder, const models::Model& model, io::ModelConfig config,
                     const ExportOptions& options);

// Copies tokenizer.json, tokenizer_config.json, special_tokens_map.json, vocab/merges files, tokenizer.model.
Status copyTokenizerFiles(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace ft::exporting
