#include "core/api/dataset_rows.h"

#include "core/data/reader.h"

#include <algorithm>

namespace ft::api {

Result<DatasetRows> DatasetRows::open(const std::string& path, const std::string& encoding, bool skipBadRows,
                                      const std::atomic<bool>* cancel, const std::function<void(double)>& progress) {
    data::ReadOptions options;
    options.encoding = encoding;
    options.skipBadRows = skipBadRows;
    data::ProgressCallback onBytes;
    if (progress) onBytes = [&](int64_t done, int64_t total) { progress(total > 0 ? double(done) / double(total) : 0.0); };
    auto index = data::indexRows(path, options, cancel, onBytes);
    if (!index) return index.error();
    DatasetRows rows;
    rows.m_path = path;
    rows.m_index = std::make_shared<const data::RowIndex>(std::move(*index));
    return rows;
}

int64_t DatasetRows::rows() const { return m_index ? m_index->rows() : 0; }

const std::vector<std::string>& DatasetRows::columns() const {
    static const std::vector<std::string> none;
    return m_index ? m_index->info.columns : none;
}

int64_t DatasetRows::lineOf(int64_t row) const {
    return m_index && row >= 0 && row < m_index->rows() ? m_index->lines[static_cast<size_t>(row)] : -1;
}

int64_t DatasetRows::rowAtLine(int64_t line) const {
    if (!m_index) return -1;
    const auto& lines = m_index->lines;  // ascending
    return static_cast<int64_t>(std::upper_bound(lines.begin(), lines.end(), line) - lines.begin()) - 1;
}

Result<std::vector<std::vector<std::string>>> DatasetRows::page(int64_t first, int64_t count) const {
    if (!m_index) return std::vector<std::vector<std::string>>{};
    return data::readIndexedRows(*m_index, first, count);
}

}  // namespace ft::api
