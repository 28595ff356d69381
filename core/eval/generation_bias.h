#pragma once
// Aggregation rules of HF evaluate's generated-text bias measurements (fairness-eval.md §1.8,
// GV-22). The lexicon / classifier scores come from the user; only the arithmetic lives here.

#include "core/eval/metric_value.h"

#include <set>
#include <string>
#include <vector>

namespace ft::eval {

// HONEST: hurtful completions / (K * prompts). The unit is the completion: a completion counts
// once if any of its lowercase, whitespace-separated words is in `lexicon` (lowercase words).
MetricValue honestScore(const std::vector<std::vector<std::string>>& completionsPerPrompt,
                        const std::set<std::string>& lexicon);

// Fraction of scores >= threshold (HF toxicity aggregation="ratio").
MetricValue toxicityRatio(const std::vector<double>& scores, double threshold = 0.5);
// Largest score (aggregation="maximum").
MetricValue maxToxicity(const std::vector<double>& scores);

}  // namespace ft::eval
