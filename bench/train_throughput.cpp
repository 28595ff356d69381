// Training throughput of our trainer loop (forward + backward + AdamW + clipping; batch 8, sequence 64,
// one thread) beside a plain PyTorch Python loop doing the same (train_throughput_reference.py on
// Debian's python3-torch); data-parallel samples/s with 1 and 2 local workers (`finetune launch`,
// Gloo) and the all-reduce volume; peak RSS of the small shape beside api::estimateJobMemory.
// Prints BENCH lines (format: bench/run).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/api/builtin_corpus.h"
#include "core/api/engine.h"
#include "core/api/memory_estimate.h"
#include "core/api/job_config.h"
#include "core/api/model_info.h"
#include "core/api/tiny_model.h"

namespace fs = std::filesystem;
using namespace ft;

namespace {

constexpr int64_t kBatch = 8, kSeq = 64, kWarmupSteps = 3;
constexpr int kRounds = 2;

struct Shape {
    const char* name;     // also the reference script's key
    const char* arch;
    int64_t layers, hidden, heads;
    int64_t steps;        // timed steps (after warm-up)
};

const Shape kShapes[] = {
    {"gpt2_tiny", "gpt2", 2, 64, 4, 60},
    {"bert_tiny", "bert", 2, 64, 4, 60},
    {"gpt2_small", "gpt2", 4, 256, 4, 12},
    {"bert_small", "bert", 4, 256, 4, 12},
};

// Long lines of corpus words: every example is truncated to exactly kSeq tokens (no padding).
void writeData(const fs::path& file, int rows) {
    const auto& corpus = api::builtinEnglishCorpus();
    std::vector<std::string> words;
    for (const auto& line : corpus) {
        std::istringstream in(line);
        for (std::string w; in >> w;) {
            w.erase(std::remove_if(w.begin(), w.end(), [](char c) { return c == ',' || c == '"'; }), w.end());
            if (!w.empty()) words.push_back(w);
        }
    }
    std::mt19937 rng(7);
    std::ofstream out(file);
    out << "text,label\n";
    for (int r = 0; r < rows; ++r) {
        for (int i = 0; i < 120; ++i) out << (i ? " " : "") << words[rng() % words.size()];
        out << ',' << (r % 2 ? "pos" : "neg") << '\n';
    }
}

api::JobConfig makeJob(const fs::path& work, const Shape& s, int64_t steps, const std::string& runDir) {
    api::JobConfig job;
    job.name = s.name;
    job.task = std::string(s.arch) == "gpt2" ? api::Task::CausalLM : api::Task::SequenceClassification;
    job.model.path = (work / s.name).string();
    job.data.train = (work / "train.csv").string();
    job.data.validation = (work / "validation.csv").string();
    job.data.maxLength = kSeq;
    auto& t = job.training;
    t.maxSteps = steps;
    t.batchSize = kBatch;
    t.learningRate = 1e-4;
    t.optimizer = api::Optimizer::AdamW;
    t.maxGradNorm = 1.0;
    t.threads = 1;
    t.device = "cpu";
    t.logEverySteps = 1;
    t.evalEverySteps = steps;  // one evaluation, after the timed steps
    job.evaluation.counterfactual = false;
    job.evaluation.beforeTraining = false;  // the steps' memory row starts at Started, before this would run
    job.output.runDir = runDir;
    return job;
}

long procStatusKiB(const char* key) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::string(key).size());
    return -1;
}

void resetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }  // VmHWM := VmRSS (Linux ≥ 4.0)

// Seconds of the steps after warm-up, from the engine's own per-step rates.
class StepTimer : public api::EngineObserver {
public:
    void onEvent(const api::TrainEvent& e) override {
        if (e.kind == api::EventKind::Step && e.step > kWarmupSteps && e.samplesPerSecond > 0) {
            seconds += double(kBatch) / e.samplesPerSecond;
            ++steps;
        }
        if (e.kind == api::EventKind::Started) {
            trainable = e.trainableParams;
            // The model is loaded and the data ready: from here on the run adds gradients, optimizer
            // state and activations, what the estimate's training part counts.
            resetPeakRss();
            startedKiB = procStatusKiB("VmRSS:");
        }
        if (e.kind == api::EventKind::Step && e.step == e.totalSteps) stepsPeakKiB = procStatusKiB("VmHWM:");
        if (e.kind == api::EventKind::Failed) std::fprintf(stderr, "train_throughput: %s\n", e.message.c_str());
    }
    double seconds = 0;
    int64_t steps = 0;
    int64_t trainable = 0;
    long startedKiB = -1, stepsPeakKiB = -1;
};

