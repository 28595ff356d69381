#include "ui/training_controller.h"

#include "ui/training_worker.h"

namespace ft::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    m_thread.setObjectName(QStringLiteral("ft-training"));
    m_worker = new TrainingWorker(m_queue);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::runReturned, this, &TrainingController::onRunReturned);
    m_thread.start();

    m_drainTimer.setInterval(kDrainIntervalMs);
    connect(&m_drainTimer, &QTimer::timeout, this, &TrainingController::drain);
}

TrainingController::~TrainingController() {
    cancel();
    m_thread.quit();
    m_thread.wait();
}

bool TrainingController::isPaused() const { return m_engine && m_engine->isPaused(); }

bool TrainingController::start(const ft::api::JobConfig& job) {
    if (m_running) return false;
    m_queue.clear();
    m_engine = std::make_shared<ft::api::Engine>();
    m_running = true;
    TrainingWorker* worker = m_worker;
    std::shared_ptr<ft::api::Engine> engine = m_engine;
    QMetaObject::invokeMethod(
        worker, [worker, engine, job]() { worker->run(engine, job); }, Qt::QueuedConnection);
    m_drainTimer.start();
    Q_EMIT runningChanged(true);
    return true;
}

void TrainingController::pause() {
    if (m_engine) m_engine->pause();
}

void TrainingController::resume() {
    if (m_engine) m_engine->resume();
}

void TrainingController::cancel() {
    if (m_engine && m_running) m_engine->cancel();
}

void TrainingController::drain() {
    std::vector<ft::api::TrainEvent> events = m_queue.takeAll();
    if (!events.empty()) Q_EMIT eventsReady(events);
}

void TrainingController::onRunReturned() {
    m_drainTimer.stop();
    drain();  // the final Finished / Cancelled / Failed event was queued before run() returned
    m_running = false;
    Q_EMIT runningChanged(false);
}

}  // namespace ft::ui
