#include "core/export/peft_adapter.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/common/strings.h"
#include "core/export/staging.h"
#include "core/models/lora.h"
#include "core/models/weights.h"

namespace ft::exporting {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
const std::string kPrefix = "base_model.model.";
const char* kConfigFile = "adapter_config.json";
const char* kWeightsFile = "adapter_model.safetensors";

bool inModules(const std::string& parameterName, const std::vector<std::string>& modules) {
    for (const auto& m : modules)
        if (startsWith(parameterName, m + ".")) return true;
    return false;
}

json number(double v) {
    // Python writes an int alpha as "16", a float as "16.0": keep whole numbers integral.
    if (v == double(int64_t(v))) return int64_t(v);
    return v;
}
}  // namespace

std::string adapterConfigJson(const AdapterConfig& c) {
    json j = {
        {"alpha_pattern", json::object()},
        {"auto_mapping", nullptr},
        {"base_model_name_or_path", c.baseModel},
        {"bias", "none"},
        {"fan_in_fan_out", c.fanInFanOut},
        {"inference_mode", true},
        {"init_lora_weights", true},
        {"layers_pattern", nullptr},
        {"layers_to_transform", nullptr},
        {"loftq_config", json::object()},
        {"lora_alpha", number(c.shape.alpha)},
        {"lora_dropout", c.shape.dropout},
        {"megatron_config", nullptr},
        {"megatron_core", "megatron.core"},
        {"modules_to_save", c.modulesToSave.empty() ? json(nullptr) : json(c.modulesToSave)},
        {"peft_type", "LORA"},
        {"r", c.shape.rank},
        {"rank_pattern", json::object()},
        {"revision", nullptr},
        {"target_modules", c.targetModules},
        {"task_type", c.taskType},
        {"use_rslora", c.shape.rsLora},
    };
    return j.dump(2, ' ', /*ensure_ascii=*/true);
}

Result<AdapterConfig> readAdapterConfig(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError("peft.config_missing", "cannot open the adapter configuration", file.string());
    json j;
    try {
        j = json::parse(in);
    } catch (const std::exception& e) {
        return makeError("peft.config_invalid", std::string("the adapter configuration is not valid JSON: ") + e.what(), file.string());
    }
    auto bad = [&](const std::string& key, const std::string& why) {
        return makeError("peft.config_invalid", "'" + key + "' " + why, file.string(), -1, key);
    };
    if (!j.is_object()) return bad("", "must be a JSON object");
    if (j.value("peft_type", std::string()) != "LORA") return bad("peft_type", "must be \"LORA\" (other PEFT methods are not supported)");
    AdapterConfig c;
    try {
        c.shape.rank = j.at("r").get<int64_t>();
        c.shape.alpha = j.value("lora_alpha", 8.0);
        c.shape.dropout = j.value("lora_dropout", 0.0);
        c.shape.rsLora = j.value("use_rslora", false);
        c.fanInFanOut = j.value("fan_in_fan_out", false);
        c.taskType = j.value("task_type", std::string());
        if (j.contains("base_model_name_or_path") && j["base_model_name_or_path"].is_string())
            c.baseModel = j["base_model_name_or_path"].get<std::string>();
        const json& targets = j.at("target_modules");
        if (targets.is_string())
            return bad("target_modules", "is a regular expression (\"" + targets.get<std::string>() +
                                             "\"); only lists of module names are supported");
        c.targetModules = targets.get<std::vector<std::string>>();
        if (j.contains("modules_to_save") && !j["modules_to_save"].is_null())
            c.modulesToSave = j["modules_to_save"].get<std::vector<std::string>>();
    } catch (const std::exception& e) {
        return makeError("peft.config_invalid", std::string("the adapter configuration is incomplete: ") + e.what(), file.string());
    }
    if (c.shape.rank < 1) return bad("r", "must be at least 1");
    if (j.value("bias", std::string("none")) != "none") return bad("bias", "must be \"none\" (trained biases are not supported)");
    if (j.value("use_dora", false)) return bad("use_dora", "DoRA adapters are not supported");
    for (const char* key : {"rank_pattern", "alpha_pattern"})
        if (j.contains(key) && j[key].is_object() && !j[key].empty()) return bad(key, "per-module ranks or alphas are not supported");
    if (j.contains("layers_to_transform") && !j["layers_to_transform"].is_null())
        return bad("layers_to_transform", "is not supported (adapters on every matching layer only)");
    return c;
}

