#include "core/models/lora.h"

#include <algorithm>

#include <torch/torch.h>

#include "core/common/strings.h"

namespace ft::models {

std::vector<std::string> defaultLoraTargets(const std::string& modelType) {
    if (modelType == "gpt2") return {"c_attn"};
    if (modelType == "bert") return {"query", "value"};
    if (modelType == "distilbert") return {"q_lin", "v_lin"};
    if (modelType == "t5" || modelType == "mt5") return {"q", "v"};
    return {"q_proj", "v_proj"};  // llama, mistral, qwen2 and the other Llama-family decoders
}

bool matchesLoraTarget(const std::string& moduleName, const std::vector<std::string>& targets) {
    for (const auto& t : targets)
        if (moduleName == t || endsWith(moduleName, "." + t)) return true;
    return false;
}

bool isLoraParameter(const std::string& name) {
    return name.find(".lora_A.") != std::string::npos || name.find(".lora_B.") != std::string::npos;
}

static bool insideAny(const std::string& moduleName, const std::vector<std::string>& prefixes) {
    for (const auto& p : prefixes)
        if (moduleName == p || startsWith(moduleName, p + ".")) return true;
    return false;
}

Result<std::vector<std::string>> attachLora(Model& model, const std::vector<std::string>& targets, const LoraShape& shape,
                                            const std::vector<std::string>& excludedModules) {
    std::vector<std::string> adapted, linearNames;
    for (const auto& item : model.named_modules("", /*include_self=*/false)) {
        auto* linear = item.value()->as<LinearImpl>();
        if (!linear || insideAny(item.key(), excludedModules)) continue;
        const std::string& name = item.key();
        // Report a short list of distinct leaf names ("q_proj", "c_attn") for the error message.
        const std::string leaf = name.substr(name.rfind('.') + 1);
        if (std::find(linearNames.begin(), linearNames.end(), leaf) == linearNames.end()) linearNames.push_back(leaf);
        if (!matchesLoraTarget(name, targets)) continue;
        if (linear->hasLora())
            return makeError("lora.already_attached", "module '" + name + "' already has a LoRA adapter", {}, -1, "lora.target_modules");
        linear->attachLora(shape);
        adapted.push_back(name);
    }
    if (adapted.empty()) {
        std::string wanted, have;
        for (const auto& t : targets) wanted += (wanted.empty() ? "" : ", ") + t;
        for (const auto& l : linearNames) have += (have.empty() ? "" : ", ") + l;
        return makeError("lora.no_target", "no module of this model matches lora.target_modules [" + wanted +
                                               "]; its linear layers are: " + have, {}, -1, "lora.target_modules");
    }
    return adapted;
}

void mergeLora(Model& model) {
    for (const auto& item : model.named_modules("", /*include_self=*/false))
        if (auto* linear = item.value()->as<LinearImpl>()) linear->mergeLora();
}

}  // namespace ft::models
