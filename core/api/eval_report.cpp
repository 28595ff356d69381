#include "core/api/eval_report.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/api/job_config.h"
#include "core/train/html_report.h"

namespace ft::api {
using nlohmann::json;

namespace {

// A metric as core/eval writes it: {"value": x | null, "reason": ..., "ci_low", "ci_high"}.
double valueOf(const json& metric, double fallback = std::nan("")) {
    if (!metric.is_object()) return fallback;
    auto it = metric.find("value");
    return (it != metric.end() && it->is_number()) ? it->get<double>() : fallback;
}
double fieldOf(const json& metric, const char* key) {
    if (!metric.is_object()) return std::nan("");
    auto it = metric.find(key);
    return (it != metric.end() && it->is_number()) ? it->get<double>() : std::nan("");
}

std::string fixed(double v) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << v;
    return s.str();
}

}  // namespace

Result<EvalReport> readEvalReport(const std::string& runDir) {
    const auto file = std::filesystem::path(runDir) / "eval" / "report.json";
    std::ifstream in(file);
    if (!in) return makeError("report.missing", "this run has no evaluation report yet", file.string());
    json j;
    try {
        j = json::parse(in);
    } catch (const std::exception& e) {
        return makeError("report.invalid", std::string("the evaluation report is damaged: ") + e.what(), file.string());
    }
    EvalReport r;
    r.runDir = runDir;
    try {
        r.split = j.value("dataset", json::object()).value("split", "");
        r.labels = j.value("labels", std::vector<std::string>{});
        const json overall = j.value("overall", json::object());
        r.accuracy = valueOf(overall.value("accuracy", json()));
        r.balancedAccuracy = valueOf(overall.value("balanced_accuracy", json()));
        r.precisionMacro = valueOf(overall.value("precision_macro", json()));
        r.recallMacro = valueOf(overall.value("recall_macro", json()));
        r.f1Macro = valueOf(overall.value("f1_macro", json()));
        r.f1Micro = valueOf(overall.value("f1_micro", json()));
        r.f1Weighted = valueOf(overall.value("f1_weighted", json()));
        r.loss = valueOf(overall.value("log_loss", json()));
        if (j.contains("language_model")) {
            // A causal LM's report has no classification loss: its loss is the mean token NLL.
            const json& lm = j["language_model"];
            r.perplexity = valueOf(lm.value("corpus_perplexity", json()), -1);
            if (lm.contains("mean_token_nll")) r.loss = valueOf(lm["mean_token_nll"]);
            r.n = lm.value("sequences", int64_t(0));
        }
        if (j.contains("confusion_matrix")) {
            for (const auto& row : j["confusion_matrix"]["counts"]) {
                std::vector<int64_t> counts;
                for (const auto& c : row) counts.push_back(static_cast<int64_t>(std::llround(c.get<double>())));
                r.n += [&] { int64_t s = 0; for (auto c : counts) s += c; return s; }();
                r.confusion.push_back(std::move(counts));
            }
        }
        for (const auto& c : j.value("per_class", json::array())) {
            ClassMetrics m;
            m.label = c.value("class", "");
            m.precision = valueOf(c.value("precision", json()));
            m.recall = valueOf(c.value("recall", json()));
            m.f1 = valueOf(c.value("f1", json()));
            m.support = static_cast<int64_t>(std::llround(c.value("support", 0.0)));
            r.perClass.push_back(std::move(m));
        }
        for (const auto& slice : j.value("slices", json::array())) {
            // One attribute ("gender") or an intersection ("gender × age_group").
            std::string attribute;
            for (const auto& f : slice.value("features", std::vector<std::string>{})) attribute += (attribute.empty() ? "" : " × ") + f;
            const bool ovr = slice.value("one_vs_rest", false);
            const std::string prefix = ovr ? "class " + std::to_string(slice.value("positive_class", 0)) + " vs rest: " : "";
            std::map<std::string, std::string> warnings;
            for (const auto& w : slice.value("warnings", json::array())) warnings[w.value("group", "")] = w.value("message", "");
            if (!ovr || slice.value("positive_class", 0) == 0)
                for (const auto& g : slice.value("by_group", json::array())) {
                    GroupMetrics gm;
                    gm.attribute = attribute;
                    gm.group = g.value("group", "");
                    gm.n = g.value("count", int64_t(0));
                    const json metrics = g.value("metrics", json::object());
                    gm.accuracy = valueOf(metrics.value("accuracy", json()));
                    gm.accuracyLow = fieldOf(metrics.value("accuracy", json()), "ci_low");
                    gm.accuracyHigh = fieldOf(metrics.value("accuracy", json()), "ci_high");
                    gm.f1Macro = valueOf(metrics.value("macro_f1", json()));
                    gm.selectionRate = valueOf(metrics.value("selection_rate", json()));
                    gm.truePositiveRate = valueOf(metrics.value("tpr", json()));
                    gm.falsePositiveRate = valueOf(metrics.value("fpr", json()));
                    gm.warning = warnings.count(gm.group) ? warnings[gm.group] : std::string();
                    r.groups.push_back(std::move(gm));
                }
            for (const auto& d : slice.value("disparities", json::array())) {
                const json result = d.value("result", json::object());
                std::string line = prefix + attribute + ": " + d.value("metric", "") + " " + d.value("kind", "") + " (" +
                                   d.value("method", "") + ") ";
                line += result.contains("value") && result["value"].is_number() ? fixed(result["value"].get<double>())
                                                                                 : "undefined (" + result.value("reason", "") + ")";
                const double lo = fieldOf(result, "ci_low"), hi = fieldOf(result, "ci_high");
                if (std::isfinite(lo) && std::isfinite(hi)) line += " [" + fixed(lo) + ", " + fixed(hi) + "]";
                r.disparities.push_back(std::move(line));
            }
        }
        if (j.contains("before_training") && j["before_training"].is_object()) {
            const json& b = j["before_training"];
            r.hasBeforeTraining = true;
            r.lossBefore = valueOf(b.value("loss", json()));
            r.accuracyBefore = valueOf(b.value("accuracy", json()));
            r.f1MacroBefore = valueOf(b.value("f1_macro", json()));
            r.perplexityBefore = valueOf(b.value("perplexity", json()));
        }
        if (j.contains("text_to_text") && j["text_to_text"].is_object()) {
            const json& t = j["text_to_text"];
            r.exactMatch = valueOf(t.value("exact_match", json()));
            r.generatedExamples = t.value("generated", int64_t(0));
            for (const auto& s : t.value("samples", json::array()))
                r.samples.push_back({s.value("source", ""), s.value("target", ""), s.value("prediction", "")});
        }
        if (j.contains("forgetting") && j["forgetting"].is_object()) {
            const json& f = j["forgetting"];
            r.hasForgetting = true;
            r.forgettingReference = f.value("reference", "");
            r.referencePerplexityBefore = valueOf(f.value("perplexity_before", json()));
            r.referencePerplexityAfter = valueOf(f.value("perplexity_after", json()));
            r.forgettingChange = valueOf(f.value("change", json()));
        }
        if (j.contains("counterfactual") && j["counterfactual"].is_object()) {
            const json& c = j["counterfactual"];
            r.counterfactual.present = true;
            r.counterfactual.swapList = c.value("swap_list", "");
            r.counterfactual.examples = c.value("examples", int64_t(0));
            r.counterfactual.examplesWithSwaps = c.value("examples_with_swaps", int64_t(0));
            r.counterfactual.pairs = c.value("pairs", int64_t(0));
            r.counterfactual.flipRate = valueOf(c.value("flip_rate", json()));
            r.counterfactual.meanAbsDelta = valueOf(c.value("mean_abs_delta", json()));
            r.counterfactual.invarianceFailRate = valueOf(c.value("invariance_fail_rate", json()));
            for (const auto& w : c.value("worst_pairs", json::array())) {
                CounterfactualPair p;
                p.line = w.value("line", int64_t(-1));
                p.original = w.value("original", "");
                p.counterfactual = w.value("counterfactual", "");
                p.delta = w.contains("delta") && w["delta"].is_number() ? w["delta"].get<double>() : std::nan("");
                p.flipped = w.value("flipped", false);
                r.counterfactual.worst.push_back(std::move(p));
            }
        }
    } catch (const std::exception& e) {
        return makeError("report.invalid", std::string("the evaluation report has an unexpected layout: ") + e.what(), file.string());
    }
    return r;
}

Result<std::string> evalReportHtml(const std::string& runDir) {
    auto job = readJobConfig((std::filesystem::path(runDir) / "job.json").string());
    if (!job) return job.error();
    return train::renderRunHtml(runDir, *job);
}

}  // namespace ft::api
