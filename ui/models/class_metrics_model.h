#pragma once
// Thin table adapter over an EvalReport's per-class metrics.

#include <QAbstractTableModel>

#include <vector>

#include "core/api/eval_report.h"

namespace ft::ui {

class ClassMetricsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { LabelColumn, PrecisionColumn, RecallColumn, F1Column, SupportColumn, ColumnCount };

    explicit ClassMetricsModel(QObject* parent = nullptr);
    void setRows(std::vector<ft::api::ClassMetrics> rows);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ft::api::ClassMetrics> m_rows;
};

}  // namespace ft::ui
