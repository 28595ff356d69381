#include "core/data/encoding.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace ft::data {

const char* encodingName(Encoding e) {
    switch (e) {
        case Encoding::Utf8: return "utf-8";
        case Encoding::Utf16LE: return "utf-16le";
        case Encoding::Utf16BE: return "utf-16be";
        case Encoding::Latin1: return "latin-1";
        case Encoding::Unknown: break;
    }
    return "unknown";
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

TextDecoder::TextDecoder(std::string declared) : m_declared(std::move(declared)) {
    std::string d;
    for (char c : m_declared)
        if (c != '-' && c != '_') d += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    m_declared = d;
}

Error TextDecoder::invalid(const std::string& what) const {
    return makeError("data.invalid_encoding",
                     "The file is not valid " + std::string(encodingName(m_encoding)) + " text at line " +
                         std::to_string(m_line) + ", column " + std::to_string(m_column) + " (" + what +
                         "); choose the file's encoding explicitly.",
                     {}, m_line, {}, m_column);
}

Status TextDecoder::decode(std::string_view bytes, bool last, std::string& out) {
    if (!m_started) {
        // Wait for enough bytes to recognise a byte-order mark.
        m_pending.append(bytes.data(), bytes.size());
        if (m_pending.size() < 3 && !last) return Status::success();
        m_started = true;
        const std::string head = m_pending;
        m_pending.clear();
        auto starts = [&](const char* bom, size_t n) { return head.size() >= n && head.compare(0, n, bom, n) == 0; };
        size_t skip = 0;
        Encoding bomEncoding = Encoding::Unknown;
        if (starts("\xEF\xBB\xBF", 3)) bomEncoding = Encoding::Utf8, skip = 3;
        else if (starts("\xFF\xFE", 2)) bomEncoding = Encoding::Utf16LE, skip = 2;
        else if (starts("\xFE\xFF", 2)) bomEncoding = Encoding::Utf16BE, skip = 2;

        if (m_declared == "auto" || m_declared.empty()) {
            m_encoding = bomEncoding == Encoding::Unknown ? Encoding::Utf8 : bomEncoding;
        } else if (m_declared == "utf8") {
            m_encoding = Encoding::Utf8;
            if (bomEncoding != Encoding::Utf8) skip = 0;
        } else if (m_declared == "utf16" || m_declared == "utf16le" || m_declared == "utf16be") {
            if (bomEncoding == Encoding::Utf16LE || bomEncoding == Encoding::Utf16BE) m_encoding = bomEncoding;
            else {
                m_encoding = m_declared == "utf16be" ? Encoding::Utf16BE : Encoding::Utf16LE;
                skip = 0;
            }
        } else if (m_declared == "latin1" || m_declared == "iso88591") {
            m_encoding = Encoding::Latin1;
            skip = 0;
        } else {
            return makeError("data.unknown_encoding",
                             "Unknown text encoding '" + m_declared + "'; use auto, utf-8, utf-16 or latin-1.", {},
                             -1, "encoding");
        }
        if (!m_bomAllowed) skip = 0;
        return decode(std::string_view(head).substr(skip), last, out);
    }
    switch (m_encoding) {
        case Encoding::Latin1:
            for (char c : bytes) {
                if (c == '\n') ++m_line, m_column = 0;
                ++m_column;
                appendUtf8(out, static_cast<unsigned char>(c));
            }
            return Status::success();
        case Encoding::Utf16LE:
        case Encoding::Utf16BE: return decodeUtf16(bytes, last, out);
        default: return decodeUtf8(bytes, last, out);
    }
}

void TextDecoder::appendValid(const char* begin, const char* end, std::string& out) {
    out.append(begin, end);
    // memchr / memrchr rather than std::count: they are vectorised in libc, -O2 loops are not.
    const char* lastNewline = nullptr;
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))));) {
        ++m_line;
        lastNewline = p++;
    }
    if (lastNewline) {
        m_column = 1;
        begin = lastNewline + 1;
    }
    // Characters, not bytes: continuation bytes (10xxxxxx) do not start one.
    m_column += std::count_if(begin, end, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

Status TextDecoder::decodeUtf8(std::string_view bytes, bool last, std::string& out) {
    // A sequence cut at the previous chunk's end is joined with this chunk (rare: one copy).
    std::string joined;
    if (!m_pending.empty()) {
        joined = m_pending + std::string(bytes);
        m_pending.clear();
        bytes = joined;
    }
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    const char* run = p;  // start of the valid text not yet appended
    auto byte = [](const char* q) { return static_cast<unsigned char>(*q); };
    while (p < end) {
        // ASCII fast path, eight bytes at a time.
        while (end - p >= 8) {
            uint64_t word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL) break;
            p += 8;
        }
        while (p < end && byte(p) < 0x80) ++p;
        if (p == end) break;
        const unsigned char b = byte(p);
        size_t len = 0;
        uint32_t cp = 0, minCp = 0;
        if ((b & 0xE0) == 0xC0) len = 2, cp = b & 0x1F, minCp = 0x80;
        else if ((b & 0xF0) == 0xE0) len = 3, cp = b & 0x0F, minCp = 0x800;
        else if ((b & 0xF8) == 0xF0) len = 4, cp = b & 0x07, minCp = 0x10000;
        if (len == 0) {
            appendValid(run, p, out);
            return invalid("unexpected byte 0x" + std::string(1, "0123456789ABCDEF"[b >> 4]) + "0123456789ABCDEF"[b & 15]);
        }
        if (static_cast<size_t>(end - p) < len) {
            appendValid(run, p, out);
            if (last) return invalid("truncated multi-byte sequence at end of file");
            m_pending.assign(p, end);
            return Status::success();
        }
        for (size_t k = 1; k < len; ++k) {
            const unsigned char c = byte(p + k);
            if ((c & 0xC0) != 0x80) {
                appendValid(run, p, out);
                return invalid("broken multi-byte sequence");
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < minCp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            appendValid(run, p, out);
            return invalid("invalid code point");
        }
        p += len;
    }
    appendValid(run, p, out);
    return Status::success();
}

Status TextDecoder::decodeUtf16(std::string_view bytes, bool last, std::string& out) {
    std::string buf = m_pending;
    buf.append(bytes.data(), bytes.size());
    m_pending.clear();
    const bool le = m_encoding == Encoding::Utf16LE;
    auto unit = [&](size_t k) {
        const auto a = static_cast<unsigned char>(buf[k]), b = static_cast<unsigned char>(buf[k + 1]);
        return static_cast<uint32_t>(le ? (a | (b << 8)) : ((a << 8) | b));
    };
    size_t i = 0;
    while (i + 1 < buf.size()) {
        const uint32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 3 >= buf.size()) break;  // need the low surrogate
            const uint32_t lo = unit(i + 2);
            if (lo < 0xDC00 || lo > 0xDFFF) return invalid("unpaired surrogate");
            appendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
            ++m_column;
            i += 4;
            continue;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) return invalid("unpaired surrogate");
        if (u == '\n') ++m_line, m_column = 0;
        ++m_column;
        appendUtf8(out, u);
        i += 2;
    }
    m_pending = buf.substr(i);
    if (last && !m_pending.empty()) return invalid("truncated UTF-16 code unit at end of file");
    return Status::success();
}

}  // namespace ft::data
