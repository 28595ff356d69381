#include "ui/models/model_list_model.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

#include "ui/error_text.h"
#include "ui/qt_convert.h"

namespace ft::ui {

ModelListModel::ModelListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ModelListModel::setModels(std::vector<ft::api::ModelSummary> models) {
    beginResetModel();
    m_models = std::move(models);
    endResetModel();
}

const ft::api::ModelSummary* ModelListModel::modelAt(int row) const {
    if (row < 0 || row >= static_cast<int>(m_models.size())) return nullptr;
    return &m_models[static_cast<size_t>(row)];
}

int ModelListModel::rowForPath(const QString& path) const {
    for (size_t i = 0; i < m_models.size(); ++i)
        if (toQ(m_models[i].path) == path) return static_cast<int>(i);
    return -1;
}

int ModelListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_models.size());
}

int ModelListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ModelListModel::data(const QModelIndex& index, int role) const {
    const ft::api::ModelSummary* m = index.isValid() ? modelAt(index.row()) : nullptr;
    if (!m) return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn: return toQ(m->name);
        case ArchitectureColumn: return toQ(m->modelType.empty() ? m->architecture : m->modelType);
        case ParametersColumn: return m->parameterCount > 0 ? formatCount(m->parameterCount) : QString();
        case SourceColumn:
            if (m->source == "bundled") return tr("bundled");
            if (m->source == "hf-cache") return tr("Hugging Face cache");
            return tr("folder");
        }
    } else if (role == Qt::ToolTipRole) {
        return m->problem.empty() ? toQ(m->path) : toQ(m->path) + QLatin1Char('\n') + toQ(m->problem);
    } else if (role == Qt::ForegroundRole && !m->supported) {
        return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
    } else if (role == Qt::TextAlignmentRole && index.column() == ParametersColumn) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    } else if (role == PathRole) {
        return toQ(m->path);
    }
    return {};
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn: return tr("Model");
    case ArchitectureColumn: return tr("Type");
    case ParametersColumn: return tr("Parameters");
    case SourceColumn: return tr("Source");
    }
    return {};
}

}  // namespace ft::ui
