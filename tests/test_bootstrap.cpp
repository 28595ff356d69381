// Intervals and the bootstrap procedure (reference/fairness-eval.md GV-17, GV-18, GV-19).
#include "core/eval/bootstrap.h"
#include "core/eval/intervals.h"
#include "core/eval/metrics.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace ft::eval;

namespace {

std::vector<Row> makeRows(const std::vector<int>& yTrue, const std::vector<int>& yPred, const std::string& groups) {
    std::vector<Row> rows;
    for (size_t i = 0; i < yTrue.size(); ++i) {
        Row r;
        r.label = yTrue[i];
        r.prediction = yPred[i];
        r.groups = {std::string(1, groups[i])};
        rows.push_back(r);
    }
    return rows;
}

SliceSpec oneAttribute() {
    SliceSpec s;
    s.attributes = {0};
    s.names = {"sf"};
    return s;
}

}  // namespace

class TestBootstrap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wilsonGv17_data();
    void wilsonGv17();
    void quantileGv18_data();
    void quantileGv18();
    void quantileIgnoresNaN();
    void replicatesAreExactGv18();
    void countIntervalGv18();
    void pointValuesGv19();
    void indicesAreSeededAndInRange();
    void sliceIntervalsBracketTheEstimate();
};

void TestBootstrap::wilsonGv17_data() {
    QTest::addColumn<double>("k");
    QTest::addColumn<double>("n");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::newRow("7 of 50") << 7.0 << 50.0 << 0.069508 << 0.261862;
    QTest::newRow("0 of 5") << 0.0 << 5.0 << 0.0 << 0.434482;
    QTest::newRow("5 of 5") << 5.0 << 5.0 << 0.565518 << 1.0;
}

void TestBootstrap::wilsonGv17() {
    QFETCH(double, k);
    QFETCH(double, n);
    QFETCH(double, low);
    QFETCH(double, high);
    const auto [lo, hi] = wilsonInterval(k, n);
    QVERIFY2(std::fabs(lo - low) < 1e-6, qPrintable(QString::number(lo, 'g', 12)));
    QVERIFY2(std::fabs(hi - high) < 1e-6, qPrintable(QString::number(hi, 'g', 12)));
    const auto none = wilsonInterval(0, 0);
    QVERIFY(std::isnan(none.first) && std::isnan(none.second));
}

void TestBootstrap::quantileGv18_data() {
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    QTest::newRow("0.025") << 0.025 << 0.215;
    QTest::newRow("0.5") << 0.5 << 0.45;
    QTest::newRow("0.975") << 0.975 << 0.87;
    QTest::newRow("0") << 0.0 << 0.2;
    QTest::newRow("1") << 1.0 << 0.9;
}

void TestBootstrap::quantileGv18() {
    QFETCH(double, q);
    QFETCH(double, expected);
    QVERIFY(std::fabs(quantileLinear({0.5, 0.2, 0.9, 0.4}, q) - expected) < 1e-12);
}

void TestBootstrap::quantileIgnoresNaN() {
    QVERIFY(std::fabs(quantileLinear({0.5, kNaN, 0.2, 0.9, kNaN, 0.4}, 0.5) - 0.45) < 1e-12);
    QVERIFY(std::isnan(quantileLinear({kNaN}, 0.5)));
    QVERIFY(std::isnan(quantileLinear({}, 0.5)));
}

void TestBootstrap::replicatesAreExactGv18() {
    // A fixed index matrix: each replicate's statistic must be the metric of exactly those rows.
    const auto rows = makeRows({1, 0, 1, 0}, {1, 0, 0, 1}, "aabb");
    const std::vector<std::vector<size_t>> replicates = {{0, 0, 0, 0}, {0, 1, 2, 3}, {2, 3, 2, 3}, {0, 1, 1, 2}};
    // The statistic runs on several threads at once, so it only reads shared state.
    const auto accuracyOf = [&](const std::vector<size_t>& idx) {
        return std::vector<double>{accuracy(confusionMatrix(rows, idx, 2)).value, kNaN};
    };
    std::vector<double> seen;
    for (const auto& rep : replicates) seen.push_back(accuracyOf(rep)[0]);
    QCOMPARE(seen, (std::vector<double>{1.0, 0.5, 0.0, 0.75}));
    const std::vector<Interval> ci = percentileIntervals(replicates, accuracyOf, 0.95);
    QCOMPARE(ci.size(), size_t(2));
    QVERIFY(std::fabs(ci[0].low - quantileLinear(seen, 0.025)) < 1e-15);
    QVERIFY(std::fabs(ci[0].high - quantileLinear(seen, 0.975)) < 1e-15);
    QCOMPARE(ci[0].validReplicates, 4);
    QCOMPARE(ci[1].validReplicates, 0);
    QVERIFY(std::isnan(ci[1].low));
}

