#include "core/export/hf_export.h"

#include <fstream>

#include <torch/torch.h>

#include "core/export/staging.h"
#include "core/io/checkpoint.h"
#include "core/models/factory.h"
#include "core/models/lora.h"
#include "core/models/weights.h"

namespace ft::exporting {
namespace fs = std::filesystem;

namespace {
const char* kTokenizerFiles[] = {"tokenizer.json",  "tokenizer_config.json", "special_tokens_map.json", "vocab.json",
                                 "merges.txt",      "vocab.txt",             "tokenizer.model",         "added_tokens.json",
                                 "chat_template.jinja", "spiece.model"};

}  // namespace

Status copyTokenizerFiles(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    for (const char* name : kTokenizerFiles) {
        if (!fs::exists(from / name)) continue;
        fs::copy_file(from / name, to / name, fs::copy_options::overwrite_existing, ec);
        if (ec) return makeError("export.write_failed", "cannot copy " + std::string(name) + ": " + ec.message(), (to / name).string());
    }
    return Status::success();
}

Status writeHfFolder(const fs::path& folder, const models::Model& model, io::ModelConfig config, const ExportOptions& options) {
    auto tensors = model.checkpointTensors();
    for (const auto& [name, tensor] : tensors)
        if (models::isLoraParameter(name))
            return makeError("export.unmerged_lora", "the model still has LoRA adapters (" + name +
                                                         "): merge them or export a PEFT adapter instead", folder.string());
    auto views = toTensorViews(tensors, options.dtype);
    if (!views) return views.error();
    tensors.clear();
    auto staging = beginStaging(folder);
    if (!staging) return staging.error();
    if (Status st = io::writeCheckpoint(*staging, views->views, options.maxShardBytes); !st) return st;

    // The class that matches the weights written (a classifier fine-tuned from GPT2LMHeadModel is a
    // GPT2ForSequenceClassification now).
    config.architectures = {models::architectureName(config, model.head())};
    if (!options.dtype.empty()) config.dtype = options.dtype;
    if (config.dtype.empty()) config.dtype = "float32";
    if (Status st = writeText(*staging / "config.json", io::toConfigJson(config).dump(2) + "\n"); !st) return st;
    if (model.head() == models::Head::CausalLM || model.head() == models::Head::Seq2SeqLM) {
        nlohmann::json gen = {{"_from_model_config", true}};
        if (const auto* t5 = std::get_if<io::T5Config>(&config.arch)) gen["decoder_start_token_id"] = t5->decoderStartTokenId;
        if (config.bosTokenId) gen["bos_token_id"] = *config.bosTokenId;
        if (config.eosTokenId) gen["eos_token_id"] = *config.eosTokenId;
        if (config.padTokenId) gen["pad_token_id"] = *config.padTokenId;
        if (Status st = writeText(*staging / "generation_config.json", gen.dump(2) + "\n"); !st) return st;
    }
    if (!options.tokenizerFrom.empty())
        if (Status st = copyTokenizerFiles(options.tokenizerFrom, *staging); !st) return st;
    if (!options.modelCard.empty())
        if (Status st = writeText(*staging / "README.md", options.modelCard); !st) return st;
    return commitStaging(*staging, folder);
}

}  // namespace ft::exporting
