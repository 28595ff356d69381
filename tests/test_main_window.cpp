// The main window offscreen: step navigation, job round trips through the panels and job.json,
// and the panels' reactions to data, training events and evaluation reports.

#include <QTranslator>
#include <QXmlStreamReader>
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

#include <cmath>

#include "core/api/job_config.h"
#include "core/api/tiny_model.h"
#include "ui/app_setup.h"
#include "ui/main_window.h"
#include "ui/models/counterfactual_model.h"
#include "ui/models/generated_samples_model.h"
#include "ui/models/model_list_model.h"
#include "ui/models/dataset_table_model.h"
#include "ui/panels/config_panel.h"
#include "ui/preferences_dialog.h"
#include "ui/plot/plot_interaction.h"
#include "ui/plot/qcp.h"
#include "ui/panels/data_quality_chart.h"
#include "ui/widgets/layer_map_view.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/token_length_chart.h"
#include "ui/panels/eval_panel.h"
#include "ui/panels/export_panel.h"
#include "ui/panels/model_panel.h"
#include "ui/panels/runs_panel.h"
#include "ui/panels/train_panel.h"
#include "ui/settings.h"
#include "ui/training_controller.h"

using ft::ui::MainWindow;
using ft::ui::Step;
using ft::ui::StepState;

namespace {

// A two-class validation report (accuracy 0.8 over 10 examples) for the Evaluate step's tests.
ft::api::EvalReport smallClassifierReport(const std::string& runDir) {
    ft::api::EvalReport r;
    r.runDir = runDir;
    r.split = "validation";
    r.n = 10;
    r.accuracy = 0.8;
    r.labels = {"neg", "pos"};
    r.confusion = {{4, 1}, {1, 4}};
    r.perClass = {{"neg", 0.8, 0.8, 0.8, 5}, {"pos", 0.8, 0.8, 0.8, 5}};
    return r;
}

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
    t.earlyStoppingMetric = "f1_macro";
    t.earlyStoppingMode = "max";   // no widget: kept as loaded
    t.earlyStoppingMinDelta = 0.002;
    t.labelSmoothing = 0.15;
    t.dropout = 0.25;
    job.data.stratifyByGroup = true;
    job.data.cleaning.trim = true;
    job.data.cleaning.dropEmpty = true;
    job.data.cleaning.deduplicate = "near";
    job.data.cleaning.dropMissingLabel = false;
    auto& f = job.freezing;
    f.embeddings = true;
    f.lowerBlocks = 4;
    f.headOnly = false;
    f.gradualUnfreezeSteps = 200;
    f.layerLrDecay = 0.9;
    // LoRA off (it excludes from_scratch and freezing) but every other LoRA field unusual.
    job.lora.rank = 16;
    job.lora.alpha = 32;
    job.lora.dropout = 0.1;
    job.lora.targetModules = {"c_attn", "c_proj"};
    job.lora.rsLora = true;
    job.evaluation.counterfactual = false;
    job.evaluation.swapList = (dir + QStringLiteral("/swaps.txt")).toStdString();
    job.evaluation.intersections = {{"gender", "age_group"}};
    job.evaluation.beforeTraining = false;
    job.output.runsDir = (dir + QStringLiteral("/runs")).toStdString();
    job.output.runDir = (dir + QStringLiteral("/runs/fixed")).toStdString();
    return job;
}

// A valid LoRA job: no freezing, no from-scratch baseline.
ft::api::JobConfig loraJob(const QString& dir) {
    ft::api::JobConfig job = unusualJob(dir);
    job.model.fromScratch = false;
    job.freezing = ft::api::FreezingSection{};
    job.freezing.layerLrDecay = 0.8;  // not freezing: allowed with LoRA
    job.lora.enabled = true;
    return job;
}

std::string json(const ft::api::JobConfig& job) { return ft::api::jobConfigToJson(job); }

template <class T>
T* child(QObject* parent, const char* name) {
    T* w = parent->findChild<T*>(QLatin1String(name));
    if (!w) qFatal("no child %s", name);
    return w;
}

