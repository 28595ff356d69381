// JSON Lines, JSON arrays and plain text files.
#include "core/data/flat_json.h"
#include "core/data/reader.h"

#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

using namespace ft::data;
using ft::Result;

namespace {

std::filesystem::path writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write fixture");
    f.write(bytes);
    return std::filesystem::path(path.toStdString());
}

QList<QStringList> rowsOf(const Table& t) {
    QList<QStringList> out;
    for (const auto& row : t.rows) {
        QStringList r;
        for (const auto& cell : row) r << QString::fromStdString(cell);
        out << r;
    }
    return out;
}

QStringList columnsOf(const Table& t) {
    QStringList out;
    for (const auto& c : t.columns) out << QString::fromStdString(c);
    return out;
}

}  // namespace

class TestJsonlReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void errors_data();
    void errors();
    void jsonErrorColumnCountsCharacters();
    void jsonLinesPreviewStopsEarly();
    void flatFastPathAgreesWithNlohmann_data();
    void flatFastPathAgreesWithNlohmann();
    void invalidJsonNamesLineAndColumn();
    void skipBadRowsLeavesOutBrokenLines();
};

void TestJsonlReader::reads_data() {
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QList<QStringList>>("rows");
    QTest::addColumn<QList<qint64>>("lines");

    QTest::newRow("jsonl scalars and nested")
        << "a.jsonl"
        << QByteArray("{\"text\": \"hi \\\"there\\\"\", \"label\": 1, \"ok\": true}\n"
                      "{\"text\": \"x\", \"label\": null, \"ok\": false, \"meta\": {\"a\": [1, 2]}}\n")
        << QStringList{"text", "label", "ok", "meta"}
        << QList<QStringList>{{"hi \"there\"", "1", "true", ""}, {"x", "", "false", "{\"a\":[1,2]}"}}
        << QList<qint64>{1, 2};
    QTest::newRow("jsonl blank lines and CRLF") << "a.jsonl" << QByteArray("\r\n{\"t\":\"a\"}\r\n\r\n{\"t\":\"b\"}")
                                                << QStringList{"t"} << QList<QStringList>{{"a"}, {"b"}}
                                                << QList<qint64>{2, 4};
    QTest::newRow("jsonl key order and union") << "a.jsonl" << QByteArray("{\"b\":1,\"a\":\"x\"}\n{\"c\":2.5}\n")
                                               << QStringList{"b", "a", "c"}
                                               << QList<QStringList>{{"1", "x", ""}, {"", "", "2.5"}}
                                               << QList<qint64>{1, 2};
    QTest::newRow("jsonl unicode") << "a.jsonl" << QByteArray("{\"t\":\"caf\\u00e9 \xE2\x82\xAC\"}\n")
                                   << QStringList{"t"} << QList<QStringList>{{QString::fromUtf8("caf\xC3\xA9 \xE2\x82\xAC")}}
                                   << QList<qint64>{1};
    QTest::newRow(".json holding lines") << "a.json" << QByteArray("{\"t\":\"a\"}\n{\"t\":\"b\"}\n") << QStringList{"t"}
                                         << QList<QStringList>{{"a"}, {"b"}} << QList<qint64>{1, 2};
    QTest::newRow("json array") << "a.json"
                                << QByteArray("[\n  {\"text\": \"a [x] {y}\", \"label\": 0},\n  {\n    \"text\": \"b\",\n"
                                              "    \"label\": 1\n  }\n]\n")
                                << QStringList{"text", "label"} << QList<QStringList>{{"a [x] {y}", "0"}, {"b", "1"}}
                                << QList<qint64>{2, 3};
    QTest::newRow("json array, unknown extension") << "data.dump" << QByteArray("[{\"t\":\"a\"},{\"t\":\"b\"}]")
                                                   << QStringList{"t"} << QList<QStringList>{{"a"}, {"b"}}
                                                   << QList<qint64>{1, 1};
    QTest::newRow("plain text") << "a.txt" << QByteArray("first example\n\nsecond, with comma\r\nthird")
                                << QStringList{"text"}
                                << QList<QStringList>{{"first example"}, {"second, with comma"}, {"third"}}
                                << QList<qint64>{1, 3, 4};
}

