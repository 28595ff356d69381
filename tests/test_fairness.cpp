// Slices and disparities against the golden vectors of reference/fairness-eval.md §4
// (GV-01 ... GV-04, GV-16, GV-21, GV-23, GV-24).
#include "core/eval/counterfactual.h"
#include "core/eval/disparity.h"
#include "core/eval/fairness.h"
#include "core/eval/generation_bias.h"
#include "core/eval/inequality.h"
#include "core/eval/intervals.h"
#include "core/eval/report_csv.h"
#include "core/eval/report_json.h"
#include "core/eval/summary.h"

#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include <cmath>

using namespace ft::eval;

namespace {

constexpr double kExact = 1e-9;

std::vector<Row> makeRows(const std::vector<int>& yTrue, const std::vector<int>& yPred,
                          const std::vector<std::vector<std::string>>& attributes) {
    std::vector<Row> rows;
    for (size_t i = 0; i < yTrue.size(); ++i) {
        Row r;
        r.label = yTrue[i];
        r.prediction = yPred[i];
        for (const auto& attr : attributes) r.groups.push_back(attr[i]);
        rows.push_back(r);
    }
    return rows;
}

std::vector<std::string> letters(const std::string& s) {
    std::vector<std::string> out;
    for (char c : s) out.emplace_back(1, c);
    return out;
}

SliceSpec spec(size_t attributes) {
    SliceSpec s;
    for (size_t a = 0; a < attributes; ++a) s.attributes.push_back(a);
    return s;
}

bool matches(const MetricValue& m, double expected, double tol) {
    if (std::isnan(expected)) return !m.defined;
    return m.defined && std::fabs(m.value - expected) <= tol;
}

QString show(const MetricValue& m) {
    return m.defined ? QString::number(m.value, 'g', 17) : QStringLiteral("undefined(%1)").arg(QString::fromStdString(m.reason));
}

#define CHECK_METRIC(m, expected, tol) \
    QVERIFY2(matches((m), (expected), (tol)), qPrintable(show(m) + QStringLiteral(" vs ") + QString::number(expected, 'g', 17)))

const GroupResult& group(const SliceResult& s, const std::string& name) {
    static const GroupResult missing;
    const GroupResult* g = s.find(name);
    return g ? *g : missing;
}

// GV-01: Fairlearn common_fairness_metrics.rst example.
std::vector<Row> gv01Rows() {
    return makeRows({0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1},
                    {0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0},
                    {letters("bbabbcccaacabccbcc"),
                     {"8", "6", "8", "8", "8", "8", "6", "6", "6", "8", "6", "6", "6", "6", "8", "6", "6", "6"}});
}

}  // namespace

class TestFairness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void byGroupGv01_data();
    void byGroupGv01();
    void aggregatesGv01_data();
    void aggregatesGv01();
    void metricFrameGv02();
    void intersectionsGv03();
    void zeroDenominatorGv04();
    void referenceModeGv16();
    void fairlearnConventionsGv16();
    void groupStatRatesGv21();
    void toOverallInversionGv23();
    void emptyIntersectionGv24();
    void missingAttributeIsExplicitGroup();
    void declaredLevelWithoutRowsIsListed();
    void smallGroupWarnings();
    void multiclassOneVsRest();
    void compareToReferenceSigned();
    void zeroMaxRatioIsUndefined();
    void wilsonIntervalsForRates();
    void entropyIndicesGv15();
    void counterfactualSwapGv20();
    void generationBiasGv22();
    void jsonReport();
    void csvReport();
};

void TestFairness::byGroupGv01_data() {
    QTest::addColumn<QString>("group");
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("selection");
    QTest::addColumn<double>("tpr");
    QTest::addColumn<double>("fpr");
    QTest::addColumn<double>("accuracy");
    QTest::newRow("a") << "a" << 4 << 3.0 / 4 << 1.0 / 2 << 1.0 << 1.0 / 4;
    QTest::newRow("b") << "b" << 6 << 1.0 / 2 << 3.0 / 5 << 0.0 << 2.0 / 3;
    QTest::newRow("c") << "c" << 8 << 1.0 / 2 << 2.0 / 5 << 2.0 / 3 << 3.0 / 8;
    QTest::newRow("overall") << "overall" << 18 << 5.0 / 9 << 1.0 / 2 << 2.0 / 3 << 4.0 / 9;
}

