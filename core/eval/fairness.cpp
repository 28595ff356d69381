#include "core/eval/fairness.h"

#include "core/eval/calibration.h"
#include "core/eval/intervals.h"
#include "core/eval/metrics.h"
#include "core/eval/perplexity.h"

#include <numeric>

namespace ft::eval {

const GroupResult* SliceResult::find(const std::string& groupName) const {
    if (groupName == overall.name) return &overall;
    for (const GroupResult& g : groups)
        if (g.name == groupName) return &g;
    return nullptr;
}

namespace {

// Analytic interval for a proportion num / den, shown when bootstrap is off.
void addWilson(MetricValue& m, double num, double den) {
    if (!m.defined || den <= 0) return;
    const auto [lo, hi] = wilsonInterval(num, den);
    m.ciLow = lo;
    m.ciHigh = hi;
    m.ciMethod = "wilson";
}

void addDenominatorFlag(GroupResult& g, const char* metric, double den, const FairnessOptions& o) {
    if (g.count > 0 && den < o.strongWarnDenominator) g.flags.push_back(std::string("small_denominator:") + metric);
}

}  // namespace

GroupResult evaluateGroup(const std::vector<Row>& rows, const std::vector<size_t>& indices,
                          const FairnessOptions& o) {
    GroupResult g;
    const ConfusionMatrix cm = confusionMatrix(rows, indices, o.numClasses);
    g.count = static_cast<int64_t>(indices.size()) - cm.skippedRows;
    const ClassCounts c = classCounts(cm, o.positiveClass);
    g.counts = c;
    g.n = cm.total();
    g.nPos = c.tp + c.fn;
    g.nNeg = c.fp + c.tn;
    auto& m = g.metrics;
    m["count"] = MetricValue::of(static_cast<double>(g.count));
    if (g.count == 0) {
        for (const char* name : {"selection_rate", "tpr", "fpr", "tnr", "fnr", "precision", "npv", "fdr", "for",
                                 "f1", "accuracy", "error_rate", "balanced_accuracy", "macro_f1"})
            m[name] = MetricValue::undefined("empty_group");
        g.flags.push_back("empty_group");
    } else {
        const ZeroDivision zd = o.zeroDivision;
        m["selection_rate"] = safeDivide(c.tp + c.fp, g.n, "empty_group", zd);
        m["tpr"] = safeDivide(c.tp, c.tp + c.fn, "no_true_positives", zd);
        m["fnr"] = safeDivide(c.fn, c.tp + c.fn, "no_true_positives", zd);
        m["fpr"] = safeDivide(c.fp, c.fp + c.tn, "no_true_negatives", zd);
        m["tnr"] = safeDivide(c.tn, c.fp + c.tn, "no_true_negatives", zd);
        m["precision"] = safeDivide(c.tp, c.tp + c.fp, "no_predicted_positives", zd);
        m["fdr"] = safeDivide(c.fp, c.tp + c.fp, "no_predicted_positives", zd);
        m["npv"] = safeDivide(c.tn, c.tn + c.fn, "no_predicted_negatives", zd);
        m["for"] = safeDivide(c.fn, c.tn + c.fn, "no_predicted_negatives", zd);
        m["f1"] = safeDivide(2 * c.tp, 2 * c.tp + c.fp + c.fn, "no_positive_examples", zd);
        m["accuracy"] = accuracy(cm);
        m["error_rate"] = MetricValue::of(1.0 - m["accuracy"].value);
        addWilson(m["selection_rate"], c.tp + c.fp, g.n);
        addWilson(m["tpr"], c.tp, c.tp + c.fn);
        addWilson(m["fnr"], c.fn, c.tp + c.fn);
        addWilson(m["fpr"], c.fp, c.fp + c.tn);
        addWilson(m["tnr"], c.tn, c.fp + c.tn);
        addWilson(m["precision"], c.tp, c.tp + c.fp);
        addWilson(m["fdr"], c.fp, c.tp + c.fp);
        addWilson(m["npv"], c.tn, c.tn + c.fn);
        addWilson(m["for"], c.fn, c.tn + c.fn);
        addWilson(m["accuracy"], cm.trace(), g.n);
        addWilson(m["error_rate"], g.n - cm.trace(), g.n);
        m["balanced_accuracy"] = balancedAccuracy(cm);
        MetricOptions mo;
        mo.zeroDivision = zd;
        m["macro_f1"] = precisionRecallF(cm, Average::Macro, mo).f;
        if (g.count < o.strongWarnGroupSize) g.flags.push_back("small_group_strong");
        else if (g.count < o.warnGroupSize) g.flags.push_back("small_group");
        addDenominatorFlag(g, "tpr", g.nPos, o);
        addDenominatorFlag(g, "fpr", g.nNeg, o);
        addDenominatorFlag(g, "precision", c.tp + c.fp, o);
    }

    bool hasScores = false, hasTokens = false;
    for (size_t i : indices) {
        hasScores = hasScores || !rows[i].scores.empty();
        hasTokens = hasTokens || rows[i].tokenCount > 0;
    }
    if (hasScores) {
        m["ece"] = topLabelCalibration(rows, indices, o.calibrationBins).ece;
    }
    if (hasTokens) {
        const PerplexityStats ppl = perplexity(rows, indices);
        m["perplexity"] = ppl.corpusPerplexity;
        m["mean_token_nll"] = ppl.meanTokenNll;
    }
    return g;
}

namespace {

void collectWarnings(SliceResult& s, const FairnessOptions& o) {
    for (const GroupResult& g : s.groups) {
        for (const std::string& flag : g.flags) {
            SliceWarning w;
            w.group = g.name;
            if (flag == "empty_group") {
                w.level = "info";
                w.code = flag;
                w.message = "Group '" + g.name + "' has no rows; its metrics are undefined and it is excluded "
                            "from disparities.";
            } else if (flag == "small_group_strong" || flag == "small_group") {
                w.level = flag == "small_group" ? "warning" : "strong";
                w.code = flag;
                w.message = "Group '" + g.name + "' has only " + std::to_string(g.count) + " rows (below " +
                            std::to_string(flag == "small_group" ? o.warnGroupSize : o.strongWarnGroupSize) +
                            "); its metrics are imprecise.";
            } else {
                w.level = "strong";
                w.code = "small_denominator";
                w.metric = flag.substr(flag.find(':') + 1);
                w.message = "Group '" + g.name + "': the denominator of " + w.metric + " is below " +
                            std::to_string(o.strongWarnDenominator) + ".";
            }
            s.warnings.push_back(std::move(w));
        }
    }
}

}  // namespace

SliceResult evaluateSlices(const std::vector<Row>& rows, const SliceSpec& spec, const FairnessOptions& o) {
    std::vector<size_t> all(rows.size());
    std::iota(all.begin(), all.end(), size_t{0});
    return evaluateSlices(rows, all, spec, o);
}

SliceResult evaluateSlices(const std::vector<Row>& rows, const std::vector<size_t>& all, const SliceSpec& spec,
                           const FairnessOptions& o) {
    SliceResult s;
    for (size_t a = 0; a < spec.attributes.size(); ++a)
        s.attributes.push_back(a < spec.names.size() ? spec.names[a] : "attr" + std::to_string(spec.attributes[a]));
    s.positiveClass = o.positiveClass;
    s.oneVsRest = o.numClasses > 2;
    s.overall = evaluateGroup(rows, all, o);
    s.overall.name = "overall";
    s.overall.flags.clear();
    const Partition p = partition(rows, all, spec);
    for (size_t k = 0; k < p.keys.size(); ++k) {
        GroupResult g = evaluateGroup(rows, p.members[k], o);
        g.key = p.keys[k];
        g.name = groupName(g.key);
        s.groups.push_back(std::move(g));
    }
    collectWarnings(s, o);
    return s;
}

std::vector<SliceResult> evaluateSlicesOneVsRest(const std::vector<Row>& rows, const SliceSpec& spec,
                                                 const FairnessOptions& options) {
    std::vector<SliceResult> out;
    for (int c = 0; c < options.numClasses; ++c) {
        FairnessOptions o = options;
        o.positiveClass = c;
        SliceResult s = evaluateSlices(rows, spec, o);
        s.oneVsRest = true;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace ft::eval
