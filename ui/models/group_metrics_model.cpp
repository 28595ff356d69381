#include "ui/models/group_metrics_model.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

#include "ui/qt_convert.h"

namespace ft::ui {

GroupMetricsModel::GroupMetricsModel(QObject* parent) : QAbstractTableModel(parent) {}

void GroupMetricsModel::setRows(std::vector<ft::api::GroupMetrics> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int GroupMetricsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int GroupMetricsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant GroupMetricsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& g = m_rows[static_cast<size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        auto num = [&locale](double v) { return locale.toString(v, 'f', 3); };
        switch (index.column()) {
        case AttributeColumn: return toQ(g.attribute);
        case GroupColumn: return toQ(g.group);
        case CountColumn: return locale.toString(g.n);
        case AccuracyColumn: return num(g.accuracy);
        case IntervalColumn: return QStringLiteral("[%1, %2]").arg(num(g.accuracyLow), num(g.accuracyHigh));
        case F1Column: return num(g.f1Macro);
        case SelectionRateColumn: return num(g.selectionRate);
        case TprColumn: return num(g.truePositiveRate);
        case FprColumn: return num(g.falsePositiveRate);
        case WarningColumn: return toQ(g.warning);
        }
    } else if (role == Qt::DecorationRole && index.column() == WarningColumn && !g.warning.empty()) {
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    } else if (role == Qt::ToolTipRole && index.column() == IntervalColumn) {
        return tr("95% interval of the group's accuracy");
    } else if (role == Qt::ToolTipRole && index.column() == WarningColumn && !g.warning.empty()) {
        return toQ(g.warning);  // long notes are cut in the table
    } else if (role == Qt::TextAlignmentRole && index.column() >= CountColumn && index.column() < WarningColumn) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    }
    return {};
}

QVariant GroupMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case AttributeColumn: return tr("Attribute");
    case GroupColumn: return tr("Group");
    case CountColumn: return tr("n");
    case AccuracyColumn: return tr("Accuracy");
    case IntervalColumn: return tr("95% interval");
    case F1Column: return tr("Macro F1");
    case SelectionRateColumn: return tr("Selection rate");
    case TprColumn: return tr("TPR");
    case FprColumn: return tr("FPR");
    case WarningColumn: return tr("Note");
    }
    return {};
}

}  // namespace ft::ui
