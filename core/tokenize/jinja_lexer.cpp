// Mirrors jinja2's lexer (lexer.py, jinja2 3.1) for the default delimiters with
// trim_blocks=True and lstrip_blocks=True, which is how transformers compiles chat templates.
#include "core/tokenize/jinja_lexer.h"

#include "core/tokenize/jinja_error.h"
#include "core/tokenize/jinja_value.h"
#include "core/tokenize/unicode.h"

#include <cctype>
#include <cstring>

namespace ft::tok::jinja {

namespace {

bool startsWith(std::string_view s, size_t pos, std::string_view what) {
    return s.size() >= pos + what.size() && s.compare(pos, what.size(), what) == 0;
}

// Python's unicode-escape decoding of a string literal body, as jinja2 applies it.
Result<std::string> unescape(std::string_view body, const std::string& origin, int line) {
    std::string out;
    auto hex = [&](size_t pos, size_t n, uint32_t& v) {
        if (pos + n > body.size()) return false;
        v = 0;
        for (size_t i = pos; i < pos + n; ++i) {
            if (!std::isxdigit(static_cast<unsigned char>(body[i]))) return false;
            v = v * 16 + uint32_t(std::isdigit(static_cast<unsigned char>(body[i]))
                                      ? body[i] - '0'
                                      : std::tolower(static_cast<unsigned char>(body[i])) - 'a' + 10);
        }
        return true;
    };
    for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 == body.size()) {
            out += body[i];
            continue;
        }
        const char c = body[++i];
        switch (c) {
            case '\n':
                break;  // line continuation
            case '\\':
                out += '\\';
                break;
            case '\'':
                out += '\'';
                break;
            case '"':
                out += '"';
                break;
            case 'a':
                out += '\a';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'v':
                out += '\v';
                break;
            case 'x':
            case 'u':
            case 'U': {
                const size_t n = c == 'x' ? 2 : (c == 'u' ? 4 : 8);
                uint32_t v = 0;
                if (!hex(i + 1, n, v) || v > 0x10FFFF)
                    return templateError("chat_template.syntax", origin, line,
                                         std::string("bad \\") + c + " escape in a string literal", "string");
                uni::append(out, char32_t(v));
                i += n;
                break;
            }
            case 'N':
                return templateError("chat_template.unsupported", origin, line,
                                     "\\N{...} escapes in string literals are not supported", "\\N");
            default:
                if (c >= '0' && c <= '7') {
                    uint32_t v = 0;
                    size_t n = 0;
                    while (n < 3 && i < body.size() && body[i] >= '0' && body[i] <= '7')
                        v = v * 8 + uint32_t(body[i++] - '0'), ++n;
                    --i;
                    uni::append(out, char32_t(v));
                } else {
                    out += '\\';  // Python keeps unknown escapes as written
                    out += c;
                }
        }
    }
    return out;
}

class Lexer {
public:
    Lexer(std::string_view source, const std::string& origin) : m_origin(origin) {
        m_src.reserve(source.size());
        for (size_t i = 0; i < source.size(); ++i) {  // \r\n and \r → \n, as jinja2 normalizes
            if (source[i] == '\r') {
                m_src += '\n';
                if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
            } else {
                m_src += source[i];
            }
        }
        if (!m_src.empty() && m_src.back() == '\n') m_src.pop_back();  // keep_trailing_newline=False
    }

    Result<std::vector<Token>> run() {
        while (m_pos < m_src.size()) {
            const size_t start = findTag(m_pos);
            if (start == std::string::npos) {
                emitText(m_src.substr(m_pos));
                break;
            }
            const char kind = m_src[start + 1];
            const char sign = start + 2 < m_src.size() && (m_src[start + 2] == '-' || m_src[start + 2] == '+')
                                  ? m_src[start + 2]
                                  : 0;
            std::string text = m_src.substr(m_pos, start - m_pos);
            if (sign == '-') {
                text = pyStrip(text, std::nullopt, false, true);
            } else if (sign != '+' && kind != '{') {  // lstrip_blocks: not for {{ }}
                const size_t lpos = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
                if ((lpos > 0 || m_lineStarting) && allSpace(std::string_view(text).substr(lpos)))
                    text.erase(lpos);
            }
            emitText(text);
            m_line += count(m_pos, start);
            m_pos = start + 2 + (sign ? 1 : 0);
            Status s;
            if (kind == '#')
                s = comment();
            else if (kind == '%' && rawBegin())
                s = raw();
            else
                s = tag(kind == '%');
            if (!s) return s.error();
        }
        m_tokens.push_back({TokenType::End, {}, m_line});
        return std::move(m_tokens);
    }

private:
    size_t findTag(size_t from) const {
        for (size_t i = m_src.find('{', from); i != std::string::npos; i = m_src.find('{', i + 1))
            if (i + 1 < m_src.size() && (m_src[i + 1] == '{' || m_src[i + 1] == '%' || m_src[i + 1] == '#'))
                return i;
        return std::string::npos;
    }
    int count(size_t from, size_t to) const {
        int n = 0;
        for (size_t i = from; i < to; ++i) n += m_src[i] == '\n';
        return n;
    }
    static bool allSpace(std::string_view s) {
        if (s.empty()) return false;
        size_t pos = 0;
        while (pos < s.size())
            if (!isPySpace(uni::next(s, pos))) return false;
        return true;
    }
    void skipSpace() {
        while (m_pos < m_src.size()) {
            size_t next = m_pos;
            if (!isPySpace(uni::next(m_src, next))) break;
            m_line += m_src[m_pos] == '\n';
            m_pos = next;
        }
    }
    void emitText(std::string text) {
        if (!text.empty()) m_tokens.push_back({TokenType::Text, std::move(text), m_line});
    }
    // After an end marker: `+` keeps what follows, `-` eats all whitespace, else trim_blocks eats one \n.
    void endMarker(char sign) {
        if (sign == '-') {
            skipSpace();
            m_lineStarting = m_pos > 0 && m_src[m_pos - 1] == '\n';
        } else if (sign != '+' && m_pos < m_src.size() && m_src[m_pos] == '\n') {
            ++m_pos;
            ++m_line;
            m_lineStarting = true;
        } else {
            m_lineStarting = false;
        }
    }

