#pragma once
// What a finished (or running) run, or a plain Hugging Face folder, holds as a usable model: the
// folder with the weights, a LoRA run's adapter over its base model, and the folder whose tokenizer
// goes with them. Used by export, explanations and predictions alike.

#include <filesystem>
#include <optional>

#include "core/api/job_config.h"
#include "core/common/result.h"
#include "core/export/peft_adapter.h"
#include "core/models/factory.h"

namespace ft::train {

struct SavedModelSource {
    std::filesystem::path modelFolder;     // full weights (or a LoRA run's base model)
    std::filesystem::path adapterFolder;   // LoRA runs without merged/: best/ or the newest checkpoint
    std::optional<api::JobConfig> job;     // set for a run folder
    std::filesystem::path runDir;

    // The adapter folder when it carries tokenizer files, else the model folder.
    std::filesystem::path tokenizerFolder() const;
};

// `path` is a run folder (job.json) or a model folder (config.json). A run gives its best/ model,
// else its newest complete checkpoint; a LoRA run gives merged/ unless `adapterOnly`.
Result<SavedModelSource> locateSavedModel(const std::filesystem::path& path, bool adapterOnly = false);

// Loads the weights (and attaches and fills the adapter); the head and label count come from
// config.json's architectures and id2label (or the adapter's modules_to_save). `adapter`, when not
// null, receives the adapter's settings.
Result<models::LoadedModel> loadSavedModel(const SavedModelSource& source, exporting::AdapterConfig* adapter = nullptr);

}  // namespace ft::train
