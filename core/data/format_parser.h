#pragma once
// Internal: one incremental parser per file format, fed decoded UTF-8 text by the reader.

#include "core/common/result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ft::data {

// One data row; `columns` may grow while a JSON Lines file is read (new keys appear), so
// `values` has columns.size() cells at the time of the call. Return false to stop.
using RowFn = std::function<bool(const std::vector<std::string>& columns, std::vector<std::string>& values,
                                 int64_t line)>;

class FormatParser {
public:
    virtual ~FormatParser() = default;
    virtual Status feed(std::string_view text, bool& keepGoing) = 0;
    virtual Status finish(bool& keepGoing) = 0;
    virtual const std::vector<std::string>& columns() const = 0;
    // While a row is being emitted: the byte offset (in the text fed so far) where it starts; -1
    // where rows have no position of their own (a JSON array is one value).
    virtual int64_t rowOffset() const { return -1; }
};

// A row that cannot be read (ragged, invalid JSON): return true to skip it and go on, false to stop
// with the error. Empty: stop.
using BadRowFn = std::function<bool(const Error& problem)>;

std::unique_ptr<FormatParser> makeCsvFormat(char delimiter, bool hasHeader, RowFn emit, BadRowFn onBadRow = {});
std::unique_ptr<FormatParser> makeJsonLinesFormat(RowFn emit, BadRowFn onBadRow = {});
std::unique_ptr<FormatParser> makeTextFormat(RowFn emit);
// Needs the whole document in memory (a JSON array is one value).
std::unique_ptr<FormatParser> makeJsonArrayFormat(RowFn emit);

// Column names made unique and non-empty: "" -> "column3", a repeat of "text" -> "text_2".
std::vector<std::string> uniqueColumnNames(std::vector<std::string> names);

}  // namespace ft::data