    Status comment() {
        const int line = m_line;
        const size_t end = m_src.find("#}", m_pos);
        if (end == std::string::npos)
            return templateError("chat_template.syntax", m_origin, line, "missing end of comment tag", "{#");
        const char sign =
            end > m_pos && (m_src[end - 1] == '-' || m_src[end - 1] == '+') ? m_src[end - 1] : 0;
        m_line += count(m_pos, end);
        m_pos = end + 2;
        endMarker(sign);
        return {};
    }

    // `{% raw %}` (after the `{%` and sign): jinja2 gives the raw tag no trim_blocks.
    bool rawBegin() {
        size_t p = m_pos;
        while (p < m_src.size() && std::isspace(static_cast<unsigned char>(m_src[p]))) ++p;
        if (!startsWith(m_src, p, "raw")) return false;
        p += 3;
        while (p < m_src.size() && std::isspace(static_cast<unsigned char>(m_src[p]))) ++p;
        if (startsWith(m_src, p, "-%}")) {
            m_line += count(m_pos, p + 3);
            m_pos = p + 3;
            skipSpace();
        } else if (startsWith(m_src, p, "%}")) {
            m_line += count(m_pos, p + 2);
            m_pos = p + 2;
        } else {
            return false;
        }
        m_lineStarting = m_pos > 0 && m_src[m_pos - 1] == '\n';
        return true;
    }
    Status raw() {
        const int line = m_line;
        for (size_t i = m_src.find("{%", m_pos); i != std::string::npos; i = m_src.find("{%", i + 2)) {
            size_t p = i + 2;
            const char sign = p < m_src.size() && (m_src[p] == '-' || m_src[p] == '+') ? m_src[p] : 0;
            p += sign ? 1 : 0;
            while (p < m_src.size() && std::isspace(static_cast<unsigned char>(m_src[p]))) ++p;
            if (!startsWith(m_src, p, "endraw")) continue;
            p += 6;
            while (p < m_src.size() && std::isspace(static_cast<unsigned char>(m_src[p]))) ++p;
            const char endSign = startsWith(m_src, p, "-%}") ? '-' : (startsWith(m_src, p, "+%}") ? '+' : 0);
            if (!endSign && !startsWith(m_src, p, "%}")) continue;
            std::string text = m_src.substr(m_pos, i - m_pos);
            if (sign == '-') {
                text = pyStrip(text, std::nullopt, false, true);
            } else if (sign != '+') {
                const size_t lpos = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
                if ((lpos > 0 || m_lineStarting) && allSpace(std::string_view(text).substr(lpos)))
                    text.erase(lpos);
            }
            emitText(text);
            m_line += count(m_pos, p);
            m_pos = p + (endSign ? 3 : 2);
            endMarker(endSign);
            return {};
        }
        return templateError("chat_template.syntax", m_origin, line, "missing {% endraw %}", "raw");
    }

