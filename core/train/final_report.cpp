#include "core/train/final_report.h"

#include <algorithm>

#include "core/eval/report_csv.h"
#include "core/eval/summary.h"
#include "core/eval/report_json.h"
#include "core/train/html_report.h"

namespace ft::train {

eval::EvalReport buildFinalReport(const api::JobConfig& job, const PreparedData& data, const EvalSummary& summary) {
    eval::EvalReport report;
    report.runId = job.name;
    report.modelId = job.model.path;
    report.datasetId = job.data.train;
    report.split = "validation";
    report.labelNames = data.labels;

    std::vector<eval::Row> rows = summary.rows;
    for (size_t i = 0; i < rows.size() && i < data.validationGroups.size(); ++i) rows[i].groups = data.validationGroups[i];

    if (job.task != api::Task::SequenceClassification) {
        report.task = api::taskName(job.task);  // "causal_lm" | "seq2seq_lm"
        report.perplexity = eval::perplexity(rows);
        return report;
    }
    eval::ClassificationEvalOptions options;
    options.metric.labels = eval::LabelSet::Declared;
    options.fairness.numClasses = static_cast<int>(data.labels.size());
    for (size_t a = 0; a < job.data.groupColumns.size(); ++a) {
        eval::SliceSpec spec;
        spec.attributes = {a};
        spec.names = {job.data.groupColumns[a]};
        options.slices.push_back(spec);
    }
    // Intersections ("gender × age_group") slice on several attributes at once.
    for (const auto& combo : job.evaluation.intersections) {
        eval::SliceSpec spec;
        for (const auto& column : combo) {
            const auto it = std::find(job.data.groupColumns.begin(), job.data.groupColumns.end(), column);
            spec.attributes.push_back(static_cast<size_t>(it - job.data.groupColumns.begin()));
            spec.names.push_back(column);
        }
        options.slices.push_back(spec);
    }
    eval::BootstrapConfig bootstrap;
    bootstrap.seed = job.training.seed;
    options.bootstrap = bootstrap;
    eval::EvalReport built = eval::buildClassificationReport(rows, data.labels, options);
    built.runId = report.runId;
    built.modelId = report.modelId;
    built.datasetId = report.datasetId;
    built.split = report.split;
    built.task = "classification";
    return built;
}

Status writeFinalReport(const std::filesystem::path& runDir, const api::JobConfig& job, const PreparedData& data,
                        const EvalSummary& summary, const std::optional<eval::CounterfactualSummary>& counterfactual,
                        const std::function<void(eval::EvalReport&)>& amend) {
    std::error_code ec;
    std::filesystem::create_directories(runDir / "eval", ec);
    eval::EvalReport report = buildFinalReport(job, data, summary);
    report.counterfactual = counterfactual;
    if (amend) amend(report);
    if (Status st = eval::writeReportJson(report, runDir / "eval" / "report.json"); !st) return st;
    if (Status st = eval::writeReportCsv(report, runDir / "eval"); !st) return st;
    return writeRunHtml(runDir, job);
}

}  // namespace ft::train