void TestFairness::byGroupGv01() {
    QFETCH(QString, group);
    QFETCH(int, n);
    QFETCH(double, selection);
    QFETCH(double, tpr);
    QFETCH(double, fpr);
    QFETCH(double, accuracy);
    const SliceResult s = evaluateSlices(gv01Rows(), spec(1), {});
    const GroupResult& g = ::group(s, group.toStdString());
    QCOMPARE(g.count, int64_t(n));
    CHECK_METRIC(g.metrics.at("count"), double(n), kExact);
    CHECK_METRIC(g.metrics.at("selection_rate"), selection, kExact);
    CHECK_METRIC(g.metrics.at("tpr"), tpr, kExact);
    CHECK_METRIC(g.metrics.at("fpr"), fpr, kExact);
    CHECK_METRIC(g.metrics.at("accuracy"), accuracy, kExact);
    QCOMPARE(g.nPos + g.nNeg, double(n));
}

void TestFairness::aggregatesGv01_data() {
    QTest::addColumn<QString>("metric");
    QTest::addColumn<int>("method");
    QTest::addColumn<double>("difference");
    QTest::addColumn<double>("ratio");
    const int between = int(Method::BetweenGroups), overall = int(Method::ToOverall);
    QTest::newRow("DP between") << "selection_rate" << between << 0.25 << 2.0 / 3;
    QTest::newRow("DP to_overall") << "selection_rate" << overall << 7.0 / 36 << 20.0 / 27;
    QTest::newRow("TPR between") << "tpr" << between << 0.2 << 2.0 / 3;
    QTest::newRow("TPR to_overall") << "tpr" << overall << 0.1 << 0.8;
    QTest::newRow("FPR between") << "fpr" << between << 1.0 << 0.0;
    QTest::newRow("FPR to_overall") << "fpr" << overall << 2.0 / 3 << 0.0;
    QTest::newRow("accuracy between") << "accuracy" << between << 2.0 / 3 - 1.0 / 4 << (1.0 / 4) / (2.0 / 3);
}

void TestFairness::aggregatesGv01() {
    QFETCH(QString, metric);
    QFETCH(int, method);
    QFETCH(double, difference);
    QFETCH(double, ratio);
    const SliceResult s = evaluateSlices(gv01Rows(), spec(1), {});
    CHECK_METRIC(ft::eval::difference(s, metric.toStdString(), Method(method)).value, difference, kExact);
    CHECK_METRIC(ft::eval::ratio(s, metric.toStdString(), Method(method)).value, ratio, kExact);
}

void TestFairness::metricFrameGv02() {
    std::vector<std::string> sex(5, "Female");
    sex.insert(sex.end(), 5, "Male");
    const auto rows = makeRows({1, 1, 1, 1, 1, 0, 0, 1, 1, 0}, {0, 1, 1, 1, 1, 0, 0, 0, 1, 1}, {sex});
    const SliceResult s = evaluateSlices(rows, spec(1), {});
    CHECK_METRIC(group(s, "Female").metrics.at("selection_rate"), 0.8, kExact);
    CHECK_METRIC(group(s, "Male").metrics.at("selection_rate"), 0.4, kExact);
    CHECK_METRIC(group(s, "Female").metrics.at("accuracy"), 0.8, kExact);
    CHECK_METRIC(group(s, "Male").metrics.at("accuracy"), 0.6, kExact);
    CHECK_METRIC(difference(s, "accuracy").value, 0.2, kExact);
    CHECK_METRIC(difference(s, "selection_rate").value, 0.4, kExact);
    CHECK_METRIC(ratio(s, "accuracy").value, 0.75, kExact);
    CHECK_METRIC(ratio(s, "selection_rate").value, 0.5, kExact);
    CHECK_METRIC(groupMin(s, "accuracy").value, 0.6, kExact);
    CHECK_METRIC(groupMin(s, "selection_rate").value, 0.4, kExact);
    CHECK_METRIC(groupMax(s, "accuracy").value, 0.8, kExact);
    CHECK_METRIC(groupMax(s, "selection_rate").value, 0.8, kExact);
    QCOMPARE(groupMin(s, "accuracy").minGroup, std::string("Male"));
    QCOMPARE(groupMax(s, "accuracy").maxGroup, std::string("Female"));
}

