#include "core/data/flat_json.h"

#include "core/data/encoding.h"

#include <cstring>

namespace ft::data {

namespace {

class Cursor {
public:
    explicit Cursor(std::string_view text) : m_p(text.data()), m_end(text.data() + text.size()) {}

    void skipSpace() {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\r' || *m_p == '\n')) ++m_p;
    }
    bool atEnd() const { return m_p == m_end; }
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    bool take(char c) {
        if (m_p == m_end || *m_p != c) return false;
        ++m_p;
        return true;
    }
    bool takeWord(const char* word) {
        const size_t n = std::strlen(word);
        if (static_cast<size_t>(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0) return false;
        m_p += n;
        return true;
    }

    // A JSON string after its opening quote, unescaped into `out`.
    bool string(std::string& out) {
        out.clear();
        for (;;) {
            const char* run = m_p;
            while (m_p < m_end && *m_p != '"' && *m_p != '\\' && static_cast<unsigned char>(*m_p) >= 0x20) ++m_p;
            out.append(run, m_p);
            if (m_p == m_end || static_cast<unsigned char>(*m_p) < 0x20) return false;  // unterminated / control char
            if (*m_p++ == '"') return true;
            if (m_p == m_end) return false;
            switch (*m_p++) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    uint32_t cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        uint32_t low = 0;
                        if (!takeWord("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return false;  // a lone low surrogate
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default: return false;
            }
        }
    }

    // An integer as JSON writes it (no leading zeros, no "-0"), short enough to stay an integer.
    bool integer(std::string& out) {
        const char* start = m_p;
        take('-');
        const char* digits = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9') ++m_p;
        const size_t n = static_cast<size_t>(m_p - digits);
        if (n == 0 || n > 18 || (n > 1 && *digits == '0') || (*digits == '0' && digits != start)) return false;
        if (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E')) return false;  // a fraction: not here
        out.assign(start, m_p);
        return true;
    }

private:
    bool hex4(uint32_t& value) {
        if (m_end - m_p < 4) return false;
        for (int i = 0; i < 4; ++i) {
            const char c = *m_p++;
            value <<= 4;
            if (c >= '0' && c <= '9') value |= static_cast<uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') value |= static_cast<uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') value |= static_cast<uint32_t>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    const char* m_p;
    const char* m_end;
};

}  // namespace

bool parseFlatObject(std::string_view line, FlatObject& out) {
    out.size = 0;
    Cursor in(line);
    in.skipSpace();
    if (!in.take('{')) return false;
    in.skipSpace();
    if (!in.take('}')) {
        for (;;) {
            if (out.keys.size() <= out.size) out.keys.emplace_back(), out.values.emplace_back();
            std::string& key = out.keys[out.size];
            std::string& value = out.values[out.size];
            in.skipSpace();
            if (!in.take('"') || !in.string(key)) return false;
            in.skipSpace();
            if (!in.take(':')) return false;
            in.skipSpace();
            const char c = in.peek();
            if (c == '"') {
                in.take('"');
                if (!in.string(value)) return false;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                if (!in.integer(value)) return false;
            } else if (in.takeWord("true")) {
                value = "true";
            } else if (in.takeWord("false")) {
                value = "false";
            } else if (in.takeWord("null")) {
                value.clear();
            } else {
                return false;  // nested object or array
            }
            ++out.size;
            in.skipSpace();
            if (in.take('}')) break;
            if (!in.take(',')) return false;
        }
    }
    in.skipSpace();
    return in.atEnd();
}

}  // namespace ft::data
