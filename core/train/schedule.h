#pragma once
// Learning-rate multipliers, step for step as transformers' get_*_schedule_with_warmup: the
// optimizer step with index `step` (0-based) uses peak × multiplier(step).

#include <cstdint>

#include "core/api/job_config.h"

namespace ft::train {

double lrMultiplier(api::Schedule schedule, int64_t step, int64_t warmupSteps, int64_t totalSteps);
int64_t resolveWarmupSteps(const api::TrainingSection& training, int64_t totalSteps);

}  // namespace ft::train
