// CSV / TSV reading: RFC 4180 cases, encodings, sniffing, errors with lines, streaming.
#include "core/data/reader.h"

#include <QtTest/QtTest>

#include <atomic>
#include <set>

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

QByteArray utf16(const QString& text, bool littleEndian) {
    QByteArray out = littleEndian ? QByteArray("\xFF\xFE", 2) : QByteArray("\xFE\xFF", 2);
    for (QChar c : text) {
        const char lo = char(c.unicode() & 0xFF), hi = char(c.unicode() >> 8);
        out.append(littleEndian ? lo : hi);
        out.append(littleEndian ? hi : lo);
    }
    return out;
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

class TestCsvReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void errors_data();
    void errors();
    void fileNotFound();
    void explicitOptionsOverrideSniffing();
    void previewReadsOnlyTheBeginning();
    void streamReportsProgressAndStops();
    void streamCanBeCancelled();
    void duplicateAndEmptyHeaderNames();
    void garbageNeverCrashes();
    void skipBadRowsCountsAndReports();
};

void TestCsvReader::reads_data() {
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QList<QStringList>>("rows");
    QTest::addColumn<QList<qint64>>("lines");

    const QStringList textLabel{"text", "label"};
    QTest::newRow("plain") << "a.csv" << QByteArray("text,label\nhello,1\nworld,0\n") << "auto" << textLabel
                           << QList<QStringList>{{"hello", "1"}, {"world", "0"}} << QList<qint64>{2, 3};
    QTest::newRow("quotes and doubled quotes")
        << "a.csv" << QByteArray("text,label\n\"a, b\",1\n\"say \"\"hi\"\"\",0\n\"\",2\n") << "auto" << textLabel
        << QList<QStringList>{{"a, b", "1"}, {"say \"hi\"", "0"}, {"", "2"}} << QList<qint64>{2, 3, 4};
    QTest::newRow("embedded newline") << "a.csv" << QByteArray("text,label\n\"line1\nline2\",1\nnext,0\n") << "auto"
                                      << textLabel << QList<QStringList>{{"line1\nline2", "1"}, {"next", "0"}}
                                      << QList<qint64>{2, 4};
    QTest::newRow("CRLF") << "a.csv" << QByteArray("text,label\r\nhello,1\r\n\"x\r\ny\",0\r\nlast,1\r\n") << "auto"
                          << textLabel << QList<QStringList>{{"hello", "1"}, {"x\r\ny", "0"}, {"last", "1"}}
                          << QList<qint64>{2, 3, 5};
    QTest::newRow("CR only") << "a.csv" << QByteArray("text,label\rhello,1\rworld,0") << "auto" << textLabel
                             << QList<QStringList>{{"hello", "1"}, {"world", "0"}} << QList<qint64>{2, 3};
    QTest::newRow("UTF-8 BOM") << "a.csv" << QByteArray("\xEF\xBB\xBFtext,label\nh\xC3\xA9llo,1\n") << "auto"
                               << textLabel << QList<QStringList>{{QString::fromUtf8("h\xC3\xA9llo"), "1"}}
                               << QList<qint64>{2};
    const QString accented = QString::fromUtf8("text,label\n\xC3\xA7\xC3\xA9 \xE2\x82\xAC,1\nb,0\n");
    QTest::newRow("UTF-16 LE BOM") << "a.csv" << utf16(accented, true) << "auto" << textLabel
                                   << QList<QStringList>{{QString::fromUtf8("\xC3\xA7\xC3\xA9 \xE2\x82\xAC"), "1"}, {"b", "0"}}
                                   << QList<qint64>{2, 3};
    QTest::newRow("UTF-16 BE BOM") << "a.csv" << utf16(accented, false) << "auto" << textLabel
                                   << QList<QStringList>{{QString::fromUtf8("\xC3\xA7\xC3\xA9 \xE2\x82\xAC"), "1"}, {"b", "0"}}
                                   << QList<qint64>{2, 3};
    QTest::newRow("Latin-1 on request") << "a.csv" << QByteArray("text,label\ncaf\xE9,1\n") << "latin-1" << textLabel
                                        << QList<QStringList>{{QString::fromUtf8("caf\xC3\xA9"), "1"}}
                                        << QList<qint64>{2};
    QTest::newRow("semicolon sniffed") << "a.csv" << QByteArray("text;label\nhello, world;1\nfoo;0\nbar, baz;1\n")
                                       << "auto" << textLabel
                                       << QList<QStringList>{{"hello, world", "1"}, {"foo", "0"}, {"bar, baz", "1"}}
                                       << QList<qint64>{2, 3, 4};
    QTest::newRow("tab sniffed") << "data.txt.csv" << QByteArray("text\tlabel\nhello, there\t1\nx\t0\n") << "auto"
                                 << textLabel << QList<QStringList>{{"hello, there", "1"}, {"x", "0"}}
                                 << QList<qint64>{2, 3};
    QTest::newRow("tsv extension") << "a.tsv" << QByteArray("text\tlabel\na,b\t1\n") << "auto" << textLabel
                                   << QList<QStringList>{{"a,b", "1"}} << QList<qint64>{2};
    QTest::newRow("pipe sniffed") << "a.csv" << QByteArray("text|label\nx|1\ny|0\n") << "auto" << textLabel
                                  << QList<QStringList>{{"x", "1"}, {"y", "0"}} << QList<qint64>{2, 3};
    QTest::newRow("headerless numbers") << "a.csv" << QByteArray("1,2\n3,4\n") << "auto"
                                        << QStringList{"column1", "column2"}
                                        << QList<QStringList>{{"1", "2"}, {"3", "4"}} << QList<qint64>{1, 2};
    QTest::newRow("headerless text and score") << "a.csv" << QByteArray("great movie,0.9\nawful,0.1\nfine,0.5\n")
                                               << "auto" << QStringList{"column1", "column2"}
                                               << QList<QStringList>{{"great movie", "0.9"}, {"awful", "0.1"}, {"fine", "0.5"}}
                                               << QList<qint64>{1, 2, 3};
    QTest::newRow("header over numbers") << "a.csv" << QByteArray("id,score\n1,0.5\n2,0.7\n") << "auto"
                                         << QStringList{"id", "score"}
                                         << QList<QStringList>{{"1", "0.5"}, {"2", "0.7"}} << QList<qint64>{2, 3};
    QTest::newRow("blank lines skipped") << "a.csv" << QByteArray("a,b\n\n1,2\n\n\n3,4") << "auto"
                                         << QStringList{"a", "b"} << QList<QStringList>{{"1", "2"}, {"3", "4"}}
                                         << QList<qint64>{3, 6};
    QTest::newRow("missing cells") << "a.csv" << QByteArray("text,label,group\nhi,,x\n,1,\n") << "auto"
                                   << QStringList{"text", "label", "group"}
                                   << QList<QStringList>{{"hi", "", "x"}, {"", "1", ""}} << QList<qint64>{2, 3};
}

