#include "core/eval/intervals.h"

#include "core/eval/metric_value.h"

#include <algorithm>
#include <cmath>

namespace ft::eval {

std::pair<double, double> wilsonInterval(double k, double n, double z) {
    if (n <= 0) return {kNaN, kNaN};
    const double p = k / n;
    const double z2 = z * z;
    const double centre = p + z2 / (2 * n);
    const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    const double den = 1 + z2 / n;
    return {std::max(0.0, (centre - half) / den), std::min(1.0, (centre + half) / den)};
}

double quantileLinear(std::vector<double> values, double q) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
                 values.end());
    if (values.empty()) return kNaN;
    std::sort(values.begin(), values.end());
    const double pos = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, values.size() - 1);
    const double frac = pos - static_cast<double>(lo);
    return values[lo] + (values[hi] - values[lo]) * frac;
}

}  // namespace ft::eval
