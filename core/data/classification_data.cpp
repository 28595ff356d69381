#include "core/data/classification_data.h"

#include "core/data/cell_types.h"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace ft::data {

namespace {

Result<int> requireColumn(const Table& table, const std::string& name, const char* role) {
    const int idx = table.columnIndex(name);
    if (idx < 0)
        return makeError("data.unknown_column",
                         std::string("The ") + role + " column '" + name + "' is not in the dataset.",
                         table.source.string(), -1, name);
    return idx;
}

}  // namespace

std::vector<std::string> orderedLabelNames(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    const bool numeric = !names.empty() && std::all_of(names.begin(), names.end(), [](const std::string& s) {
        return isNumber(s);
    });
    if (numeric)
        std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
            return std::strtod(a.c_str(), nullptr) < std::strtod(b.c_str(), nullptr);
        });
    return names;
}

Result<ClassificationData> makeClassificationData(const Table& table, const std::string& textColumn,
                                                  const std::string& labelColumn,
                                                  const std::optional<std::string>& textPairColumn) {
    const Result<int> text = requireColumn(table, textColumn, "text");
    if (!text) return text.error();
    const Result<int> label = requireColumn(table, labelColumn, "label");
    if (!label) return label.error();
    int pair = -1;
    if (textPairColumn) {
        const Result<int> p = requireColumn(table, *textPairColumn, "text pair");
        if (!p) return p.error();
        pair = *p;
    }

    ClassificationData out;
    std::vector<std::string> rawLabels;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const std::string_view labelText = trimmed(row[static_cast<size_t>(*label)]);
        if (labelText.empty()) {
            ++out.missingLabelCount;
            if (out.missingLabelLines.size() < 20)
                out.missingLabelLines.push_back(r < table.sourceLines.size() ? table.sourceLines[r] : -1);
            continue;
        }
        out.texts.push_back(row[static_cast<size_t>(*text)]);
        if (pair >= 0) out.textPairs.push_back(row[static_cast<size_t>(pair)]);
        rawLabels.emplace_back(labelText);
        out.tableRows.push_back(r);
    }

    std::vector<std::string> names = orderedLabelNames(rawLabels);
    std::map<std::string, int64_t> id;
    for (size_t i = 0; i < names.size(); ++i) id[names[i]] = static_cast<int64_t>(i);
    for (const std::string& l : rawLabels) out.labels.push_back(id.at(l));
    out.labelNames = std::move(names);
    return out;
}

}  // namespace ft::data
