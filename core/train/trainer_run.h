#pragma once
// The trainer's run (private to core/train): one training job from set-up to the final report.
// Its parts live in trainer.cpp (set-up, the step loop, events, failures), trainer_checkpoints.cpp
// (saving and resuming) and trainer_finish.cpp (the measurements before the first step and the
// report at the end).

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "core/api/job_config.h"
#include "core/models/factory.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/augmented_examples.h"
#include "core/train/batching.h"
#include "core/train/before_after.h"
#include "core/train/distributed.h"
#include "core/train/freezing.h"
#include "core/train/l2sp.h"
#include "core/train/model_store.h"
#include "core/train/precision.h"
#include "core/train/prepared_data.h"
#include "core/train/run_folder.h"
#include "core/train/sharding.h"
#include "core/train/trainer.h"
#include "core/train/training_heap.h"

namespace ft::train::detail {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

inline api::TrainEvent makeEvent(api::EventKind kind) {
    api::TrainEvent e;
    e.kind = kind;
    return e;
}

class Run {
public:
    Run(const api::JobConfig& job, const api::DistributedLaunch& launch, RunControl& control, const EventSink& emit)
        : m_job(job), m_launch(launch), m_control(control), m_emit(emit) {}

    Status execute();

private:
    Status setUp();
    Status measureBeforeTraining();
    Result<ReferenceScore> scoreReferenceText();
    Status trainLoop();
    Status joinProcessGroup();
    Result<std::optional<fs::path>> checkpointToResume();
    Status saveCheckpoint();
    Status writeCheckpoint(const fs::path& dir, const std::vector<torch::Tensor>& rngStates,
                           const std::vector<torch::Tensor>& cudaRngStates);
    Status restore(const fs::path& checkpoint);
    Status finish();
    void releaseTrainingState();
    Result<bool> evaluateNow();

    // One optimizer step's data, summed over the ranks.
    struct StepTotals {
        double loss = 0;      // mean loss of the step
        int64_t tokens = 0;
        int64_t samples = 0;
    };
    Result<bool> cancelRequested();
    Result<StepTotals> computeGradients(const std::vector<int64_t>& order, int64_t stepInEpoch);
    void emitStep(double loss, double gradNorm, int64_t tokens, int64_t samples, double stepSeconds);
    bool waitWhilePaused();
    void send(const api::TrainEvent& e);
    double elapsed() const {
        return m_elapsedBefore + std::chrono::duration<double>(Clock::now() - m_started).count();
    }
    // A write into the run folder failed: the partial folder goes, and a full disk is said as such.
    Status writeFailed(const Error& error, const fs::path& target, const std::string& what);
    Status fail(const Error& error) {
        api::TrainEvent e = makeEvent(api::EventKind::Failed);
        e.code = error.code;
        e.message = error.describe();
        e.path = m_runDir.string();
        send(e);
        return error;
    }

    // First member, so it is the last to go: the free heap is returned once every tensor of the run is freed.
    TrainingHeap m_heap;
    const api::JobConfig& m_job;
    const api::DistributedLaunch& m_launch;
    RunControl& m_control;
    const EventSink& m_emit;
    std::unique_ptr<Distributed> m_dist = std::make_unique<Distributed>();  // single process until setUp joins a group
    ShardLayout m_layout;

    fs::path m_runDir;
    torch::Device m_device{torch::kCPU};
    Precision m_precision = Precision::Float32;
    LossScaler m_scaler;                             // fp16 only
    std::optional<std::vector<Example>> m_referenceBlocks;  // forgetting check, packed once
    std::unique_ptr<tok::Tokenizer> m_tokenizer;
    PreparedData m_data;
    std::unique_ptr<AugmentedExamples> m_augmented;  // data.augmentation: the training split only
    bool m_tokenCacheHit = false;                    // the tokenized data came from data.token_cache
    models::LoadedModel m_model;
    std::optional<LoraState> m_lora;                // with job.lora.enabled
    std::vector<ParameterPlan> m_plan;
    L2SpPenalty m_l2sp;                              // training.l2_sp
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    std::vector<double> m_lrScales;
    TrainerState m_state;
    int64_t m_stepsPerEpoch = 0, m_totalSteps = 0, m_warmupSteps = 0, m_floor = -1;
    int64_t m_trainable = 0, m_totalParams = 0;
    double m_lastLr = 0;
    Clock::time_point m_started = Clock::now();
    double m_elapsedBefore = 0;
    bool m_stopEarly = false;
    std::vector<api::TrainEvent> m_setupWarnings;  // reported right after Started
    static constexpr int kMaxNonFiniteSteps = 3;
    static constexpr double kMinLossScale = 1.0 / 65536;  // fp16: 32 halvings of the initial scale
    int m_nonFiniteInARow = 0;

public:
    // An exception that ended the run: out of memory gets advice, anything else is reported as is.
    Status failFromException(const std::exception& e);
private:
    std::vector<int64_t> m_injectNanAtSteps;       // tests: FT_DEBUG_NAN_AT_STEPS="3,4" (1-based steps)
};

}  // namespace ft::train::detail
