#pragma once
// The hand-off between the engine's thread and the GUI: the engine pushes, the GUI's timer drains.
// A mutex-protected vector, so the engine never waits on the event loop (no blocking queued calls).

#include <mutex>
#include <vector>

#include "core/api/engine.h"
#include "core/api/events.h"

namespace ft::ui {

class EventQueue : public ft::api::EngineObserver {
public:
    void onEvent(const ft::api::TrainEvent& event) override;  // engine thread
    std::vector<ft::api::TrainEvent> takeAll();                 // GUI thread
    void clear();

private:
    std::mutex m_mutex;
    std::vector<ft::api::TrainEvent> m_events;
};

}  // namespace ft::ui
