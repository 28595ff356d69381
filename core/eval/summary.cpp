#include "core/eval/summary.h"

#include <algorithm>

namespace ft::eval {

std::map<std::string, MetricValue> classificationSummary(const std::vector<Row>& rows, int numClasses,
                                                         const MetricOptions& options, int calibrationBins) {
    std::map<std::string, MetricValue> m;
    const ConfusionMatrix cm = confusionMatrix(rows, numClasses);
    m["accuracy"] = accuracy(cm);
    m["balanced_accuracy"] = balancedAccuracy(cm);
    const std::pair<const char*, Average> averages[] = {
        {"macro", Average::Macro}, {"micro", Average::Micro}, {"weighted", Average::Weighted}};
    for (const auto& [name, avg] : averages) {
        const PrecisionRecallF prf = precisionRecallF(cm, avg, options);
        m[std::string("precision_") + name] = prf.precision;
        m[std::string("recall_") + name] = prf.recall;
        m[std::string("f1_") + name] = prf.f;
    }
    bool hasScores = false;
    for (const Row& r : rows) hasScores = hasScores || !r.scores.empty();
    if (numClasses == 2) {
        const PrecisionRecallF prf = precisionRecallF(cm, Average::Binary, options);
        m["precision"] = prf.precision;
        m["recall"] = prf.recall;
        m["f1"] = prf.f;
        if (hasScores) {
            m["roc_auc"] = rocAucBinary(rows, options.posLabel);
            m["brier"] = brierScore(rows, options.posLabel);
        }
    }
    if (hasScores) {
        m["log_loss"] = logLoss(rows);
        m["ece"] = topLabelCalibration(rows, calibrationBins).ece;
    }
    return m;
}

EvalReport buildClassificationReport(const std::vector<Row>& rows, const std::vector<std::string>& labelNames,
                                     const ClassificationEvalOptions& options) {
    EvalReport report;
    report.task = "classification";
    report.labelNames = labelNames;
    const int k = static_cast<int>(labelNames.size());
    report.posLabel = options.metric.posLabel;
    report.zeroDivision = options.metric.zeroDivision;
    report.bootstrap = options.bootstrap;
    report.overall = classificationSummary(rows, k, options.metric, options.calibrationBins);
    const ConfusionMatrix cm = confusionMatrix(rows, k);
    report.confusion = cm;
    report.perClass = perClassMetrics(cm, options.metric);
    if (cm.skippedRows > 0)
        report.warnings.push_back(std::to_string(cm.skippedRows) +
                                  " rows have a missing or unknown label or prediction and were not scored.");
    bool hasScores = false;
    for (const Row& r : rows) hasScores = hasScores || !r.scores.empty();
    if (hasScores) report.calibration = topLabelCalibration(rows, options.calibrationBins);

    FairnessOptions fo = options.fairness;
    fo.numClasses = k;
    fo.zeroDivision = options.metric.zeroDivision;
    fo.calibrationBins = options.calibrationBins;
    for (const SliceSpec& spec : options.slices) {
        std::vector<SliceResult> results;
        if (k > 2) results = evaluateSlicesOneVsRest(rows, spec, fo);
        else {
            fo.positiveClass = options.metric.posLabel;
            results.push_back(evaluateSlices(rows, spec, fo));
        }
        for (SliceResult& s : results) {
            SliceReport section;
            section.disparities = standardDisparities(s);
            if (options.bootstrap) {
                FairnessOptions classOptions = fo;
                classOptions.positiveClass = s.positiveClass;
                bootstrapSlices(rows, spec, classOptions, *options.bootstrap, s, section.disparities);
            }
            for (const SliceWarning& w : s.warnings) report.warnings.push_back(w.message);
            section.slice = std::move(s);
            report.slices.push_back(std::move(section));
        }
    }
    // One-vs-rest slices repeat the same group-size warnings once per class.
    std::vector<std::string> unique;
    for (std::string& w : report.warnings)
        if (std::find(unique.begin(), unique.end(), w) == unique.end()) unique.push_back(std::move(w));
    report.warnings = std::move(unique);
    return report;
}

}  // namespace ft::eval
