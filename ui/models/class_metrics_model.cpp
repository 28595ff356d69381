#include "ui/models/class_metrics_model.h"

#include <QLocale>

#include "ui/qt_convert.h"

namespace ft::ui {

ClassMetricsModel::ClassMetricsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ClassMetricsModel::setRows(std::vector<ft::api::ClassMetrics> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ClassMetricsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ClassMetricsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ClassMetricsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& r = m_rows[static_cast<size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (index.column()) {
        case LabelColumn: return toQ(r.label);
        case PrecisionColumn: return locale.toString(r.precision, 'f', 3);
        case RecallColumn: return locale.toString(r.recall, 'f', 3);
        case F1Column: return locale.toString(r.f1, 'f', 3);
        case SupportColumn: return locale.toString(r.support);
        }
    } else if (role == Qt::TextAlignmentRole && index.column() != LabelColumn) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    }
    return {};
}

QVariant ClassMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case LabelColumn: return tr("Class");
    case PrecisionColumn: return tr("Precision");
    case RecallColumn: return tr("Recall");
    case F1Column: return tr("F1");
    case SupportColumn: return tr("Support");
    }
    return {};
}

}  // namespace ft::ui