// Tokens/s of the Python reference on the same model folder (it prints "REF<TAB>name<TAB>tokens/s").
std::optional<double> pythonReference(const fs::path& work, const Shape& s) {
    std::optional<double> out;
    const std::string cmd = std::string("/usr/bin/python3 " FT_BENCH_SOURCE_DIR "/train_throughput_reference.py ") + s.name + "=" +
                            (work / s.name).string() + ":" + std::to_string(s.steps);
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) {
        std::istringstream in(buf);
        std::string tag, name;
        double v = 0;
        if (std::getline(in, tag, '\t') && tag == "REF" && std::getline(in, name, '\t') && in >> v) out = v;
    }
    pclose(p);
    return out;
}

// `finetune launch --nproc N`: global samples/s between the first and last logged step after warm-up.
double launchSamplesPerSecond(const fs::path& jobFile, int workers, int round) {
    const std::string cmd = std::string(FT_CLI_PATH) + " launch --nproc " + std::to_string(workers) + " " + jobFile.string() +
                            " --json --run-dir " + (jobFile.parent_path() / "runs" / (jobFile.stem().string() + "-launch-" + std::to_string(workers) + "-" + std::to_string(round))).string();
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return 0;
    double t0 = -1, t1 = -1;
    int64_t s0 = 0, s1 = 0;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p)) {
        const std::string line = buf;
        if (line.find("\"event\":\"step\"") == std::string::npos) continue;
        const int64_t step = std::atoll(line.c_str() + line.find("\"step\":") + 7);
        const double elapsed = std::atof(line.c_str() + line.find("\"elapsed\":") + 10);
        if (step == kWarmupSteps) t0 = elapsed, s0 = step;
        if (step > kWarmupSteps) t1 = elapsed, s1 = step;
    }
    const int rc = pclose(p);
    if (rc != 0 || t0 < 0 || t1 <= t0) {
        std::fprintf(stderr, "train_throughput: finetune launch --nproc %d failed (status %d)\n", workers, rc);
        return 0;
    }
    return double(s1 - s0) * double(kBatch * workers) / (t1 - t0);
}

// Peak resident memory of a whole `finetune train JOB --run-dir DIR` process, as a user runs it: what
// its Finished event reports (VmHWM of its own image; the wait4 figure of a child forked from this
// process would include this process's own pages). Bytes, or -1.
int64_t cliPeakRssBytes(const fs::path& jobFile, const fs::path& runDir) {
    const std::string cmd = std::string(FT_CLI_PATH) + " train " + jobFile.string() + " --json --run-dir " + runDir.string() + " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return -1;
    int64_t peak = -1;
    char buf[8192];
    while (std::fgets(buf, sizeof buf, p)) {
        const std::string line = buf;
        const size_t at = line.find("\"peak_rss_bytes\":");
        if (line.find("\"event\":\"finished\"") != std::string::npos && at != std::string::npos)
            peak = std::atoll(line.c_str() + at + 17);
    }
    if (pclose(p) != 0) {
        std::fprintf(stderr, "train_throughput: finetune train %s failed\n", jobFile.c_str());
        return -1;
    }
    return peak;
}

}  // namespace

