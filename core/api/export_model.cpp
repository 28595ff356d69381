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
#include "core/train/model_source.h"

namespace ft::api {
namespace fs = std::filesystem;

namespace {

exporting::ModelCardInfo cardFor(const train::ModelSource& s, const io::ModelConfig& config, bool adapter, const std::string& dtype) {
    exporting::ModelCardInfo card;
    card.dtype = dtype;
    card.adapter = adapter;
    card.labels = config.id2label;
    if (!s.job) {
        card.title = s.modelFolder.filename().string();
        card.task = config.modelType == "t5" ? "seq2seq_lm" : config.id2label.empty() ? "causal_lm" : "sequence_classification";
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
Status checkOutputFolder(const fs::path& output, const train::ModelSource& source) {
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
        auto source = train::locateModelSource(request.source, request.adapterOnly);
        if (!source) return source.error();
        if (Status st = checkOutputFolder(request.output, *source); !st) return st.error();
        if (request.adapterOnly && source->adapterFolder.empty())
            return makeError("export.not_lora", "only LoRA runs have an adapter to export", request.source, -1, "adapter_only");

        exporting::AdapterConfig adapter;
        auto loaded = train::loadModelSource(*source, &adapter);
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
        options.tokenizerFrom = source->tokenizerFolder();
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
        train::ModelSource written;
        written.modelFolder = writeAdapter ? source->modelFolder : fs::path(request.output);
        if (writeAdapter) written.adapterFolder = request.output;
        exporting::AdapterConfig unused;
        auto back = train::loadModelSource(written, &unused);
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
