#pragma once
// The run folder's layout and its small files:
//   <run>/job.json, metrics.jsonl, checkpoints/step-NNNNNNN/{HF model files, optimizer.pt, rng.pt,
//   trainer_state.json}, best/ (HF model), eval/report.json

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/api/job_config.h"
#include "core/common/result.h"

namespace ft::train {

struct TrainerState {
    int64_t step = 0;               // optimizer steps done
    int64_t epoch = 0;              // current epoch (0-based)
    int64_t batchInEpoch = 0;       // batches of `epoch` already consumed
    double bestMetric = -1e300;     // higher is better (accuracy, or -loss for causal LM)
    int64_t bestStep = -1;
    int64_t evalsWithoutImprovement = 0;
    double elapsedSeconds = 0;
    int64_t worldSize = 1;          // processes that trained it; a resume must use as many
    double lossScale = 65536;       // fp16 dynamic loss scale (LossScaler), and its clean steps since it last changed
    int64_t lossScaleCleanSteps = 0;
};

std::filesystem::path resolveRunDir(const api::JobConfig& job);
std::filesystem::path checkpointDir(const std::filesystem::path& runDir, int64_t step);
// The newest checkpoint whose trainer_state.json is complete, if any.
std::optional<std::filesystem::path> latestCheckpoint(const std::filesystem::path& runDir);
// Every complete checkpoint (trainer_state.json present), newest first.
std::vector<std::filesystem::path> completeCheckpoints(const std::filesystem::path& runDir);
// Reads what resuming needs without loading it: the trainer state parses, the optimizer and RNG
// files are there, the weights (model or PEFT adapter) have valid safetensors headers and sizes.
Status verifyCheckpoint(const std::filesystem::path& dir);

Status writeTrainerState(const std::filesystem::path& file, const TrainerState& state);
Result<TrainerState> readTrainerState(const std::filesystem::path& file);
Status appendJsonLine(const std::filesystem::path& file, const std::string& jsonLine);
Status writeTextAtomic(const std::filesystem::path& file, const std::string& text);

}  // namespace ft::train
