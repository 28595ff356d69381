#include "ui/event_queue.h"

namespace ft::ui {

void EventQueue::onEvent(const ft::api::TrainEvent& event) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_events.push_back(event);
}

std::vector<ft::api::TrainEvent> EventQueue::takeAll() {
    std::vector<ft::api::TrainEvent> out;
    std::lock_guard<std::mutex> lock(m_mutex);
    out.swap(m_events);
    return out;
}

void EventQueue::clear() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_events.clear();
}

}  // namespace ft::ui
