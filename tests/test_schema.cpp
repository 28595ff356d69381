// Schema inference, column-role guesses and the mapping to a classification dataset.
#include "core/data/classification_data.h"
#include "core/data/schema.h"

#include <QtTest/QtTest>

using namespace ft::data;
using ft::Result;

namespace {

Table makeTable(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows) {
    Table t;
    t.columns = std::move(columns);
    t.rows = std::move(rows);
    for (size_t i = 0; i < t.rows.size(); ++i) t.sourceLines.push_back(int64_t(i) + 2);
    t.source = "mem.csv";
    return t;
}

Table reviews() {
    return makeTable({"id", "review", "sentiment", "score", "gender", "verified", "note"},
                     {{"1", "A long and thoughtful review of the film.", "pos", "0.9", "f", "true", "x"},
                      {"2", "Terrible, would not watch again at all.", "neg", "0.1", "m", "false", ""},
                      {"3", "It was fine, nothing special to report here.", "neu", "0.5", "f", "yes", "y"},
                      {"4", "Great acting and a wonderful soundtrack too.", "pos", "1e-1", "m", "no", "x"},
                      {"5", "Boring plot with far too many long scenes.", "neg", "0.3", "", "true", "y"},
                      {"6", "Loved every single minute of this movie!", "pos", "0.8", "f", "false", "x"}});
}

}  // namespace

class TestSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void columnTypes_data();
    void columnTypes();
    void candidates();
    void labelGuessWithoutConventionalName();
    void mapsToClassification();
    void numericLabelsSortNumerically();
    void missingLabelsAreReported();
    void textPairColumn();
    void unknownColumnsAreNamed();
};

void TestSchema::columnTypes_data() {
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("type");
    QTest::addColumn<qint64>("distinct");
    QTest::addColumn<qint64>("missing");
    QTest::newRow("id") << "id" << "integer" << qint64(6) << qint64(0);
    QTest::newRow("review") << "review" << "text" << qint64(6) << qint64(0);
    QTest::newRow("sentiment") << "sentiment" << "categorical" << qint64(3) << qint64(0);
    QTest::newRow("score") << "score" << "number" << qint64(6) << qint64(0);
    QTest::newRow("gender") << "gender" << "categorical" << qint64(2) << qint64(1);
    QTest::newRow("verified") << "verified" << "boolean" << qint64(4) << qint64(0);
    QTest::newRow("note") << "note" << "categorical" << qint64(2) << qint64(1);
}

void TestSchema::columnTypes() {
    QFETCH(QString, column);
    QFETCH(QString, type);
    QFETCH(qint64, distinct);
    QFETCH(qint64, missing);
    const Table t = reviews();
    const Schema s = inferSchema(t);
    const ColumnInfo& c = s.columns[size_t(t.columnIndex(column.toStdString()))];
    QCOMPARE(QString::fromLatin1(columnTypeName(c.type)), type);
    QCOMPARE(qint64(c.distinct), distinct);
    QCOMPARE(qint64(c.missing), missing);
}

void TestSchema::candidates() {
    const Table t = reviews();
    const Schema s = inferSchema(t);
    QCOMPARE(s.textColumn, t.columnIndex("review"));
    QCOMPARE(s.labelColumn, t.columnIndex("sentiment"));
    QCOMPARE(s.groupColumns, std::vector<int>{t.columnIndex("gender")});
    QVERIFY(std::fabs(s.columns[1].meanLength - 41.5) < 2.0);
    QCOMPARE(s.columns[3].meanLength, (3 + 3 + 3 + 4 + 3 + 3) / 6.0);
}

void TestSchema::labelGuessWithoutConventionalName() {
    const Table t = makeTable({"body", "topic", "dialect"}, {{"some text that is long enough", "sports", "aae"},
                                                             {"other text that is also long", "politics", "sae"},
                                                             {"a third text that is long too", "sports", "sae"},
                                                             {"and a fourth one for the table", "politics", "aae"}});
    const Schema s = inferSchema(t);
    QCOMPARE(s.textColumn, 0);
    QCOMPARE(s.labelColumn, 1);  // "dialect" looks like a sensitive attribute, not a label
    QCOMPARE(s.groupColumns, std::vector<int>{2});
    const Schema empty = inferSchema(Table{});
    QCOMPARE(empty.textColumn, -1);
    QCOMPARE(empty.labelColumn, -1);
}

void TestSchema::mapsToClassification() {
    const Result<ClassificationData> d = makeClassificationData(reviews(), "review", "sentiment");
    QVERIFY(d.ok());
    QCOMPARE(d->labelNames, (std::vector<std::string>{"neg", "neu", "pos"}));
    QCOMPARE(d->labels, (std::vector<int64_t>{2, 0, 1, 2, 0, 2}));
    QCOMPARE(d->texts.size(), size_t(6));
    QCOMPARE(d->texts[1], std::string("Terrible, would not watch again at all."));
    QVERIFY(d->textPairs.empty());
    QCOMPARE(d->missingLabelCount, int64_t(0));
}

void TestSchema::numericLabelsSortNumerically() {
    const Table t = makeTable({"text", "label"}, {{"a", "10"}, {"b", "2"}, {"c", "-1"}, {"d", "2"}, {"e", "1.5"}});
    const Result<ClassificationData> d = makeClassificationData(t, "text", "label");
    QVERIFY(d.ok());
    QCOMPARE(d->labelNames, (std::vector<std::string>{"-1", "1.5", "2", "10"}));
    QCOMPARE(d->labels, (std::vector<int64_t>{3, 2, 0, 2, 1}));
    const Table words = makeTable({"text", "label"}, {{"a", "b10"}, {"b", "b2"}, {"c", "a"}});
    QCOMPARE(makeClassificationData(words, "text", "label")->labelNames, (std::vector<std::string>{"a", "b10", "b2"}));
}

void TestSchema::missingLabelsAreReported() {
    const Table t = makeTable({"text", "label"}, {{"a", "x"}, {"b", ""}, {"c", "  "}, {"d", "y"}});
    const Result<ClassificationData> d = makeClassificationData(t, "text", "label");
    QVERIFY(d.ok());
    QCOMPARE(d->missingLabelCount, int64_t(2));
    QCOMPARE(d->missingLabelLines, (std::vector<int64_t>{3, 4}));
    QCOMPARE(d->texts, (std::vector<std::string>{"a", "d"}));
    QCOMPARE(d->tableRows, (std::vector<size_t>{0, 3}));
}

void TestSchema::textPairColumn() {
    const Table t = makeTable({"premise", "hypothesis", "label"}, {{"p1", "h1", "entailment"}, {"p2", "h2", "neutral"}});
    const Result<ClassificationData> d = makeClassificationData(t, "premise", "label", std::string("hypothesis"));
    QVERIFY(d.ok());
    QCOMPARE(d->textPairs, (std::vector<std::string>{"h1", "h2"}));
}

void TestSchema::unknownColumnsAreNamed() {
    const Table t = reviews();
    const auto noText = makeClassificationData(t, "body", "sentiment");
    QVERIFY(!noText.ok());
    QCOMPARE(noText.error().code, std::string("data.unknown_column"));
    QCOMPARE(noText.error().field, std::string("body"));
    QVERIFY(noText.error().message.find("body") != std::string::npos);
    QCOMPARE(makeClassificationData(t, "review", "stars").error().field, std::string("stars"));
    QCOMPARE(makeClassificationData(t, "review", "sentiment", std::string("pair")).error().field, std::string("pair"));
}

QTEST_GUILESS_MAIN(TestSchema)
#include "test_schema.moc"
