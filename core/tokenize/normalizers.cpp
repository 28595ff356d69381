#include "core/tokenize/normalizers.h"

#include "core/tokenize/byte_level_table.h"
#include "core/tokenize/json_util.h"
#include "core/tokenize/precompiled_charsmap.h"
#include "core/tokenize/regex.h"
#include "core/tokenize/unicode.h"

namespace ft::tok {
namespace {

class UnicodeNorm final : public Normalizer {
public:
    explicit UnicodeNorm(uni::NormForm f) : m_form(f) {}
    void normalize(std::string& t) const override { t = uni::normalize(t, m_form); }

private:
    uni::NormForm m_form;
};

void lowercase(std::string& t) {
    if (uni::isAscii(t)) {
        for (char& c : t)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        return;
    }
    std::string out;
    out.reserve(t.size());
    size_t pos = 0;
    while (pos < t.size()) uni::appendLower(out, uni::next(t, pos));
    t.swap(out);
}

void stripAccents(std::string& t) {
    if (uni::isAscii(t)) return;
    const std::string nfd = uni::normalize(t, uni::NormForm::NFD);
    std::string out;
    out.reserve(nfd.size());
    size_t pos = 0;
    while (pos < nfd.size()) {
        const char32_t c = uni::next(nfd, pos);
        if (!uni::isMarkNonSpacing(c)) uni::append(out, c);
    }
    t.swap(out);
}

// sentencepiece's compiled rules (T5's nmt_nfkc and the like), as HF tokenizers applies them.
class Precompiled final : public Normalizer {
public:
    explicit Precompiled(PrecompiledCharsmap map) : m_map(std::move(map)) {}
    void normalize(std::string& t) const override { t = m_map.normalize(t); }

private:
    PrecompiledCharsmap m_map;
};

class Lowercase final : public Normalizer {
public:
    void normalize(std::string& t) const override { lowercase(t); }
};

// Like HF's StripAccents: removes Mn marks without decomposing first (pipelines put NFD before it).
class StripAccents final : public Normalizer {
public:
    void normalize(std::string& t) const override {
        std::string out;
        out.reserve(t.size());
        size_t pos = 0;
        while (pos < t.size()) {
            const char32_t c = uni::next(t, pos);
            if (!uni::isMarkNonSpacing(c)) uni::append(out, c);
        }
        t.swap(out);
    }
};

class BertNorm final : public Normalizer {
public:
    BertNorm(bool clean, bool chinese, bool strip, bool lower)
        : m_clean(clean), m_chinese(chinese), m_strip(strip), m_lower(lower) {}
    void normalize(std::string& t) const override {
        std::string out;
        out.reserve(t.size() + 8);
        size_t pos = 0;
        while (pos < t.size()) {
            const char32_t c = uni::next(t, pos);
            if (m_clean) {
                const bool control = c != '\t' && c != '\n' && c != '\r' && uni::isOther(c);
                if (c == 0 || c == 0xFFFD || control) continue;
                if (uni::isWhitespace(c)) {
                    out.push_back(' ');
                    continue;
                }
            }
            if (m_chinese && uni::isChineseChar(c)) {
                out.push_back(' ');
                uni::append(out, c);
                out.push_back(' ');
                continue;
            }
            uni::append(out, c);
        }
        if (m_strip) stripAccents(out);
        if (m_lower) lowercase(out);
        t.swap(out);
    }

private:
    bool m_clean, m_chinese, m_strip, m_lower;
};

class Strip final : public Normalizer {
public:
    Strip(bool left, bool right) : m_left(left), m_right(right) {}
    void normalize(std::string& t) const override {
        size_t begin = 0, end = t.size();
        if (m_left) {
            while (begin < end) {
                size_t p = begin;
                if (!uni::isWhitespace(uni::next(t, p))) break;
                begin = p;
            }
        }
        if (m_right) {
            while (end > begin) {
                size_t s = end - 1;
                while (s > begin && (static_cast<unsigned char>(t[s]) & 0xC0) == 0x80) --s;
                size_t p = s;
                if (!uni::isWhitespace(uni::next(t, p))) break;
                end = s;
            }
        }
        t = t.substr(begin, end - begin);
    }

private:
    bool m_left, m_right;
};

class Prepend final : public Normalizer {
public:
    explicit Prepend(std::string p) : m_prepend(std::move(p)) {}
    void normalize(std::string& t) const override {
        if (!t.empty()) t.insert(0, m_prepend);
    }

private:
    std::string m_prepend;
};

class Replace final : public Normalizer {
public:
    Replace(Regex re, std::string content) : m_re(std::move(re)), m_content(std::move(content)) {}
    void normalize(std::string& t) const override { t = m_re.replaceAll(t, m_content); }

private:
    Regex m_re;
    std::string m_content;
};

class ByteLevelNorm final : public Normalizer {
public:
    void normalize(std::string& t) const override { t = ByteLevelTable::instance().encode(t); }
};

class SequenceNorm final : public Normalizer {
public:
    explicit SequenceNorm(std::vector<std::unique_ptr<Normalizer>> n) : m_items(std::move(n)) {}
    void normalize(std::string& t) const override {
        for (const auto& n : m_items) n->normalize(t);
    }

private:
    std::vector<std::unique_ptr<Normalizer>> m_items;
};

}  // namespace

Result<std::unique_ptr<Normalizer>> makeNormalizer(const nlohmann::json& j, const std::string& path) {
    using namespace jsonutil;
    using Ptr = std::unique_ptr<Normalizer>;
    if (j.is_null()) return Ptr{};
    if (!j.is_object()) return fieldError(path, "must be an object or null");
    auto type = getString(j, "type", path);
    if (!type) return type.error();
    const std::string& t = *type;
    if (t == "NFC") return Ptr(new UnicodeNorm(uni::NormForm::NFC));
    if (t == "NFD") return Ptr(new UnicodeNorm(uni::NormForm::NFD));
    if (t == "NFKC") return Ptr(new UnicodeNorm(uni::NormForm::NFKC));
    if (t == "NFKD") return Ptr(new UnicodeNorm(uni::NormForm::NFKD));
    if (t == "Lowercase") return Ptr(new Lowercase);
    if (t == "StripAccents") return Ptr(new StripAccents);
    if (t == "ByteLevel") return Ptr(new ByteLevelNorm);
    if (t == "BertNormalizer") {
        auto clean = getBool(j, "clean_text", path, true);
        auto chinese = getBool(j, "handle_chinese_chars", path, true);
        auto lower = getBool(j, "lowercase", path, true);
        if (!clean) return clean.error();
        if (!chinese) return chinese.error();
        if (!lower) return lower.error();
        auto strip = getBool(j, "strip_accents", path, *lower);  // null → follows lowercase
        if (!strip) return strip.error();
        return Ptr(new BertNorm(*clean, *chinese, *strip, *lower));
    }
    if (t == "Strip") {
        auto l = getBool(j, "strip_left", path, true);
        auto r = getBool(j, "strip_right", path, true);
        if (!l) return l.error();
        if (!r) return r.error();
        return Ptr(new Strip(*l, *r));
    }
    if (t == "Prepend") {
        auto p = getString(j, "prepend", path);
        if (!p) return p.error();
        return Ptr(new Prepend(*p));
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
        return Ptr(new Replace(std::move(*re), *content));
    }
    if (t == "Precompiled") {
        // Required, as in HF tokenizers; "" (no rules) passes text through.
        const auto field = j.find("precompiled_charsmap");
        if (field == j.end() || !field->is_string()) return fieldError(path + ".precompiled_charsmap", "must be a base64 string");
        const auto blob = decodeBase64(field->get<std::string>());
        if (!blob) return fieldError(path + ".precompiled_charsmap", "is not base64");
        auto map = PrecompiledCharsmap::parse(*blob, path + ".precompiled_charsmap");
        if (!map) return map.error();
        return Ptr(new Precompiled(std::move(*map)));
    }
    if (t == "Sequence") {
        auto it = j.find("normalizers");
        if (it == j.end() || !it->is_array()) return fieldError(path + ".normalizers", "must be an array");
        std::vector<Ptr> items;
        for (size_t i = 0; i < it->size(); ++i) {
            auto n = makeNormalizer((*it)[i], path + ".normalizers[" + std::to_string(i) + "]");
            if (!n) return n.error();
            if (*n) items.push_back(std::move(*n));
        }
        return Ptr(new SequenceNorm(std::move(items)));
    }
    return unsupported(path + ".type", "normalizer", t);
}

}  // namespace ft::tok
