#pragma once
// Where the trainer's model comes from and goes to. Without LoRA a checkpoint is a full HF folder;
// with LoRA it is a PEFT adapter over the job's base model (the base weights never change), and
// the run ends with both the adapter and the merged full model.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/api/job_config.h"
#include "core/common/result.h"
#include "core/export/peft_adapter.h"
#include "core/models/factory.h"

namespace ft::train {

struct LoraState {
    exporting::AdapterConfig adapter;           // what adapter_config.json says
    std::vector<std::string> adaptedModules;    // full names of the modules that carry adapters
};

// `saved` = a checkpoint or best/ folder of this run, or nullopt for the job's starting model.
// With job.lora.enabled, `lora` receives the adapter settings (it must not be null then).
Result<models::LoadedModel> loadTrainingModel(const api::JobConfig& job, const models::ModelRequest& request,
                                              const std::optional<std::filesystem::path>& saved, LoraState* lora);

Status saveTrainingModel(const std::filesystem::path& dir, const models::LoadedModel& model, const api::JobConfig& job,
                         const LoraState* lora);

// Folds the adapters into the weights (the model is changed) and writes a full HF folder.
Status writeMergedModel(const std::filesystem::path& dir, models::LoadedModel& model, const api::JobConfig& job);

}  // namespace ft::train
