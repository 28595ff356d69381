// finetune — the headless CLI: the same engine and job format as the desktop app.

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "app/cli_bundle.h"
#include "app/cli_data.h"
#include "app/cli_download.h"
#include "app/cli_eval.h"
#include "app/cli_explain.h"
#include "app/cli_export.h"
#include "app/cli_generate.h"
#include "app/cli_launch.h"
#include "app/crash_report.h"
#include "core/api/dataset_preview.h"
#include "core/api/distributed_launch.h"
#include "core/api/engine.h"
#include "core/api/eval_report.h"
#include "core/api/job_config.h"
#include "core/api/memory_estimate.h"
#include "core/api/model_info.h"
#include "core/api/model_verify.h"
#include "core/api/tiny_model.h"
#include "core/common/byte_size.h"
#include "app/cli_tokenize.h"

namespace {

using namespace ft;

const char* kUsage =
    "Usage: finetune <command> [options]\n"
    "\n"
    "Commands:\n"
    "  train JOB.json [--json] [--run-dir DIR]   Train (or resume) the job; --json prints one event per line.\n"
    "                                           Under RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT (as torchrun sets\n"
    "                                           them) it is one worker of a data-parallel job\n"
    "  resume RUN_DIR [--json]                   Continue a cancelled or interrupted run from its newest checkpoint\n"
    "  estimate JOB.json [--json]                Memory the job needs (weights, gradients, optimizer, activations)\n"
    "                                           against the free memory; exit 0 fits, 3 does not\n"
    "  launch --nproc N JOB.json [options]       Train with N local workers (data-parallel); options as for train\n"
    "  bundle JOB.json --out DIR [--nproc N] [--nodes M]\n"
    "                                           Write the job as a folder with run-local.sh (N workers, default 2)\n"
    "                                           and run-slurm.sh (sbatch, M nodes x N tasks) and a README.txt\n"
    "  make-tiny-model --arch gpt2 --out DIR [--layers N] [--hidden D] [--heads H] [--vocab V] [--positions P] [--seed S]\n"
    "                  [--corpus FILE]          Write a small random-initialised Hugging Face model folder (its\n"
    "                                           tokenizer trained on FILE's lines, or on a built-in sample); --arch:\n"
    "                                           gpt2, bert, distilbert, llama, qwen2, t5\n"
    "  download ORG/NAME [--revision R] [--include GLOB]... [--cache-dir DIR] [--json]\n"
    "                                           Download a model from the Hugging Face Hub into the shared cache\n"
    "                                           (resumable; HF_TOKEN for gated models) and print its folder\n"
    "  inspect MODEL_DIR [--verify]              Describe a model folder without loading its weights; --verify loads it\n"
    "                                           strictly and checks every weight is finite and the tokenizer fits\n"
    "  preview DATA_FILE [--rows N]              Show the first rows and the guessed column roles\n"
    "  data DATA_FILE [--task T] [--text-column C] [--label-column C] [--validation FILE] [--model DIR]\n"
    "                 [--max-length N] [--skip-bad-rows] [--json]\n"
    "                                           Read the whole file: schema, column mapping, statistics (lengths in\n"
    "                                           tokens with --model) and every problem found; exit 1 on errors\n"
    "  eval RUN_OR_MODEL_DIR --data FILE [--out DIR] [--text-column C] [--label-column C] [--target-column C]\n"
    "       [--group-columns A,B]\n"
    "       [--no-counterfactual] [--device D] [--json]\n"
    "                                           Evaluate a trained model on a labelled file it has not seen (a test set):\n"
    "                                           the same report as a run's, in DIR/eval (default RUN/evaluations/<name>)\n"
    "  report RUN_DIR [--html FILE]              Print the evaluation report of a finished run, or write it as one\n"
    "                                           self-contained HTML page (tables and charts, no external files)\n"
    "  export RUN_OR_MODEL_DIR --out DIR [--dtype float32|float16|bfloat16] [--adapter] [--no-verify]\n"
    "                                           Write a Hugging Face folder (or a LoRA run's PEFT adapter) with a model\n"
    "                                           card, then reload it and check it reproduces the model's outputs\n"
    "  predict RUN_OR_MODEL_DIR (--text T | --file F) [--json]\n"
    "                                           A classifier's label probabilities for the text\n"
    "  explain RUN_OR_MODEL_DIR (--text T | --file F) [--steps N] [--rule gauss_legendre|trapezoid] [--target LABEL] [--json]\n"
    "                                           Which tokens moved the prediction: integrated-gradients attributions\n"
    "                                           with the text offsets of each token\n"
    "  generate RUN_OR_MODEL_DIR --prompt TEXT [--max-new-tokens N] [--temperature T] [--top-k K] [--top-p P]\n"
    "           [--repetition-penalty R] [--seed S] [--stop STR]... [--json]\n"
    "                                           Continue a prompt with a causal LM, streaming the text (temperature 0:\n"
    "                                           greedy; above 0: sampled); stops at EOS, a stop string or Ctrl-C\n"
    "  tokenize DIR (--text T | --file F | --decode IDS | --chat MESSAGES.json) [--json]\n"
    "                                           Show a tokenizer's ids, tokens and offsets, or render its chat template\n"
    "  --help, --version\n";

int fail(const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.describe().c_str());
    return 1;
}

