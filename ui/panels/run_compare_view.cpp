#include "ui/panels/run_compare_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

#include "ui/models/run_compare_model.h"
#include "ui/plot/plot_style.h"
#include "ui/plot/qcp.h"

namespace ft::ui {

namespace {

const MetricSeries& taskSeries(const RunMetrics& m, RunCompareView::TaskMetric metric) {
    switch (metric) {
        case RunCompareView::TaskMetric::Accuracy:
            return m.evalAccuracy;
        case RunCompareView::TaskMetric::Perplexity:
            return m.evalPerplexity;
        case RunCompareView::TaskMetric::MacroF1:
            break;
    }
    return m.evalF1Macro;
}

// Steps from 0 to the longest run; values padded so that no point sits on the frame.
void fitAxes(QCustomPlot* plot) {
    bool any = false;
    QCPRange keys(0, 1), values;
    for (int i = 0; i < plot->graphCount(); ++i) {
        bool hasKeys = false, hasValues = false;
        const QCPRange k = plot->graph(i)->getKeyRange(hasKeys);
        const QCPRange v = plot->graph(i)->getValueRange(hasValues);
        if (!hasKeys || !hasValues) continue;
        keys.expand(k);
        values = any ? QCPRange(std::min(values.lower, v.lower), std::max(values.upper, v.upper)) : v;
        any = true;
    }
    if (!any) values = QCPRange(0, 1);
    const double pad =
        values.size() > 0 ? 0.06 * values.size() : std::max(0.05, 0.1 * std::abs(values.center()));
    plot->xAxis->setRange(0, keys.upper);
    plot->yAxis->setRange(values.lower - pad, values.upper + pad);
}

}  // namespace

RunCompareView::RunCompareView(QWidget* parent) : QWidget(parent), m_tableModel(new RunCompareModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* top = new QHBoxLayout;
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_metricBox = new QComboBox(this);
    m_metricBox->addItem(tr("Macro F1"), static_cast<int>(TaskMetric::MacroF1));
    m_metricBox->addItem(tr("Accuracy"), static_cast<int>(TaskMetric::Accuracy));
    m_metricBox->addItem(tr("Perplexity"), static_cast<int>(TaskMetric::Perplexity));
    m_metricBox->setToolTip(tr("The validation metric in the third chart."));
    auto* metricLabel = new QLabel(tr("Task metric:"), this);
    metricLabel->setBuddy(m_metricBox);
    auto* backButton = new QPushButton(tr("Back to all runs"), this);
    backButton->setObjectName(QStringLiteral("backButton"));
    top->addWidget(m_title);
    top->addStretch(1);
    top->addWidget(metricLabel);
    top->addWidget(m_metricBox);
    top->addSpacing(12);
    top->addWidget(backButton);
    layout->addLayout(top);

    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("compareLegend"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    layout->addWidget(m_legend);

    auto* plots = new QHBoxLayout;
    const QString yLabels[] = {tr("training loss"), tr("validation loss"), QString()};
    for (size_t i = 0; i < m_plots.size(); ++i) {
        QCustomPlot* p = createPlot(this);
        p->xAxis->setLabel(tr("step"));
        p->yAxis->setLabel(yLabels[i]);
        p->setMinimumWidth(200);
        auto* note = new QCPItemText(p);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.5);
        note->setColor(palette().color(QPalette::PlaceholderText));
        m_emptyNotes[i] = note;
        m_plots[i] = p;
        plots->addWidget(p, 1);
    }
    m_emptyNotes[0]->setText(tr("No training steps recorded"));
    m_emptyNotes[1]->setText(tr("No validation during training"));
    layout->addLayout(plots, 1);

    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_note);

    m_table = new QTableView(this);
    m_table->setModel(m_tableModel);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);  // model paths keep their start and their name
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_table);

    connect(backButton, &QPushButton::clicked, this, &RunCompareView::closeRequested);
    connect(m_metricBox, &QComboBox::currentIndexChanged, this, [this]() { plotTaskMetric(); });
}

void RunCompareView::setRuns(std::vector<RunEntry> runs) {
    m_runs = std::move(runs);
    m_metrics.assign(m_runs.size(), RunMetrics{});
    m_title->setText(tr("Comparing %n runs", nullptr, static_cast<int>(m_runs.size())));
    m_tableModel->setRuns(m_runs);
    // As tall as its rows: the table is a summary, not a list to scroll.
    m_table->resizeRowsToContents();
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            m_table->verticalHeader()->length() + 2 * m_table->frameWidth());
    updateLegend();
    m_note->clear();
    m_note->hide();
    plotAll();  // empty axes until the metrics are read

    const int generation = ++m_generation;
    m_loading = true;
    QStringList dirs;
    for (const RunEntry& run : m_runs) dirs.append(run.path);
    auto* watcher = new QFutureWatcher<std::vector<RunMetrics>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation]() { onLoaded(watcher, generation); });
    watcher->setFuture(QtConcurrent::run([dirs]() {
        std::vector<RunMetrics> out;
        for (const QString& dir : dirs) out.push_back(readRunMetrics(dir));
        return out;
    }));
}

