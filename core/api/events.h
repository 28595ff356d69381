#pragma once
// What the engine reports while it runs: small POD events, delivered through EngineObserver on the
// engine's thread. The GUI queues them; the CLI prints them.

#include <cstdint>
#include <string>

namespace ft::api {

enum class EventKind {
    Started,          // trainableParams/totalParams/totalSteps/runDir set
    Step,             // one optimizer step: loss, lr, gradNorm, throughput, ETA
    Evaluation,       // validation metrics at `step`
    CheckpointSaved,  // path
    Paused,
    Resumed,
    Warning,          // message/code
    Finished,         // runDir; final metrics in the evaluation fields
    Cancelled,        // runDir; the last checkpoint stays valid
    Failed,           // code/message
};

struct TrainEvent {
    EventKind kind = EventKind::Step;
    int64_t step = 0;
    int64_t totalSteps = 0;
    double epoch = 0;                 // fractional epoch
    double loss = 0;                  // training loss (mean over the step's micro-batches)
    double learningRate = 0;          // of the top group
    double gradNorm = 0;              // before clipping
    double tokensPerSecond = 0;
    double samplesPerSecond = 0;
    double elapsedSeconds = 0;
    double etaSeconds = -1;           // -1 while unknown
    double evalLoss = -1;             // -1 when not evaluated
    double evalAccuracy = -1;
    double evalF1Macro = -1;
    double evalPerplexity = -1;
    int64_t trainableParams = 0;
    int64_t totalParams = 0;
    int64_t peakResidentBytes = -1;   // Finished: the process's peak resident memory (-1 where unknown)
    std::string code;                 // warnings and failures: stable code
    std::string message;              // English detail (file:line where relevant)
    std::string path;                 // checkpoint or run folder
};

// Inline: core/train writes these names into metrics.jsonl without linking core/api.
inline const char* eventKindName(EventKind kind) {
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
