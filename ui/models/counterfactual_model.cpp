#include "ui/models/counterfactual_model.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

#include <cmath>

#include "ui/qt_convert.h"

namespace ft::ui {

CounterfactualModel::CounterfactualModel(QObject* parent) : QAbstractTableModel(parent) {}

void CounterfactualModel::setRows(std::vector<ft::api::CounterfactualPair> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int CounterfactualModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CounterfactualModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CounterfactualModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& p = m_rows[static_cast<size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case LineColumn: return p.line >= 0 ? QLocale().toString(p.line) : QString();
        case OriginalColumn: return toQ(p.original);
        case CounterfactualColumn: return toQ(p.counterfactual);
        case DeltaColumn:
            return std::isfinite(p.delta) ? QLocale().toString(p.delta, 'f', 3) : tr("n/a");
        case FlippedColumn: return p.flipped ? tr("yes") : tr("no");
        }
    } else if (role == Qt::ToolTipRole) {
        // The texts are elided in the table; the tooltip has them whole.
        if (index.column() == OriginalColumn) return toQ(p.original);
        if (index.column() == CounterfactualColumn) return toQ(p.counterfactual);
        if (index.column() == FlippedColumn && p.flipped) return tr("The predicted class changed with the swap.");
    } else if (role == Qt::DecorationRole && index.column() == FlippedColumn && p.flipped) {
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    } else if (role == Qt::TextAlignmentRole && (index.column() == LineColumn || index.column() == DeltaColumn)) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    }
    return {};
}

QVariant CounterfactualModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case LineColumn: return tr("Line");
        case OriginalColumn: return tr("Original");
        case CounterfactualColumn: return tr("Counterfactual");
        case DeltaColumn: return tr("\u0394");
        case FlippedColumn: return tr("Flipped");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case LineColumn: return tr("Line of the example in the data file");
        case DeltaColumn:
            return tr("Change in the probability of the originally predicted class (language models: in the "
                      "negative log-likelihood per token)");
        case FlippedColumn: return tr("Whether the predicted class changed");
        }
    }
    return {};
}

}  // namespace ft::ui