// "--key value" pairs after the positional arguments.
struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    std::vector<std::string> flags;

    bool has(const std::string& flag) const {
        for (const auto& f : flags)
            if (f == flag) return true;
        return false;
    }
};

Result<Args> parseArgs(int argc, char** argv, int from, const std::vector<std::string>& valueOptions) {
    Args args;
    for (int i = from; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) == 0) {
            bool takesValue = false;
            for (const auto& v : valueOptions) takesValue = takesValue || v == a;
            if (takesValue) {
                if (i + 1 >= argc) return makeError("cli.missing_value", "option " + a + " needs a value", {}, -1, a);
                args.options[a] = argv[++i];
            } else {
                args.flags.push_back(a);
            }
        } else {
            args.positional.push_back(a);
        }
    }
    return args;
}

Result<int64_t> intOption(const Args& args, const std::string& key, int64_t fallback) {
    auto it = args.options.find(key);
    if (it == args.options.end()) return fallback;
    try {
        size_t used = 0;
        const int64_t v = std::stoll(it->second, &used);
        if (used != it->second.size()) throw std::invalid_argument(it->second);
        return v;
    } catch (const std::exception&) {
        return makeError("cli.invalid_value", "option " + key + " expects a whole number, not '" + it->second + "'", {}, -1, key);
    }
}

std::string formatDuration(double seconds) {
    if (seconds < 0) return "--:--";
    const int s = static_cast<int>(seconds + 0.5);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%02d:%02d", s / 60, s % 60);
    return buf;
}

std::string jsonEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out;
}

class ConsoleObserver : public api::EngineObserver {
public:
    explicit ConsoleObserver(bool json) : m_json(json) {}

