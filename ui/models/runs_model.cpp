#include "ui/models/runs_model.h"

#include <QLocale>

namespace ft::ui {

namespace {
QVariant metric(double v) {
    if (v < 0) return QString(QChar(0x2014));  // em dash: not evaluated
    return QLocale().toString(v, 'f', 3);
}
}  // namespace

RunsModel::RunsModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunsModel::setRuns(std::vector<RunEntry> runs) {
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int RunsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const RunEntry& run = m_runs[static_cast<size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn: return run.name;
        case DateColumn: return QLocale().toString(run.modified, QLocale::ShortFormat);
        case AccuracyColumn: return metric(run.accuracy);
        case F1Column: return metric(run.f1Macro);
        }
    } else if (role == Qt::ToolTipRole) {
        return run.path;
    } else if (role == Qt::TextAlignmentRole && index.column() >= AccuracyColumn) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    } else if (role == PathRole) {
        return run.path;
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn: return tr("Run");
    case DateColumn: return tr("Date");
    case AccuracyColumn: return tr("Accuracy");
    case F1Column: return tr("Macro F1");
    }
    return {};
}

}  // namespace ft::ui
