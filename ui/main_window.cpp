#include "ui/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

#include "ui/app_setup.h"
#include "ui/error_text.h"
#include "ui/job_bundle_dialog.h"
#include "ui/panels/config_panel.h"
#include "ui/preferences_dialog.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/eval_panel.h"
#include "ui/panels/export_panel.h"
#include "ui/panels/model_panel.h"
#include "ui/panels/playground_panel.h"
#include "ui/panels/runs_panel.h"
#include "ui/panels/train_panel.h"
#include "ui/qt_convert.h"
#include "ui/settings.h"
#include "ui/step_navigator.h"
#include "ui/training_controller.h"

#include "core/api/job_bundle.h"

namespace ft::ui {

MainWindow::MainWindow(const MainWindowOptions& options, QWidget* parent)
    : QMainWindow(parent), m_controller(new TrainingController(this)) {
    setWindowTitle(tr("Finetune Studio"));
    setWindowIcon(appIcon());

    m_navigator = new StepNavigator(this);
    m_modelPanel = new ModelPanel(options.bundledModelFolders, this);
    m_dataPanel = new DataPanel(this);
    m_configPanel = new ConfigPanel(this);
    m_trainPanel = new TrainPanel(*m_controller, this);
    m_evalPanel = new EvalPanel(this);
    m_exportPanel = new ExportPanel(this);
    m_playgroundPanel = new PlaygroundPanel(this);
    m_runsPanel = new RunsPanel(this);

    m_stack = new QStackedWidget(this);
    // In Step order: the stack's index is the step.
    for (StepPanel* p : {static_cast<StepPanel*>(m_modelPanel), static_cast<StepPanel*>(m_dataPanel),
                         static_cast<StepPanel*>(m_configPanel), static_cast<StepPanel*>(m_trainPanel),
                         static_cast<StepPanel*>(m_evalPanel), static_cast<StepPanel*>(m_exportPanel),
                         static_cast<StepPanel*>(m_playgroundPanel), static_cast<StepPanel*>(m_runsPanel)}) {
        m_stack->addWidget(p);
        connect(p, &StepPanel::stateChanged, this, &MainWindow::refreshStates);
    }

    auto* footer = new QHBoxLayout;
    m_backButton = new QPushButton(tr("Back"), this);
    m_nextButton = new QPushButton(this);
    m_nextButton->setDefault(true);
    footer->addWidget(m_backButton);
    footer->addStretch(1);
    footer->addWidget(m_nextButton);

    auto* right = new QVBoxLayout;
    right->setContentsMargins(14, 12, 14, 10);
    right->addWidget(m_stack, 1);
    right->addLayout(footer);

    auto* separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* navBox = new QVBoxLayout;
    navBox->setContentsMargins(8, 12, 8, 8);
    navBox->addWidget(m_navigator, 1);
    layout->addLayout(navBox);
    layout->addWidget(separator);
    layout->addLayout(right, 1);
    setCentralWidget(central);

    m_trainingStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_trainingStatus);
    createMenus();

    connect(m_navigator, &StepNavigator::stepActivated, this, &MainWindow::onStepActivated);
    connect(m_backButton, &QPushButton::clicked, this, [this]() {
        const int i = static_cast<int>(currentStep());
        if (i > 0) setCurrentStep(static_cast<Step>(i - 1));
    });
    connect(m_nextButton, &QPushButton::clicked, this, [this]() {
        const int i = static_cast<int>(currentStep());
        if (currentStep() == Step::Train && !m_controller->isRunning() && m_trainPanel->state() != StepState::Done) {
            m_trainPanel->startTraining();
            return;
        }
        if (i + 1 < kStepCount) setCurrentStep(static_cast<Step>(i + 1));
    });
    connect(m_modelPanel, &ModelPanel::modelSelected, this, [this](const QString&, int layers) {
        m_configPanel->setModelLayers(layers);
        const auto model = m_modelPanel->selectedModel();
        m_configPanel->setModelType(model ? toQ(model->modelType) : QString());
    });
    connect(m_trainPanel, &TrainPanel::runFinished, this, &MainWindow::onRunFinished);
    connect(m_trainPanel, &TrainPanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_controller, &TrainingController::runningChanged, this, [this](bool running) {
        m_trainingStatus->setText(running ? tr("Training\u2026") : QString());
        updateFooter();
    });
    connect(m_evalPanel, &EvalPanel::runOpened, m_exportPanel, &ExportPanel::setSource);
    connect(m_evalPanel, &EvalPanel::runOpened, m_playgroundPanel, &PlaygroundPanel::setFineTunedModel);
    connect(m_playgroundPanel, &PlaygroundPanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_exportPanel, &ExportPanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_runsPanel, &RunsPanel::openRunRequested, this, &MainWindow::openRun);

