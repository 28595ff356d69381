#pragma once
// Analytic proportion intervals and numpy-compatible quantiles (fairness-eval.md §1.10, GV-17/18).

#include <utility>
#include <vector>

namespace ft::eval {

inline constexpr double kZ95 = 1.959963984540054;

// Wilson score interval for k successes in n trials; (NaN, NaN) when n <= 0.
std::pair<double, double> wilsonInterval(double k, double n, double z = kZ95);

// numpy.quantile(values, q, method="linear"), ignoring NaN (nanquantile); NaN if nothing is left.
double quantileLinear(std::vector<double> values, double q);

}  // namespace ft::eval
