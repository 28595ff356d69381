#pragma once
// Column types and the guesses that pre-fill the column-mapping step: which column is the text,
// which the label, which could be sensitive attributes for fairness slices.

#include "core/data/table.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ft::data {

enum class ColumnType { Empty, Integer, Number, Boolean, Categorical, Text };

const char* columnTypeName(ColumnType type);

struct ColumnInfo {
    std::string name;
    ColumnType type = ColumnType::Empty;
    int64_t distinct = 0;  // distinct non-missing values
    int64_t missing = 0;   // empty or whitespace-only cells
    double meanLength = 0; // mean length in code points of non-missing cells
};

struct Schema {
    std::vector<ColumnInfo> columns;
    int textColumn = -1;               // longest mean length text column
    int labelColumn = -1;              // low-cardinality categorical / integer / boolean column
    std::vector<int> groupColumns;     // candidate sensitive attributes
};

// Categorical: at most `maxCategories` distinct values, repeated (distinct <= half the
// non-missing cells) and short (mean length < 40); otherwise Text.
Schema inferSchema(const Table& table, int64_t maxCategories = 50);

// Number of Unicode code points in UTF-8 text.
int64_t codePointCount(std::string_view text);

}  // namespace ft::data
