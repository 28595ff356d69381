#pragma once
// The training engine's facade. run() blocks on the calling thread (the GUI's worker QThread or the
// CLI's main thread); pause(), resume() and cancel() are safe from any thread and take effect
// between optimizer steps.

#include <memory>

#include "core/api/distributed_launch.h"
#include "core/api/events.h"
#include "core/api/job_config.h"
#include "core/common/result.h"

namespace ft::api {

class EngineObserver {
public:
    virtual ~EngineObserver() = default;
    virtual void onEvent(const TrainEvent& event) = 0;  // called on the engine's thread
};

class Engine {
public:
    Engine();
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Trains (or resumes, when the job's run folder holds a checkpoint) and evaluates. Every outcome is
    // also reported as a Finished / Cancelled / Failed event; the returned Status mirrors it. With a
    // multi-worker `launch` this process is one rank of a data-parallel job (see distributed_launch.h).
    Status run(const JobConfig& job, EngineObserver& observer, const DistributedLaunch& launch = {});

    void pause();
    void resume();
    void cancel();
    bool isPaused() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace ft::api
