#pragma once
// The Data step's table: the preview's first rows at once, then — once the background pass has noted
// where every row starts (api::DatasetRows) — the whole file, read a page at a time as the view
// scrolls, with a few pages cached. The vertical header shows each row's line in the file, so
// problems and rows can be matched.

#include <QAbstractTableModel>
#include <QCache>

#include <optional>

#include "core/api/dataset_preview.h"
#include "core/api/dataset_rows.h"

namespace ft::ui {

class DatasetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit DatasetTableModel(QObject* parent = nullptr);

    void setPreview(ft::api::DatasetPreview preview);
    // The whole file: rows past the preview are appended (the view keeps its place).
    void setAllRows(ft::api::DatasetRows rows);
    void clear();
    const ft::api::DatasetPreview& preview() const { return m_preview; }
    bool coversWholeFile() const { return m_all.has_value(); }
    // The table row holding a file line (problems name lines), or -1 when no shown row does.
    int rowAtLine(int64_t line) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // A page could not be read back (the file changed or went away since it was read); once.
    void readFailed(const QString& message) const;

private:
    using Row = std::vector<std::string>;
    const Row* rowAt(int row) const;
    const std::vector<std::string>& columns() const;

    static constexpr int kPageRows = 256;
    ft::api::DatasetPreview m_preview;
    std::optional<ft::api::DatasetRows> m_all;
    mutable QCache<qint64, std::vector<Row>> m_pages{64};  // page number → its rows
    mutable bool m_readFailed = false;
};

}  // namespace ft::ui
