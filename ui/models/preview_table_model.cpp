#include "ui/models/preview_table_model.h"

#include "ui/qt_convert.h"

namespace ft::ui {

namespace {
constexpr int kMaxCellChars = 300;  // long texts would make rows unreadably tall; the tooltip has it all
}

PreviewTableModel::PreviewTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PreviewTableModel::setPreview(ft::api::DatasetPreview preview) {
    beginResetModel();
    m_preview = std::move(preview);
    endResetModel();
}

void PreviewTableModel::clear() { setPreview({}); }

int PreviewTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_preview.rows.size());
}

int PreviewTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_preview.columns.size());
}

QVariant PreviewTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const auto& row = m_preview.rows[static_cast<size_t>(index.row())];
    // Ragged rows (a short CSV line) show empty cells rather than reading past the end.
    if (static_cast<size_t>(index.column()) >= row.size()) return {};
    const QString cell = toQ(row[static_cast<size_t>(index.column())]);
    if (role == Qt::DisplayRole)
        return cell.size() > kMaxCellChars ? cell.left(kMaxCellChars) + QChar(0x2026) : cell;
    if (role == Qt::ToolTipRole) return cell;
    return {};
}

QVariant PreviewTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || section < 0) return {};
    if (orientation == Qt::Horizontal) {
        if (section >= columnCount()) return {};
        return toQ(m_preview.columns[static_cast<size_t>(section)]);
    }
    if (section >= rowCount()) return {};
    if (static_cast<size_t>(section) < m_preview.sourceLines.size())
        return QString::number(m_preview.sourceLines[static_cast<size_t>(section)]);
    return QString::number(section + 1);
}

}  // namespace ft::ui
