#pragma once
// The run's final evaluation on the validation split: overall metrics, per class, confusion matrix,
// and fairness slices for every group column, written to <run>/eval/report.{json,csv,html}.

#include <filesystem>
#include <functional>
#include <optional>

#include "core/api/job_config.h"
#include "core/common/result.h"
#include "core/eval/report.h"
#include "core/train/evaluator.h"
#include "core/train/prepared_data.h"

namespace ft::train {

eval::EvalReport buildFinalReport(const api::JobConfig& job, const PreparedData& data, const EvalSummary& summary);
// `amend` adds what the trainer measured besides the final evaluation (before-training metrics, forgetting).
Status writeFinalReport(const std::filesystem::path& runDir, const api::JobConfig& job, const PreparedData& data,
                        const EvalSummary& summary, const std::optional<eval::CounterfactualSummary>& counterfactual = std::nullopt,
                        const std::function<void(eval::EvalReport&)>& amend = {});

}  // namespace ft::train
