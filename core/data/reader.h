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

// Format from the extension, then from the first non-blank character of `sample`.
Format detectFormat(const std::filesystem::path& file, std::string_view sample);

}  // namespace ft::data
