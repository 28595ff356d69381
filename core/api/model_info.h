#pragma once
// What the Model panel shows about a model folder, read without loading weights.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct ModelSummary {
    std::string path;            // folder
    std::string name;            // "org/name" for HF cache entries, else the folder name
    std::string source;          // "bundled", "hf-cache", "folder"
    std::string modelType;       // "gpt2", "bert", ...
    std::string architecture;    // first of config.json "architectures"
    int64_t parameterCount = 0;
    int64_t weightBytes = 0;
    int64_t numLayers = 0;
    int64_t hiddenSize = 0;
    int64_t vocabSize = 0;
    int64_t maxPositions = 0;
    bool hasTokenizer = false;
    bool supported = false;      // the engine can train it now
    std::string problem;         // why it cannot be used; empty when usable
};

Result<ModelSummary> inspectModel(const std::string& folder);

// Models in `bundledFolders` (shipped with the app, source "bundled"), then in the Hugging Face cache
// (HF_HOME / HF_HUB_CACHE rules, "hf-cache"), then in `userFolders` ("folder"), in that order; each
// folder is either a model folder or a folder of model folders. A model found twice is listed once,
// under the first of these sources.
std::vector<ModelSummary> discoverModels(const std::vector<std::string>& bundledFolders,
                                         const std::vector<std::string>& userFolders);

// The modules LoRA adapts when lora.target_modules is empty (PEFT's default for `modelType`,
// config.json's "model_type": gpt2 → c_attn, bert → query, value, ...).
std::vector<std::string> defaultLoraTargetModules(const std::string& modelType);

}  // namespace ft::api
