#pragma once
// Counterfactual (identity-token swap) test metrics, fairness-eval.md §1.7, §1.9, §3.6, GV-20:
// TFMA flip rates (denominator = all pairs), the CTF gap (Garg et al.) and CheckList's INV rule.

#include "core/eval/metric_value.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ft::eval {

// One original example and one of its counterfactuals. Probabilities are a class vector, or a
// single value meaning P(positive) for a binary classifier.
struct SwapPair {
    size_t caseId = 0;  // pairs with the same caseId are perturbations of one original (CheckList test case)
    std::vector<double> original;
    std::vector<double> counterfactual;
};

// Binary: 1[P(positive) > threshold]; multiclass: argmax.
int predictedClass(const std::vector<double>& probs, double threshold = 0.5);

struct FlipRates {
    MetricValue symmetric;  // (#pos->neg + #neg->pos) / N; multiclass: any argmax change / N
    MetricValue posToNeg;   // binary only
    MetricValue negToPos;   // binary only
    int64_t pairs = 0;
};
FlipRates flipRates(const std::vector<SwapPair>& pairs, double threshold = 0.5);

// Mean |p(c|x) - p(c|x')| with c = the positive class (binary) or the originally predicted class.
MetricValue counterfactualGap(const std::vector<SwapPair>& pairs, double threshold = 0.5);

struct InvarianceResult {
    int64_t cases = 0;
    int64_t failedCases = 0;
    MetricValue failRate;            // failedCases / cases (a fraction; CheckList prints it x100)
    std::vector<size_t> failedCaseIds;
};
// A pair passes when the predicted class is unchanged, or when the probability of the originally
// predicted class moved by at most `tolerance`; a case fails when any of its pairs fails.
InvarianceResult invarianceTest(const std::vector<SwapPair>& pairs, double tolerance = 0.1, double threshold = 0.5);

}  // namespace ft::eval
