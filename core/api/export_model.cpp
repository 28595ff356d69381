#include "core/api/export_model.h"

#include <cstdio>
#include <filesystem>

#include <torch/torch.h>

#include "core/api/eval_report.h"
#include "core/api/job_config.h"
#include "core/export/hf_export.h"
#include "core/export/model_card.h"
#include "core/export/peft_adapter.h"
#include "core/export/staging.h"
#include "core/models/factory.h"
#include "core/models/generate.h"
#include "core/models/lora.h"
#include "core/train/run_folder.h"

namespace ft::api {
namespace fs = std::filesystem;

namespace {

Result<models::Head> headOf(const io::ModelConfig& config, const fs::path& folder) {
    for (const auto& a : config.architectures) {
        if (a.find("ForSequenceClassification") != std::string::npos) return models::Head::SequenceClassification;
        if (a.find("ForCausalLM") != std::string::npos || a.find("LMHeadModel") != std::string::npos) return models::Head::CausalLM;
    }
    return makeError("export.unknown_head",
                     "config.json's 'architectures' names no sequence-classification or causal-LM head, so the export would not "
                     "know which head to write", (folder / "config.json").string(), -1, "architectures");
}

models::ModelRequest requestFor(const io::ModelConfig& config, models::Head head) {
    models::ModelRequest r;
    r.head = head;
    r.numLabels = config.id2label.empty() ? 2 : int64_t(config.id2label.size());
    return r;
}

// Where a run's result lives, and what kind of result it is.
struct Source {
    fs::path modelFolder;            // full weights (or the LoRA base)
    fs::path adapterFolder;          // LoRA runs: best/ (PEFT adapter)
    std::optional<JobConfig> job;
    fs::path runDir;
};

// `preferred` if it holds `marker`, else the run's newest complete checkpoint.
Result<fs::path> savedFolder(const fs::path& run, const fs::path& preferred, const char* marker, const char* what) {
    if (fs::exists(preferred / marker)) return preferred;
    auto last = train::latestCheckpoint(run);
    if (!last) return makeError("export.nothing_saved", std::string("the run has not saved ") + what + " yet", run.string());
    return *last;
}

Result<Source> locate(const fs::path& source, bool adapterOnly) {
    Source s;
    if (!fs::exists(source / "job.json")) {
        if (!fs::exists(source / "config.json"))
            return makeError("export.not_a_model", "neither a run folder (job.json) nor a model folder (config.json)", source.string());
        s.modelFolder = source;
        return s;
    }
    auto job = readJobConfig((source / "job.json").string());
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

Result<models::LoadedModel> loadSource(const Source& s, exporting::AdapterConfig* adapter) {
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

exporting::ModelCardInfo cardFor(const Source& s, const io::ModelConfig& config, bool adapter, const std::string& dtype) {
    exporting::ModelCardInfo card;
    card.dtype = dtype;
    card.adapter = adapter;
    card.labels = config.id2label;
    if (!s.job) {
        card.title = s.modelFolder.filename().string();
        card.task = config.id2label.empty() ? "causal_lm" : "sequence_classification";
        return card;
    }
    const JobConfig& job = *s.job;
    card.title = job.name;
    card.baseModel = job.model.path;
    card.task = taskName(job.task);
    card.dataset = fs::path(job.data.train).filename().string();
    auto number = [](double v) {
        char b[32];
        std::snprintf(b, sizeof b, "%g", v);
        return std::string(b);
    };
    card.settings = {{"epochs", std::to_string(job.training.epochs)},
                     {"batch size", std::to_string(job.training.batchSize * job.training.gradAccumSteps)},
                     {"learning rate", number(job.training.learningRate)},
                     {"schedule", scheduleName(job.training.schedule)},
                     {"weight decay", number(job.training.weightDecay)},
                     {"max length", std::to_string(job.data.maxLength)},
                     {"seed", std::to_string(job.training.seed)}};
    if (job.lora.enabled)
        card.settings.push_back({"LoRA", "r " + std::to_string(job.lora.rank) + ", alpha " + number(job.lora.alpha) + ", dropout " +
                                             number(job.lora.dropout)});
    if (job.freezing.lowerBlocks > 0) card.settings.push_back({"frozen lower blocks", std::to_string(job.freezing.lowerBlocks)});
    if (auto report = readEvalReport(s.runDir.string())) {
        card.validationExamples = report->n;
        if (job.task == Task::SequenceClassification) {
            card.metrics = {{"accuracy", report->accuracy},   {"balanced accuracy", report->balancedAccuracy},
                            {"F1 (macro)", report->f1Macro},  {"precision (macro)", report->precisionMacro},
                            {"recall (macro)", report->recallMacro}, {"loss", report->loss}};
        } else {
            card.metrics = {{"loss", report->loss}, {"perplexity", report->perplexity}};
        }
        for (const auto& g : report->groups) {
            char line[256];
            std::snprintf(line, sizeof line, "%s = %s: n %lld, accuracy %.4f [%.4f, %.4f]%s%s", g.attribute.c_str(), g.group.c_str(),
                          static_cast<long long>(g.n), g.accuracy, g.accuracyLow, g.accuracyHigh, g.warning.empty() ? "" : " — ",
                          g.warning.c_str());
            card.fairness.push_back(line);
        }
        for (const auto& d : report->disparities) card.fairness.push_back(d);
    }
    return card;
}

// A deterministic batch [2, 12] spread over the vocabulary (no RNG state is touched).
torch::Tensor fixedBatch(const io::ModelConfig& config) {
    const int64_t vocab = std::max<int64_t>(2, io::vocabSize(config));
    torch::Tensor ids = torch::empty({2, 12}, torch::kLong);
    for (int64_t i = 0; i < 2; ++i)
        for (int64_t j = 0; j < 12; ++j) ids[i][j] = (i * 7919 + j * 104729 + 13) % vocab;
    return ids;
}

// The export replaces its output folder whole: never let that folder be (or hold) what is exported,
// and never replace a folder that is not an earlier export.
Status checkOutputFolder(const fs::path& output, const Source& source) {
    std::error_code ec;
    const fs::path out = fs::weakly_canonical(fs::absolute(output), ec);
    std::vector<fs::path> protectedFolders = {source.modelFolder, source.adapterFolder, source.runDir};
    if (source.job) protectedFolders.push_back(source.job->model.path);
    for (const fs::path& p : protectedFolders) {
        if (p.empty()) continue;
        const fs::path guarded = fs::weakly_canonical(fs::absolute(p), ec);
        const std::string a = out.string(), b = guarded.string();
        if (b == a || (b.size() > a.size() && b.compare(0, a.size(), a) == 0 && b[a.size()] == '/'))
            return makeError("export.unsafe_output", "the output folder " + a + " is or contains " + b +
                                                         ", which the export reads; choose a folder outside it", a, -1, "output");
    }
    if (fs::is_directory(out, ec) && !fs::is_empty(out, ec) && !fs::exists(out / "config.json") && !fs::exists(out / "adapter_config.json"))
        return makeError("export.output_not_empty", "the output folder exists and is not an earlier export; choose a new or empty folder",
                         out.string(), -1, "output");
    return Status::success();
}

}  // namespace

Result<ExportSummary> exportModel(const ExportRequest& request) {
    try {
        if (request.output.empty()) return makeError("export.invalid_request", "no output folder given", {}, -1, "output");
        auto dtype = exporting::parseFloatDtype(request.dtype);
        if (!dtype) return dtype.error();
        auto source = locate(request.source, request.adapterOnly);
        if (!source) return source.error();
        if (Status st = checkOutputFolder(request.output, *source); !st) return st.error();
        if (request.adapterOnly && source->adapterFolder.empty())
            return makeError("export.not_lora", "only LoRA runs have an adapter to export", request.source, -1, "adapter_only");

        exporting::AdapterConfig adapter;
        auto loaded = loadSource(*source, &adapter);
        if (!loaded) return loaded.error();
        torch::NoGradGuard noGrad;
        models::Model& model = *loaded->model;
        model.eval();
        const torch::Tensor ids = fixedBatch(loaded->config);
        const torch::Tensor mask = torch::ones_like(ids);
        const torch::Tensor reference = model.forward(ids, mask);

        ExportSummary summary;
        summary.folder = request.output;
        exporting::ExportOptions options;
        options.dtype = request.dtype;
        options.tokenizerFrom = source->adapterFolder.empty() ? source->modelFolder : source->adapterFolder;
        if (!fs::exists(options.tokenizerFrom / "tokenizer.json") && !fs::exists(options.tokenizerFrom / "tokenizer_config.json"))
            options.tokenizerFrom = source->modelFolder;
        const bool writeAdapter = request.adapterOnly;
        options.modelCard = exporting::modelCardMarkdown(cardFor(*source, loaded->config, writeAdapter, request.dtype));
        if (writeAdapter) {
            summary.kind = "adapter";
            if (Status st = exporting::writePeftAdapter(request.output, model, adapter, options); !st) return st.error();
            for (const auto& [name, t] : exporting::adapterTensors(model, adapter.modulesToSave)) summary.parameters += t.numel();
        } else {
            summary.kind = "model";
            models::mergeLora(model);   // no-op without adapters
            io::ModelConfig config = loaded->config;
            config.padTokenId = loaded->padTokenId;
            if (Status st = exporting::writeHfFolder(request.output, model, config, options); !st) return st.error();
            for (const auto& [name, t] : model.checkpointTensors()) summary.parameters += t.numel();
        }
        if (!request.verify) return summary;

        // Reload exactly as a user would and compare on the same batch.
        Source written;
        written.modelFolder = writeAdapter ? source->modelFolder : fs::path(request.output);
        if (writeAdapter) written.adapterFolder = request.output;
        exporting::AdapterConfig unused;
        auto back = loadSource(written, &unused);
        if (!back) return back.error();
        back->model->eval();
        const torch::Tensor again = back->model->forward(ids, mask);
        summary.maxLogitDifference = (again - reference).abs().max().item<double>();
        const double scale = std::max(1.0, reference.abs().max().item<double>());
        summary.tolerance = (*dtype == torch::kFloat32 ? 1e-5 : *dtype == torch::kFloat16 ? 2e-2 : 1e-1) * scale;
        if (!(summary.maxLogitDifference <= summary.tolerance))
            return makeError("export.verify_failed",
                             "the reloaded export differs from the model by " + std::to_string(summary.maxLogitDifference) +
                                 " (allowed " + std::to_string(summary.tolerance) + " for " + request.dtype + ")",
                             request.output);
        if (back->model->head() == models::Head::CausalLM) {
            std::vector<int64_t> eos = back->config.eosTokenIds;
            if (eos.empty() && back->config.eosTokenId) eos.push_back(*back->config.eosTokenId);
            const int64_t start = back->config.bosTokenId ? *back->config.bosTokenId : (eos.empty() ? 0 : eos.front());
            auto gen = models::greedyGenerate(*back->model, {start}, 48, eos, io::maxPositions(back->config));
            summary.generationChecked = true;
            summary.generationEmittedEos = gen.endedWithEos;
            if (!gen.endedWithEos)
                summary.warnings.push_back("a 48-token greedy generation never produced the end-of-sequence token: generation may not stop "
                                           "on its own (expected for models trained without EOS in their data)");
        }
        return summary;
    } catch (const std::exception& e) {
        return makeError("export.internal", std::string("export stopped: ") + e.what(), request.output);
    }
}

}  // namespace ft::api
