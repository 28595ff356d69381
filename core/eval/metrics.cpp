#include "core/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace ft::eval {

const char* zeroDivisionName(ZeroDivision zd) {
    switch (zd) {
        case ZeroDivision::Zero: return "zero";
        case ZeroDivision::One: return "one";
        case ZeroDivision::Undefined: break;
    }
    return "undefined";
}

double ConfusionMatrix::total() const { return std::accumulate(counts.begin(), counts.end(), 0.0); }

double ConfusionMatrix::trace() const {
    double sum = 0;
    for (int c = 0; c < numClasses; ++c) sum += at(c, c);
    return sum;
}

double ConfusionMatrix::rowSum(int truth) const {
    double sum = 0;
    for (int p = 0; p < numClasses; ++p) sum += at(truth, p);
    return sum;
}

double ConfusionMatrix::colSum(int pred) const {
    double sum = 0;
    for (int t = 0; t < numClasses; ++t) sum += at(t, pred);
    return sum;
}

std::vector<std::vector<double>> normalized(const ConfusionMatrix& cm, Normalize how) {
    const int k = cm.numClasses;
    std::vector<std::vector<double>> out(static_cast<size_t>(k), std::vector<double>(static_cast<size_t>(k), 0.0));
    const double all = cm.total();
    for (int t = 0; t < k; ++t) {
        for (int p = 0; p < k; ++p) {
            double den = 1.0;
            if (how == Normalize::True) den = cm.rowSum(t);
            if (how == Normalize::Pred) den = cm.colSum(p);
            if (how == Normalize::All) den = all;
            out[t][p] = den == 0.0 ? 0.0 : cm.at(t, p) / den;
        }
    }
    return out;
}

namespace {
bool inRange(int32_t v, int k) { return v >= 0 && v < k; }
}  // namespace

ConfusionMatrix confusionMatrix(const std::vector<Row>& rows, const std::vector<size_t>& indices, int numClasses) {
    ConfusionMatrix cm;
    cm.numClasses = std::max(numClasses, 0);
    cm.counts.assign(static_cast<size_t>(cm.numClasses) * static_cast<size_t>(cm.numClasses), 0.0);
    for (size_t i : indices) {
        const Row& r = rows[i];
        if (!inRange(r.label, cm.numClasses) || !inRange(r.prediction, cm.numClasses)) {
            ++cm.skippedRows;
            continue;
        }
        cm.at(r.label, r.prediction) += r.weight;
    }
    return cm;
}

ConfusionMatrix confusionMatrix(const std::vector<Row>& rows, int numClasses) {
    std::vector<size_t> all(rows.size());
    std::iota(all.begin(), all.end(), size_t{0});
    return confusionMatrix(rows, all, numClasses);
}

ClassCounts classCounts(const ConfusionMatrix& cm, int c) {
    ClassCounts cc;
    if (c < 0 || c >= cm.numClasses) return cc;
    cc.tp = cm.at(c, c);
    cc.fn = cm.rowSum(c) - cc.tp;
    cc.fp = cm.colSum(c) - cc.tp;
    cc.tn = cm.total() - cc.tp - cc.fn - cc.fp;
    return cc;
}

MetricValue accuracy(const ConfusionMatrix& cm) {
    return safeDivide(cm.trace(), cm.total(), "empty_input", ZeroDivision::Undefined);
}

MetricValue balancedAccuracy(const ConfusionMatrix& cm) {
    double sum = 0;
    int present = 0;
    for (int c = 0; c < cm.numClasses; ++c) {
        const double support = cm.rowSum(c);
        if (support == 0.0) continue;
        sum += cm.at(c, c) / support;
        ++present;
    }
    if (present == 0) return MetricValue::undefined("empty_input");
    return MetricValue::of(sum / present);
}

namespace {

MetricValue fScore(double tp, double fp, double fn, double beta, ZeroDivision zd) {
    const double b2 = beta * beta;
    return safeDivide((1 + b2) * tp, (1 + b2) * tp + b2 * fn + fp, "no_positive_examples", zd);
}

bool classPresent(const ConfusionMatrix& cm, int c) { return cm.rowSum(c) > 0 || cm.colSum(c) > 0; }

// Weighted mean of the defined values (sklearn's _nanaverage).
MetricValue average(const std::vector<MetricValue>& values, const std::vector<double>& weights,
                    const char* reason) {
    double num = 0, den = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        if (!values[i].defined) continue;
        num += weights[i] * values[i].value;
        den += weights[i];
    }
    if (den == 0.0) return MetricValue::undefined(reason);
    return MetricValue::of(num / den);
}

}  // namespace

ClassMetrics classMetrics(const ConfusionMatrix& cm, int c, const MetricOptions& options) {
    ClassMetrics m;
    m.classId = c;
    m.counts = classCounts(cm, c);
    m.support = m.counts.support();
    const ZeroDivision zd = options.zeroDivision;
    m.precision = safeDivide(m.counts.tp, m.counts.tp + m.counts.fp, "no_predicted_positives", zd);
    m.recall = safeDivide(m.counts.tp, m.counts.tp + m.counts.fn, "no_true_positives", zd);
    m.f = fScore(m.counts.tp, m.counts.fp, m.counts.fn, options.beta, zd);
    return m;
}

