#include "core/data/schema.h"

#include "core/data/cell_types.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

namespace ft::data {

const char* columnTypeName(ColumnType type) {
    switch (type) {
        case ColumnType::Integer: return "integer";
        case ColumnType::Number: return "number";
        case ColumnType::Boolean: return "boolean";
        case ColumnType::Categorical: return "categorical";
        case ColumnType::Text: return "text";
        case ColumnType::Empty: break;
    }
    return "empty";
}

int64_t codePointCount(std::string_view text) {
    int64_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool nameIn(const std::string& name, std::initializer_list<const char*> names) {
    const std::string n = lower(name);
    for (const char* candidate : names)
        if (n == candidate) return true;
    return false;
}

const std::initializer_list<const char*> kLabelNames = {"label", "labels", "class", "target", "sentiment",
                                                         "category", "y", "gold", "gold_label"};
const std::initializer_list<const char*> kGroupNames = {
    "gender", "sex", "race", "ethnicity", "group", "age_group", "agegroup", "age", "dialect", "religion",
    "nationality", "country", "region", "language", "disability", "sexual_orientation", "identity", "demographic"};

bool lowCardinality(const ColumnInfo& c, int64_t maxCategories) {
    return (c.type == ColumnType::Categorical || c.type == ColumnType::Integer || c.type == ColumnType::Boolean) &&
           c.distinct >= 2 && c.distinct <= maxCategories;
}

}  // namespace

Schema inferSchema(const Table& table, int64_t maxCategories) {
    SchemaBuilder builder(maxCategories);
    builder.declare(table.columns);  // a header without rows still names its columns
    for (const auto& row : table.rows) builder.add(table.columns, row);
    return builder.finish();
}

void SchemaBuilder::declare(const std::vector<std::string>& columns) {
    while (columns_.size() < columns.size()) {
        Column c;
        c.name = columns[columns_.size()];
        c.missing = rows_;
        columns_.push_back(std::move(c));
    }
}

void SchemaBuilder::add(const std::vector<std::string>& columns, const std::vector<std::string>& values) {
    declare(columns);
    ++rows_;
    for (size_t col = 0; col < columns_.size(); ++col) {
        Column& c = columns_[col];
        const std::string_view v = col < values.size() ? std::string_view(values[col]) : std::string_view();
        if (trimmed(v).empty()) {
            ++c.missing;
            continue;
        }
        c.hashes.push_back(std::hash<std::string_view>{}(v));
        if (c.hashes.size() >= 2 * c.folded + 4096) {  // fold repeats: a label column stays a few words long
            std::sort(c.hashes.begin(), c.hashes.end());
            c.hashes.erase(std::unique(c.hashes.begin(), c.hashes.end()), c.hashes.end());
            c.folded = c.hashes.size();
        }
        c.lengthSum += codePointCount(v);
        c.allInt = c.allInt && isInteger(v);
        c.allNum = c.allNum && isNumber(v);
        c.allBool = c.allBool && isBoolean(v);
    }
}

Schema SchemaBuilder::finish() const {
    Schema schema;
    const int64_t maxCategories = maxCategories_;
    for (const Column& c : columns_) {
        ColumnInfo info;
        info.name = c.name;
        info.missing = c.missing;
        std::vector<uint64_t> distinct = c.hashes;
        std::sort(distinct.begin(), distinct.end());
        info.distinct = static_cast<int64_t>(std::unique(distinct.begin(), distinct.end()) - distinct.begin());
        const int64_t present = rows_ - info.missing;
        info.meanLength = present > 0 ? static_cast<double>(c.lengthSum) / static_cast<double>(present) : 0.0;
        if (present == 0) info.type = ColumnType::Empty;
        else if (c.allBool) info.type = ColumnType::Boolean;
        else if (c.allInt) info.type = ColumnType::Integer;
        else if (c.allNum) info.type = ColumnType::Number;
        else if (info.distinct <= maxCategories && info.distinct * 2 <= present && info.meanLength < 40)
            info.type = ColumnType::Categorical;
        else info.type = ColumnType::Text;
        schema.columns.push_back(info);
    }

    double longest = -1;
    for (size_t i = 0; i < schema.columns.size(); ++i) {
        const ColumnInfo& c = schema.columns[i];
        if (c.type == ColumnType::Text && c.meanLength > longest) longest = c.meanLength, schema.textColumn = static_cast<int>(i);
    }
    // Label: a conventional name first, else the lowest-cardinality categorical column that does
    // not look like a sensitive attribute.
    for (size_t i = 0; i < schema.columns.size() && schema.labelColumn < 0; ++i)
        if (nameIn(schema.columns[i].name, kLabelNames) && lowCardinality(schema.columns[i], maxCategories))
            schema.labelColumn = static_cast<int>(i);
    if (schema.labelColumn < 0) {
        int64_t fewest = INT64_MAX;
        for (size_t i = 0; i < schema.columns.size(); ++i) {
            const ColumnInfo& c = schema.columns[i];
            if (!lowCardinality(c, maxCategories) || nameIn(c.name, kGroupNames) || c.type == ColumnType::Integer)
                continue;
            if (c.distinct < fewest) fewest = c.distinct, schema.labelColumn = static_cast<int>(i);
        }
    }
    for (size_t i = 0; i < schema.columns.size(); ++i) {
        const ColumnInfo& c = schema.columns[i];
        if (static_cast<int>(i) == schema.labelColumn) continue;
        const std::string n = lower(c.name);
        const bool named = nameIn(c.name, kGroupNames) || n.rfind("group", 0) == 0 ||
                           (n.size() > 6 && n.compare(n.size() - 6, 6, "_group") == 0);
        if (named && lowCardinality(c, maxCategories)) schema.groupColumns.push_back(static_cast<int>(i));
    }
    return schema;
}

}  // namespace ft::data