    void onEvent(const api::TrainEvent& e) override {
        if (m_json) return printJson(e);
        using K = api::EventKind;
        switch (e.kind) {
        case K::Started:
            std::printf("Run folder: %s\nTrainable parameters: %lld of %lld (%.1f%%)%s%s\n", e.path.c_str(),
                        static_cast<long long>(e.trainableParams), static_cast<long long>(e.totalParams),
                        e.totalParams ? 100.0 * double(e.trainableParams) / double(e.totalParams) : 0.0,
                        e.message.empty() ? "" : "; ", e.message.c_str());
            break;
        case K::Step:
            std::printf("step %lld/%lld  epoch %.2f  loss %.4f  lr %.2e  grad-norm %.3f  %.0f tok/s  elapsed %s  eta %s\n",
                        static_cast<long long>(e.step), static_cast<long long>(e.totalSteps), e.epoch, e.loss, e.learningRate,
                        e.gradNorm, e.tokensPerSecond, formatDuration(e.elapsedSeconds).c_str(), formatDuration(e.etaSeconds).c_str());
            break;
        case K::Evaluation:
            if (e.evalPerplexity >= 0)
                std::printf("  eval @ step %lld: loss %.4f  perplexity %.3f\n", static_cast<long long>(e.step), e.evalLoss, e.evalPerplexity);
            else
                std::printf("  eval @ step %lld: loss %.4f  accuracy %.4f  macro-F1 %.4f\n", static_cast<long long>(e.step), e.evalLoss,
                            e.evalAccuracy, e.evalF1Macro);
            break;
        case K::CheckpointSaved: std::printf("  checkpoint: %s\n", e.path.c_str()); break;
        case K::Paused: std::printf("paused\n"); break;
        case K::Resumed: std::printf("resumed\n"); break;
        case K::Warning: std::printf("warning: %s\n", e.message.c_str()); break;
        case K::Finished:
            std::printf("Finished. Validation: loss %.4f", e.evalLoss);
            if (e.evalAccuracy >= 0) std::printf("  accuracy %.4f  macro-F1 %.4f", e.evalAccuracy, e.evalF1Macro);
            if (e.evalPerplexity >= 0) std::printf("  perplexity %.3f", e.evalPerplexity);
            std::printf("\nReport: %s/eval/report.json\n", e.path.c_str());
            if (e.peakResidentBytes > 0) std::printf("Peak memory: %s\n", humanBytes(e.peakResidentBytes).c_str());
            if (!e.message.empty()) std::printf("%s%s\n", e.message.c_str(),
                                                e.message.rfind("test set", 0) == 0 ? " (report: evaluations/test/eval/report.json)" : "");
            break;
        case K::Cancelled: std::printf("Cancelled. Run the same command (same job and run folder) again to resume.\n"); break;
        case K::Failed: std::fprintf(stderr, "error: %s\n", e.message.c_str()); break;
        }
        std::fflush(stdout);
    }

private:
    void printJson(const api::TrainEvent& e) {
        std::printf("{\"event\":\"%s\",\"step\":%lld,\"total_steps\":%lld,\"epoch\":%.6g,\"loss\":%.9g,\"lr\":%.9g,"
                    "\"grad_norm\":%.9g,\"tokens_per_second\":%.6g,\"elapsed\":%.6g,\"eta\":%.6g,\"eval_loss\":%.9g,"
                    "\"eval_accuracy\":%.9g,\"eval_f1_macro\":%.9g,\"eval_perplexity\":%.9g,\"trainable_params\":%lld,"
                    "\"total_params\":%lld,\"peak_rss_bytes\":%lld,\"code\":\"%s\",\"message\":\"%s\",\"path\":\"%s\"}\n",
                    api::eventKindName(e.kind), static_cast<long long>(e.step), static_cast<long long>(e.totalSteps), e.epoch,
                    e.loss, e.learningRate, e.gradNorm, e.tokensPerSecond, e.elapsedSeconds, e.etaSeconds, e.evalLoss,
                    e.evalAccuracy, e.evalF1Macro, e.evalPerplexity, static_cast<long long>(e.trainableParams),
                    static_cast<long long>(e.totalParams), static_cast<long long>(e.peakResidentBytes), jsonEscape(e.code).c_str(), jsonEscape(e.message).c_str(),
                    jsonEscape(e.path).c_str());
        std::fflush(stdout);
    }
    bool m_json;
};

api::Engine* g_engine = nullptr;
void onInterrupt(int) {
    if (g_engine) g_engine->cancel();  // sets an atomic: safe in a signal handler
}

// Trains `job` in this process (or as one worker under torchrun's variables); Ctrl-C / SIGTERM save a
// checkpoint and exit 130.
int trainJob(const api::JobConfig& job, bool json) {
    auto launch = api::distributedLaunchFromEnvironment();
    if (!launch) return fail(launch.error());
    api::Engine engine;
    g_engine = &engine;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    ConsoleObserver observer(json);
    Status st = engine.run(job, observer, *launch);
    g_engine = nullptr;
    if (!st) return st.error().code == "train.cancelled" ? 130 : 1;  // the observer already printed the failure
    return 0;
}

int cmdTrain(int argc, char** argv) {
    auto args = parseArgs(argc, argv, 2, {"--run-dir"});
    if (!args) return fail(args.error());
    if (args->positional.size() != 1) return std::fprintf(stderr, "usage: finetune train JOB.json [--json] [--run-dir DIR]\n"), 2;
    auto job = api::readJobConfig(args->positional[0]);
    if (!job) return fail(job.error());
    if (args->options.count("--run-dir")) job->output.runDir = args->options["--run-dir"];
    return trainJob(*job, args->has("--json"));
}

