// `finetune data`'s analysis (api::analyzeDataset): statistics, problems, and every bad input of
// issue #5 — each ends in an error naming file, line and column, or a listed problem; never a crash.
#include "core/api/dataset_report.h"
#include "core/api/tiny_model.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <set>

using namespace ft;

namespace {

std::string writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write fixture");
    f.write(bytes);
    return f.fileName().toStdString();
}

bool hasProblem(const api::DatasetReport& r, const std::string& code) {
    for (const auto& p : r.problems)
        if (p.code == code) return true;
    return false;
}

const api::DatasetProblem* problemOf(const api::DatasetReport& r, const std::string& code) {
    for (const auto& p : r.problems)
        if (p.code == code) return &p;
    return nullptr;
}

}  // namespace

class TestDatasetReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void statisticsAndProblems() {
        QTemporaryDir dir;
        const auto file = writeFile(dir, "reviews.csv",
                                    "text,label,lang\n"
                                    "good film,pos,en\n"
                                    "bad film,neg,en\n"
                                    "good film,neg,en\n"   // exact duplicate with another label
                                    "Good  film!,pos,de\n"  // near duplicate
                                    ",pos,en\n"             // empty text
                                    "fine,,en\n"            // missing label
                                    "ok film,pos,de\n");
        const auto validation = writeFile(dir, "val.csv", "text,label,lang\nbad film,neg,en\nnew one,pos,en\n");
        api::DatasetReportOptions options;
        options.validation = validation;
        options.labelColumn = "label";
        auto r = api::analyzeDataset(file, options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        QCOMPARE(r->format, std::string("csv"));
        QCOMPARE(r->delimiter, std::string(","));
        QVERIFY(r->hasHeader);
        QCOMPARE(r->rows, int64_t(7));
        QCOMPARE(r->textColumn, std::string("text"));
        QCOMPARE(r->labelColumn, std::string("label"));
        QCOMPARE(r->classCounts, (std::vector<std::pair<std::string, int64_t>>{{"neg", 2}, {"pos", 4}}));
        QCOMPARE(r->imbalanceRatio, 2.0);
        QCOMPARE(r->missingLabels, int64_t(1));
        QCOMPARE(r->emptyTexts, int64_t(1));
        QCOMPARE(r->exactDuplicateRows, int64_t(1));
        QCOMPARE(r->nearDuplicateRows, int64_t(2));
        QCOMPARE(r->conflictingLabelGroups, int64_t(1));
        QCOMPARE(r->validationRows, int64_t(2));
        QCOMPARE(r->leakedExact, int64_t(1));
        QCOMPARE(problemOf(*r, "data.duplicates")->line, int64_t(4));
        QCOMPARE(problemOf(*r, "data.empty_texts")->line, int64_t(6));
        QCOMPARE(problemOf(*r, "data.missing_labels")->line, int64_t(7));
        QCOMPARE(problemOf(*r, "data.leakage")->line, int64_t(2));
        QVERIFY(hasProblem(*r, "data.conflicting_labels"));
        QVERIFY(!hasProblem(*r, "data.single_class"));

        const auto j = nlohmann::json::parse(api::datasetReportToJson(*r));
        QCOMPARE(j["rows"].get<int64_t>(), int64_t(7));
        QCOMPARE(j["mapping"]["label_column"].get<std::string>(), std::string("label"));
        QCOMPARE(j["statistics"]["classes"][1]["count"].get<int64_t>(), int64_t(4));
        QVERIFY(j["problems"].size() >= 5);
    }

    void tokenLengthsHistogramAndTruncation() {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("model"));
        api::TinyModelSpec spec;
        spec.outputFolder = model.toStdString();
        spec.layers = 1;
        spec.hidden = 32;
        QVERIFY(api::makeTinyModel(spec).ok());
        QByteArray csv = "text,label\n";
        for (int i = 0; i < 40; ++i) csv += QByteArray("word ").repeated(1 + i) + "," + (i % 2 ? "a" : "b") + "\n";
        api::DatasetReportOptions options;
        options.modelPath = model.toStdString();
        options.maxLength = 16;
        auto r = api::analyzeDataset(writeFile(dir, "lengths.csv", csv), options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        QCOMPARE(r->tokenLengths.count, int64_t(40));
        QVERIFY(r->tokenLengths.max > 16);
        QVERIFY(r->tokenBinWidth >= 1);
        int64_t inHistogram = 0;
        for (int64_t n : r->tokenHistogram) inHistogram += n;
        QCOMPARE(inHistogram, int64_t(40));
        QVERIFY(r->truncatedRows > 0 && r->truncatedRows < 40);
        QCOMPARE(r->truncatedShare, double(r->truncatedRows) / 40.0);
        QVERIFY(hasProblem(*r, "data.truncated"));
    }

