#include "core/train/model_source.h"

#include "core/io/safetensors.h"
#include "core/models/lora.h"
#include "core/train/run_folder.h"

namespace ft::train {
namespace fs = std::filesystem;

namespace {

models::ModelRequest requestFor(const io::ModelConfig& config, models::Head head) {
    models::ModelRequest r;
    r.head = head;
    r.numLabels = config.id2label.empty() ? 2 : int64_t(config.id2label.size());
    return r;
}

// `preferred` if it holds `marker`, else the run's newest complete checkpoint.
Result<fs::path> savedFolder(const fs::path& run, const fs::path& preferred, const char* marker, const char* what) {
    if (fs::exists(preferred / marker)) return preferred;
    auto last = latestCheckpoint(run);
    if (!last) return makeError("source.nothing_saved", std::string("the run has not saved ") + what + " yet", run.string());
    return *last;
}

}  // namespace

Result<models::Head> headOf(const io::ModelConfig& config, const fs::path& folder) {
    for (const auto& a : config.architectures) {
        if (a.find("ForSequenceClassification") != std::string::npos) return models::Head::SequenceClassification;
        if (a.find("ForCausalLM") != std::string::npos || a.find("LMHeadModel") != std::string::npos) return models::Head::CausalLM;
        if (a.find("ForConditionalGeneration") != std::string::npos) return models::Head::Seq2SeqLM;
    }
    return makeError("source.unknown_head",
                     "config.json's 'architectures' names no sequence-classification, causal-LM or text-to-text head, so it is not "
                     "known which head to load", (folder / "config.json").string(), -1, "architectures");
}

Result<ModelSource> locateModelSource(const fs::path& source, bool adapterOnly) {
    ModelSource s;
    if (!fs::exists(source / "job.json")) {
        if (!fs::exists(source / "config.json"))
            return makeError("source.not_a_model", "neither a run folder (job.json) nor a model folder (config.json)", source.string());
        s.modelFolder = source;
        return s;
    }
    auto job = api::readJobConfig((source / "job.json").string());
    if (!job) return job.error();
    s.job = *job;
    s.runDir = source;
    if (job->lora.enabled && !adapterOnly && fs::exists(source / "merged" / "config.json")) {
        s.modelFolder = source / "merged";   // written at the end of the run, with the labels
        return s;
    }
    if (job->lora.enabled) {
        s.modelFolder = job->model.path;
        auto adapter = savedFolder(source, source / "best", "adapter_config.json", "an adapter");
        if (!adapter) return adapter.error();
        s.adapterFolder = *adapter;
        return s;
    }
    auto model = savedFolder(source, source / "best", "config.json", "a model");
    if (!model) return model.error();
    s.modelFolder = *model;
    return s;
}

std::filesystem::path ModelSource::tokenizerFolder() const {
    namespace fs = std::filesystem;
    if (!adapterFolder.empty() && (fs::exists(adapterFolder / "tokenizer.json") || fs::exists(adapterFolder / "tokenizer_config.json")))
        return adapterFolder;
    return modelFolder;
}

Result<models::LoadedModel> loadModelSource(const ModelSource& s, exporting::AdapterConfig* adapter) {
    auto config = io::readModelConfig(s.modelFolder / "config.json");
    if (!config) return config.error();
    auto head = headOf(*config, s.modelFolder);
    if (!head) return head.error();
    models::ModelRequest request = requestFor(*config, *head);
    if (!s.adapterFolder.empty()) {
        // The base has no head weights for a new task: the adapter carries them (modules_to_save).
        auto a = exporting::readAdapterConfig(s.adapterFolder / "adapter_config.json");
        if (!a) return a.error();
        *adapter = *a;
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
    return models::loadModel(s.modelFolder, request);
}

}  // namespace ft::train