    m_runsPanel->setRunsDir(options.runsDir.isEmpty() ? Settings::runsDir().get() : options.runsDir);
    setJob(defaultJob());
    resize(1180, 760);
    restoreGeometry(Settings::windowGeometry().get());
    statusBar()->showMessage(tr("Ready"), 4000);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = file->addAction(tr("&New job"), this, &MainWindow::newJob);
    newAction->setShortcut(QKeySequence::New);
    QAction* openAction = file->addAction(tr("&Open job\u2026"), this, &MainWindow::openJobDialog);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentJobs"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();
    QAction* saveAction = file->addAction(tr("Save job &as\u2026"), this, &MainWindow::saveJobDialog);
    saveAction->setShortcut(QKeySequence::SaveAs);
    file->addAction(tr("Export job &bundle\u2026"), this, &MainWindow::exportJobBundleDialog);
    file->addSeparator();
    QAction* quitAction = file->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* preferences = edit->addAction(tr("&Preferences\u2026"), this, [this]() {
        PreferencesDialog dialog(this);
        if (dialog.exec() != QDialog::Accepted) return;
        if (!m_controller->isRunning()) m_runsPanel->setRunsDir(Settings::runsDir().get());
        statusBar()->showMessage(tr("Preferences saved; a new language shows at the next start."), 6000);
    });
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Finetune Studio"), this, [this]() {
        QMessageBox::about(this, tr("About Finetune Studio"),
                           tr("<h3>Finetune Studio %1</h3><p>Point-and-click fine-tuning of Hugging Face models "
                              "on your own computer.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

ft::api::JobConfig MainWindow::currentJob() const {
    ft::api::JobConfig job = m_job;
    // Every panel stores its fields; panels without a widget for a field leave it as loaded.
    for (int i = 0; i < kStepCount; ++i) panel(static_cast<Step>(i))->storeJob(job);
    return job;
}

void MainWindow::setJob(const ft::api::JobConfig& job) {
    m_job = job;
    for (int i = 0; i < kStepCount; ++i) panel(static_cast<Step>(i))->loadJob(m_job);
    refreshStates();
}

StepPanel* MainWindow::panel(Step step) const { return static_cast<StepPanel*>(m_stack->widget(static_cast<int>(step))); }

Step MainWindow::currentStep() const { return m_shownStep; }

void MainWindow::setCurrentStep(Step step) {
    m_navigator->setCurrentStep(step);  // emits stepActivated when it changes
    if (m_shownStep != step) onStepActivated(step);
}

void MainWindow::onStepActivated(Step step) {
    // Leaving a step commits its fields; entering one shows the job as it now is.
    panel(m_shownStep)->storeJob(m_job);
    m_shownStep = step;
    panel(step)->loadJob(m_job);
    if (step == Step::Configure) m_configPanel->markVisited();
    if (step == Step::Runs) m_runsPanel->refresh();
    m_stack->setCurrentIndex(static_cast<int>(step));
    updateFooter();
}

StepState MainWindow::stepState(Step step) const { return m_navigator->stepState(step); }

void MainWindow::refreshStates() {
    for (int i = 0; i < kStepCount; ++i) m_navigator->setStepState(static_cast<Step>(i), panel(static_cast<Step>(i))->state());
    updateFooter();
}

void MainWindow::updateFooter() {
    const Step step = currentStep();
    m_backButton->setEnabled(step != Step::Model);
    m_nextButton->setVisible(step != Step::Runs);
    if (step == Step::Train && m_trainPanel->state() != StepState::Done) {
        m_nextButton->setText(tr("Start training"));
        m_nextButton->setEnabled(!m_controller->isRunning());
        return;
    }
    m_nextButton->setEnabled(true);
    const int next = static_cast<int>(step) + 1;
    if (next < kStepCount)
        m_nextButton->setText(tr("Next: %1 \u25b8").arg(StepNavigator::stepTitle(static_cast<Step>(next))));
}

ft::Status MainWindow::saveJob(const QString& file) const {
    const QByteArray json = QByteArray::fromStdString(ft::api::jobConfigToJson(currentJob()));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size() || !out.commit())
        return ft::makeError("job.write_failed", "Could not write the job file: " + toStd(out.errorString()), toStd(file));
    return {};
}

ft::Status MainWindow::openJob(const QString& file) {
    auto job = ft::api::readJobConfig(toStd(file));
    if (!job.ok()) return job.error();
    setJob(job.value());
    m_configPanel->setJobFile(QFileInfo(file).absoluteFilePath());
    rememberRecentJob(QFileInfo(file).absoluteFilePath());
    return {};
}

ft::api::JobConfig MainWindow::defaultJob() const {
    ft::api::JobConfig job;
    job.output.runsDir = toStd(m_runsPanel->runsDir());
    job.training.threads = Settings::defaultThreads().get();
    job.training.device = toStd(Settings::defaultDevice().get());
    return job;
}

// File ▸ Open recent: the job files opened or saved before, those still there.
void MainWindow::fillRecentMenu() {
    m_recentMenu->clear();
    for (const QString& file : Settings::recentJobs().get()) {
        if (!QFileInfo::exists(file)) continue;
        QAction* action = m_recentMenu->addAction(QFileInfo(file).fileName(), this, [this, file]() {
            const ft::Status status = openJob(file);
            if (!status.ok()) QMessageBox::warning(this, tr("Open job"), tr("The job could not be opened.\n\n%1").arg(errorText(status.error())));
        });
        action->setToolTip(file);
        action->setStatusTip(file);
    }
    m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
}

void MainWindow::newJob() {
    setJob(defaultJob());
    m_configPanel->setJobFile(QString());
    setCurrentStep(Step::Model);
    statusBar()->showMessage(tr("New job"), 4000);
}

void MainWindow::openJobDialog() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open job"), Settings::lastDirectory().get(),
                                                      tr("Job files (*.json);;All files (*)"));
    if (file.isEmpty()) return;
    Settings::lastDirectory().set(QFileInfo(file).absolutePath());
    const ft::Status status = openJob(file);
    if (!status.ok()) {
        QMessageBox::warning(this, tr("Open job"), tr("The job could not be opened.\n\n%1").arg(errorText(status.error())));
        return;
    }
    statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(file).fileName()), 4000);
}

