#include "core/api/events.h"

namespace ft::api {

const char* eventKindName(EventKind kind) {
    switch (kind) {
    case EventKind::Started: return "started";
    case EventKind::Step: return "step";
    case EventKind::Evaluation: return "evaluation";
    case EventKind::CheckpointSaved: return "checkpoint";
    case EventKind::Paused: return "paused";
    case EventKind::Resumed: return "resumed";
    case EventKind::Warning: return "warning";
    case EventKind::Finished: return "finished";
    case EventKind::Cancelled: return "cancelled";
    case EventKind::Failed: return "failed";
    }
    return "unknown";
}

}  // namespace ft::api
