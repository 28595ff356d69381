#include "core/data/csv_parser.h"
#include "core/data/format_parser.h"

#include <optional>
#include <set>

namespace ft::data {

std::vector<std::string> uniqueColumnNames(std::vector<std::string> names) {
    std::set<std::string> seen;
    for (size_t i = 0; i < names.size(); ++i) {
        std::string base = names[i].empty() ? "column" + std::to_string(i + 1) : names[i];
        std::string name = base;
        for (int k = 2; seen.count(name); ++k) name = base + "_" + std::to_string(k);
        seen.insert(name);
        names[i] = name;
    }
    return names;
}

namespace {

class CsvFormat final : public FormatParser {
public:
    CsvFormat(char delimiter, bool hasHeader, RowFn emit, BadRowFn onBadRow)
        : m_parser(delimiter), m_hasHeader(hasHeader), m_emit(std::move(emit)), m_onBadRow(std::move(onBadRow)) {
        m_onRecord = [this](std::vector<std::string>& fields, int64_t line) { return onRecord(fields, line); };
    }

    Status feed(std::string_view text, bool& keepGoing) override {
        Status st = m_parser.feed(text, m_onRecord, keepGoing);
        return m_error ? Status(*m_error) : st;
    }
    Status finish(bool& keepGoing) override {
        Status st = m_parser.finish(m_onRecord, keepGoing);
        if (m_error) return *m_error;
        return st;
    }
    const std::vector<std::string>& columns() const override { return m_columns; }
    int64_t rowOffset() const override { return m_parser.recordOffset(); }

private:
    bool onRecord(std::vector<std::string>& fields, int64_t line) {
        if (!m_haveColumns) {
            m_haveColumns = true;
            if (m_hasHeader) {
                m_columns = uniqueColumnNames(fields);
                return true;
            }
            for (size_t i = 0; i < fields.size(); ++i) m_columns.push_back("column" + std::to_string(i + 1));
        }
        if (fields.size() != m_columns.size()) {
            Error e = makeError("data.ragged_row",
                                "Row at line " + std::to_string(line) + " has " + std::to_string(fields.size()) +
                                    " columns; expected " + std::to_string(m_columns.size()) + ".",
                                {}, line, {}, 1);
            if (m_onBadRow && m_onBadRow(e)) return true;
            m_error = std::move(e);
            return false;
        }
        return m_emit(m_columns, fields, line);
    }

    CsvParser m_parser;
    bool m_hasHeader;
    RowFn m_emit;
    BadRowFn m_onBadRow;
    CsvParser::RecordFn m_onRecord;
    bool m_haveColumns = false;
    std::vector<std::string> m_columns;
    std::optional<Error> m_error;
};

}  // namespace

std::unique_ptr<FormatParser> makeCsvFormat(char delimiter, bool hasHeader, RowFn emit, BadRowFn onBadRow) {
    return std::make_unique<CsvFormat>(delimiter, hasHeader, std::move(emit), std::move(onBadRow));
}

}  // namespace ft::data
