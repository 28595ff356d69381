#include "core/tokenize/decoders.h"

#include "core/tokenize/byte_level_table.h"
#include "core/tokenize/json_util.h"
#include "core/tokenize/regex.h"
#include "core/tokenize/unicode.h"

namespace ft::tok {
namespace {

// Bytes → text the way Rust's String::from_utf8_lossy does (invalid bytes become U+FFFD).
std::string lossyUtf8(const std::string& bytes) {
    return uni::sanitize(bytes);
}

class ByteLevelDec final : public Decoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override {
        const auto& table = ByteLevelTable::instance();
        std::string bytes;
        for (const auto& t : tokens) {
            const size_t mark = bytes.size();
            size_t pos = 0;
            bool ok = true;
            while (pos < t.size()) {
                const int b = table.byteOf(uni::next(t, pos));
                if (b < 0) {
                    ok = false;
                    break;
                }
                bytes.push_back(static_cast<char>(b));
            }
            if (!ok) {  // a token outside the table (e.g. an added token) keeps its own bytes
                bytes.resize(mark);
                bytes += t;
            }
        }
        tokens.assign(1, lossyUtf8(bytes));
    }
};

class WordPieceDec final : public Decoder {
public:
    WordPieceDec(std::string prefix, bool cleanup) : m_prefix(std::move(prefix)), m_cleanup(cleanup) {}
    void decodeChain(std::vector<std::string>& tokens) const override {
        for (size_t i = 0; i < tokens.size(); ++i) {
            auto& t = tokens[i];
            if (i != 0) {
                if (!m_prefix.empty() && t.compare(0, m_prefix.size(), m_prefix) == 0)
                    t.erase(0, m_prefix.size());
                else
                    t.insert(0, " ");
            }
            if (m_cleanup) t = cleanup(t);
        }
    }
    static std::string cleanup(std::string s) {
        static const std::pair<const char*, const char*> rules[] = {
            {" .", "."},   {" ?", "?"},     {" !", "!"},    {" ,", ","},
            {" ' ", "'"},  {" n't", "n't"}, {" 'm", "'m"},  {" do not", " don't"},
            {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"}};
        for (const auto& [from, to] : rules) {
            const std::string f = from, r = to;
            std::string out;
            size_t prev = 0;
            for (size_t p = s.find(f); p != std::string::npos; p = s.find(f, prev)) {
                out.append(s, prev, p - prev);
                out += r;
                prev = p + f.size();
            }
            out.append(s, prev, std::string::npos);
            s.swap(out);
        }
        return s;
    }

private:
    std::string m_prefix;
    bool m_cleanup;
};

class MetaspaceDec final : public Decoder {
public:
    MetaspaceDec(std::string rep, bool prepend) : m_rep(std::move(rep)), m_prepend(prepend) {}
    void decodeChain(std::vector<std::string>& tokens) const override {
        for (size_t i = 0; i < tokens.size(); ++i) {
            std::string out;
            const auto& t = tokens[i];
            for (size_t p = 0; p < t.size();) {
                if (t.compare(p, m_rep.size(), m_rep) == 0) {
                    out.push_back(' ');
                    p += m_rep.size();
                } else {
                    out.push_back(t[p++]);
                }
            }
            if (i == 0 && m_prepend && !out.empty() && out[0] == ' ') out.erase(0, 1);
            tokens[i].swap(out);
        }
    }

private:
    std::string m_rep;
    bool m_prepend;
};

class ByteFallbackDec final : public Decoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override {
        std::vector<std::string> out;
        std::string bytes;
        size_t pending = 0;
        auto flush = [&] {
            if (!pending) return;
            if (uni::isValid(bytes))
                out.push_back(bytes);
            else
                for (size_t k = 0; k < pending; ++k) out.push_back("\xEF\xBF\xBD");
            bytes.clear();
            pending = 0;
        };
        for (auto& t : tokens) {
            int b = -1;
            if (t.size() == 6 && t.compare(0, 3, "<0x") == 0 && t[5] == '>') {
                auto hex = [](char c) {
                    return c >= '0' && c <= '9' ? c - '0' : (c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1);
                };
                const int hi = hex(t[3]), lo = hex(t[4]);
                if (hi >= 0 && lo >= 0) b = hi * 16 + lo;
            }
            if (b >= 0) {
                bytes.push_back(static_cast<char>(b));
                ++pending;
            } else {
                flush();
                out.push_back(std::move(t));
            }
        }
        flush();
        tokens.swap(out);
    }
};

class FuseDec final : public Decoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override {
        std::string all;
        for (const auto& t : tokens) all += t;
        tokens.assign(1, std::move(all));
    }
};

class StripDec final : public Decoder {
public:
    StripDec(std::string content, size_t start, size_t stop)
        : m_content(std::move(content)), m_start(start), m_stop(stop) {}
    void decodeChain(std::vector<std::string>& tokens) const override {
        for (auto& t : tokens) {
            // Work on chars: `content` is one char (HF stores a Rust char).
            std::vector<std::pair<size_t, size_t>> chars;
            for (size_t p = 0; p < t.size();) {
                const size_t s = p;
                uni::next(t, p);
                chars.emplace_back(s, p);
            }
            auto is = [&](size_t k) {
                return t.compare(chars[k].first, chars[k].second - chars[k].first, m_content) == 0;
            };
            size_t begin = 0, end = chars.size();
            for (size_t k = 0; k < m_start && begin < end && is(begin); ++k) ++begin;
            for (size_t k = 0; k < m_stop && end > begin && is(end - 1); ++k) --end;
            if (begin == end)
                t.clear();
            else
                t = t.substr(chars[begin].first, chars[end - 1].second - chars[begin].first);
        }
    }

private:
    std::string m_content;
    size_t m_start, m_stop;
};

class ReplaceDec final : public Decoder {
public:
    ReplaceDec(Regex re, std::string content) : m_re(std::move(re)), m_content(std::move(content)) {}
    void decodeChain(std::vector<std::string>& tokens) const override {
        for (auto& t : tokens) t = m_re.replaceAll(t, m_content);
    }

private:
    Regex m_re;
    std::string m_content;
};

class BpeDec final : public Decoder {
public:
    explicit BpeDec(std::string suffix) : m_suffix(std::move(suffix)) {}
    void decodeChain(std::vector<std::string>& tokens) const override {
        for (size_t i = 0; i < tokens.size(); ++i) {
            const std::string rep = i + 1 == tokens.size() ? "" : " ";
            std::string out;
            const auto& t = tokens[i];
            size_t prev = 0;
            for (size_t p = m_suffix.empty() ? std::string::npos : t.find(m_suffix); p != std::string::npos;
                 p = t.find(m_suffix, prev)) {
                out.append(t, prev, p - prev);
                out += rep;
                prev = p + m_suffix.size();
            }
            out.append(t, prev, std::string::npos);
            tokens[i].swap(out);
        }
    }

private:
    std::string m_suffix;
};

class SequenceDec final : public Decoder {
public:
    explicit SequenceDec(std::vector<std::unique_ptr<Decoder>> items) : m_items(std::move(items)) {}
    void decodeChain(std::vector<std::string>& tokens) const override {
        for (const auto& d : m_items) d->decodeChain(tokens);
    }

private:
    std::vector<std::unique_ptr<Decoder>> m_items;
};

}  // namespace

