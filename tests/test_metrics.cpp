// Classification, calibration and perplexity metrics against the golden vectors of
// /work/shared/reference/fairness-eval.md §4 (GV-05 ... GV-14).
#include "core/eval/calibration.h"
#include "core/eval/metrics.h"
#include "core/eval/perplexity.h"
#include "core/eval/summary.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace ft::eval;

namespace {

constexpr double kExact = 1e-9;

std::vector<Row> makeRows(const QList<int>& yTrue, const QList<int>& yPred, const QList<double>& weights = {}) {
    std::vector<Row> rows;
    for (qsizetype i = 0; i < yTrue.size(); ++i) {
        Row r;
        r.label = yTrue[i];
        r.prediction = yPred[i];
        if (i < weights.size()) r.weight = weights[i];
        rows.push_back(r);
    }
    return rows;
}

// NaN as `expected` means "must be undefined".
bool matches(const MetricValue& m, double expected, double tol) {
    if (std::isnan(expected)) return !m.defined && !m.reason.empty();
    return m.defined && std::fabs(m.value - expected) <= tol;
}

QString show(const MetricValue& m) {
    return m.defined ? QString::number(m.value, 'g', 17) : QStringLiteral("undefined(%1)").arg(QString::fromStdString(m.reason));
}

#define CHECK_METRIC(m, expected, tol) \
    QVERIFY2(matches((m), (expected), (tol)), qPrintable(show(m) + QStringLiteral(" vs ") + QString::number(expected, 'g', 17)))

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void averages_data();
    void averages();
    void perClassGv05();
    void accuracyGv07();
    void balancedAccuracyGv08();
    void perClassF1Gv08();
    void perClassF1Gv06();
    void zeroDivisionGv10();
    void normalizedConfusionGv10();
    void weightedBinaryF1Gv06();
    void eceBinaryGv11();
    void eceTopLabelGv12();
    void brierGv13();
    void perplexityGv14();
    void perplexityExcludesEmptySequences();
    void rocAuc();
    void rocAucSingleClassIsUndefined();
    void logLoss();
    void emptyInputIsUndefined();
    void skipsRowsWithMissingLabel();
    void summaryTable();
};

