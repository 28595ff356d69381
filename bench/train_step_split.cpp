// Our GPT-2 and BERT against the plain-PyTorch reference (bench/train_throughput_reference.py) on the
// same folders, tiny and small: the forward pass (eval mode, no gradients, with the loss), and the
// training step — forward, cross-entropy, backward, clipping, AdamW — as a bare C++ loop over our
// model and through the trainer. Bare loop over Python: the model's share; trainer over bare loop:
// the trainer's own overhead.

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

constexpr int64_t kBatch = 8, kSeq = 64, kWarmup = 3;
constexpr int kRounds = 3;

// The loss of one random [kBatch, kSeq] batch: next tokens (causal LM) or two random classes.
torch::Tensor randomBatchLoss(models::Model& model, int64_t vocab, bool causal) {
    const torch::Tensor ids = torch::randint(0, vocab, {kBatch, kSeq}, torch::kLong);
    const torch::Tensor logits = model.forward(ids, torch::ones({kBatch, kSeq}, torch::kLong));
    return causal ? torch::nn::functional::cross_entropy(logits.slice(1, 0, -1).reshape({-1, vocab}), ids.slice(1, 1).reshape({-1}))
                  : torch::nn::functional::cross_entropy(logits, torch::randint(0, 2, {kBatch}, torch::kLong));
}

double forwardLoop(models::Model& model, int64_t vocab, bool causal, int64_t steps) {
    model.eval();
    torch::NoGradGuard noGrad;
    torch::manual_seed(0);
    std::chrono::steady_clock::time_point start;
    for (int64_t step = 0; step < kWarmup + steps; ++step) {
        if (step == kWarmup) start = std::chrono::steady_clock::now();
        randomBatchLoss(model, vocab, causal);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return double(steps * kBatch * kSeq) / seconds;
}

double bareLoop(models::Model& model, int64_t vocab, bool causal, int64_t steps) {
    model.train();
    torch::optim::AdamW optimizer(model.parameters(), torch::optim::AdamWOptions(1e-4).weight_decay(0.0));
    torch::manual_seed(0);
    std::chrono::steady_clock::time_point start;
    for (int64_t step = 0; step < kWarmup + steps; ++step) {
        if (step == kWarmup) start = std::chrono::steady_clock::now();
        optimizer.zero_grad();
        randomBatchLoss(model, vocab, causal).backward();
        torch::nn::utils::clip_grad_norm_(model.parameters(), 1.0);
        optimizer.step();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return double(steps * kBatch * kSeq) / seconds;
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

double trainerLoop(const fs::path& work, const fs::path& folder, bool causal, int round, int64_t steps) {
    api::JobConfig job;
    job.task = causal ? api::Task::CausalLM : api::Task::SequenceClassification;
    job.model.path = folder.string();
    job.data.train = (work / "train.csv").string();
    job.data.validation = (work / "validation.csv").string();
    job.data.maxLength = kSeq;
    job.training.maxSteps = kWarmup + steps;
    job.training.batchSize = kBatch;
    job.training.learningRate = 1e-4;
    job.training.threads = 1;
    job.training.device = "cpu";
    job.training.logEverySteps = 1;
    job.training.evalEverySteps = kWarmup + steps;
    job.evaluation.counterfactual = false;
    job.evaluation.beforeTraining = false;
    job.data.tokenCache = false;
    job.output.runDir = (work / ("run-" + folder.filename().string() + "-" + std::to_string(round))).string();
    api::Engine engine;
    StepTimer timer;
    if (Status st = engine.run(job, timer); !st || timer.steps == 0) return 0;
    return double(timer.steps * kBatch * kSeq) / timer.seconds;
}

std::optional<double> pythonLoop(const std::string& name, const fs::path& folder, int64_t steps, bool forward) {
    const std::string cmd = std::string("/usr/bin/python3 " FT_BENCH_SOURCE_DIR "/train_throughput_reference.py ") +
                            (forward ? "--forward " : "") + name + "=" + folder.string() + ":" + std::to_string(steps);
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
        int64_t steps;  // timed training steps; the forward pass runs 3x as many
    };
    fs::create_directories(work);
    writeData(work / "train.csv", 512);
    writeData(work / "validation.csv", 16);
    for (const Shape& s : {Shape{"gpt2_tiny", "gpt2", 2, 64, 4, 150}, Shape{"bert_tiny", "bert", 2, 64, 4, 150},
                           Shape{"gpt2_small", "gpt2", 4, 256, 4, 40}, Shape{"bert_small", "bert", 4, 256, 4, 40}}) {
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
        const int64_t vocab = io::vocabSize(loaded->config);
        double forward = 0, forwardRef = 0, bare = 0, bareRef = 0, trainer = 0;  // best of the rounds (a shared machine)
        for (int round = 0; round < kRounds; ++round) {
            if (auto ref = pythonLoop(s.name, spec.outputFolder, 3 * s.steps, true)) forwardRef = std::max(forwardRef, *ref);
            forward = std::max(forward, forwardLoop(*loaded->model, vocab, causal, 3 * s.steps));
            if (auto ref = pythonLoop(s.name, spec.outputFolder, s.steps, false)) bareRef = std::max(bareRef, *ref);
            bare = std::max(bare, bareLoop(*loaded->model, vocab, causal, s.steps));
            trainer = std::max(trainer, trainerLoop(work, spec.outputFolder, causal, round, s.steps));
        }
        std::printf("BENCH\tforward %s (B8 T64, 1 thread, no grad)\t%.0f\ttokens/s\t%.0f\tPyTorch Python forward\n", s.name, forward, forwardRef);
        std::printf("BENCH\tforward+backward+AdamW %s (bare C++ loop)\t%.0f\ttokens/s\t%.0f\tPyTorch Python loop\n", s.name, bare, bareRef);
        std::printf("BENCH\ttrainer %s\t%.0f\ttokens/s\t%.0f\tbare C++ loop\n", s.name, trainer, bare);
    }
    fs::remove_all(work);
    return 0;
}