std::vector<std::pair<std::string, torch::Tensor>> adapterTensors(const models::Model& model,
                                                                  const std::vector<std::string>& modulesToSave) {
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& item : model.named_parameters(true))
        if (models::isLoraParameter(item.key()) || inModules(item.key(), modulesToSave))
            out.emplace_back(kPrefix + item.key(), item.value().detach());
    return out;
}

Status writePeftAdapter(const fs::path& folder, const models::Model& model, const AdapterConfig& config, const ExportOptions& options) {
    auto views = toTensorViews(adapterTensors(model, config.modulesToSave), options.dtype);
    if (!views) return views.error();
    auto staging = beginStaging(folder);
    if (!staging) return staging.error();
    if (Status st = io::writeSafetensors(*staging / kWeightsFile, views->views); !st) return st;
    if (Status st = writeText(*staging / kConfigFile, adapterConfigJson(config)); !st) return st;
    if (!options.tokenizerFrom.empty())
        if (Status st = copyTokenizerFiles(options.tokenizerFrom, *staging); !st) return st;
    if (!options.modelCard.empty())
        if (Status st = writeText(*staging / "README.md", options.modelCard); !st) return st;
    return commitStaging(*staging, folder);
}

Status loadPeftAdapterWeights(models::Model& model, const fs::path& folder, const std::vector<std::string>& modulesToSave) {
    const fs::path file = folder / kWeightsFile;
    if (!fs::exists(file)) {
        if (fs::exists(folder / "adapter_model.bin"))
            return makeError("peft.pickle_refused", "adapter_model.bin is a pickle file, which is never loaded (it can run code); "
                                                    "convert it to adapter_model.safetensors", (folder / "adapter_model.bin").string());
        return makeError("peft.weights_missing", "the adapter has no adapter_model.safetensors", file.string());
    }
    auto st = io::SafetensorsFile::open(file);
    if (!st) return st.error();

    std::map<std::string, torch::Tensor> expected;
    for (const auto& [name, tensor] : adapterTensors(model, modulesToSave)) expected[name] = tensor;
    std::vector<std::string> problems;
    std::set<std::string> seen;
    for (const auto& view : st->tensors()) {
        auto it = expected.find(view.name);
        // Keys that still carry PEFT's adapter name ("lora_A.default.weight") are accepted too.
        if (it == expected.end()) {
            std::string name = view.name;
            if (const auto pos = name.find(".default."); pos != std::string::npos) name.replace(pos, 9, ".");
            it = expected.find(name);
        }
        if (it == expected.end()) {
            problems.push_back("unexpected: " + view.name);
            continue;
        }
        seen.insert(it->first);
        torch::Tensor target = it->second;
        if (std::vector<int64_t>(target.sizes().begin(), target.sizes().end()) != view.shape) {
            problems.push_back("shape: " + view.name + ": file " + models::shapeString(view.shape) + " vs model " +
                               models::shapeString(target.sizes()));
            continue;
        }
        torch::NoGradGuard noGrad;
        target.copy_(models::toTensor(view, target.scalar_type()));
    }
    for (const auto& [name, tensor] : expected)
        if (!seen.count(name)) problems.push_back("missing: " + name);
    if (!problems.empty()) {
        std::string msg = "the adapter does not fit this model (" + std::to_string(problems.size()) + " problems):";
        for (const auto& p : problems) msg += "\n  " + p;
        return makeError("peft.weights_mismatch", msg, file.string());
    }
    return Status::success();
}

}  // namespace ft::exporting