    // The pass reports its progress (reading, then measuring tokens) up to 1, and stops when asked.
    void progressAndCancel() {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("model"));
        api::TinyModelSpec spec;
        spec.outputFolder = model.toStdString();
        spec.layers = 1;
        spec.hidden = 32;
        QVERIFY(api::makeTinyModel(spec).ok());
        QByteArray csv = "text,label\n";
        for (int i = 0; i < 3000; ++i) csv += "row " + QByteArray::number(i) + " has some words," + (i % 2 ? "a" : "b") + "\n";
        const std::string file = writeFile(dir, "progress.csv", csv);
        api::DatasetReportOptions options;
        options.modelPath = model.toStdString();
        std::vector<std::pair<double, std::string>> seen;
        options.progress = [&](double fraction, const std::string& phase) { seen.emplace_back(fraction, phase); };
        auto r = api::analyzeDataset(file, options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        QVERIFY(seen.size() >= 3);
        for (size_t i = 1; i < seen.size(); ++i) QVERIFY(seen[i].first >= seen[i - 1].first);
        QCOMPARE(seen.front().second, std::string("reading"));
        QVERIFY(std::any_of(seen.begin(), seen.end(), [](const auto& p) { return p.second == "tokens"; }));
        QCOMPARE(seen.back().first, 1.0);

        std::atomic<bool> cancel{true};
        options.cancel = &cancel;
        options.progress = {};
        auto stopped = api::analyzeDataset(file, options);
        QVERIFY(!stopped.ok());
        QCOMPARE(QString::fromStdString(stopped.error().code), QStringLiteral("data.cancelled"));
    }

