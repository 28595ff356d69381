#pragma once
// Builds the right architecture for a config.json and fills it from a checkpoint folder.

#include <filesystem>
#include <memory>
#include <optional>

#include "core/common/result.h"
#include "core/io/hf_config.h"
#include "core/models/model.h"
#include "core/models/weights.h"

namespace ft::models {

struct ModelRequest {
    Head head = Head::SequenceClassification;
    int64_t numLabels = 2;                    // classification only
    std::optional<int64_t> padTokenId;        // decoders' pooling; defaults to the config's pad, else eos
    std::optional<double> dropout;            // every dropout probability set to this (io::overrideDropout)
};

// A randomly initialised model, as transformers' _init_weights would make it.
Result<std::shared_ptr<Model>> createModel(const io::ModelConfig& config, const ModelRequest& request);

struct LoadedModel {
    std::shared_ptr<Model> model;
    io::ModelConfig config;
    LoadReport report;
    int64_t padTokenId = 0;
};

// config.json + safetensors weights from `folder`; a head absent from the file starts fresh and is
// listed in report.newlyInitialised. randomInit skips the weights (the "from scratch" baseline).
Result<LoadedModel> loadModel(const std::filesystem::path& folder, const ModelRequest& request, bool randomInit = false);

// transformers' class for the architecture and head, as config.json's "architectures" names it
// ("GPT2ForSequenceClassification", "Qwen2ForCausalLM").
std::string architectureName(const io::ModelConfig& config, Head head);

// The task head's top-level modules that a checkpoint may lack ("score", "classifier",
// "pre_classifier"): PEFT's modules_to_save for sequence classification. Empty for causal LM.
std::vector<std::string> headModuleNames(const io::ModelConfig& config, Head head);

// The pad id a decoder pools with: config pad, else the first eos, else 0.
int64_t resolvePadTokenId(const io::ModelConfig& config, const std::optional<int64_t>& requested);

}  // namespace ft::models
