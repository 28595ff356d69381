// The main window offscreen: step navigation, job round trips through the panels and job.json,
// and the panels' reactions to data, training events and evaluation reports.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "core/api/job_config.h"
#include "ui/app_setup.h"
#include "ui/main_window.h"
#include "ui/models/preview_table_model.h"
#include "ui/panels/config_panel.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/eval_panel.h"
#include "ui/panels/model_panel.h"
#include "ui/panels/runs_panel.h"
#include "ui/panels/train_panel.h"
#include "ui/training_controller.h"

using ft::ui::MainWindow;
using ft::ui::Step;
using ft::ui::StepState;

namespace {

// Every field away from its default, so a field the panels drop or mangle shows up.
ft::api::JobConfig unusualJob(const QString& dir) {
    ft::api::JobConfig job;
    job.name = "round-trip";
    job.task = ft::api::Task::SequenceClassification;
    job.model.path = (dir + QStringLiteral("/model")).toStdString();
    job.model.fromScratch = true;
    job.data.train = (dir + QStringLiteral("/train.csv")).toStdString();
    job.data.textColumn = "review";
    job.data.textPairColumn = "context";
    job.data.labelColumn = "sentiment";
    job.data.groupColumns = {"gender", "age_group"};
    job.data.validationFraction = 0.15;
    job.data.maxLength = 96;
    auto& t = job.training;
    t.epochs = 7;
    t.maxSteps = 1234;
    t.batchSize = 24;
    t.gradAccumSteps = 3;
    t.learningRate = 3e-4;
    t.weightDecay = 0.01;
    t.warmupRatio = 0.06;
    t.warmupSteps = 17;
    t.schedule = ft::api::Schedule::Cosine;
    t.optimizer = ft::api::Optimizer::Sgd;
    t.adamBeta1 = 0.85;
    t.adamBeta2 = 0.98;
    t.adamEpsilon = 1e-6;
    t.sgdMomentum = 0.9;
    t.maxGradNorm = 0.5;
    t.seed = 1337;
    t.threads = 2;
    t.device = "cpu";
    t.evalEverySteps = 50;
    t.logEverySteps = 5;
    t.saveEverySteps = 100;
    t.earlyStoppingPatience = 3;
    auto& f = job.freezing;
    f.embeddings = true;
    f.lowerBlocks = 4;
    f.headOnly = false;
    f.gradualUnfreezeSteps = 200;
    f.layerLrDecay = 0.9;
    job.output.runsDir = (dir + QStringLiteral("/runs")).toStdString();
    job.output.runDir = (dir + QStringLiteral("/runs/fixed")).toStdString();
    return job;
}

std::string json(const ft::api::JobConfig& job) { return ft::api::jobConfigToJson(job); }

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // settings go to a throw-away location
        QCoreApplication::setOrganizationName(QStringLiteral("finetune-studio-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_main_window"));
        ft::ui::initResources();
        QVERIFY(m_dir.isValid());
    }

    void navigatesAllSteps() {
        MainWindow window(options());
        window.show();
        QVERIFY(!ft::ui::appIcon().isNull());
        QCOMPARE(window.currentStep(), Step::Model);
        auto* stack = window.findChild<QStackedWidget*>();
        QVERIFY(stack);
        for (int i = 0; i < ft::ui::kStepCount; ++i) {
            const auto step = static_cast<Step>(i);
            window.setCurrentStep(step);
            QCOMPARE(window.currentStep(), step);
            QCOMPARE(stack->currentWidget(), static_cast<QWidget*>(window.panel(step)));
        }
        // Visiting Configure marks it done: the defaults are a valid configuration.
        QCOMPARE(window.stepState(Step::Configure), StepState::Done);
        QCOMPARE(window.stepState(Step::Evaluate), StepState::Pending);
        QVERIFY(window.close());  // not training: closes without asking
    }

    void configPanelRoundTrip() {
        const ft::api::JobConfig job = unusualJob(m_dir.path());
        ft::ui::ConfigPanel panel;
        panel.loadJob(job);
        ft::api::JobConfig out;  // the sections the panel does not own come from the job
        out.task = job.task;
        out.model.path = job.model.path;
        out.data = job.data;
        out.output = job.output;
        panel.storeJob(out);
        QCOMPARE(json(out), json(job));
    }

    void configPanelBoundsLowerBlocksByModel() {
        ft::ui::ConfigPanel panel;
        panel.setModelLayers(6);
        QCOMPARE(panel.lowerBlocksMaximum(), 6);
        ft::api::JobConfig job;
        job.freezing.lowerBlocks = 5;
        panel.loadJob(job);
        ft::api::JobConfig out;
        panel.storeJob(out);
        QCOMPARE(out.freezing.lowerBlocks, int64_t(5));
    }

    void windowJobRoundTripAndSave() {
        const ft::api::JobConfig job = unusualJob(m_dir.path());
        MainWindow window(options());
        window.setJob(job);
        QCOMPARE(json(window.currentJob()), json(job));
        // Walking through every step (each stores and loads) must not change the job either.
        for (int i = 0; i < ft::ui::kStepCount; ++i) window.setCurrentStep(static_cast<Step>(i));
        QCOMPARE(json(window.currentJob()), json(job));

        const QString file = m_dir.filePath(QStringLiteral("saved/job.json"));
        QVERIFY(QDir().mkpath(QFileInfo(file).path()));
        const ft::Status saved = window.saveJob(file);
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().describe().c_str());
        const auto reread = ft::api::readJobConfig(file.toStdString());
        QVERIFY2(reread.ok(), reread.ok() ? "" : reread.error().describe().c_str());
        QCOMPARE(json(reread.value()), json(job));

        MainWindow other(options());
        const ft::Status opened = other.openJob(file);
        QVERIFY(opened.ok());
        QCOMPARE(json(other.currentJob()), json(job));
    }

    void saveToUnwritablePathIsAnError() {
        MainWindow window(options());
        const ft::Status status = window.saveJob(m_dir.filePath(QStringLiteral("no/such/dir/job.json")));
        QVERIFY(!status.ok());
        QCOMPARE(QString::fromStdString(status.error().code), QStringLiteral("job.write_failed"));
    }

    void openBrokenJobIsAnError() {
        const QString file = m_dir.filePath(QStringLiteral("broken.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ \"training\": { \"batch_size\": \"many\" } }");
        f.close();
        MainWindow window(options());
        const auto before = json(window.currentJob());
        QVERIFY(!window.openJob(file).ok());
        QCOMPARE(json(window.currentJob()), before);  // a failed open leaves the job alone
    }

    void dataPanelPreviewsCsv() {
        const QString csv = m_dir.filePath(QStringLiteral("reviews.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("text,label,gender\n");
        for (int i = 0; i < 30; ++i)
            f.write(QStringLiteral("review number %1 was %2,%3,%4\n")
                        .arg(i)
                        .arg(i % 3 ? QStringLiteral("fine") : QStringLiteral("awful"))
                        .arg(i % 3 ? QStringLiteral("pos") : QStringLiteral("neg"))
                        .arg(i % 2 ? QStringLiteral("f") : QStringLiteral("m"))
                        .toUtf8());
        f.close();
        ft::ui::DataPanel panel;
        QSignalSpy spy(&panel, &ft::ui::DataPanel::previewFinished);
        panel.openDataset(csv);
        QCOMPARE(panel.state(), StepState::Pending);  // loading
        QVERIFY(spy.wait(10000));
        QVERIFY2(spy.first().first().toBool(), qPrintable(panel.errorMessage()));
        const auto* model = panel.previewModel();
        QAbstractItemModelTester tester(const_cast<ft::ui::PreviewTableModel*>(model),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 30);
        QCOMPARE(model->columnCount(), 3);
        ft::api::JobConfig job;
        panel.storeJob(job);
        QCOMPARE(QString::fromStdString(job.data.train), csv);
        QCOMPARE(job.data.textColumn, std::string("text"));
        QCOMPARE(job.data.labelColumn, std::string("label"));
        QCOMPARE(panel.state(), StepState::Done);
    }

    void dataPanelReportsMissingFile() {
        ft::ui::DataPanel panel;
        QSignalSpy spy(&panel, &ft::ui::DataPanel::previewFinished);
        panel.openDataset(m_dir.filePath(QStringLiteral("missing.csv")));
        QVERIFY(spy.wait(10000));
        QCOMPARE(spy.first().first().toBool(), false);
        QVERIFY(panel.errorMessage().contains(QStringLiteral("missing.csv")));
        QCOMPARE(panel.state(), StepState::NeedsAttention);
    }

    void trainPanelPlotsEventsAndFinishes() {
        MainWindow window(options());
        ft::ui::TrainPanel* panel = window.trainPanel();
        QSignalSpy finished(panel, &ft::ui::TrainPanel::runFinished);
        std::vector<ft::api::TrainEvent> events;
        ft::api::TrainEvent started;
        started.kind = ft::api::EventKind::Started;
        started.totalSteps = 20;
        started.path = m_dir.filePath(QStringLiteral("runs/x")).toStdString();
        events.push_back(started);
        for (int s = 1; s <= 20; ++s) {
            ft::api::TrainEvent e;
            e.kind = ft::api::EventKind::Step;
            e.step = s;
            e.totalSteps = 20;
            e.loss = 1.0 / s;
            e.learningRate = 1e-4;
            events.push_back(e);
        }
        ft::api::TrainEvent eval;
        eval.kind = ft::api::EventKind::Evaluation;
        eval.step = 20;
        eval.evalLoss = 0.4;
        eval.evalAccuracy = 0.8;
        eval.evalF1Macro = 0.78;
        events.push_back(eval);
        panel->applyEvents(events);
        QCOMPARE(panel->pointCount(), 20);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(panel->state(), StepState::Pending);

        ft::api::TrainEvent done;
        done.kind = ft::api::EventKind::Finished;
        done.path = started.path;
        panel->applyEvents({done});
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toString(), QString::fromStdString(started.path));
        QCOMPARE(panel->state(), StepState::Done);
        // The window follows a finished run to its evaluation.
        QCOMPARE(window.currentStep(), Step::Evaluate);
    }

    void trainPanelShowsFailure() {
        MainWindow window(options());
        ft::api::TrainEvent failed;
        failed.kind = ft::api::EventKind::Failed;
        failed.code = "model.load_failed";
        failed.message = "boom";
        window.trainPanel()->applyEvents({failed});
        QCOMPARE(window.trainPanel()->state(), StepState::NeedsAttention);
        QCOMPARE(window.stepState(Step::Train), StepState::NeedsAttention);
    }

    void startRefusesInvalidJob() {
        MainWindow window(options());
        window.setCurrentStep(Step::Train);
        window.trainPanel()->startTraining();  // no model, no data: validation fails, nothing starts
        QVERIFY(!window.controller()->isRunning());
        QCOMPARE(window.trainPanel()->state(), StepState::NeedsAttention);
    }

    void evalPanelShowsReport() {
        ft::ui::EvalPanel panel;
        QCOMPARE(panel.state(), StepState::Pending);
        QVERIFY(!panel.openRun(m_dir.filePath(QStringLiteral("no-run"))));
        QCOMPARE(panel.state(), StepState::Pending);
        ft::api::EvalReport r;
        r.runDir = m_dir.filePath(QStringLiteral("runs/x")).toStdString();
        r.split = "validation";
        r.n = 10;
        r.accuracy = 0.8;
        r.labels = {"neg", "pos"};
        r.confusion = {{4, 1}, {1, 4}};
        r.perClass = {{"neg", 0.8, 0.8, 0.8, 5}, {"pos", 0.8, 0.8, 0.8, 5}};
        panel.showReport(r);
        QCOMPARE(panel.state(), StepState::Done);
        QCOMPARE(panel.runDir(), QString::fromStdString(r.runDir));
    }

    void controllerShutsDownIdle() {
        // Construct and destroy: the worker thread must quit and join without a run.
        auto* controller = new ft::ui::TrainingController;
        QVERIFY(!controller->isRunning());
        controller->cancel();  // harmless without a run
        delete controller;
    }

private:
    ft::ui::MainWindowOptions options() const {
        ft::ui::MainWindowOptions o;
        o.runsDir = m_dir.filePath(QStringLiteral("runs"));
        return o;
    }

    QTemporaryDir m_dir;
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