void TestMetrics::averages_data() {
    QTest::addColumn<QList<int>>("yTrue");
    QTest::addColumn<QList<int>>("yPred");
    QTest::addColumn<int>("numClasses");
    QTest::addColumn<int>("average");
    QTest::addColumn<int>("labelSet");
    QTest::addColumn<int>("zeroDivision");
    QTest::addColumn<int>("posLabel");
    QTest::addColumn<double>("precision");
    QTest::addColumn<double>("recall");
    QTest::addColumn<double>("f1");
    QTest::addColumn<double>("tolerance");

    const int present = int(LabelSet::Present), declared = int(LabelSet::Declared);
    const int undef = int(ZeroDivision::Undefined), zero = int(ZeroDivision::Zero), one = int(ZeroDivision::One);
    const QList<int> t5{0, 0, 0, 0, 1, 1, 2}, p5{0, 0, 1, 0, 1, 2, 2};
    QTest::newRow("GV-05 macro") << t5 << p5 << 3 << int(Average::Macro) << present << undef << 1 << 2.0 / 3 << 0.75
                                 << (6.0 / 7 + 0.5 + 2.0 / 3) / 3 << kExact;
    QTest::newRow("GV-05 macro rounded") << t5 << p5 << 3 << int(Average::Macro) << present << undef << 1 << 0.666667
                                         << 0.75 << 0.674603 << 1e-6;
    QTest::newRow("GV-05 weighted") << t5 << p5 << 3 << int(Average::Weighted) << present << undef << 1
                                    << (4 * 1.0 + 2 * 0.5 + 1 * 0.5) / 7 << (4 * 0.75 + 2 * 0.5 + 1 * 1.0) / 7
                                    << (4 * 6.0 / 7 + 2 * 0.5 + 2.0 / 3) / 7 << kExact;
    QTest::newRow("GV-05 weighted rounded") << t5 << p5 << 3 << int(Average::Weighted) << present << undef << 1
                                            << 0.785714 << 0.714286 << 0.727891 << 1e-6;
    QTest::newRow("GV-05 micro") << t5 << p5 << 3 << int(Average::Micro) << present << undef << 1 << 5.0 / 7
                                 << 5.0 / 7 << 5.0 / 7 << kExact;

    const QList<int> t6{0, 1, 0, 1, 0}, p6{0, 0, 1, 1, 0};
    QTest::newRow("GV-06 binary") << t6 << p6 << 2 << int(Average::Binary) << present << undef << 1 << 0.5 << 0.5
                                  << 0.5 << kExact;
    QTest::newRow("GV-06 binary pos_label=0") << t6 << p6 << 2 << int(Average::Binary) << present << undef << 0
                                              << 2.0 / 3 << 2.0 / 3 << 2.0 / 3 << kExact;
    QTest::newRow("GV-06 binary pos_label=0 doc 0.67") << t6 << p6 << 2 << int(Average::Binary) << present << undef
                                                       << 0 << 0.67 << 0.67 << 0.67 << 0.005;
    const QList<int> t6m{0, 1, 2, 0, 1, 2}, p6m{0, 2, 1, 0, 0, 1};
    QTest::newRow("GV-06 multiclass macro") << t6m << p6m << 3 << int(Average::Macro) << present << zero << 1
                                            << 2.0 / 9 << 1.0 / 3 << 0.8 / 3 << kExact;
    QTest::newRow("GV-06 multiclass micro") << t6m << p6m << 3 << int(Average::Micro) << present << undef << 1
                                            << 1.0 / 3 << 1.0 / 3 << 1.0 / 3 << kExact;
    QTest::newRow("GV-06 multiclass weighted") << t6m << p6m << 3 << int(Average::Weighted) << present << zero << 1
                                               << 2.0 / 9 << 1.0 / 3 << 0.8 / 3 << kExact;
    QTest::newRow("GV-06 doc rounding") << t6m << p6m << 3 << int(Average::Macro) << present << zero << 1 << 0.22
                                        << 0.33 << 0.27 << 0.005;

    const QList<int> t8{2, 1, 0, 0}, p8{2, 1, 0, 1};
    QTest::newRow("GV-08 macro F1") << t8 << p8 << 3 << int(Average::Macro) << present << undef << 1 << (1 + 0.5 + 1) / 3.0
                                    << (0.5 + 1 + 1) / 3.0 << (2.0 / 3 + 2.0 / 3 + 1) / 3 << kExact;
    QTest::newRow("GV-08 doc 0.7778") << t8 << p8 << 3 << int(Average::Macro) << present << undef << 1 << 0.8333
                                      << 0.8333 << 0.7778 << 1e-4;

    const QList<int> t9{0, 1, 0, 1}, p9{0, 1, 1, 1};
    // F1 per class = [2/3, 0.8, undefined].
    QTest::newRow("GV-09 present labels") << t9 << p9 << 3 << int(Average::Macro) << present << undef << 1
                                          << (1 + 2.0 / 3) / 2 << (0.5 + 1) / 2 << (2.0 / 3 + 0.8) / 2 << kExact;
    QTest::newRow("GV-09 sklearn default (present, zd=0)") << t9 << p9 << 3 << int(Average::Macro) << present << zero
                                                           << 1 << (1 + 2.0 / 3) / 2 << 0.75 << 0.733333 << 1e-6;
    QTest::newRow("GV-09 declared labels zd=0") << t9 << p9 << 3 << int(Average::Macro) << declared << zero << 1
                                                << (1 + 2.0 / 3) / 3 << 0.5 << (2.0 / 3 + 0.8) / 3 << kExact;
    QTest::newRow("GV-09 declared labels zd=0 doc") << t9 << p9 << 3 << int(Average::Macro) << declared << zero << 1
                                                    << 0.555556 << 0.5 << 0.488889 << 1e-6;
    QTest::newRow("GV-09 declared labels zd=nan") << t9 << p9 << 3 << int(Average::Macro) << declared << undef << 1
                                                  << (1 + 2.0 / 3) / 2 << 0.75 << 0.733333 << 1e-6;

    const QList<int> t10{0, 0, 0}, p10a{0, 0, 0}, p10b{0, 1, 0};
    const double nan = std::nan("");
    QTest::newRow("GV-10 all negative, undefined") << t10 << p10a << 2 << int(Average::Binary) << present << undef << 1
                                                   << nan << nan << nan << kExact;
    QTest::newRow("GV-10 all negative, zd=0") << t10 << p10a << 2 << int(Average::Binary) << present << zero << 1
                                              << 0.0 << 0.0 << 0.0 << kExact;
    QTest::newRow("GV-10 all negative, zd=1") << t10 << p10a << 2 << int(Average::Binary) << present << one << 1
                                              << 1.0 << 1.0 << 1.0 << kExact;
    QTest::newRow("GV-10 one FP, zd=0") << t10 << p10b << 2 << int(Average::Binary) << present << zero << 1 << 0.0
                                        << 0.0 << 0.0 << kExact;
    QTest::newRow("GV-10 one FP, zd=1") << t10 << p10b << 2 << int(Average::Binary) << present << one << 1 << 0.0
                                        << 1.0 << 0.0 << kExact;
    QTest::newRow("GV-10 one FP, undefined recall") << t10 << p10b << 2 << int(Average::Binary) << present << undef
                                                    << 1 << 0.0 << nan << 0.0 << kExact;
}

