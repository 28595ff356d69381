#pragma once
// Side-by-side final metrics of the compared runs: one column per run (in the curves' colours), one
// row per field; rows that no compared run has (perplexity for classifiers) are left out, and the best
// value of a metric is bold.

#include <QAbstractTableModel>

#include <vector>

#include "ui/runs_scanner.h"

namespace ft::ui {

class RunCompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Field { ModelField, WeightsField, AccuracyField, F1Field, LossField, PerplexityField, FieldCount };

    explicit RunCompareModel(QObject* parent = nullptr);

    void setRuns(std::vector<RunEntry> runs);
    const std::vector<RunEntry>& runs() const { return m_runs; }
    int rowForField(Field field) const;  // -1 when the row is left out

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(Field field, const RunEntry& run) const;
    bool isBest(Field field, size_t run) const;  // the best of two or more differing values (bold)

    std::vector<RunEntry> m_runs;
    std::vector<Field> m_fields;  // the rows shown
};

}  // namespace ft::ui