    Status tag(bool block) {
        const int line = m_line;
        m_tokens.push_back({block ? TokenType::BlockBegin : TokenType::VariableBegin, {}, line});
        std::string brackets;
        while (true) {
            if (m_pos >= m_src.size())
                return templateError(
                    "chat_template.syntax", m_origin, line,
                    std::string("unexpected end of template, expected '") + (block ? "%}" : "}}") + "'",
                    block ? "{%" : "{{");
            if (brackets.empty()) {
                const char* end = block ? "%}" : "}}";
                char sign = 0;
                size_t len = 0;
                if (startsWith(m_src, m_pos, std::string("-") + end))
                    sign = '-', len = 3;
                else if (block && startsWith(m_src, m_pos, "+%}"))
                    sign = '+', len = 3;
                else if (startsWith(m_src, m_pos, end))
                    len = 2;
                if (len) {
                    m_pos += len;
                    m_tokens.push_back({block ? TokenType::BlockEnd : TokenType::VariableEnd, {}, m_line});
                    if (block)
                        endMarker(sign);
                    else if (sign == '-')
                        endMarker('-');
                    else
                        m_lineStarting = false;
                    return {};
                }
            }
            const size_t before = m_pos;
            skipSpace();
            if (m_pos != before) continue;
            if (Status s = token(brackets); !s) return s;
        }
    }

    Status token(std::string& brackets) {
        const char c = m_src[m_pos];
        const int line = m_line;
        if (std::isdigit(static_cast<unsigned char>(c))) return number();
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t e = m_pos;
            while (e < m_src.size() &&
                   (std::isalnum(static_cast<unsigned char>(m_src[e])) || m_src[e] == '_'))
                ++e;
            m_tokens.push_back({TokenType::Name, m_src.substr(m_pos, e - m_pos), line});
            m_pos = e;
            return {};
        }
        if (c == '\'' || c == '"') {
            size_t e = m_pos + 1;
            while (e < m_src.size() && m_src[e] != c) e += m_src[e] == '\\' ? 2 : 1;
            if (e >= m_src.size())
                return templateError("chat_template.syntax", m_origin, line, "unterminated string literal",
                                     "string");
            auto value = unescape(std::string_view(m_src).substr(m_pos + 1, e - m_pos - 1), m_origin, line);
            if (!value) return value.error();
            m_tokens.push_back({TokenType::String, std::move(*value), line});
            m_line += count(m_pos, e);
            m_pos = e + 1;
            return {};
        }
        static const char* const kOps[] = {"//", "**", "==", "!=", ">=", "<=", "+", "-", "/",
                                           "*",  "%",  "~",  "[",  "]",  "(",  ")", "{", "}",
                                           ">",  "<",  "=",  ".",  ":",  "|",  ",", ";"};
        for (const char* op : kOps) {
            if (!startsWith(m_src, m_pos, op)) continue;
            const char o = op[0];
            if (std::strlen(op) == 1 && (o == '(' || o == '[' || o == '{')) {
                brackets += o == '(' ? ')' : (o == '[' ? ']' : '}');
            } else if (std::strlen(op) == 1 && (o == ')' || o == ']' || o == '}')) {
                if (brackets.empty() || brackets.back() != o)
                    return templateError("chat_template.syntax", m_origin, line,
                                         std::string("unexpected '") + o + "'", std::string(1, o));
                brackets.pop_back();
            }
            m_tokens.push_back({TokenType::Operator, op, line});
            m_pos += std::strlen(op);
            return {};
        }
        return templateError("chat_template.syntax", m_origin, line,
                             std::string("unexpected character '") + c + "'", std::string(1, c));
    }

    Status number() {
        const int line = m_line;
        auto digits = [&](size_t p) {
            while (p < m_src.size() &&
                   (std::isdigit(static_cast<unsigned char>(m_src[p])) || m_src[p] == '_'))
                ++p;
            return p;
        };
        size_t e = digits(m_pos);
        bool isFloat = false;
        const bool afterDot = m_pos > 0 && m_src[m_pos - 1] == '.';  // `x.0.1` is two subscripts
        if (!afterDot && e + 1 < m_src.size() && m_src[e] == '.' &&
            std::isdigit(static_cast<unsigned char>(m_src[e + 1]))) {
            e = digits(e + 1);
            isFloat = true;
        }
        if (!afterDot && e < m_src.size() && (m_src[e] == 'e' || m_src[e] == 'E')) {
            size_t p = e + 1;
            if (p < m_src.size() && (m_src[p] == '+' || m_src[p] == '-')) ++p;
            if (p < m_src.size() && std::isdigit(static_cast<unsigned char>(m_src[p]))) {
                e = digits(p);
                isFloat = true;
            }
        }
        std::string text;
        for (size_t i = m_pos; i < e; ++i)
            if (m_src[i] != '_') text += m_src[i];
        m_tokens.push_back({isFloat ? TokenType::Float : TokenType::Integer, text, line});
        m_pos = e;
        return {};
    }

    std::string m_src;
    const std::string& m_origin;
    size_t m_pos = 0;
    int m_line = 1;
    bool m_lineStarting = true;
    std::vector<Token> m_tokens;
};

}  // namespace

Result<std::vector<Token>> lex(std::string_view source, const std::string& origin) {
    return Lexer(source, origin).run();
}

}  // namespace ft::tok::jinja
