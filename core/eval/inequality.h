#pragma once
// AIF360's individual-fairness inequality indices over the benefit b_i = yhat_i - y_i + 1
// (binary, favourable = positive class); fairness-eval.md §1.6, GV-15.

#include "core/eval/metric_value.h"
#include "core/eval/row.h"

#include <vector>

namespace ft::eval {

// Rows with a missing label or prediction are skipped.
std::vector<double> benefits(const std::vector<Row>& rows, int positiveClass = 1);

// GE(alpha) = 1 / (n alpha (alpha - 1)) * sum((b_i / mu)^alpha - 1); GE(1) is Theil, GE(0) the
// mean log deviation (undefined when some b_i = 0).
MetricValue generalizedEntropyIndex(const std::vector<double>& b, double alpha = 2.0);
MetricValue theilIndex(const std::vector<double>& b);
MetricValue coefficientOfVariation(const std::vector<double>& b);  // sqrt(2 GE(2))

// Each benefit replaced by the mean benefit of its group (between_all_groups_* in AIF360).
// `groupOf[i]` is the group id of b[i].
std::vector<double> betweenGroupBenefits(const std::vector<double>& b, const std::vector<int>& groupOf);

}  // namespace ft::eval