void RunCompareView::onLoaded(QFutureWatcher<std::vector<RunMetrics>>* watcher, int generation) {
    watcher->deleteLater();
    if (generation != m_generation) return;
    m_loading = false;
    m_metrics = watcher->result();

    // The metric most runs recorded; F1 before accuracy, as the Train step shows them.
    auto recorded = [this](TaskMetric metric) {
        return std::count_if(m_metrics.begin(), m_metrics.end(),
                             [metric](const RunMetrics& m) { return !taskSeries(m, metric).isEmpty(); });
    };
    TaskMetric best = TaskMetric::MacroF1;
    for (TaskMetric m : {TaskMetric::Accuracy, TaskMetric::Perplexity})
        if (recorded(m) > recorded(best)) best = m;
    {
        const QSignalBlocker block(m_metricBox);  // plotAll() below draws it
        m_metricBox->setCurrentIndex(m_metricBox->findData(static_cast<int>(best)));
    }

    QStringList withoutCurves, damaged;
    for (size_t i = 0; i < m_runs.size(); ++i) {
        if (m_metrics[i].trainLoss.isEmpty()) withoutCurves.append(m_runs[i].name);
        if (m_metrics[i].skippedLines > 0) damaged.append(m_runs[i].name);
    }
    QStringList notes;
    if (!withoutCurves.isEmpty())
        notes.append(tr("No training curve recorded for %1.").arg(withoutCurves.join(QStringLiteral(", "))));
    if (!damaged.isEmpty())
        notes.append(tr("Unreadable lines skipped in the metrics of %1 (a run stopped while writing).")
                         .arg(damaged.join(QStringLiteral(", "))));
    m_note->setText(notes.join(QLatin1Char(' ')));
    m_note->setVisible(!notes.isEmpty());
    plotAll();
    Q_EMIT loaded();
}

RunCompareView::TaskMetric RunCompareView::taskMetric() const {
    return static_cast<TaskMetric>(m_metricBox->currentData().toInt());
}

void RunCompareView::setTaskMetric(TaskMetric metric) {
    m_metricBox->setCurrentIndex(m_metricBox->findData(static_cast<int>(metric)));
    plotTaskMetric();
}

void RunCompareView::plotAll() {
    for (QCustomPlot* p : {plot(Chart::TrainingLoss), plot(Chart::ValidationLoss)}) p->clearGraphs();
    for (size_t i = 0; i < m_runs.size(); ++i) {
        const RunMetrics& m = m_metrics[i];
        const QColor color = seriesColor(static_cast<int>(i));
        QCPGraph* train = plot(Chart::TrainingLoss)->addGraph();
        train->setName(m_runs[i].name);
        train->setPen(QPen(color, 1.6));
        train->setData(m.trainLoss.steps, m.trainLoss.values, true);
        QCPGraph* eval = plot(Chart::ValidationLoss)->addGraph();
        eval->setName(m_runs[i].name);
        eval->setPen(QPen(color, 1.6));
        eval->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        eval->setData(m.evalLoss.steps, m.evalLoss.values, true);
    }
    for (Chart c : {Chart::TrainingLoss, Chart::ValidationLoss}) {
        QCustomPlot* p = plot(c);
        fitAxes(p);
        bool empty = true;
        for (int g = 0; g < p->graphCount(); ++g) empty = empty && p->graph(g)->dataCount() == 0;
        m_emptyNotes[static_cast<size_t>(c)]->setVisible(empty && !m_loading);
        p->replot();
    }
    plotTaskMetric();
}

void RunCompareView::plotTaskMetric() {
    const TaskMetric metric = taskMetric();
    QCustomPlot* p = plot(Chart::TaskMetric);
    p->clearGraphs();
    const QString label = metric == TaskMetric::Perplexity ? tr("validation perplexity")
                          : metric == TaskMetric::Accuracy ? tr("validation accuracy")
                                                           : tr("validation macro F1");
    p->yAxis->setLabel(label);
    bool empty = true;
    for (size_t i = 0; i < m_runs.size() && i < m_metrics.size(); ++i) {
        const MetricSeries& s = taskSeries(m_metrics[i], metric);
        QCPGraph* g = p->addGraph();
        g->setName(m_runs[i].name);
        g->setPen(QPen(seriesColor(static_cast<int>(i)), 1.6));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        g->setData(s.steps, s.values, true);
        empty = empty && s.isEmpty();
    }
    fitAxes(p);
    // Accuracy and F1 live in [0, 1]; keep their axis there so runs compare at a glance.
    if (metric != TaskMetric::Perplexity) p->yAxis->setRange(0, 1.02);
    m_emptyNotes[static_cast<size_t>(Chart::TaskMetric)]->setText(tr("No %1 recorded").arg(label));
    m_emptyNotes[static_cast<size_t>(Chart::TaskMetric)]->setVisible(empty && !m_loading);
    p->replot();
}

void RunCompareView::updateLegend() {
    QStringList items;
    for (size_t i = 0; i < m_runs.size(); ++i)
        items.append(
            QStringLiteral("<span style='white-space:nowrap'><span style='color:%1; font-weight:bold'>"
                           "\u2501\u2501</span>&nbsp;%2</span>")
                .arg(seriesColor(static_cast<int>(i)).name(), m_runs[i].name.toHtmlEscaped()));
    m_legend->setText(items.join(QStringLiteral("&emsp; ")));
}

QString RunCompareView::legendText() const {
    return m_legend->text();
}

int RunCompareView::pointCount(Chart chart, int run) const {
    const QCustomPlot* p = plot(chart);
    if (run < 0 || run >= p->graphCount()) return -1;
    return p->graph(run)->dataCount();
}

QString RunCompareView::valueAxisLabel(Chart chart) const {
    return plot(chart)->yAxis->label();
}

}  // namespace ft::ui