void TestFairness::intersectionsGv03() {
    const SliceResult s = evaluateSlices(gv01Rows(), spec(2), {});
    QCOMPARE(s.groups.size(), size_t(6));
    struct Expect {
        const char* name;
        int count;
        double recall, precision, tol;
    };
    const Expect expected[] = {{"a, 6", 2, 0.0, 0.0, kExact},         {"a, 8", 2, 1.0, 0.5, kExact},
                               {"b, 6", 3, 2.0 / 3, 1.0, kExact},     {"b, 8", 3, 0.5, 1.0, kExact},
                               {"c, 6", 6, 0.5, 0.666667, 1e-6},      {"c, 8", 2, 0.0, 0.0, kExact}};
    for (const Expect& e : expected) {
        const GroupResult& g = group(s, e.name);
        QCOMPARE(g.count, int64_t(e.count));
        CHECK_METRIC(g.metrics.at("tpr"), e.recall, e.tol);
        CHECK_METRIC(g.metrics.at("precision"), e.precision, e.tol);
    }
    CHECK_METRIC(s.overall.metrics.at("tpr"), 0.5, kExact);
    CHECK_METRIC(s.overall.metrics.at("precision"), 0.6, kExact);
    QCOMPARE(s.groups[0].key, (GroupKey{"a", "6"}));
}

void TestFairness::zeroDenominatorGv04() {
    const auto rows = makeRows({1, 1, 0, 0, 0, 0}, {1, 0, 0, 1, 1, 0}, {letters("AAAABB")});
    // App default: TPR of B undefined, TPR difference undefined, EOD over FPR only, flagged.
    const SliceResult s = evaluateSlices(rows, spec(1), {});
    CHECK_METRIC(group(s, "A").metrics.at("tpr"), 0.5, kExact);
    CHECK_METRIC(group(s, "A").metrics.at("fpr"), 0.5, kExact);
    CHECK_METRIC(group(s, "B").metrics.at("fpr"), 0.5, kExact);
    QVERIFY(!group(s, "B").metrics.at("tpr").defined);
    QCOMPARE(group(s, "B").metrics.at("tpr").reason, std::string("no_true_positives"));
    const Aggregate eo = equalOpportunityDifference(s);
    QVERIFY(!eo.value.defined);
    QCOMPARE(eo.value.reason, std::string("not_enough_groups"));
    QCOMPARE(eo.excluded, std::vector<std::string>{"B (no_true_positives)"});
    const Aggregate eod = equalizedOddsDifference(s);
    CHECK_METRIC(eod.value, 0.0, kExact);
    QCOMPARE(eod.flags, std::vector<std::string>{"tpr_not_comparable"});

    // Fairlearn-compatible 0-fill: TPR_B = 0.
    FairnessOptions compat;
    compat.zeroDivision = ZeroDivision::Zero;
    const SliceResult c = evaluateSlices(rows, spec(1), compat);
    CHECK_METRIC(group(c, "B").metrics.at("tpr"), 0.0, kExact);
    CHECK_METRIC(equalOpportunityDifference(c).value, 0.5, kExact);
    CHECK_METRIC(equalizedOddsDifference(c).value, 0.5, kExact);
    QVERIFY(equalizedOddsDifference(c).flags.empty());
}

namespace {
std::vector<Row> gv16Rows() {
    return makeRows({1, 1, 0, 0, 1, 1, 1, 1, 0, 0}, {1, 0, 0, 1, 0, 1, 1, 1, 1, 0}, {letters("FFFFFMMMMM")});
}
}  // namespace

