#include "core/eval/report_json.h"

#include "core/eval/report_io.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace ft::eval {

namespace {

using nlohmann::json;

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json toJson(const MetricValue& m) {
    json j;
    j["value"] = m.defined ? number(m.value) : json(nullptr);
    if (!m.defined) j["reason"] = m.reason;
    else if (!std::isfinite(m.value)) j["reason"] = std::isnan(m.value) ? "nan" : "infinite";
    if (!m.ciMethod.empty()) {
        j["ci_low"] = number(m.ciLow);
        j["ci_high"] = number(m.ciHigh);
        j["ci_method"] = m.ciMethod;
        if (m.nValidReplicates > 0) j["n_valid_replicates"] = m.nValidReplicates;
    }
    return j;
}

json toJson(const std::map<std::string, MetricValue>& metrics) {
    json j = json::object();
    for (const auto& [name, value] : metrics) j[name] = toJson(value);
    return j;
}

json toJson(const GroupResult& g) {
    json j;
    j["group"] = g.name;
    j["key"] = g.key;
    j["count"] = g.count;
    j["n"] = g.n;
    j["n_pos"] = g.nPos;
    j["n_neg"] = g.nNeg;
    j["metrics"] = toJson(g.metrics);
    j["flags"] = g.flags;
    return j;
}

json toJson(const Aggregate& a) {
    json j;
    j["metric"] = a.metric;
    j["method"] = a.method;
    j["kind"] = a.kind;
    j["result"] = toJson(a.value);
    j["min_group"] = a.minGroup;
    j["max_group"] = a.maxGroup;
    j["groups_excluded"] = a.excluded;
    j["flags"] = a.flags;
    return j;
}

json toJson(const SliceReport& r) {
    json j;
    j["features"] = r.slice.attributes;
    j["positive_class"] = r.slice.positiveClass;
    j["one_vs_rest"] = r.slice.oneVsRest;
    j["overall"] = toJson(r.slice.overall);
    j["by_group"] = json::array();
    for (const GroupResult& g : r.slice.groups) j["by_group"].push_back(toJson(g));
    j["disparities"] = json::array();
    for (const Aggregate& a : r.disparities) j["disparities"].push_back(toJson(a));
    j["warnings"] = json::array();
    for (const SliceWarning& w : r.slice.warnings)
        j["warnings"].push_back({{"level", w.level}, {"code", w.code}, {"group", w.group}, {"metric", w.metric},
                                 {"message", w.message}});
    return j;
}

}  // namespace

