#include "core/eval/calibration.h"

#include "core/eval/metrics.h"

#include <algorithm>
#include <cmath>

namespace ft::eval {

CalibrationResult calibrationError(const std::vector<double>& confidence, const std::vector<double>& correct,
                                   int nBins, const std::vector<double>& weights) {
    CalibrationResult out;
    out.nBins = std::max(nBins, 1);
    const int slots = out.nBins + 1;
    std::vector<double> count(static_cast<size_t>(slots), 0.0), confSum(count), accSum(count);
    double total = 0;
    for (size_t i = 0; i < confidence.size() && i < correct.size(); ++i) {
        const double c = confidence[i];
        if (std::isnan(c)) continue;
        const double w = i < weights.size() ? weights[i] : 1.0;
        // bucketize(c, linspace(0,1,n+1), right=True) - 1 == number of boundaries <= c, minus 1.
        // floor(c * n) is the answer up to rounding; the two loops settle it with the same
        // k / n <= c comparisons the definition uses.
        int bin = static_cast<int>(std::clamp(std::floor(c * out.nBins), 0.0, static_cast<double>(out.nBins)));
        while (bin < out.nBins && static_cast<double>(bin + 1) / out.nBins <= c) ++bin;
        while (bin > 0 && static_cast<double>(bin) / out.nBins > c) --bin;
        count[static_cast<size_t>(bin)] += w;
        confSum[static_cast<size_t>(bin)] += w * c;
        accSum[static_cast<size_t>(bin)] += w * correct[i];
        total += w;
    }
    if (total == 0) {
        out.ece = out.mce = out.rmsce = MetricValue::undefined("empty_input");
    }
    double ece = 0, mce = 0, sq = 0;
    for (int k = 0; k < slots; ++k) {
        CalibrationBin bin;
        bin.lower = static_cast<double>(k) / out.nBins;
        bin.upper = k < out.nBins ? static_cast<double>(k + 1) / out.nBins : bin.lower;
        bin.count = count[static_cast<size_t>(k)];
        bin.confidence = safeDivide(confSum[static_cast<size_t>(k)], bin.count, "empty_bin", ZeroDivision::Undefined);
        bin.accuracy = safeDivide(accSum[static_cast<size_t>(k)], bin.count, "empty_bin", ZeroDivision::Undefined);
        if (bin.count > 0 && total > 0) {
            const double gap = std::fabs(bin.accuracy.value - bin.confidence.value);
            const double w = bin.count / total;
            ece += w * gap;
            sq += w * gap * gap;
            mce = std::max(mce, gap);
        }
        out.bins.push_back(bin);
    }
    if (total > 0) {
        out.ece = MetricValue::of(ece);
        out.mce = MetricValue::of(mce);
        out.rmsce = MetricValue::of(std::sqrt(sq));
    }
    return out;
}

CalibrationResult topLabelCalibration(const std::vector<Row>& rows, int nBins) {
    std::vector<size_t> all(rows.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    return topLabelCalibration(rows, all, nBins);
}

CalibrationResult topLabelCalibration(const std::vector<Row>& rows, const std::vector<size_t>& indices, int nBins) {
    std::vector<double> conf, correct, weights;
    conf.reserve(indices.size());
    correct.reserve(indices.size());
    weights.reserve(indices.size());
    for (size_t i : indices) {
        const Row& r = rows[i];
        if (r.label < 0 || r.scores.empty()) continue;
        const auto best = std::max_element(r.scores.begin(), r.scores.end());
        conf.push_back(*best);
        correct.push_back(static_cast<int>(best - r.scores.begin()) == r.label ? 1.0 : 0.0);
        weights.push_back(r.weight);
    }
    CalibrationResult out = calibrationError(conf, correct, nBins, weights);
    out.mode = "top_label";
    return out;
}

CalibrationResult binaryCalibration(const std::vector<Row>& rows, int nBins, int posLabel) {
    std::vector<double> conf, correct, weights;
    for (const Row& r : rows) {
        if (r.label < 0) continue;
        const double p = classProbability(r, posLabel);
        if (std::isnan(p)) continue;
        conf.push_back(p);
        correct.push_back(r.label == posLabel ? 1.0 : 0.0);
        weights.push_back(r.weight);
    }
    CalibrationResult out = calibrationError(conf, correct, nBins, weights);
    out.mode = "binary_positive_class";
    return out;
}

}  // namespace ft::eval