// `estimate JOB.json`: the memory the job needs against what is free. Exit 0 fits, 3 does not, 1 error.
int cmdEstimate(int argc, char** argv) {
    auto args = parseArgs(argc, argv, 2, {});
    if (!args) return fail(args.error());
    if (args->positional.size() != 1) return std::fprintf(stderr, "usage: finetune estimate JOB.json [--json]\n"), 2;
    auto job = api::readJobConfig(args->positional[0]);
    if (!job) return fail(job.error());
    auto e = api::estimateJobMemory(*job);
    if (!e) return fail(e.error());
    if (args->has("--json")) {
        std::string suggestions;
        for (const auto& s : e->suggestions) suggestions += (suggestions.empty() ? "\"" : ",\"") + jsonEscape(s) + "\"";
        std::printf("{\"total_params\":%lld,\"trainable_params\":%lld,\"weights\":%lld,\"gradients\":%lld,\"optimizer\":%lld,"
                    "\"activations\":%lld,\"cast_cache\":%lld,\"l2sp_anchors\":%lld,\"runtime\":%lld,\"total\":%lld,\"saved_by_freezing\":%lld,"
                    "\"device\":\"%s\",\"available\":%lld,\"fits\":%s,\"suggestions\":[%s]}\n",
                    static_cast<long long>(e->totalParams), static_cast<long long>(e->trainableParams),
                    static_cast<long long>(e->weightBytes), static_cast<long long>(e->gradientBytes),
                    static_cast<long long>(e->optimizerBytes), static_cast<long long>(e->activationBytes),
                    static_cast<long long>(e->castCacheBytes), static_cast<long long>(e->anchorBytes),
                    static_cast<long long>(e->runtimeBytes), static_cast<long long>(e->totalBytes), static_cast<long long>(e->savedByFreezingBytes),
                    e->cuda ? "cuda" : "cpu", static_cast<long long>(e->availableBytes), e->fits ? "true" : "false",
                    suggestions.c_str());
    } else {
        std::printf("Parameters:        %lld (%lld trainable)\n", static_cast<long long>(e->totalParams),
                    static_cast<long long>(e->trainableParams));
        std::printf("Weights:           %s\nGradients:         %s\nOptimizer state:   %s\nActivations:       %s\n",
                    humanBytes(e->weightBytes).c_str(), humanBytes(e->gradientBytes).c_str(), humanBytes(e->optimizerBytes).c_str(),
                    humanBytes(e->activationBytes).c_str());
        if (e->castCacheBytes > 0) std::printf("16-bit weights:    %s\n", humanBytes(e->castCacheBytes).c_str());
        if (e->anchorBytes > 0) std::printf("L2-SP anchors:     %s\n", humanBytes(e->anchorBytes).c_str());
        std::printf("Runtime:           %s\nTotal:             %s on the %s\n", humanBytes(e->runtimeBytes).c_str(),
                    humanBytes(e->totalBytes).c_str(), e->cuda ? "GPU" : "CPU");
        if (e->savedByFreezingBytes > 0)
            std::printf("Saved by freezing: %s\n", humanBytes(e->savedByFreezingBytes).c_str());
        if (e->availableBytes < 0) std::printf("Free memory:       unknown\n");
        else std::printf("Free memory:       %s: %s\n", humanBytes(e->availableBytes).c_str(), e->fits ? "fits" : "does NOT fit");
        for (const auto& s : e->suggestions) std::printf("  try: %s\n", s.c_str());
    }
    return e->fits ? 0 : 3;
}

