#include "core/data/flat_json.h"
#include "core/data/format_parser.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <map>

namespace ft::data {

namespace {

// ordered_json keeps the file's key order, so columns appear as the user wrote them.
using json = nlohmann::ordered_json;

// Strings verbatim, null as missing, everything else (numbers, booleans, nested) as compact JSON.
std::string cellText(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    return v.dump();
}

// Keeps the union of keys in first-seen order.
class ObjectRows {
public:
    explicit ObjectRows(RowFn emit) : m_emit(std::move(emit)) {}

    bool emit(const json& object, int64_t line) {
        std::vector<std::string> values(m_columns.size());
        for (const auto& [key, value] : object.items()) {
            auto it = m_index.find(key);
            if (it == m_index.end()) {
                it = m_index.emplace(key, m_columns.size()).first;
                m_columns.push_back(key);
                values.emplace_back();
            }
            values[it->second] = cellText(value);
        }
        return m_emit(m_columns, values, line);
    }

    // The fast path's row; false in `handled` when a key repeats (the caller then parses the line
    // with nlohmann::json, as any other line).
    bool emitFlat(FlatObject& object, int64_t line, bool& handled) {
        handled = false;
        m_values.resize(m_columns.size());
        m_filled.assign(m_columns.size(), 0);
        for (auto& v : m_values) v.clear();
        for (size_t i = 0; i < object.size; ++i) {
            const std::string& key = object.keys[i];
            size_t column = i;  // usually every line has the keys in the same order
            if (column >= m_columns.size() || m_columns[column] != key) {
                auto it = m_index.find(key);
                if (it == m_index.end()) {
                    it = m_index.emplace(key, m_columns.size()).first;
                    m_columns.push_back(key);
                    m_values.emplace_back();
                    m_filled.push_back(0);
                }
                column = it->second;
            }
            if (m_filled[column]) return true;
            m_filled[column] = 1;
            std::swap(m_values[column], object.values[i]);
        }
        handled = true;
        return m_emit(m_columns, m_values, line);
    }

    const std::vector<std::string>& columns() const { return m_columns; }

private:
    RowFn m_emit;
    std::vector<std::string> m_columns;
    std::map<std::string, size_t> m_index;
    std::vector<std::string> m_values;  // the fast path's row, reused
    std::vector<char> m_filled;
};

// Splits text into lines (LF or CRLF) across chunk boundaries.
class LineFormat : public FormatParser {
public:
    Status feed(std::string_view text, bool& keepGoing) override {
        keepGoing = true;
        const char* p = text.data();
        const char* const end = p + text.size();
        const int64_t fedBefore = m_fed;
        m_fed += static_cast<int64_t>(text.size());
        while (const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) {
            Status st = Status::success();
            if (m_partial.empty()) {
                m_lineOffset = fedBefore + (p - text.data());
                st = flushLine(std::string_view(p, static_cast<size_t>(nl - p)), keepGoing);
            } else {
                m_partial.append(p, nl);
                m_lineOffset = m_partialOffset;
                st = flushLine(m_partial, keepGoing);
                m_partial.clear();
            }
            p = nl + 1;
            if (!st || !keepGoing) return st;
        }
        if (m_partial.empty()) m_partialOffset = fedBefore + (p - text.data());
        m_partial.append(p, end);
        return Status::success();
    }
    int64_t rowOffset() const override { return m_lineOffset; }
    Status finish(bool& keepGoing) override {
        keepGoing = true;
        if (m_partial.empty()) return Status::success();
        m_lineOffset = m_partialOffset;
        Status st = flushLine(m_partial, keepGoing);
        m_partial.clear();
        return st;
    }

protected:
    virtual Status onLine(std::string_view line, int64_t lineNo, bool& keepGoing) = 0;

private:
    Status flushLine(std::string_view line, bool& keepGoing) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const int64_t lineNo = m_line++;
        if (line.find_first_not_of(" \t") == std::string_view::npos) return Status::success();
        return onLine(line, lineNo, keepGoing);
    }
    std::string m_partial;
    int64_t m_line = 1;
    int64_t m_fed = 0;            // bytes fed before this feed()
    int64_t m_lineOffset = 0;     // where the line being handled starts
    int64_t m_partialOffset = 0;  // where m_partial starts
};

class JsonLinesFormat final : public LineFormat {
public:
    JsonLinesFormat(RowFn emit, BadRowFn onBadRow) : m_rows(std::move(emit)), m_onBadRow(std::move(onBadRow)) {}
    const std::vector<std::string>& columns() const override { return m_rows.columns(); }

protected:
    Status onLine(std::string_view line, int64_t lineNo, bool& keepGoing) override {
        if (parseFlatObject(line, m_flat)) {
            bool handled = false;
            keepGoing = m_rows.emitFlat(m_flat, lineNo, handled);
            if (handled) return Status::success();
        }
        json value;
        try {
            value = json::parse(line.begin(), line.end());
        } catch (const json::exception& e) {
            // parse_error::byte is the 1-based position where parsing stopped.
            const auto* parse = dynamic_cast<const json::parse_error*>(&e);
            const size_t byte = parse ? std::max<size_t>(1, std::min(parse->byte, line.size() + 1)) : 1;
            int64_t column = 1;  // in characters: the bytes before it that start a UTF-8 character
            for (size_t i = 0; i + 1 < byte; ++i) column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
            return bad(makeError("data.invalid_json",
                                 "Line " + std::to_string(lineNo) + " is not valid JSON (column " + std::to_string(column) + ").",
                                 {}, lineNo, {}, column));
        }
        if (!value.is_object())
            return bad(makeError("data.invalid_json",
                                 "Line " + std::to_string(lineNo) + " is JSON but not an object ({...}).", {}, lineNo, {}, 1));
        keepGoing = m_rows.emit(value, lineNo);
        return Status::success();
    }

private:
    Status bad(Error e) const { return m_onBadRow && m_onBadRow(e) ? Status::success() : Status(std::move(e)); }

