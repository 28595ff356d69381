#pragma once
// Byte-pair-encoding model: lowest-rank merge first, ties to the leftmost pair (HF bpe/word.rs).

#include "core/common/result.h"
#include "core/tokenize/components.h"
#include "core/tokenize/vocab.h"
#include "core/tokenize/word_cache.h"

#include <nlohmann/json.hpp>

#include <unordered_map>

namespace ft::tok {

struct BpeOptions {
    std::optional<std::string> unkToken;
    std::string continuingSubwordPrefix;
    std::string endOfWordSuffix;
    bool fuseUnk = false;
    bool byteFallback = false;
    bool ignoreMerges = false;
};

class BpeModel final : public Model {
public:
    static Result<std::unique_ptr<BpeModel>> fromJson(const nlohmann::json& j, const std::string& path);
    // vocab + merges given as token pairs (rank = index).
    static Result<std::unique_ptr<BpeModel>> create(
        Vocab vocab, const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options,
        const std::string& path);

    void tokenize(std::string_view word, std::vector<int32_t>& out) const override;
    std::optional<int32_t> tokenToId(std::string_view token) const override { return m_vocab.find(token); }
    std::optional<std::string> idToToken(int32_t id) const override { return m_vocab.token(id); }
    int32_t maxId() const override { return m_vocab.maxId(); }

private:
    struct MergeTarget {
        int32_t rank;
        int32_t newId;
    };
    static uint64_t key(int32_t a, int32_t b) {
        return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
    }
    void tokenizeUncached(std::string_view word, std::vector<int32_t>& out) const;

    Vocab m_vocab;
    std::unordered_map<uint64_t, MergeTarget> m_merges;
    BpeOptions m_options;
    std::optional<int32_t> m_unkId;
    int32_t m_byteIds[256];
    bool m_allBytes = false;

    WordCache m_cache;
};

}  // namespace ft::tok
