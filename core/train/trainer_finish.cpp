// The measurements before a run's first step and its report at the end (detail::Run's finishing half).
#include "core/train/trainer_run.h"

#include <cstdio>

#include <torch/torch.h>

#include "core/api/evaluation.h"
#include "core/api/hardware.h"
#include "core/train/counterfactual_eval.h"
#include "core/train/evaluator.h"
#include "core/train/final_report.h"
#include "core/train/model_evaluation.h"
#include "core/train/seq2seq_generation.h"

namespace ft::train::detail {

Status Run::finish() {
    // The final report is computed on the best model of the run.
    const fs::path best = m_runDir / "best";
    if (fs::exists(best / "config.json") || fs::exists(best / "adapter_config.json")) {
        models::ModelRequest request;
        request.head = m_model.model->head();
        request.numLabels = static_cast<int64_t>(m_data.labels.size());
        request.padTokenId = m_model.padTokenId;
        const io::ModelConfig config = m_model.config;   // carries the labels
        releaseTrainingState();
        m_model.model.reset();  // the trained weights are in best/ and the last checkpoint
        auto loaded = loadTrainingModel(m_job, request, best, m_lora ? &*m_lora : nullptr);
        if (!loaded) return loaded.error();
        m_model = std::move(*loaded);
        m_model.config = config;
        m_model.model->to(m_device);
    }
    m_model.model->eval();
    EvalSummary summary = evaluate(*m_model.model, m_data.validation, m_job.training.batchSize, m_model.padTokenId,
                                   static_cast<int>(m_data.labels.size()), m_device);
    std::optional<eval::CounterfactualSummary> counterfactual;
    // The swap test edits plain texts; instruction / chat examples are not evaluated that way (yet).
    // (the swap test compares class probabilities or next-token likelihoods: not defined for text-to-text)
    if (m_job.evaluation.counterfactual && m_job.data.format == api::DataFormat::Text && m_job.task != api::Task::Seq2SeqLM) {
        auto cf = runCounterfactualTest(*m_model.model, *m_tokenizer, m_job, m_data, summary, m_model.padTokenId, m_device);
        if (cf) {
            counterfactual = std::move(*cf);
        } else {
            api::TrainEvent w = makeEvent(api::EventKind::Warning);
            w.code = cf.error().code;
            w.message = "the counterfactual test did not run: " + cf.error().describe();
            send(w);
        }
    }
    // Base vs fine-tuned: what was measured before the first step, and the forgetting check again now.
    std::optional<ReferenceScore> referenceAfter;
    if (!m_job.evaluation.referenceText.empty()) {
        auto score = scoreReferenceText();
        if (!score) return score.error();
        referenceAfter = *score;
    }
    const std::optional<BeforeTrainingMeasure> before = readBeforeTraining(m_runDir / "eval" / "before-training.json");
    // Text to text: the model writes the first validation targets itself (exact match, samples).
    std::optional<eval::TextToTextSummary> generated;
    if (m_job.task == api::Task::Seq2SeqLM)
        generated = generateTargets(*m_model.model, *m_tokenizer, m_data.validation, m_data.validationTexts, m_job.data.maxTargetLength,
                                    endOfTextIds(m_model.config, *m_tokenizer));
    const auto amend = [&](eval::EvalReport& report) {
        if (before) addBeforeAfter(report, *before, referenceAfter, m_job.evaluation.referenceText);
        if (generated) report.textToText = generated;
    };
    if (Status st = writeFinalReport(m_runDir, m_job, m_data, summary, counterfactual, amend); !st) return st;
    // LoRA runs also leave the merged full model, loadable without PEFT.
    if (m_lora)
        if (Status st = writeMergedModel(m_runDir / "merged", m_model, m_job); !st) return st;

    api::TrainEvent done = makeEvent(api::EventKind::Finished);
    // data.test (or the split column's test rows): held out, evaluated once with the best model; its
    // report beside the run's.
    if (!m_job.data.test.empty() || m_data.testRowsHeldOut > 0) {
        api::EvaluationRequest request;
        request.source = m_runDir.string();
        request.dataFile = m_job.data.test.empty() ? m_job.data.train : m_job.data.test;
        if (m_job.data.test.empty()) request.split = "test";
        request.outDir = (m_runDir / "evaluations" / "test").string();
        request.counterfactual = m_job.evaluation.counterfactual;
        request.device = m_device.is_cuda() ? "cuda" : "cpu";
        auto test = train::evaluateOnFile(request);
        if (!test) return test.error();
        char line[160];
        if (test->accuracy >= 0)
            std::snprintf(line, sizeof line, "test set (%lld examples): loss %.4f, accuracy %.4f, macro-F1 %.4f",
                          static_cast<long long>(test->examples), test->loss, test->accuracy, test->f1Macro);
        else
            std::snprintf(line, sizeof line, "test set (%lld sequences): loss %.4f, perplexity %.3f", static_cast<long long>(test->examples),
                          test->loss, test->perplexity);
        done.message = line;
    }
    done.path = m_runDir.string();
    done.evalLoss = summary.loss;
    done.evalAccuracy = summary.accuracy;
    done.evalF1Macro = summary.f1Macro;
    done.evalPerplexity = summary.perplexity;
    done.peakResidentBytes = api::peakResidentBytes();
    send(done);
    return Status::success();
}

// Training is over and saved: the optimizer state, gradients and L2-SP anchors go before the report's
// model is loaded, so the end of a run needs no more memory than its steps did (on a big model,
// keeping them beside a second copy of the weights would be the run's peak).
void Run::releaseTrainingState() {
    m_optimizer.reset();
    m_l2sp = L2SpPenalty();
    for (auto& p : m_plan) p.tensor.mutable_grad() = torch::Tensor();
    m_plan.clear();
}

// Before the first step of a new run: the validation metrics of the untrained model, and the
// reference text's perplexity for the forgetting check. Every rank measures (no rank waits on
// another's collectives); rank 0 keeps the result in the run folder for the final report.
Status Run::measureBeforeTraining() {
    const auto& e = m_job.evaluation;
    if (m_state.step != 0 || (!e.beforeTraining && e.referenceText.empty())) return Status::success();
    BeforeTrainingMeasure measure;
    if (e.beforeTraining) {
        EvalSummary s = evaluate(*m_model.model, m_data.validation, m_job.training.batchSize, m_model.padTokenId,
                                 static_cast<int>(m_data.labels.size()), m_device);
        s.rows.clear();
        measure.validation = std::move(s);
    }
    if (!e.referenceText.empty()) {
        auto score = scoreReferenceText();
        if (!score) return score.error();
        measure.reference = *score;
    }
    if (!m_dist->isMain()) return Status::success();
    return writeBeforeTraining(m_runDir / "eval" / "before-training.json", measure);
}

// The forgetting check's reference text, tokenized once per run and scored with the current weights.
Result<ReferenceScore> Run::scoreReferenceText() {
    if (!m_model.model->hasLanguageModelHead())
        return makeError("job.invalid", "measures forgetting as perplexity, which needs a language-model head: this model's "
                                        "classifier has none to fall back on (decoder models such as GPT-2 and tied-embedding "
                                        "Llama-family models have one; BERT-style encoders do not)",
                         m_job.evaluation.referenceText, -1, "evaluation.reference_text");
    if (!m_referenceBlocks) {
        auto blocks = referenceBlocks(*m_tokenizer, m_job.evaluation.referenceText, m_job.data.maxLength);
        if (!blocks) return blocks.error();
        m_referenceBlocks = std::move(*blocks);
    }
    return scoreReference(*m_model.model, *m_referenceBlocks, m_job.training.batchSize, m_model.padTokenId, m_device);
}

}  // namespace ft::train::detail
