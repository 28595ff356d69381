// Where the trainer's time goes against the Python loop (bench/train_throughput_reference.py): the
// same step — forward, cross-entropy, backward, clipping, AdamW — written as a bare C++ loop over our
// model, beside the Python loop on the same folder. The bare loop's rate over the trainer's
// (bench_train_throughput) is the trainer's own overhead; the bare loop over Python, the model's.

#include <cctype>
#include <chrono>
#include <fstream>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>

#include <unistd.h>

#include <torch/torch.h>

#include "core/api/builtin_corpus.h"
#include "core/api/engine.h"
#include "core/api/tiny_model.h"
#include "core/models/factory.h"

namespace fs = std::filesystem;
using namespace ft;

namespace {

constexpr int64_t kBatch = 8, kSeq = 64, kWarmup = 3, kSteps = 40;
constexpr int kRounds = 3;

double bareLoop(models::Model& model, int64_t vocab, bool causal) {
    model.train();
    torch::optim::AdamW optimizer(model.parameters(), torch::optim::AdamWOptions(1e-4).weight_decay(0.0));
    torch::manual_seed(0);
    std::chrono::steady_clock::time_point start;
    for (int64_t step = 0; step < kWarmup + kSteps; ++step) {
        if (step == kWarmup) start = std::chrono::steady_clock::now();
        const torch::Tensor ids = torch::randint(0, vocab, {kBatch, kSeq}, torch::kLong);
        const torch::Tensor mask = torch::ones({kBatch, kSeq}, torch::kLong);
        optimizer.zero_grad();
        torch::Tensor logits = model.forward(ids, mask);
        torch::Tensor loss = causal ? torch::nn::functional::cross_entropy(logits.slice(1, 0, -1).reshape({-1, vocab}), ids.slice(1, 1).reshape({-1}))
                                    : torch::nn::functional::cross_entropy(logits, torch::randint(0, 2, {kBatch}, torch::kLong));
        loss.backward();
        torch::nn::utils::clip_grad_norm_(model.parameters(), 1.0);
        optimizer.step();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return double(kSteps * kBatch * kSeq) / seconds;
}

// Long lines of corpus words: every example is truncated to exactly kSeq tokens (no padding).
void writeData(const fs::path& file, int rows) {
    const auto& corpus = api::builtinEnglishCorpus();
    std::string words;
    for (const auto& line : corpus) words += line + " ";
    std::ofstream out(file);
    out << "text,label\n";
    size_t at = 0;
    for (int r = 0; r < rows; ++r) {
        std::string row;
        for (int i = 0; i < 120; ++i) {
            const size_t space = words.find(' ', at);
            if (space == std::string::npos) { at = 0; continue; }
            const std::string word = words.substr(at, space - at);
            at = space + 1;
            std::string clean;
            for (char c : word) if (std::isalnum(static_cast<unsigned char>(c))) clean += c;
            if (!clean.empty()) row += (row.empty() ? "" : " ") + clean;
        }
        out << row << ',' << (r % 2 ? "pos" : "neg") << '\n';
    }
}

// The trainer on the same folder: tokens/s from its own per-step events after warm-up.
class StepTimer : public api::EngineObserver {
public:
    void onEvent(const api::TrainEvent& e) override {
        if (e.kind == api::EventKind::Step && e.step > kWarmup && e.samplesPerSecond > 0) seconds += double(kBatch) / e.samplesPerSecond, ++steps;
    }
    double seconds = 0;
    int64_t steps = 0;
};

double trainerLoop(const fs::path& work, const fs::path& folder, bool causal, int round) {
    api::JobConfig job;
    job.task = causal ? api::Task::CausalLM : api::Task::SequenceClassification;
    job.model.path = folder.string();
    job.data.train = (work / "train.csv").string();
    job.data.validation = (work / "validation.csv").string();
    job.data.maxLength = kSeq;
    job.training.maxSteps = kWarmup + kSteps;
    job.training.batchSize = kBatch;
    job.training.learningRate = 1e-4;
    job.training.threads = 1;
    job.training.device = "cpu";
    job.training.logEverySteps = 1;
    job.training.evalEverySteps = kWarmup + kSteps;
    job.evaluation.counterfactual = false;
    job.evaluation.beforeTraining = false;
    job.data.tokenCache = false;
    job.output.runDir = (work / ("run-" + folder.filename().string() + "-" + std::to_string(round))).string();
    api::Engine engine;
    StepTimer timer;
    if (Status st = engine.run(job, timer); !st || timer.steps == 0) return 0;
    return double(timer.steps * kBatch * kSeq) / timer.seconds;
}

std::optional<double> pythonLoop(const std::string& name, const fs::path& folder) {
    const std::string cmd = std::string("/usr/bin/python3 " FT_BENCH_SOURCE_DIR "/train_throughput_reference.py ") + name + "=" +
                            folder.string() + ":" + std::to_string(kSteps);
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return std::nullopt;
    std::optional<double> out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) {
        std::istringstream in(buf);
        std::string tag, key;
        double v = 0;
        if (std::getline(in, tag, '\t') && tag == "REF" && std::getline(in, key, '\t') && in >> v) out = v;
    }
    pclose(p);
    return out;
}

}  // namespace

int main() {
    torch::set_num_threads(1);
    const fs::path work = fs::temp_directory_path() / ("ft-bench-split-" + std::to_string(::getpid()));
    struct Shape {
        const char* name;
        const char* arch;
        int64_t layers, hidden, heads;
    };
    fs::create_directories(work);
    writeData(work / "train.csv", 512);
    writeData(work / "validation.csv", 16);
    for (const Shape& s : {Shape{"bert_small", "bert", 4, 256, 4}, Shape{"gpt2_small", "gpt2", 4, 256, 4}}) {
        api::TinyModelSpec spec;
        spec.architecture = s.arch;
        spec.outputFolder = (work / s.name).string();
        spec.layers = s.layers;
        spec.hidden = s.hidden;
        spec.heads = s.heads;
        spec.vocabSize = 512;
        if (Status st = api::makeTinyModel(spec); !st) return std::fprintf(stderr, "%s\n", st.error().describe().c_str()), 1;
        const bool causal = std::string(s.arch) == "gpt2";
        models::ModelRequest request;
        request.head = causal ? models::Head::CausalLM : models::Head::SequenceClassification;
        request.numLabels = 2;
        auto loaded = models::loadModel(spec.outputFolder, request);
        if (!loaded) return std::fprintf(stderr, "%s\n", loaded.error().describe().c_str()), 1;
        double best = 0, bestRef = 0, bestTrainer = 0;
        for (int round = 0; round < kRounds; ++round) {
            if (auto ref = pythonLoop(s.name, spec.outputFolder)) bestRef = std::max(bestRef, *ref);
            best = std::max(best, bareLoop(*loaded->model, io::vocabSize(loaded->config), causal));
            bestTrainer = std::max(bestTrainer, trainerLoop(work, spec.outputFolder, causal, round));
        }
        std::printf("BENCH\tbare C++ step loop %s (B8 T64, 1 thread)\t%.0f\ttokens/s\t%.0f\tPyTorch Python loop\n", s.name, best, bestRef);
        std::printf("BENCH\ttrainer %s (B8 T64, 1 thread, 40 steps)\t%.0f\ttokens/s\t%.0f\tbare C++ step loop\n", s.name, bestTrainer, best);
    }
    fs::remove_all(work);
    return 0;
}