// `resume RUN_DIR`: the run's own job.json, continued from its newest complete checkpoint.
int cmdResume(int argc, char** argv) {
    auto args = parseArgs(argc, argv, 2, {});
    if (!args) return fail(args.error());
    if (args->positional.size() != 1) return std::fprintf(stderr, "usage: finetune resume RUN_DIR [--json]\n"), 2;
    const std::filesystem::path runDir = args->positional[0];
    const std::filesystem::path jobFile = runDir / "job.json";
    std::error_code ec;
    if (!std::filesystem::is_directory(runDir, ec))
        return fail(makeError("cli.run_not_found", "no such run folder", runDir.string()));
    if (!std::filesystem::exists(jobFile, ec))
        return fail(makeError("cli.not_a_run", "not a run folder: it has no job.json (a run folder is made by `finetune train`)",
                              runDir.string()));
    auto job = api::readJobConfig(jobFile.string());
    if (!job) return fail(job.error());
    job->output.runDir = runDir.string();
    bool checkpoint = false;
    for (const auto& entry : std::filesystem::directory_iterator(runDir / "checkpoints", ec))
        checkpoint = checkpoint || std::filesystem::exists(entry.path() / "trainer_state.json", ec);
    if (!checkpoint)
        return fail(makeError("cli.no_checkpoint",
                              "this run has no complete checkpoint to resume from (one is saved at each evaluation); start it "
                              "again with `finetune train " + jobFile.string() + "`",
                              (runDir / "checkpoints").string()));
    return trainJob(*job, args->has("--json"));
}

int cmdMakeTinyModel(int argc, char** argv) {
    auto args = parseArgs(argc, argv, 2, {"--arch", "--out", "--layers", "--hidden", "--heads", "--vocab", "--positions", "--seed", "--corpus"});
    if (!args) return fail(args.error());
    api::TinyModelSpec spec;
    if (args->options.count("--corpus")) {
        // The tokenizer is trained on this file's lines instead of the built-in English sample.
        const std::string path = args->options["--corpus"];
        std::ifstream in(path);
        if (!in) return fail(makeError("cli.file_not_found", "cannot read the corpus file", path, -1, "--corpus"));
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) spec.corpus.push_back(line);
        if (spec.corpus.empty()) return fail(makeError("cli.empty_corpus", "the corpus file has no text", path, -1, "--corpus"));
    }
    spec.architecture = args->options.count("--arch") ? args->options["--arch"] : "gpt2";
    spec.outputFolder = args->options.count("--out") ? args->options["--out"] : "";
    if (spec.outputFolder.empty()) return std::fprintf(stderr, "usage: finetune make-tiny-model --arch gpt2 --out DIR\n"), 2;
    for (auto [key, target] : std::vector<std::pair<const char*, int64_t*>>{{"--layers", &spec.layers},
                                                                           {"--hidden", &spec.hidden},
                                                                           {"--heads", &spec.heads},
                                                                           {"--vocab", &spec.vocabSize},
                                                                           {"--positions", &spec.maxPositions}}) {
        auto v = intOption(*args, key, *target);
        if (!v) return fail(v.error());
        *target = *v;
    }
    auto seed = intOption(*args, "--seed", 0);
    if (!seed) return fail(seed.error());
    spec.seed = static_cast<uint64_t>(*seed);
    if (Status st = api::makeTinyModel(spec); !st) return fail(st.error());
    std::printf("Wrote a %s model (%lld layers, hidden %lld) to %s\n", spec.architecture.c_str(),
                static_cast<long long>(spec.layers), static_cast<long long>(spec.hidden), spec.outputFolder.c_str());
    return 0;
}

