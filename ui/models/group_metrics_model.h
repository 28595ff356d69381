#pragma once
// Thin table adapter over an EvalReport's fairness slices (one row per attribute value).

#include <QAbstractTableModel>

#include <vector>

#include "core/api/eval_report.h"

namespace ft::ui {

class GroupMetricsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        AttributeColumn, GroupColumn, CountColumn, AccuracyColumn, IntervalColumn, F1Column,
        SelectionRateColumn, TprColumn, FprColumn, WarningColumn, ColumnCount
    };

    explicit GroupMetricsModel(QObject* parent = nullptr);
    void setRows(std::vector<ft::api::GroupMetrics> rows);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ft::api::GroupMetrics> m_rows;
};

}  // namespace ft::ui
