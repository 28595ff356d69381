#pragma once
// A dataset as read from disk: every cell is a UTF-8 string, "" means missing.

#include "core/common/result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ft::data {

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // each row has columns.size() cells
    std::vector<int64_t> sourceLines;            // 1-based line where each row starts
    std::filesystem::path source;
    int64_t skippedRows = 0;                     // bad rows left out (ReadOptions::skipBadRows)
    std::vector<Error> skippedExamples;          // the first of them, with file, line and column

    // Index of a column by exact name, or -1.
    int columnIndex(const std::string& name) const {
        for (size_t i = 0; i < columns.size(); ++i)
            if (columns[i] == name) return static_cast<int>(i);
        return -1;
    }
};

enum class Format { Auto, Csv, Tsv, JsonLines, JsonArray, Text };

struct ReadOptions {
    Format format = Format::Auto;
    char delimiter = 0;            // 0: sniff among , ; \t |
    int hasHeader = -1;            // -1: sniff, 0: no header (columns "column1"...), 1: header
    std::string encoding = "auto"; // "auto" (UTF-8, or UTF-16 / UTF-8 by BOM), "utf-8", "utf-16", "latin-1"
    int64_t maxRows = -1;          // stop after this many data rows; -1 = all
    bool skipBadRows = false;      // ragged CSV rows and broken JSON lines are left out and counted, not errors
};

const char* formatName(Format format);

}  // namespace ft::data
