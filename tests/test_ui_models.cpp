// The ui/ item models: thin adapters over value vectors, checked under QAbstractItemModelTester.

#include <QAbstractItemModelTester>
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <thread>

#include "ui/event_queue.h"
#include "ui/models/class_metrics_model.h"
#include "ui/models/confusion_model.h"
#include "ui/models/counterfactual_model.h"
#include "ui/models/group_metrics_model.h"
#include "ui/models/dataset_table_model.h"
#include "ui/models/model_list_model.h"
#include "ui/models/run_compare_model.h"
#include "ui/models/runs_model.h"
#include "ui/plot/plot_style.h"
#include "ui/runs_scanner.h"

using ft::ui::ClassMetricsModel;
using ft::ui::ConfusionModel;
using ft::ui::CounterfactualModel;
using ft::ui::GroupMetricsModel;
using ft::ui::DatasetTableModel;
using ft::ui::ModelListModel;
using ft::ui::RunCompareModel;
using ft::ui::RunsModel;

namespace {

ft::api::ModelSummary summary(const std::string& name, int64_t params, bool supported) {
    ft::api::ModelSummary m;
    m.path = "/models/" + name;
    m.name = name;
    m.source = "folder";
    m.modelType = "gpt2";
    m.parameterCount = params;
    m.numLayers = 2;
    m.supported = supported;
    if (!supported) m.problem = "no tokenizer";
    return m;
}

}  // namespace

class TestUiModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modelList() {
        ModelListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setModels({summary("tiny-gpt2", 120000, true), summary("broken", 0, false)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(ModelListModel::ColumnCount));
        QCOMPARE(model.data(model.index(0, ModelListModel::NameColumn)).toString(), QStringLiteral("tiny-gpt2"));
        QCOMPARE(model.data(model.index(0, ModelListModel::ArchitectureColumn)).toString(), QStringLiteral("gpt2"));
        QVERIFY(model.data(model.index(0, ModelListModel::ParametersColumn)).toString().contains(QLatin1Char('k')));
        QCOMPARE(model.rowForPath(QStringLiteral("/models/broken")), 1);
        QCOMPARE(model.rowForPath(QStringLiteral("/nowhere")), -1);
        QVERIFY(model.data(model.index(1, 0), Qt::ToolTipRole).toString().contains(QStringLiteral("no tokenizer")));
        QCOMPARE(model.data(model.index(1, 0), ModelListModel::PathRole).toString(), QStringLiteral("/models/broken"));
        QVERIFY(model.modelAt(2) == nullptr);
        QVERIFY(model.modelAt(-1) == nullptr);
        model.setModels({});
        QCOMPARE(model.rowCount(), 0);
    }