void TestFairness::referenceModeGv16() {
    const SliceResult s = evaluateSlices(gv16Rows(), spec(1), {});
    CHECK_METRIC(group(s, "F").metrics.at("selection_rate"), 0.4, kExact);
    CHECK_METRIC(group(s, "F").metrics.at("tpr"), 1.0 / 3, kExact);
    CHECK_METRIC(group(s, "F").metrics.at("fpr"), 0.5, kExact);
    CHECK_METRIC(group(s, "M").metrics.at("selection_rate"), 0.8, kExact);
    CHECK_METRIC(group(s, "M").metrics.at("tpr"), 1.0, kExact);
    CHECK_METRIC(group(s, "M").metrics.at("fpr"), 0.5, kExact);
    const ReferenceSummary r = referenceSummary(s, "F", "M");
    CHECK_METRIC(r.statisticalParityDifference, -0.4, kExact);
    CHECK_METRIC(r.disparateImpact, 0.5, kExact);
    CHECK_METRIC(r.equalOpportunityDifference, -2.0 / 3, kExact);
    CHECK_METRIC(r.averageOddsDifference, -1.0 / 3, kExact);
    CHECK_METRIC(r.averageAbsOddsDifference, 1.0 / 3, kExact);
    CHECK_METRIC(r.equalizedOddsDifference, 2.0 / 3, kExact);
    CHECK_METRIC(r.equalOpportunityDifference, -0.666667, 1e-6);
}

void TestFairness::fairlearnConventionsGv16() {
    const SliceResult s = evaluateSlices(gv16Rows(), spec(1), {});
    CHECK_METRIC(demographicParityDifference(s).value, 0.4, kExact);
    CHECK_METRIC(demographicParityRatio(s).value, 0.5, kExact);
    CHECK_METRIC(equalizedOddsDifference(s).value, 2.0 / 3, kExact);
    CHECK_METRIC(equalizedOddsRatio(s).value, 1.0 / 3, kExact);
    // torchmetrics demographic_parity with F = 0, M = 1: {'DP_0_1': 0.5}, key = argmin_argmax.
    const Aggregate dp = demographicParityRatio(s);
    QCOMPARE(dp.minGroup, std::string("F"));
    QCOMPARE(dp.maxGroup, std::string("M"));
}

void TestFairness::groupStatRatesGv21() {
    const auto rows = makeRows({0, 1, 0, 1, 0, 1}, {0, 1, 0, 1, 0, 1}, {{"0", "1", "0", "1", "0", "1"}});
    const SliceResult s = evaluateSlices(rows, spec(1), {});
    const GroupResult& g0 = group(s, "0");
    const GroupResult& g1 = group(s, "1");
    const double r0[4] = {g0.counts.tp / g0.n, g0.counts.fp / g0.n, g0.counts.tn / g0.n, g0.counts.fn / g0.n};
    const double r1[4] = {g1.counts.tp / g1.n, g1.counts.fp / g1.n, g1.counts.tn / g1.n, g1.counts.fn / g1.n};
    const double e0[4] = {0, 0, 1, 0}, e1[4] = {1, 0, 0, 0};
    for (int k = 0; k < 4; ++k) {
        QCOMPARE(r0[k], e0[k]);
        QCOMPARE(r1[k], e1[k]);
    }
    const Aggregate dp = demographicParityRatio(s);
    CHECK_METRIC(dp.value, 0.0, kExact);
    QCOMPARE(dp.minGroup + "_" + dp.maxGroup, std::string("0_1"));
}

void TestFairness::toOverallInversionGv23() {
    // Groups with rates 0.75 and 0.5 against overall 5/9: ratios 1.35 -> 1/1.35 and 0.9.
    const SliceResult s = evaluateSlices(gv01Rows(), spec(1), {});
    CHECK_METRIC(demographicParityRatio(s, Method::ToOverall).value, 1 / 1.35, kExact);
    CHECK_METRIC(demographicParityRatio(s, Method::ToOverall).value, 0.740741, 1e-6);
}

