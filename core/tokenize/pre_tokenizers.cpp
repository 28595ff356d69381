#include "core/tokenize/pre_tokenizers.h"

#include "core/tokenize/byte_level_table.h"
#include "core/tokenize/json_util.h"
#include "core/tokenize/regex.h"
#include "core/tokenize/unicode.h"

#include <algorithm>

namespace ft::tok {

namespace {
// Same as the OpenAI / HF GPT-2 pattern (formats.md §3.5).
const char* kGpt2Pattern = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
}  // namespace

void splitPiece(const Piece& piece, const std::vector<std::pair<size_t, size_t>>& matches,
                SplitBehavior behavior, bool invert, std::vector<Piece>& out) {
    const std::string& text = piece.text;
    // (range, isMatch) covering the whole text, as HF's Pattern::find_matches returns.
    struct Span {
        size_t s, e;
        bool m;
    };
    std::vector<Span> spans;
    spans.reserve(matches.size() * 2 + 1);
    size_t prev = 0;
    for (const auto& [s, e] : matches) {
        if (prev != s) spans.push_back({prev, s, false});
        spans.push_back({s, e, true});
        prev = e;
    }
    if (prev != text.size() || text.empty()) spans.push_back({prev, text.size(), false});
    if (invert)
        for (auto& sp : spans) sp.m = !sp.m;

    std::vector<Span> cut;  // pieces to keep (m = false means keep, after behavior applied)
    cut.reserve(spans.size());
    switch (behavior) {
        case SplitBehavior::Isolated:
            for (auto sp : spans) cut.push_back({sp.s, sp.e, false});
            break;
        case SplitBehavior::Removed:
            for (auto sp : spans)
                if (!sp.m) cut.push_back(sp);
            break;
        case SplitBehavior::Contiguous: {
            bool prevMatch = false;
            for (auto sp : spans) {
                if (sp.m && prevMatch && !cut.empty())
                    cut.back().e = sp.e;
                else
                    cut.push_back({sp.s, sp.e, false});
                prevMatch = sp.m;
            }
            break;
        }
        case SplitBehavior::MergedWithPrevious: {
            bool prevMatch = false;
            for (auto sp : spans) {
                if (sp.m && !prevMatch && !cut.empty())
                    cut.back().e = sp.e;
                else
                    cut.push_back({sp.s, sp.e, false});
                prevMatch = sp.m;
            }
            break;
        }
        case SplitBehavior::MergedWithNext: {
            bool prevMatch = false;
            for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
                if (it->m && !prevMatch && !cut.empty())
                    cut.back().s = it->s;
                else
                    cut.push_back({it->s, it->e, false});
                prevMatch = it->m;
            }
            std::reverse(cut.begin(), cut.end());
            break;
        }
    }
    for (const auto& c : cut) {
        if (c.e <= c.s) continue;
        out.push_back(Piece{text.substr(c.s, c.e - c.s), piece.atStart && c.s == 0});
    }
}

namespace {

using Matches = std::vector<std::pair<size_t, size_t>>;

// Applies `fn(piece, out)` to every piece.
template <class Fn>
void forEachPiece(std::vector<Piece>& pieces, Fn fn) {
    std::vector<Piece> out;
    out.reserve(pieces.size() * 2);
    for (const auto& p : pieces) fn(p, out);
    pieces.swap(out);
}

// Splits on chars for which `pred` holds.
template <class Pred>
Matches charMatches(const std::string& text, Pred pred) {
    Matches m;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t s = pos;
        if (pred(uni::next(text, pos))) m.emplace_back(s, pos);
    }
    return m;
}

Matches regexMatches(const Regex& re, const std::string& text) {
    Matches m;
    re.findAll(text, [&](size_t s, size_t e) { m.emplace_back(s, e); });
    return m;
}

class ByteLevelPre final : public PreTokenizer {
public:
    ByteLevelPre(bool prefix, bool useRegex, Regex re)
        : m_prefix(prefix), m_useRegex(useRegex), m_re(std::move(re)) {}
    void split(std::vector<Piece>& pieces) const override {
        const auto& table = ByteLevelTable::instance();
        forEachPiece(pieces, [&](const Piece& p, std::vector<Piece>& out) {
            Piece src = p;
            if (m_prefix && (src.text.empty() || src.text[0] != ' ')) src.text.insert(0, " ");
            const size_t first = out.size();
            if (m_useRegex)
                splitPiece(src, regexMatches(m_re, src.text), SplitBehavior::Isolated, false, out);
            else if (!src.text.empty())
                out.push_back(src);
            for (size_t i = first; i < out.size(); ++i) out[i].text = table.encode(out[i].text);
        });
    }

private:
    bool m_prefix, m_useRegex;
    Regex m_re;
};

