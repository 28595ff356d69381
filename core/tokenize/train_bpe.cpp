#include "core/tokenize/train_bpe.h"

#include "core/tokenize/byte_level_table.h"
#include "core/tokenize/regex.h"
#include "core/tokenize/unicode.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace ft::tok {

namespace {

const char* kGpt2Pattern = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

uint64_t pairKey(int32_t a, int32_t b) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
}

struct Word {
    std::vector<int32_t> symbols;
    int64_t count = 0;
};

// Pair statistics kept up to date as merges rewrite words (only words holding the pair are touched).
class PairStats {
public:
    void addWord(const Word& w, int32_t index, int64_t sign) {
        for (size_t i = 0; i + 1 < w.symbols.size(); ++i) {
            const uint64_t k = pairKey(w.symbols[i], w.symbols[i + 1]);
            m_counts[k] += sign * w.count;
            if (sign > 0) m_where[k].insert(index);
        }
    }
    // Highest count, ties to the smaller pair; 0 when none is left.
    std::pair<uint64_t, int64_t> best() const {
        uint64_t bestKey = 0;
        int64_t bestCount = 0;
        for (const auto& [k, c] : m_counts)
            if (c > bestCount || (c == bestCount && c > 0 && k < bestKey)) {
                bestKey = k;
                bestCount = c;
            }
        return {bestKey, bestCount};
    }
    std::vector<int32_t> wordsWith(uint64_t k) const {
        auto it = m_where.find(k);
        if (it == m_where.end()) return {};
        std::vector<int32_t> v(it->second.begin(), it->second.end());
        std::sort(v.begin(), v.end());
        return v;
    }
    void erase(uint64_t k) {
        m_counts.erase(k);
        m_where.erase(k);
    }
    void prune() {
        for (auto it = m_counts.begin(); it != m_counts.end();)
            it = it->second == 0 ? m_counts.erase(it) : std::next(it);
    }

private:
    std::unordered_map<uint64_t, int64_t> m_counts;
    std::unordered_map<uint64_t, std::unordered_set<int32_t>> m_where;
};

nlohmann::json byteLevelComponent(bool addPrefixSpace, bool trimOffsets) {
    return {{"type", "ByteLevel"},
            {"add_prefix_space", addPrefixSpace},
            {"trim_offsets", trimOffsets},
            {"use_regex", true}};
}

nlohmann::json specialAddedToken(const std::string& content, int32_t id) {
    return {{"id", id},        {"content", content},  {"single_word", false}, {"lstrip", false},
            {"rstrip", false}, {"normalized", false}, {"special", true}};
}

}  // namespace