std::string reportToJson(const EvalReport& r, int indent) {
    json j;
    j["schema_version"] = r.schemaVersion;
    j["app_version"] = r.appVersion;
    j["run_id"] = r.runId;
    j["task"] = r.task;
    j["model_id"] = r.modelId;
    j["dataset"] = {{"id", r.datasetId}, {"split", r.split}};
    j["labels"] = r.labelNames;
    j["pos_label"] = r.posLabel;
    j["threshold"] = r.threshold;
    j["zero_division"] = zeroDivisionName(r.zeroDivision);
    if (r.bootstrap) {
        const double alpha = (1 - r.bootstrap->confidence) / 2;
        j["bootstrap"] = {{"B", r.bootstrap->resamples}, {"seed", r.bootstrap->seed}, {"method", "percentile"},
                          {"quantiles", {alpha, 1 - alpha}}};
    }
    j["overall"] = toJson(r.overall);
    j["per_class"] = json::array();
    for (const ClassMetrics& c : r.perClass) {
        const std::string name = c.classId < static_cast<int>(r.labelNames.size())
                                     ? r.labelNames[static_cast<size_t>(c.classId)]
                                     : std::to_string(c.classId);
        j["per_class"].push_back({{"class", name}, {"precision", toJson(c.precision)}, {"recall", toJson(c.recall)},
                                  {"f1", toJson(c.f)}, {"support", c.support}});
    }
    if (r.confusion) {
        json rows = json::array();
        for (int t = 0; t < r.confusion->numClasses; ++t) {
            json row = json::array();
            for (int p = 0; p < r.confusion->numClasses; ++p) row.push_back(r.confusion->at(t, p));
            rows.push_back(row);
        }
        j["confusion_matrix"] = {{"rows", "truth"}, {"columns", "prediction"}, {"counts", rows}};
    }
    if (r.calibration) {
        json bins = json::array();
        for (const CalibrationBin& b : r.calibration->bins)
            bins.push_back({{"lower", b.lower}, {"upper", b.upper}, {"count", b.count},
                            {"confidence", toJson(b.confidence)}, {"accuracy", toJson(b.accuracy)}});
        j["calibration"] = {{"n_bins", r.calibration->nBins}, {"binning", r.calibration->binning},
                            {"mode", r.calibration->mode}, {"ece", toJson(r.calibration->ece)},
                            {"mce", toJson(r.calibration->mce)}, {"rmsce", toJson(r.calibration->rmsce)},
                            {"bins", bins}};
    }
    if (r.perplexity) {
        const PerplexityStats& p = *r.perplexity;
        j["language_model"] = {{"corpus_perplexity", toJson(p.corpusPerplexity)},
                               {"mean_perplexity", toJson(p.meanPerplexity)},
                               {"mean_token_nll", toJson(p.meanTokenNll)},
                               {"bits_per_token", toJson(p.bitsPerToken)},
                               {"scored_tokens", p.scoredTokens},
                               {"sequences", p.sequences},
                               {"excluded_sequences", p.excludedSequences}};
    }
    j["slices"] = json::array();
    for (const SliceReport& s : r.slices) j["slices"].push_back(toJson(s));
    if (r.beforeTraining) {
        const BeforeTraining& b = *r.beforeTraining;
        j["before_training"] = {{"loss", toJson(b.loss)}, {"accuracy", toJson(b.accuracy)}, {"f1_macro", toJson(b.f1Macro)},
                                {"perplexity", toJson(b.perplexity)}};
    }
    if (r.textToText) {
        const TextToTextSummary& t = *r.textToText;
        json samples = json::array();
        for (const GeneratedSample& s : t.samples)
            samples.push_back({{"source", s.source}, {"target", s.target}, {"prediction", s.prediction}});
        j["text_to_text"] = {{"generated", t.generated}, {"max_new_tokens", t.maxNewTokens}, {"decoding", "greedy"},
                             {"exact_match", toJson(t.exactMatch)}, {"samples", samples}};
    }
    if (r.forgetting) {
        const ForgettingCheck& f = *r.forgetting;
        j["forgetting"] = {{"reference", f.reference}, {"scored_tokens", f.tokens}, {"perplexity_before", toJson(f.perplexityBefore)},
                           {"perplexity_after", toJson(f.perplexityAfter)}, {"change", toJson(f.change)}};
    }
    if (r.counterfactual) {
        const CounterfactualSummary& c = *r.counterfactual;
        json worst = json::array();
        for (const auto& w : c.worst)
            worst.push_back({{"line", w.line}, {"original", w.original}, {"counterfactual", w.counterfactual}, {"set", w.set},
                             {"source_term", w.sourceTerm}, {"replacement", w.replacement}, {"original_score", number(w.originalScore)},
                             {"counterfactual_score", number(w.counterfactualScore)}, {"delta", number(w.delta)},
                             {"flipped", w.flipped}});
        j["counterfactual"] = {{"swap_list", c.swapList},
                               {"examples", c.examples},
                               {"examples_with_swaps", c.examplesWithSwaps},
                               {"pairs", c.pairs},
                               {"coverage", toJson(c.coverage)},
                               {"flip_rate", toJson(c.flipRate)},
                               {"pos_to_neg_rate", toJson(c.posToNegRate)},
                               {"neg_to_pos_rate", toJson(c.negToPosRate)},
                               {"mean_abs_delta", toJson(c.meanAbsDelta)},
                               {"mean_signed_delta", toJson(c.meanSignedDelta)},
                               {"invariance_fail_rate", toJson(c.invarianceFailRate)},
                               {"tolerance", c.tolerance},
                               {"worst_pairs", worst}};
    }
    j["warnings"] = r.warnings;
    return j.dump(indent);
}

Status writeReportJson(const EvalReport& report, const std::filesystem::path& file) {
    return writeTextFile(file, reportToJson(report) + "\n");
}

}  // namespace ft::eval
