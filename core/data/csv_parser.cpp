#include "core/data/csv_parser.h"

#include "core/data/cell_types.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace ft::data {

CsvParser::CsvParser(char delimiter) : m_delimiter(delimiter) {
    m_special[static_cast<unsigned char>(delimiter)] = true;
    m_special[static_cast<unsigned char>('\r')] = true;
    m_special[static_cast<unsigned char>('\n')] = true;
}

std::string& CsvParser::field() {
    if (m_fields.size() <= m_nFields) m_fields.resize(m_nFields + 1);
    return m_fields[m_nFields];
}

void CsvParser::endField() {
    ++m_nFields;
    if (m_nFields < m_fields.size()) m_fields[m_nFields].clear();
    m_state = State::FieldStart;
}

bool CsvParser::endRecord(const RecordFn& onRecord) {
    endField();
    bool keepGoing = true;
    if (m_recordHasContent) {
        m_fields.resize(m_nFields);
        keepGoing = onRecord(m_fields, m_recordLine);
    }
    m_nFields = 0;
    if (!m_fields.empty()) m_fields[0].clear();
    m_recordHasContent = false;
    return keepGoing;
}

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;

// Non-zero when one of the eight bytes of `word` equals `byte` (the classic has-zero-byte test).
inline uint64_t hasByte(uint64_t word, unsigned char byte) {
    const uint64_t x = word ^ (kOnes * byte);
    return (x - kOnes) & ~x & (kOnes * 0x80);
}

inline uint64_t load8(const char* p) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
}

// Bytes of [a, b) that continue a UTF-8 character: a column counts characters, not bytes.
int64_t continuationBytes(const char* a, const char* b) {
    int64_t n = 0;
    for (; a < b; ++a) n += (static_cast<unsigned char>(*a) & 0xC0) == 0x80;
    return n;
}

}  // namespace

// Works on runs of characters rather than single ones: unquoted text up to the next delimiter or
// line end, quoted text up to the next quote, each appended at once.
Status CsvParser::feed(std::string_view text, const RecordFn& onRecord, bool& keepGoing) {
    keepGoing = true;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* p = begin;
    const auto offsetOf = [&](const char* q) { return m_offset + (q - begin); };
    while (p < end) {
        if (m_skipLf) {
            m_skipLf = false;
            if (*p == '\n') {
                ++p;
                m_lineStartOffset = offsetOf(p);
                m_lineContinuations = 0;
                continue;
            }
        }
        if (m_state == State::Quoted) {
            const char* q = p;
            for (; q < end && *q != '"'; ++q) {
                // Skip eight bytes at a time while they hold no quote and no line break.
                while (end - q >= 8) {
                    const uint64_t w = load8(q);
                    if (hasByte(w, '"') | hasByte(w, '\n') | hasByte(w, '\r')) break;
                    q += 8;
                    m_prevCrQuoted = false;
                }
                if (q == end || *q == '"') break;
                if (*q == '\r' || (*q == '\n' && !m_prevCrQuoted)) ++m_line;  // CRLF counts once
                if (*q == '\r' || *q == '\n') m_lineStartOffset = offsetOf(q + 1), m_lineContinuations = 0;
                m_prevCrQuoted = *q == '\r';
            }
            field().append(p, q);
            if (q == end) break;
            m_prevCrQuoted = false;
            m_state = State::QuoteInQuoted;
            p = q + 1;
            continue;
        }
        if (m_state == State::QuoteInQuoted) {
            if (*p == '"') {  // doubled quote
                field() += '"';
                m_state = State::Quoted;
                ++p;
                continue;
            }
            m_state = State::Unquoted;  // closing quote; lenient about text after it
        }
        if (!m_recordHasContent && m_nFields == 0 && field().empty()) m_recordLine = m_line, m_recordOffset = m_lineStartOffset;
        const char c = *p;
        if (c == '\n' || c == '\r') {
            ++m_line;
            m_skipLf = c == '\r';
            ++p;
            m_lineStartOffset = offsetOf(p);
            m_lineContinuations = 0;
            if (!endRecord(onRecord)) {
                keepGoing = false;
                m_offset += p - begin;
                return Status::success();
            }
            continue;
        }
        m_recordHasContent = true;
        if (c == m_delimiter) {
            endField();
            ++p;
        } else if (c == '"' && m_state == State::FieldStart) {
            m_state = State::Quoted;
            m_quoteLine = m_line;
            const char* lineStart = m_lineStartOffset >= m_offset ? begin + (m_lineStartOffset - m_offset) : begin;
            m_quoteColumn = offsetOf(p) - m_lineStartOffset - m_lineContinuations - continuationBytes(lineStart, p) + 1;
            m_prevCrQuoted = false;
            ++p;
        } else {
            const char* q = p + 1;
            const auto delimiter = static_cast<unsigned char>(m_delimiter);
            while (end - q >= 8) {
                const uint64_t w = load8(q);
                if (hasByte(w, delimiter) | hasByte(w, '\n') | hasByte(w, '\r')) break;
                q += 8;
            }
            while (q < end && !m_special[static_cast<unsigned char>(*q)]) ++q;
            field().append(p, q);
            m_state = State::Unquoted;
            p = q;
        }
    }
    // The current line continues in the next chunk: keep its continuation bytes for the column count.
    const char* lineStart = m_lineStartOffset >= m_offset ? begin + (m_lineStartOffset - m_offset) : begin;
    if (lineStart < end) m_lineContinuations += continuationBytes(lineStart, end);
    m_offset += text.size();
    return Status::success();
}

Status CsvParser::finish(const RecordFn& onRecord, bool& keepGoing) {
    keepGoing = true;
    if (m_state == State::Quoted)
        return makeError("data.unterminated_quote",
                         "A quoted field opened at line " + std::to_string(m_quoteLine) + ", column " +
                             std::to_string(m_quoteColumn) + " is never closed.",
                         {}, m_quoteLine, {}, m_quoteColumn);
    if (m_recordHasContent || m_nFields > 0) keepGoing = endRecord(onRecord);
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
