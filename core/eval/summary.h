#pragma once
// The headline metric table of a classification evaluation, and the whole report assembled from
// rows: overall metrics, per-class table, confusion matrix, calibration and fairness slices.

#include "core/eval/report.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ft::eval {

// accuracy, balanced_accuracy, {precision,recall,f1}_{macro,micro,weighted}; binary tasks add
// precision / recall / f1 of options.posLabel, roc_auc and brier; rows with scores add log_loss
// and ece (top-label).
std::map<std::string, MetricValue> classificationSummary(const std::vector<Row>& rows, int numClasses,
                                                         const MetricOptions& options = {}, int calibrationBins = 15);

struct ClassificationEvalOptions {
    MetricOptions metric;
    int calibrationBins = 15;
    std::vector<SliceSpec> slices;          // one report section per spec
    FairnessOptions fairness;               // numClasses / positiveClass / zeroDivision are taken from here
    std::optional<BootstrapConfig> bootstrap;
};

// Multiclass slices are evaluated one-vs-rest, one SliceReport per class.
EvalReport buildClassificationReport(const std::vector<Row>& rows, const std::vector<std::string>& labelNames,
                                     const ClassificationEvalOptions& options);

}  // namespace ft::eval
