#pragma once
// The window: a step navigator on the left, one panel per step on the right, a Back / Next footer.
// It holds the job being edited and routes between panels; the panels hold the logic.

#include <QMainWindow>

class QMenu;
#include <QStringList>

#include "core/api/job_config.h"
#include "core/common/result.h"
#include "ui/step_panel.h"

class QLabel;
class QPushButton;
class QStackedWidget;

namespace ft::ui {

class ConfigPanel;
class DataPanel;
class EvalPanel;
class ExportPanel;
class ModelPanel;
class PlaygroundPanel;
class RunsPanel;
class StepNavigator;
class TrainingController;
class TrainPanel;

struct MainWindowOptions {
    QStringList bundledModelFolders;  // scanned besides the user's folders
    QString runsDir;                  // empty: the runs-directory setting
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const MainWindowOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The job as the panels currently have it.
    ft::api::JobConfig currentJob() const;
    void setJob(const ft::api::JobConfig& job);

    Step currentStep() const;
    void setCurrentStep(Step step);
    StepPanel* panel(Step step) const;
    StepState stepState(Step step) const;

    ft::Status saveJob(const QString& file) const;
    ft::Status openJob(const QString& file);
    // Writes the current job as a bundle (core/api/job_bundle.h) for `workers` processes per machine.
    ft::Status exportJobBundle(const QString& folder, int workers) const;
    // Shows the run's evaluation and makes it the Export step's source.
    void openRun(const QString& runDir);

    ModelPanel* modelPanel() const { return m_modelPanel; }
    DataPanel* dataPanel() const { return m_dataPanel; }
    ConfigPanel* configPanel() const { return m_configPanel; }
    TrainPanel* trainPanel() const { return m_trainPanel; }
    EvalPanel* evalPanel() const { return m_evalPanel; }
    ExportPanel* exportPanel() const { return m_exportPanel; }
    PlaygroundPanel* playgroundPanel() const { return m_playgroundPanel; }
    RunsPanel* runsPanel() const { return m_runsPanel; }
    TrainingController* controller() const { return m_controller; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void onStepActivated(Step step);
    void refreshStates();
    void updateFooter();
    void newJob();
    ft::api::JobConfig defaultJob() const;   // a new job: the preferences' runs folder, threads and device
    void fillRecentMenu();
    void openJobDialog();
    void saveJobDialog();
    void exportJobBundleDialog();
    void onRunFinished(const QString& runDir);

    TrainingController* m_controller = nullptr;
    QMenu* m_recentMenu = nullptr;
    StepNavigator* m_navigator = nullptr;
    QStackedWidget* m_stack = nullptr;
    ModelPanel* m_modelPanel = nullptr;
    DataPanel* m_dataPanel = nullptr;
    ConfigPanel* m_configPanel = nullptr;
    TrainPanel* m_trainPanel = nullptr;
    EvalPanel* m_evalPanel = nullptr;
    ExportPanel* m_exportPanel = nullptr;
    PlaygroundPanel* m_playgroundPanel = nullptr;
    RunsPanel* m_runsPanel = nullptr;
    QPushButton* m_backButton = nullptr;
    QPushButton* m_nextButton = nullptr;
    QLabel* m_trainingStatus = nullptr;
    ft::api::JobConfig m_job;
    Step m_shownStep = Step::Model;
};

}  // namespace ft::ui
