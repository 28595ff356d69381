#include "ui/run_metrics.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <optional>

namespace ft::ui {

namespace {

// A finite number under `key`; absent, null (a non-finite value as nlohmann writes it) or another
// type reads as nothing. Negative values are "not measured" sentinels for the eval metrics.
std::optional<double> number(const QJsonObject& line, QLatin1String key, bool allowNegative = true) {
    const QJsonValue v = line.value(key);
    if (!v.isDouble()) return std::nullopt;
    const double x = v.toDouble();
    if (!std::isfinite(x) || (!allowNegative && x < 0)) return std::nullopt;
    return x;
}

void append(MetricSeries& series, double step, std::optional<double> value) {
    if (!value) return;
    // A resumed run writes the steps after its last checkpoint again: the newer points replace the tail.
    while (!series.steps.isEmpty() && series.steps.last() >= step) {
        series.steps.removeLast();
        series.values.removeLast();
    }
    series.steps.append(step);
    series.values.append(*value);
}

}  // namespace

RunMetrics parseRunMetrics(const QByteArray& jsonLines) {
    RunMetrics out;
    for (const QByteArray& raw : jsonLines.split('\n')) {
        const QByteArray text = raw.trimmed();
        if (text.isEmpty()) continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            ++out.skippedLines;
            continue;
        }
        const QJsonObject line = doc.object();
        const auto step = number(line, QLatin1String("step"));
        if (!step) continue;  // nowhere to put it on the curves
        const QString event = line.value(QLatin1String("event")).toString();
        if (event == QLatin1String("step")) {
            append(out.trainLoss, *step, number(line, QLatin1String("loss")));
            append(out.learningRate, *step, number(line, QLatin1String("lr")));
        } else if (event == QLatin1String("evaluation")) {
            append(out.evalLoss, *step, number(line, QLatin1String("eval_loss"), false));
            append(out.evalAccuracy, *step, number(line, QLatin1String("eval_accuracy"), false));
            append(out.evalF1Macro, *step, number(line, QLatin1String("eval_f1_macro"), false));
            append(out.evalPerplexity, *step, number(line, QLatin1String("eval_perplexity"), false));
        }
    }
    return out;
}

RunMetrics readRunMetrics(const QString& runDir) {
    QFile file(runDir + QLatin1String("/metrics.jsonl"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return parseRunMetrics(file.readAll());
}

}  // namespace ft::ui