void TestMetrics::averages() {
    QFETCH(QList<int>, yTrue);
    QFETCH(QList<int>, yPred);
    QFETCH(int, numClasses);
    QFETCH(int, average);
    QFETCH(int, labelSet);
    QFETCH(int, zeroDivision);
    QFETCH(int, posLabel);
    QFETCH(double, precision);
    QFETCH(double, recall);
    QFETCH(double, f1);
    QFETCH(double, tolerance);
    const ConfusionMatrix cm = confusionMatrix(makeRows(yTrue, yPred), numClasses);
    MetricOptions o;
    o.labels = LabelSet(labelSet);
    o.zeroDivision = ZeroDivision(zeroDivision);
    o.posLabel = posLabel;
    const PrecisionRecallF prf = precisionRecallF(cm, Average(average), o);
    CHECK_METRIC(prf.precision, precision, tolerance);
    CHECK_METRIC(prf.recall, recall, tolerance);
    CHECK_METRIC(prf.f, f1, tolerance);
}

void TestMetrics::perClassGv05() {
    const ConfusionMatrix cm = confusionMatrix(makeRows({0, 0, 0, 0, 1, 1, 2}, {0, 0, 1, 0, 1, 2, 2}), 3);
    const auto pc = perClassMetrics(cm);
    QCOMPARE(pc.size(), size_t(3));
    const double expected[3][7] = {{3, 0, 1, 1, 0.75, 6.0 / 7, 4}, {1, 1, 1, 0.5, 0.5, 0.5, 2}, {1, 1, 0, 0.5, 1, 2.0 / 3, 1}};
    for (int c = 0; c < 3; ++c) {
        QCOMPARE(pc[c].counts.tp, expected[c][0]);
        QCOMPARE(pc[c].counts.fp, expected[c][1]);
        QCOMPARE(pc[c].counts.fn, expected[c][2]);
        CHECK_METRIC(pc[c].precision, expected[c][3], kExact);
        CHECK_METRIC(pc[c].recall, expected[c][4], kExact);
        CHECK_METRIC(pc[c].f, expected[c][5], kExact);
        QCOMPARE(pc[c].support, expected[c][6]);
    }
    CHECK_METRIC(accuracy(cm), 5.0 / 7, kExact);
    CHECK_METRIC(balancedAccuracy(cm), 0.75, kExact);
}

void TestMetrics::accuracyGv07() {
    const QList<int> refs{0, 1, 2, 0, 1, 2}, preds{0, 1, 1, 2, 1, 0};
    const ConfusionMatrix cm = confusionMatrix(makeRows(refs, preds), 3);
    CHECK_METRIC(accuracy(cm), 0.5, kExact);
    QCOMPARE(cm.trace(), 3.0);  // normalize=False
    const ConfusionMatrix weighted = confusionMatrix(makeRows(refs, preds, {0.5, 2, 0.7, 0.5, 9, 0.4}), 3);
    CHECK_METRIC(accuracy(weighted), 0.8778625954198473, kExact);
    CHECK_METRIC(accuracy(weighted), 11.5 / 13.1, kExact);
    const double expected[3][3] = {{1, 0, 1}, {0, 2, 0}, {1, 1, 0}};
    for (int t = 0; t < 3; ++t)
        for (int p = 0; p < 3; ++p) QCOMPARE(cm.at(t, p), expected[t][p]);
}

void TestMetrics::balancedAccuracyGv08() {
    const ConfusionMatrix cm = confusionMatrix(makeRows({2, 1, 0, 0}, {2, 1, 0, 1}), 3);
    CHECK_METRIC(balancedAccuracy(cm), 5.0 / 6, kExact);
    CHECK_METRIC(balancedAccuracy(cm), 0.8333, 1e-4);
    CHECK_METRIC(accuracy(cm), 0.75, kExact);
    const auto pc = perClassMetrics(cm);
    CHECK_METRIC(pc[0].recall, 0.5, kExact);
    CHECK_METRIC(pc[1].recall, 1.0, kExact);
    CHECK_METRIC(pc[2].recall, 1.0, kExact);
}

