#pragma once
// The Runs step's comparison: the selected runs' training loss, validation loss and validation task
// metric over steps, overlaid one colour per run, above a side-by-side table of their final metrics.

#include <QFutureWatcher>
#include <QWidget>

#include <array>
#include <vector>

#include "ui/run_metrics.h"
#include "ui/runs_scanner.h"

class QComboBox;
class QCustomPlot;
class QCPItemText;
class QLabel;
class QTableView;

namespace ft::ui {

class RunCompareModel;

class RunCompareView : public QWidget {
    Q_OBJECT
public:
    enum class Chart { TrainingLoss, ValidationLoss, TaskMetric };
    enum class TaskMetric { MacroF1, Accuracy, Perplexity };

    explicit RunCompareView(QWidget* parent = nullptr);

    // Shows the runs' table at once and reads their metrics.jsonl in the background; `loaded` follows.
    void setRuns(std::vector<RunEntry> runs);
    const std::vector<RunEntry>& runs() const { return m_runs; }
    bool isLoading() const { return m_loading; }

    // The third chart's metric; chosen from what the runs recorded, changeable in the view.
    TaskMetric taskMetric() const;
    void setTaskMetric(TaskMetric metric);

    const RunCompareModel* tableModel() const { return m_tableModel; }
    // Points of run `run`'s curve on `chart` (-1 when there is no such run): what is plotted.
    int pointCount(Chart chart, int run) const;
    QString valueAxisLabel(Chart chart) const;
    QString legendText() const;

Q_SIGNALS:
    void loaded();
    void closeRequested();

private:
    void onLoaded(QFutureWatcher<std::vector<RunMetrics>>* watcher, int generation);
    void plotAll();
    void plotTaskMetric();
    void updateLegend();
    QCustomPlot* plot(Chart chart) const { return m_plots[static_cast<size_t>(chart)]; }

    std::vector<RunEntry> m_runs;
    std::vector<RunMetrics> m_metrics;  // parallel to m_runs once loaded
    RunCompareModel* m_tableModel = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_legend = nullptr;
    QLabel* m_note = nullptr;
    QComboBox* m_metricBox = nullptr;
    QTableView* m_table = nullptr;
    std::array<QCustomPlot*, 3> m_plots{};
    std::array<QCPItemText*, 3> m_emptyNotes{};
    int m_generation = 0;  // only the newest load may plot
    bool m_loading = false;
};

}  // namespace ft::ui
