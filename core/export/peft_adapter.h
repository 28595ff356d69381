#pragma once
// PEFT LoRA adapters on disk: adapter_config.json + adapter_model.safetensors, named and laid out as
// PEFT's save_pretrained writes them, so `PeftModel.from_pretrained(base, folder)` loads ours and we
// load theirs. Keys: "base_model.model.<module>.lora_A.weight" [r, in], "...lora_B.weight" [out, r],
// and the modules_to_save heads under their plain names ("base_model.model.score.weight").

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <torch/types.h>

#include "core/common/result.h"
#include "core/export/hf_export.h"
#include "core/models/linear.h"
#include "core/models/model.h"

namespace ft::exporting {

struct AdapterConfig {
    models::LoraShape shape;                  // r, lora_alpha, lora_dropout, use_rslora
    std::vector<std::string> targetModules;   // target_modules (a list; regex strings are refused on read)
    std::vector<std::string> modulesToSave;   // modules_to_save (null when empty)
    std::string taskType = "CAUSAL_LM";       // "CAUSAL_LM" | "SEQ_CLS"
    std::string baseModel;                    // base_model_name_or_path
    bool fanInFanOut = false;                 // true for GPT-2's Conv1D layers
};

// json.dumps(indent=2, sort_keys=True) of the keys PEFT's LoraConfig has had since 0.7.
std::string adapterConfigJson(const AdapterConfig& config);
Result<AdapterConfig> readAdapterConfig(const std::filesystem::path& file);

// The adapter's tensors under PEFT's names: every LoRA parameter plus the modules_to_save.
std::vector<std::pair<std::string, torch::Tensor>> adapterTensors(const models::Model& model,
                                                                  const std::vector<std::string>& modulesToSave);

// Writes the folder atomically; options.tokenizerFrom / dtype / modelCard apply as for full exports.
Status writePeftAdapter(const std::filesystem::path& folder, const models::Model& model, const AdapterConfig& config,
                        const ExportOptions& options);

// Fills the model's LoRA parameters and modules_to_save from folder/adapter_model.safetensors,
// strictly: every problem (missing, unexpected, mis-shaped) is listed at once.
Status loadPeftAdapterWeights(models::Model& model, const std::filesystem::path& folder,
                              const std::vector<std::string>& modulesToSave);

}  // namespace ft::exporting
