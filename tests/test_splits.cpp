// Seeded stratified splits and k-shot sampling.
#include "core/data/splits.h"

#include <QtTest/QtTest>

#include <set>

using namespace ft::data;
using ft::Result;

namespace {

std::vector<int64_t> imbalancedLabels() {
    std::vector<int64_t> labels;
    for (int i = 0; i < 1000; ++i) labels.push_back(i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2);  // 600 / 300 / 100
    return labels;
}

int64_t countLabel(const std::vector<size_t>& idx, const std::vector<int64_t>& labels, int64_t label) {
    return std::count_if(idx.begin(), idx.end(), [&](size_t i) { return labels[i] == label; });
}

}  // namespace

class TestSplits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stratificationProportions_data();
    void stratificationProportions();
    void deterministicForASeed();
    void noOverlapAndFullCoverage();
    void invalidFractions();
    void kShot();
    void rngIsTheStandardEngine();
    void shuffleIsAPermutation();
};

void TestSplits::stratificationProportions_data() {
    QTest::addColumn<double>("train");
    QTest::addColumn<double>("validation");
    QTest::addColumn<double>("test");
    QTest::newRow("80/10/10") << 0.8 << 0.1 << 0.1;
    QTest::newRow("70/15/15") << 0.7 << 0.15 << 0.15;
    QTest::newRow("90/10/0") << 0.9 << 0.1 << 0.0;
}

void TestSplits::stratificationProportions() {
    QFETCH(double, train);
    QFETCH(double, validation);
    QFETCH(double, test);
    const auto labels = imbalancedLabels();
    const Result<Split> s = stratifiedSplit(labels, {train, validation, test}, 42);
    QVERIFY(s.ok());
    const int64_t sizes[3] = {600, 300, 100};
    for (int64_t c = 0; c < 3; ++c) {
        const int64_t nVal = std::llround(sizes[c] * validation);
        const int64_t nTest = std::llround(sizes[c] * test);
        QCOMPARE(countLabel(s->validation, labels, c), nVal);
        QCOMPARE(countLabel(s->test, labels, c), nTest);
        QCOMPARE(countLabel(s->train, labels, c), sizes[c] - nVal - nTest);
    }
}

void TestSplits::deterministicForASeed() {
    const auto labels = imbalancedLabels();
    const Split a = *stratifiedSplit(labels, {}, 7);
    const Split b = *stratifiedSplit(labels, {}, 7);
    const Split c = *stratifiedSplit(labels, {}, 8);
    QCOMPARE(a.train, b.train);
    QCOMPARE(a.validation, b.validation);
    QCOMPARE(a.test, b.test);
    QVERIFY(a.validation != c.validation);
    QVERIFY(std::is_sorted(a.train.begin(), a.train.end()));
}

void TestSplits::noOverlapAndFullCoverage() {
    std::vector<int64_t> labels = imbalancedLabels();
    labels[5] = -1;  // unlabeled rows are left out
    const Split s = *stratifiedSplit(labels, {0.6, 0.2, 0.2}, 1);
    std::set<size_t> all;
    for (const auto* part : {&s.train, &s.validation, &s.test})
        for (size_t i : *part) QVERIFY(all.insert(i).second);
    QCOMPARE(all.size(), size_t(999));
    QVERIFY(!all.count(5));
    const Split r = *randomSplit(10, {0.5, 0.3, 0.2}, 3);
    QCOMPARE(r.train.size(), size_t(5));
    QCOMPARE(r.validation.size(), size_t(3));
    QCOMPARE(r.test.size(), size_t(2));
    // A class of one example cannot be split: it goes to train.
    const Split tiny = *stratifiedSplit({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, {0.8, 0.1, 0.1}, 0);
    QCOMPARE(tiny.train.back(), size_t(10));
}

void TestSplits::invalidFractions() {
    const auto bad = stratifiedSplit({0, 1}, {0.8, 0.3, 0.1}, 0);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, std::string("data.invalid_split"));
    QCOMPARE(stratifiedSplit({0, 1}, {1.2, -0.1, -0.1}, 0).error().code, std::string("data.invalid_split"));
}

void TestSplits::kShot() {
    const auto labels = imbalancedLabels();
    const KShot k = kShotPerClass(labels, 150, 9);
    QCOMPARE(countLabel(k.indices, labels, 0), int64_t(150));
    QCOMPARE(countLabel(k.indices, labels, 1), int64_t(150));
    QCOMPARE(countLabel(k.indices, labels, 2), int64_t(100));
    QCOMPARE(k.shortClasses, std::vector<int64_t>{2});
    QCOMPARE(kShotPerClass(labels, 150, 9).indices, k.indices);
    QVERIFY(kShotPerClass(labels, 150, 10).indices != k.indices);
    QVERIFY(std::set<size_t>(k.indices.begin(), k.indices.end()).size() == k.indices.size());
}

void TestSplits::rngIsTheStandardEngine() {
    // The C++ standard fixes this value ([rand.predef]), so splits are portable.
    std::mt19937_64 rng;
    rng.discard(9999);
    QCOMPARE(rng(), uint64_t(9981545732273789042ULL));
    std::mt19937_64 r2(5);
    for (int i = 0; i < 1000; ++i) QVERIFY(boundedRandom(r2, 7) < 7);
    QCOMPARE(boundedRandom(r2, 1), uint64_t(0));
}

void TestSplits::shuffleIsAPermutation() {
    std::vector<size_t> v(100);
    for (size_t i = 0; i < v.size(); ++i) v[i] = i;
    std::mt19937_64 rng(3);
    deterministicShuffle(v, rng);
    QVERIFY(!std::is_sorted(v.begin(), v.end()));
    std::vector<size_t> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size(); ++i) QCOMPARE(sorted[i], i);
}

QTEST_GUILESS_MAIN(TestSplits)
#include "test_splits.moc"
