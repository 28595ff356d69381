// The desktop app end to end, as a user drives it: Model → Data → Configure → Train (a tiny model,
// really trained on the controller's thread) → Evaluate, with an event-loop probe that measures the
// longest stall of the GUI thread while training runs; and Pause / Resume / Cancel on a long run.

#include <QPlainTextEdit>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <algorithm>

#include "test_fixtures.h"
#include "ui/main_window.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/eval_panel.h"
#include "ui/panels/model_panel.h"
#include "ui/panels/train_panel.h"
#include "ui/training_controller.h"

using ft::ui::MainWindow;
using ft::ui::Step;
using ft::ui::StepState;

namespace {

// Ticks every 5 ms on the GUI thread; the longest gap between two ticks is the longest time the
// event loop could not run (a stall the user would feel as a frozen window).
class StallProbe : public QObject {
public:
    StallProbe() {
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this]() {
            const qint64 now = m_clock.elapsed();
            if (m_last >= 0) m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
    }
    void start() {
        m_clock.start();
        m_last = -1;
        m_worst = 0;
        m_timer.start(5);
    }
    void stop() { m_timer.stop(); }
    qint64 worstGapMs() const { return m_worst; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1, m_worst = 0;
};

QPushButton* button(QWidget* parent, const QString& text) {
    for (QPushButton* b : parent->findChildren<QPushButton*>())
        if (b->text() == text) return b;
    return nullptr;
}

}  // namespace

class TestGuiWorkflow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_models, m_model, m_csv;

    ft::ui::MainWindowOptions options(const QString& runs) const {
        ft::ui::MainWindowOptions o;
        o.bundledModelFolders = {m_models};
        o.runsDir = m_dir.filePath(runs);
        return o;
    }

    // Model → Data → Configure through the panels, as clicks would; returns false on a failed QVERIFY.
    bool prepare(MainWindow& window, int epochs) {
        QSignalSpy scanned(window.modelPanel(), &ft::ui::ModelPanel::scanFinished);
        window.modelPanel()->showDownloadedModel(m_model);
        while (!window.modelPanel()->selectedModel() || window.modelPanel()->selectedModel()->path != m_model.toStdString())
            if (!scanned.wait(20000)) return false;

        window.setCurrentStep(Step::Data);
        QSignalSpy previewed(window.dataPanel(), &ft::ui::DataPanel::previewFinished);
        window.dataPanel()->openDataset(m_csv);
        if (!previewed.wait(20000) || !previewed.first().first().toBool()) return false;
        // The sensitive attribute, ticked in the list of columns.
        for (QListWidget* list : window.dataPanel()->findChildren<QListWidget*>())
            for (int i = 0; i < list->count(); ++i)
                if (list->item(i)->text() == QStringLiteral("group")) list->item(i)->setCheckState(Qt::Checked);

        window.setCurrentStep(Step::Configure);
        auto* config = window.panel(Step::Configure);
        config->findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(epochs);
        // One core for training, one for the window, as on the 2-core machines this runs on.
        config->findChild<QSpinBox*>(QStringLiteral("threads"))->setValue(1);
        window.setCurrentStep(Step::Train);
        return window.currentJob().data.groupColumns == std::vector<std::string>{"group"};
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_models = m_dir.filePath(QStringLiteral("models"));
        m_model = m_models + QStringLiteral("/tiny-gpt2");
        const QString error = fixtures::makeTinyGpt2(m_model);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_csv = m_dir.filePath(QStringLiteral("reviews.csv"));
        fixtures::writeEasyCsv(m_csv, 160);
    }

