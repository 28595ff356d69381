#pragma once
// LoRA on a loaded model, with PEFT's rules: which modules get adapters (target_modules), which
// parameters are adapters, and merging the adapters into the base weights.

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/models/linear.h"
#include "core/models/model.h"

namespace ft::models {

// PEFT's TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING (distilbert: q_lin, v_lin).
std::vector<std::string> defaultLoraTargets(const std::string& modelType);

// PEFT's list rule: the module's full name equals an entry or ends with "." + entry.
bool matchesLoraTarget(const std::string& moduleName, const std::vector<std::string>& targets);

// "…q_proj.lora_A.weight", "…lora_B.weight".
bool isLoraParameter(const std::string& parameterName);

// Adds adapters to every matching Linear outside `excludedModules` (the heads PEFT keeps in
// modules_to_save). Returns the adapted module names in order; an error lists the model's linear
// modules when no target matches.
Result<std::vector<std::string>> attachLora(Model& model, const std::vector<std::string>& targets, const LoraShape& shape,
                                            const std::vector<std::string>& excludedModules = {});

// Folds every adapter into its base weight (W += scaling·B·A) and removes the adapters.
void mergeLora(Model& model);

}  // namespace ft::models
