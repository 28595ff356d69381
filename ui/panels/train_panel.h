#pragma once
// Step 4: start, watch, pause and cancel a run. Events arrive in batches from the controller's
// drain timer; the plots are replotted once per batch, never per step.

#include <QString>

#include <vector>

#include "core/api/events.h"
#include "ui/step_panel.h"

class QCPGraph;
class QCustomPlot;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace ft::ui {

class PlotInteraction;
class TrainingController;

class TrainPanel : public StepPanel {
    Q_OBJECT
public:
    TrainPanel(TrainingController& controller, QWidget* parent = nullptr);

    void loadJob(const ft::api::JobConfig& job) override;
    void storeJob(ft::api::JobConfig& job) const override;
    StepState state() const override;

    void startTraining();
    // Applies a batch of engine events (public so tests can drive the panel without an engine).
    void applyEvents(const std::vector<ft::api::TrainEvent>& events);
    QString lastRunDir() const { return m_runDir; }
    int pointCount() const;  // training-loss points plotted
    QCustomPlot* lossPlot() const { return m_lossPlot; }

Q_SIGNALS:
    void runFinished(const QString& runDir);  // a run ended with Finished (report written)
    void statusMessage(const QString& text);

private:
    void onRunningChanged(bool running);
    void applyEvent(const ft::api::TrainEvent& e);
    void log(const QString& line);
    void resetPlots();
    void rescalePlots();
    void updateButtons();

    TrainingController& m_controller;
    ft::api::JobConfig m_job;
    QLabel* m_summary = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_pauseButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_stats = nullptr;
    QCustomPlot* m_lossPlot = nullptr;
    QCustomPlot* m_metricPlot = nullptr;
    QCPGraph* m_trainLoss = nullptr;
    QCPGraph* m_evalLoss = nullptr;
    QCPGraph* m_evalAccuracy = nullptr;
    QCPGraph* m_evalF1 = nullptr;
    QCPGraph* m_learningRate = nullptr;
    PlotInteraction* m_lossInteraction = nullptr;
    PlotInteraction* m_metricInteraction = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QString m_runDir;
    StepState m_state = StepState::Pending;
    bool m_paused = false;
};

}  // namespace ft::ui
