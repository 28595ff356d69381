#include "core/api/dataset_preview.h"

#include <algorithm>
#include <map>

#include "core/data/reader.h"
#include "core/data/schema.h"

namespace ft::api {

Result<DatasetPreview> previewDataset(const std::string& path, int64_t maxRows, const std::string& encoding) {
    data::ReadOptions options;
    options.encoding = encoding;
    auto table = data::previewTable(path, maxRows, options);
    if (!table) return table.error();
    DatasetPreview p;
    p.path = path;
    p.columns = table->columns;
    p.rows = table->rows;
    p.sourceLines = table->sourceLines;
    const data::Schema schema = data::inferSchema(*table);
    for (const auto& c : schema.columns)
        p.columnSummaries.push_back({c.name, data::columnTypeName(c.type), c.missing, c.distinct});
    if (schema.textColumn >= 0) p.suggestedTextColumn = table->columns[schema.textColumn];
    if (schema.labelColumn >= 0) {
        p.suggestedLabelColumn = table->columns[schema.labelColumn];
        std::map<std::string, int64_t> counts;
        for (const auto& row : table->rows)
            if (!row[schema.labelColumn].empty()) ++counts[row[schema.labelColumn]];
        p.labelCounts.assign(counts.begin(), counts.end());
    }
    for (int g : schema.groupColumns) p.suggestedGroupColumns.push_back(table->columns[g]);
    return p;
}

}  // namespace ft::api