std::vector<ClassMetrics> perClassMetrics(const ConfusionMatrix& cm, const MetricOptions& options) {
    std::vector<ClassMetrics> out;
    for (int c = 0; c < cm.numClasses; ++c) out.push_back(classMetrics(cm, c, options));
    return out;
}

PrecisionRecallF precisionRecallF(const ConfusionMatrix& cm, Average avg, const MetricOptions& options) {
    if (avg == Average::Binary) {
        if (options.posLabel < 0 || options.posLabel >= cm.numClasses) {
            PrecisionRecallF bad;
            bad.precision = bad.recall = bad.f = MetricValue::undefined("invalid_pos_label");
            return bad;
        }
        const ClassMetrics m = classMetrics(cm, options.posLabel, options);
        return {m.precision, m.recall, m.f};
    }
    std::vector<int> labels;
    for (int c = 0; c < cm.numClasses; ++c)
        if (options.labels == LabelSet::Declared || classPresent(cm, c)) labels.push_back(c);

    PrecisionRecallF out;
    if (avg == Average::Micro) {
        double tp = 0, fp = 0, fn = 0;
        for (int c : labels) {
            const ClassCounts cc = classCounts(cm, c);
            tp += cc.tp;
            fp += cc.fp;
            fn += cc.fn;
        }
        out.precision = safeDivide(tp, tp + fp, "no_predicted_positives", options.zeroDivision);
        out.recall = safeDivide(tp, tp + fn, "no_true_positives", options.zeroDivision);
        out.f = fScore(tp, fp, fn, options.beta, options.zeroDivision);
        return out;
    }
    std::vector<MetricValue> p, r, f;
    std::vector<double> w;
    for (int c : labels) {
        const ClassMetrics m = classMetrics(cm, c, options);
        p.push_back(m.precision);
        r.push_back(m.recall);
        f.push_back(m.f);
        w.push_back(avg == Average::Weighted ? m.support : 1.0);
    }
    out.precision = average(p, w, "no_defined_class");
    out.recall = average(r, w, "no_defined_class");
    out.f = average(f, w, "no_defined_class");
    return out;
}

double classProbability(const Row& row, int cls) {
    if (row.scores.size() == 1) {
        if (cls == 1) return row.scores[0];
        if (cls == 0) return 1.0 - row.scores[0];
        return kNaN;
    }
    if (cls < 0 || static_cast<size_t>(cls) >= row.scores.size()) return kNaN;
    return row.scores[static_cast<size_t>(cls)];
}

MetricValue rocAucBinary(const std::vector<Row>& rows, int posLabel) {
    std::vector<std::pair<double, const Row*>> scored;
    double wPos = 0, wNeg = 0;
    for (const Row& r : rows) {
        if (r.label < 0) continue;
        const double s = classProbability(r, posLabel);
        if (std::isnan(s)) return MetricValue::undefined("no_scores");
        scored.emplace_back(s, &r);
        (r.label == posLabel ? wPos : wNeg) += r.weight;
    }
    if (scored.empty()) return MetricValue::undefined("empty_input");
    if (wPos == 0 || wNeg == 0) return MetricValue::undefined("single_class");
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // Walk tied blocks in ascending score: a positive beats every negative below it, ties count 1/2.
    double negBelow = 0, area = 0;
    for (size_t i = 0; i < scored.size();) {
        size_t j = i;
        double blockPos = 0, blockNeg = 0;
        while (j < scored.size() && scored[j].first == scored[i].first) {
            const Row* r = scored[j].second;
            (r->label == posLabel ? blockPos : blockNeg) += r->weight;
            ++j;
        }
        area += blockPos * (negBelow + 0.5 * blockNeg);
        negBelow += blockNeg;
        i = j;
    }
    return MetricValue::of(area / (wPos * wNeg));
}

MetricValue logLoss(const std::vector<Row>& rows, double clipEps) {
    double sum = 0, wsum = 0;
    for (const Row& r : rows) {
        if (r.label < 0) continue;
        double p = classProbability(r, r.label);
        if (std::isnan(p)) return MetricValue::undefined("no_scores");
        p = std::min(1.0, std::max(p, clipEps));
        sum += r.weight * -std::log(p);
        wsum += r.weight;
    }
    return safeDivide(sum, wsum, "empty_input", ZeroDivision::Undefined);
}

MetricValue brierScore(const std::vector<Row>& rows, int posLabel) {
    double sum = 0, wsum = 0;
    for (const Row& r : rows) {
        if (r.label < 0) continue;
        const double p = classProbability(r, posLabel);
        if (std::isnan(p)) return MetricValue::undefined("no_scores");
        const double y = r.label == posLabel ? 1.0 : 0.0;
        sum += r.weight * (p - y) * (p - y);
        wsum += r.weight;
    }
    return safeDivide(sum, wsum, "empty_input", ZeroDivision::Undefined);
}

}  // namespace ft::eval
