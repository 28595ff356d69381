// The Runs step's comparison: metrics.jsonl read back (also after a run was killed mid-write or
// written by an older version), and real tiny runs compared: one curve per run on each chart, their
// final metrics side by side.

#include <QAbstractItemModelTester>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "core/api/engine.h"
#include "core/api/eval_report.h"
#include "test_fixtures.h"
#include "ui/models/run_compare_model.h"
#include "ui/models/runs_model.h"
#include "ui/panels/run_compare_view.h"
#include "ui/panels/runs_panel.h"
#include "ui/run_metrics.h"

using ft::ui::RunCompareModel;
using ft::ui::RunCompareView;
using Chart = ft::ui::RunCompareView::Chart;
using TaskMetric = ft::ui::RunCompareView::TaskMetric;

namespace {

class NullObserver : public ft::api::EngineObserver {
public:
    void onEvent(const ft::api::TrainEvent&) override {}
};

void writeFile(const QString& file, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(file).path());
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", qPrintable(file));
    f.write(bytes);
}

QByteArray readFile(const QString& file) {
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Distinct steps of `event` lines, counted on the raw text, independently of the reader.
int countEvents(const QString& runDir, const char* event) {
    QSet<QByteArray> steps;
    const QByteArray needle = QByteArray("\"event\":\"") + event + '"';
    for (const QByteArray& line : readFile(runDir + QStringLiteral("/metrics.jsonl")).split('\n')) {
        if (!line.contains(needle)) continue;
        const int from = line.indexOf("\"step\":") + 7;
        int to = from;
        while (to < line.size() && line[to] != ',' && line[to] != '}') ++to;
        steps.insert(line.mid(from, to - from));
    }
    return static_cast<int>(steps.size());
}

QPushButton* button(QObject* parent, const char* name) {
    auto* b = parent->findChild<QPushButton*>(QLatin1String(name));
    if (!b) qFatal("no button %s", name);
    return b;
}

}  // namespace

