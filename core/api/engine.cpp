#include "core/api/engine.h"

#include "core/api/memory_estimate.h"
#include "core/common/byte_size.h"
#include "core/train/trainer.h"

namespace ft::api {

struct Engine::State {
    train::RunControl control;
};

Engine::Engine() : m_state(std::make_unique<State>()) {}
Engine::~Engine() = default;

Status Engine::run(const JobConfig& job, EngineObserver& observer, const DistributedLaunch& launch) {
    m_state->control.cancel = false;
    m_state->control.pause = false;
    // The memory estimate goes with the Started event; a job that will not fit is warned about before
    // its first step (the estimate failing is the trainer's to report, as it reads the same files).
    const auto memory = estimateJobMemory(job);
    const auto forward = [&observer, &memory](const TrainEvent& e) {
        if (e.kind != EventKind::Started || !memory) return observer.onEvent(e);
        TrainEvent started = e;
        started.message += (started.message.empty() ? "" : "; ") + std::string("memory \u2248 ") + humanBytes(memory->totalBytes);
        if (memory->availableBytes >= 0) started.message += " of " + humanBytes(memory->availableBytes) + " free";
        observer.onEvent(started);
        if (memory->fits) return;
        TrainEvent warning;
        warning.kind = EventKind::Warning;
        warning.step = e.step;
        warning.totalSteps = e.totalSteps;
        warning.code = "train.memory_tight";
        warning.message = "this job needs about " + humanBytes(memory->totalBytes) + " but only " +
                          humanBytes(memory->availableBytes) + " is free on the " + (memory->cuda ? "GPU" : "computer") +
                          "; it may run out of memory" + (memory->suggestions.empty() ? "" : ". Try: " + memory->suggestions.front());
        observer.onEvent(warning);
    };
    return train::runTraining(job, m_state->control, forward, launch);
}

void Engine::pause() { m_state->control.pause = true; }
void Engine::resume() { m_state->control.pause = false; }
void Engine::cancel() { m_state->control.cancel = true; }
bool Engine::isPaused() const { return m_state->control.pause.load(); }

}  // namespace ft::api