class RegexSplit final : public PreTokenizer {
public:
    RegexSplit(Regex re, SplitBehavior b, bool invert)
        : m_re(std::move(re)), m_behavior(b), m_invert(invert) {}
    void split(std::vector<Piece>& pieces) const override {
        forEachPiece(pieces, [&](const Piece& p, std::vector<Piece>& out) {
            splitPiece(p, regexMatches(m_re, p.text), m_behavior, m_invert, out);
        });
    }

private:
    Regex m_re;
    SplitBehavior m_behavior;
    bool m_invert;
};

class BertPre final : public PreTokenizer {
public:
    void split(std::vector<Piece>& pieces) const override {
        forEachPiece(pieces, [](const Piece& p, std::vector<Piece>& out) {
            std::vector<Piece> words;
            splitPiece(p, charMatches(p.text, uni::isWhitespace), SplitBehavior::Removed, false, words);
            for (const auto& w : words)
                splitPiece(w, charMatches(w.text, uni::isPunctuation), SplitBehavior::Isolated, false, out);
        });
    }
};

class CharSplit final : public PreTokenizer {
public:
    CharSplit(bool (*pred)(char32_t), SplitBehavior b) : m_pred(pred), m_behavior(b) {}
    void split(std::vector<Piece>& pieces) const override {
        forEachPiece(pieces, [&](const Piece& p, std::vector<Piece>& out) {
            splitPiece(p, charMatches(p.text, m_pred), m_behavior, false, out);
        });
    }

private:
    bool (*m_pred)(char32_t);
    SplitBehavior m_behavior;
};

class Metaspace final : public PreTokenizer {
public:
    enum class Scheme { Always, First, Never };
    Metaspace(std::string rep, Scheme s, bool split) : m_rep(std::move(rep)), m_scheme(s), m_split(split) {}
    void split(std::vector<Piece>& pieces) const override {
        forEachPiece(pieces, [&](const Piece& p, std::vector<Piece>& out) {
            Piece q{std::string(), p.atStart};
            q.text.reserve(p.text.size() + 8);
            for (char c : p.text) {
                if (c == ' ')
                    q.text += m_rep;
                else
                    q.text.push_back(c);
            }
            const bool starts = q.text.compare(0, m_rep.size(), m_rep) == 0;
            if (!starts && (m_scheme == Scheme::Always || (m_scheme == Scheme::First && p.atStart)))
                q.text.insert(0, m_rep);
            if (!m_split) {
                if (!q.text.empty()) out.push_back(std::move(q));
                return;
            }
            Matches m;
            for (size_t pos = q.text.find(m_rep); pos != std::string::npos;
                 pos = q.text.find(m_rep, pos + m_rep.size()))
                m.emplace_back(pos, pos + m_rep.size());
            splitPiece(q, m, SplitBehavior::MergedWithNext, false, out);
        });
    }

private:
    std::string m_rep;
    Scheme m_scheme;
    bool m_split;
};

class SequencePre final : public PreTokenizer {
public:
    explicit SequencePre(std::vector<std::unique_ptr<PreTokenizer>> items) : m_items(std::move(items)) {}
    void split(std::vector<Piece>& pieces) const override {
        for (const auto& p : m_items) p->split(pieces);
    }

private:
    std::vector<std::unique_ptr<PreTokenizer>> m_items;
};

Result<SplitBehavior> parseBehavior(const nlohmann::json& j, const std::string& path,
                                    SplitBehavior fallback) {
    auto s = jsonutil::getString(j, "behavior", path);
    if (!s) return s.error();
    if (s->empty()) return fallback;
    if (*s == "Removed") return SplitBehavior::Removed;
    if (*s == "Isolated") return SplitBehavior::Isolated;
    if (*s == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
    if (*s == "MergedWithNext") return SplitBehavior::MergedWithNext;
    if (*s == "Contiguous") return SplitBehavior::Contiguous;
    return jsonutil::fieldError(path + ".behavior", "has unknown value '" + *s + "'");
}

Result<Regex> compileAt(const std::string& pattern, const std::string& path) {
    auto re = Regex::compile(pattern);
    if (!re) {
        Error e = re.error();
        e.field = path;
        return e;
    }
    return re;
}

}  // namespace

