#include "ui/models/confusion_model.h"

#include <QColor>

#include <numeric>

#include "ui/qt_convert.h"

namespace ft::ui {

ConfusionModel::ConfusionModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfusionModel::setMatrix(std::vector<std::string> labels, std::vector<std::vector<int64_t>> confusion) {
    beginResetModel();
    bool shapeOk = confusion.size() == labels.size();
    for (const auto& row : confusion) shapeOk = shapeOk && row.size() == labels.size();
    m_labels = shapeOk ? std::move(labels) : std::vector<std::string>{};
    m_confusion = shapeOk ? std::move(confusion) : std::vector<std::vector<int64_t>>{};
    endResetModel();
}

int ConfusionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_labels.size());
}

int ConfusionModel::columnCount(const QModelIndex& parent) const { return rowCount(parent); }

QVariant ConfusionModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const auto& row = m_confusion[static_cast<size_t>(index.row())];
    const int64_t value = row[static_cast<size_t>(index.column())];
    if (role == Qt::DisplayRole) return QString::number(value);
    if (role == Qt::TextAlignmentRole) return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
    if (role == Qt::BackgroundRole) {
        const int64_t total = std::accumulate(row.begin(), row.end(), int64_t{0});
        const double share = total > 0 ? double(value) / double(total) : 0.0;
        // Diagonal in blue (correct), off-diagonal in orange (confusions), alpha by share.
        const QColor base = index.row() == index.column() ? QColor(0x2b, 0x6c, 0xb0) : QColor(0xe0, 0x7a, 0x1f);
        QColor c = base;
        c.setAlphaF(0.08 + 0.72 * share);
        return c;
    }
    if (role == Qt::ToolTipRole)
        return tr("true %1, predicted %2: %3")
            .arg(toQ(m_labels[static_cast<size_t>(index.row())]), toQ(m_labels[static_cast<size_t>(index.column())]))
            .arg(value);
    return {};
}

QVariant ConfusionModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || section < 0 || section >= rowCount()) return {};
    const QString label = toQ(m_labels[static_cast<size_t>(section)]);
    return orientation == Qt::Horizontal ? tr("pred. %1").arg(label) : tr("true %1").arg(label);
}

}  // namespace ft::ui
