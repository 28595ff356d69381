#pragma once
// Lives on the controller's worker thread and calls the blocking Engine::run there.

#include <QObject>

#include <memory>

#include "core/api/engine.h"
#include "core/api/job_config.h"

namespace ft::ui {

class EventQueue;

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(EventQueue& queue);

    // Runs on the worker thread; blocks until the engine returns.
    void run(std::shared_ptr<ft::api::Engine> engine, const ft::api::JobConfig& job);

Q_SIGNALS:
    // After the last event was queued; `ok` mirrors the engine's returned Status.
    void runReturned(bool ok);

private:
    EventQueue& m_queue;
};

}  // namespace ft::ui