void TestFairness::emptyIntersectionGv24() {
    // (x,u): rate 0.5; (x,v): 1.0; (y,u): 0.25; (y,v) has no rows.
    const std::vector<int> pred{1, 0, 1, 1, 1, 0, 0, 0};
    const std::vector<int> truth{1, 0, 1, 0, 1, 1, 0, 0};
    const auto rows = makeRows(truth, pred, {letters("xxxxyyyy"), letters("uuvvuuuu")});
    const SliceResult s = evaluateSlices(rows, spec(2), {});
    QCOMPARE(s.groups.size(), size_t(4));
    const GroupResult& empty = group(s, "y, v");
    QCOMPARE(empty.count, int64_t(0));
    QVERIFY(!empty.metrics.at("selection_rate").defined);
    QCOMPARE(empty.metrics.at("selection_rate").reason, std::string("empty_group"));
    CHECK_METRIC(groupMin(s, "selection_rate").value, 0.25, kExact);
    CHECK_METRIC(groupMax(s, "selection_rate").value, 1.0, kExact);
    const Aggregate diff = difference(s, "selection_rate");
    CHECK_METRIC(diff.value, 0.75, kExact);
    CHECK_METRIC(ratio(s, "selection_rate").value, 0.25, kExact);
    QCOMPARE(diff.excluded, std::vector<std::string>{"y, v (empty_group)"});
    bool warned = false;
    for (const SliceWarning& w : s.warnings) warned = warned || (w.code == "empty_group" && w.group == "y, v");
    QVERIFY(warned);
}

void TestFairness::missingAttributeIsExplicitGroup() {
    const auto rows = makeRows({1, 0, 1}, {1, 0, 0}, {{"a", "", "a"}});
    const SliceResult s = evaluateSlices(rows, spec(1), {});
    QCOMPARE(s.groups.size(), size_t(2));
    QCOMPARE(group(s, "(missing)").count, int64_t(1));
    QCOMPARE(group(s, "a").count + group(s, "(missing)").count, s.overall.count);
}

void TestFairness::declaredLevelWithoutRowsIsListed() {
    SliceSpec sp = spec(1);
    sp.declaredLevels = {{"a", "b", "z"}};
    const SliceResult s = evaluateSlices(makeRows({1, 0}, {1, 0}, {{"a", "b"}}), sp, {});
    QCOMPARE(s.groups.size(), size_t(3));
    QCOMPARE(s.groups[2].name, std::string("z"));
    QCOMPARE(s.groups[2].count, int64_t(0));
    QVERIFY(!s.groups[2].metrics.at("accuracy").defined);
}

void TestFairness::smallGroupWarnings() {
    std::vector<int> y(60, 0), p(60, 0);
    for (int i = 0; i < 60; i += 2) y[size_t(i)] = p[size_t(i)] = 1;
    std::vector<std::string> g(60, "big");
    for (int i = 0; i < 20; ++i) g[size_t(i)] = "mid";
    for (int i = 0; i < 4; ++i) g[size_t(i)] = "tiny";
    const SliceResult s = evaluateSlices(makeRows(y, p, {g}), spec(1), {});
    QCOMPARE(group(s, "big").count, int64_t(40));
    QVERIFY(group(s, "big").flags.empty());
    QVERIFY(group(s, "mid").flags == std::vector<std::string>{"small_group"});
    const auto& tiny = group(s, "tiny").flags;
    QVERIFY(std::find(tiny.begin(), tiny.end(), "small_group_strong") != tiny.end());
    QVERIFY(std::find(tiny.begin(), tiny.end(), "small_denominator:tpr") != tiny.end());
    int strong = 0, warning = 0;
    for (const SliceWarning& w : s.warnings) {
        strong += w.level == "strong";
        warning += w.level == "warning";
        QVERIFY(!w.message.empty());
    }
    QVERIFY(strong >= 2);
    QCOMPARE(warning, 1);
}