    void contentProblems_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<qint64>("line");
        QTest::newRow("single class") << "one.csv" << QByteArray("text,label\na,x\nb,x\nc,x\n") << "data.single_class" << "error"
                                      << qint64(-1);
        QTest::newRow("mixed types in the label column")
            << "mixed.csv" << QByteArray("text,label\na,1\nb,0\nc,1\nd,yes\ne,0\n") << "data.mixed_label_types" << "warning" << qint64(5);
    }

    void contentProblems() {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        QFETCH(QString, severity);
        QFETCH(qint64, line);
        QTemporaryDir dir;
        api::DatasetReportOptions options;
        options.labelColumn = "label";
        auto r = api::analyzeDataset(writeFile(dir, name, bytes), options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        const auto* p = problemOf(*r, code.toStdString());
        QVERIFY2(p, qPrintable(code));
        QCOMPARE(QString::fromStdString(p->severity), severity);
        QCOMPARE(qint64(p->line), line);
    }

    // Bad input stops with an error naming the file and, where there is one, the line and column.
    void badInputIsAnErrorWithAPosition_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("labelColumn");
        QTest::addColumn<QString>("code");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<qint64>("column");
        QTest::newRow("invalid UTF-8") << "a.csv" << QByteArray("text,label\nok,1\nb\xC3(d,0\n") << "" << "data.invalid_encoding"
                                       << qint64(3) << qint64(2);
        QTest::newRow("ragged row") << "a.csv" << QByteArray("text,label\nok,1\nno label\nx,0\n") << "" << "data.ragged_row"
                                    << qint64(3) << qint64(1);
        QTest::newRow("unterminated quote") << "a.csv" << QByteArray("text,label\nok,1\n\"open,0\nx,1\n") << ""
                                            << "data.unterminated_quote" << qint64(3) << qint64(1);
        QTest::newRow("label column that does not exist") << "a.csv" << QByteArray("text,label\nok,1\nno,0\n") << "sentiment"
                                                          << "data.unknown_column" << qint64(-1) << qint64(-1);
        QTest::newRow("empty file") << "a.csv" << QByteArray() << "" << "data.empty" << qint64(-1) << qint64(-1);
        QTest::newRow("JSONL with one broken line") << "a.jsonl"
                                                    << QByteArray("{\"text\":\"a\",\"label\":1}\n{\"text\":\"b\",\"label\":}\n")
                                                    << "" << "data.invalid_json" << qint64(2) << qint64(21);
    }

    void badInputIsAnErrorWithAPosition() {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, labelColumn);
        QFETCH(QString, code);
        QFETCH(qint64, line);
        QFETCH(qint64, column);
        QTemporaryDir dir;
        const std::string file = writeFile(dir, name, bytes);
        api::DatasetReportOptions options;
        options.textColumn = "text";
        options.labelColumn = labelColumn.isEmpty() ? "label" : labelColumn.toStdString();
        auto r = api::analyzeDataset(file, options);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error().code), code);
        QCOMPARE(r.error().file, file);
        QCOMPARE(qint64(r.error().line), line);
        QCOMPARE(qint64(r.error().column), column);
        if (!labelColumn.isEmpty()) QVERIFY(r.error().message.find(labelColumn.toStdString()) != std::string::npos);
    }

    // Latin-1 is read on request; the same bytes as UTF-8 are an error that says to choose the encoding.
    void latin1OnRequest() {
        QTemporaryDir dir;
        const std::string file = writeFile(dir, "latin.csv", QByteArray("text,label\ncaf\xE9 cr\xE8me,a\nna\xEFve,b\nfa\xE7" "ade,a\n"));
        api::DatasetReportOptions options;
        options.labelColumn = "label";
        auto wrong = api::analyzeDataset(file, options);
        QVERIFY(!wrong.ok());
        QCOMPARE(QString::fromStdString(wrong.error().code), QStringLiteral("data.invalid_encoding"));
        QCOMPARE(wrong.error().line, int64_t(2));
        options.encoding = "latin-1";
        auto r = api::analyzeDataset(file, options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        QCOMPARE(r->encoding, std::string("latin-1"));
        QCOMPARE(r->rows, int64_t(3));
        QCOMPARE(r->charLengths.max, int64_t(10));  // "café crème": ten characters, twelve UTF-8 bytes
        options.encoding = "klingon";
        auto unknown = api::analyzeDataset(file, options);
        QVERIFY(!unknown.ok());
        QCOMPARE(QString::fromStdString(unknown.error().code), QStringLiteral("data.unknown_encoding"));
    }

    // The analysis streams the file (a few numbers a row, never the texts): a JSON Lines key first
    // seen late counts as missing before, and the counts agree with the in-memory statistics.
    void streamingAgreesWithTheWholeTable() {
        QTemporaryDir dir;
        QByteArray jsonl;
        std::vector<std::string> texts;
        for (int i = 0; i < 3000; ++i) {
            const std::string text = i % 17 == 0 ? "Repeated  TEXT!" : i % 19 == 0 ? "repeated text" : "row " + std::to_string(i % 2500);
            texts.push_back(text);
            jsonl += QByteArray("{\"text\": \"") + text.c_str() + "\", \"label\": \"" + (i % 3 ? "a" : "b") + "\"";
            if (i >= 2000) jsonl += ", \"group\": \"g" + QByteArray::number(i % 4) + "\"";
            jsonl += "}\n";
        }
        api::DatasetReportOptions options;
        options.labelColumn = "label";
        auto r = api::analyzeDataset(writeFile(dir, "rows.jsonl", jsonl), options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        QCOMPARE(r->rows, int64_t(3000));
        QCOMPARE(r->columns.size(), size_t(3));
        QCOMPARE(r->columns[2].name, std::string("group"));
        QCOMPARE(r->columns[2].missing, int64_t(2000));
        QCOMPARE(r->columns[2].distinct, int64_t(4));
        QCOMPARE(r->columns[0].distinct, int64_t(std::set<std::string>(texts.begin(), texts.end()).size()));
        int64_t exact = 0;
        std::set<std::string> seen;
        for (const auto& t : texts) exact += !seen.insert(t).second;
        QCOMPARE(r->exactDuplicateRows, exact);
        QVERIFY(r->nearDuplicateRows > r->exactDuplicateRows);  // "Repeated  TEXT!" ~ "repeated text"
        QCOMPARE(r->classCounts, (std::vector<std::pair<std::string, int64_t>>{{"a", 2000}, {"b", 1000}}));
        QCOMPARE(problemOf(*r, "data.duplicates")->line, int64_t(18));  // row 17 repeats row 0 ("Repeated  TEXT!")
    }

    void skipBadRowsListsThem() {
        QTemporaryDir dir;
        api::DatasetReportOptions options;
        options.labelColumn = "label";
        options.skipBadRows = true;
        auto r = api::analyzeDataset(writeFile(dir, "r.csv", "text,label\ngood one,a\nbroken\nbad one,b\nworse one,b\n"), options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        QCOMPARE(r->rows, int64_t(3));
        QCOMPARE(r->skippedRows, int64_t(1));
        const auto* p = problemOf(*r, "data.bad_rows_skipped");
        QVERIFY(p);
        QCOMPARE(p->line, int64_t(3));
        QVERIFY2(p->message.find("r.csv:3:1: ") != std::string::npos, p->message.c_str());
    }

    // A single 50 MB line (one huge cell) is read in bounded chunks and reported, not a crash.
    void fiftyMegabyteLine() {
        QTemporaryDir dir;
        QByteArray big = "text,label\n";
        big += QByteArray(50 * 1000 * 1000, 'a');
        big += ",x\nshort,y\n";
        api::DatasetReportOptions options;
        options.labelColumn = "label";
        auto r = api::analyzeDataset(writeFile(dir, "big.csv", big), options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().describe().c_str());
        QCOMPARE(r->rows, int64_t(2));
        QCOMPARE(r->charLengths.max, int64_t(50 * 1000 * 1000));
    }
};

QTEST_GUILESS_MAIN(TestDatasetReport)
#include "test_dataset_report.moc"
