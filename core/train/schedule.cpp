#include "core/train/schedule.h"

#include <algorithm>
#include <cmath>

namespace ft::train {

double lrMultiplier(api::Schedule schedule, int64_t step, int64_t warmupSteps, int64_t totalSteps) {
    if (step < warmupSteps) return double(step) / double(std::max<int64_t>(1, warmupSteps));
    switch (schedule) {
    case api::Schedule::Constant: return 1.0;
    case api::Schedule::Linear:
        return std::max(0.0, double(totalSteps - step) / double(std::max<int64_t>(1, totalSteps - warmupSteps)));
    case api::Schedule::Cosine: {
        const double progress = double(step - warmupSteps) / double(std::max<int64_t>(1, totalSteps - warmupSteps));
        return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * 0.5 * 2.0 * progress)));
    }
    }
    return 1.0;
}

int64_t resolveWarmupSteps(const api::TrainingSection& training, int64_t totalSteps) {
    if (training.warmupSteps > 0) return training.warmupSteps;
    return static_cast<int64_t>(std::ceil(training.warmupRatio * double(totalSteps)));
}

}  // namespace ft::train