void TestCsvReader::reads() {
    QFETCH(QString, fileName);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoding);
    QFETCH(QStringList, columns);
    QFETCH(QList<QStringList>, rows);
    QFETCH(QList<qint64>, lines);
    QTemporaryDir dir;
    ReadOptions options;
    options.encoding = encoding.toStdString();
    const Result<Table> t = readTable(writeFile(dir, fileName, bytes), options);
    QVERIFY2(t.ok(), t.ok() ? "" : t.error().describe().c_str());
    QCOMPARE(columnsOf(*t), columns);
    QCOMPARE(rowsOf(*t), rows);
    QCOMPARE(QList<qint64>(t->sourceLines.begin(), t->sourceLines.end()), lines);
}

void TestCsvReader::errors_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("column");  // -1: no position
    QTest::newRow("ragged row") << QByteArray("a,b\n1,2\n3\n4,5\n") << "data.ragged_row" << qint64(3) << qint64(1);
    QTest::newRow("too many fields") << QByteArray("a,b\n1,2\n3,4\n5,6,7\n") << "data.ragged_row" << qint64(4) << qint64(1);
    QTest::newRow("unterminated quote") << QByteArray("a,b\n1,2\n3,\"open\n4,5\n6,7\n") << "data.unterminated_quote"
                                        << qint64(3) << qint64(3);
    QTest::newRow("unterminated quote after CRLF") << QByteArray("a,b\r\n1,2\r\n333,\"open\r\n4,5\r\n")
                                                   << "data.unterminated_quote" << qint64(3) << qint64(5);
    // Columns count characters: "café," is five, so the quote is at column 6 (byte 7).
    QTest::newRow("unterminated quote after accents") << QByteArray("a,b\n1,2\ncaf\xC3\xA9,\"open\n4,5\n")
                                                      << "data.unterminated_quote" << qint64(3) << qint64(6);
    // ... also when the line spans the reader's 64 KiB chunks.
    QTest::newRow("unterminated quote after 100000 accents")
        << (QByteArray("a,b\n1,2\n") + QByteArray(100000, 'x').replace('x', "\xC3\xA9") + QByteArray(",\"open\n4,5\n"))
        << "data.unterminated_quote" << qint64(3) << qint64(100002);
    QTest::newRow("empty file") << QByteArray() << "data.empty" << qint64(-1) << qint64(-1);
    QTest::newRow("only blank lines") << QByteArray("\n\r\n\n") << "data.empty" << qint64(-1) << qint64(-1);
    QTest::newRow("header only") << QByteArray("text,label\n") << "data.empty" << qint64(-1) << qint64(-1);
    QTest::newRow("invalid UTF-8") << QByteArray("a,b\n1,2\n\xFF,3\n") << "data.invalid_encoding" << qint64(3) << qint64(1);
    QTest::newRow("invalid UTF-8 after accents") << QByteArray("a,b\n1,2\nh\xC3\xA9\xC3\xA9,\xFF\n") << "data.invalid_encoding"
                                                 << qint64(3) << qint64(5);
    QTest::newRow("overlong UTF-8") << QByteArray("a,b\n\xC0\xAF,3\n") << "data.invalid_encoding" << qint64(2) << qint64(1);
    QTest::newRow("truncated UTF-8 at end") << QByteArray("a,b\n1,\xE2\x82") << "data.invalid_encoding" << qint64(2)
                                            << qint64(3);
}