void TestMetrics::perClassF1Gv08() {
    const auto pc = perClassMetrics(confusionMatrix(makeRows({2, 1, 0, 0}, {2, 1, 0, 1}), 3));
    CHECK_METRIC(pc[0].f, 2.0 / 3, kExact);
    CHECK_METRIC(pc[1].f, 2.0 / 3, kExact);
    CHECK_METRIC(pc[2].f, 1.0, kExact);
}

void TestMetrics::perClassF1Gv06() {
    const auto pc = perClassMetrics(confusionMatrix(makeRows({0, 1, 2, 0, 1, 2}, {0, 2, 1, 0, 0, 1}), 3));
    CHECK_METRIC(pc[0].f, 0.8, kExact);
    CHECK_METRIC(pc[1].f, 0.0, kExact);
    CHECK_METRIC(pc[2].f, 0.0, kExact);
    // Class 1 and 2 are never predicted correctly but are predicted: precision 0, defined.
    CHECK_METRIC(pc[1].precision, 0.0, kExact);

    // GV-09: class 2 is declared, absent from truth and prediction: F1 undefined, not 0.
    const auto absent = perClassMetrics(confusionMatrix(makeRows({0, 1, 0, 1}, {0, 1, 1, 1}), 3));
    CHECK_METRIC(absent[0].f, 2.0 / 3, kExact);
    CHECK_METRIC(absent[1].f, 0.8, kExact);
    QVERIFY(!absent[2].f.defined);
    QCOMPARE(absent[2].f.reason, std::string("no_positive_examples"));
    QCOMPARE(absent[2].precision.reason, std::string("no_predicted_positives"));
    QCOMPARE(absent[2].recall.reason, std::string("no_true_positives"));
}

void TestMetrics::zeroDivisionGv10() {
    // Covered row by row in averages(); here the reasons for the NaN default.
    const ConfusionMatrix cm = confusionMatrix(makeRows({0, 0, 0}, {0, 0, 0}), 2);
    const PrecisionRecallF prf = precisionRecallF(cm, Average::Binary);
    QCOMPARE(prf.precision.reason, std::string("no_predicted_positives"));
    QCOMPARE(prf.recall.reason, std::string("no_true_positives"));
    QCOMPARE(prf.f.reason, std::string("no_positive_examples"));
}

void TestMetrics::normalizedConfusionGv10() {
    const ConfusionMatrix cm = confusionMatrix(makeRows({0, 0, 0}, {0, 1, 0}), 2);
    const auto n = normalized(cm, Normalize::True);
    QVERIFY(std::fabs(n[0][0] - 2.0 / 3) < kExact);
    QVERIFY(std::fabs(n[0][1] - 1.0 / 3) < kExact);
    QCOMPARE(n[1][0], 0.0);
    QCOMPARE(n[1][1], 0.0);
    const auto byPred = normalized(cm, Normalize::Pred);
    QCOMPARE(byPred[0][0], 1.0);
    QCOMPARE(byPred[0][1], 1.0);
    const auto all = normalized(cm, Normalize::All);
    QVERIFY(std::fabs(all[0][0] - 2.0 / 3) < kExact);
}

void TestMetrics::weightedBinaryF1Gv06() {
    const ConfusionMatrix cm = confusionMatrix(makeRows({0, 1, 0, 1, 0}, {0, 0, 1, 1, 0}, {0.9, 0.5, 3.9, 1.2, 0.3}), 2);
    const PrecisionRecallF prf = precisionRecallF(cm, Average::Binary);
    CHECK_METRIC(prf.f, 2.4 / 6.8, kExact);  // TP 1.2, FP 3.9, FN 0.5
    CHECK_METRIC(prf.f, 0.35, 0.005);        // as printed in the HF docstring
}

