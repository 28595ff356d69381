// Dataset statistics, duplicate / leakage detection and cleaning steps.
#include "core/data/cleaning.h"
#include "core/data/stats.h"
#include "core/data/text_key.h"

#include <QtTest/QtTest>

#include <cctype>

using namespace ft::data;
using ft::Result;

class TestStats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void classBalanceCounts();
    void lengthStatsInCodePoints();
    void lengthStatsWithTokenCounter();
    void normalizedKey_data();
    void normalizedKey();
    void duplicates();
    void leakage();
    void computeStatsBundle();
    void cleaningSteps();
    void cleaningUnknownColumn();
};

void TestStats::classBalanceCounts() {
    const ClassBalance b = classBalance({0, 1, 1, 1, 2, 1}, {"neg", "pos", "neu", "unused"});
    QCOMPARE(b.counts, (std::vector<int64_t>{1, 4, 1, 0}));
    QCOMPARE(b.fractions[1], 4.0 / 6);
    QCOMPARE(b.fractions[3], 0.0);
    QCOMPARE(b.imbalanceRatio, 4.0);
    QCOMPARE(classBalance({}, {"a"}).imbalanceRatio, 0.0);
}

void TestStats::lengthStatsInCodePoints() {
    const LengthStats s = lengthStats({"h\xC3\xA9llo", "", "abc", "0123456789", "\xE2\x82\xAC"});
    QCOMPARE(s.count, int64_t(5));
    QCOMPARE(s.min, int64_t(0));
    QCOMPARE(s.max, int64_t(10));
    QCOMPARE(s.mean, (5 + 0 + 3 + 10 + 1) / 5.0);
    QCOMPARE(s.median, 3.0);
    QCOMPARE(s.p95, 10.0);
    const LengthStats even = lengthStats({"a", "abc", "abcd", "abcdefgh"});
    QCOMPARE(even.median, 3.5);
    QCOMPARE(lengthStats({}).count, int64_t(0));
}

void TestStats::lengthStatsWithTokenCounter() {
    const TokenCounter words = [](std::string_view s) {
        int n = 0;
        bool in = false;
        for (char c : s) {
            if (c != ' ' && !in) ++n;
            in = c != ' ';
        }
        return n;
    };
    const LengthStats s = lengthStats({"one two three", "four", "five six"}, words);
    QCOMPARE(s.min, int64_t(1));
    QCOMPARE(s.max, int64_t(3));
    QCOMPARE(s.mean, 2.0);
}

void TestStats::normalizedKey_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("key");
    QTest::newRow("case and punctuation") << "Hello, World!" << "hello world";
    QTest::newRow("whitespace") << "  hello \t\n world  " << "hello world";
    QTest::newRow("only punctuation") << "?!." << "";
    QTest::newRow("non-ASCII kept") << QString::fromUtf8("Caf\xC3\xA9!") << QString::fromUtf8("caf\xC3\xA9");
}

void TestStats::normalizedKey() {
    QFETCH(QString, input);
    QFETCH(QString, key);
    QCOMPARE(QString::fromStdString(ft::data::normalizedKey(input.toStdString())), key);
    // Every ASCII character classed as the "C" locale's isspace / ispunct / tolower class it.
    for (int c = 1; c < 128; ++c) {
        const std::string text = std::string("a") + char(c) + "b";
        std::string expected = "a";
        if (std::isspace(c)) expected += ' ';
        else if (!std::ispunct(c)) expected += char(std::tolower(c));
        expected += 'b';
        QCOMPARE(ft::data::normalizedKey(text), expected);
    }
}