void TestCsvReader::errors() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    QFETCH(qint64, line);
    QFETCH(qint64, column);
    QTemporaryDir dir;
    const auto path = writeFile(dir, "bad.csv", bytes);
    const Result<Table> t = readTable(path);
    QVERIFY(!t.ok());
    QCOMPARE(QString::fromStdString(t.error().code), code);
    QCOMPARE(qint64(t.error().line), line);
    QCOMPARE(qint64(t.error().column), column);
    QCOMPARE(t.error().file, path.string());
    QVERIFY(!t.error().message.empty());
    if (line > 0) QVERIFY(t.error().message.find(std::to_string(line)) != std::string::npos);
    if (column > 0) {
        const std::string where = path.string() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
        QVERIFY2(t.error().describe().rfind(where, 0) == 0, t.error().describe().c_str());
    }
}

void TestCsvReader::fileNotFound() {
    const Result<Table> t = readTable("/nonexistent/dir/data.csv");
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, std::string("data.file_not_found"));
    QCOMPARE(t.error().file, std::string("/nonexistent/dir/data.csv"));
    QTemporaryDir dir;
    const Result<Table> folder = readTable(dir.path().toStdString());
    QCOMPARE(folder.error().code, std::string("data.read_failed"));
    ReadOptions bad;
    bad.encoding = "klingon";
    const Result<Table> enc = readTable(writeFile(dir, "a.csv", "a\n1\n"), bad);
    QCOMPARE(enc.error().code, std::string("data.unknown_encoding"));
}

void TestCsvReader::explicitOptionsOverrideSniffing() {
    QTemporaryDir dir;
    const auto path = writeFile(dir, "a.csv", "x;y\n1;2\n");
    ReadOptions o;
    o.delimiter = ',';
    o.hasHeader = 0;
    const Result<Table> t = readTable(path, o);
    QVERIFY(t.ok());
    QCOMPARE(columnsOf(*t), QStringList{"column1"});
    QCOMPARE(rowsOf(*t), (QList<QStringList>{{"x;y"}, {"1;2"}}));
}

void TestCsvReader::previewReadsOnlyTheBeginning() {
    // 2 MB of rows and a ragged row at the very end: the preview never reaches it.
    QByteArray bytes("text,label\n");
    for (int i = 0; i < 100000; ++i) bytes += "example number " + QByteArray::number(i) + ",1\n";
    bytes += "ragged\n";
    QTemporaryDir dir;
    const auto path = writeFile(dir, "big.csv", bytes);
    const Result<Table> preview = previewTable(path, 10);
    QVERIFY(preview.ok());
    QCOMPARE(preview->rows.size(), size_t(10));
    QCOMPARE(preview->rows[9][0], std::string("example number 9"));
    const Result<Table> full = readTable(path);
    QVERIFY(!full.ok());
    QCOMPARE(full.error().code, std::string("data.ragged_row"));
    QCOMPARE(full.error().line, int64_t(100002));
}

void TestCsvReader::streamReportsProgressAndStops() {
    QByteArray bytes("text,label\n");
    for (int i = 0; i < 20000; ++i) bytes += "row " + QByteArray::number(i) + "," + QByteArray::number(i % 2) + "\n";
    QTemporaryDir dir;
    const auto path = writeFile(dir, "s.csv", bytes);
    int64_t rows = 0, lastBytes = 0, calls = 0, labelSum = 0;
    const auto onRow = [&](const std::vector<std::string>& columns, const std::vector<std::string>& values, int64_t) {
        ++rows;
        labelSum += values[1] == "1";
        return columns.size() == 2;
    };
    const auto progress = [&](int64_t done, int64_t total) {
        QVERIFY(done >= lastBytes && done <= total);
        lastBytes = done;
        ++calls;
    };
    const Result<StreamInfo> info = streamTable(path, {}, onRow, nullptr, progress);
    QVERIFY(info.ok());
    QCOMPARE(info->rows, int64_t(20000));
    QCOMPARE(rows, int64_t(20000));
    QCOMPARE(labelSum, int64_t(10000));
    QCOMPARE(info->delimiter, ',');
    QVERIFY(info->hasHeader);
    QCOMPARE(info->encoding, std::string("utf-8"));
    QCOMPARE(lastBytes, int64_t(bytes.size()));
    QVERIFY(calls >= 2);

    int64_t seen = 0;
    const Result<StreamInfo> stopped =
        streamTable(path, {}, [&](const auto&, const auto&, int64_t) { return ++seen < 5; });
    QVERIFY(stopped.ok());
    QCOMPARE(seen, int64_t(5));
}