void TestMetrics::eceBinaryGv11() {
    std::vector<Row> rows;
    const float preds[] = {0.25f, 0.25f, 0.55f, 0.75f, 0.75f};
    const int target[] = {0, 0, 1, 1, 1};
    for (int i = 0; i < 5; ++i) {
        Row r;
        r.label = target[i];
        r.prediction = preds[i] > 0.5f;
        r.scores = {preds[i]};
        rows.push_back(r);
    }
    const CalibrationResult c = binaryCalibration(rows, 2);
    CHECK_METRIC(c.ece, 0.2900, 1e-4);
    CHECK_METRIC(c.rmsce, 0.2918, 1e-4);
    CHECK_METRIC(c.mce, 0.3167, 1e-4);
    QCOMPARE(c.bins.size(), size_t(3));  // two bins plus the confidence == 1.0 bin
    QCOMPARE(c.bins[0].count, 2.0);
    CHECK_METRIC(c.bins[0].confidence, 0.25, kExact);
    CHECK_METRIC(c.bins[0].accuracy, 0.0, kExact);
    QCOMPARE(c.bins[1].count, 3.0);
    CHECK_METRIC(c.bins[1].confidence, 0.68333, 1e-5);
    CHECK_METRIC(c.bins[1].accuracy, 1.0, kExact);
    QVERIFY(!c.bins[2].confidence.defined);

    // Exact doubles: hand values 0.4*0.25 + 0.6*(1 - 0.683333...)
    const CalibrationResult exact = calibrationError({0.25, 0.25, 0.55, 0.75, 0.75}, {0, 0, 1, 1, 1}, 2);
    CHECK_METRIC(exact.ece, 0.4 * 0.25 + 0.6 * (1 - 2.05 / 3), kExact);
    CHECK_METRIC(exact.mce, 1 - 2.05 / 3, kExact);
}

void TestMetrics::eceTopLabelGv12() {
    const std::vector<std::vector<float>> probs = {{.25f, .20f, .55f}, {.55f, .05f, .40f}, {.10f, .30f, .60f}, {.90f, .05f, .05f}};
    const int target[] = {0, 1, 2, 0};
    std::vector<Row> rows;
    for (int i = 0; i < 4; ++i) {
        Row r;
        r.label = target[i];
        r.scores = probs[size_t(i)];
        rows.push_back(r);
    }
    const CalibrationResult c = topLabelCalibration(rows, 3);
    CHECK_METRIC(c.ece, 0.2000, 1e-4);
    CHECK_METRIC(c.rmsce, 0.2082, 1e-4);
    CHECK_METRIC(c.mce, 0.2333, 1e-4);
    const CalibrationResult exact = calibrationError({.55, .55, .60, .90}, {0, 0, 1, 1}, 3);
    CHECK_METRIC(exact.ece, 0.2, kExact);
    CHECK_METRIC(exact.mce, 1.7 / 3 - 1.0 / 3, kExact);
}

void TestMetrics::brierGv13() {
    std::vector<Row> rows;
    const double preds[] = {0.1, 0.9, 0.8, 0.3};
    const int refs[] = {0, 0, 1, 1};
    for (int i = 0; i < 4; ++i) {
        Row r;
        r.label = refs[i];
        r.scores = {static_cast<float>(1 - preds[i]), static_cast<float>(preds[i])};
        rows.push_back(r);
    }
    CHECK_METRIC(brierScore(rows), 0.3375, 1e-6);
}

void TestMetrics::perplexityGv14() {
    std::vector<Row> rows(2);
    rows[0].nllSum = 6 * std::log(2.0);
    rows[0].tokenCount = 3;
    rows[1].nllSum = std::log(2.0);
    rows[1].tokenCount = 1;
    const PerplexityStats p = perplexity(rows);
    CHECK_METRIC(p.perSequence[0], 4.0, kExact);
    CHECK_METRIC(p.perSequence[1], 2.0, kExact);
    CHECK_METRIC(p.meanPerplexity, 3.0, kExact);
    CHECK_METRIC(p.corpusPerplexity, std::pow(2.0, 7.0 / 4), kExact);
    CHECK_METRIC(p.corpusPerplexity, 3.363585661, 1e-9);
    CHECK_METRIC(p.meanTokenNll, 1.213007566, 1e-9);
    CHECK_METRIC(p.bitsPerToken, 1.75, kExact);
    QCOMPARE(p.scoredTokens, int64_t(4));
    QCOMPARE(p.sequences, int64_t(2));
}