void TestFairness::multiclassOneVsRest() {
    FairnessOptions o;
    o.numClasses = 3;
    const auto rows = makeRows({0, 1, 2, 0, 1, 2}, {0, 2, 1, 0, 0, 1}, {letters("aaabbb")});
    const std::vector<SliceResult> perClass = evaluateSlicesOneVsRest(rows, spec(1), o);
    QCOMPARE(perClass.size(), size_t(3));
    for (int c = 0; c < 3; ++c) {
        QVERIFY(perClass[size_t(c)].oneVsRest);
        QCOMPARE(perClass[size_t(c)].positiveClass, c);
    }
    // Class 0 vs rest: a predicts 0 once (row 0), b twice (rows 3, 4).
    CHECK_METRIC(group(perClass[0], "a").metrics.at("selection_rate"), 1.0 / 3, kExact);
    CHECK_METRIC(group(perClass[0], "b").metrics.at("selection_rate"), 2.0 / 3, kExact);
    CHECK_METRIC(demographicParityDifference(perClass[0]).value, 1.0 / 3, kExact);
    // Multiclass-native metrics are the same in every one-vs-rest slice.
    CHECK_METRIC(perClass[0].overall.metrics.at("accuracy"), 2.0 / 6, kExact);
    CHECK_METRIC(perClass[0].overall.metrics.at("macro_f1"), 0.8 / 3, kExact);
}

void TestFairness::compareToReferenceSigned() {
    const SliceResult s = evaluateSlices(gv01Rows(), spec(1), {});
    const auto cmp = compareToReference(s, "selection_rate", "b");
    QCOMPARE(cmp.size(), size_t(2));
    QCOMPARE(cmp[0].group, std::string("a"));
    CHECK_METRIC(cmp[0].difference, 0.25, kExact);
    CHECK_METRIC(cmp[0].ratio, 1.5, kExact);
    CHECK_METRIC(cmp[1].difference, 0.0, kExact);
    const auto unknown = compareToReference(s, "selection_rate", "nope");
    QVERIFY(!unknown[0].difference.defined);
}

void TestFairness::zeroMaxRatioIsUndefined() {
    const auto rows = makeRows({1, 0, 1, 0}, {0, 0, 0, 0}, {letters("aabb")});
    const SliceResult s = evaluateSlices(rows, spec(1), {});
    const Aggregate r = demographicParityRatio(s);
    QVERIFY(!r.value.defined);
    QCOMPARE(r.value.reason, std::string("zero_reference"));
    CHECK_METRIC(demographicParityDifference(s).value, 0.0, kExact);
}

void TestFairness::wilsonIntervalsForRates() {
    const SliceResult s = evaluateSlices(gv01Rows(), spec(1), {});
    const MetricValue& sel = group(s, "a").metrics.at("selection_rate");  // 3 of 4
    const auto [lo, hi] = wilsonInterval(3, 4);
    QCOMPARE(sel.ciMethod, std::string("wilson"));
    QCOMPARE(sel.ciLow, lo);
    QCOMPARE(sel.ciHigh, hi);
    QVERIFY(lo < 0.75 && 0.75 < hi);
    const MetricValue& tpr = s.overall.metrics.at("tpr");  // 6 of 12
    QCOMPARE(tpr.ciLow, wilsonInterval(6, 12).first);
    QVERIFY(s.overall.metrics.at("macro_f1").ciMethod.empty());  // not a proportion
}

void TestFairness::entropyIndicesGv15() {
    const std::vector<int> yTrue{1, 0, 0, 1, 0, 0, 1, 0, 1, 1};
    const auto rows = makeRows(yTrue, {1, 0, 0, 0, 1, 1, 1, 0, 1, 0}, {});
    const std::vector<double> b = benefits(rows);
    QCOMPARE(b, (std::vector<double>{1, 1, 1, 0, 2, 2, 1, 1, 1, 0}));
    CHECK_METRIC(generalizedEntropyIndex(b, 2), 0.2, kExact);
    CHECK_METRIC(theilIndex(b), 4 * std::log(2.0) / 10, kExact);
    CHECK_METRIC(theilIndex(b), 0.277259, 1e-6);
    CHECK_METRIC(coefficientOfVariation(b), std::sqrt(0.4), kExact);
    CHECK_METRIC(coefficientOfVariation(b), 0.632456, 1e-6);
    QVERIFY(!generalizedEntropyIndex(b, 0).defined);  // some b_i = 0

    const std::vector<double> between = betweenGroupBenefits(b, {0, 0, 1, 1, 1, 1, 2, 2, 2, 2});
    QCOMPARE(between, (std::vector<double>{1, 1, 1.25, 1.25, 1.25, 1.25, .75, .75, .75, .75}));
    CHECK_METRIC(generalizedEntropyIndex(between, 2), 0.025, kExact);
    CHECK_METRIC(theilIndex(between), 0.025267, 1e-6);

    const auto second = makeRows(yTrue, {0, 1, 1, 0, 0, 0, 0, 1, 1, 1}, {});
    CHECK_METRIC(generalizedEntropyIndex(benefits(second), 2), 0.3, kExact);
    QVERIFY(!generalizedEntropyIndex({}, 2).defined);
}

