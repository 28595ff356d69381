#pragma once
// The Data step's quality chart, from the full pass: how many rows are exact or near duplicates,
// empty, without a label, longer than max_length, or also in the validation file (leakage) — one
// horizontal bar each, so what the cleaning options would touch is seen before a run.

#include <QWidget>

#include <cstdint>
#include <utility>
#include <vector>

#include "core/api/dataset_report.h"

class QCustomPlot;
class QCPItemText;

namespace ft::ui {

class DataQualityChart : public QWidget {
    Q_OBJECT
public:
    explicit DataQualityChart(QWidget* parent = nullptr);

    void setReport(const ft::api::DatasetReport& report);
    void clear(const QString& note);
    // The bars drawn: (caption, rows), top to bottom.
    const std::vector<std::pair<QString, int64_t>>& bars() const { return m_bars; }

private:
    void redraw();

    QCustomPlot* m_plot = nullptr;
    QCPItemText* m_note = nullptr;
    std::vector<std::pair<QString, int64_t>> m_bars;
    int64_t m_rows = 0;
};

}  // namespace ft::ui