void TestMetrics::perplexityExcludesEmptySequences() {
    std::vector<Row> rows(2);
    rows[0].nllSum = std::log(2.0);
    rows[0].tokenCount = 1;
    const PerplexityStats p = perplexity(rows);
    QCOMPARE(p.excludedSequences, int64_t(1));
    QVERIFY(!p.perSequence[1].defined);
    CHECK_METRIC(p.corpusPerplexity, 2.0, kExact);
    const PerplexityStats none = perplexity(std::vector<Row>(1));
    QVERIFY(!none.corpusPerplexity.defined);
    QCOMPARE(none.corpusPerplexity.reason, std::string("no_tokens"));
}

void TestMetrics::rocAuc() {
    // sklearn roc_auc_score doc example: 0.75.
    std::vector<Row> rows;
    const float scores[] = {0.1f, 0.4f, 0.35f, 0.8f};
    const int labels[] = {0, 0, 1, 1};
    for (int i = 0; i < 4; ++i) {
        Row r;
        r.label = labels[i];
        r.scores = {scores[i]};
        rows.push_back(r);
    }
    CHECK_METRIC(rocAucBinary(rows), 0.75, kExact);
    rows[1].scores = {0.35f};  // a tie between a negative and a positive counts 1/2
    CHECK_METRIC(rocAucBinary(rows), 0.875, kExact);
}

void TestMetrics::rocAucSingleClassIsUndefined() {
    std::vector<Row> rows(2);
    for (auto& r : rows) r.label = 1, r.scores = {0.3f, 0.7f};
    const MetricValue auc = rocAucBinary(rows);
    QVERIFY(!auc.defined);
    QCOMPARE(auc.reason, std::string("single_class"));
}

void TestMetrics::logLoss() {
    std::vector<Row> rows(2);
    rows[0].label = 0;
    rows[0].scores = {0.8f, 0.2f};
    rows[1].label = 1;
    rows[1].scores = {0.3f, 0.7f};
    CHECK_METRIC(ft::eval::logLoss(rows), -(std::log(0.8f) + std::log(0.7f)) / 2, 1e-7);
    rows[1].scores = {1.0f, 0.0f};
    const MetricValue clipped = ft::eval::logLoss(rows);
    CHECK_METRIC(clipped, -(std::log(0.8f) + std::log(1e-15)) / 2, 1e-7);
    QVERIFY(std::isinf(ft::eval::logLoss(rows, 0.0).value));
}

void TestMetrics::emptyInputIsUndefined() {
    const ConfusionMatrix cm = confusionMatrix(std::vector<Row>{}, 2);
    QVERIFY(!accuracy(cm).defined);
    QCOMPARE(accuracy(cm).reason, std::string("empty_input"));
    QVERIFY(!balancedAccuracy(cm).defined);
    QVERIFY(!precisionRecallF(cm, Average::Macro).f.defined);
    QVERIFY(!topLabelCalibration({}).ece.defined);
}

void TestMetrics::skipsRowsWithMissingLabel() {
    const ConfusionMatrix cm = confusionMatrix(makeRows({0, -1, 1, 7}, {0, 1, 1, 0}), 2);
    QCOMPARE(cm.skippedRows, int64_t(2));
    QCOMPARE(cm.total(), 2.0);
    CHECK_METRIC(accuracy(cm), 1.0, kExact);
}

void TestMetrics::summaryTable() {
    // GV-05 data: the headline table holds the same numbers as the individual functions.
    const auto m = classificationSummary(makeRows({0, 0, 0, 0, 1, 1, 2}, {0, 0, 1, 0, 1, 2, 2}), 3);
    CHECK_METRIC(m.at("accuracy"), 5.0 / 7, kExact);
    CHECK_METRIC(m.at("balanced_accuracy"), 0.75, kExact);
    CHECK_METRIC(m.at("f1_macro"), 0.674603, 1e-6);
    CHECK_METRIC(m.at("f1_weighted"), 0.727891, 1e-6);
    CHECK_METRIC(m.at("f1_micro"), 5.0 / 7, kExact);
    QVERIFY(!m.count("roc_auc"));  // multiclass, no scores
    QVERIFY(!m.count("log_loss"));
    std::vector<Row> binary = makeRows({0, 1, 0, 1, 0}, {0, 0, 1, 1, 0});
    for (auto& r : binary) r.scores = {r.prediction ? 0.2f : 0.9f, r.prediction ? 0.8f : 0.1f};
    const auto b = classificationSummary(binary, 2);
    CHECK_METRIC(b.at("f1"), 0.5, kExact);
    QVERIFY(b.at("roc_auc").defined);
    QVERIFY(b.at("log_loss").defined);
    QVERIFY(b.at("ece").defined);
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "test_metrics.moc"
