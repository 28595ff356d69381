#pragma once
// A run's result (best model, latest checkpoint, merged LoRA model or PEFT adapter) or a plain model
// folder: where it lives and how to load it with the head its config.json names. Export, the
// playground and the CLI share it.

#include <filesystem>
#include <optional>

#include "core/api/job_config.h"
#include "core/common/result.h"
#include "core/export/peft_adapter.h"
#include "core/models/factory.h"

namespace ft::train {

struct ModelSource {
    std::filesystem::path modelFolder;    // full weights (or the LoRA base)
    std::filesystem::path adapterFolder;  // LoRA runs: best/ or the newest checkpoint (PEFT adapter)
    std::optional<api::JobConfig> job;    // set for run folders
    std::filesystem::path runDir;

    // The adapter folder when it carries tokenizer files, else the model folder.
    std::filesystem::path tokenizerFolder() const;
};

// `source` holds job.json (a run) or config.json (a model). For a LoRA run the merged model is
// preferred unless adapterOnly.
Result<ModelSource> locateModelSource(const std::filesystem::path& source, bool adapterOnly);

// The head config.json's "architectures" names (…ForSequenceClassification, …ForCausalLM, …LMHeadModel).
Result<models::Head> headOf(const io::ModelConfig& config, const std::filesystem::path& folder);

// Loads the model (and its adapter, whose config is copied to *adapter when there is one).
Result<models::LoadedModel> loadModelSource(const ModelSource& source, exporting::AdapterConfig* adapter);

}  // namespace ft::train
