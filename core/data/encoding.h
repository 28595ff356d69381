#pragma once
// Incremental conversion of file bytes to UTF-8, chunk by chunk, so readers keep bounded memory.
// A byte-order mark selects UTF-8 or UTF-16 in "auto" mode and is never part of the text.

#include "core/common/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace ft::data {

enum class Encoding { Unknown, Utf8, Utf16LE, Utf16BE, Latin1 };

const char* encodingName(Encoding e);

class TextDecoder {
public:
    // `declared`: "auto", "utf-8", "utf-16", "latin-1" (case-insensitive, a few aliases).
    explicit TextDecoder(std::string declared = "auto");
    // Starting in the middle of a file (RowIndex): `declared` must name the encoding, and the first
    // bytes are never taken for a byte-order mark.
    static TextDecoder midFile(std::string declared) {
        TextDecoder d(std::move(declared));
        d.m_bomAllowed = false;
        return d;
    }

    // Appends the UTF-8 form of `bytes` to `out`; `last` marks the end of the input. Errors carry
    // the 1-based line and column of the bad byte: "data.invalid_encoding", or "data.unknown_encoding".
    Status decode(std::string_view bytes, bool last, std::string& out);

    Encoding encoding() const { return m_encoding; }
    // No bytes of an incomplete character are waiting: decoding may restart at the next byte.
    bool atCharacterBoundary() const { return m_started && m_pending.empty(); }

private:
    Status decodeUtf8(std::string_view bytes, bool last, std::string& out);
    Status decodeUtf16(std::string_view bytes, bool last, std::string& out);
    // Appends already validated UTF-8 and moves the line / column position past it.
    void appendValid(const char* begin, const char* end, std::string& out);
    Error invalid(const std::string& what) const;

    std::string m_declared;
    Encoding m_encoding = Encoding::Unknown;
    std::string m_pending;  // bytes of an incomplete sequence carried to the next call
    int64_t m_line = 1;
    int64_t m_column = 1;   // 1-based character column of the next input character
    bool m_started = false;
    bool m_bomAllowed = true;
};

// Appends code point `cp` as UTF-8.
void appendUtf8(std::string& out, uint32_t cp);

}  // namespace ft::data
