#pragma once
// Thin table adapter over the counterfactual swap test's worst pairs (largest |Δ| first).

#include <QAbstractTableModel>

#include <vector>

#include "core/api/eval_report.h"

namespace ft::ui {

class CounterfactualModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { LineColumn, OriginalColumn, CounterfactualColumn, DeltaColumn, FlippedColumn, ColumnCount };

    explicit CounterfactualModel(QObject* parent = nullptr);
    void setRows(std::vector<ft::api::CounterfactualPair> rows);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ft::api::CounterfactualPair> m_rows;
};

}  // namespace ft::ui