void TestCsvReader::streamCanBeCancelled() {
    QByteArray bytes("text\n");
    for (int i = 0; i < 50000; ++i) bytes += "line " + QByteArray::number(i) + "\n";
    QTemporaryDir dir;
    const auto path = writeFile(dir, "c.csv", bytes);
    std::atomic<bool> cancel{false};
    int64_t seen = 0;
    const Result<StreamInfo> r = streamTable(
        path, {},
        [&](const auto&, const auto&, int64_t) {
            if (++seen == 100) cancel = true;
            return true;
        },
        &cancel);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, std::string("data.cancelled"));
    QCOMPARE(seen, int64_t(100));
}

void TestCsvReader::duplicateAndEmptyHeaderNames() {
    QTemporaryDir dir;
    const Result<Table> t = readTable(writeFile(dir, "h.csv", "text,,text\na,b,c\nd,e,f\n"));
    QVERIFY(t.ok());
    QCOMPARE(columnsOf(*t), (QStringList{"text", "column2", "text_2"}));
    QCOMPARE(t->columnIndex("text_2"), 2);
    QCOMPARE(t->columnIndex("nope"), -1);
}

void TestCsvReader::garbageNeverCrashes() {
    // Random bytes biased towards CSV / JSON syntax, in every format: a value or an error, never a crash.
    const char alphabet[] = {',', ';', '\t', '|', '"', '\n', '\r', '{', '}', '[', ']', ':', 'a', '1', ' ',
                             char(0xC3), char(0xA9), char(0xFF), char(0xFE), char(0x00)};
    const std::set<std::string> allowed = {"data.empty", "data.unterminated_quote", "data.ragged_row",
                                           "data.invalid_json", "data.invalid_encoding"};
    const char* names[] = {"g.csv", "g.tsv", "g.jsonl", "g.json", "g.txt", "g.bin"};
    QTemporaryDir dir;
    uint32_t state = 12345;
    for (int round = 0; round < 300; ++round) {
        QByteArray bytes;
        const int len = int(state % 200);
        for (int i = 0; i < len; ++i) {
            state = state * 1664525u + 1013904223u;
            bytes += alphabet[(state >> 16) % sizeof alphabet];
        }
        const auto path = writeFile(dir, QString::fromLatin1(names[round % 6]), bytes);
        ReadOptions o;
        if (round % 7 == 0) o.encoding = "latin-1";
        if (round % 11 == 0) o.encoding = "utf-16";
        const Result<Table> t = readTable(path, o);
        if (t.ok()) {
            for (const auto& row : t->rows) QCOMPARE(row.size(), t->columns.size());
            QCOMPARE(t->rows.size(), t->sourceLines.size());
        } else {
            QVERIFY2(allowed.count(t.error().code), t.error().code.c_str());
        }
    }
}

// With skipBadRows a ragged row is left out, counted and reported with its position; the rest is read.
void TestCsvReader::skipBadRowsCountsAndReports() {
    QTemporaryDir dir;
    const auto path = writeFile(dir, "ragged.csv", "a,b\n1,2\n3\n4,5\n6,7,8\n9,10\n");
    ReadOptions options;
    options.skipBadRows = true;
    const Result<Table> t = readTable(path, options);
    QVERIFY2(t.ok(), t.ok() ? "" : t.error().describe().c_str());
    QCOMPARE(t->rows.size(), size_t(3));
    QCOMPARE(t->sourceLines, (std::vector<int64_t>{2, 4, 6}));
    QCOMPARE(t->skippedRows, int64_t(2));
    QCOMPARE(t->skippedExamples.size(), size_t(2));
    QCOMPARE(t->skippedExamples[0].line, int64_t(3));
    QCOMPARE(t->skippedExamples[1].line, int64_t(5));
    QCOMPARE(t->skippedExamples[0].file, path.string());
    QCOMPARE(t->skippedExamples[0].code, std::string("data.ragged_row"));
    QVERIFY(!readTable(path).ok());  // the default still stops at the first
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "test_csv_reader.moc"
