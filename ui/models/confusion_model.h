#pragma once
// The confusion matrix as a table: rows are true labels, columns predicted; cells shaded by their
// share of the row so errors stand out whatever the class sizes.

#include <QAbstractTableModel>

#include <string>
#include <vector>

namespace ft::ui {

class ConfusionModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit ConfusionModel(QObject* parent = nullptr);
    // A matrix whose shape does not match the labels is shown empty rather than read out of range.
    void setMatrix(std::vector<std::string> labels, std::vector<std::vector<int64_t>> confusion);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<std::string> m_labels;
    std::vector<std::vector<int64_t>> m_confusion;
};

}  // namespace ft::ui
