#pragma once
// Classification metrics from a (weighted) confusion matrix (fairness-eval.md §1.1-§1.3).

#include "core/eval/metric_value.h"
#include "core/eval/row.h"

#include <cstddef>
#include <vector>

namespace ft::eval {

// Rows = truth, columns = prediction (sklearn's convention); weighted counts.
struct ConfusionMatrix {
    int numClasses = 0;
    std::vector<double> counts;  // numClasses * numClasses, row-major
    int64_t skippedRows = 0;     // rows with a missing or out-of-range label / prediction

    double at(int truth, int pred) const { return counts[static_cast<size_t>(truth * numClasses + pred)]; }
    double& at(int truth, int pred) { return counts[static_cast<size_t>(truth * numClasses + pred)]; }
    double total() const;
    double trace() const;  // (weighted) number of correct predictions: accuracy(normalize=False)
    double rowSum(int truth) const;
    double colSum(int pred) const;
};

enum class Normalize { None, True, Pred, All };
// Normalised copy; an empty row / column divides 0 by 0 and becomes 0 as in sklearn.
std::vector<std::vector<double>> normalized(const ConfusionMatrix& cm, Normalize how);

ConfusionMatrix confusionMatrix(const std::vector<Row>& rows, int numClasses);
ConfusionMatrix confusionMatrix(const std::vector<Row>& rows, const std::vector<size_t>& indices, int numClasses);

struct ClassCounts {
    double tp = 0, fp = 0, fn = 0, tn = 0;
    double support() const { return tp + fn; }
};
// One-vs-rest counts of class `c`.
ClassCounts classCounts(const ConfusionMatrix& cm, int c);

enum class Average { Binary, Micro, Macro, Weighted };
// Present: labels seen in truth or prediction (sklearn's default). Declared: all numClasses.
enum class LabelSet { Present, Declared };

struct MetricOptions {
    ZeroDivision zeroDivision = ZeroDivision::Undefined;
    LabelSet labels = LabelSet::Present;
    int posLabel = 1;
    double beta = 1.0;
};

struct ClassMetrics {
    int classId = 0;
    MetricValue precision, recall, f;
    double support = 0;
    ClassCounts counts;
};

struct PrecisionRecallF {
    MetricValue precision, recall, f;
};

MetricValue accuracy(const ConfusionMatrix& cm);
// Mean recall over classes present in the truth (sklearn balanced_accuracy_score).
MetricValue balancedAccuracy(const ConfusionMatrix& cm);
ClassMetrics classMetrics(const ConfusionMatrix& cm, int c, const MetricOptions& options = {});
std::vector<ClassMetrics> perClassMetrics(const ConfusionMatrix& cm, const MetricOptions& options = {});
// Macro / weighted averages skip undefined per-class values (sklearn zero_division=nan); with a
// 0 / 1 fill policy the filled values are averaged, as sklearn does.
PrecisionRecallF precisionRecallF(const ConfusionMatrix& cm, Average average, const MetricOptions& options = {});

// Binary ROC-AUC (Mann-Whitney, ties count 1/2, weighted). Score of the positive class is
// scores[posLabel], or scores[0] when a row holds a single probability.
MetricValue rocAucBinary(const std::vector<Row>& rows, int posLabel = 1);
// Mean weighted -log p[label]; p is clipped to [clipEps, 1]; clipEps = 0 gives +inf on p = 0.
MetricValue logLoss(const std::vector<Row>& rows, double clipEps = 1e-15);
// Binary Brier score: mean weighted (P(y=pos) - 1[y=pos])^2.
MetricValue brierScore(const std::vector<Row>& rows, int posLabel = 1);

// P(y = cls) for a row, handling the single-probability binary form; NaN when absent.
double classProbability(const Row& row, int cls);

}  // namespace ft::eval
