#include "core/api/engine.h"

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
    return train::runTraining(job, m_state->control, [&observer](const TrainEvent& e) { observer.onEvent(e); }, launch);
}

void Engine::pause() { m_state->control.pause = true; }
void Engine::resume() { m_state->control.pause = false; }
void Engine::cancel() { m_state->control.cancel = true; }
bool Engine::isPaused() const { return m_state->control.pause.load(); }

}  // namespace ft::api
