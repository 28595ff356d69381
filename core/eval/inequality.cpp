#include "core/eval/inequality.h"

#include <cmath>
#include <map>
#include <numeric>

namespace ft::eval {

std::vector<double> benefits(const std::vector<Row>& rows, int positiveClass) {
    std::vector<double> b;
    for (const Row& r : rows) {
        if (r.label < 0 || r.prediction < 0) continue;
        b.push_back((r.prediction == positiveClass ? 1.0 : 0.0) - (r.label == positiveClass ? 1.0 : 0.0) + 1.0);
    }
    return b;
}

MetricValue generalizedEntropyIndex(const std::vector<double>& b, double alpha) {
    if (b.empty()) return MetricValue::undefined("empty_input");
    const double n = static_cast<double>(b.size());
    const double mu = std::accumulate(b.begin(), b.end(), 0.0) / n;
    if (mu == 0) return MetricValue::undefined("zero_mean_benefit");
    double sum = 0;
    if (alpha == 1.0) {
        // b ln b with 0 ln 0 = 0, as AIF360 does by moving b into the log.
        for (double v : b)
            if (v > 0) sum += (v / mu) * std::log(v / mu);
        return MetricValue::of(sum / n);
    }
    if (alpha == 0.0) {
        for (double v : b) {
            if (v <= 0) return MetricValue::undefined("zero_benefit");
            sum += std::log(v / mu);
        }
        return MetricValue::of(-sum / n);
    }
    for (double v : b) sum += std::pow(v / mu, alpha) - 1;
    return MetricValue::of(sum / (n * alpha * (alpha - 1)));
}

MetricValue theilIndex(const std::vector<double>& b) { return generalizedEntropyIndex(b, 1.0); }

MetricValue coefficientOfVariation(const std::vector<double>& b) {
    const MetricValue ge2 = generalizedEntropyIndex(b, 2.0);
    return ge2.defined ? MetricValue::of(std::sqrt(2 * ge2.value)) : ge2;
}

std::vector<double> betweenGroupBenefits(const std::vector<double>& b, const std::vector<int>& groupOf) {
    std::map<int, std::pair<double, double>> sums;  // group -> (sum, count)
    for (size_t i = 0; i < b.size() && i < groupOf.size(); ++i) {
        sums[groupOf[i]].first += b[i];
        sums[groupOf[i]].second += 1;
    }
    std::vector<double> out;
    for (size_t i = 0; i < b.size() && i < groupOf.size(); ++i) {
        const auto& [sum, count] = sums[groupOf[i]];
        out.push_back(sum / count);
    }
    return out;
}

}  // namespace ft::eval
