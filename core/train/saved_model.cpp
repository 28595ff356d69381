#include "core/train/saved_model.h"

#include <string>

#include "core/io/safetensors.h"
#include "core/models/lora.h"
#include "core/train/run_folder.h"

namespace ft::train {
namespace fs = std::filesystem;

namespace {

Result<models::Head> headOf(const io::ModelConfig& config, const fs::path& folder) {
    for (const auto& a : config.architectures) {
        if (a.find("ForSequenceClassification") != std::string::npos) return models::Head::SequenceClassification;
        if (a.find("ForCausalLM") != std::string::npos || a.find("LMHeadModel") != std::string::npos) return models::Head::CausalLM;
    }
    return makeError("model.unknown_head",
                     "config.json's 'architectures' names no sequence-classification or causal-LM head, so it is not known "
                     "which head the weights belong to", (folder / "config.json").string(), -1, "architectures");
}

// `preferred` if it holds `marker`, else the run's newest complete checkpoint.
Result<fs::path> savedFolder(const fs::path& run, const fs::path& preferred, const char* marker, const char* what) {
    if (fs::exists(preferred / marker)) return preferred;
    auto last = latestCheckpoint(run);
    if (!last) return makeError("export.nothing_saved", std::string("the run has not saved ") + what + " yet", run.string());
    return *last;
}

}  // namespace

fs::path SavedModelSource::tokenizerFolder() const {
    if (!adapterFolder.empty() && (fs::exists(adapterFolder / "tokenizer.json") || fs::exists(adapterFolder / "tokenizer_config.json")))
        return adapterFolder;
    return modelFolder;
}

Result<SavedModelSource> locateSavedModel(const fs::path& path, bool adapterOnly) {
    SavedModelSource s;
    if (!fs::exists(path / "job.json")) {
        if (!fs::exists(path / "config.json"))
            return makeError("export.not_a_model", "neither a run folder (job.json) nor a model folder (config.json)", path.string());
        s.modelFolder = path;
        return s;
    }
    auto job = api::readJobConfig((path / "job.json").string());
    if (!job) return job.error();
    s.job = *job;
    s.runDir = path;
    if (job->lora.enabled && !adapterOnly && fs::exists(path / "merged" / "config.json")) {
        s.modelFolder = path / "merged";   // written at the end of the run, with the labels
        return s;
    }
    if (job->lora.enabled) {
        s.modelFolder = job->model.path;
        auto adapter = savedFolder(path, path / "best", "adapter_config.json", "an adapter");
        if (!adapter) return adapter.error();
        s.adapterFolder = *adapter;
        return s;
    }
    auto model = savedFolder(path, path / "best", "config.json", "a model");
    if (!model) return model.error();
    s.modelFolder = *model;
    return s;
}

Result<models::LoadedModel> loadSavedModel(const SavedModelSource& s, exporting::AdapterConfig* adapterOut) {
    auto config = io::readModelConfig(s.modelFolder / "config.json");
    if (!config) return config.error();
    auto head = headOf(*config, s.modelFolder);
    if (!head) return head.error();
    models::ModelRequest request;
    request.head = *head;
    request.numLabels = config->id2label.empty() ? 2 : int64_t(config->id2label.size());
    if (s.adapterFolder.empty()) return models::loadModel(s.modelFolder, request);

    // The base has no head weights for a new task: the adapter carries them (modules_to_save).
    auto a = exporting::readAdapterConfig(s.adapterFolder / "adapter_config.json");
    if (!a) return a.error();
    if (adapterOut) *adapterOut = *a;
    if (a->taskType == "SEQ_CLS") {
        request.head = models::Head::SequenceClassification;
        auto file = io::SafetensorsFile::open(s.adapterFolder / "adapter_model.safetensors");
        if (!file) return file.error();
        for (const auto& t : file->tensors())
            for (const auto& m : a->modulesToSave)
                if (t.name == "base_model.model." + m + ".weight" && !t.shape.empty() && m != "pre_classifier")
                    request.numLabels = t.shape[0];
    }
    auto loaded = models::loadModel(s.modelFolder, request);
    if (!loaded) return loaded.error();
    auto attached = models::attachLora(*loaded->model, a->targetModules, a->shape, a->modulesToSave);
    if (!attached) return attached.error();
    if (Status st = exporting::loadPeftAdapterWeights(*loaded->model, s.adapterFolder, a->modulesToSave); !st) return st.error();
    return loaded;
}

}  // namespace ft::train
