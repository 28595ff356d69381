#include "core/tokenize/added_vocabulary.h"

#include "core/tokenize/unicode.h"

#include <algorithm>

namespace ft::tok {

namespace {
bool isWordChar(char32_t c) {
    return uni::isAlphanumeric(c) || c == '_';
}

char32_t lastChar(std::string_view s) {
    size_t p = s.size();
    while (p > 0 && (static_cast<unsigned char>(s[p - 1]) & 0xC0) == 0x80) --p;
    if (p > 0) --p;
    return uni::next(s, p);
}
}  // namespace

void AddedVocabulary::add(AddedToken token) {
    if (token.content.empty()) return;
    auto existing = m_byContent.find(token.content);
    if (existing != m_byContent.end()) return;
    m_byContent.emplace(token.content, token.id);
    m_byId[token.id] = m_tokens.size();
    if (token.special) m_specialIds.insert(token.id);
    m_tokens.push_back(std::move(token));
}

void AddedVocabulary::Trie::insert(const std::string& s, int32_t token) {
    if (s.empty()) return;
    int32_t node = 0;
    for (unsigned char c : s) {
        auto it = nodes[static_cast<size_t>(node)].next.find(c);
        if (it == nodes[static_cast<size_t>(node)].next.end()) {
            nodes.push_back(Node{});
            const int32_t created = static_cast<int32_t>(nodes.size() - 1);
            nodes[static_cast<size_t>(node)].next.emplace(c, created);
            node = created;
        } else {
            node = it->second;
        }
    }
    if (nodes[static_cast<size_t>(node)].token < 0) nodes[static_cast<size_t>(node)].token = token;
    firstByte[static_cast<unsigned char>(s[0])] = true;
}

std::pair<int32_t, size_t> AddedVocabulary::Trie::longestAt(std::string_view text, size_t pos) const {
    std::pair<int32_t, size_t> best{-1, pos};
    int32_t node = 0;
    for (size_t i = pos; i < text.size(); ++i) {
        const auto& n = nodes[static_cast<size_t>(node)].next;
        auto it = n.find(static_cast<unsigned char>(text[i]));
        if (it == n.end()) break;
        node = it->second;
        if (nodes[static_cast<size_t>(node)].token >= 0)
            best = {nodes[static_cast<size_t>(node)].token, i + 1};
    }
    return best;
}

void AddedVocabulary::build(const Normalizer* normalizer) {
    m_raw = Trie{};
    m_normalized = Trie{};
    for (size_t i = 0; i < m_tokens.size(); ++i) {
        const auto& t = m_tokens[i];
        if (t.normalized) {
            std::string n = t.content;
            if (normalizer) normalizer->normalize(n);
            m_normalized.insert(n, static_cast<int32_t>(i));
        } else {
            m_raw.insert(t.content, static_cast<int32_t>(i));
        }
    }
}

void AddedVocabulary::split(std::string_view text, const Trie& trie, bool atStart, bool normalizeRest,
                            const Normalizer* normalizer, std::vector<Segment>& out) const {
    auto emitText = [&](size_t s, size_t e) {
        if (e <= s) return;
        Segment seg{std::string(text.substr(s, e - s)), std::nullopt, atStart && s == 0};
        if (normalizeRest) {
            if (normalizer) normalizer->normalize(seg.text);
            // Tokens with normalized=true are looked for in the normalized text.
            if (!m_normalized.empty()) {
                split(seg.text, m_normalized, seg.atStart, false, nullptr, out);
                return;
            }
        }
        if (!seg.text.empty()) out.push_back(std::move(seg));
    };
    size_t startOffset = 0;
    size_t pos = 0;
    if (!trie.empty()) {
        while (pos < text.size()) {
            if (!trie.firstByte[static_cast<unsigned char>(text[pos])]) {
                ++pos;
                continue;
            }
            auto [idx, end] = trie.longestAt(text, pos);
            if (idx < 0) {
                ++pos;
                continue;
            }
            const AddedToken& tok = m_tokens[static_cast<size_t>(idx)];
            size_t start = pos, stop = end;
            pos = end;
            if (tok.singleWord) {
                const bool startOk = start == 0 || !isWordChar(lastChar(text.substr(0, start)));
                size_t np = stop;
                const bool stopOk = stop == text.size() || !isWordChar(uni::next(text, np));
                if (!startOk || !stopOk) continue;
            }
            if (tok.lstrip) {
                size_t s = start;
                while (s > 0) {
                    size_t b = s - 1;
                    while (b > 0 && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) --b;
                    size_t q = b;
                    if (!uni::isWhitespace(uni::next(text, q))) break;
                    s = b;
                }
                start = std::max(s, startOffset);
            }
            if (tok.rstrip) {
                while (stop < text.size()) {
                    size_t q = stop;
                    if (!uni::isWhitespace(uni::next(text, q))) break;
                    stop = q;
                }
                pos = std::max(pos, stop);
            }
            emitText(startOffset, start);
            out.push_back(Segment{tok.content, tok.id, atStart && start == 0});
            startOffset = stop;
        }
    }
    emitText(startOffset, text.size());
}

void AddedVocabulary::extract(std::string_view text, const Normalizer* normalizer,
                              std::vector<Segment>& out) const {
    split(text, m_raw, true, true, normalizer, out);
}

std::optional<int32_t> AddedVocabulary::tokenToId(std::string_view token) const {
    auto it = m_byContent.find(std::string(token));
    if (it == m_byContent.end()) return std::nullopt;
    return it->second;
}

const std::string* AddedVocabulary::idToToken(int32_t id) const {
    auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : &m_tokens[it->second].content;
}

int32_t AddedVocabulary::maxId() const {
    int32_t m = -1;
    for (const auto& t : m_tokens) m = std::max(m, t.id);
    return m;
}

}  // namespace ft::tok
