#pragma once
// Expected calibration error with equal-width bins, torchmetrics' binning rule (fairness-eval.md §1.3).

#include "core/eval/metric_value.h"
#include "core/eval/row.h"

#include <vector>

namespace ft::eval {

struct CalibrationBin {
    double lower = 0, upper = 0;  // [lower, upper); the extra last bin holds confidence == 1.0
    double count = 0;             // weighted
    MetricValue confidence;       // mean confidence; undefined for an empty bin
    MetricValue accuracy;         // mean correctness; undefined for an empty bin
};

struct CalibrationResult {
    int nBins = 15;
    const char* binning = "equal_width_right_closed_bucketize";
    const char* mode = "top_label";  // or "binary_positive_class"
    MetricValue ece;    // sum_k w_k |acc_k - conf_k|
    MetricValue mce;    // max_k |acc_k - conf_k|
    MetricValue rmsce;  // sqrt(sum_k w_k (acc_k - conf_k)^2)
    std::vector<CalibrationBin> bins;  // nBins + 1 entries
};

// confidence[i] in [0, 1]; correct[i] is 1 / 0 (or the binary target).
CalibrationResult calibrationError(const std::vector<double>& confidence, const std::vector<double>& correct,
                                   int nBins = 15, const std::vector<double>& weights = {});
// Top-label: confidence = max score, correct = 1[argmax = label].
CalibrationResult topLabelCalibration(const std::vector<Row>& rows, int nBins = 15);
// The rows at `indices` (repeats allowed), without copying them.
CalibrationResult topLabelCalibration(const std::vector<Row>& rows, const std::vector<size_t>& indices, int nBins);
// Binary: confidence = P(y = posLabel), "accuracy" = 1[label = posLabel].
CalibrationResult binaryCalibration(const std::vector<Row>& rows, int nBins = 15, int posLabel = 1);

}  // namespace ft::eval
