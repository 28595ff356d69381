#pragma once
// A table mapped to a classification task: texts and integer label ids.

#include "core/common/result.h"
#include "core/data/table.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ft::data {

struct ClassificationData {
    std::vector<std::string> texts;
    std::vector<std::string> textPairs;       // empty unless a pair column was given
    std::vector<int64_t> labels;              // index into labelNames
    std::vector<std::string> labelNames;      // numeric labels sorted numerically, else lexicographically
    std::vector<size_t> tableRows;            // table row of each example
    int64_t missingLabelCount = 0;            // rows skipped because the label cell is empty
    std::vector<int64_t> missingLabelLines;   // source lines of the first (up to 20) such rows
};

// Distinct label values in label-id order: numerically when every value is a number, else
// lexicographically (byte order).
std::vector<std::string> orderedLabelNames(std::vector<std::string> values);

// Errors: "data.unknown_column" (field = the missing column name).
Result<ClassificationData> makeClassificationData(const Table& table, const std::string& textColumn,
                                                  const std::string& labelColumn,
                                                  const std::optional<std::string>& textPairColumn = std::nullopt);

}  // namespace ft::data
