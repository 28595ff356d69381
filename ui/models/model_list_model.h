#pragma once
// Thin table adapter over discovered models (one row per ModelSummary).

#include <QAbstractTableModel>

#include <vector>

#include "core/api/model_info.h"

namespace ft::ui {

class ModelListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ArchitectureColumn, ParametersColumn, SourceColumn, ColumnCount };
    static constexpr int PathRole = Qt::UserRole + 1;

    explicit ModelListModel(QObject* parent = nullptr);

    void setModels(std::vector<ft::api::ModelSummary> models);
    const std::vector<ft::api::ModelSummary>& models() const { return m_models; }
    const ft::api::ModelSummary* modelAt(int row) const;
    int rowForPath(const QString& path) const;  // -1 if absent

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ft::api::ModelSummary> m_models;
};

}  // namespace ft::ui
