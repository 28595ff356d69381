#include "core/train/html_report.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/eval/report_html.h"
#include "core/eval/report_io.h"

namespace ft::train {
namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string number(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}

std::vector<std::pair<std::string, std::string>> settingsOf(const api::JobConfig& job) {
    std::vector<std::pair<std::string, std::string>> s = {
        {"model", job.model.path},
        {"training data", job.data.train},
        {"task", api::taskName(job.task)},
        {"epochs", std::to_string(job.training.epochs)},
        {"max steps", job.training.maxSteps > 0 ? std::to_string(job.training.maxSteps) : "—"},
        {"batch size", std::to_string(job.training.batchSize) + " × " + std::to_string(job.training.gradAccumSteps) + " accumulation"},
        {"learning rate", number(job.training.learningRate) + ", " + api::scheduleName(job.training.schedule) + " schedule"},
        {"weight decay", number(job.training.weightDecay)},
        {"max length", std::to_string(job.data.maxLength)},
        {"seed", std::to_string(job.training.seed)}};
    if (!job.data.validation.empty()) s.push_back({"validation data", job.data.validation});
    if (job.freezing.lowerBlocks > 0) s.push_back({"frozen lower blocks", std::to_string(job.freezing.lowerBlocks)});
    if (job.lora.enabled)
        s.push_back({"LoRA", "rank " + std::to_string(job.lora.rank) + ", alpha " + number(job.lora.alpha) + ", dropout " + number(job.lora.dropout)});
    return s;
}

}  // namespace

Result<std::string> renderRunHtml(const fs::path& runDir, const api::JobConfig& job) {
    const fs::path reportFile = runDir / "eval" / "report.json";
    eval::HtmlReportInput input;
    input.report = nlohmann::json::parse(readText(reportFile), nullptr, false);
    if (input.report.is_discarded() || !input.report.is_object())
        return makeError("report.invalid", "the evaluation report is missing or damaged", reportFile.string());
    input.title = job.name;
    input.settings = settingsOf(job);
    input.charts = eval::chartsFromMetricsJsonl(readText(runDir / "metrics.jsonl"));
    return eval::reportToHtml(input);
}

Status writeRunHtml(const fs::path& runDir, const api::JobConfig& job) {
    auto html = renderRunHtml(runDir, job);
    if (!html) return html.error();
    return eval::writeTextFile(runDir / "eval" / "report.html", *html);
}

}  // namespace ft::train
