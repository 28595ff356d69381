#include "core/eval/counterfactual.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ft::eval {

namespace {

bool isBinary(const std::vector<double>& p) { return p.size() <= 2; }

double probabilityOf(const std::vector<double>& p, int cls) {
    if (p.size() == 1) return cls == 1 ? p[0] : 1.0 - p[0];
    if (cls < 0 || static_cast<size_t>(cls) >= p.size()) return kNaN;
    return p[static_cast<size_t>(cls)];
}

}  // namespace

int predictedClass(const std::vector<double>& probs, double threshold) {
    if (probs.empty()) return -1;
    if (isBinary(probs)) return probabilityOf(probs, 1) > threshold ? 1 : 0;
    return static_cast<int>(std::max_element(probs.begin(), probs.end()) - probs.begin());
}

FlipRates flipRates(const std::vector<SwapPair>& pairs, double threshold) {
    FlipRates out;
    int64_t flips = 0, posToNeg = 0, negToPos = 0;
    bool binary = true;
    for (const SwapPair& p : pairs) {
        const int a = predictedClass(p.original, threshold), b = predictedClass(p.counterfactual, threshold);
        binary = binary && isBinary(p.original);
        ++out.pairs;
        if (a == b) continue;
        ++flips;
        posToNeg += a == 1 && b == 0;
        negToPos += a == 0 && b == 1;
    }
    const auto n = static_cast<double>(out.pairs);
    out.symmetric = safeDivide(static_cast<double>(flips), n, "empty_input", ZeroDivision::Undefined);
    if (binary) {
        out.posToNeg = safeDivide(static_cast<double>(posToNeg), n, "empty_input", ZeroDivision::Undefined);
        out.negToPos = safeDivide(static_cast<double>(negToPos), n, "empty_input", ZeroDivision::Undefined);
    } else {
        out.posToNeg = out.negToPos = MetricValue::undefined("multiclass");
    }
    return out;
}

MetricValue counterfactualGap(const std::vector<SwapPair>& pairs, double threshold) {
    double sum = 0;
    for (const SwapPair& p : pairs) {
        const int cls = isBinary(p.original) ? 1 : predictedClass(p.original, threshold);
        sum += std::fabs(probabilityOf(p.original, cls) - probabilityOf(p.counterfactual, cls));
    }
    return safeDivide(sum, static_cast<double>(pairs.size()), "empty_input", ZeroDivision::Undefined);
}

InvarianceResult invarianceTest(const std::vector<SwapPair>& pairs, double tolerance, double threshold) {
    std::map<size_t, bool> caseFailed;
    for (const SwapPair& p : pairs) {
        const int a = predictedClass(p.original, threshold), b = predictedClass(p.counterfactual, threshold);
        const double delta = std::fabs(probabilityOf(p.original, a) - probabilityOf(p.counterfactual, a));
        const bool fails = a != b && !(delta <= tolerance);
        caseFailed[p.caseId] = caseFailed[p.caseId] || fails;
    }
    InvarianceResult out;
    for (const auto& [id, failed] : caseFailed) {
        ++out.cases;
        if (failed) {
            ++out.failedCases;
            out.failedCaseIds.push_back(id);
        }
    }
    out.failRate = safeDivide(static_cast<double>(out.failedCases), static_cast<double>(out.cases), "empty_input",
                              ZeroDivision::Undefined);
    return out;
}

}  // namespace ft::eval
