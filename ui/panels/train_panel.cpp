#include "ui/panels/train_panel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include "ui/error_text.h"
#include "ui/panels/panel_header.h"
#include "ui/plot/plot_interaction.h"
#include "ui/plot/plot_style.h"
#include "ui/plot/qcp.h"
#include "ui/qt_convert.h"
#include "ui/training_controller.h"

namespace ft::ui {

namespace {
QCPGraph* addGraph(QCustomPlot* plot, QCPAxis* y, const QString& name, int color, bool scatter = false) {
    QCPGraph* g = plot->addGraph(plot->xAxis, y);
    g->setName(name);
    g->setPen(QPen(seriesColor(color), 1.6));
    if (scatter) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    return g;
}
}  // namespace

TrainPanel::TrainPanel(TrainingController& controller, QWidget* parent) : StepPanel(parent), m_controller(controller) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makePanelHeader(tr("Train"),
                                      tr("Start the run and watch the losses. You can pause, or cancel: the last "
                                         "checkpoint stays valid and the run can be resumed."),
                                      this));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto* controls = new QHBoxLayout;
    m_startButton = new QPushButton(tr("Start training"), this);
    m_startButton->setDefault(true);
    m_startButton->setToolTip(tr("Check the job and start training in the background."));
    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_pauseButton->setToolTip(tr("Pause after the current optimizer step."));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setToolTip(tr("Stop after the current step; the last checkpoint is kept."));
    m_progress = new QProgressBar(this);
    m_progress->setFormat(tr("step %v / %m"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    controls->addWidget(m_startButton);
    controls->addWidget(m_pauseButton);
    controls->addWidget(m_cancelButton);
    controls->addWidget(m_progress, 1);
    layout->addLayout(controls);
    m_stats = new QLabel(this);
    layout->addWidget(m_stats);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* plots = new QWidget(splitter);
    auto* plotsLayout = new QHBoxLayout(plots);
    plotsLayout->setContentsMargins(0, 0, 0, 0);
    m_lossPlot = createPlot(plots);
    m_lossPlot->xAxis->setLabel(tr("step"));
    m_lossPlot->yAxis->setLabel(tr("loss"));
    m_lossPlot->legend->setVisible(true);
    m_trainLoss = addGraph(m_lossPlot, m_lossPlot->yAxis, tr("training loss"), 0);
    m_evalLoss = addGraph(m_lossPlot, m_lossPlot->yAxis, tr("validation loss"), 1, true);
    m_metricPlot = createPlot(plots);
    m_metricPlot->xAxis->setLabel(tr("step"));
    m_metricPlot->yAxis->setLabel(tr("accuracy / F1"));
    m_metricPlot->yAxis2->setVisible(true);
    m_metricPlot->yAxis2->setLabel(tr("learning rate"));
    m_metricPlot->legend->setVisible(true);
    m_metricPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    m_evalAccuracy = addGraph(m_metricPlot, m_metricPlot->yAxis, tr("accuracy"), 2, true);
    m_evalF1 = addGraph(m_metricPlot, m_metricPlot->yAxis, tr("macro F1"), 3, true);
    m_learningRate = addGraph(m_metricPlot, m_metricPlot->yAxis2, tr("learning rate"), 4);
    m_learningRate->setPen(QPen(seriesColor(4), 1.2, Qt::DashLine));
    // Zoom, pan, hover values and PNG / PDF export; a chart the user moved stops following new data.
    m_lossInteraction = new PlotInteraction(m_lossPlot, QStringLiteral("loss"));
    m_metricInteraction = new PlotInteraction(m_metricPlot, QStringLiteral("metrics"));
    for (PlotInteraction* interaction : {m_lossInteraction, m_metricInteraction})
        connect(interaction, &PlotInteraction::followDataRequested, this, &TrainPanel::rescalePlots);
    plotsLayout->addWidget(m_lossPlot, 1);
    plotsLayout->addWidget(m_metricPlot, 1);
    m_log = new QPlainTextEdit(splitter);
    m_log->setObjectName(QStringLiteral("runLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(tr("Warnings and run messages appear here."));
    splitter->addWidget(plots);
    splitter->addWidget(m_log);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_startButton, &QPushButton::clicked, this, &TrainPanel::startTraining);
    // Pause / resume / cancel go straight to the engine's atomics: the worker thread is busy in run().
    connect(m_pauseButton, &QPushButton::clicked, this, [this]() {
        if (m_controller.isPaused()) m_controller.resume();
        else m_controller.pause();
    });
    connect(m_cancelButton, &QPushButton::clicked, this, [this]() {
        m_controller.cancel();
        log(tr("Cancelling after the current step\u2026"));
    });
    connect(&m_controller, &TrainingController::eventsReady, this, &TrainPanel::applyEvents);
    connect(&m_controller, &TrainingController::runningChanged, this, &TrainPanel::onRunningChanged);
    resetPlots();
    updateButtons();
}

void TrainPanel::loadJob(const ft::api::JobConfig& job) {
    m_job = job;
    const QString model = job.model.path.empty() ? tr("no model") : QFileInfo(toQ(job.model.path)).fileName();
    const QString data = job.data.train.empty() ? tr("no dataset") : QFileInfo(toQ(job.data.train)).fileName();
    const QString steps = job.training.maxSteps > 0 ? tr("%n step(s)", nullptr, static_cast<int>(job.training.maxSteps))
                                                    : tr("%n epoch(s)", nullptr, static_cast<int>(job.training.epochs));
    m_summary->setText(tr("<b>%1</b> on <b>%2</b> \u2014 %3, batch %4, learning rate %5%6")
                           .arg(model.toHtmlEscaped(), data.toHtmlEscaped(), steps)
                           .arg(job.training.batchSize)
                           .arg(QLocale::c().toString(job.training.learningRate, 'g', 3))
                           .arg(job.model.fromScratch ? tr(", from scratch") : QString()));
}

void TrainPanel::storeJob(ft::api::JobConfig&) const {}  // the panel only reads the job

StepState TrainPanel::state() const { return m_state; }

int TrainPanel::pointCount() const { return m_trainLoss->dataCount(); }

void TrainPanel::startTraining() {
    const ft::Status valid = ft::api::validateJobConfig(m_job);
    if (!valid.ok()) {
        log(tr("Cannot start: %1").arg(errorText(valid.error())));
        m_state = StepState::NeedsAttention;
        Q_EMIT stateChanged();
        Q_EMIT statusMessage(tr("The job is not ready to train; see the log."));
        return;
    }
    resetPlots();
    m_log->clear();
    m_runDir.clear();
    if (!m_controller.start(m_job)) return;
    log(tr("Starting \u201c%1\u201d\u2026").arg(toQ(m_job.name)));
    m_state = StepState::Pending;
    Q_EMIT stateChanged();
}

void TrainPanel::onRunningChanged(bool running) {
    Q_UNUSED(running);
    updateButtons();
}

void TrainPanel::updateButtons() {
    const bool running = m_controller.isRunning();
    m_startButton->setEnabled(!running);
    m_pauseButton->setEnabled(running);
    m_cancelButton->setEnabled(running);
    m_pauseButton->setText(m_paused ? tr("Resume") : tr("Pause"));
}

void TrainPanel::resetPlots() {
    for (QCPGraph* g : {m_trainLoss, m_evalLoss, m_evalAccuracy, m_evalF1, m_learningRate}) g->data()->clear();
    m_lossInteraction->resetView();  // a new run: the charts follow its data
    m_metricInteraction->resetView();
    m_lossPlot->xAxis->setRange(0, 10);
    m_lossPlot->yAxis->setRange(0, 1);
    m_metricPlot->xAxis->setRange(0, 10);
    m_metricPlot->yAxis->setRange(0, 1);
    m_metricPlot->yAxis2->setRange(0, 1e-4);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_stats->setText(tr("Not started."));
    m_paused = false;
    m_lossPlot->replot();
    m_metricPlot->replot();
}

void TrainPanel::log(const QString& line) { m_log->appendPlainText(line); }

void TrainPanel::applyEvents(const std::vector<ft::api::TrainEvent>& events) {
    for (const auto& e : events) applyEvent(e);
    rescalePlots();
    updateButtons();
}

// One rescale and replot per batch of events (~40 ms), however many steps it held; a chart the
// user zoomed or panned keeps their view (and still gets the new points).
void TrainPanel::rescalePlots() {
    bool found = false;
    const QCPRange keys = m_trainLoss->data()->keyRange(found);
    const double xMax = found ? qMax(keys.upper, 1.0) : 10.0;
    if (!m_lossInteraction->userView()) {
        m_lossPlot->xAxis->setRange(0, xMax);
        m_lossPlot->yAxis->rescale();
        m_lossPlot->yAxis->setRangeLower(0);
        m_lossPlot->yAxis->setRangeUpper(qMax(m_lossPlot->yAxis->range().upper * 1.05, 0.1));
    }
    if (!m_metricInteraction->userView()) {
        m_metricPlot->xAxis->setRange(0, xMax);
        m_metricPlot->yAxis->setRange(0, 1.02);
        m_learningRate->rescaleValueAxis(false, true);
        m_metricPlot->yAxis2->setRangeLower(0);
    }
    m_lossPlot->replot(QCustomPlot::rpQueuedReplot);
    m_metricPlot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainPanel::applyEvent(const ft::api::TrainEvent& e) {
    using ft::api::EventKind;
    const QLocale locale;
    switch (e.kind) {
    case EventKind::Started:
        m_runDir = toQ(e.path);
        m_progress->setRange(0, static_cast<int>(qMax<int64_t>(1, e.totalSteps)));
        log(tr("Run folder: %1").arg(m_runDir));
        log(tr("Training %1 of %2 parameters.").arg(formatCount(e.trainableParams), formatCount(e.totalParams)));
        break;
    case EventKind::Step:
        m_trainLoss->addData(double(e.step), e.loss);
        m_learningRate->addData(double(e.step), e.learningRate);
        if (e.totalSteps > 0) m_progress->setMaximum(static_cast<int>(e.totalSteps));
        m_progress->setValue(static_cast<int>(e.step));
        m_stats->setText(tr("Epoch %1 \u00b7 loss %2 \u00b7 %3 tokens/s \u00b7 %4 samples/s \u00b7 elapsed %5 \u00b7 ETA %6")
                             .arg(locale.toString(e.epoch, 'f', 2), locale.toString(e.loss, 'f', 4),
                                  locale.toString(e.tokensPerSecond, 'f', 0), locale.toString(e.samplesPerSecond, 'f', 1),
                                  formatDuration(e.elapsedSeconds), formatDuration(e.etaSeconds)));
        break;
    case EventKind::Evaluation:
        if (e.evalLoss >= 0) m_evalLoss->addData(double(e.step), e.evalLoss);
        if (e.evalAccuracy >= 0) m_evalAccuracy->addData(double(e.step), e.evalAccuracy);
        if (e.evalF1Macro >= 0) m_evalF1->addData(double(e.step), e.evalF1Macro);
        log(tr("Step %1: validation loss %2, accuracy %3, macro F1 %4")
                .arg(e.step)
                .arg(locale.toString(e.evalLoss, 'f', 4), locale.toString(e.evalAccuracy, 'f', 3),
                     locale.toString(e.evalF1Macro, 'f', 3)));
        break;
    case EventKind::CheckpointSaved: log(tr("Checkpoint saved: %1").arg(toQ(e.path))); break;
    case EventKind::Paused:
        m_paused = true;
        log(tr("Paused at step %1.").arg(e.step));
        Q_EMIT statusMessage(tr("Training paused"));
        break;
    case EventKind::Resumed:
        m_paused = false;
        log(tr("Resumed."));
        Q_EMIT statusMessage(tr("Training resumed"));
        break;
    case EventKind::Warning: log(tr("Warning: %1").arg(toQ(e.message))); break;
    case EventKind::Finished:
        if (!e.path.empty()) m_runDir = toQ(e.path);
        m_progress->setValue(m_progress->maximum());
        m_state = StepState::Done;
        m_paused = false;
        log(tr("Finished. Results are in %1").arg(m_runDir));
        // The app's own high-water mark: this run's peak, or an earlier one's if that was higher.
        if (e.peakResidentBytes > 0) log(tr("Peak memory of the app so far: %1.").arg(formatBytes(e.peakResidentBytes)));
        Q_EMIT statusMessage(tr("Training finished"));
        Q_EMIT stateChanged();
        Q_EMIT runFinished(m_runDir);
        break;
    case EventKind::Cancelled:
        m_paused = false;
        log(tr("Cancelled at step %1; the last checkpoint is kept.").arg(e.step));
        Q_EMIT statusMessage(tr("Training cancelled"));
        break;
    case EventKind::Failed: {
        m_paused = false;
        ft::Error err = ft::makeError(e.code, e.message);
        log(tr("Failed: %1").arg(errorText(err)));
        m_state = StepState::NeedsAttention;
        Q_EMIT statusMessage(tr("Training failed; see the log."));
        Q_EMIT stateChanged();
        break;
    }
    }
}

}  // namespace ft::ui
