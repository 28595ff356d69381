#pragma once
// In-place cleaning steps on a table; each returns how many rows (or cells) it touched.
// Errors: "data.unknown_column" (field = column name).

#include "core/common/result.h"
#include "core/data/table.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ft::data {

// Trims leading / trailing whitespace of every cell of `columns` (all columns when empty);
// returns the number of cells changed.
Result<int64_t> trimWhitespace(Table& table, const std::vector<std::string>& columns = {});
// Drops rows whose `column` is empty or whitespace; returns rows removed.
Result<int64_t> dropEmpty(Table& table, const std::string& column);
// Keeps the first row of each group of duplicates in `column` (exact, or by normalizedKey when
// `near`); returns rows removed.
Result<int64_t> deduplicate(Table& table, const std::string& column, bool near = false);
// Same as dropEmpty, worded for the label column.
Result<int64_t> dropMissingLabel(Table& table, const std::string& labelColumn);

}  // namespace ft::data