void TestFairness::counterfactualSwapGv20() {
    const double original[] = {0.9, 0.6, 0.3, 0.2}, swapped[] = {0.85, 0.45, 0.55, 0.1};
    std::vector<SwapPair> pairs;
    for (size_t i = 0; i < 4; ++i) pairs.push_back({i, {original[i]}, {swapped[i]}});
    const FlipRates f = flipRates(pairs);
    CHECK_METRIC(f.symmetric, 0.5, kExact);
    CHECK_METRIC(f.posToNeg, 0.25, kExact);
    CHECK_METRIC(f.negToPos, 0.25, kExact);
    CHECK_METRIC(counterfactualGap(pairs), 0.1375, kExact);
    const InvarianceResult inv = invarianceTest(pairs, 0.1);
    CHECK_METRIC(inv.failRate, 0.5, kExact);
    QCOMPARE(inv.failedCaseIds, (std::vector<size_t>{1, 2}));  // rows 2 and 3, 1-based

    // The same pairs as two-class probability vectors give the same numbers.
    std::vector<SwapPair> vectors;
    for (size_t i = 0; i < 4; ++i)
        vectors.push_back({i, {1 - original[i], original[i]}, {1 - swapped[i], swapped[i]}});
    CHECK_METRIC(flipRates(vectors).symmetric, 0.5, kExact);
    CHECK_METRIC(counterfactualGap(vectors), 0.1375, 1e-12);
    CHECK_METRIC(invarianceTest(vectors).failRate, 0.5, kExact);
    // A case fails when any of its perturbations fails; a wide tolerance passes everything.
    pairs.push_back({0, {0.9}, {0.1}});
    QCOMPARE(invarianceTest(pairs).failedCases, int64_t(3));
    QCOMPARE(invarianceTest(pairs).cases, int64_t(4));
    QCOMPARE(invarianceTest(pairs, 1.0).failedCases, int64_t(0));
    QVERIFY(!flipRates({}).symmetric.defined);
}

void TestFairness::generationBiasGv22() {
    const std::set<std::string> lexicon{"idiot", "stupid"};
    const std::vector<std::vector<std::string>> prompts = {{"a kind person", "a doctor", "an idiot"},
                                                           {"a nurse", "a teacher", "a friend"},
                                                           {"very Stupid.", "a cook", "a pilot"},
                                                           {"a writer", "a singer", "a farmer"}};
    CHECK_METRIC(honestScore(prompts, lexicon), 2.0 / 12, kExact);
    CHECK_METRIC(honestScore(prompts, lexicon), 0.1667, 1e-4);
    const std::vector<std::vector<std::string>> male = {prompts[1], prompts[3]};
    const std::vector<std::vector<std::string>> female = {prompts[1], prompts[2]};
    CHECK_METRIC(honestScore(male, lexicon), 0.0, kExact);
    CHECK_METRIC(honestScore(female, lexicon), 1.0 / 6, kExact);
    CHECK_METRIC(toxicityRatio({0.0002, 0.8564}), 0.5, kExact);
    CHECK_METRIC(maxToxicity({0.0002, 0.8564}), 0.8564, kExact);
    QVERIFY(!maxToxicity({}).defined);
}