QString readText(const QString& file) {
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void writeFile(const QString& file, const std::string& text) {
    QDir().mkpath(QFileInfo(file).path());
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(file));
    f.write(text.data(), static_cast<qint64>(text.size()));
}

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
        QCOMPARE(window.stepState(Step::Export), StepState::Pending);
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

    // Presets set the optimization fields together and the combo follows edits; L2-SP is stored
    // unless LoRA leaves nothing to pull; the command line quotes the saved job's path.
    void configPanelPresetsL2spAndCommandLine() {
        ft::api::JobConfig job;
        job.model.path = m_dir.filePath(QStringLiteral("no-model")).toStdString();
        job.data.train = "t.csv";
        ft::ui::ConfigPanel panel;
        panel.loadJob(job);
        QComboBox* preset = panel.presetCombo();
        QCOMPARE(preset->currentIndex(), 0);  // the job's defaults are no preset's
        QCOMPARE(preset->count(), 4);
        Q_EMIT preset->activated(3);  // Thorough
        ft::api::JobConfig out = job;
        panel.storeJob(out);
        QCOMPARE(out.training.epochs, int64_t(6));
        QCOMPARE(out.training.learningRate, 3e-5);
        QCOMPARE(out.training.schedule, ft::api::Schedule::Cosine);
        QCOMPARE(out.training.earlyStoppingPatience, int64_t(3));
        QCOMPARE(out.training.labelSmoothing, 0.1);
        QCOMPARE(preset->currentIndex(), 3);
        child<QSpinBox>(&panel, "epochs")->setValue(7);
        QCOMPARE(preset->currentIndex(), 0);  // edited: Custom
        Q_EMIT preset->activated(1);          // Quick
        panel.storeJob(out);
        QCOMPARE(out.training.epochs, int64_t(1));
        QCOMPARE(out.training.learningRate, 1e-4);
        QCOMPARE(preset->currentIndex(), 1);
        QVERIFY(ft::api::validateJobConfig(out).ok());

        child<QDoubleSpinBox>(&panel, "l2sp")->setValue(0.01);
        panel.storeJob(out);
        QCOMPARE(out.training.l2sp, 0.01);
        child<QCheckBox>(&panel, "loraEnabled")->setChecked(true);
        panel.storeJob(out);
        QCOMPARE(out.training.l2sp, 0.0);
        QVERIFY(!child<QDoubleSpinBox>(&panel, "l2sp")->isEnabled());

        QCOMPARE(panel.commandLine(), QStringLiteral("finetune train job.json"));
        panel.setJobFile(QStringLiteral("/srv/jobs/job.json"));
        QCOMPARE(panel.commandLine(), QStringLiteral("finetune train /srv/jobs/job.json"));
        panel.setJobFile(QStringLiteral("/home/me/my jobs/Ann's.json"));
        QCOMPARE(panel.commandLine(), QStringLiteral("finetune train '/home/me/my jobs/Ann'\\''s.json'"));
        QCOMPARE(child<QLineEdit>(&panel, "commandLine")->text(), panel.commandLine());
    }

    // The layer map draws the model's layers from its weights and the freezing settings; clicking
    // it sets them: a block freezes it and those below, the topmost frozen block opens again.
    void configPanelLayerMapFollowsAndSetsFreezing() {
        const QString model = m_dir.filePath(QStringLiteral("tiny-gpt2-layers"));
        ft::api::TinyModelSpec spec;
        spec.outputFolder = model.toStdString();
        spec.layers = 2;
        QVERIFY(ft::api::makeTinyModel(spec).ok());
        ft::api::JobConfig job;
        job.model.path = model.toStdString();
        job.data.train = "t.csv";
        ft::ui::ConfigPanel panel;
        panel.loadJob(job);
        auto* map = child<ft::ui::LayerMapView>(&panel, "layerMap");
        QTRY_COMPARE(map->map().rows.size(), size_t(4));
        const auto trains = [&] {
            QString out;
            for (const auto& r : map->map().rows) out += r.trainable ? QLatin1Char('T') : QLatin1Char('-');
            return out;
        };
        QCOMPARE(trains(), QStringLiteral("TTTT"));   // bottom-up: embeddings, block 0, block 1, head
        const auto rowY = [&](int row) {
            for (int y = 0; y < map->height(); ++y)
                if (map->rowAt(y) == row) return y + 2;
            return -1;
        };
        panel.resize(1200, 900);
        panel.show();
        QVERIFY(rowY(2) >= 0);
        QTest::mouseClick(map, Qt::LeftButton, {}, QPoint(20, rowY(2)));  // block 1: freeze it, block 0 and the embeddings
        QCOMPARE(child<QSpinBox>(&panel, "lowerBlocks")->value(), 2);
        QTRY_COMPARE(trains(), QStringLiteral("---T"));
        QVERIFY(map->rowText(1).contains(QStringLiteral("frozen")));
        QTest::mouseClick(map, Qt::LeftButton, {}, QPoint(20, rowY(2)));  // the topmost frozen block opens again
        QCOMPARE(child<QSpinBox>(&panel, "lowerBlocks")->value(), 1);
        QTRY_COMPARE(trains(), QStringLiteral("--TT"));
        QTest::mouseClick(map, Qt::LeftButton, {}, QPoint(20, rowY(0)));  // frozen embeddings open, and the blocks above
        QCOMPARE(child<QSpinBox>(&panel, "lowerBlocks")->value(), 0);
        QTRY_COMPARE(trains(), QStringLiteral("TTTT"));
        QTest::mouseClick(map, Qt::LeftButton, {}, QPoint(20, rowY(0)));  // and freeze again
        QVERIFY(child<QCheckBox>(&panel, "freezeEmbeddings")->isChecked());
        QTRY_COMPARE(trains(), QStringLiteral("-TTT"));
        QVERIFY(child<QLabel>(&panel, "layerSummary")->text().startsWith(QStringLiteral("Trains ")));
        if (const QByteArray dir = qgetenv("FT_SCREENSHOT_DIR"); !dir.isEmpty())
            map->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/layer-map.png"));
    }

    void configPanelForgettingCheckFollowsTheTask() {
        ft::api::JobConfig job = unusualJob(m_dir.path());
        job.task = ft::api::Task::CausalLM;
        job.evaluation.referenceText = m_dir.filePath(QStringLiteral("reference.txt")).toStdString();
        ft::ui::ConfigPanel panel;
        panel.loadJob(job);
        auto* reference = panel.findChild<QLineEdit*>(QStringLiteral("referenceText"));
        QVERIFY(reference && reference->isEnabled());
        QVERIFY(!panel.findChild<QCheckBox*>(QStringLiteral("beforeTraining"))->isChecked());
        ft::api::JobConfig out;
        out.task = job.task;
        out.model.path = job.model.path;
        out.data = job.data;
        out.output = job.output;
        panel.storeJob(out);
        QCOMPARE(json(out), json(job));
        // A classifier of unknown architecture has no perplexity: the row is off until the Data step
        // picks a language model. A GPT-2 classifier keeps it (tied embeddings as its LM head).
        job.task = ft::api::Task::SequenceClassification;
        job.evaluation.referenceText.clear();
        panel.loadJob(job);
        QVERIFY(!reference->isEnabled());
        ft::api::TinyModelSpec gpt2;
        gpt2.outputFolder = m_dir.filePath(QStringLiteral("forgetting-gpt2")).toStdString();
        gpt2.vocabSize = 300;
        QVERIFY(ft::api::makeTinyModel(gpt2).ok());
        job.model.path = gpt2.outputFolder;
        panel.loadJob(job);
        QVERIFY(reference->isEnabled());
    }

    void configPanelLoraRoundTrip() {
        const ft::api::JobConfig job = loraJob(m_dir.path());
        ft::ui::ConfigPanel panel;
        panel.loadJob(job);
        QVERIFY(child<QCheckBox>(&panel, "loraEnabled")->isChecked());
        QCOMPARE(child<QLineEdit>(&panel, "loraTargets")->text(), QStringLiteral("c_attn, c_proj"));
        QVERIFY(child<QCheckBox>(&panel, "intersections")->isChecked());
        ft::api::JobConfig out;
        out.task = job.task;
        out.model.path = job.model.path;
        out.data = job.data;
        out.output = job.output;
        panel.storeJob(out);
        QCOMPARE(json(out), json(job));

        // Edited fields reach the job; blanks in the module list are dropped.
        child<QLineEdit>(&panel, "loraTargets")->setText(QStringLiteral(" q_proj ,, v_proj "));
        child<QCheckBox>(&panel, "rsLora")->setChecked(false);
        panel.storeJob(out);
        QCOMPARE(out.lora.targetModules, (std::vector<std::string>{"q_proj", "v_proj"}));
        QCOMPARE(out.lora.rsLora, false);
        child<QLineEdit>(&panel, "loraTargets")->clear();  // empty: the architecture's default
        panel.storeJob(out);
        QVERIFY(out.lora.targetModules.empty());
    }

    void configPanelLoraDisablesFreezing() {
        ft::api::JobConfig job;
        job.freezing.embeddings = true;
        job.freezing.lowerBlocks = 2;
        job.freezing.gradualUnfreezeSteps = 50;
        ft::ui::ConfigPanel panel;
        panel.loadJob(job);
        auto* lora = child<QCheckBox>(&panel, "loraEnabled");
        auto* embeddings = child<QCheckBox>(&panel, "freezeEmbeddings");
        auto* headOnly = child<QCheckBox>(&panel, "headOnly");
        auto* note = child<QLabel>(&panel, "freezingNote");
        QVERIFY(embeddings->isEnabled());
        QVERIFY(headOnly->isEnabled());
        QVERIFY(note->isHidden());
        QVERIFY(!child<QLineEdit>(&panel, "loraTargets")->isEnabled());

        lora->setChecked(true);
        QVERIFY(!embeddings->isEnabled());
        QVERIFY(!headOnly->isEnabled());
        QVERIFY(!note->isHidden());
        QVERIFY(child<QLineEdit>(&panel, "loraTargets")->isEnabled());
        ft::api::JobConfig out;
        panel.storeJob(out);
        // What is stored passes the validator's LoRA rule: no freezing, no from-scratch.
        QVERIFY(out.lora.enabled);
        QVERIFY(!out.freezing.embeddings);
        QCOMPARE(out.freezing.lowerBlocks, int64_t(0));
        QCOMPARE(out.freezing.gradualUnfreezeSteps, int64_t(0));
        QVERIFY(!out.model.fromScratch);

        // Off again: the freezing settings come back as they were.
        lora->setChecked(false);
        QVERIFY(embeddings->isEnabled());
        QVERIFY(note->isHidden());
        panel.storeJob(out);
        QVERIFY(!out.lora.enabled);
        QVERIFY(out.freezing.embeddings);
        QCOMPARE(out.freezing.lowerBlocks, int64_t(2));
        QCOMPARE(out.freezing.gradualUnfreezeSteps, int64_t(50));

        // A from-scratch baseline cannot use LoRA either.
        job = ft::api::JobConfig{};
        job.model.fromScratch = true;
        panel.loadJob(job);
        QVERIFY(!lora->isEnabled());
    }

    void configPanelLoraPlaceholderFollowsModel() {
        ft::ui::ConfigPanel panel;
        auto* targets = child<QLineEdit>(&panel, "loraTargets");
        panel.setModelType(QStringLiteral("gpt2"));
        QVERIFY2(targets->placeholderText().contains(QStringLiteral("c_attn")), qPrintable(targets->placeholderText()));
        panel.setModelType(QStringLiteral("distilbert"));
        QVERIFY(targets->placeholderText().contains(QStringLiteral("q_lin, v_lin")));
        panel.setModelType(QStringLiteral("bert"));
        QVERIFY(targets->placeholderText().contains(QStringLiteral("query, value")));
        panel.setModelType(QStringLiteral("qwen2"));
        QVERIFY(targets->placeholderText().contains(QStringLiteral("q_proj, v_proj")));
    }

    void configPanelIntersectionsPairAttributes() {
        ft::api::JobConfig job;
        job.data.groupColumns = {"gender", "age_group", "region"};
        ft::ui::ConfigPanel panel;
        panel.loadJob(job);
        auto* box = child<QCheckBox>(&panel, "intersections");
        QVERIFY(box->isEnabled());
        QVERIFY(!box->isChecked());
        box->setChecked(true);
        ft::api::JobConfig out;
        out.data = job.data;
        panel.storeJob(out);
        const std::vector<std::vector<std::string>> pairs = {
            {"gender", "age_group"}, {"gender", "region"}, {"age_group", "region"}};
        QCOMPARE(out.evaluation.intersections, pairs);
        // Loaded back, the box shows checked; unchecked, nothing is stored.
        panel.loadJob(out);
        QVERIFY(box->isChecked());
        box->setChecked(false);
        panel.storeJob(out);
        QVERIFY(out.evaluation.intersections.empty());
        // One attribute has no pairs: the box is off limits.
        job.data.groupColumns = {"gender"};
        panel.loadJob(job);
        QVERIFY(!box->isEnabled());
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
        // The Runs step lists the opened job's runs folder, where its runs will be written.
        ft::api::JobConfig elsewhere = job;
        elsewhere.output.runsDir = m_dir.filePath(QStringLiteral("other-runs")).toStdString();
        other.setJob(elsewhere);
        QCOMPARE(other.runsPanel()->runsDir(), m_dir.filePath(QStringLiteral("other-runs")));
    }

    // Saved and opened jobs go to File ▸ Open recent (newest first, once each); the preferences
    // give new jobs their threads and device; the window remembers its geometry when closed.
    void recentJobsPreferencesAndGeometry() {
        ft::ui::Settings::recentJobs().set({});
        MainWindow window(options());
        window.setJob(unusualJob(m_dir.path()));
        const QString first = m_dir.filePath(QStringLiteral("recent/first.json"));
        const QString second = m_dir.filePath(QStringLiteral("recent/second.json"));
        QVERIFY(QDir().mkpath(QFileInfo(first).path()));
        QVERIFY(window.saveJob(first).ok());
        QVERIFY(window.saveJob(second).ok());
        QVERIFY(window.openJob(first).ok());
        QVERIFY(window.openJob(second).ok());
        QVERIFY(window.openJob(first).ok());
        QCOMPARE(ft::ui::Settings::recentJobs().get(), (QStringList{first, second}));
        auto* recent = window.findChild<QMenu*>(QStringLiteral("recentJobs"));
        QVERIFY(recent);
        Q_EMIT recent->aboutToShow();
        QCOMPARE(recent->actions().size(), 2);
        QCOMPARE(recent->actions().first()->text(), QStringLiteral("first.json"));
        QFile::remove(second);   // a file gone since is not offered
        Q_EMIT recent->aboutToShow();
        QCOMPARE(recent->actions().size(), 1);

        ft::ui::PreferencesDialog preferences;
        preferences.threadsSpin()->setValue(3);
        preferences.deviceCombo()->setCurrentIndex(preferences.deviceCombo()->findData(QStringLiteral("cpu")));
        preferences.languageCombo()->setCurrentIndex(preferences.languageCombo()->findData(QStringLiteral("de")));
        preferences.accept();
        QCOMPARE(ft::ui::Settings::language().get(), QStringLiteral("de"));
        MainWindow fresh(options());
        QCOMPARE(fresh.currentJob().training.threads, 3);
        QCOMPARE(fresh.currentJob().training.device, std::string("cpu"));
        ft::ui::Settings::defaultThreads().set(0);
        ft::ui::Settings::defaultDevice().set(QStringLiteral("auto"));
        ft::ui::Settings::language().set(QString());

        ft::ui::Settings::windowGeometry().set({});
        fresh.resize(1320, 860);
        fresh.show();
        QVERIFY(fresh.close());
        QVERIFY(!ft::ui::Settings::windowGeometry().get().isEmpty());
        MainWindow restored(options());
        QCOMPARE(restored.size(), QSize(1320, 860));
    }

    void saveToUnwritablePathIsAnError() {
        MainWindow window(options());
        const ft::Status status = window.saveJob(m_dir.filePath(QStringLiteral("no/such/dir/job.json")));
        QVERIFY(!status.ok());
        QCOMPARE(QString::fromStdString(status.error().code), QStringLiteral("job.write_failed"));
    }

    // File ▸ Export job bundle… writes the window's current job (core/api/job_bundle.h has the details).
    void exportJobBundleWritesTheCurrentJob() {
        MainWindow window(options());
        const QString folder = m_dir.filePath(QStringLiteral("bundle"));
        // A job without a model cannot be read back, so it is not bundled.
        const ft::Status empty = window.exportJobBundle(folder, 2);
        QVERIFY(!empty.ok());
        QCOMPARE(QString::fromStdString(empty.error().field), QStringLiteral("model.path"));
        QVERIFY(!QFileInfo::exists(folder));

        ft::api::JobConfig job = window.currentJob();
        job.name = "bundled";
        job.model.path = m_dir.filePath(QStringLiteral("some-model")).toStdString();
        job.data.train = m_dir.filePath(QStringLiteral("some-data.csv")).toStdString();
        window.setJob(job);
        const ft::Status st = window.exportJobBundle(folder, 2);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        const auto reread = ft::api::readJobConfig((folder + QStringLiteral("/job.json")).toStdString());
        QVERIFY2(reread.ok(), reread.ok() ? "" : reread.error().describe().c_str());
        QCOMPARE(QString::fromStdString(reread->name), QStringLiteral("bundled"));
        QVERIFY(QFileInfo(folder + QStringLiteral("/run-local.sh")).isExecutable());
        const ft::Status again = window.exportJobBundle(folder, 2);
        QVERIFY(!again.ok());
        QCOMPARE(QString::fromStdString(again.error().code), QStringLiteral("bundle.folder_not_empty"));
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
        QAbstractItemModelTester tester(const_cast<ft::ui::DatasetTableModel*>(model),
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

    // The full pass shows its progress with a Stop button; stopping keeps the preview.
    void dataPanelFullPassCanBeStopped() {
        const QString model = m_dir.filePath(QStringLiteral("tiny-gpt2-pass"));
        ft::api::TinyModelSpec spec;
        spec.outputFolder = model.toStdString();
        QVERIFY(ft::api::makeTinyModel(spec).ok());
        const QString csv = m_dir.filePath(QStringLiteral("many-rows.csv"));
        std::string rows = "text,label\n";
        for (int i = 0; i < 200000; ++i) rows += "row " + std::to_string(i) + " with a few more words in it," + (i % 2 ? "a\n" : "b\n");
        writeFile(csv, rows);
        ft::api::JobConfig job;
        job.model.path = model.toStdString();
        job.data.train = csv.toStdString();
        ft::ui::DataPanel panel;
        QSignalSpy preview(&panel, &ft::ui::DataPanel::previewFinished);
        QSignalSpy stats(&panel, &ft::ui::DataPanel::statisticsFinished);
        QSignalSpy indexed(&panel, &ft::ui::DataPanel::rowsIndexed);
        panel.loadJob(job);
        QVERIFY(preview.wait(20000));
        QVERIFY(panel.fullPassRunning());  // started right after the preview
        panel.cancelFullPass();
        QVERIFY(stats.wait(20000));
        QVERIFY(!stats.first().first().toBool());
        QVERIFY(!panel.fullPassRunning());
        if (indexed.isEmpty()) QVERIFY(indexed.wait(20000));
        // The preview stays; the table covers the whole file only where its quick pass finished first.
        QCOMPARE(panel.previewModel()->rowCount(), indexed.first().first().toBool() ? 200000 : 200);
        QCOMPARE(panel.state(), StepState::Done);
    }

    // The table scrolls through the whole file once its rows are indexed; a Latin-1 file is read once
    // the user picks that encoding (the error says to), and the choice goes into the job.
    // A T5 model makes the Data step a text-to-text task (target column on, label off); another
    // model takes it back to classification.
    void dataPanelTaskFollowsAnEncoderDecoder() {
        const QString t5 = m_dir.filePath(QStringLiteral("tiny-t5"));
        ft::api::TinyModelSpec spec;
        spec.architecture = "t5";
        spec.outputFolder = t5.toStdString();
        spec.vocabSize = 100;
        QVERIFY(ft::api::makeTinyModel(spec).ok());
        const QString gpt2 = m_dir.filePath(QStringLiteral("tiny-gpt2-task"));
        spec = ft::api::TinyModelSpec();
        spec.outputFolder = gpt2.toStdString();
        spec.layers = 1;
        QVERIFY(ft::api::makeTinyModel(spec).ok());
        const QString csv = m_dir.filePath(QStringLiteral("pairs.csv"));
        writeFile(csv, "source,target\nthe cat sat,the cat\na dog ran,a dog\n");

        ft::ui::DataPanel panel;
        QSignalSpy preview(&panel, &ft::ui::DataPanel::previewFinished);
        ft::api::JobConfig job;
        job.model.path = t5.toStdString();
        job.data.train = csv.toStdString();
        job.data.textColumn = "source";
        panel.loadJob(job);
        QVERIFY(preview.wait(10000));
        auto* target = child<QComboBox>(&panel, "targetColumn");
        QVERIFY(target->isEnabled());
        QCOMPARE(target->currentData().toString(), QStringLiteral("target"));
        ft::api::JobConfig stored;
        panel.storeJob(stored);
        QCOMPARE(stored.task, ft::api::Task::Seq2SeqLM);
        QCOMPARE(stored.data.targetColumn, std::string("target"));
        QCOMPARE(panel.state(), ft::ui::StepState::Done);
        // The target must be another column than the text.
        target->setCurrentIndex(target->findData(QStringLiteral("source")));
        QCOMPARE(panel.state(), ft::ui::StepState::NeedsAttention);

        job = stored;
        job.model.path = gpt2.toStdString();
        panel.loadJob(job);
        panel.storeJob(stored);
        QCOMPARE(stored.task, ft::api::Task::SequenceClassification);
        QVERIFY(!target->isEnabled());
    }

    void dataPanelWholeFileAndEncoding() {
        const QString csv = m_dir.filePath(QStringLiteral("latin.csv"));
        std::string rows = "text,label\n";
        for (int i = 0; i < 5000; ++i) rows += "caf\xE9 " + std::to_string(i) + "," + (i % 2 ? "a\n" : "b\n");
        writeFile(csv, rows);
        ft::ui::DataPanel panel;
        QSignalSpy preview(&panel, &ft::ui::DataPanel::previewFinished);
        QSignalSpy indexed(&panel, &ft::ui::DataPanel::rowsIndexed);
        QSignalSpy stats(&panel, &ft::ui::DataPanel::statisticsFinished);
        panel.openDataset(csv);
        QVERIFY(preview.wait(10000));
        QVERIFY(!preview.first().first().toBool());
        QVERIFY2(panel.errorMessage().contains(QStringLiteral("line 2")), qPrintable(panel.errorMessage()));
        bool saysEncoding = false;  // the status line says where to choose it
        for (auto* label : panel.findChildren<QLabel*>()) saysEncoding = saysEncoding || label->text().contains(QStringLiteral("encoding"));
        QVERIFY(saysEncoding);
        auto* encoding = child<QComboBox>(&panel, "encoding");
        preview.clear();
        encoding->setCurrentIndex(encoding->findData(QStringLiteral("latin-1")));
        QVERIFY(preview.wait(10000));
        QVERIFY2(preview.first().first().toBool(), qPrintable(panel.errorMessage()));
        QVERIFY(indexed.wait(10000));
        QVERIFY(indexed.first().first().toBool());
        const auto* model = panel.previewModel();
        QCOMPARE(model->rowCount(), 5000);
        QCOMPARE(model->data(model->index(4999, 0)).toString(), QStringLiteral("caf\u00e9 4999"));
        // The label chart counts every row once the full pass is done (2,500 a and 2,500 b).
        QVERIFY(!panel.labelCountsCoverWholeFile() || stats.count() == 1);
        if (stats.isEmpty()) QVERIFY(stats.wait(20000));
        QVERIFY(stats.last().first().toBool());
        QVERIFY(panel.labelCountsCoverWholeFile());
        // A problem's line shows its row: line 4001 is row 3999 (the header is line 1), deep past the preview.
        QVERIFY(panel.showLine(4001));
        auto* table = child<QTableView>(&panel, "datasetTable");
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(table->selectionModel()->selectedRows().first().row(), 3999);
        QVERIFY(!panel.showLine(1));  // the header holds no row
        ft::api::JobConfig job;
        panel.storeJob(job);
        QCOMPARE(job.data.encoding, std::string("latin-1"));
    }

    // The full pass lists what it found, each problem with file:line; a clean file shows no list.
    void dataPanelListsProblems() {
        const QString csv = m_dir.filePath(QStringLiteral("one-class.csv"));
        writeFile(csv, std::string("text,label\nthe same,x\nthe same,x\nanother,x\n"));
        ft::ui::DataPanel panel;
        QSignalSpy stats(&panel, &ft::ui::DataPanel::statisticsFinished);
        panel.openDataset(csv);
        QVERIFY(stats.wait(20000));
        auto* problems = child<QListWidget>(&panel, "problems");
        QVERIFY(!problems->isHidden());
        QStringList texts;
        for (int i = 0; i < problems->count(); ++i) texts << problems->item(i)->toolTip() + QLatin1Char(' ') + problems->item(i)->text();
        const QString all = texts.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("data.single_class")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("data.duplicates")) && all.contains(QStringLiteral("one-class.csv:3: ")), qPrintable(all));
        // Clicking the duplicate's problem selects its row in the table (line 3 = row 1).
        for (int i = 0; i < problems->count(); ++i)
            if (problems->item(i)->text().contains(QStringLiteral("one-class.csv:3: "))) {
                const QRect rect = problems->visualItemRect(problems->item(i));
                QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, rect.center());
            }
        auto* table = child<QTableView>(&panel, "datasetTable");
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(table->selectionModel()->selectedRows().first().row(), 1);
        // The quality chart counts the same rows: one exact duplicate (and one near, the same row).
        const auto& bars = panel.qualityChart()->bars();
        QCOMPARE(bars.size(), size_t(6));
        QCOMPARE(bars[0].first, QStringLiteral("Exact duplicates"));
        QCOMPARE(bars[0].second, int64_t(1));
        QCOMPARE(bars[2].second, int64_t(0));  // no empty text
    }

    // With the job's model known, the Data step measures every row in tokens: a histogram, a cut-off
    // line at max length and the share that would be truncated; the few-shot and augmentation options
    // go into the job.
    void dataPanelDrawsTokenLengthsAndStoresSmallDataOptions() {
        const QString model = m_dir.filePath(QStringLiteral("tiny-gpt2-lengths"));
        ft::api::TinyModelSpec spec;
        spec.outputFolder = model.toStdString();
        spec.vocabSize = 300;
        QVERIFY(ft::api::makeTinyModel(spec).ok());
        const QString csv = m_dir.filePath(QStringLiteral("lengths.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("text,label\n");
        for (int i = 0; i < 40; ++i) f.write(QByteArray("some words ").repeated(1 + i % 10) + (i % 2 ? ",a\n" : ",b\n"));
        f.close();
        ft::api::JobConfig job;
        job.model.path = model.toStdString();
        job.data.train = csv.toStdString();
        job.data.maxLength = 16;
        ft::ui::DataPanel panel;
        QSignalSpy stats(&panel, &ft::ui::DataPanel::statisticsFinished);
        panel.loadJob(job);
        QVERIFY(stats.wait(20000));
        QVERIFY(stats.first().first().toBool());
        const double share = panel.tokenLengthChart()->truncatedShare();
        QVERIFY2(share > 0 && share < 1, qPrintable(QString::number(share)));
        QVERIFY(panel.tokenLengthChart()->caption().contains(QStringLiteral("16 tokens")));
        job.data.maxLength = 4096;  // the same file: the chart follows the new cut-off without another pass
        job.data.fewShotPerClass = 3;
        job.data.augmentation.enabled = true;
        panel.loadJob(job);
        QCOMPARE(panel.tokenLengthChart()->truncatedShare(), 0.0);
        ft::api::JobConfig stored;
        panel.storeJob(stored);
        QCOMPARE(stored.data.fewShotPerClass, int64_t(3));
        QVERIFY(stored.data.augmentation.enabled);
        // Cleaning and the split column from the widgets; a split column turns the seeded split's options off.
        child<QCheckBox>(&panel, "trimCells")->setChecked(true);
        auto* dedup = child<QComboBox>(&panel, "deduplicate");
        dedup->setCurrentIndex(dedup->findData(QStringLiteral("exact")));
        auto* split = child<QComboBox>(&panel, "splitColumn");
        QVERIFY(split->findData(QStringLiteral("label")) > 0);  // the file's columns are offered
        child<QCheckBox>(&panel, "stratifyGroups")->setChecked(true);
        panel.storeJob(stored);
        QVERIFY(stored.data.cleaning.trim && stored.data.stratifyByGroup);
        QCOMPARE(stored.data.cleaning.deduplicate, std::string("exact"));
        split->setCurrentIndex(split->findData(QStringLiteral("label")));
        panel.storeJob(stored);
        QCOMPARE(stored.data.splitColumn, std::string("label"));
        QVERIFY(!stored.data.stratifyByGroup);
        QVERIFY(!child<QCheckBox>(&panel, "stratifyGroups")->isEnabled());
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

        // The loss chart: hover values, PNG / PDF export, and a zoomed view that new points leave alone.
        QCustomPlot* plot = panel->lossPlot();
        auto* interaction = plot->findChild<ft::ui::PlotInteraction*>(QStringLiteral("plotInteraction"));
        QVERIFY(interaction);
        window.resize(1200, 800);
        window.show();
        window.setCurrentStep(Step::Train);
        plot->replot();
        const QPoint onPoint(int(plot->xAxis->coordToPixel(10)), int(plot->yAxis->coordToPixel(0.1)));
        QVERIFY2(interaction->hoverText(onPoint).contains(QStringLiteral("step 10: 0.1000")), qPrintable(interaction->hoverText(onPoint)));
        QVERIFY(interaction->hoverText(QPoint(-100, -100)).isEmpty());
        for (const char* name : {"loss.png", "loss.pdf"}) {
            const QString file = m_dir.filePath(QLatin1String(name));
            QVERIFY(ft::ui::PlotInteraction::save(plot, file));
            QVERIFY(QFileInfo(file).size() > 1000);
        }
        QVERIFY(readText(m_dir.filePath(QStringLiteral("loss.pdf"))).startsWith(QStringLiteral("%PDF")));
        plot->xAxis->setRange(2, 5);
        interaction->markUserView();   // as a wheel or drag does
        ft::api::TrainEvent more;
        more.kind = ft::api::EventKind::Step;
        more.step = 40;
        more.loss = 0.01;
        panel->applyEvents({more});
        QCOMPARE(plot->xAxis->range().upper, 5.0);   // the user's view stays
        interaction->followData();                    // double-click / "Show all data"
        QCOMPARE(plot->xAxis->range().upper, 40.0);

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

    // A run with a held-out test report: the Evaluate step switches between it and the validation split.
    void evalPanelSwitchesToTheTestReport() {
        const QString run = m_dir.filePath(QStringLiteral("runs/with-test"));
        ft::api::JobConfig job;
        job.model.path = "m";
        job.data.train = "t.csv";
        writeFile(run + QStringLiteral("/job.json"), ft::api::jobConfigToJson(job));
        const auto report = [](const char* split, double accuracy, int n) {
            return QStringLiteral(R"({"task": "classification", "dataset": {"split": "%1"}, "n": %3,
                "overall": {"accuracy": {"value": %2}}, "labels": ["neg", "pos"]})").arg(QLatin1String(split)).arg(accuracy).arg(n).toStdString();
        };
        writeFile(run + QStringLiteral("/eval/report.json"), report("validation", 0.75, 20));
        writeFile(run + QStringLiteral("/evaluations/test/eval/report.json"), report("test", 0.5, 40));
        ft::ui::EvalPanel panel;
        QVERIFY(panel.openRun(run));
        auto* split = panel.findChild<QComboBox*>(QStringLiteral("reportSplit"));
        QVERIFY(split && split->isVisibleTo(&panel));
        QCOMPARE(panel.runDir(), run);
        QVERIFY2(panel.title().contains(QStringLiteral("validation")), qPrintable(panel.title()));
        split->setCurrentIndex(1);
        Q_EMIT split->activated(1);
        QVERIFY2(panel.title().contains(QStringLiteral("test")) && panel.title().contains(QStringLiteral("with-test")), qPrintable(panel.title()));
        QCOMPARE(panel.runDir(), run);  // still the run; the report shown is its test report
        split->setCurrentIndex(0);
        Q_EMIT split->activated(0);
        QVERIFY(panel.title().contains(QStringLiteral("validation")));
        // A run without one offers no choice.
        QVERIFY(!panel.openRun(m_dir.filePath(QStringLiteral("no-run"))));
        QVERIFY(!split->isVisibleTo(&panel));
    }

    // The German catalogue: every message translated, none garbled, and the one built into the app
    // the one in the tree.
    void germanTranslationIsCompleteAndClean() {
        QFile ts(QStringLiteral(FT_TEST_DATA_DIR "/../../translations/finetune_studio_de.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QString context, source;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) continue;
            if (xml.name() == QLatin1String("name")) context = xml.readElementText();
            if (xml.name() == QLatin1String("source")) source = xml.readElementText();
            if (xml.name() != QLatin1String("translation")) continue;
            ++messages;
            const QString where = context + QStringLiteral(": ") + source;
            QVERIFY2(xml.attributes().value(QLatin1String("type")) != QLatin1String("unfinished"), qPrintable(where));
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            QVERIFY2(!text.isEmpty(), qPrintable(where));
            const bool doubled = text.size() % 2 == 0 && text.size() >= 4 && text.left(text.size() / 2) == text.mid(text.size() / 2) &&
                                 source != text;
            QVERIFY2(!doubled, qPrintable(where + QStringLiteral(" -> ") + text));
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString() + QStringLiteral(" at line %1").arg(xml.lineNumber())));
        QVERIFY(messages > 500);
        QTranslator german;
        QVERIFY(german.load(QLocale(QLocale::German), QStringLiteral("finetune_studio"), QStringLiteral("_"), QStringLiteral(":/i18n")));
        QCOMPARE(german.translate("ft::ui::GeneratedSamplesModel", "Model wrote"), QStringLiteral("Modell schrieb"));
        QCOMPARE(german.translate("ft::ui::HubDownloadDialog", "yes"), QStringLiteral("ja"));
    }

    // Text to text: no class tabs; the model's own generations beside their targets.
    void evalPanelShowsGeneratedTextForTextToText() {
        ft::ui::EvalPanel panel;
        ft::api::EvalReport r;
        r.runDir = m_dir.filePath(QStringLiteral("runs/t5")).toStdString();
        r.split = "validation";
        r.n = 4;
        r.loss = 0.9;
        r.perplexity = 2.46;
        r.exactMatch = 0.5;
        r.generatedExamples = 4;
        r.samples = {{"dog ran warm", "dog ran", "dog ran"}, {"sun is bright", "sun is", "sun"}};
        panel.showReport(r);
        auto* tabs = panel.findChild<QTabWidget*>();
        QVERIFY(tabs);
        const auto tabShown = [&](const char* name) {
            return tabs->isTabVisible(tabs->indexOf(panel.findChild<QWidget*>(QLatin1String(name))));
        };
        QVERIFY(!tabShown("perClass"));
        QVERIFY(!tabShown("confusion"));
        QVERIFY(tabShown("generated"));
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("generated"));
        const QAbstractItemModel* samples = panel.samplesModel();
        QCOMPARE(samples->rowCount(), 2);
        QCOMPARE(samples->data(samples->index(0, ft::ui::GeneratedSamplesModel::GeneratedColumn)).toString(), QStringLiteral("dog ran"));
        QCOMPARE(samples->data(samples->index(0, ft::ui::GeneratedSamplesModel::MatchColumn)).toString(), QStringLiteral("yes"));
        QCOMPARE(samples->data(samples->index(1, ft::ui::GeneratedSamplesModel::MatchColumn)).toString(), QStringLiteral("no"));
        QCOMPARE(samples->data(samples->index(1, ft::ui::GeneratedSamplesModel::SourceColumn), Qt::ToolTipRole).toString(),
                 QStringLiteral("sun is bright"));

        // A classifier's report afterwards: its class tabs back, no generated text.
        const ft::api::EvalReport c = smallClassifierReport(r.runDir);
        panel.showReport(c);
        QVERIFY(tabShown("perClass"));
        QVERIFY(tabShown("confusion"));
        QVERIFY(!tabShown("generated"));
        QCOMPARE(panel.samplesModel()->rowCount(), 0);
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("perClass"));  // its own first tab
        // Another classifier keeps the tab the user chose.
        tabs->setCurrentWidget(panel.findChild<QWidget*>(QStringLiteral("confusion")));
        panel.showReport(c);
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("confusion"));
        // A causal language model: neither class tabs nor generated text; Fairness first.
        ft::api::EvalReport lm = r;
        lm.samples.clear();
        lm.exactMatch = std::nan("");
        panel.showReport(lm);
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("fairness"));
    }

    void evalPanelShowsReport() {
        ft::ui::EvalPanel panel;
        QCOMPARE(panel.state(), StepState::Pending);
        QVERIFY(!panel.openRun(m_dir.filePath(QStringLiteral("no-run"))));
        QCOMPARE(panel.state(), StepState::Pending);
        ft::api::EvalReport r = smallClassifierReport(m_dir.filePath(QStringLiteral("runs/x")).toStdString());
        panel.showReport(r);
        QCOMPARE(panel.state(), StepState::Done);
        QCOMPARE(panel.runDir(), QString::fromStdString(r.runDir));
        QCOMPARE(panel.counterfactualModel()->rowCount(), 0);
        QVERIFY(panel.counterfactualSummary().contains(QStringLiteral("no counterfactual")));

        r.counterfactual.present = true;
        r.counterfactual.examples = 200;
        r.counterfactual.examplesWithSwaps = 40;
        r.counterfactual.pairs = 52;
        r.counterfactual.flipRate = std::nan("");  // e.g. a causal LM: undefined
        r.counterfactual.meanAbsDelta = 0.0123;
        r.counterfactual.invarianceFailRate = 0.05;
        r.counterfactual.worst = {{12, "he liked it", "she liked it", -0.31, true},
                                  {40, "his bag broke", "her bag broke", 0.02, false}};
        panel.showReport(r);
        QCOMPARE(panel.counterfactualModel()->rowCount(), 2);
        const QString summary = panel.counterfactualSummary();
        QVERIFY2(summary.contains(QStringLiteral("n/a")), qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("built-in English gender terms")));
        QVERIFY(summary.contains(QStringLiteral("52")));

        // Export: HTML rendered from the run folder, JSON and CSV copied, anything else refused.
        const QString run = QString::fromStdString(r.runDir);
        ft::api::JobConfig job;
        job.name = "exported <run>";
        job.model.path = "m";
        job.data.train = "t.csv";
        writeFile(run + QStringLiteral("/job.json"), ft::api::jobConfigToJson(job));
        const QByteArray reportJson = R"({"task": "classification", "overall": {"accuracy": {"value": 0.8}}, "labels": ["neg", "pos"]})";
        writeFile(run + QStringLiteral("/eval/report.json"), reportJson.toStdString());
        writeFile(run + QStringLiteral("/eval/report.csv"), "metric,value\naccuracy,0.8\n");
        writeFile(run + QStringLiteral("/metrics.jsonl"), "{\"event\":\"step\",\"step\":1,\"loss\":0.7}\n");
        QVERIFY(panel.findChild<QPushButton*>(QStringLiteral("exportReport"))->isVisibleTo(&panel));
        const QString html = m_dir.filePath(QStringLiteral("exported/report.html"));
        QDir().mkpath(QFileInfo(html).path());
        QCOMPARE(panel.exportReport(html), QString());
        const QString page = readText(html);
        QVERIFY(page.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(page.contains(QStringLiteral("exported &lt;run&gt;")));
        QVERIFY(page.contains(QStringLiteral("0.8000")));
        const QString json = m_dir.filePath(QStringLiteral("exported/report.json"));
        QCOMPARE(panel.exportReport(json), QString());
        QCOMPARE(readText(json).toUtf8(), reportJson);
        QCOMPARE(panel.exportReport(m_dir.filePath(QStringLiteral("exported/report.csv"))), QString());
        QVERIFY(!panel.exportReport(m_dir.filePath(QStringLiteral("exported/report.txt"))).isEmpty());
        QVERIFY(!panel.exportReport(m_dir.filePath(QStringLiteral("no-such-folder/report.html"))).isEmpty());
    }

    void exportPanelOffersAdapterOnlyForLoraRuns() {
        const QString root = m_dir.filePath(QStringLiteral("export-sources"));
        ft::api::JobConfig plain;
        plain.model.path = (root + QStringLiteral("/base")).toStdString();
        plain.data.train = (root + QStringLiteral("/train.csv")).toStdString();  // job.json must be valid
        ft::api::JobConfig lora = plain;
        lora.lora.enabled = true;
        writeFile(root + QStringLiteral("/runs/plain/job.json"), ft::api::jobConfigToJson(plain));
        writeFile(root + QStringLiteral("/runs/lora/job.json"), ft::api::jobConfigToJson(lora));
        writeFile(root + QStringLiteral("/model/config.json"), "{}");

        ft::ui::ExportPanel panel;
        auto* adapter = child<QCheckBox>(&panel, "adapterOnly");
        QCOMPARE(panel.sourceKind(), ft::ui::ExportPanel::SourceKind::None);
        QVERIFY(!panel.requestProblem().isEmpty());

        panel.setSource(root + QStringLiteral("/runs/lora"));
        QCOMPARE(panel.sourceKind(), ft::ui::ExportPanel::SourceKind::LoraRun);
        QVERIFY(panel.adapterOnlyAvailable());
        QVERIFY(adapter->isEnabled());
        QCOMPARE(panel.output(), root + QStringLiteral("/runs/lora/export"));  // proposed inside the run
        QVERIFY(panel.requestProblem().isEmpty());
        panel.setAdapterOnly(true);
        QVERIFY(adapter->isChecked());

        panel.setSource(root + QStringLiteral("/runs/plain"));
        QCOMPARE(panel.sourceKind(), ft::ui::ExportPanel::SourceKind::Run);
        QVERIFY(!panel.adapterOnlyAvailable());
        QVERIFY(!adapter->isEnabled());
        QVERIFY(!adapter->isChecked());  // a LoRA choice does not carry over

        panel.setSource(root + QStringLiteral("/model"));
        QCOMPARE(panel.sourceKind(), ft::ui::ExportPanel::SourceKind::ModelFolder);
        QVERIFY(!adapter->isEnabled());
        QCOMPARE(panel.output(), root + QStringLiteral("/model-export"));

        panel.setSource(root);
        QCOMPARE(panel.sourceKind(), ft::ui::ExportPanel::SourceKind::Invalid);
        QVERIFY(!panel.startExport());

        // The output is replaced whole, so it may not hold the source or a LoRA run's base model.
        panel.setSource(root + QStringLiteral("/runs/lora"));
        panel.setOutput(root + QStringLiteral("/runs"));
        QVERIFY(!panel.requestProblem().isEmpty());
        panel.setOutput(root + QStringLiteral("/runs/lora"));
        QVERIFY(!panel.requestProblem().isEmpty());
        panel.setOutput(root);  // holds base/
        QVERIFY(!panel.requestProblem().isEmpty());
        QVERIFY(!panel.startExport());
        panel.setOutput(root + QStringLiteral("/elsewhere"));
        QVERIFY(panel.requestProblem().isEmpty());
        // A chosen output stays when the source changes.
        panel.setSource(root + QStringLiteral("/runs/plain"));
        QCOMPARE(panel.output(), root + QStringLiteral("/elsewhere"));
    }

    void exportPanelExportsTinyModel() {
        const QString model = m_dir.filePath(QStringLiteral("tiny-gpt2"));
        ft::api::TinyModelSpec spec;
        spec.outputFolder = model.toStdString();
        spec.vocabSize = 300;
        const ft::Status made = ft::api::makeTinyModel(spec);
        QVERIFY2(made.ok(), made.ok() ? "" : made.error().describe().c_str());

        MainWindow window(options());
        ft::ui::ExportPanel* panel = window.exportPanel();
        window.setCurrentStep(Step::Export);
        panel->setSource(model);
        const QString out = m_dir.filePath(QStringLiteral("exported/tiny-fp16"));
        panel->setOutput(out);
        panel->setDtype(QStringLiteral("float16"));
        QSignalSpy finished(panel, &ft::ui::ExportPanel::exportFinished);
        QVERIFY(panel->startExport());
        QVERIFY(panel->isExporting());
        QVERIFY(!panel->startExport());  // one at a time
        QVERIFY(finished.wait(120000));
        const auto& outcome = panel->lastOutcome();
        QVERIFY2(outcome.ok, outcome.error.describe().c_str());
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(outcome.summary.kind, std::string("model"));
        QVERIFY(outcome.summary.parameters > 0);
        QVERIFY(outcome.summary.maxLogitDifference >= 0);
        QVERIFY(outcome.summary.maxLogitDifference <= outcome.summary.tolerance);
        QVERIFY(outcome.summary.generationChecked);  // a decoder
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/config.json")));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/README.md")));
        QCOMPARE(panel->state(), StepState::Done);
        QCOMPARE(window.stepState(Step::Export), StepState::Done);

        // A failing export is reported in the panel with the core's message.
        const QString broken = m_dir.filePath(QStringLiteral("broken-model"));
        writeFile(broken + QStringLiteral("/config.json"), "{}");
        panel->setSource(broken);
        panel->setOutput(m_dir.filePath(QStringLiteral("exported/broken")));
        finished.clear();
        QVERIFY(panel->startExport());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!panel->lastOutcome().ok);
        QVERIFY(!panel->lastOutcome().error.message.empty());
        QCOMPARE(panel->state(), StepState::NeedsAttention);
    }

    void modelPanelListsTheOpenedJobsModel() {
        // A job whose model lives outside every scanned folder (the installed demo's case) still
        // shows its model as found, not "Model not found".
        const QString model = m_dir.filePath(QStringLiteral("elsewhere/tiny"));
        ft::api::TinyModelSpec spec;
        spec.outputFolder = model.toStdString();
        spec.layers = 1;
        spec.hidden = 32;
        QVERIFY(ft::api::makeTinyModel(spec).ok());
        ft::ui::ModelPanel panel({});
        QSignalSpy scanned(&panel, &ft::ui::ModelPanel::scanFinished);
        QVERIFY(scanned.wait(20000));
        ft::api::JobConfig job;
        job.model.path = model.toStdString();
        panel.loadJob(job);
        QVERIFY(scanned.wait(20000));
        const auto selected = panel.selectedModel();
        QVERIFY(selected.has_value());
        QCOMPARE(QString::fromStdString(selected->path), model);
        QCOMPARE(panel.state(), StepState::Done);
    }

    void modelPanelListsBundledModelsFirst() {
        // Bundled models first (source "bundled"), then the Hugging Face cache, then the user's
        // folders, whatever their names; a job without a model starts on the bundled one.
        QTemporaryDir dir;
        auto tiny = [](const QString& folder) {
            ft::api::TinyModelSpec spec;
            spec.outputFolder = folder.toStdString();
            spec.layers = 1;
            spec.hidden = 32;
            return ft::api::makeTinyModel(spec).ok();
        };
        const QString bundledDir = dir.filePath(QStringLiteral("share/models"));  // a folder of model folders
        const QString starter = bundledDir + QStringLiteral("/starter-gpt2");
        QVERIFY(tiny(starter));
        const QString hub = dir.filePath(QStringLiteral("hub"));
        QVERIFY(tiny(hub + QStringLiteral("/models--org--cached/snapshots/abc123")));
        writeFile(hub + QStringLiteral("/models--org--cached/refs/main"), "abc123");
        const QString user = dir.filePath(QStringLiteral("aaa-mine"));  // sorts first by name, listed last
        QVERIFY(tiny(user));
        qputenv("HF_HUB_CACHE", QFile::encodeName(hub));
        ft::ui::Settings::modelFolders().set({user});

        ft::ui::ModelPanel panel({bundledDir});
        QSignalSpy scanned(&panel, &ft::ui::ModelPanel::scanFinished);
        QSignalSpy selected(&panel, &ft::ui::ModelPanel::modelSelected);
        QVERIFY(scanned.wait(20000));
        const ft::ui::ModelListModel* list = panel.listModel();
        QCOMPARE(list->rowCount(), 3);
        const auto& models = list->models();
        QCOMPARE(QString::fromStdString(models[0].path), starter);
        QCOMPARE(models[0].source, std::string("bundled"));
        QCOMPARE(models[1].name, std::string("org/cached"));
        QCOMPARE(models[1].source, std::string("hf-cache"));
        QCOMPARE(QString::fromStdString(models[2].path), user);
        QCOMPARE(models[2].source, std::string("folder"));
        QCOMPARE(list->data(list->index(0, ft::ui::ModelListModel::SourceColumn)).toString(),
                 QStringLiteral("bundled"));

        // Selected by default, and the job takes it.
        QVERIFY(panel.selectedModel().has_value());
        QCOMPARE(QString::fromStdString(panel.selectedModel()->path), starter);
        QVERIFY(!selected.isEmpty());
        QCOMPARE(selected.last().first().toString(), starter);
        ft::api::JobConfig job;
        panel.storeJob(job);
        QCOMPARE(QString::fromStdString(job.model.path), starter);
        QCOMPARE(panel.state(), StepState::Done);
        // A job that names a model keeps it; a new job without one goes back to the bundled model.
        job.model.path = user.toStdString();
        panel.loadJob(job);
        QCOMPARE(QString::fromStdString(panel.selectedModel()->path), user);
        panel.loadJob(ft::api::JobConfig{});
        panel.storeJob(job);
        QCOMPARE(QString::fromStdString(job.model.path), starter);

        // The bundled model added as a user folder too is listed once, still as bundled.
        ft::ui::Settings::modelFolders().set({bundledDir, user});
        panel.refresh();
        QVERIFY(scanned.wait(20000));
        QCOMPARE(list->rowCount(), 3);
        QCOMPARE(models[0].source, std::string("bundled"));

        // The window's new job has the bundled model too.
        ft::ui::MainWindowOptions o = options();
        o.bundledModelFolders = {bundledDir};
        MainWindow window(o);
        QSignalSpy windowScanned(window.modelPanel(), &ft::ui::ModelPanel::scanFinished);
        QVERIFY(windowScanned.wait(20000));
        QCOMPARE(QString::fromStdString(window.currentJob().model.path), starter);
        QCOMPARE(window.stepState(Step::Model), StepState::Done);

        ft::ui::Settings::modelFolders().set({});
        qunsetenv("HF_HUB_CACHE");
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
