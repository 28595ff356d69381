#include "core/train/run_folder.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/io/checkpoint.h"
#include "core/io/safetensors.h"

namespace ft::train {
namespace fs = std::filesystem;

fs::path resolveRunDir(const api::JobConfig& job) {
    if (!job.output.runDir.empty()) return job.output.runDir;
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    std::ostringstream name;
    name << std::put_time(&tm, "%Y%m%d-%H%M%S") << "-" << job.name;
    return fs::path(job.output.runsDir) / name.str();
}

fs::path checkpointDir(const fs::path& runDir, int64_t step) {
    std::ostringstream name;
    name << "step-" << std::setw(7) << std::setfill('0') << step;
    return runDir / "checkpoints" / name.str();
}

std::optional<fs::path> latestCheckpoint(const fs::path& runDir) {
    const std::vector<fs::path> all = completeCheckpoints(runDir);
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::vector<fs::path> completeCheckpoints(const fs::path& runDir) {
    std::error_code ec;
    std::vector<fs::path> found;
    if (!fs::is_directory(runDir / "checkpoints", ec)) return found;
    for (const auto& entry : fs::directory_iterator(runDir / "checkpoints", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("step-", 0) != 0 || name.find('.') != std::string::npos) continue;
        if (fs::exists(entry.path() / "trainer_state.json")) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) { return a.filename() > b.filename(); });
    return found;
}

Status verifyCheckpoint(const fs::path& dir) {
    if (auto state = readTrainerState(dir / "trainer_state.json"); !state) return state.error();
    std::error_code ec;
    for (const char* name : {"optimizer.pt"}) {
        const auto size = fs::file_size(dir / name, ec);
        if (ec || size == 0) return makeError("run.checkpoint_damaged", std::string(name) + " is missing or empty", (dir / name).string());
    }
    bool rng = false;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        rng = rng || entry.path().filename().string().rfind("rng", 0) == 0;
    if (!rng) return makeError("run.checkpoint_damaged", "the random-number state (rng*.pt) is missing", dir.string());
    if (fs::exists(dir / "adapter_config.json")) {
        auto adapter = io::SafetensorsFile::open(dir / "adapter_model.safetensors");
        if (!adapter) return adapter.error();
        return Status::success();
    }
    auto weights = io::Checkpoint::open(dir);
    if (!weights) return weights.error();
    return Status::success();
}

Status writeTextAtomic(const fs::path& file, const std::string& text) {
    const fs::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) return makeError("run.write_failed", "cannot write " + tmp.string(), tmp.string());
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) return makeError("run.write_failed", "cannot rename into " + file.string() + ": " + ec.message(), file.string());
    return Status::success();
}

Status writeTrainerState(const fs::path& file, const TrainerState& s) {
    nlohmann::json j = {{"step", s.step},
                        {"epoch", s.epoch},
                        {"batch_in_epoch", s.batchInEpoch},
                        {"best_metric", s.bestMetric},
                        {"best_step", s.bestStep},
                        {"evals_without_improvement", s.evalsWithoutImprovement},
                        {"elapsed_seconds", s.elapsedSeconds},
                        {"world_size", s.worldSize},
                        {"loss_scale", s.lossScale},
                        {"loss_scale_clean_steps", s.lossScaleCleanSteps}};
    return writeTextAtomic(file, j.dump(2) + "\n");
}

Result<TrainerState> readTrainerState(const fs::path& file) {
    std::ifstream in(file);
    if (!in) return makeError("run.state_missing", "cannot open the trainer state", file.string());
    try {
        nlohmann::json j = nlohmann::json::parse(in);
        TrainerState s;
        s.step = j.at("step").get<int64_t>();
        s.epoch = j.at("epoch").get<int64_t>();
        s.batchInEpoch = j.at("batch_in_epoch").get<int64_t>();
        s.bestMetric = j.at("best_metric").get<double>();
        s.bestStep = j.at("best_step").get<int64_t>();
        s.evalsWithoutImprovement = j.at("evals_without_improvement").get<int64_t>();
        s.elapsedSeconds = j.at("elapsed_seconds").get<double>();
        s.worldSize = j.value("world_size", int64_t(1));  // absent in checkpoints written before data parallelism
        s.lossScale = j.value("loss_scale", 65536.0);      // absent before mixed precision
        s.lossScaleCleanSteps = j.value("loss_scale_clean_steps", int64_t(0));
        return s;
    } catch (const std::exception& e) {
        return makeError("run.state_invalid", std::string("the trainer state is damaged: ") + e.what(), file.string());
    }
}

Status appendJsonLine(const fs::path& file, const std::string& line) {
    std::ofstream out(file, std::ios::binary | std::ios::app);
    out << line << "\n";
    out.flush();
    if (!out) return makeError("run.write_failed", "cannot append to " + file.string(), file.string());
    return Status::success();
}

}  // namespace ft::train
