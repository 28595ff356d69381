#pragma once
// Owns the long-lived training thread and the engine of the current run. Pause, resume and cancel
// call the engine directly (thread-safe atomics), never through slots, so they act even while the
// worker thread is busy inside Engine::run.

#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>
#include <vector>

#include "core/api/engine.h"
#include "core/api/events.h"
#include "core/api/job_config.h"
#include "ui/event_queue.h"

namespace ft::ui {

class TrainingWorker;

class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;  // cancel → quit → wait

    bool isRunning() const { return m_running; }
    bool isPaused() const;
    // Returns false (and does nothing) while a run is in progress.
    bool start(const ft::api::JobConfig& job);
    void pause();
    void resume();
    void cancel();

    static constexpr int kDrainIntervalMs = 40;

Q_SIGNALS:
    // Once per drain tick, all events queued since the last tick, in order.
    void eventsReady(const std::vector<ft::api::TrainEvent>& events);
    void runningChanged(bool running);

private:
    void drain();
    void onRunReturned();

    QThread m_thread;
    QTimer m_drainTimer;
    EventQueue m_queue;
    TrainingWorker* m_worker = nullptr;  // lives on m_thread, deleted when it finishes
    std::shared_ptr<ft::api::Engine> m_engine;
    bool m_running = false;
};

}  // namespace ft::ui
