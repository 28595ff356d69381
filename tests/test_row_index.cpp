// data::indexRows / readIndexedRows: any page of rows read again from the middle of the file equals
// what one full pass reads, in every format and encoding, across 64 KiB chunk boundaries.
#include "core/data/reader.h"

#include <QtTest/QtTest>

#include <random>

using namespace ft::data;

namespace {

std::filesystem::path writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write fixture");
    f.write(bytes);
    return std::filesystem::path(path.toStdString());
}

// ~300 KB of rows whose texts hold commas, quotes, line breaks and non-ASCII letters.
QString rowText(int i) {
    QString t = QStringLiteral("row %1 caf\u00e9 na\u00efve \u00fcber").arg(i);
    if (i % 7 == 0) t += QStringLiteral(", with a comma");
    if (i % 11 == 0) t += QStringLiteral(" and \"quotes\"");
    if (i % 13 == 0) t += QStringLiteral("\nsecond line");
    return t + QString(i % 40, QLatin1Char('x'));
}

QString csvQuoted(QString s) {
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) return s;
    return QLatin1Char('"') + s.replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
}

QString jsonQuoted(QString s) {
    s.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\""), QLatin1String("\\\"")).replace(QLatin1String("\n"), QLatin1String("\\n"));
    return QLatin1Char('"') + s + QLatin1Char('"');
}

constexpr int kRows = 6000;

QString csv(const QString& eol, bool header) {
    QString out = header ? QStringLiteral("id,text,label") + eol : QString();
    for (int i = 0; i < kRows; ++i) {
        out += QString::number(i) + QLatin1Char(',') + csvQuoted(rowText(i)) + QLatin1Char(',') + (i % 3 ? QStringLiteral("pos") : QStringLiteral("neg")) + eol;
        if (i % 500 == 250) out += eol;  // a blank line now and then
    }
    return out;
}

QString jsonLines() {
    QString out;
    for (int i = 0; i < kRows; ++i) {
        out += QStringLiteral("{\"id\": %1, \"text\": %2").arg(i).arg(jsonQuoted(rowText(i)));
        if (i >= 3000) out += QStringLiteral(", \"source\": \"late\"");  // a key first seen half way
        out += QStringLiteral("}\n");
    }
    return out;
}

QByteArray utf16le(const QString& s) {
    QByteArray out("\xFF\xFE", 2);
    out.append(reinterpret_cast<const char*>(s.utf16()), s.size() * 2);
    return out;
}

}  // namespace

class TestRowIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pagesEqualTheFullPass_data();
    void pagesEqualTheFullPass();
    void aChangedFileIsNoticed();
};

void TestRowIndex::pagesEqualTheFullPass_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoding");
    QTest::newRow("csv lf") << "a.csv" << csv("\n", true).toUtf8() << "auto";
    QTest::newRow("csv crlf + bom") << "b.csv" << QByteArray("\xEF\xBB\xBF") + csv("\r\n", true).toUtf8() << "auto";
    QTest::newRow("csv no header") << "c.csv" << csv("\n", false).toUtf8() << "auto";
    QTest::newRow("csv utf-16le") << "d.csv" << utf16le(csv("\r\n", true)) << "auto";
    QTest::newRow("csv latin-1") << "e.csv" << csv("\n", true).toLatin1() << "latin-1";
    QTest::newRow("jsonl") << "f.jsonl" << jsonLines().toUtf8() << "auto";
    QTest::newRow("text") << "g.txt" << jsonLines().toUtf8() << "auto";
    QTest::newRow("json array") << "h.json" << QByteArray("[{\"text\": \"a\", \"label\": 1},\n {\"text\": \"b\"}, {\"label\": 0, \"text\": \"c\"}]")
                                << "auto";
}

void TestRowIndex::pagesEqualTheFullPass() {
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoding);
    QTemporaryDir dir;
    const auto file = writeFile(dir, name, bytes);
    ReadOptions options;
    options.encoding = encoding.toStdString();
    if (name == "c.csv") options.hasHeader = 0;
    auto whole = readTable(file, options);
    QVERIFY2(whole.ok(), whole.ok() ? "" : whole.error().describe().c_str());
    auto index = indexRows(file, options);
    QVERIFY2(index.ok(), index.ok() ? "" : index.error().describe().c_str());
    QCOMPARE(index->rows(), int64_t(whole->rows.size()));
    QCOMPARE(index->lines, whole->sourceLines);
    QCOMPARE(index->info.columns, whole->columns);
    if (bytes.size() > 200'000) QVERIFY(index->restartPoints.size() > 3);  // the pages below start mid-file

    std::mt19937 rng(7);
    std::vector<int64_t> starts = {0, 1, index->rows() - 1, std::max<int64_t>(0, index->rows() - 5)};
    for (int k = 0; k < 40; ++k) starts.push_back(int64_t(rng() % uint32_t(index->rows())));
    for (int64_t first : starts) {
        auto page = readIndexedRows(*index, first, 37);
        QVERIFY2(page.ok(), page.ok() ? "" : page.error().describe().c_str());
        const int64_t expected = std::min<int64_t>(37, index->rows() - first);
        QCOMPARE(int64_t(page->size()), expected);
        for (int64_t i = 0; i < expected; ++i)
            if ((*page)[size_t(i)] != whole->rows[size_t(first + i)])
                QFAIL(qPrintable(QStringLiteral("row %1 (line %2) differs from the full pass").arg(first + i).arg(whole->sourceLines[size_t(first + i)])));
    }
    QVERIFY(readIndexedRows(*index, index->rows(), 10)->empty());
}

void TestRowIndex::aChangedFileIsNoticed() {
    QTemporaryDir dir;
    const auto file = writeFile(dir, "a.csv", csv("\n", true).toUtf8());
    auto index = indexRows(file);
    QVERIFY(index.ok());
    writeFile(dir, "a.csv", csv("\n", true).toUtf8().left(50'000));
    auto page = readIndexedRows(*index, 5000, 10);
    QVERIFY(!page.ok());
    QCOMPARE(QString::fromStdString(page.error().code), QStringLiteral("data.changed"));
    QVERIFY(QString::fromStdString(page.error().describe()).contains(QStringLiteral("a.csv")));
}

QTEST_GUILESS_MAIN(TestRowIndex)
#include "test_row_index.moc"
