#pragma once
// The Data step's table over a whole file: one pass notes where every row starts (16 bytes a row,
// never the text), then any page of rows is read back from the middle of the file on demand — a
// million-row file scrolls without being held in memory.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::data {
struct RowIndex;
}

namespace ft::api {

class DatasetRows {
public:
    DatasetRows() = default;

    // `encoding` as previewDataset; `progress` gets the share of the file read (0–1); `cancel`
    // stops the pass with data.cancelled.
    static Result<DatasetRows> open(const std::string& path, const std::string& encoding = "auto", bool skipBadRows = false,
                                    const std::atomic<bool>* cancel = nullptr,
                                    const std::function<void(double)>& progress = {});

    int64_t rows() const;
    const std::vector<std::string>& columns() const;
    int64_t lineOf(int64_t row) const;  // 1-based line in the file where the row starts
    // The row that holds `line` (the last row starting at or before it); -1 before the first row.
    int64_t rowAtLine(int64_t line) const;
    const std::string& path() const { return m_path; }

    // Rows [first, first + count), fewer at the end; "data.changed" when the file changed since.
    Result<std::vector<std::vector<std::string>>> page(int64_t first, int64_t count) const;

private:
    std::string m_path;
    std::shared_ptr<const data::RowIndex> m_index;  // shared: copies are cheap
};

}  // namespace ft::api