Result<nlohmann::json> trainByteLevelBpe(const std::vector<std::string>& corpus, int32_t vocabSize,
                                         const std::vector<std::string>& specialTokens) {
    const int32_t needed = 256 + static_cast<int32_t>(specialTokens.size());
    if (vocabSize < needed)
        return makeError("tokenizer.train_vocab_too_small",
                         "A byte-level BPE vocabulary needs at least " + std::to_string(needed) +
                             " entries (256 bytes + special tokens); " + std::to_string(vocabSize) +
                             " was asked for.",
                         {}, -1, "vocabSize");
    auto re = Regex::compile(kGpt2Pattern);
    if (!re) return re.error();
    const auto& table = ByteLevelTable::instance();

    // Base vocabulary: the 256 byte symbols in code-point order (GPT-2's own first 256 ids).
    std::vector<std::string> tokens;
    std::vector<std::pair<char32_t, uint8_t>> byChar;
    for (int b = 0; b < 256; ++b)
        byChar.emplace_back(table.charOf(static_cast<uint8_t>(b)), static_cast<uint8_t>(b));
    std::sort(byChar.begin(), byChar.end());
    int32_t byteId[256];
    for (const auto& [c, b] : byChar) {
        byteId[b] = static_cast<int32_t>(tokens.size());
        tokens.push_back(table.encodeByte(b));
    }

    std::map<std::string, int64_t> counts;  // ordered: word order (and so tie handling) is stable
    for (const auto& line : corpus) {
        const std::string text = uni::sanitize(line);
        re->findAll(text, [&](size_t s, size_t e) {
            if (e > s) ++counts[text.substr(s, e - s)];
        });
    }
    std::vector<Word> words;
    words.reserve(counts.size());
    for (const auto& [w, c] : counts) {
        Word word;
        word.count = c;
        for (unsigned char b : w) word.symbols.push_back(byteId[b]);
        words.push_back(std::move(word));
    }
    PairStats stats;
    for (size_t i = 0; i < words.size(); ++i) stats.addWord(words[i], static_cast<int32_t>(i), +1);

    nlohmann::json merges = nlohmann::json::array();
    const int32_t target = vocabSize - static_cast<int32_t>(specialTokens.size());
    std::unordered_map<std::string, int32_t> known;
    for (size_t i = 0; i < tokens.size(); ++i) known.emplace(tokens[i], static_cast<int32_t>(i));
    while (static_cast<int32_t>(tokens.size()) < target) {
        const auto [key, count] = stats.best();
        if (count <= 0) break;
        const int32_t a = static_cast<int32_t>(key >> 32), b = static_cast<int32_t>(key & 0xFFFFFFFFu);
        const std::string merged = tokens[static_cast<size_t>(a)] + tokens[static_cast<size_t>(b)];
        int32_t id;
        if (auto it = known.find(merged); it != known.end()) {
            id = it->second;  // another merge path already produced this string
        } else {
            id = static_cast<int32_t>(tokens.size());
            tokens.push_back(merged);
            known.emplace(merged, id);
        }
        merges.push_back({tokens[static_cast<size_t>(a)], tokens[static_cast<size_t>(b)]});
        for (int32_t wi : stats.wordsWith(key)) {
            Word& w = words[static_cast<size_t>(wi)];
            stats.addWord(w, wi, -1);
            std::vector<int32_t> out;
            out.reserve(w.symbols.size());
            for (size_t i = 0; i < w.symbols.size(); ++i) {
                if (i + 1 < w.symbols.size() && w.symbols[i] == a && w.symbols[i + 1] == b) {
                    out.push_back(id);
                    ++i;
                } else {
                    out.push_back(w.symbols[i]);
                }
            }
            w.symbols.swap(out);
            stats.addWord(w, wi, +1);
        }
        stats.erase(key);
        if (merges.size() % 256 == 0) stats.prune();
    }

    nlohmann::json vocab = nlohmann::json::object();
    for (size_t i = 0; i < tokens.size(); ++i) vocab[tokens[i]] = static_cast<int32_t>(i);
    nlohmann::json added = nlohmann::json::array();
    int32_t nextId = static_cast<int32_t>(tokens.size());
    for (const auto& s : specialTokens) {
        if (s.empty() || vocab.contains(s)) continue;
        vocab[s] = nextId;  // GPT-2's vocab.json lists its special token too
        added.push_back(specialAddedToken(s, nextId++));
    }
    return nlohmann::json{{"version", "1.0"},
                          {"truncation", nullptr},
                          {"padding", nullptr},
                          {"added_tokens", added},
                          {"normalizer", nullptr},
                          {"pre_tokenizer", byteLevelComponent(false, true)},
                          {"post_processor", byteLevelComponent(true, false)},
                          {"decoder", byteLevelComponent(true, true)},
                          {"model",
                           {{"type", "BPE"},
                            {"dropout", nullptr},
                            {"unk_token", nullptr},
                            {"continuing_subword_prefix", nullptr},
                            {"end_of_word_suffix", nullptr},
                            {"fuse_unk", false},
                            {"byte_fallback", false},
                            {"ignore_merges", false},
                            {"vocab", vocab},
                            {"merges", merges}}}};
}

}  // namespace ft::tok
