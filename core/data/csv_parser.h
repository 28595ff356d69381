#pragma once
// Incremental RFC 4180 parser over UTF-8 text: quoted fields, doubled quotes, embedded newlines,
// CRLF / LF / CR line ends. Blank lines are skipped. Fed chunk by chunk for bounded memory.

#include "core/common/result.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ft::data {

class CsvParser {
public:
    // Receives one record and the 1-based line where it starts; return false to stop parsing.
    using RecordFn = std::function<bool(std::vector<std::string>& fields, int64_t line)>;

    explicit CsvParser(char delimiter);

    // Returns false in `keepGoing` once the callback asked to stop.
    Status feed(std::string_view text, const RecordFn& onRecord, bool& keepGoing);
    // Flushes the last record; "data.unterminated_quote" names the line and (byte) column where the
    // quote opened.
    Status finish(const RecordFn& onRecord, bool& keepGoing);
    // Byte offset (in the text fed so far) where the record being delivered starts.
    int64_t recordOffset() const { return m_recordOffset; }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    bool endRecord(const RecordFn& onRecord);
    void endField();
    std::string& field();  // the field being read

    char m_delimiter;
    bool m_special[256] = {};  // ends a run of unquoted text: the delimiter, CR, LF
    State m_state = State::FieldStart;
    // Fields of the record being read, reused between records (no allocation per field once warm):
    // [0, m_nFields) are complete, m_fields[m_nFields] (when present) is the field in progress.
    std::vector<std::string> m_fields;
    size_t m_nFields = 0;
    bool m_recordHasContent = false;  // false for a blank line
    bool m_skipLf = false;            // the previous char was a CR ending a line
    bool m_prevCrQuoted = false;      // the previous char was a CR inside quotes
    int64_t m_line = 1;
    int64_t m_recordLine = 1;
    int64_t m_recordOffset = 0;
    int64_t m_quoteLine = 0;
    int64_t m_quoteColumn = 0;
    int64_t m_offset = 0;           // bytes consumed before the current feed()
    int64_t m_lineStartOffset = 0;  // byte offset where the current line starts
    int64_t m_lineContinuations = 0;  // UTF-8 continuation bytes of the current line in earlier chunks
};

// Picks the delimiter among , ; \t | that splits the sample into the most consistent number
// (>= 2) of fields per record; ',' when none does.
char sniffDelimiter(std::string_view sample);

// Python csv.Sniffer-style vote: a column whose data is numeric (or of one fixed length) under a
// header cell that is not, votes for a header; a header cell repeated in its column votes against.
bool sniffHeader(const std::vector<std::vector<std::string>>& records);

}  // namespace ft::data
