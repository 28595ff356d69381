#include "core/train/model_evaluation.h"

#include <filesystem>

#include <torch/torch.h>

#include "core/tokenize/tokenizer.h"
#include "core/train/counterfactual_eval.h"
#include "core/train/evaluator.h"
#include "core/train/final_report.h"
#include "core/train/model_source.h"
#include "core/train/prepared_data.h"
#include "core/train/run_folder.h"
#include "core/train/seq2seq_generation.h"

namespace ft::train {
namespace fs = std::filesystem;

namespace {

// The run's job with the data swapped for the file, or a job made from the request for a model folder.
Result<api::JobConfig> evaluationJob(const ModelSource& source, const models::LoadedModel& model, const api::EvaluationRequest& r) {
    api::JobConfig job;
    if (source.job) {
        job = *source.job;
    } else {
        const models::Head head = model.model->head();
        job.task = head == models::Head::CausalLM    ? api::Task::CausalLM
                   : head == models::Head::Seq2SeqLM ? api::Task::Seq2SeqLM
                                                     : api::Task::SequenceClassification;
        job.name = fs::path(r.source).filename().string();
        job.data.maxLength = 512;
        if (r.textColumn.empty())
            return makeError("eval.text_column_required", "--text-column is required when evaluating a model folder (a run knows its own)",
                             r.source, -1, "--text-column");
        if (job.task == api::Task::SequenceClassification && r.labelColumn.empty())
            return makeError("eval.label_column_required", "--label-column is required when evaluating a classifier folder",
                             r.source, -1, "--label-column");
        if (job.task == api::Task::Seq2SeqLM && r.targetColumn.empty())
            return makeError("eval.target_column_required", "--target-column is required when evaluating a text-to-text folder",
                             r.source, -1, "--target-column");
    }
    job.model.path = source.modelFolder.string();
    job.data.train = r.dataFile;
    // The split column picks the rows (prepareData's onlySplit); otherwise the whole file is evaluated.
    if (!r.split.empty() && job.data.splitColumn.empty())
        return makeError("eval.no_split_column", "--split needs a run whose job has data.split_column", r.source, -1, "--split");
    job.data.validation = r.split.empty() ? r.dataFile : std::string();
    if (r.split.empty()) job.data.splitColumn.clear();
    job.data.stratifyByGroup = false;
    job.data.cleaning = api::CleaningSection();
    job.data.fewShotPerClass = 0;
    job.data.augmentation.enabled = false;
    job.data.pack = false;
    job.data.skipBadRows = false;
    job.data.tokenCache = false;
    if (!r.textColumn.empty()) job.data.textColumn = r.textColumn;
    if (!r.labelColumn.empty()) job.data.labelColumn = r.labelColumn;
    if (!r.targetColumn.empty()) job.data.targetColumn = r.targetColumn;
    if (!r.groupColumns.empty()) job.data.groupColumns = r.groupColumns;
    job.evaluation.counterfactual = r.counterfactual;
    job.evaluation.beforeTraining = false;
    job.evaluation.referenceText.clear();
    job.training.device = r.device;
    job.output.runDir = r.outDir;
    return job;
}

}  // namespace

Result<api::EvaluationResult> evaluateOnFile(const api::EvaluationRequest& r) {
    if (r.outDir.empty()) return makeError("eval.out_required", "an output folder is required", r.source, -1, "--out");
    auto source = locateModelSource(r.source, /*adapterOnly=*/false);
    if (!source) return source.error();
    auto loaded = loadModelSource(*source, nullptr);
    if (!loaded) return loaded.error();
    auto job = evaluationJob(*source, *loaded, r);
    if (!job) return job.error();
    const bool causal = job->task != api::Task::SequenceClassification;  // a language model: no labels
    if (!causal && loaded->config.id2label.empty())
        return makeError("eval.no_labels", "the model's config.json has no id2label: it is not a trained classifier", r.source);

    auto tokenizer = tok::Tokenizer::load(source->tokenizerFolder());
    if (!tokenizer) return tokenizer.error();
    const std::vector<std::string> labels = loaded->config.id2label;
    auto data = prepareData(*job, *tokenizer, causal ? nullptr : &labels, r.split);
    if (!data) return data.error();
    if (data->validation.empty()) return makeError("eval.no_examples", "the file has no examples to evaluate", r.dataFile);

    const torch::Device device = r.device != "cpu" && torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    loaded->model->to(device);
    loaded->model->eval();
    torch::NoGradGuard noGrad;
    const EvalSummary summary = evaluate(*loaded->model, data->validation, job->training.batchSize, loaded->padTokenId,
                                         static_cast<int>(data->labels.size()), device);
    std::optional<eval::CounterfactualSummary> counterfactual;
    if (job->evaluation.counterfactual && job->data.format == api::DataFormat::Text && job->task != api::Task::Seq2SeqLM) {
        auto cf = runCounterfactualTest(*loaded->model, *tokenizer, *job, *data, summary, loaded->padTokenId, device);
        if (!cf) return cf.error();
        counterfactual = std::move(*cf);
    }

    std::error_code ec;
    fs::create_directories(r.outDir, ec);
    if (ec) return makeError("eval.write_failed", "cannot create the output folder: " + ec.message(), r.outDir);
    if (Status st = writeTextAtomic(fs::path(r.outDir) / "job.json", api::jobConfigToJson(*job)); !st) return st.error();
    std::optional<eval::TextToTextSummary> generated;
    if (job->task == api::Task::Seq2SeqLM)
        generated = generateTargets(*loaded->model, *tokenizer, data->validation, data->validationTexts, job->data.maxTargetLength,
                                    endOfTextIds(loaded->config, *tokenizer));
    const auto amend = [&](eval::EvalReport& report) {
        if (generated) report.textToText = generated;
        report.split = "test";
        report.datasetId = r.dataFile;
        report.modelId = r.source;
    };
    if (Status st = writeFinalReport(r.outDir, *job, *data, summary, counterfactual, amend); !st) return st.error();

    api::EvaluationResult out;
    out.reportFile = (fs::path(r.outDir) / "eval" / "report.json").string();
    out.examples = static_cast<int64_t>(data->validation.size());
    out.loss = summary.loss;
    out.accuracy = summary.accuracy;
    out.f1Macro = summary.f1Macro;
    out.perplexity = summary.perplexity;
    return out;
}

}  // namespace ft::train
