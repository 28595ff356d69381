#include "ui/models/run_compare_model.h"

#include <QDir>
#include <QFont>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QLocale>

#include <algorithm>

#include "ui/plot/plot_style.h"

namespace ft::ui {

namespace {

double metricOf(RunCompareModel::Field field, const RunEntry& run) {
    switch (field) {
        case RunCompareModel::AccuracyField:
            return run.accuracy;
        case RunCompareModel::F1Field:
            return run.f1Macro;
        case RunCompareModel::LossField:
            return run.loss;
        case RunCompareModel::PerplexityField:
            return run.perplexity;
        default:
            return -1;
    }
}

bool isMetric(RunCompareModel::Field field) {
    return field >= RunCompareModel::AccuracyField;
}

// A short thick line in `color`, as the run's curve looks in the charts.
QIcon lineSwatch(const QColor& color) {
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.fillRect(QRect(0, 6, 16, 4), color);
    return QIcon(pixmap);
}

}  // namespace

RunCompareModel::RunCompareModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunCompareModel::setRuns(std::vector<RunEntry> runs) {
    beginResetModel();
    m_runs = std::move(runs);
    m_fields.clear();
    for (int f = 0; f < FieldCount; ++f) {
        const auto field = static_cast<Field>(f);
        const bool anyValue = std::any_of(m_runs.begin(), m_runs.end(),
                                          [field](const RunEntry& r) { return metricOf(field, r) >= 0; });
        if (!isMetric(field) || anyValue) m_fields.push_back(field);
    }
    endResetModel();
}

int RunCompareModel::rowForField(Field field) const {
    const auto it = std::find(m_fields.begin(), m_fields.end(), field);
    return it == m_fields.end() ? -1 : static_cast<int>(it - m_fields.begin());
}

int RunCompareModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || m_runs.empty() ? 0 : static_cast<int>(m_fields.size());
}

int RunCompareModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

QVariant RunCompareModel::display(Field field, const RunEntry& run) const {
    switch (field) {
        case ModelField:
            return run.modelPath.isEmpty() ? tr("unknown") : QDir::toNativeSeparators(run.modelPath);
        case WeightsField:
            if (run.modelPath.isEmpty()) return tr("unknown");
            return run.fromScratch ? tr("from scratch (random)") : tr("pretrained");
        default:
            break;
    }
    const double v = metricOf(field, run);
    if (v < 0) return QString(QChar(0x2014));  // em dash: not evaluated
    return QLocale().toString(v, 'f', field == PerplexityField ? 2 : 3);
}

bool RunCompareModel::isBest(Field field, size_t run) const {
    const double v = metricOf(field, m_runs[run]);
    if (!isMetric(field) || v < 0) return false;
    const bool lowerIsBetter = field == LossField || field == PerplexityField;
    int measured = 0;
    bool allEqual = true;
    for (const RunEntry& other : m_runs) {
        const double o = metricOf(field, other);
        if (o < 0) continue;
        ++measured;
        allEqual = allEqual && o == v;
        if (lowerIsBetter ? o < v : o > v) return false;
    }
    return measured >= 2 && !allEqual;  // a lone or shared value is nothing to point out
}

QVariant RunCompareModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const RunEntry& run = m_runs[static_cast<size_t>(index.column())];
    const Field field = m_fields[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            return display(field, run);
        case Qt::ToolTipRole:
            return field == ModelField ? QVariant(run.modelPath) : QVariant();
        case Qt::FontRole: {
            if (!isBest(field, static_cast<size_t>(index.column()))) return {};
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        default:
            return {};
    }
}

QVariant RunCompareModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount()) return {};
        const RunEntry& run = m_runs[static_cast<size_t>(section)];
        if (role == Qt::DisplayRole) return run.name;
        if (role == Qt::DecorationRole) return lineSwatch(seriesColor(section));  // the run's curve colour
        if (role == Qt::ToolTipRole) return QDir::toNativeSeparators(run.path);
        return {};
    }
    if (role != Qt::DisplayRole || section < 0 || section >= rowCount()) return {};
    switch (m_fields[static_cast<size_t>(section)]) {
        case ModelField:
            return tr("Model");
        case WeightsField:
            return tr("Weights");
        case AccuracyField:
            return tr("Accuracy");
        case F1Field:
            return tr("Macro F1");
        case LossField:
            return tr("Validation loss");
        case PerplexityField:
            return tr("Perplexity");
        case FieldCount:
            break;
    }
    return {};
}

}  // namespace ft::ui