Result<std::unique_ptr<PreTokenizer>> makePreTokenizer(const nlohmann::json& j, const std::string& path) {
    using namespace jsonutil;
    using Ptr = std::unique_ptr<PreTokenizer>;
    if (j.is_null()) return Ptr{};
    if (!j.is_object()) return fieldError(path, "must be an object or null");
    auto type = getString(j, "type", path);
    if (!type) return type.error();
    const std::string& t = *type;
    if (t == "ByteLevel") {
        auto prefix = getBool(j, "add_prefix_space", path, true);
        auto useRegex = getBool(j, "use_regex", path, true);
        if (!prefix) return prefix.error();
        if (!useRegex) return useRegex.error();
        auto re = compileAt(kGpt2Pattern, path);
        if (!re) return re.error();
        return Ptr(new ByteLevelPre(*prefix, *useRegex, std::move(*re)));
    }
    if (t == "Split") {
        auto pattern = getPattern(j, "pattern", path);
        if (!pattern) return pattern.error();
        auto behavior = parseBehavior(j, path, SplitBehavior::Isolated);
        if (!behavior) return behavior.error();
        auto invert = getBool(j, "invert", path, false);
        if (!invert) return invert.error();
        auto re = compileAt(*pattern, path + ".pattern");
        if (!re) return re.error();
        return Ptr(new RegexSplit(std::move(*re), *behavior, *invert));
    }
    if (t == "Whitespace") {
        // Rust regex's \w (alphabetic, marks, Nd, Pc, joiners); PCRE2's \w would miss marks and ZWJ.
        auto re = compileAt(
            R"([\p{L}\p{Nl}\p{Nd}\p{M}\p{Pc}\x{200C}\x{200D}]+|[^\p{L}\p{Nl}\p{Nd}\p{M}\p{Pc}\x{200C}\x{200D}\s]+)",
            path);
        if (!re) return re.error();
        return Ptr(new RegexSplit(std::move(*re), SplitBehavior::Removed, true));
    }
    if (t == "WhitespaceSplit") return Ptr(new CharSplit(uni::isWhitespace, SplitBehavior::Removed));
    if (t == "BertPreTokenizer") return Ptr(new BertPre);
    if (t == "Punctuation") {
        auto behavior = parseBehavior(j, path, SplitBehavior::Isolated);
        if (!behavior) return behavior.error();
        return Ptr(new CharSplit(uni::isPunctuation, *behavior));
    }
    if (t == "Digits") {
        auto individual = getBool(j, "individual_digits", path, false);
        if (!individual) return individual.error();
        return Ptr(
            new CharSplit(uni::isNumeric, *individual ? SplitBehavior::Isolated : SplitBehavior::Contiguous));
    }
    if (t == "Metaspace") {
        auto rep = getString(j, "replacement", path, "\xE2\x96\x81");
        if (!rep) return rep.error();
        auto split = getBool(j, "split", path, true);
        if (!split) return split.error();
        auto scheme = getString(j, "prepend_scheme", path, "always");
        if (!scheme) return scheme.error();
        Metaspace::Scheme s = Metaspace::Scheme::Always;
        if (*scheme == "first")
            s = Metaspace::Scheme::First;
        else if (*scheme == "never")
            s = Metaspace::Scheme::Never;
        else if (*scheme != "always")
            return fieldError(path + ".prepend_scheme", "has unknown value '" + *scheme + "'");
        auto legacy = j.find("add_prefix_space");
        if (legacy != j.end() && legacy->is_boolean() && !legacy->get<bool>()) {
            if (j.contains("prepend_scheme") && s != Metaspace::Scheme::Never)
                return fieldError(path + ".add_prefix_space", "is false but prepend_scheme is not \"never\"");
            s = Metaspace::Scheme::Never;
        }
        if (rep->empty()) return fieldError(path + ".replacement", "must not be empty");
        return Ptr(new Metaspace(*rep, s, *split));
    }
    if (t == "Sequence") {
        auto it = j.find("pretokenizers");
        if (it == j.end() || !it->is_array()) return fieldError(path + ".pretokenizers", "must be an array");
        std::vector<Ptr> items;
        for (size_t i = 0; i < it->size(); ++i) {
            auto p = makePreTokenizer((*it)[i], path + ".pretokenizers[" + std::to_string(i) + "]");
            if (!p) return p.error();
            if (*p) items.push_back(std::move(*p));
        }
        return Ptr(new SequencePre(std::move(items)));
    }
    return unsupported(path + ".type", "pre-tokenizer", t);
}

}  // namespace ft::tok
