// finetune eval RUN_OR_MODEL_DIR --data FILE [--out DIR] [--text-column C] [--label-column C] [--target-column C]
//               [--group-columns A,B] [--split NAME] [--no-counterfactual] [--device cpu|cuda|auto] [--json]

#include "app/cli_eval.h"

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/api/evaluation.h"

namespace ft::cli {
namespace fs = std::filesystem;

namespace {

const char* kEvalUsage =
    "usage: finetune eval RUN_OR_MODEL_DIR --data FILE [--out DIR] [--text-column C] [--label-column C] [--target-column C]\n"
    "                     [--group-columns A,B] [--split NAME] [--no-counterfactual] [--device auto|cpu|cuda] [--json]\n"
    "  Evaluates the run's best model (or a model folder) on FILE and writes the same report a run ends with\n"
    "  to DIR/eval/ (default for a run: RUN/evaluations/<file name>; required for a model folder).\n"
    "  --split NAME: only the rows whose data.split_column (the run's) says NAME, e.g. test.\n";

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

}  // namespace

int cmdEval(int argc, char** argv) {
    api::EvaluationRequest request;
    bool json = false;
    std::string groups;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&](std::string& target) {
            if (i + 1 >= argc) return false;
            target = argv[++i];
            return true;
        };
        bool ok = true;
        if (a == "--data") ok = value(request.dataFile);
        else if (a == "--out") ok = value(request.outDir);
        else if (a == "--text-column") ok = value(request.textColumn);
        else if (a == "--label-column") ok = value(request.labelColumn);
        else if (a == "--target-column") ok = value(request.targetColumn);
        else if (a == "--group-columns") ok = value(groups);
        else if (a == "--device") ok = value(request.device);
        else if (a == "--split") ok = value(request.split);
        else if (a == "--no-counterfactual") request.counterfactual = false;
        else if (a == "--json") json = true;
        else if (a.rfind("--", 0) == 0 || !request.source.empty()) ok = false;
        else request.source = a;
        if (!ok) return std::fprintf(stderr, "%s", kEvalUsage), 2;
    }
    if (request.source.empty() || request.dataFile.empty()) return std::fprintf(stderr, "%s", kEvalUsage), 2;
    if (request.device != "auto" && request.device != "cpu" && request.device != "cuda")
        return std::fprintf(stderr, "error: --device must be auto, cpu or cuda, not '%s'\n", request.device.c_str()), 2;
    request.groupColumns = splitList(groups);
    std::error_code ec;
    if (request.outDir.empty() && fs::exists(fs::path(request.source) / "job.json", ec))
        request.outDir = (fs::path(request.source) / "evaluations" /
                          (request.split.empty() ? fs::path(request.dataFile).stem().string() : request.split)).string();
    if (request.outDir.empty())
        return std::fprintf(stderr, "error: --out DIR is required when evaluating a model folder\n"), 2;

    auto result = api::evaluateOnFile(request);
    if (!result) return std::fprintf(stderr, "error: %s\n", result.error().describe().c_str()), 1;
    if (json) {
        nlohmann::json j = {{"report", result->reportFile}, {"examples", result->examples}, {"loss", result->loss}};
        if (result->accuracy >= 0) j["accuracy"] = result->accuracy;
        if (result->f1Macro >= 0) j["f1_macro"] = result->f1Macro;
        if (result->perplexity >= 0) j["perplexity"] = result->perplexity;
        std::printf("%s\n", j.dump().c_str());
        return 0;
    }
    std::printf("Evaluated %lld examples of %s\n", static_cast<long long>(result->examples), request.dataFile.c_str());
    std::printf("  loss %.4f", result->loss);
    if (result->accuracy >= 0) std::printf("  accuracy %.4f", result->accuracy);
    if (result->f1Macro >= 0) std::printf("  macro-F1 %.4f", result->f1Macro);
    if (result->perplexity >= 0) std::printf("  perplexity %.3f", result->perplexity);
    std::printf("\nReport: %s (finetune report %s [--html FILE])\n", result->reportFile.c_str(), request.outDir.c_str());
    return 0;
}

}  // namespace ft::cli
