#include "core/data/csv_parser.h"

#include "core/data/cell_types.h"

#include <algorithm>
#include <map>

namespace ft::data {

void CsvParser::endField() {
    m_fields.push_back(std::move(m_field));
    m_field.clear();
    m_state = State::FieldStart;
}

bool CsvParser::endRecord(const RecordFn& onRecord) {
    endField();
    bool keepGoing = true;
    if (m_recordHasContent) keepGoing = onRecord(m_fields, m_recordLine);
    m_fields.clear();
    m_recordHasContent = false;
    return keepGoing;
}

Status CsvParser::feed(std::string_view text, const RecordFn& onRecord, bool& keepGoing) {
    keepGoing = true;
    for (char c : text) {
        if (m_skipLf) {
            m_skipLf = false;
            if (c == '\n') continue;
        }
        if (m_state == State::Quoted) {
            if (c == '"') {
                m_state = State::QuoteInQuoted;
            } else {
                if (c == '\n' || c == '\r') ++m_line;  // CRLF inside quotes: counted at the CR
                if (c == '\n' && !m_field.empty() && m_field.back() == '\r') --m_line;
                m_field += c;
            }
            continue;
        }
        if (m_state == State::QuoteInQuoted) {
            if (c == '"') {  // doubled quote
                m_field += '"';
                m_state = State::Quoted;
                continue;
            }
            m_state = State::Unquoted;  // closing quote; lenient about text after it
        }
        if (!m_recordHasContent && m_fields.empty() && m_field.empty()) m_recordLine = m_line;
        if (c == '\n' || c == '\r') {
            ++m_line;
            m_skipLf = c == '\r';
            if (!endRecord(onRecord)) {
                keepGoing = false;
                return Status::success();
            }
            continue;
        }
        m_recordHasContent = true;
        if (c == m_delimiter) {
            endField();
        } else if (c == '"' && m_state == State::FieldStart) {
            m_state = State::Quoted;
            m_quoteLine = m_line;
        } else {
            m_field += c;
            m_state = State::Unquoted;
        }
    }
    return Status::success();
}

Status CsvParser::finish(const RecordFn& onRecord, bool& keepGoing) {
    keepGoing = true;
    if (m_state == State::Quoted)
        return makeError("data.unterminated_quote",
                         "A quoted field opened at line " + std::to_string(m_quoteLine) + " is never closed.", {},
                         m_quoteLine);
    if (m_recordHasContent || !m_fields.empty()) keepGoing = endRecord(onRecord);
    return Status::success();
}

char sniffDelimiter(std::string_view sample) {
    char best = ',';
    double bestScore = 0;
    for (char d : {',', '\t', ';', '|'}) {
        std::vector<size_t> counts;
        CsvParser parser(d);
        bool more = true;
        const auto collect = [&](std::vector<std::string>& f, int64_t) {
            counts.push_back(f.size());
            return counts.size() < 200;
        };
        (void)parser.feed(sample, collect, more);
        if (more) (void)parser.finish(collect, more);
        if (counts.empty()) continue;
        std::map<size_t, size_t> freq;
        for (size_t c : counts) ++freq[c];
        const auto mode = std::max_element(freq.begin(), freq.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
        if (mode->first < 2) continue;
        // Consistency first, more columns as a tie-break (a stray ';' in text splits fewer rows).
        const double score = static_cast<double>(mode->second) / counts.size() + mode->first * 1e-6;
        if (score > bestScore) bestScore = score, best = d;
    }
    return best;
}

bool sniffHeader(const std::vector<std::vector<std::string>>& records) {
    if (records.size() < 2) return true;  // a lone record is most likely a header of an empty table
    const auto& header = records[0];
    int votes = 0;
    for (size_t col = 0; col < header.size(); ++col) {
        const std::string& h = header[col];
        bool allNumeric = true, sameLength = true, repeated = false, any = false;
        size_t length = 0;
        for (size_t r = 1; r < records.size(); ++r) {
            if (col >= records[r].size()) continue;
            const std::string& v = records[r][col];
            if (v.empty()) continue;
            if (!any) length = v.size();
            any = true;
            allNumeric = allNumeric && isNumber(v);
            sameLength = sameLength && v.size() == length;
            repeated = repeated || v == h;
        }
        if (!any) continue;
        if (repeated) --votes;
        else if (allNumeric) votes += isNumber(h) ? -1 : 1;
        else if (sameLength) votes += h.size() == length ? -1 : 1;
        else if (h.empty()) --votes;
    }
    return votes >= 0;
}

}  // namespace ft::data
