#include "core/data/cleaning.h"

#include "core/data/cell_types.h"
#include "core/data/text_key.h"

#include <unordered_set>

namespace ft::data {

namespace {

Result<int> columnOf(const Table& table, const std::string& name) {
    const int idx = table.columnIndex(name);
    if (idx < 0)
        return makeError("data.unknown_column", "The column '" + name + "' is not in the dataset.",
                         table.source.string(), -1, name);
    return idx;
}

// Keeps rows for which `keep(row)` is true, with their source lines; returns rows removed.
template <class Keep>
int64_t filterRows(Table& table, Keep keep) {
    size_t out = 0;
    const size_t n = table.rows.size();
    for (size_t i = 0; i < n; ++i) {
        if (!keep(table.rows[i])) continue;
        if (out != i) {
            table.rows[out] = std::move(table.rows[i]);
            if (i < table.sourceLines.size()) table.sourceLines[out] = table.sourceLines[i];
        }
        ++out;
    }
    table.rows.resize(out);
    if (table.sourceLines.size() > out) table.sourceLines.resize(out);
    return static_cast<int64_t>(n - out);
}

}  // namespace

Result<int64_t> trimWhitespace(Table& table, const std::vector<std::string>& columns) {
    std::vector<int> targets;
    for (const std::string& name : columns) {
        const Result<int> c = columnOf(table, name);
        if (!c) return c.error();
        targets.push_back(*c);
    }
    if (columns.empty())
        for (size_t i = 0; i < table.columns.size(); ++i) targets.push_back(static_cast<int>(i));
    int64_t changed = 0;
    for (auto& row : table.rows)
        for (int c : targets) {
            std::string& cell = row[static_cast<size_t>(c)];
            const std::string_view t = trimmed(cell);
            if (t.size() == cell.size()) continue;
            cell = std::string(t);
            ++changed;
        }
    return changed;
}

Result<int64_t> dropEmpty(Table& table, const std::string& column) {
    const Result<int> c = columnOf(table, column);
    if (!c) return c.error();
    const auto col = static_cast<size_t>(*c);
    return filterRows(table, [&](const std::vector<std::string>& row) { return !trimmed(row[col]).empty(); });
}

Result<int64_t> deduplicate(Table& table, const std::string& column, bool near) {
    const Result<int> c = columnOf(table, column);
    if (!c) return c.error();
    const auto col = static_cast<size_t>(*c);
    std::unordered_set<std::string> seen;
    return filterRows(table, [&](const std::vector<std::string>& row) {
        return seen.insert(near ? normalizedKey(row[col]) : row[col]).second;
    });
}

Result<int64_t> dropMissingLabel(Table& table, const std::string& labelColumn) {
    return dropEmpty(table, labelColumn);
}

}  // namespace ft::data