void TestBootstrap::countIntervalGv18() {
    const auto rows = makeRows({0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1},
                               {0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0}, "bbabbcccaacabccbcc");
    FairnessOptions o;
    SliceResult s = evaluateSlices(rows, oneAttribute(), o);
    std::vector<Aggregate> disparities = standardDisparities(s);
    BootstrapConfig cfg;
    cfg.resamples = 200;
    cfg.seed = 7;
    bootstrapSlices(rows, oneAttribute(), o, cfg, s, disparities);
    const MetricValue& count = s.overall.metrics.at("count");
    QCOMPARE(count.ciLow, 18.0);
    QCOMPARE(count.ciHigh, 18.0);
    QCOMPARE(count.nValidReplicates, 200);
    const MetricValue& groupCount = s.find("c")->metrics.at("count");
    QVERIFY(groupCount.ciLow < groupCount.ciHigh);  // group sizes vary across replicates
}

void TestBootstrap::pointValuesGv19() {
    const auto rows = makeRows({0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1},
                               {0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0}, "bbabbaaabababbabbb");
    const SliceResult s = evaluateSlices(rows, oneAttribute(), {});
    QVERIFY(std::fabs(s.overall.metrics.at("selection_rate").value - 5.0 / 9) < 1e-12);
    QCOMPARE(s.overall.count, int64_t(18));
    QVERIFY(std::fabs(s.find("a")->metrics.at("selection_rate").value - 5.0 / 7) < 1e-12);
    QVERIFY(std::fabs(s.find("a")->metrics.at("selection_rate").value - 0.714286) < 1e-6);
    QCOMPARE(s.find("a")->count, int64_t(7));
    QVERIFY(std::fabs(s.find("b")->metrics.at("selection_rate").value - 5.0 / 11) < 1e-12);
    QVERIFY(std::fabs(s.find("b")->metrics.at("selection_rate").value - 0.454545) < 1e-6);
    QCOMPARE(s.find("b")->count, int64_t(11));
}

void TestBootstrap::indicesAreSeededAndInRange() {
    const auto a = bootstrapIndices(37, 50, 123);
    const auto b = bootstrapIndices(37, 50, 123);
    const auto c = bootstrapIndices(37, 50, 124);
    QCOMPARE(a.size(), size_t(50));
    QVERIFY(a == b);
    QVERIFY(a != c);
    std::vector<int> hits(37, 0);
    for (const auto& rep : a) {
        QCOMPARE(rep.size(), size_t(37));
        for (size_t i : rep) {
            QVERIFY(i < 37);
            ++hits[i];
        }
    }
    // 1850 draws over 37 rows: every row is drawn (P(miss) ~ 1e-21 per row).
    for (int h : hits) QVERIFY(h > 0);
    QVERIFY(bootstrapIndices(0, 3, 1)[0].empty());
}

void TestBootstrap::sliceIntervalsBracketTheEstimate() {
    std::vector<int> y, p;
    std::string g;
    for (int i = 0; i < 200; ++i) {
        y.push_back(i % 2);
        p.push_back((i % 3) == 0 ? 1 - i % 2 : i % 2);
        g += (i % 4 == 0) ? 'x' : 'y';
    }
    const auto rows = makeRows(y, p, g);
    FairnessOptions o;
    SliceResult s = evaluateSlices(rows, oneAttribute(), o);
    std::vector<Aggregate> disparities = {demographicParityDifference(s), equalizedOddsDifference(s)};
    BootstrapConfig cfg;
    cfg.resamples = 300;
    cfg.seed = 2026;
    SliceResult again = s;
    std::vector<Aggregate> disparitiesAgain = disparities;
    bootstrapSlices(rows, oneAttribute(), o, cfg, s, disparities);
    bootstrapSlices(rows, oneAttribute(), o, cfg, again, disparitiesAgain);
    const MetricValue& acc = s.overall.metrics.at("accuracy");
    QVERIFY(acc.ciLow <= acc.value && acc.value <= acc.ciHigh);
    QVERIFY(acc.ciHigh - acc.ciLow < 0.2);
    QCOMPARE(acc.nValidReplicates, 300);
    QCOMPARE(acc.ciMethod, std::string("percentile_bootstrap"));
    for (const Aggregate& d : disparities) {
        QVERIFY(d.value.nValidReplicates > 0);
        QVERIFY(d.value.ciLow <= d.value.ciHigh);
    }
    // Same seed, same intervals.
    QCOMPARE(again.overall.metrics.at("accuracy").ciLow, acc.ciLow);
    QCOMPARE(disparitiesAgain[0].value.ciHigh, disparities[0].value.ciHigh);
}

QTEST_GUILESS_MAIN(TestBootstrap)
#include "test_bootstrap.moc"
