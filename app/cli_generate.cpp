// finetune generate — continue a prompt with a causal LM (a model folder or a run's result),
// streaming the text to stdout as it is generated. Ctrl-C stops and keeps what was generated.

#include "app/cli_generate.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "core/api/playground.h"

namespace ft::cli {

namespace {

const char* kGenerateUsage =
    "usage: finetune generate RUN_OR_MODEL_DIR --prompt TEXT [--max-new-tokens N] [--temperature T] [--top-k K]\n"
    "                         [--top-p P] [--repetition-penalty R] [--seed S] [--stop STR]... [--json]\n"
    "  --temperature 0 (the default) decodes greedily; above 0 it samples, with --top-k / --top-p if given.\n"
    "  --stop may be repeated; the text ends before the first stop string generated.\n"
    "  --json prints one object per piece of text, then a final summary object.\n";

std::atomic<bool> g_cancel{false};
void onInterrupt(int) { g_cancel = true; }

int usageError(const std::string& message) {
    std::fprintf(stderr, "finetune generate: %s\n%s", message.c_str(), kGenerateUsage);
    return 2;
}

// Whole-string numbers; false when `text` is not one.
bool parseNumber(const std::string& text, double& out) {
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return !text.empty() && end == text.c_str() + text.size();
}
bool parseWhole(const std::string& text, int64_t& out) {
    char* end = nullptr;
    out = std::strtoll(text.c_str(), &end, 10);
    return !text.empty() && end == text.c_str() + text.size();
}

}  // namespace

int cmdGenerate(int argc, char** argv) {
    std::string source, prompt;
    bool havePrompt = false, json = false;
    api::GenerationSettings settings;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        const bool valued = a == "--prompt" || a == "--max-new-tokens" || a == "--temperature" || a == "--top-k" || a == "--top-p" ||
                            a == "--repetition-penalty" || a == "--seed" || a == "--stop";
        if (valued && i + 1 >= argc) return usageError("option " + a + " needs a value");
        const std::string v = valued ? argv[++i] : std::string();
        int64_t whole = 0;
        double number = 0;
        if (a == "--prompt") prompt = v, havePrompt = true;
        else if (a == "--stop") settings.stopStrings.push_back(v);
        else if (a == "--json") json = true;
        else if (a == "--max-new-tokens" || a == "--top-k" || a == "--seed") {
            if (!parseWhole(v, whole) || whole < 0) return usageError(a + " expects a whole number >= 0, not '" + v + "'");
            if (a == "--max-new-tokens") settings.maxNewTokens = whole;
            else if (a == "--top-k") settings.topK = whole;
            else settings.seed = static_cast<uint64_t>(whole);
        } else if (a == "--temperature" || a == "--top-p" || a == "--repetition-penalty") {
            if (!parseNumber(v, number)) return usageError(a + " expects a number, not '" + v + "'");
            if (a == "--temperature" && number < 0) return usageError("--temperature must be 0 (greedy) or more");
            if (a == "--top-p" && !(number > 0 && number <= 1)) return usageError("--top-p must be in (0, 1]");
            if (a == "--repetition-penalty" && !(number > 0)) return usageError("--repetition-penalty must be above 0");
            (a == "--temperature" ? settings.temperature : a == "--top-p" ? settings.topP : settings.repetitionPenalty) = number;
        } else if (a.rfind("--", 0) != 0 && source.empty()) source = a;
        else return usageError("unexpected argument '" + a + "'");
    }
    if (source.empty() || !havePrompt) return std::fputs(kGenerateUsage, stderr), 2;

    auto model = api::PlaygroundModel::open(source);
    if (!model) return std::fprintf(stderr, "error: %s\n", model.error().describe().c_str()), 1;
    if (!(*model)->canGenerate())
        return std::fprintf(stderr, "error: %s is a classifier; generate needs a causal language model\n", source.c_str()), 1;

    std::signal(SIGINT, onInterrupt);
    auto onText = [&](const std::string& piece) {
        if (json) std::printf("%s\n", nlohmann::json{{"text", piece}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        else std::fputs(piece.c_str(), stdout);
        std::fflush(stdout);
        return true;
    };
    auto result = (*model)->generate(prompt, settings, onText, &g_cancel);
    std::signal(SIGINT, SIG_DFL);
    if (!result) return std::fprintf(stderr, "\nerror: %s\n", result.error().describe().c_str()), 1;
    if (json) {
        const nlohmann::json summary = {{"done", true},          {"text", result->text},          {"tokens", result->tokenCount}, {"token_ids", result->tokenIds},
                                        {"stop_reason", result->stopReason}, {"seconds", result->seconds}};
        std::printf("%s\n", summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        std::printf("\n");
        std::fprintf(stderr, "[%lld tokens, %.2f s, stopped: %s]\n", static_cast<long long>(result->tokenCount), result->seconds,
                     result->stopReason.c_str());
    }
    return result->stopReason == "cancelled" ? 130 : 0;
}

}  // namespace ft::cli