void TestJsonlReader::reads() {
    QFETCH(QString, fileName);
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, columns);
    QFETCH(QList<QStringList>, rows);
    QFETCH(QList<qint64>, lines);
    QTemporaryDir dir;
    const Result<Table> t = readTable(writeFile(dir, fileName, bytes));
    QVERIFY2(t.ok(), t.ok() ? "" : t.error().describe().c_str());
    QCOMPARE(columnsOf(*t), columns);
    QCOMPARE(rowsOf(*t), rows);
    QCOMPARE(QList<qint64>(t->sourceLines.begin(), t->sourceLines.end()), lines);
}

void TestJsonlReader::errors_data() {
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    QTest::addColumn<qint64>("line");
    QTest::newRow("bad jsonl line") << "a.jsonl" << QByteArray("{\"t\":1}\n{\"t\":2}\n{\"t\": oops}\n{\"t\":4}\n")
                                    << "data.invalid_json" << qint64(3);
    QTest::newRow("jsonl line not an object") << "a.jsonl" << QByteArray("{\"t\":1}\n[1,2]\n") << "data.invalid_json"
                                              << qint64(2);
    QTest::newRow("broken json array") << "a.json" << QByteArray("[\n{\"t\": 1},\n{\"t\": }\n]") << "data.invalid_json"
                                       << qint64(3);
    QTest::newRow("json array of numbers") << "a.json" << QByteArray("[1, 2]") << "data.invalid_json" << qint64(-1);
    QTest::newRow("json scalar") << "b.dump" << QByteArray("[") << "data.invalid_json" << qint64(1);
    QTest::newRow("empty jsonl") << "a.jsonl" << QByteArray("\n\n") << "data.empty" << qint64(-1);
    QTest::newRow("empty array") << "a.json" << QByteArray("[]") << "data.empty" << qint64(-1);
    QTest::newRow("bad UTF-8 in jsonl") << "a.jsonl" << QByteArray("{\"t\":\"a\"}\n{\"t\":\"\xFE\"}\n")
                                        << "data.invalid_encoding" << qint64(2);
}

void TestJsonlReader::errors() {
    QFETCH(QString, fileName);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    QFETCH(qint64, line);
    QTemporaryDir dir;
    const auto path = writeFile(dir, fileName, bytes);
    const Result<Table> t = readTable(path);
    QVERIFY(!t.ok());
    QCOMPARE(QString::fromStdString(t.error().code), code);
    if (line >= 0) QCOMPARE(qint64(t.error().line), line);
    QCOMPARE(t.error().file, path.string());
}

// The column of a JSON syntax error counts characters: after "é" (two bytes) it is one less than the byte.
void TestJsonlReader::jsonErrorColumnCountsCharacters() {
    QTemporaryDir dir;
    const auto path = writeFile(dir, QStringLiteral("c.jsonl"), QByteArray("{\"t\": \"caf\xC3\xA9\", oops}\n"));
    const Result<Table> t = readTable(path);
    QVERIFY(!t.ok());
    QCOMPARE(QString::fromStdString(t.error().code), QStringLiteral("data.invalid_json"));
    QCOMPARE(qint64(t.error().line), qint64(1));
    // {"t": "café", oops} — parsing stops at the 'o' of oops: character 15 (byte 16).
    QCOMPARE(qint64(t.error().column), qint64(15));
}

void TestJsonlReader::jsonLinesPreviewStopsEarly() {
    QByteArray bytes;
    for (int i = 0; i < 1000; ++i) bytes += "{\"n\": " + QByteArray::number(i) + "}\n";
    bytes += "not json\n";
    QTemporaryDir dir;
    const auto path = writeFile(dir, "p.jsonl", bytes);
    const Result<Table> preview = previewTable(path, 5);
    QVERIFY(preview.ok());
    QCOMPARE(rowsOf(*preview), (QList<QStringList>{{"0"}, {"1"}, {"2"}, {"3"}, {"4"}}));
    QCOMPARE(readTable(path).error().line, int64_t(1001));
}