    ObjectRows m_rows;
    FlatObject m_flat;
    BadRowFn m_onBadRow;
};

class TextFormat final : public LineFormat {
public:
    explicit TextFormat(RowFn emit) : m_emit(std::move(emit)) {}
    const std::vector<std::string>& columns() const override { return m_columns; }

protected:
    Status onLine(std::string_view line, int64_t lineNo, bool& keepGoing) override {
        std::vector<std::string> values{std::string(line)};
        keepGoing = m_emit(m_columns, values, lineNo);
        return Status::success();
    }

private:
    RowFn m_emit;
    std::vector<std::string> m_columns{"text"};
};

int64_t lineAt(const std::string& text, size_t byteOffset) {
    int64_t line = 1;
    for (size_t i = 0; i < byteOffset && i < text.size(); ++i) line += text[i] == '\n';
    return line;
}

// 1-based start line of each top-level array element, found by a string-aware scan.
std::vector<int64_t> elementLines(const std::string& text) {
    std::vector<int64_t> lines;
    int depth = 0;
    int64_t line = 1;
    bool inString = false, escaped = false;
    for (char c : text) {
        if (c == '\n') ++line;
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        if (c == '[' || c == '{') {
            if (depth == 1) lines.push_back(line);
            ++depth;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return lines;
}

class JsonArrayFormat final : public FormatParser {
public:
    explicit JsonArrayFormat(RowFn emit) : m_rows(std::move(emit)) {}
    Status feed(std::string_view text, bool& keepGoing) override {
        keepGoing = true;
        m_text.append(text.data(), text.size());
        return Status::success();
    }
    Status finish(bool& keepGoing) override {
        keepGoing = true;
        json doc;
        try {
            doc = json::parse(m_text);
        } catch (const json::parse_error& e) {
            const int64_t line = lineAt(m_text, e.byte > 0 ? e.byte - 1 : 0);
            return makeError("data.invalid_json", "The JSON document is not valid at line " + std::to_string(line) + ".",
                             {}, line);
        }
        if (!doc.is_array())
            return makeError("data.invalid_json", "The JSON document is not an array of objects.", {}, 1);
        const std::vector<int64_t> lines = elementLines(m_text);
        for (size_t i = 0; i < doc.size() && keepGoing; ++i) {
            const int64_t line = i < lines.size() ? lines[i] : -1;
            if (!doc[i].is_object())
                return makeError("data.invalid_json",
                                 "Element " + std::to_string(i + 1) + " of the JSON array is not an object.", {}, line);
            keepGoing = m_rows.emit(doc[i], line);
        }
        return Status::success();
    }
    const std::vector<std::string>& columns() const override { return m_rows.columns(); }

private:
    ObjectRows m_rows;
    std::string m_text;
};

}  // namespace

std::unique_ptr<FormatParser> makeJsonLinesFormat(RowFn emit, BadRowFn onBadRow) {
    return std::make_unique<JsonLinesFormat>(std::move(emit), std::move(onBadRow));
}
std::unique_ptr<FormatParser> makeTextFormat(RowFn emit) { return std::make_unique<TextFormat>(std::move(emit)); }
std::unique_ptr<FormatParser> makeJsonArrayFormat(RowFn emit) { return std::make_unique<JsonArrayFormat>(std::move(emit)); }

}  // namespace ft::data