int cmdInspect(int argc, char** argv) {
    auto args = parseArgs(argc, argv, 2, {});
    if (!args) return fail(args.error());
    if (args->positional.size() != 1) return std::fprintf(stderr, "usage: finetune inspect MODEL_DIR [--verify]\n"), 2;
    auto m = api::inspectModel(args->positional[0]);
    if (!m) return fail(m.error());
    // Relative positions (T5) have no fixed context length.
    const std::string context = m->maxPositions > 0 ? std::to_string(m->maxPositions) : "no fixed limit (relative positions)";
    std::printf("Name:          %s\nType:          %s (%s)\nParameters:    %lld\nLayers:        %lld\nHidden size:   %lld\n"
                "Vocabulary:    %lld\nContext:       %s\nTokenizer:     %s\nStatus:        %s\n",
                m->name.c_str(), m->modelType.c_str(), m->architecture.c_str(), static_cast<long long>(m->parameterCount),
                static_cast<long long>(m->numLayers), static_cast<long long>(m->hiddenSize), static_cast<long long>(m->vocabSize),
                context.c_str(), m->hasTokenizer ? "yes" : "no", m->supported ? "ready to fine-tune" : m->problem.c_str());
    if (!m->supported || !args->has("--verify")) return m->supported ? 0 : 1;

    // --verify: a strict load, every weight read and checked, the tokenizer against the embeddings.
    auto v = api::verifyModel(args->positional[0]);
    if (!v) return fail(v.error());
    std::printf("Verified:      %s; %lld tensors, %lld values read\n", v->architecture.c_str(), static_cast<long long>(v->tensors),
                static_cast<long long>(v->values));
    for (const auto& name : v->newlyInitialised) std::printf("Not in the file (starts fresh when trained): %s\n", name.c_str());
    if (v->tokenizerVocab > 0)
        std::printf("Tokenizer:     %lld ids, embedding rows %lld\n", static_cast<long long>(v->tokenizerVocab),
                    static_cast<long long>(v->embeddingRows));
    for (const auto& p : v->problems) std::fprintf(stderr, "problem: %s\n", p.c_str());
    std::printf("%s\n", v->ok() ? "Every weight is present, of the right shape and finite." : "The model has problems (above).");
    return v->ok() && m->supported ? 0 : 1;
}

int cmdPreview(int argc, char** argv) {
    auto args = parseArgs(argc, argv, 2, {"--rows", "--encoding"});
    if (!args) return fail(args.error());
    if (args->positional.size() != 1) return std::fprintf(stderr, "usage: finetune preview DATA_FILE [--rows N] [--encoding E]\n"), 2;
    auto rows = intOption(*args, "--rows", 10);
    if (!rows) return fail(rows.error());
    const auto encoding = args->options.find("--encoding");
    auto p = api::previewDataset(args->positional[0], *rows, encoding == args->options.end() ? "auto" : encoding->second);
    if (!p) return fail(p.error());
    std::printf("Columns:\n");
    for (const auto& c : p->columnSummaries)
        std::printf("  %-24s %-12s distinct %-6lld missing %lld\n", c.name.c_str(), c.type.c_str(), static_cast<long long>(c.distinct),
                    static_cast<long long>(c.missing));
    std::printf("Suggested text column: %s\nSuggested label column: %s\n", p->suggestedTextColumn.c_str(), p->suggestedLabelColumn.c_str());
    for (const auto& g : p->suggestedGroupColumns) std::printf("Possible sensitive attribute: %s\n", g.c_str());
    for (size_t r = 0; r < p->rows.size(); ++r) {
        std::printf("line %lld:", static_cast<long long>(p->sourceLines[r]));
        for (const auto& cell : p->rows[r]) std::printf(" | %s", cell.c_str());
        std::printf("\n");
    }
    return 0;
}

