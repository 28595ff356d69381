#include "core/data/reader.h"

#include "core/data/stream_positions.h"

#include <algorithm>

namespace ft::data {

namespace {

Error fileChanged(const std::filesystem::path& file) {
    return makeError("data.changed", "The dataset file changed since it was read; open it again.", file.string());
}

}  // namespace

Result<RowIndex> indexRows(const std::filesystem::path& file, const ReadOptions& options, const std::atomic<bool>* cancel,
                           const ProgressCallback& progress) {
    RowIndex index;
    index.file = file;
    index.options = options;
    StreamPositions positions;
    int64_t nextOffset = -1;
    positions.onRowStart = [&](int64_t offset) { nextOffset = offset; };
    index.restartPoints.emplace_back(0, 0);
    positions.onRestartPoint = [&](int64_t fileByte, int64_t decoded) { index.restartPoints.emplace_back(fileByte, decoded); };
    auto info = streamWithPositions(
        file, options,
        [&](const std::vector<std::string>&, const std::vector<std::string>& values, int64_t line) {
            index.rowOffsets.push_back(nextOffset);
            index.lines.push_back(line);
            if (nextOffset < 0) index.keptRows.push_back(values);  // a JSON array's element
            return true;
        },
        cancel, progress, positions);
    if (!info) return info.error();
    index.info = std::move(*info);
    for (auto& row : index.keptRows) row.resize(index.info.columns.size());
    std::error_code ec;
    index.fileSize = static_cast<int64_t>(std::filesystem::file_size(file, ec));
    index.modified = std::filesystem::last_write_time(file, ec);
    return index;
}

Result<std::vector<std::vector<std::string>>> readIndexedRows(const RowIndex& index, int64_t first, int64_t count) {
    std::vector<std::vector<std::string>> rows;
    first = std::max<int64_t>(0, first);
    count = std::min(count, index.rows() - first);
    if (count <= 0) return rows;
    if (!index.keptRows.empty()) {
        rows.assign(index.keptRows.begin() + first, index.keptRows.begin() + first + count);
        return rows;
    }
    std::error_code ec;
    if (static_cast<int64_t>(std::filesystem::file_size(index.file, ec)) != index.fileSize || ec ||
        std::filesystem::last_write_time(index.file, ec) != index.modified)
        return fileChanged(index.file);

    // Restart decoding at the last point before the row, drop the text up to the row, parse from there.
    const int64_t offset = index.rowOffsets[static_cast<size_t>(first)];
    auto point = std::upper_bound(index.restartPoints.begin(), index.restartPoints.end(), offset,
                                  [](int64_t value, const std::pair<int64_t, int64_t>& p) { return value < p.second; });
    --point;  // restartPoints[0] is (0, 0)
    StreamPositions positions;
    positions.startFileByte = point->first;
    positions.skipDecoded = offset - point->second;
    positions.encoding = index.info.encoding;  // mid-file; from byte 0 the pass's own options (byte-order mark) apply
    ReadOptions options = index.options;
    options.format = index.info.format;
    options.delimiter = index.info.delimiter;
    options.hasHeader = 0;            // the header is behind us
    options.skipBadRows = true;       // rows the full pass left out are left out again
    options.maxRows = count;
    // A JSON Lines row names its cells: place them by name. CSV and text cells are in file order.
    const bool byName = index.info.format == Format::JsonLines;
    auto info = streamWithPositions(
        index.file, options,
        [&](const std::vector<std::string>& columns, const std::vector<std::string>& values, int64_t) {
            std::vector<std::string> row(index.info.columns.size());
            for (size_t c = 0; c < values.size(); ++c) {
                size_t to = c;
                if (byName) {
                    const auto it = std::find(index.info.columns.begin(), index.info.columns.end(), columns[c]);
                    if (it == index.info.columns.end()) continue;
                    to = static_cast<size_t>(it - index.info.columns.begin());
                }
                if (to < row.size()) row[to] = values[c];
            }
            rows.push_back(std::move(row));
            return true;
        },
        nullptr, {}, positions);
    if (!info) return info.error();
    if (static_cast<int64_t>(rows.size()) != count) return fileChanged(index.file);
    return rows;
}

}  // namespace ft::data
