#pragma once
// Thin table adapter over a text-to-text report's samples: what the model wrote for the first
// validation sources beside their targets.

#include <QAbstractTableModel>

#include <vector>

#include "core/api/eval_report.h"

namespace ft::ui {

class GeneratedSamplesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SourceColumn, TargetColumn, GeneratedColumn, MatchColumn, ColumnCount };

    explicit GeneratedSamplesModel(QObject* parent = nullptr);
    void setRows(std::vector<ft::api::EvalReport::Sample> rows);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ft::api::EvalReport::Sample> m_rows;
};

}  // namespace ft::ui
