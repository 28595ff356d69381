// A planted bias: labels are far noisier for one group than for the other, the predictions follow
// the clean signal. The slice report must single that group out with its lower accuracy, with a
// bootstrap interval that excludes the other group's value and a difference whose interval excludes 0.

#include <QtTest>

#include <random>

#include "core/eval/summary.h"

using namespace ft;

class TestPlantedBias : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noisierGroupIsFlaggedWithSeparatedIntervals() {
        std::mt19937_64 rng(7);
        std::bernoulli_distribution coin(0.5), noisyA(0.03), noisyB(0.25);
        std::vector<eval::Row> rows;
        for (int i = 0; i < 1200; ++i) {
            const bool groupB = i % 3 == 0;   // 400 rows in b, 800 in a
            const int clean = coin(rng) ? 1 : 0;
            const bool flip = groupB ? noisyB(rng) : noisyA(rng);
            eval::Row r;
            r.prediction = clean;                 // the model learnt the signal...
            r.label = flip ? 1 - clean : clean;   // ...but b's labels are noisy
            r.scores = {clean ? 0.2f : 0.8f, clean ? 0.8f : 0.2f};
            r.groups = {groupB ? "b" : "a"};
            rows.push_back(std::move(r));
        }
        eval::ClassificationEvalOptions options;
        options.fairness.numClasses = 2;
        eval::SliceSpec spec;
        spec.attributes = {0};
        spec.names = {"group"};
        options.slices = {spec};
        eval::BootstrapConfig bootstrap;
        bootstrap.seed = 11;
        options.bootstrap = bootstrap;
        const eval::EvalReport report = eval::buildClassificationReport(rows, {"neg", "pos"}, options);

        QCOMPARE(report.slices.size(), size_t(1));
        const eval::SliceResult& slice = report.slices[0].slice;
        const eval::GroupResult* a = slice.find("a");
        const eval::GroupResult* b = slice.find("b");
        QVERIFY(a && b);
        const eval::MetricValue& accA = a->metrics.at("accuracy");
        const eval::MetricValue& accB = b->metrics.at("accuracy");
        QVERIFY2(accB.value < accA.value - 0.15, qPrintable(QStringLiteral("a %1, b %2").arg(accA.value).arg(accB.value)));
        QVERIFY(std::isfinite(accB.ciLow) && std::isfinite(accB.ciHigh));
        QVERIFY2(accB.ciHigh < accA.value, "b's interval must exclude a's accuracy");
        QVERIFY2(accA.ciLow > accB.value, "a's interval must exclude b's accuracy");

        bool found = false;
        for (const eval::Aggregate& d : report.slices[0].disparities) {
            if (d.metric != "accuracy" || d.method != "between_groups" || d.kind != "difference") continue;
            found = true;
            QCOMPARE(d.minGroup, std::string("b"));
            QVERIFY(d.value.value > 0.15);
            QVERIFY2(d.value.ciLow > 0, "the difference's interval must exclude 0");
        }
        QVERIFY(found);

        // Reproducible: the same seed gives the same intervals.
        const eval::EvalReport again = eval::buildClassificationReport(rows, {"neg", "pos"}, options);
        QCOMPARE(again.slices[0].slice.find("b")->metrics.at("accuracy").ciLow, accB.ciLow);
    }
};

QTEST_GUILESS_MAIN(TestPlantedBias)
#include "test_planted_bias.moc"