Result<std::unique_ptr<Decoder>> makeDecoder(const nlohmann::json& j, const std::string& path) {
    using namespace jsonutil;
    using Ptr = std::unique_ptr<Decoder>;
    if (j.is_null()) return Ptr{};
    if (!j.is_object()) return fieldError(path, "must be an object or null");
    auto type = getString(j, "type", path);
    if (!type) return type.error();
    const std::string& t = *type;
    if (t == "ByteLevel") return Ptr(new ByteLevelDec);
    if (t == "ByteFallback") return Ptr(new ByteFallbackDec);
    if (t == "Fuse") return Ptr(new FuseDec);
    if (t == "WordPiece") {
        auto prefix = getString(j, "prefix", path, "##");
        auto cleanup = getBool(j, "cleanup", path, true);
        if (!prefix) return prefix.error();
        if (!cleanup) return cleanup.error();
        return Ptr(new WordPieceDec(*prefix, *cleanup));
    }
    if (t == "Metaspace") {
        auto rep = getString(j, "replacement", path, "\xE2\x96\x81");
        if (!rep) return rep.error();
        auto scheme = getString(j, "prepend_scheme", path, "always");
        if (!scheme) return scheme.error();
        bool prepend = *scheme != "never";
        if (auto legacy = j.find("add_prefix_space");
            legacy != j.end() && legacy->is_boolean() && !legacy->get<bool>())
            prepend = false;
        if (rep->empty()) return fieldError(path + ".replacement", "must not be empty");
        return Ptr(new MetaspaceDec(*rep, prepend));
    }
    if (t == "Strip") {
        auto content = getString(j, "content", path, " ");
        auto start = getInt(j, "start", path, 0);
        auto stop = getInt(j, "stop", path, 0);
        if (!content) return content.error();
        if (!start) return start.error();
        if (!stop) return stop.error();
        return Ptr(new StripDec(*content, static_cast<size_t>(std::max<int64_t>(0, *start)),
                                static_cast<size_t>(std::max<int64_t>(0, *stop))));
    }
    if (t == "Replace") {
        auto pattern = getPattern(j, "pattern", path);
        if (!pattern) return pattern.error();
        auto content = getString(j, "content", path);
        if (!content) return content.error();
        auto re = Regex::compile(*pattern);
        if (!re) {
            Error e = re.error();
            e.field = path + ".pattern";
            return e;
        }
        return Ptr(new ReplaceDec(std::move(*re), *content));
    }
    if (t == "BPEDecoder") {
        auto suffix = getString(j, "suffix", path, "</w>");
        if (!suffix) return suffix.error();
        return Ptr(new BpeDec(*suffix));
    }
    if (t == "Sequence") {
        auto it = j.find("decoders");
        if (it == j.end() || !it->is_array()) return fieldError(path + ".decoders", "must be an array");
        std::vector<Ptr> items;
        for (size_t i = 0; i < it->size(); ++i) {
            auto d = makeDecoder((*it)[i], path + ".decoders[" + std::to_string(i) + "]");
            if (!d) return d.error();
            if (*d) items.push_back(std::move(*d));
        }
        return Ptr(new SequenceDec(std::move(items)));
    }
    return unsupported(path + ".type", "decoder", t);
}

}  // namespace ft::tok
