// Saving a run's state at a step and picking it up again (detail::Run's checkpoint half).
#include "core/train/trainer_run.h"

#include <algorithm>
#include <mutex>

#include <torch/torch.h>

#include "core/io/remove_tree.h"

namespace ft::train::detail {

namespace {

// Each rank keeps its own random-number state: rank 0's in rng.pt (as a single process), rank R's in rng-rank-R.pt.
fs::path rngFile(const fs::path& checkpoint, int rank) {
    return checkpoint / (rank == 0 ? std::string("rng.pt") : "rng-rank-" + std::to_string(rank) + ".pt");
}

// The GPU's generator (dropout on CUDA draws from it), beside the CPU one.
fs::path cudaRngFile(const fs::path& checkpoint, int rank) {
    return checkpoint / (rank == 0 ? std::string("rng-cuda.pt") : "rng-cuda-rank-" + std::to_string(rank) + ".pt");
}

at::Generator deviceGenerator(const torch::Device& device) {
    return device.is_cuda() ? at::globalContext().defaultGenerator(device) : at::detail::getDefaultCPUGenerator();
}

torch::Tensor generatorState(const torch::Device& device) {
    at::Generator generator = deviceGenerator(device);  // a handle to the global generator
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

void setGeneratorState(const torch::Device& device, const torch::Tensor& state) {
    at::Generator generator = deviceGenerator(device);
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
}

}  // namespace

// Rank 0's newest checkpoint; every rank resumes from that folder, so it must be on storage they share.
Result<std::optional<fs::path>> Run::checkpointToResume() {
    // The newest checkpoint that is intact; a damaged one (a crash mid-write, a full disk) is
    // reported and the one before it is used.
    std::optional<fs::path> latest;
    if (m_dist->isMain()) {
        std::vector<std::string> damaged;
        for (const fs::path& dir : completeCheckpoints(m_runDir)) {
            Status ok = verifyCheckpoint(dir);
            if (ok) {
                latest = dir;
                break;
            }
            damaged.push_back(dir.filename().string() + " (" + ok.error().describe() + ")");
        }
        if (!damaged.empty() && !latest)
            return makeError("run.checkpoint_damaged", "every checkpoint of this run is damaged: " + damaged.front() +
                                                           "; move the run folder away to start again", m_runDir.string());
        for (const auto& d : damaged) {
            api::TrainEvent w = makeEvent(api::EventKind::Warning);
            w.code = "run.checkpoint_damaged";
            w.message = "checkpoint " + d + " is damaged; resuming from " + latest->filename().string() + " instead";
            m_setupWarnings.push_back(w);
        }
    }
    auto chosen = m_dist->fromMain("resume_from", latest ? latest->string() : "");
    if (!chosen) return chosen.error();
    if (chosen->empty()) return std::optional<fs::path>();
    const fs::path dir = *chosen;
    if (!fs::exists(dir / "trainer_state.json"))
        return makeError("dist.run_dir_not_shared",
                         "rank " + std::to_string(m_dist->rank()) +
                             " cannot read the checkpoint rank 0 resumes from: the run folder must be on storage every worker reads",
                         dir.string());
    return std::optional<fs::path>(dir);
}

Status Run::restore(const fs::path& checkpoint) {
    auto state = readTrainerState(checkpoint / "trainer_state.json");
    if (!state) return state.error();
    m_state = *state;
    if (m_state.worldSize != m_dist->worldSize())
        return makeError("run.world_size_mismatch",
                         "this run was trained by " + std::to_string(m_state.worldSize) + " process(es) and must resume with as many, not " +
                             std::to_string(m_dist->worldSize()) + ": use `finetune launch --nproc " + std::to_string(m_state.worldSize) +
                             "` (or WORLD_SIZE=" + std::to_string(m_state.worldSize) + ")",
                         checkpoint.string());
    m_elapsedBefore = m_state.elapsedSeconds;
    m_scaler.restore(m_state.lossScale, m_state.lossScaleCleanSteps);
    try {
        torch::serialize::InputArchive optimizerArchive;
        optimizerArchive.load_from((checkpoint / "optimizer.pt").string());
        m_optimizer->load(optimizerArchive);
        torch::Tensor rng;
        torch::load(rng, rngFile(checkpoint, m_dist->rank()).string());
        setGeneratorState(torch::kCPU, rng);
        // A checkpoint written on the CPU has no GPU generator state, and a GPU one's is not used on the CPU.
        if (const fs::path cudaRng = cudaRngFile(checkpoint, m_dist->rank()); m_device.is_cuda() && fs::exists(cudaRng)) {
            torch::load(rng, cudaRng.string());
            setGeneratorState(m_device, rng);
        }
    } catch (const std::exception& e) {
        return makeError("run.checkpoint_invalid", std::string("cannot restore the optimizer state: ") + e.what(), checkpoint.string());
    }
    return Status::success();
}

Status Run::saveCheckpoint() {
    const fs::path dir = checkpointDir(m_runDir, m_state.step);
    // Every rank's random-number state, written by rank 0 with the rest.
    auto rngStates = m_dist->allGather(generatorState(torch::kCPU));
    if (!rngStates) return rngStates.error();
    std::vector<torch::Tensor> cudaRngStates;
    if (m_device.is_cuda()) {
        auto states = m_dist->allGather(generatorState(m_device));
        if (!states) return states.error();
        cudaRngStates = std::move(*states);
    }
    if (Status st = m_dist->onMain("save " + dir.string(),
                                   [&] {
                                       Status written = writeCheckpoint(dir, *rngStates, cudaRngStates);
                                       return written ? written : writeFailed(written.error(), dir, "checkpoint " + dir.filename().string());
                                   });
        !st)
        return st;
    api::TrainEvent e = makeEvent(api::EventKind::CheckpointSaved);
    e.path = dir.string();
    send(e);
    return Status::success();
}

Status Run::writeCheckpoint(const fs::path& dir, const std::vector<torch::Tensor>& rngStates,
                            const std::vector<torch::Tensor>& cudaRngStates) {
    if (Status st = saveTrainingModel(dir, m_model, m_job, m_lora ? &*m_lora : nullptr); !st) return st;
    try {
        torch::serialize::OutputArchive archive;
        m_optimizer->save(archive);
        archive.save_to((dir / "optimizer.pt").string());
        for (size_t rank = 0; rank < rngStates.size(); ++rank) torch::save(rngStates[rank], rngFile(dir, int(rank)).string());
        for (size_t rank = 0; rank < cudaRngStates.size(); ++rank)
            torch::save(cudaRngStates[rank], cudaRngFile(dir, int(rank)).string());
    } catch (const std::exception& e) {
        return makeError("run.write_failed", std::string("cannot save the optimizer state: ") + e.what(), dir.string());
    }
    TrainerState state = m_state;
    state.elapsedSeconds = elapsed();
    state.worldSize = m_dist->worldSize();
    state.lossScale = m_scaler.scale();
    state.lossScaleCleanSteps = m_scaler.cleanSteps();
    // trainer_state.json last: its presence marks the checkpoint complete.
    if (Status st = writeTrainerState(dir / "trainer_state.json", state); !st) return st;

    // Keep the two newest checkpoints.
    std::vector<fs::path> all;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_runDir / "checkpoints", ec))
        if (entry.path().filename().string().rfind("step-", 0) == 0) all.push_back(entry.path());
    std::sort(all.begin(), all.end());
    for (size_t i = 0; i + 2 < all.size(); ++i) io::removeTree(all[i], ec);
    return Status::success();
}

}  // namespace ft::train::detail
