#include "core/export/hf_export.h"

#include <fstream>

#include <torch/torch.h>

#include "core/io/checkpoint.h"
#include "core/models/weights.h"

namespace ft::exporting {
namespace fs = std::filesystem;

namespace {
const char* kTokenizerFiles[] = {"tokenizer.json",  "tokenizer_config.json", "special_tokens_map.json", "vocab.json",
                                 "merges.txt",      "vocab.txt",             "tokenizer.model",         "added_tokens.json",
                                 "chat_template.jinja"};

Status writeText(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return makeError("export.write_failed", "cannot write " + file.filename().string(), file.string());
    return Status::success();
}
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
    std::error_code ec;
    const fs::path staging = folder.parent_path() / (folder.filename().string() + ".partial");
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) return makeError("export.write_failed", "cannot create " + staging.string() + ": " + ec.message(), staging.string());

    // Tensors in the checkpoint's layout, on the CPU, contiguous; views point into `keep`.
    std::vector<torch::Tensor> keep;
    std::vector<io::TensorView> views;
    for (const auto& [name, tensor] : model.checkpointTensors()) {
        torch::Tensor t = tensor.detach().to(torch::kCPU).contiguous();
        auto dtype = models::toDType(t.scalar_type());
        if (!dtype) return dtype.error();
        keep.push_back(t);
        io::TensorView v;
        v.name = name;
        v.dtype = *dtype;
        v.shape.assign(t.sizes().begin(), t.sizes().end());
        v.data = t.data_ptr();
        v.nbytes = static_cast<size_t>(t.numel()) * t.element_size();
        views.push_back(std::move(v));
    }
    if (Status st = io::writeCheckpoint(staging, views, options.maxShardBytes); !st) return st;

    if (config.dtype.empty()) config.dtype = "float32";
    if (Status st = writeText(staging / "config.json", io::toConfigJson(config).dump(2) + "\n"); !st) return st;
    if (model.head() == models::Head::CausalLM) {
        nlohmann::json gen = {{"_from_model_config", true}};
        if (config.bosTokenId) gen["bos_token_id"] = *config.bosTokenId;
        if (config.eosTokenId) gen["eos_token_id"] = *config.eosTokenId;
        if (config.padTokenId) gen["pad_token_id"] = *config.padTokenId;
        if (Status st = writeText(staging / "generation_config.json", gen.dump(2) + "\n"); !st) return st;
    }
    if (!options.tokenizerFrom.empty())
        if (Status st = copyTokenizerFiles(options.tokenizerFrom, staging); !st) return st;

    // Swap into place: the old folder (if any) is removed only once the new one is complete.
    const fs::path old = folder.parent_path() / (folder.filename().string() + ".old");
    fs::remove_all(old, ec);
    if (fs::exists(folder)) fs::rename(folder, old, ec);
    fs::rename(staging, folder, ec);
    if (ec) return makeError("export.write_failed", "cannot move the export into place: " + ec.message(), folder.string());
    fs::remove_all(old, ec);
    return Status::success();
}

}  // namespace ft::exporting
