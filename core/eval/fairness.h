#pragma once
// Per-group metrics for a slice (fairness-eval.md §1.5, §3.2, §3.5). Binary metrics are taken
// with respect to `positiveClass`; for multiclass tasks call evaluateSlicesOneVsRest, which
// binarises each class against the rest and labels the result as such.

#include "core/eval/metric_value.h"
#include "core/eval/metrics.h"
#include "core/eval/row.h"
#include "core/eval/slices.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ft::eval {

struct FairnessOptions {
    int numClasses = 2;
    int positiveClass = 1;
    ZeroDivision zeroDivision = ZeroDivision::Undefined;  // Zero = Fairlearn / sklearn compatible
    int warnGroupSize = 30;         // n < this: warning
    int strongWarnGroupSize = 10;   // n < this: strong warning
    int strongWarnDenominator = 5;  // a rate's denominator < this: strong warning
    int calibrationBins = 15;
};

struct SliceWarning {
    std::string level;  // "info", "warning", "strong"
    std::string code;   // "empty_group", "small_group", "small_group_strong", "small_denominator"
    std::string group;
    std::string metric;  // for small_denominator
    std::string message;
};

struct GroupResult {
    GroupKey key;
    std::string name;   // groupName(key), "overall" for the whole slice
    int64_t count = 0;  // rows with a valid label and prediction
    double n = 0, nPos = 0, nNeg = 0;  // weighted
    ClassCounts counts;                // weighted tp / fp / fn / tn of the positive class
    // count, selection_rate, tpr, fpr, tnr, fnr, precision, npv, fdr, for, f1, accuracy, error_rate,
    // balanced_accuracy, macro_f1; ece when scores exist; perplexity, mean_token_nll for LM rows.
    std::map<std::string, MetricValue> metrics;
    std::vector<std::string> flags;
};

struct SliceResult {
    std::vector<std::string> attributes;
    int positiveClass = 1;
    bool oneVsRest = false;  // true: metrics are class `positiveClass` vs the rest
    GroupResult overall;
    std::vector<GroupResult> groups;  // every cell of the product, empty ones included
    std::vector<SliceWarning> warnings;

    const GroupResult* find(const std::string& groupName) const;
};

// Metrics of the rows in `indices` (used for the overall row, every group and every replicate).
GroupResult evaluateGroup(const std::vector<Row>& rows, const std::vector<size_t>& indices,
                          const FairnessOptions& options);

SliceResult evaluateSlices(const std::vector<Row>& rows, const SliceSpec& spec, const FairnessOptions& options);
// The same over the rows at `indices` (repeats allowed: a bootstrap replicate), without copying rows.
SliceResult evaluateSlices(const std::vector<Row>& rows, const std::vector<size_t>& indices, const SliceSpec& spec,
                           const FairnessOptions& options);
// One SliceResult per class, each binarised one-vs-rest.
std::vector<SliceResult> evaluateSlicesOneVsRest(const std::vector<Row>& rows, const SliceSpec& spec,
                                                 const FairnessOptions& options);

}  // namespace ft::eval
