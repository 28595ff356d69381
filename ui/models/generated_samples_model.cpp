#include "ui/models/generated_samples_model.h"

#include <QApplication>
#include <QStyle>

#include "ui/qt_convert.h"

namespace ft::ui {

namespace {

// The report keeps both texts as exact match compares them (special tokens dropped, trimmed).
bool matches(const ft::api::EvalReport::Sample& s) { return s.prediction == s.target; }

}  // namespace

GeneratedSamplesModel::GeneratedSamplesModel(QObject* parent) : QAbstractTableModel(parent) {}

void GeneratedSamplesModel::setRows(std::vector<ft::api::EvalReport::Sample> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int GeneratedSamplesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int GeneratedSamplesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant GeneratedSamplesModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& s = m_rows[static_cast<size_t>(index.row())];
    const auto text = [&]() -> QString {
        switch (index.column()) {
        case SourceColumn: return toQ(s.source);
        case TargetColumn: return toQ(s.target);
        case GeneratedColumn: return toQ(s.prediction);
        }
        return {};
    };
    if (role == Qt::DisplayRole) {
        if (index.column() == MatchColumn) return matches(s) ? tr("yes") : tr("no");
        return text();
    }
    if (role == Qt::ToolTipRole && index.column() != MatchColumn) return text();  // elided in the table: whole here
    if (role == Qt::DecorationRole && index.column() == MatchColumn)
        return QApplication::style()->standardIcon(matches(s) ? QStyle::SP_DialogApplyButton : QStyle::SP_DialogCancelButton);
    return {};
}

QVariant GeneratedSamplesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case SourceColumn: return tr("Source");
        case TargetColumn: return tr("Target");
        case GeneratedColumn: return tr("Model wrote");
        case MatchColumn: return tr("Exact match");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case GeneratedColumn: return tr("The fine-tuned model's greedy generation for the source");
        case MatchColumn: return tr("Whether the generation equals the target (special tokens and surrounding spaces left out)");
        }
    }
    return {};
}

}  // namespace ft::ui
