#pragma once
// The evaluation report as one self-contained HTML page: every table of report.json (overall
// metrics with intervals, before/after, forgetting, confusion matrix, per-class metrics,
// calibration, fairness slices with disparities and warnings, the counterfactual test, language-model
// scores) and inline SVG charts (training curves, reliability diagram, per-group bars with error
// bars). No scripts, fonts or images from elsewhere: it opens offline and can be mailed as is.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ft::eval {

struct HtmlSeries {
    std::string name;
    std::vector<std::pair<double, double>> points;   // (step, value)
};

struct HtmlChart {
    std::string title, yLabel;
    std::vector<HtmlSeries> series;
};

struct HtmlReportInput {
    nlohmann::json report;                                     // report.json as written (schema 1.0)
    std::string title;                                         // the job's name
    std::vector<std::pair<std::string, std::string>> settings;  // shown as the run's settings table
    std::vector<HtmlChart> charts;                             // training curves
};

std::string reportToHtml(const HtmlReportInput& input);

// Training curves from a run's metrics.jsonl text: training loss, validation loss, and the
// validation metrics that are present (accuracy, macro F1, perplexity). Broken lines are skipped.
std::vector<HtmlChart> chartsFromMetricsJsonl(const std::string& jsonl);

}  // namespace ft::eval
