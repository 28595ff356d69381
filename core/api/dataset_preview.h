#pragma once
// What the Data panel shows: the first rows, column roles and label counts, quickly.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct ColumnSummary {
    std::string name;
    std::string type;           // "text", "categorical", "integer", "number", "boolean"
    int64_t missing = 0;
    int64_t distinct = 0;
};

struct DatasetPreview {
    std::string path;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;     // first rows, as read
    std::vector<int64_t> sourceLines;               // file line of each row
    std::vector<ColumnSummary> columnSummaries;
    std::string suggestedTextColumn;
    std::string suggestedLabelColumn;
    std::vector<std::string> suggestedGroupColumns;
    std::vector<std::pair<std::string, int64_t>> labelCounts;  // of the suggested label column, in the previewed rows
};

// `encoding`: "auto" (UTF-8, or UTF-16 / UTF-8 by byte-order mark), "utf-8", "utf-16", "latin-1".
Result<DatasetPreview> previewDataset(const std::string& path, int64_t maxRows = 200, const std::string& encoding = "auto");

}  // namespace ft::api
