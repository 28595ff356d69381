#include "ui/playground_controller.h"

namespace ft::ui {

PlaygroundController::PlaygroundController(QObject* parent) : QObject(parent) {
    m_thread.setObjectName(QStringLiteral("ft-playground"));
    m_worker = new PlaygroundWorker(m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &PlaygroundWorker::finished, this, [this]() {
        m_busy = false;
        Q_EMIT busyChanged(false);
    });
    m_thread.start();
}

PlaygroundController::~PlaygroundController() {
    stop();
    m_thread.quit();
    m_thread.wait();
}

bool PlaygroundController::start(const PlaygroundRequest& request) {
    if (m_busy) return false;
    m_cancel = false;
    m_busy = true;
    PlaygroundWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, request]() { worker->run(request); }, Qt::QueuedConnection);
    Q_EMIT busyChanged(true);
    return true;
}

void PlaygroundController::stop() { m_cancel = true; }

}  // namespace ft::ui
