#include "core/train/early_stopping.h"

#include <cmath>

namespace ft::train {

MonitoredMetric monitoredMetric(const api::TrainingSection& training, api::Task task) {
    MonitoredMetric m;
    m.name = training.earlyStoppingMetric;
    if (m.name == "auto") m.name = task == api::Task::SequenceClassification ? "accuracy" : "loss";
    if (training.earlyStoppingMode == "max") m.higherIsBetter = true;
    else if (training.earlyStoppingMode == "min") m.higherIsBetter = false;
    else m.higherIsBetter = m.name == "accuracy" || m.name == "f1_macro";
    return m;
}

double monitoredScore(const MonitoredMetric& metric, const EvalSummary& summary) {
    double value = summary.loss;
    if (metric.name == "accuracy") value = summary.accuracy;
    else if (metric.name == "f1_macro") value = summary.f1Macro;
    else if (metric.name == "perplexity") value = summary.perplexity;
    if (!std::isfinite(value)) return -1e300;  // a diverged evaluation is never the best
    return metric.higherIsBetter ? value : -value;
}

EvaluationVerdict judgeEvaluation(double score, double bestScore, double minDelta) {
    EvaluationVerdict v;
    v.best = score > bestScore;
    // As EarlyStoppingCallback: better than the best so far, and by more than the threshold.
    v.resetsPatience = v.best && (bestScore <= -1e300 || std::fabs(score - bestScore) > minDelta);
    return v;
}

}  // namespace ft::train
