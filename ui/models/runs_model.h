#pragma once
// Thin table adapter over the scanned run folders.

#include <QAbstractTableModel>

#include <vector>

#include "ui/runs_scanner.h"

namespace ft::ui {

class RunsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, DateColumn, AccuracyColumn, F1Column, ColumnCount };
    static constexpr int PathRole = Qt::UserRole + 1;

    explicit RunsModel(QObject* parent = nullptr);

    void setRuns(std::vector<RunEntry> runs);
    const std::vector<RunEntry>& runs() const { return m_runs; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<RunEntry> m_runs;
};

}  // namespace ft::ui