void TestJsonlReader::flatFastPathAgreesWithNlohmann_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("fast");  // whether the fast path takes the line (else nlohmann parses it)
    QTest::newRow("strings and literals") << QByteArray(R"({"a": "x", "b": true, "c": false, "d": null})") << true;
    QTest::newRow("integers") << QByteArray(R"({"a": 0, "b": -12, "c": 123456789012345678})") << true;
    QTest::newRow("escapes") << QByteArray(R"({"a": "q\"b\\s\/n\n\r\t\b\f"})") << true;
    QTest::newRow("unicode escapes") << QByteArray(R"({"a": "caf\u00e9 \u20AC \ud83d\ude00"})") << true;
    QTest::newRow("whitespace") << QByteArray(" \t{ \"a\" :\t\"x\" , \"b\":1 }  ") << true;
    QTest::newRow("empty object") << QByteArray("{}") << true;
    QTest::newRow("fraction") << QByteArray(R"({"a": 2.50})") << false;
    QTest::newRow("exponent") << QByteArray(R"({"a": 1e3})") << false;
    QTest::newRow("huge integer") << QByteArray(R"({"a": 1234567890123456789012})") << false;
    QTest::newRow("negative zero") << QByteArray(R"({"a": -0})") << false;
    QTest::newRow("nested") << QByteArray(R"({"a": {"b": [1, 2]}})") << false;
    QTest::newRow("lone surrogate (invalid)") << QByteArray(R"({"a": "\udc00"})") << false;
    QTest::newRow("control character (invalid)") << QByteArray("{\"a\": \"x\ty\"}") << false;
    QTest::newRow("leading zero (invalid)") << QByteArray(R"({"a": 012})") << false;
    QTest::newRow("trailing comma (invalid)") << QByteArray(R"({"a": 1,})") << false;
}

// Every line the fast path takes must read exactly as nlohmann::json reads it (strings verbatim,
// scalars as compact JSON, null as missing); the others still read through nlohmann.
void TestJsonlReader::flatFastPathAgreesWithNlohmann() {
    QFETCH(QByteArray, line);
    QFETCH(bool, fast);
    FlatObject flat;
    QCOMPARE(parseFlatObject(std::string_view(line.constData(), size_t(line.size())), flat), fast);

    const auto doc = nlohmann::ordered_json::parse(line.toStdString(), nullptr, false);
    QTemporaryDir dir;
    const Result<Table> t = readTable(writeFile(dir, "a.jsonl", line + "\n{}\n"));
    if (doc.is_discarded()) {  // invalid JSON: an error either way
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, std::string("data.invalid_json"));
        return;
    }
    QStringList expected;
    for (const auto& [key, value] : doc.items())
        expected << QString::fromStdString(value.is_string() ? value.get<std::string>() : value.is_null() ? "" : value.dump());
    if (fast) {
        QStringList got;
        for (size_t i = 0; i < flat.size; ++i) got << QString::fromStdString(flat.values[i]);
        QCOMPARE(got, expected);
    }
    QVERIFY2(t.ok(), t.ok() ? "" : t.error().describe().c_str());
    if (expected.isEmpty()) QCOMPARE(t->columns.size(), size_t(0));
    else QCOMPARE(rowsOf(*t).front(), expected);
}

void TestJsonlReader::invalidJsonNamesLineAndColumn() {
    QTemporaryDir dir;
    const auto path = writeFile(dir, "a.jsonl", "{\"t\": 1}\n{\"t\": 2, \"u\": ]}\n");
    const Result<Table> t = readTable(path);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().line, int64_t(2));
    QCOMPARE(t.error().column, int64_t(15));
    QVERIFY2(QString::fromStdString(t.error().describe()).contains(QStringLiteral("a.jsonl:2:15: ")), t.error().describe().c_str());
}

void TestJsonlReader::skipBadRowsLeavesOutBrokenLines() {
    QTemporaryDir dir;
    const auto path = writeFile(dir, "a.jsonl", "{\"t\": 1}\n{\"t\": oops}\n[1]\n{\"t\": 4}\n");
    ReadOptions options;
    options.skipBadRows = true;
    const Result<Table> t = readTable(path, options);
    QVERIFY2(t.ok(), t.ok() ? "" : t.error().describe().c_str());
    QCOMPARE(rowsOf(*t), (QList<QStringList>{{"1"}, {"4"}}));
    QCOMPARE(t->skippedRows, int64_t(2));
    QCOMPARE(t->skippedExamples[0].line, int64_t(2));
    QCOMPARE(t->skippedExamples[0].column, int64_t(7));
    QCOMPARE(t->skippedExamples[1].line, int64_t(3));
}

QTEST_GUILESS_MAIN(TestJsonlReader)
#include "test_jsonl_reader.moc"
