#pragma once
// Owns the Playground's long-lived thread and its worker. stop() sets an atomic the generation loop
// checks between tokens — deliberately not a slot, so it acts while the worker is busy.

#include <QObject>
#include <QThread>

#include <atomic>

#include "ui/playground_worker.h"

namespace ft::ui {

class PlaygroundController : public QObject {
    Q_OBJECT
public:
    explicit PlaygroundController(QObject* parent = nullptr);
    ~PlaygroundController() override;  // stop → quit → wait

    bool isBusy() const { return m_busy; }
    // Returns false (and does nothing) while a request is running.
    bool start(const PlaygroundRequest& request);
    void stop();

    PlaygroundWorker* worker() const { return m_worker; }  // connect to its signals (queued)

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    QThread m_thread;
    std::atomic<bool> m_cancel{false};
    PlaygroundWorker* m_worker = nullptr;  // lives on m_thread, deleted when it finishes
    bool m_busy = false;
};

}  // namespace ft::ui