    void previewTable() {
        DatasetTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ft::api::DatasetPreview p;
        p.columns = {"text", "label"};
        p.rows = {{"good movie", "pos"}, {"bad", "neg"}, {"ragged"}};  // a short row must not crash
        p.sourceLines = {2, 3, 5};
        model.setPreview(p);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("label"));
        QCOMPARE(model.headerData(2, Qt::Vertical).toString(), QStringLiteral("5"));
        QCOMPARE(model.data(model.index(1, 1)).toString(), QStringLiteral("neg"));
        QVERIFY(!model.data(model.index(2, 1)).isValid());
        // Long cells are elided in the table but complete in the tooltip.
        p.rows = {{std::string(1000, 'x'), "pos"}};
        p.sourceLines = {2};
        model.setPreview(p);
        QVERIFY(model.data(model.index(0, 0)).toString().size() < 1000);
        QCOMPARE(model.data(model.index(0, 0), Qt::ToolTipRole).toString().size(), 1000);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
    }

    // The preview's rows at once, then the whole file read back a page at a time; the view keeps its place.
    void datasetTableCoversTheWholeFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rows.csv"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("text,label\n");
            for (int i = 0; i < 20000; ++i)
                f.write(QStringLiteral("\"row %1%2\",%3\n").arg(i).arg(i % 1000 == 5 ? QStringLiteral("\nsecond line") : QString()).arg(i % 2).toUtf8());
        }
        DatasetTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto preview = ft::api::previewDataset(path.toStdString(), 200);
        QVERIFY(preview.ok());
        model.setPreview(*preview);
        QCOMPARE(model.rowCount(), 200);
        QVERIFY(!model.coversWholeFile());
        auto rows = ft::api::DatasetRows::open(path.toStdString());
        QVERIFY2(rows.ok(), rows.ok() ? "" : rows.error().describe().c_str());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setAllRows(*rows);
        QCOMPARE(inserted.count(), 1);  // appended, not reset
        QCOMPARE(model.rowCount(), 20000);
        QVERIFY(model.coversWholeFile());
        QCOMPARE(model.data(model.index(19999, 0)).toString(), QStringLiteral("row 19999"));
        QCOMPARE(model.data(model.index(12005, 0)).toString(), QStringLiteral("row 12005\nsecond line"));
        QCOMPARE(model.data(model.index(12006, 1)).toString(), QStringLiteral("0"));
        // Line of each row in the file: the header is line 1, and every 1000th row from row 5 takes two.
        QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("2"));
        QCOMPARE(model.headerData(19999, Qt::Vertical).toString(), QString::number(2 + 19999 + 20));
        // Pages read in any order agree with the preview's rows.
        for (int r : {150, 0, 199})
            QCOMPARE(model.data(model.index(r, 0)).toString(), QString::fromStdString(preview->rows[size_t(r)][0]));
        // The file changes under the table: one clear message, no crash, empty cells.
        QSignalSpy failed(&model, &DatasetTableModel::readFailed);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("text,label\nshort,1\n");
        }
        QVERIFY(!model.data(model.index(15000, 0)).isValid());
        QVERIFY(!model.data(model.index(16000, 0)).isValid());
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("rows.csv")));
    }

    void classMetrics() {
        ClassMetricsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({{"pos", 0.9, 0.8, 0.847, 50}, {"neg", 0.7, 0.75, 0.724, 30}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(1, ClassMetricsModel::LabelColumn)).toString(), QStringLiteral("neg"));
        QCOMPARE(model.data(model.index(0, ClassMetricsModel::SupportColumn)).toString(), QStringLiteral("50"));
        QCOMPARE(model.data(model.index(0, ClassMetricsModel::F1Column)).toString(), QLocale().toString(0.847, 'f', 3));
    }

    void confusion_data() {
        QTest::addColumn<int>("labels");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("expectedRows");
        QTest::newRow("square") << 2 << 2 << 2;
        QTest::newRow("too few rows") << 3 << 2 << 0;
        QTest::newRow("empty") << 0 << 0 << 0;
    }

    void confusion() {
        QFETCH(int, labels);
        QFETCH(int, rows);
        QFETCH(int, expectedRows);
        ConfusionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<std::string> names;
        for (int i = 0; i < labels; ++i) names.push_back("c" + std::to_string(i));
        std::vector<std::vector<int64_t>> m(static_cast<size_t>(rows), std::vector<int64_t>(static_cast<size_t>(labels), 1));
        for (int i = 0; i < rows && i < labels; ++i) m[static_cast<size_t>(i)][static_cast<size_t>(i)] = 8;
        model.setMatrix(names, m);
        QCOMPARE(model.rowCount(), expectedRows);
        QCOMPARE(model.columnCount(), expectedRows);
        if (expectedRows > 0) {
            QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("8"));
            QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("1"));
            // The diagonal holds most of the row, so it is shaded more strongly than a confusion.
            const QColor diag = model.data(model.index(0, 0), Qt::BackgroundRole).value<QColor>();
            const QColor off = model.data(model.index(0, 1), Qt::BackgroundRole).value<QColor>();
            QVERIFY(diag.alphaF() > off.alphaF());
            QVERIFY(model.headerData(1, Qt::Vertical).toString().contains(QStringLiteral("c1")));
        }
    }

    void groupMetrics() {
        GroupMetricsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ft::api::GroupMetrics a;
        a.attribute = "gender";
        a.group = "f";
        a.n = 12;
        a.accuracy = 0.75;
        a.accuracyLow = 0.5;
        a.accuracyHigh = 0.9;
        a.warning = "small group (n < 30)";
        ft::api::GroupMetrics b = a;
        b.group = "m";
        b.warning.clear();
        model.setRows({a, b});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, GroupMetricsModel::GroupColumn)).toString(), QStringLiteral("f"));
        QCOMPARE(model.data(model.index(0, GroupMetricsModel::CountColumn)).toString(), QStringLiteral("12"));
        QVERIFY(model.data(model.index(0, GroupMetricsModel::IntervalColumn)).toString().startsWith(QLatin1Char('[')));
        QCOMPARE(model.data(model.index(0, GroupMetricsModel::WarningColumn)).toString(),
                 QStringLiteral("small group (n < 30)"));
        QVERIFY(!model.data(model.index(0, GroupMetricsModel::WarningColumn), Qt::DecorationRole).isNull());
        QVERIFY(model.data(model.index(1, GroupMetricsModel::WarningColumn), Qt::DecorationRole).isNull());
    }

    void counterfactualPairs() {
        CounterfactualModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(CounterfactualModel::ColumnCount));
        // As EvalReport::counterfactual.worst holds them: largest |delta| first, NaN where undefined.
        ft::api::EvalReport report;
        report.counterfactual.present = true;
        report.counterfactual.worst = {{17, "He returned it. " + std::string(300, 'x'), "She returned it. " + std::string(300, 'x'), -0.4125, true},
                                       {3, "his order", "her order", 0.01, false},
                                       {-1, "he", "she", std::nan(""), false}};
        model.setRows(report.counterfactual.worst);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(0, CounterfactualModel::LineColumn)).toString(), QStringLiteral("17"));
        QVERIFY(model.data(model.index(0, CounterfactualModel::OriginalColumn)).toString().startsWith(QStringLiteral("He returned")));
        QVERIFY(model.data(model.index(0, CounterfactualModel::CounterfactualColumn)).toString().startsWith(QStringLiteral("She")));
        QCOMPARE(model.data(model.index(0, CounterfactualModel::DeltaColumn)).toString(), QLocale().toString(-0.4125, 'f', 3));
        QCOMPARE(model.data(model.index(0, CounterfactualModel::FlippedColumn)).toString(), QStringLiteral("yes"));
        QVERIFY(!model.data(model.index(0, CounterfactualModel::FlippedColumn), Qt::DecorationRole).isNull());
        QCOMPARE(model.data(model.index(1, CounterfactualModel::FlippedColumn)).toString(), QStringLiteral("no"));
        QVERIFY(model.data(model.index(1, CounterfactualModel::FlippedColumn), Qt::DecorationRole).isNull());
        QCOMPARE(model.data(model.index(2, CounterfactualModel::DeltaColumn)).toString(), QStringLiteral("n/a"));
        QCOMPARE(model.data(model.index(2, CounterfactualModel::LineColumn)).toString(), QString());
        // Long texts are whole in the tooltip.
        QCOMPARE(model.data(model.index(0, CounterfactualModel::OriginalColumn), Qt::ToolTipRole).toString().size(),
                 int(report.counterfactual.worst[0].original.size()));
        QCOMPARE(model.headerData(CounterfactualModel::CounterfactualColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Counterfactual"));
        QVERIFY(!model.headerData(CounterfactualModel::DeltaColumn, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }

    void runsModelAndScanner() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir root(dir.path());
        QVERIFY(root.mkpath(QStringLiteral("2026-01-01-a")));
        QVERIFY(root.mkpath(QStringLiteral("2026-01-02-b")));
        QVERIFY(root.mkpath(QStringLiteral("not-a-run")));
        for (const char* run : {"2026-01-01-a", "2026-01-02-b"}) {
            QFile job(root.filePath(QLatin1String(run) + QLatin1String("/job.json")));
            QVERIFY(job.open(QIODevice::WriteOnly));
            job.write("{}");
        }
        const auto runs = ft::ui::scanRuns(dir.path());
        QCOMPARE(int(runs.size()), 2);  // the folder without job.json or report is not a run
        for (const auto& r : runs) QVERIFY(!r.hasReport);
        QVERIFY(ft::ui::scanRuns(dir.path() + QStringLiteral("/missing")).empty());
        QVERIFY(ft::ui::scanRuns(QString()).empty());

        RunsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(runs);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, RunsModel::AccuracyColumn)).toString(), QString(QChar(0x2014)));
        QVERIFY(model.data(model.index(0, 0), RunsModel::PathRole)
                    .toString()
                    .startsWith(dir.path()));
    }

    void runCompareTable() {
        RunCompareModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        ft::ui::RunEntry a;
        a.name = QStringLiteral("a");
        a.path = QStringLiteral("/runs/a");
        a.modelPath = QStringLiteral("/models/gpt2");
        a.accuracy = 0.7;
        a.f1Macro = 0.6;
        a.loss = 0.5;
        ft::ui::RunEntry b = a;
        b.name = QStringLiteral("b");
        b.fromScratch = true;
        b.accuracy = 0.8;
        b.loss = 0.4;
        ft::ui::RunEntry c;  // no job, no report
        c.name = QStringLiteral("c");
        model.setRuns({a, b, c});
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.rowCount(), 5);  // no perplexity row: no run has one
        QCOMPARE(model.rowForField(RunCompareModel::PerplexityField), -1);
        const int acc = model.rowForField(RunCompareModel::AccuracyField);
        const int f1 = model.rowForField(RunCompareModel::F1Field);
        const int loss = model.rowForField(RunCompareModel::LossField);
        const int weights = model.rowForField(RunCompareModel::WeightsField);
        QCOMPARE(model.headerData(acc, Qt::Vertical).toString(), QStringLiteral("Accuracy"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("c"));
        QCOMPARE(model.data(model.index(acc, 1)).toString(), QLocale().toString(0.8, 'f', 3));
        QCOMPARE(model.data(model.index(acc, 2)).toString(), QString(QChar(0x2014)));
        QCOMPARE(model.data(model.index(weights, 0)).toString(), QStringLiteral("pretrained"));
        QCOMPARE(model.data(model.index(weights, 1)).toString(), QStringLiteral("from scratch (random)"));
        QCOMPARE(model.data(model.index(weights, 2)).toString(), QStringLiteral("unknown"));
        QCOMPARE(model.data(model.index(model.rowForField(RunCompareModel::ModelField), 0), Qt::ToolTipRole)
                     .toString(),
                 QStringLiteral("/models/gpt2"));
        // The best value is bold: higher accuracy, lower loss; an F1 both share is not singled out.
        auto bold = [&model](int row, int column) {
            return model.data(model.index(row, column), Qt::FontRole).value<QFont>().bold();
        };
        QVERIFY(bold(acc, 1) && !bold(acc, 0) && !bold(acc, 2));
        QVERIFY(bold(loss, 1) && !bold(loss, 0));
        QVERIFY(!bold(f1, 0) && !bold(f1, 1));
        // Each run's column carries its curve colour.
        for (int c = 0; c < 3; ++c) {
            const QIcon swatch = model.headerData(c, Qt::Horizontal, Qt::DecorationRole).value<QIcon>();
            QVERIFY(!swatch.isNull());
            QCOMPARE(swatch.pixmap(16, 16).toImage().pixelColor(8, 8), ft::ui::seriesColor(c));
        }
        model.setRuns({});
        QCOMPARE(model.columnCount(), 0);
        QCOMPARE(model.rowCount(), 0);
    }

    void eventQueueKeepsOrderAcrossThreads() {
        ft::ui::EventQueue queue;
        constexpr int kPerThread = 2000;
        auto producer = [&queue](int offset) {
            for (int i = 0; i < kPerThread; ++i) {
                ft::api::TrainEvent e;
                e.step = offset + i;
                queue.onEvent(e);
            }
        };
        std::thread a(producer, 0), b(producer, 1000000);
        std::vector<ft::api::TrainEvent> all;
        while (int(all.size()) < 2 * kPerThread) {
            auto batch = queue.takeAll();
            all.insert(all.end(), batch.begin(), batch.end());
            if (batch.empty()) std::this_thread::yield();
        }
        a.join();
        b.join();
        QCOMPARE(int(all.size()), 2 * kPerThread);
        // Each producer's events stay in its own order.
        int64_t lastA = -1, lastB = 999999;
        for (const auto& e : all) {
            if (e.step < 1000000) { QVERIFY(e.step > lastA); lastA = e.step; }
            else { QVERIFY(e.step > lastB); lastB = e.step; }
        }
        QVERIFY(queue.takeAll().empty());
    }
};

QTEST_MAIN(TestUiModels)
#include "test_ui_models.moc"