    void trainsThroughEveryStepWithoutStallingTheWindow() {
        MainWindow window(options(QStringLiteral("runs")));
        window.resize(1200, 800);
        window.show();
        QVERIFY(prepare(window, 3));
        auto* train = window.trainPanel();
        QSignalSpy finished(train, &ft::ui::TrainPanel::runFinished);
        StallProbe probe;
        probe.start();
        QPushButton* start = button(train, QStringLiteral("Start training"));
        QVERIFY(start && start->isEnabled());
        start->click();
        QVERIFY(window.controller()->isRunning());
        QVERIFY(finished.wait(180000));
        probe.stop();

        // The curves received every logged step; the run folder holds its report.
        QVERIFY(train->pointCount() >= 3);
        const QString runDir = finished.first().first().toString();
        QVERIFY(QFile::exists(runDir + QStringLiteral("/eval/report.json")));
        QVERIFY(QFile::exists(runDir + QStringLiteral("/best/model.safetensors")));
        QCOMPARE(train->state(), StepState::Done);
#if defined(__linux__)
        const auto* runLog = train->findChild<QPlainTextEdit*>(QStringLiteral("runLog"));
        QVERIFY(runLog);
        QVERIFY2(runLog->toPlainText().contains(QStringLiteral("Peak memory of the app so far: ")), qPrintable(runLog->toPlainText()));
#endif

        // Evaluate: the metric cards, the per-class table and the fairness slices are filled.
        QCOMPARE(window.currentStep(), Step::Evaluate);
        auto* eval = window.evalPanel();
        QCOMPARE(eval->runDir(), runDir);
        const auto* perClass = eval->findChild<QTableView*>(QStringLiteral("perClass"));
        QVERIFY(perClass && perClass->model()->rowCount() == 2);   // pos, neg
        const auto* fairness = eval->findChild<QWidget*>(QStringLiteral("fairness"));
        QVERIFY(fairness);
        int sliceRows = 0;
        for (const QTableView* view : fairness->findChildren<QTableView*>()) sliceRows += view->model()->rowCount();
        QVERIFY2(sliceRows >= 2, qPrintable(QString::number(sliceRows)));   // groups a and b
        bool accuracyShown = false;
        for (const QLabel* value : eval->findChildren<QLabel*>(QStringLiteral("value")))
            accuracyShown |= value->text().contains(QLatin1Char('%')) || value->text().contains(QLatin1Char('.'));
        QVERIFY(accuracyShown);

        qInfo("longest event-loop stall while training: %lld ms", static_cast<long long>(probe.worstGapMs()));
        QVERIFY2(probe.worstGapMs() < 50, qPrintable(QStringLiteral("the window stalled for %1 ms").arg(probe.worstGapMs())));
    }

    void pauseResumeAndCancel() {
        MainWindow window(options(QStringLiteral("runs-long")));
        window.resize(1200, 800);
        window.show();
        QVERIFY(prepare(window, 400));
        auto* train = window.trainPanel();
        auto* controller = window.controller();
        QSignalSpy running(controller, &ft::ui::TrainingController::runningChanged);
        button(train, QStringLiteral("Start training"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(train->pointCount() >= 3, 60000);

        QPushButton* pause = button(train, QStringLiteral("Pause"));
        QVERIFY(pause && pause->isEnabled());
        pause->click();
        QTRY_VERIFY_WITH_TIMEOUT(button(train, QStringLiteral("Resume")) != nullptr, 5000);  // the engine said Paused
        const int pausedAt = train->pointCount();
        QTest::qWait(400);
        QCOMPARE(train->pointCount(), pausedAt);   // no step while paused
        QVERIFY(controller->isRunning());

        button(train, QStringLiteral("Resume"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(train->pointCount() > pausedAt, 10000);

        QElapsedTimer clock;
        clock.start();
        button(train, QStringLiteral("Cancel"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!controller->isRunning(), 5000);
        qInfo("cancel took %lld ms", static_cast<long long>(clock.elapsed()));
        QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
        // The cancelled run kept a checkpoint to resume from.
        QDir runs(m_dir.filePath(QStringLiteral("runs-long")));
        const QStringList folders = runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(folders.size(), 1);
        QVERIFY(!QDir(runs.filePath(folders.first()) + QStringLiteral("/checkpoints")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
        QVERIFY(button(train, QStringLiteral("Start training"))->isEnabled());
    }
};

QTEST_MAIN(TestGuiWorkflow)
#include "test_gui_workflow.moc"
