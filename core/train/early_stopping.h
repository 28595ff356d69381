#pragma once
// Which validation metric picks best/ and stops a run early, and what counts as an improvement
// (transformers' metric_for_best_model / greater_is_better / EarlyStoppingCallback).

#include <string>

#include "core/api/job_config.h"
#include "core/train/evaluator.h"

namespace ft::train {

struct MonitoredMetric {
    std::string name;             // "loss" | "accuracy" | "f1_macro" | "perplexity"
    bool higherIsBetter = false;
};

// training.early_stopping_metric / _mode with "auto" resolved for the job's task.
MonitoredMetric monitoredMetric(const api::TrainingSection& training, api::Task task);

// The metric as a score where higher is better (negated for "min"): what TrainerState.bestMetric keeps.
double monitoredScore(const MonitoredMetric& metric, const EvalSummary& summary);

struct EvaluationVerdict {
    bool best = false;            // better than every earlier evaluation: best/ is replaced
    bool resetsPatience = false;  // better by more than min_delta: the patience counter starts again
};

// `bestScore` is the best score so far (-1e300 before the first evaluation).
EvaluationVerdict judgeEvaluation(double score, double bestScore, double minDelta);

}  // namespace ft::train