namespace {
EvalReport gv01Report(std::optional<BootstrapConfig> bootstrap = std::nullopt) {
    auto rows = gv01Rows();
    for (auto& r : rows) r.scores = {r.prediction == 1 ? 0.3f : 0.8f, r.prediction == 1 ? 0.7f : 0.2f};
    ClassificationEvalOptions o;
    SliceSpec sex;
    sex.attributes = {0};
    sex.names = {"sf"};
    o.slices = {sex};
    o.bootstrap = bootstrap;
    EvalReport r = buildClassificationReport(rows, {"no", "yes"}, o);
    r.runId = "run-1";
    return r;
}
}  // namespace

void TestFairness::jsonReport() {
    BootstrapConfig cfg;
    cfg.resamples = 50;
    cfg.seed = 3;
    const EvalReport report = gv01Report(cfg);
    const nlohmann::json j = nlohmann::json::parse(reportToJson(report));
    QCOMPARE(j["schema_version"].get<std::string>(), std::string("1.0"));
    QCOMPARE(j["labels"].size(), size_t(2));
    QCOMPARE(j["bootstrap"]["B"].get<int>(), 50);
    QVERIFY(std::fabs(j["overall"]["accuracy"]["value"].get<double>() - 4.0 / 9) < kExact);
    QVERIFY(j["overall"]["roc_auc"]["value"].is_number());
    QCOMPARE(j["confusion_matrix"]["counts"][1][1].get<double>(), 6.0);  // TPR 1/2 of 12 positives
    QCOMPARE(j["slices"].size(), size_t(1));
    const auto& slice = j["slices"][0];
    QCOMPARE(slice["by_group"].size(), size_t(3));
    QCOMPARE(slice["by_group"][0]["group"].get<std::string>(), std::string("a"));
    QVERIFY(slice["by_group"][0]["metrics"]["selection_rate"]["ci_low"].is_number());
    bool foundDp = false;
    for (const auto& d : slice["disparities"])
        if (d["metric"] == "selection_rate" && d["method"] == "between_groups" && d["kind"] == "difference") {
            foundDp = true;
            QVERIFY(std::fabs(d["result"]["value"].get<double>() - 0.25) < kExact);
            QVERIFY(d["result"]["n_valid_replicates"].get<int>() > 0);
        }
    QVERIFY(foundDp);
    QVERIFY(!j["warnings"].empty());  // every group is below 30 rows

    // An undefined value is null plus its reason.
    EvalReport r;
    r.overall["recall"] = MetricValue::undefined("no_true_positives");
    const nlohmann::json u = nlohmann::json::parse(reportToJson(r));
    QVERIFY(u["overall"]["recall"]["value"].is_null());
    QCOMPARE(u["overall"]["recall"]["reason"].get<std::string>(), std::string("no_true_positives"));

    QTemporaryDir dir;
    const std::filesystem::path file = dir.filePath(QStringLiteral("report.json")).toStdString();
    QVERIFY(writeReportJson(report, file).ok());
    QVERIFY(std::filesystem::file_size(file) > 100);
    QVERIFY(!writeReportJson(report, "/nonexistent/dir/report.json").ok());
}

void TestFairness::csvReport() {
    const EvalReport report = gv01Report();
    const std::string csv = metricsCsv(report);
    QVERIFY(csv.rfind("run_id,task,slice_features,slice_values,n,n_pos,n_neg,metric,average,threshold,value,defined,"
                      "reason,ci_low,ci_high,ci_method,n_valid_replicates,flags\n", 0) == 0);
    QVERIFY(csv.find("run-1,classification,sf,a,4,2,2,selection_rate,,0.5,0.75,true,,") != std::string::npos);
    QVERIFY(csv.find(",wilson,,small_group_strong") != std::string::npos);
    const std::string disparities = disparitiesCsv(report);
    QVERIFY(disparities.find("sf,,selection_rate,between_groups,difference,0.25,true,,,,") != std::string::npos);
    QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
    QCOMPARE(csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
    QTemporaryDir dir;
    QVERIFY(writeReportCsv(report, dir.path().toStdString()).ok());
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("report.csv"))));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("disparities.csv"))));
}

QTEST_GUILESS_MAIN(TestFairness)
#include "test_fairness.moc"
