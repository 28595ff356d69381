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

struct EvalReport {
    std::string schemaVersion = "1.0";
    std::string appVersion;
    std::string runId;
    std::string task;  // "classification", "causal_lm"
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
    std::vector<std::string> warnings;
};

}  // namespace ft::eval