int cmdReport(int argc, char** argv) {
    if (argc == 5 && std::string(argv[3]) == "--html") {
        // The self-contained page, rendered afresh (also written to <run>/eval/report.html at the end of a run).
        auto html = api::evalReportHtml(argv[2]);
        if (!html) return fail(html.error());
        const std::string tmp = std::string(argv[4]) + ".tmp";
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            if (!(out << *html) || !out.flush()) return fail(makeError("cli.write_failed", "cannot write the HTML report", tmp));
        }
        if (std::rename(tmp.c_str(), argv[4]) != 0) return fail(makeError("cli.write_failed", "cannot move the HTML report into place", argv[4]));
        std::printf("Wrote %s\n", argv[4]);
        return 0;
    }
    if (argc != 3) return std::fprintf(stderr, "usage: finetune report RUN_DIR [--html FILE]\n"), 2;
    auto r = api::readEvalReport(argv[2]);
    if (!r) return fail(r.error());
    const char* split = r->split == "test" ? "Test" : "Validation";
    if (r->perplexity >= 0) {
        std::printf("%s sequences: %lld\nLoss (mean token NLL): %.4f  perplexity: %.3f\n", split, static_cast<long long>(r->n),
                    r->loss, r->perplexity);
        if (r->hasBeforeTraining && std::isfinite(r->perplexityBefore))
            std::printf("Before training: loss %.4f  perplexity %.3f\n", r->lossBefore, r->perplexityBefore);
    } else {
        std::printf("%s examples: %lld\nAccuracy: %.4f  balanced accuracy: %.4f\nMacro precision / recall / F1: %.4f / %.4f / %.4f\n",
                    split, static_cast<long long>(r->n), r->accuracy, r->balancedAccuracy, r->precisionMacro, r->recallMacro, r->f1Macro);
        if (r->hasBeforeTraining && std::isfinite(r->accuracyBefore))
            std::printf("Before training (new head): accuracy %.4f  macro F1 %.4f  loss %.4f\n", r->accuracyBefore, r->f1MacroBefore,
                        r->lossBefore);
    }
    if (r->hasForgetting)
        std::printf("Forgetting check (%s): perplexity %.3f before, %.3f after (%+.1f%%)\n", r->forgettingReference.c_str(),
                    r->referencePerplexityBefore, r->referencePerplexityAfter, 100.0 * r->forgettingChange);
    for (const auto& c : r->perClass)
        std::printf("  class %-16s precision %.4f recall %.4f F1 %.4f support %lld\n", c.label.c_str(), c.precision, c.recall, c.f1,
                    static_cast<long long>(c.support));
    for (const auto& g : r->groups)
        std::printf("  %s = %-14s n %-5lld accuracy %.4f  selection rate %.4f  TPR %.4f  FPR %.4f %s\n", g.attribute.c_str(),
                    g.group.c_str(), static_cast<long long>(g.n), g.accuracy, g.selectionRate, g.truePositiveRate, g.falsePositiveRate,
                    g.warning.c_str());
    for (const auto& d : r->disparities) std::printf("  %s\n", d.c_str());
    if (r->counterfactual.present) {
        const auto& c = r->counterfactual;
        std::printf("Counterfactual swap test (%s): %lld of %lld examples had swappable terms, %lld pairs\n", c.swapList.c_str(),
                    static_cast<long long>(c.examplesWithSwaps), static_cast<long long>(c.examples), static_cast<long long>(c.pairs));
        if (c.pairs > 0)
            std::printf("  flip rate %.4f  mean |delta| %.4f  invariance failures %.4f\n", c.flipRate, c.meanAbsDelta, c.invarianceFailRate);
        for (size_t i = 0; i < c.worst.size() && i < 3; ++i)
            std::printf("  line %lld: delta %+.4f%s\n    %s\n    %s\n", static_cast<long long>(c.worst[i].line), c.worst[i].delta,
                        c.worst[i].flipped ? " (prediction flipped)" : "", c.worst[i].original.c_str(), c.worst[i].counterfactual.c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    cli::installCrashReport("finetune");
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string cmd = argv[1];
    if (cmd == "--version") return std::printf("finetune %s\n", FT_VERSION), 0;
    if (cmd == "train") return cmdTrain(argc, argv);
    if (cmd == "resume") return cmdResume(argc, argv);
    if (cmd == "estimate") return cmdEstimate(argc, argv);
    if (cmd == "launch") return cli::cmdLaunch(argc, argv);
    if (cmd == "bundle") return cli::cmdBundle(argc, argv);
    if (cmd == "make-tiny-model") return cmdMakeTinyModel(argc, argv);
    if (cmd == "download") return cli::cmdDownload(argc, argv);
    if (cmd == "inspect") return cmdInspect(argc, argv);
    if (cmd == "preview") return cmdPreview(argc, argv);
    if (cmd == "data") return cli::cmdData(argc, argv);
    if (cmd == "report") return cmdReport(argc, argv);
    if (cmd == "eval") return cli::cmdEval(argc, argv);
    if (cmd == "export") return cli::cmdExport(argc, argv);
    if (cmd == "predict") return cli::cmdPredict(argc, argv);
    if (cmd == "explain") return cli::cmdExplain(argc, argv);
    if (cmd == "generate") return cli::cmdGenerate(argc, argv);
    if (cmd == "tokenize") return cmdTokenize(argc, argv);
    std::fprintf(stderr, "finetune: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
    return 2;
}