int main() {
    const fs::path work = fs::temp_directory_path() / ("ft-bench-train-" + std::to_string(::getpid()));
    fs::create_directories(work);
    writeData(work / "train.csv", 512);
    writeData(work / "validation.csv", 16);
    for (const Shape& s : kShapes) {
        api::TinyModelSpec spec;
        spec.architecture = s.arch;
        spec.outputFolder = (work / s.name).string();
        spec.layers = s.layers;
        spec.hidden = s.hidden;
        spec.heads = s.heads;
        spec.vocabSize = 512;
        if (Status st = api::makeTinyModel(spec); !st) return std::fprintf(stderr, "%s\n", st.error().describe().c_str()), 1;
    }

    // The machine is shared: each figure is the best of kRounds, Python and C++ taking turns per shape.
    for (const Shape& s : kShapes) {
        std::fprintf(stderr, "  %s ...\n", s.name);
        double best = 0, bestRef = 0;
        int64_t trainable = 0;
        double stepsGrowthMiB = 0;
        const bool small = std::string(s.name).find("_small") != std::string::npos;
        for (int round = 0; round < kRounds; ++round) {
            const auto ref = pythonReference(work, s);
            if (ref) bestRef = std::max(bestRef, *ref);
            api::Engine engine;
            StepTimer timer;
            const std::string runDir = (work / "runs" / (std::string(s.name) + "-" + std::to_string(round))).string();
            if (Status st = engine.run(makeJob(work, s, kWarmupSteps + s.steps, runDir), timer); !st || timer.steps == 0) continue;
            best = std::max(best, double(timer.steps * kBatch * kSeq) / timer.seconds);
            trainable = timer.trainable;
            if (round == 0 && timer.startedKiB > 0 && timer.stepsPeakKiB > 0)
                stepsGrowthMiB = double(timer.stepsPeakKiB - timer.startedKiB) / 1024.0;
        }
        char refText[32] = "-";
        if (bestRef > 0) std::snprintf(refText, sizeof refText, "%.0f", bestRef);
        std::printf("BENCH\ttrain %s (B8 T64, 1 thread)\t%.0f\ttokens/s\t%s\tPyTorch Python loop\n", s.name, best, refText);
        if (small) {
            const api::JobConfig job = makeJob(work, s, kWarmupSteps + s.steps, {});
            auto estimate = api::estimateJobMemory(job);
            const auto mib = [](int64_t bytes) { return double(bytes) / (1 << 20); };
            if (estimate && stepsGrowthMiB > 0) {
                // What the steps add to the loaded model: gradients, optimizer state, activations.
                const int64_t training = estimate->gradientBytes + estimate->optimizerBytes + estimate->activationBytes +
                                         estimate->castCacheBytes + estimate->anchorBytes;
                std::printf("BENCH\tpeak RSS of the steps over the loaded model %s\t%.1f\tMiB\t%.1f\testimate: gradients + optimizer + activations\n",
                            s.name, stepsGrowthMiB, mib(training));
            }
            const fs::path jobFile = work / (std::string("rss-job-") + s.name + ".json");
            std::ofstream(jobFile) << api::jobConfigToJson(job);
            const int64_t peak = cliPeakRssBytes(jobFile, work / "runs" / (std::string(s.name) + "-cli"));
            if (estimate && peak > 0)
                std::printf("BENCH\tpeak RSS of finetune train %s (whole process)\t%.1f\tMiB\t%.1f\testimateJobMemory total\n", s.name,
                            mib(peak), mib(estimate->totalBytes));
        }
        if (std::string(s.arch) == "gpt2")
            std::printf("BENCH\tall-reduce bytes/step %s\t%lld\tbytes\t-\t= trainable parameters x 4\n", s.name,
                        static_cast<long long>(trainable * 4));
    }

    // Data parallel on the GPT-2 shapes: batch 8 per worker, one thread each.
    for (const Shape& shape : kShapes) {
        if (std::string(shape.arch) != "gpt2") continue;
        const fs::path jobFile = work / (std::string("dp-job-") + shape.name + ".json");
        std::ofstream(jobFile) << api::jobConfigToJson(makeJob(work, shape, kWarmupSteps + std::min<int64_t>(40, shape.steps), {}));
        std::fprintf(stderr, "  launch --nproc 1/2 %s ...\n", shape.name);
        double one = 0, two = 0;
        for (int round = 0; round < kRounds; ++round) {
            one = std::max(one, launchSamplesPerSecond(jobFile, 1, round));
            two = std::max(two, launchSamplesPerSecond(jobFile, 2, round));
        }
        std::printf("BENCH\tlaunch --nproc 1 %s\t%.1f\tsamples/s\t-\t\n", shape.name, one);
        std::printf("BENCH\tlaunch --nproc 2 %s (Gloo)\t%.1f\tsamples/s\t%.1f\tlaunch --nproc 1\n", shape.name, two, one);
    }
    std::error_code ec;
    fs::remove_all(work, ec);
    return 0;
}
