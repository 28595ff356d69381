#pragma once
// Reading datasets: CSV / TSV (RFC 4180), JSON Lines, JSON arrays and plain text, in UTF-8,
// UTF-16 (with BOM) or Latin-1. Error codes: data.file_not_found, data.read_failed, data.empty,
// data.unterminated_quote, data.ragged_row, data.invalid_json, data.invalid_encoding,
// data.unknown_encoding, data.cancelled. Every error names the file and, where known, the line and
// column (Error::column).

#include "core/common/result.h"
#include "core/data/table.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <utility>
#include <string>
#include <vector>

namespace ft::data {

Result<Table> readTable(const std::filesystem::path& file, const ReadOptions& options = {});

// Reads only the beginning of the file: at most `nRows` rows.
Result<Table> previewTable(const std::filesystem::path& file, int64_t nRows = 100, ReadOptions options = {});

// What a streaming pass found out about the file.
struct StreamInfo {
    Format format = Format::Auto;
    char delimiter = 0;      // CSV / TSV only
    bool hasHeader = false;  // CSV / TSV only
    std::string encoding;    // "utf-8", "utf-16le", ...
    std::vector<std::string> columns;
    int64_t rows = 0;
    int64_t bytesRead = 0;
    int64_t totalBytes = 0;
    int64_t skippedRows = 0;             // with ReadOptions::skipBadRows
    std::vector<Error> skippedExamples;  // the first kSkippedExamples of them
};

inline constexpr size_t kSkippedExamples = 5;

// `columns` may grow during a JSON Lines pass; `values` has columns.size() cells. Return false
// to stop early (not an error).
using RowCallback = std::function<bool(const std::vector<std::string>& columns,
                                       const std::vector<std::string>& values, int64_t line)>;
using ProgressCallback = std::function<void(int64_t bytesRead, int64_t totalBytes)>;

// One pass over the file in fixed-size chunks (bounded memory, except JSON arrays, which are a
// single value). `cancel` is polled between chunks and rows; cancelling returns data.cancelled.
Result<StreamInfo> streamTable(const std::filesystem::path& file, const ReadOptions& options,
                               const RowCallback& onRow, const std::atomic<bool>* cancel = nullptr,
                               const ProgressCallback& progress = {});

// Where every row of a file starts, so that any rows can be read again later without the pass over
// the rows before them: the Data step's table scrolls through a million rows this way. 16 bytes a
// row (its decoded offset and line) and 16 a 64 KiB chunk (where decoding may restart). A JSON array
// is one value with no row positions: its rows are kept instead.
struct RowIndex {
    std::filesystem::path file;
    ReadOptions options;   // as the pass read the file
    StreamInfo info;
    std::vector<int64_t> rowOffsets;  // where each row starts in the decoded text
    std::vector<int64_t> lines;       // 1-based line where each row starts
    std::vector<std::pair<int64_t, int64_t>> restartPoints;  // (file byte, decoded offset), ascending
    std::vector<std::vector<std::string>> keptRows;           // JSON arrays only
    int64_t fileSize = 0;
    std::filesystem::file_time_type modified;

    int64_t rows() const { return static_cast<int64_t>(lines.size()); }
};

// One pass over the file (progress and cancel as streamTable).
Result<RowIndex> indexRows(const std::filesystem::path& file, const ReadOptions& options = {},
                           const std::atomic<bool>* cancel = nullptr, const ProgressCallback& progress = {});

// Rows [first, first + count) (fewer at the end), each with index.info.columns.size() cells, as the
// full pass read them. "data.changed" when the file is no longer the one indexed.
Result<std::vector<std::vector<std::string>>> readIndexedRows(const RowIndex& index, int64_t first, int64_t count);

// Whether `name` is an encoding ReadOptions::encoding accepts ("auto", "utf-8", "utf-16",
// "utf-16le", "utf-16be", "latin-1", "iso-8859-1"; case, '-' and '_' do not matter).
bool isKnownEncoding(const std::string& name);

// Format from the extension, then from the first non-blank character of `sample`.
Format detectFormat(const std::filesystem::path& file, std::string_view sample);

}  // namespace ft::data
