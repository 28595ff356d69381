#include "ui/training_worker.h"

#include "ui/event_queue.h"

namespace ft::ui {

TrainingWorker::TrainingWorker(EventQueue& queue) : m_queue(queue) {}

void TrainingWorker::run(std::shared_ptr<ft::api::Engine> engine, const ft::api::JobConfig& job) {
    const ft::Status status = engine->run(job, m_queue);
    Q_EMIT runReturned(status.ok());
}

}  // namespace ft::ui