class TestUiRunsCompare : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("finetune-studio-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_ui_runs_compare"));
        QVERIFY(m_dir.isValid());
        const QString model = m_dir.filePath(QStringLiteral("model"));
        const QString error = fixtures::makeTinyGpt2(model);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString csv = m_dir.filePath(QStringLiteral("easy.csv"));
        fixtures::writeEasyCsv(csv, 96);
        // Two real runs that differ the way users compare them: pretrained vs. from scratch.
        for (const bool fromScratch : {false, true}) {
            ft::api::JobConfig job;
            job.name = fromScratch ? "scratch" : "pretrained";
            job.model.path = model.toStdString();
            job.model.fromScratch = fromScratch;
            job.data.train = csv.toStdString();
            job.data.maxLength = 16;
            job.training.maxSteps = 12;
            job.training.batchSize = 8;
            job.training.learningRate = 3e-3;
            job.training.logEverySteps = 2;
            job.training.evalEverySteps = 4;
            job.training.threads = 2;
            job.evaluation.counterfactual = false;
            const QString runDir = runsDir() + QLatin1Char('/') + QString::fromStdString(job.name);
            job.output.runDir = runDir.toStdString();
            ft::api::Engine engine;
            NullObserver observer;
            const ft::Status st = engine.run(job, observer);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
            m_runs.append(runDir);
        }
    }

    void parsesMetrics_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<double>>("trainSteps");
        QTest::addColumn<QList<double>>("evalLossSteps");
        QTest::addColumn<int>("f1Points");
        QTest::addColumn<int>("perplexityPoints");
        QTest::addColumn<int>("skipped");
        const QByteArray step1 =
            R"({"event":"step","step":1,"epoch":0.1,"elapsed":0.5,"loss":0.9,"lr":0.001,"grad_norm":2.0})";
        const QByteArray step2 =
            R"({"event":"step","step":2,"epoch":0.2,"elapsed":1.0,"loss":0.8,"lr":0.001,"grad_norm":1.5})";
        const QByteArray eval2 =
            R"({"event":"evaluation","step":2,"epoch":0.2,"elapsed":1.2,"eval_loss":0.7,"eval_accuracy":0.6,"eval_f1_macro":0.55})";
        QTest::newRow("normal") << step1 + '\n' + step2 + '\n' + eval2 + '\n'
                                << QList<double>{1, 2} << QList<double>{2} << 1 << 0 << 0;
        QTest::newRow("truncated last line") << step1 + '\n' + step2 + '\n' + eval2.left(40)
                                             << QList<double>{1, 2} << QList<double>{} << 0 << 0 << 1;
        QTest::newRow("no final newline")
            << step1 + '\n' + step2 << QList<double>{1, 2} << QList<double>{} << 0 << 0 << 0;
        QTest::newRow("missing fields")
            << QByteArray(R"({"event":"step","step":1})"
                          "\n"  // no loss
                          R"({"event":"step","loss":0.5})"
                          "\n"  // no step
                          R"({"step":3,"loss":0.4})"
                          "\n"  // no event
                          R"({"event":"step","step":4,"loss":null})"
                          "\n"  // a non-finite loss
                          R"({"event":"step","step":5,"loss":"high"})"
                          "\n"  // wrong type
                          R"({"event":"evaluation","step":5,"eval_loss":0.6,"eval_f1_macro":-1})"
                          "\n"
                          R"({"event":"step","step":6,"loss":0.3})"
                          "\n")
            << QList<double>{6} << QList<double>{5} << 0 << 0 << 0;
        QTest::newRow("causal LM")
            << QByteArray(R"({"event":"evaluation","step":10,"eval_loss":5.1,"eval_perplexity":164.0})")
            << QList<double>{} << QList<double>{10} << 0 << 1 << 0;
        // A resumed run appends the steps after its checkpoint again; the newer values win.
        QTest::newRow("resumed") << QByteArray(R"({"event":"step","step":1,"loss":0.9})"
                                               "\n"
                                               R"({"event":"step","step":2,"loss":0.8})"
                                               "\n"
                                               R"({"event":"step","step":3,"loss":0.7})"
                                               "\n"
                                               R"({"event":"step","step":2,"loss":0.81})"
                                               "\n"
                                               R"({"event":"step","step":3,"loss":0.71})"
                                               "\n")
                                 << QList<double>{1, 2, 3} << QList<double>{} << 0 << 0 << 0;
        QTest::newRow("not JSON lines")
            << QByteArray("garbage\n[1,2]\n\n{\"event\":\"step\",\"step\":1,\"loss\":1}\n")
            << QList<double>{1} << QList<double>{} << 0 << 0 << 2;
        QTest::newRow("empty") << QByteArray() << QList<double>{} << QList<double>{} << 0 << 0 << 0;
    }

    void parsesMetrics() {
        QFETCH(QByteArray, text);
        QFETCH(QList<double>, trainSteps);
        QFETCH(QList<double>, evalLossSteps);
        QFETCH(int, f1Points);
        QFETCH(int, perplexityPoints);
        QFETCH(int, skipped);
        const ft::ui::RunMetrics m = ft::ui::parseRunMetrics(text);
        QCOMPARE(m.trainLoss.steps, trainSteps);
        QCOMPARE(m.trainLoss.values.size(), trainSteps.size());
        QCOMPARE(m.evalLoss.steps, evalLossSteps);
        QCOMPARE(m.evalF1Macro.size(), f1Points);
        QCOMPARE(m.evalPerplexity.size(), perplexityPoints);
        QCOMPARE(m.skippedLines, skipped);
        if (QTest::currentDataTag() == QByteArray("resumed"))
            QCOMPARE(m.trainLoss.values, (QList<double>{0.9, 0.81, 0.71}));
        if (QTest::currentDataTag() == QByteArray("normal")) {
            QCOMPARE(m.trainLoss.values, (QList<double>{0.9, 0.8}));
            QCOMPARE(m.learningRate.size(), 2);
            QCOMPARE(m.evalAccuracy.values, QList<double>{0.6});
            QCOMPARE(m.evalF1Macro.values, QList<double>{0.55});
        }
    }

    void readsRealRun() {
        const ft::ui::RunMetrics m = ft::ui::readRunMetrics(m_runs[0]);
        QCOMPARE(m.skippedLines, 0);
        QCOMPARE(m.trainLoss.size(), 7);  // steps 1, 2, 4, …, 12: the first, then every second
        QCOMPARE(m.trainLoss.steps.last(), 12.0);
        QCOMPARE(m.trainLoss.size(), countEvents(m_runs[0], "step"));
        QCOMPARE(m.evalLoss.steps, (QList<double>{4, 8, 12}));
        QCOMPARE(m.evalF1Macro.size(), 3);
        QCOMPARE(m.evalAccuracy.size(), 3);
        QVERIFY(m.evalPerplexity.isEmpty());  // a classifier
        for (double v : m.evalF1Macro.values) QVERIFY(v >= 0 && v <= 1);
        QVERIFY(ft::ui::readRunMetrics(m_dir.filePath(QStringLiteral("no-such-run"))).trainLoss.isEmpty());
    }

    void comparesTwoRealRuns() {
        ft::ui::RunsPanel panel;
        panel.setRunsDir(runsDir());
        QCOMPARE(panel.runsModel()->rowCount(), 2);
        QPushButton* compare = button(&panel, "compareButton");
        QPushButton* open = button(&panel, "openButton");
        panel.selectRuns({m_runs[0]});
        QVERIFY(!compare->isEnabled());  // one run: nothing to compare with
        QVERIFY(open->isEnabled());
        panel.selectRuns(m_runs);
        QCOMPARE(panel.selectedRuns().size(), 2);
        QVERIFY(compare->isEnabled());
        QVERIFY(!open->isEnabled());

        RunCompareView* view = panel.compareView();
        QSignalSpy loaded(view, &RunCompareView::loaded);
        compare->click();
        QVERIFY(panel.isComparing());
        QVERIFY(loaded.wait(20000));
        QCOMPARE(int(view->runs().size()), 2);
        for (int r = 0; r < 2; ++r) {
            const QString run = view->runs()[size_t(r)].path;
            QCOMPARE(view->pointCount(Chart::TrainingLoss, r), countEvents(run, "step"));
            QCOMPARE(view->pointCount(Chart::TrainingLoss, r), 7);
            QCOMPARE(view->pointCount(Chart::ValidationLoss, r), 3);
            QCOMPARE(view->pointCount(Chart::TaskMetric, r), 3);
            QVERIFY(view->legendText().contains(view->runs()[size_t(r)].name));
        }
        QCOMPARE(view->pointCount(Chart::TrainingLoss, 2), -1);
        QCOMPARE(view->taskMetric(), TaskMetric::MacroF1);  // classifiers: macro F1 by default
        QCOMPARE(view->valueAxisLabel(Chart::TaskMetric), QStringLiteral("validation macro F1"));
        view->setTaskMetric(TaskMetric::Accuracy);
        QCOMPARE(view->valueAxisLabel(Chart::TaskMetric), QStringLiteral("validation accuracy"));
        QCOMPARE(view->pointCount(Chart::TaskMetric, 1), 3);
        view->setTaskMetric(TaskMetric::Perplexity);
        QCOMPARE(view->pointCount(Chart::TaskMetric, 0), 0);  // not recorded for classifiers

        // The table: one column per run with its report's numbers, its model and how it started.
        const RunCompareModel* table = view->tableModel();
        QCOMPARE(table->columnCount(), 2);
        QCOMPARE(table->rowForField(RunCompareModel::PerplexityField), -1);  // no run has one
        for (int c = 0; c < 2; ++c) {
            const auto& run = view->runs()[size_t(c)];
            QCOMPARE(table->headerData(c, Qt::Horizontal).toString(), run.name);
            const auto report = ft::api::readEvalReport(run.path.toStdString());
            QVERIFY(report.ok());
            auto cell = [&](RunCompareModel::Field f) {
                return table->data(table->index(table->rowForField(f), c)).toString();
            };
            QCOMPARE(cell(RunCompareModel::AccuracyField), QLocale().toString(report->accuracy, 'f', 3));
            QCOMPARE(cell(RunCompareModel::F1Field), QLocale().toString(report->f1Macro, 'f', 3));
            QCOMPARE(cell(RunCompareModel::LossField), QLocale().toString(report->loss, 'f', 3));
            QCOMPARE(cell(RunCompareModel::ModelField),
                     QDir::toNativeSeparators(m_dir.filePath(QStringLiteral("model"))));
            QCOMPARE(cell(RunCompareModel::WeightsField), run.name == QStringLiteral("scratch")
                                                              ? QStringLiteral("from scratch (random)")
                                                              : QStringLiteral("pretrained"));
        }

        button(view, "backButton")->click();
        QVERIFY(!panel.isComparing());
        QCOMPARE(panel.selectedRuns().size(), 2);  // the selection survives the round trip
    }

    void comparesARunKilledMidWrite() {
        // A copy of a real run whose metrics.jsonl ends in half a line, as after kill -9.
        const QString killed = runsDir() + QStringLiteral("/killed");
        QList<QByteArray> lines = readFile(m_runs[0] + QStringLiteral("/metrics.jsonl")).split('\n');
        while (!lines.isEmpty() && !lines.last().contains("\"event\":\"step\"")) lines.removeLast();
        QVERIFY(!lines.isEmpty());
        lines.last().truncate(lines.last().size() / 2);
        writeFile(killed + QStringLiteral("/metrics.jsonl"), lines.join('\n'));
        writeFile(killed + QStringLiteral("/job.json"), readFile(m_runs[0] + QStringLiteral("/job.json")));

        ft::ui::RunsPanel panel;
        panel.setRunsDir(runsDir());
        QSignalSpy loaded(panel.compareView(), &RunCompareView::loaded);
        panel.compareRuns({m_runs[0], killed});
        QVERIFY(loaded.wait(20000));
        const RunCompareView* view = panel.compareView();
        QCOMPARE(view->pointCount(Chart::TrainingLoss, 1), view->pointCount(Chart::TrainingLoss, 0) - 1);
        // No report: its metrics are dashes, its model still known from job.json.
        const RunCompareModel* table = view->tableModel();
        QCOMPARE(table->data(table->index(table->rowForField(RunCompareModel::AccuracyField), 1)).toString(),
                 QString(QChar(0x2014)));
        QCOMPARE(table->data(table->index(table->rowForField(RunCompareModel::WeightsField), 1)).toString(),
                 QStringLiteral("pretrained"));
        QDir(killed).removeRecursively();
    }

    void causalLmRunsComparePerplexity() {
        // Runs written by hand (no report, an older job.json): the perplexity chart is chosen.
        QTemporaryDir dir;
        QStringList runs;
        for (int r = 0; r < 3; ++r) {
            const QString run = dir.filePath(QStringLiteral("lm-%1").arg(r));
            QByteArray lines;
            for (int s = 1; s <= 4; ++s)
                lines += QStringLiteral(R"({"event":"step","step":%1,"loss":%2})"
                                        "\n")
                             .arg(s)
                             .arg(5.0 - s * 0.1 * (r + 1))
                             .toUtf8();
            lines += QStringLiteral(R"({"event":"evaluation","step":4,"eval_loss":4.5,"eval_perplexity":%1})"
                                    "\n")
                         .arg(90 - r * 10)
                         .toUtf8();
            writeFile(run + QStringLiteral("/metrics.jsonl"), lines);
            writeFile(run + QStringLiteral("/job.json"),
                      R"({"version":0,"model":{"path":"/models/lm"},"obsolete_key":1})");
            runs.append(run);
        }
        // The last one finished: its report has a language-model section and no classification metrics.
        writeFile(
            runs[2] + QStringLiteral("/eval/report.json"),
            R"({"overall":{},"language_model":{"corpus_perplexity":{"value":152.5},"mean_token_nll":{"value":5.0275}}})");
        RunCompareView view;
        QAbstractItemModelTester tester(const_cast<RunCompareModel*>(view.tableModel()),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&view, &RunCompareView::loaded);
        std::vector<ft::ui::RunEntry> entries;
        for (const QString& run : runs) entries.push_back(ft::ui::scanRun(run));
        view.setRuns(entries);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(view.taskMetric(), TaskMetric::Perplexity);
        QCOMPARE(view.valueAxisLabel(Chart::TaskMetric), QStringLiteral("validation perplexity"));
        for (int r = 0; r < 3; ++r) {
            QCOMPARE(view.pointCount(Chart::TrainingLoss, r), 4);
            QCOMPARE(view.pointCount(Chart::TaskMetric, r), 1);
        }
        const RunCompareModel* table = view.tableModel();
        QCOMPARE(table->columnCount(), 3);
        QCOMPARE(table->rowCount(), 4);  // model, weights, loss, perplexity: no accuracy or F1 anywhere
        QCOMPARE(table->rowForField(RunCompareModel::AccuracyField), -1);
        auto cell = [table](RunCompareModel::Field f, int run) {
            return table->data(table->index(table->rowForField(f), run)).toString();
        };
        QCOMPARE(cell(RunCompareModel::ModelField, 2),
                 QDir::toNativeSeparators(QStringLiteral("/models/lm")));
        QCOMPARE(cell(RunCompareModel::WeightsField, 2), QStringLiteral("pretrained"));
        QCOMPARE(cell(RunCompareModel::PerplexityField, 2), QLocale().toString(152.5, 'f', 2));
        QCOMPARE(cell(RunCompareModel::LossField, 2), QLocale().toString(5.0275, 'f', 3));
        QCOMPARE(cell(RunCompareModel::PerplexityField, 0), QString(QChar(0x2014)));  // not finished
        // A new comparison replaces the old one.
        view.setRuns({entries[0]});
        QVERIFY(loaded.wait(20000));
        QCOMPARE(table->columnCount(), 1);
        QCOMPARE(view.pointCount(Chart::TrainingLoss, 1), -1);
    }

private:
    QString runsDir() const { return m_dir.filePath(QStringLiteral("runs")); }

    QTemporaryDir m_dir;
    QStringList m_runs;  // pretrained, scratch
};

QTEST_MAIN(TestUiRunsCompare)
#include "test_ui_runs_compare.moc"
