#pragma once
// The final evaluation of a run, as the Evaluate panel shows it (read back from eval/report.json).

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct ClassMetrics {
    std::string label;
    double precision = 0, recall = 0, f1 = 0;
    int64_t support = 0;
};

struct GroupMetrics {
    std::string attribute;      // column name
    std::string group;          // value
    int64_t n = 0;
    double accuracy = 0, f1Macro = 0, selectionRate = 0, truePositiveRate = 0, falsePositiveRate = 0;
    double accuracyLow = 0, accuracyHigh = 0;  // 95% interval
    std::string warning;        // small-group warning, empty if none
};

struct CounterfactualPair {
    int64_t line = -1;
    std::string original, counterfactual;
    double delta = 0;           // change in the originally predicted class's probability (or NLL/token)
    bool flipped = false;
};

// The identity-term swap test; NaN where a value is undefined (e.g. flip rate for causal LMs).
struct CounterfactualResult {
    bool present = false;
    std::string swapList;
    int64_t examples = 0, examplesWithSwaps = 0, pairs = 0;
    double flipRate = 0, meanAbsDelta = 0, invarianceFailRate = 0;
    std::vector<CounterfactualPair> worst;   // largest |delta| first
};

struct EvalReport {
    std::string runDir;
    std::string split;          // "validation"
    int64_t n = 0;
    double loss = 0;            // log-loss; a causal LM's mean token NLL
    double accuracy = 0, balancedAccuracy = 0;
    double precisionMacro = 0, recallMacro = 0, f1Macro = 0, f1Micro = 0, f1Weighted = 0;
    double perplexity = -1;
    std::vector<std::string> labels;
    std::vector<std::vector<int64_t>> confusion;   // [true][predicted]
    std::vector<ClassMetrics> perClass;
    std::vector<GroupMetrics> groups;
    std::vector<std::string> disparities;          // human-readable lines: "gender: accuracy difference 0.12 [0.03, 0.21]"
    CounterfactualResult counterfactual;
    // Before the first training step (NaN where not measured or not applicable): base vs fine-tuned.
    bool hasBeforeTraining = false;
    double lossBefore = std::nan(""), accuracyBefore = std::nan(""), f1MacroBefore = std::nan(""), perplexityBefore = std::nan("");
    // Forgetting check (causal LM): perplexity on the reference text before / after, change = after / before − 1.
    bool hasForgetting = false;
    std::string forgettingReference;
    double referencePerplexityBefore = std::nan(""), referencePerplexityAfter = std::nan(""), forgettingChange = std::nan("");
    // Text to text: greedy generations for the first validation examples (NaN / empty otherwise).
    double exactMatch = std::nan("");
    int64_t generatedExamples = 0;
    struct Sample {
        std::string source, target, prediction;
    };
    std::vector<Sample> samples;
};

Result<EvalReport> readEvalReport(const std::string& runDir);

// The run's report as one self-contained HTML page (tables, inline SVG charts, training curves),
// rendered afresh from eval/report.json, metrics.jsonl and job.json.
Result<std::string> evalReportHtml(const std::string& runDir);

}  // namespace ft::api
