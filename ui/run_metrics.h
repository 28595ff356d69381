#pragma once
// Reads a run's metrics.jsonl (one JSON object per line, appended by core/train as the run goes) into
// the curves the Runs panel compares. Tolerant by design: a run killed mid-write leaves a truncated
// last line, and older runs may lack fields; such lines and fields are skipped, never fatal.

#include <QByteArray>
#include <QList>
#include <QString>

namespace ft::ui {

// One curve over optimizer steps; steps strictly increase.
struct MetricSeries {
    QList<double> steps;
    QList<double> values;

    int size() const { return static_cast<int>(steps.size()); }
    bool isEmpty() const { return steps.isEmpty(); }
};

struct RunMetrics {
    MetricSeries trainLoss;       // "event": "step" lines, "loss"
    MetricSeries learningRate;    // "lr"
    MetricSeries evalLoss;        // "event": "evaluation" lines, "eval_loss"
    MetricSeries evalAccuracy;    // "eval_accuracy" (classification)
    MetricSeries evalF1Macro;     // "eval_f1_macro" (classification)
    MetricSeries evalPerplexity;  // "eval_perplexity" (causal LM)
    int skippedLines = 0;         // lines that are not a JSON object, e.g. a truncated last line
};

RunMetrics parseRunMetrics(const QByteArray& jsonLines);

// Reads <runDir>/metrics.jsonl; empty curves when the file is missing or unreadable.
RunMetrics readRunMetrics(const QString& runDir);

}  // namespace ft::ui
