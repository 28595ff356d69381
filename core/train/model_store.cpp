#include "core/train/model_store.h"

#include <torch/torch.h>

#include "core/models/lora.h"

namespace ft::train {
namespace fs = std::filesystem;

namespace {
exporting::AdapterConfig adapterConfigFor(const api::JobConfig& job, const io::ModelConfig& config, models::Head head) {
    exporting::AdapterConfig a;
    a.shape.rank = job.lora.rank;
    a.shape.alpha = job.lora.alpha;
    a.shape.dropout = job.lora.dropout;
    a.shape.rsLora = job.lora.rsLora;
    a.targetModules = job.lora.targetModules.empty() ? models::defaultLoraTargets(config.modelType) : job.lora.targetModules;
    a.modulesToSave = models::headModuleNames(config, head);
    a.taskType = head == models::Head::CausalLM ? "CAUSAL_LM" : head == models::Head::Seq2SeqLM ? "SEQ_2_SEQ_LM" : "SEQ_CLS";
    a.baseModel = fs::absolute(job.model.path).lexically_normal().string();
    a.fanInFanOut = config.modelType == "gpt2";   // Conv1D layers
    return a;
}
}  // namespace

Result<models::LoadedModel> loadTrainingModel(const api::JobConfig& job, const models::ModelRequest& request,
                                              const std::optional<fs::path>& saved, LoraState* lora) {
    if (!job.lora.enabled) return models::loadModel(saved ? *saved : fs::path(job.model.path), request, !saved && job.model.fromScratch);

    auto loaded = models::loadModel(job.model.path, request);
    if (!loaded) return loaded.error();
    lora->adapter = adapterConfigFor(job, loaded->config, request.head);
    auto adapted = models::attachLora(*loaded->model, lora->adapter.targetModules, lora->adapter.shape, lora->adapter.modulesToSave);
    if (!adapted) return adapted.error();
    lora->adaptedModules = std::move(*adapted);
    if (saved)
        if (Status st = exporting::loadPeftAdapterWeights(*loaded->model, *saved, lora->adapter.modulesToSave); !st) return st.error();
    return loaded;
}

Status saveTrainingModel(const fs::path& dir, const models::LoadedModel& model, const api::JobConfig& job, const LoraState* lora) {
    exporting::ExportOptions options;
    options.tokenizerFrom = job.model.path;
    if (lora) return exporting::writePeftAdapter(dir, *model.model, lora->adapter, options);
    return exporting::writeHfFolder(dir, *model.model, model.config, options);
}

Status writeMergedModel(const fs::path& dir, models::LoadedModel& model, const api::JobConfig& job) {
    models::mergeLora(*model.model);
    exporting::ExportOptions options;
    options.tokenizerFrom = job.model.path;
    return exporting::writeHfFolder(dir, *model.model, model.config, options);
}

}  // namespace ft::train
