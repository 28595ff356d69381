#include "ui/models/dataset_table_model.h"

#include <algorithm>

#include "ui/error_text.h"
#include "ui/qt_convert.h"

namespace ft::ui {

namespace {
constexpr int kMaxCellChars = 300;  // long texts would make rows unreadably tall; the tooltip has it all
}

DatasetTableModel::DatasetTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void DatasetTableModel::setPreview(ft::api::DatasetPreview preview) {
    beginResetModel();
    m_preview = std::move(preview);
    m_all.reset();
    m_pages.clear();
    m_readFailed = false;
    endResetModel();
}

void DatasetTableModel::setAllRows(ft::api::DatasetRows rows) {
    const int before = rowCount();
    const int after = static_cast<int>(std::min<int64_t>(rows.rows(), INT_MAX));
    if (rows.columns() != columns() || after < before) {  // a JSON Lines key first seen past the preview
        beginResetModel();
        m_all = std::move(rows);
        m_pages.clear();
        endResetModel();
        return;
    }
    if (after > before) beginInsertRows({}, before, after - 1);
    m_all = std::move(rows);
    m_pages.clear();
    if (after > before) endInsertRows();
}

void DatasetTableModel::clear() { setPreview({}); }

int DatasetTableModel::rowAtLine(int64_t line) const {
    int64_t row = -1;
    if (m_all) {
        row = m_all->rowAtLine(line);
    } else {
        const auto& lines = m_preview.sourceLines;
        row = static_cast<int64_t>(std::upper_bound(lines.begin(), lines.end(), line) - lines.begin()) - 1;
    }
    return row >= 0 && row < rowCount() ? static_cast<int>(row) : -1;
}

const std::vector<std::string>& DatasetTableModel::columns() const { return m_all ? m_all->columns() : m_preview.columns; }

int DatasetTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    return m_all ? static_cast<int>(std::min<int64_t>(m_all->rows(), INT_MAX)) : static_cast<int>(m_preview.rows.size());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(columns().size()); }

const DatasetTableModel::Row* DatasetTableModel::rowAt(int row) const {
    if (row < 0 || row >= rowCount()) return nullptr;
    if (!m_all || (row < static_cast<int>(m_preview.rows.size()) && m_preview.columns == m_all->columns()))
        return &m_preview.rows[static_cast<size_t>(row)];
    const qint64 page = row / kPageRows;
    if (!m_pages.contains(page)) {
        auto rows = m_all->page(page * kPageRows, kPageRows);
        if (!rows) {
            if (!m_readFailed) {
                m_readFailed = true;
                Q_EMIT readFailed(errorText(rows.error()));
            }
            return nullptr;
        }
        m_pages.insert(page, new std::vector<Row>(std::move(*rows)));
    }
    const std::vector<Row>* rows = m_pages.object(page);
    const auto offset = static_cast<size_t>(row % kPageRows);
    return offset < rows->size() ? &(*rows)[offset] : nullptr;
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.column() >= columnCount() || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) return {};
    const Row* row = rowAt(index.row());
    // Ragged rows (a short CSV line) show empty cells rather than reading past the end.
    if (!row || static_cast<size_t>(index.column()) >= row->size()) return {};
    const QString cell = toQ((*row)[static_cast<size_t>(index.column())]);
    if (role == Qt::DisplayRole) return cell.size() > kMaxCellChars ? cell.left(kMaxCellChars) + QChar(0x2026) : cell;
    return cell;
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || section < 0) return {};
    if (orientation == Qt::Horizontal) {
        if (section >= columnCount()) return {};
        return toQ(columns()[static_cast<size_t>(section)]);
    }
    if (section >= rowCount()) return {};
    if (m_all) return QString::number(m_all->lineOf(section));
    if (static_cast<size_t>(section) < m_preview.sourceLines.size()) return QString::number(m_preview.sourceLines[static_cast<size_t>(section)]);
    return QString::number(section + 1);
}

}  // namespace ft::ui
