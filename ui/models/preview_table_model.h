#pragma once
// Thin table adapter over a DatasetPreview: its columns and first rows; the vertical header shows
// each row's line in the file so errors and rows can be matched.

#include <QAbstractTableModel>

#include "core/api/dataset_preview.h"

namespace ft::ui {

class PreviewTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit PreviewTableModel(QObject* parent = nullptr);

    void setPreview(ft::api::DatasetPreview preview);
    void clear();
    const ft::api::DatasetPreview& preview() const { return m_preview; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ft::api::DatasetPreview m_preview;
};

}  // namespace ft::ui
