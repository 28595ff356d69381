#pragma once
// The training loop: one job from data to evaluated, exported model, with pause / cancel between
// optimizer steps and exact resume from the run folder's last checkpoint.

#include <atomic>
#include <functional>

#include "core/api/distributed_launch.h"
#include "core/api/events.h"
#include "core/api/job_config.h"
#include "core/common/result.h"

namespace ft::train {

struct RunControl {
    std::atomic<bool> cancel{false};
    std::atomic<bool> pause{false};
};

using EventSink = std::function<void(const api::TrainEvent&)>;

// Emits Started, Step, Evaluation, CheckpointSaved, Paused/Resumed, Warning and exactly one of
// Finished / Cancelled / Failed. Never throws. A `launch` with several workers trains data-parallel:
// rank 0 emits the events and writes the run folder, the other ranks emit only their failures.
Status runTraining(const api::JobConfig& job, RunControl& control, const EventSink& emit,
                   const api::DistributedLaunch& launch = {});

}  // namespace ft::train