void MainWindow::saveJobDialog() {
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Save job as"), Settings::lastDirectory().get() + QLatin1String("/job.json"),
        tr("Job files (*.json)"));
    if (file.isEmpty()) return;
    Settings::lastDirectory().set(QFileInfo(file).absolutePath());
    const ft::Status status = saveJob(file);
    if (!status.ok()) {
        QMessageBox::warning(this, tr("Save job"), errorText(status.error()));
        return;
    }
    m_configPanel->setJobFile(QFileInfo(file).absoluteFilePath());
    rememberRecentJob(QFileInfo(file).absoluteFilePath());
    statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(file).fileName()), 4000);
}

ft::Status MainWindow::exportJobBundle(const QString& folder, int workers) const {
    return ft::api::writeJobBundle(currentJob(), toStd(folder), workers);
}

void MainWindow::exportJobBundleDialog() {
    JobBundleDialog dialog(Settings::lastDirectory().get() + QLatin1String("/job-bundle"), this);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString folder = dialog.folder();
    Settings::lastDirectory().set(QFileInfo(folder).absolutePath());
    const ft::Status status = exportJobBundle(folder, dialog.workers());
    if (!status.ok()) {
        QMessageBox::warning(this, tr("Export job bundle"), tr("The job bundle could not be written.\n\n%1").arg(errorText(status.error())));
        return;
    }
    QMessageBox::information(this, tr("Export job bundle"),
                             tr("The job bundle is in %1.\n\nOn this machine run run-local.sh; on a Slurm cluster run "
                                "\"sbatch run-slurm.sh\" from inside the folder. README.txt explains both.")
                                 .arg(QDir::toNativeSeparators(folder)));
}

void MainWindow::openRun(const QString& runDir) {
    m_evalPanel->openRun(runDir);  // also hands the run to the Export step
    setCurrentStep(Step::Evaluate);
}

void MainWindow::onRunFinished(const QString& runDir) {
    m_runsPanel->refresh();
    openRun(runDir);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_controller->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Training in progress"),
            tr("A run is still training. Cancel it and quit? The last checkpoint is kept and the run can be resumed."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        // The controller's destructor then waits for the engine to stop at the next step boundary.
        m_controller->cancel();
    }
    m_playgroundPanel->stop();  // a generation in progress ends at its next token
    if (m_exportPanel->isExporting()) {
        // Background work is waited for when the application exits; say so rather than seem to hang.
        const auto answer = QMessageBox::question(
            this, tr("Export in progress"),
            tr("An export is still being written. Quit anyway? The application exits once the export is done."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    Settings::windowGeometry().set(saveGeometry());
    event->accept();
}

}  // namespace ft::ui
