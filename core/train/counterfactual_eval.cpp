#include "core/train/counterfactual_eval.h"

#include <algorithm>
#include <cmath>

#include <torch/torch.h>

#include "core/eval/counterfactual.h"
#include "core/eval/swap_list.h"

namespace ft::train {

namespace {
struct PairSource {
    size_t example;               // index into the validation split
    eval::Counterfactual cf;
};

double nllPerToken(const eval::Row& row) { return row.tokenCount > 0 ? row.nllSum / double(row.tokenCount) : 0.0; }
}  // namespace

Result<eval::CounterfactualSummary> runCounterfactualTest(models::Model& model, const tok::Tokenizer& tokenizer,
                                                          const api::JobConfig& job, const PreparedData& data,
                                                          const EvalSummary& original, int64_t padId, const torch::Device& device) {
    eval::SwapList custom;
    if (!job.evaluation.swapList.empty()) {
        auto read = eval::readSwapList(job.evaluation.swapList);
        if (!read) return read.error();
        custom = std::move(*read);
    }
    const eval::SwapList& list = job.evaluation.swapList.empty() ? eval::defaultSwapList() : custom;
    const bool classify = job.task == api::Task::SequenceClassification;

    eval::CounterfactualSummary summary;
    summary.swapList = job.evaluation.swapList.empty() ? "built-in English gender terms" : job.evaluation.swapList;
    summary.examples = static_cast<int64_t>(data.validation.size());

    std::vector<PairSource> sources;
    std::vector<Example> swapped;
    for (size_t i = 0; i < data.validation.size() && i < data.validationTexts.size(); ++i) {
        const auto cfs = eval::counterfactualsOf(data.validationTexts[i], list);
        if (cfs.empty()) continue;
        ++summary.examplesWithSwaps;
        const std::string* pair = i < data.validationPairTexts.size() && job.data.textPairColumn.size() ? &data.validationPairTexts[i] : nullptr;
        for (const auto& cf : cfs) {
            Example ex;
            ex.label = data.validation[i].label;
            ex.row = data.validation[i].row;
            encodeExample(tokenizer, cf.text, pair, job.data.maxLength, classify, ex);
            if (ex.ids.empty()) continue;
            swapped.push_back(std::move(ex));
            sources.push_back({i, cf});
        }
    }
    summary.pairs = static_cast<int64_t>(swapped.size());
    summary.coverage = summary.examples > 0 ? eval::MetricValue::of(double(summary.examplesWithSwaps) / double(summary.examples))
                                            : eval::MetricValue::undefined("no_examples");
    if (swapped.empty()) {
        for (auto* m : {&summary.flipRate, &summary.posToNegRate, &summary.negToPosRate, &summary.meanAbsDelta,
                        &summary.meanSignedDelta, &summary.invarianceFailRate})
            *m = eval::MetricValue::undefined("no_swappable_terms");
        return summary;
    }
    const EvalSummary scored = evaluate(model, swapped, job.training.batchSize, padId, static_cast<int>(data.labels.size()), device);

    std::vector<eval::CounterfactualPairRow> rows;
    if (classify) {
        std::vector<eval::SwapPair> pairs;
        for (size_t k = 0; k < sources.size(); ++k) {
            const eval::Row& a = original.rows[sources[k].example];
            const eval::Row& b = scored.rows[k];
            eval::SwapPair p;
            p.caseId = sources[k].example;
            p.original.assign(a.scores.begin(), a.scores.end());
            p.counterfactual.assign(b.scores.begin(), b.scores.end());
            pairs.push_back(p);
            const int c = eval::predictedClass(p.original);
            eval::CounterfactualPairRow row;
            row.originalScore = p.original[size_t(c)];
            row.counterfactualScore = p.counterfactual[size_t(c)];
            row.flipped = eval::predictedClass(p.counterfactual) != c;
            rows.push_back(row);
        }
        const eval::FlipRates flips = eval::flipRates(pairs);
        summary.flipRate = flips.symmetric;
        summary.posToNegRate = flips.posToNeg;
        summary.negToPosRate = flips.negToPos;
        summary.meanAbsDelta = eval::counterfactualGap(pairs);
        summary.meanSignedDelta = eval::MetricValue::undefined("classification");
        summary.invarianceFailRate = eval::invarianceTest(pairs, summary.tolerance).failRate;
    } else {
        // Causal LM (an app extension, labelled as such in the report): NLL per token, original vs swapped.
        double absSum = 0, signedSum = 0;
        for (size_t k = 0; k < sources.size(); ++k) {
            eval::CounterfactualPairRow row;
            row.originalScore = nllPerToken(original.rows[sources[k].example]);
            row.counterfactualScore = nllPerToken(scored.rows[k]);
            absSum += std::abs(row.counterfactualScore - row.originalScore);
            signedSum += row.counterfactualScore - row.originalScore;
            rows.push_back(row);
        }
        summary.meanAbsDelta = eval::MetricValue::of(absSum / double(rows.size()));
        summary.meanSignedDelta = eval::MetricValue::of(signedSum / double(rows.size()));
        for (auto* m : {&summary.flipRate, &summary.posToNegRate, &summary.negToPosRate, &summary.invarianceFailRate})
            *m = eval::MetricValue::undefined("causal_lm");
    }
    for (size_t k = 0; k < rows.size(); ++k) {
        auto& row = rows[k];
        const size_t i = sources[k].example;
        row.delta = row.counterfactualScore - row.originalScore;
        row.line = i < data.validationLines.size() ? data.validationLines[i] : -1;
        row.original = data.validationTexts[i];
        row.counterfactual = sources[k].cf.text;
        row.set = sources[k].cf.set;
        row.sourceTerm = sources[k].cf.sourceTerm;
        row.replacement = sources[k].cf.replacement;
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return std::abs(a.delta) > std::abs(b.delta); });
    if (rows.size() > 20) rows.resize(20);
    summary.worst = std::move(rows);
    return summary;
}

}  // namespace ft::train