void TestStats::duplicates() {
    const std::vector<std::string> texts = {"Great movie!", "great movie", "Great movie!", "other", "GREAT   movie.",
                                            "other"};
    const DuplicateReport r = findDuplicates(texts, {1, 1, 0, 2, 1, 2});
    QCOMPARE(r.exactGroups, (std::vector<std::vector<size_t>>{{0, 2}, {3, 5}}));
    QCOMPARE(r.exactDuplicateRows, int64_t(2));
    QCOMPARE(r.nearGroups, (std::vector<std::vector<size_t>>{{0, 1, 2, 4}}));
    QCOMPARE(r.nearDuplicateRows, int64_t(4));  // 3 in the "great movie" group, 1 "other"
    QCOMPARE(r.conflictingLabelGroups, int64_t(1));
    QVERIFY(findDuplicates({"a", "b"}).exactGroups.empty());
}

void TestStats::leakage() {
    const LeakageReport r = findOverlap({"The cat sat.", "dogs bark"}, {"the cat sat", "dogs bark", "new"});
    QCOMPARE(r.exactOverlap, std::vector<size_t>{1});
    QCOMPARE(r.nearOverlap, (std::vector<size_t>{0, 1}));
}

void TestStats::computeStatsBundle() {
    ClassificationData d;
    d.texts = {"a", "  ", "a", "bb"};
    d.labels = {0, 1, 0, 1};
    d.labelNames = {"x", "y"};
    d.missingLabelCount = 3;
    const DatasetStats s = computeStats(d, [](std::string_view t) { return int(t.size()) * 2; });
    QCOMPARE(s.examples, int64_t(4));
    QCOMPARE(s.emptyTexts, int64_t(1));
    QCOMPARE(s.missingLabels, int64_t(3));
    QCOMPARE(s.balance.counts, (std::vector<int64_t>{2, 2}));
    QCOMPARE(s.charLengths.max, int64_t(2));
    QCOMPARE(s.tokenLengths.max, int64_t(4));
    QCOMPARE(s.duplicates.exactDuplicateRows, int64_t(1));
    QCOMPARE(computeStats(d).tokenLengths.count, int64_t(0));
}

void TestStats::cleaningSteps() {
    Table t;
    t.columns = {"text", "label"};
    t.rows = {{" Hello ", "1"}, {"hello", "0"}, {"", "1"}, {"Hello!", ""}, {"bye", " 0"}, {"  ", "1"}};
    t.sourceLines = {2, 3, 4, 5, 6, 7};
    QCOMPARE(*trimWhitespace(t, {"text"}), int64_t(2));  // " Hello " and "  "
    QCOMPARE(t.rows[0][0], std::string("Hello"));
    QCOMPARE(t.rows[4][1], std::string(" 0"));           // label column untouched
    QCOMPARE(*trimWhitespace(t), int64_t(1));
    QCOMPARE(*dropEmpty(t, "text"), int64_t(2));
    QCOMPARE(t.sourceLines, (std::vector<int64_t>{2, 3, 5, 6}));
    QCOMPARE(*dropMissingLabel(t, "label"), int64_t(1));
    QCOMPARE(t.sourceLines, (std::vector<int64_t>{2, 3, 6}));
    QCOMPARE(*deduplicate(t, "text"), int64_t(0));
    QCOMPARE(*deduplicate(t, "text", true), int64_t(1));  // "hello" matches "Hello"
    QCOMPARE(t.rows.size(), size_t(2));
    QCOMPARE(t.rows[0][0], std::string("Hello"));
    QCOMPARE(t.rows[1][0], std::string("bye"));
    QCOMPARE(t.sourceLines, (std::vector<int64_t>{2, 6}));
}

void TestStats::cleaningUnknownColumn() {
    Table t;
    t.columns = {"text"};
    t.rows = {{"a"}};
    const auto r = dropEmpty(t, "label");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, std::string("data.unknown_column"));
    QCOMPARE(r.error().field, std::string("label"));
    QCOMPARE(trimWhitespace(t, {"nope"}).error().code, std::string("data.unknown_column"));
    QCOMPARE(deduplicate(t, "nope").error().code, std::string("data.unknown_column"));
    QCOMPARE(t.rows.size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestStats)
#include "test_stats.moc"
