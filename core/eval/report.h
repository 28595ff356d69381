#pragma once
// Everything one evaluation produced, as plain data for the JSON / CSV writers and the UI.

#include "core/eval/bootstrap.h"
#include "core/eval/calibration.h"
#include "core/eval/disparity.h"
#include "core/eval/fairness.h"
#include "core/eval/metrics.h"
#include "core/eval/perplexity.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ft::eval {

struct SliceReport {
    SliceResult slice;
    std::vector<Aggregate> disparities;
};

// The counterfactual swap test (fairness-eval.md §3.6) on the evaluated split.
struct CounterfactualPairRow {
    int64_t line = -1;            // source line of the original example
    std::string original, counterfactual, set, sourceTerm, replacement;
    double originalScore = 0, counterfactualScore = 0;   // P(originally predicted class) or NLL per token
    double delta = 0;             // counterfactual − original
    bool flipped = false;         // the predicted class changed (classification)
};

struct CounterfactualSummary {
    std::string swapList;                 // "built-in English gender terms" or the file
    int64_t examples = 0;                 // examples evaluated
    int64_t examplesWithSwaps = 0;        // examples where some term matched (coverage numerator)
    int64_t pairs = 0;
    MetricValue coverage;                 // examplesWithSwaps / examples
    MetricValue flipRate, posToNegRate, negToPosRate;    // classification (TFMA denominators: all pairs)
    MetricValue meanAbsDelta;             // CTF gap (classification) or mean |ΔNLL| (causal LM)
    MetricValue meanSignedDelta;          // causal LM: mean ΔNLL (nats/token)
    MetricValue invarianceFailRate;       // CheckList INV, tolerance below, per test case
    double tolerance = 0.1;
    std::vector<CounterfactualPairRow> worst;   // largest |delta| first
};

// The same split evaluated before the first training step (classification: the new head, so about
// chance) and after training: the base-vs-fine-tuned comparison.
struct BeforeTraining {
    MetricValue loss, accuracy, f1Macro, perplexity;   // undefined where the task has no such metric
};

// Forgetting check for causal LMs: perplexity on a general reference text before and after
// fine-tuning; change = after / before − 1 (positive: the model got worse at the reference text).
struct ForgettingCheck {
    std::string reference;    // the text file
    int64_t tokens = 0;       // scored tokens
    MetricValue perplexityBefore, perplexityAfter, change;
};

// Text to text: greedy generations for the first validation examples, scored against the targets.
struct GeneratedSample {
    std::string source, target, prediction;
};
struct TextToTextSummary {
    int64_t generated = 0;        // examples decoded (the first of the split, at most a fixed number)
    int64_t maxNewTokens = 0;     // data.max_target_length
    MetricValue exactMatch;       // share whose prediction equals the target, both trimmed of surrounding space
    std::vector<GeneratedSample> samples;  // the first few, for the report
};

struct EvalReport {
    std::string schemaVersion = "1.0";
    std::string appVersion;
    std::string runId;
    std::string task;  // "classification", "causal_lm", "seq2seq_lm"
    std::string modelId;
    std::string datasetId;
    std::string split;
    std::vector<std::string> labelNames;
    int posLabel = 1;
    double threshold = 0.5;
    ZeroDivision zeroDivision = ZeroDivision::Undefined;
    std::optional<BootstrapConfig> bootstrap;
    std::map<std::string, MetricValue> overall;  // accuracy, macro_f1, log_loss, roc_auc, ...
    std::vector<ClassMetrics> perClass;
    std::optional<ConfusionMatrix> confusion;
    std::optional<CalibrationResult> calibration;
    std::optional<PerplexityStats> perplexity;
    std::vector<SliceReport> slices;
    std::optional<CounterfactualSummary> counterfactual;
    std::optional<BeforeTraining> beforeTraining;
    std::optional<ForgettingCheck> forgetting;
    std::optional<TextToTextSummary> textToText;
    std::vector<std::string> warnings;
};

}  // namespace ft::eval
