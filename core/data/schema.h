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

// The same schema gathered one row at a time, for a streaming pass over a large file: memory grows
// by one 64-bit hash per distinct cell value (duplicates are folded as they pile up), never with
// the text itself. Distinct values are counted by hash; two different values colliding is a
// 1-in-10^10 event at a million rows.
class SchemaBuilder {
public:
    explicit SchemaBuilder(int64_t maxCategories = 50) : maxCategories_(maxCategories) {}

    // `columns` may grow between rows (JSON Lines); a column first seen late counts the rows before
    // it as missing. Cells past the end of `values` are missing.
    void add(const std::vector<std::string>& columns, const std::vector<std::string>& values);
    void declare(const std::vector<std::string>& columns);  // columns known before any row
    Schema finish() const;

private:
    struct Column {
        std::string name;
        int64_t missing = 0;
        int64_t lengthSum = 0;
        bool allInt = true, allNum = true, allBool = true;
        std::vector<uint64_t> hashes;  // of non-missing values; sorted and unique up to `folded`
        size_t folded = 0;
    };
    int64_t maxCategories_;
    int64_t rows_ = 0;
    std::vector<Column> columns_;
};

// Number of Unicode code points in UTF-8 text.
int64_t codePointCount(std::string_view text);

}  // namespace ft::data
