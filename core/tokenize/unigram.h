#pragma once
// Unigram model: Viterbi best segmentation by piece log-probabilities (HF unigram/model.rs).

#include "core/common/result.h"
#include "core/tokenize/components.h"
#include "core/tokenize/vocab.h"
#include "core/tokenize/word_cache.h"

#include <nlohmann/json.hpp>

namespace ft::tok {

class UnigramModel final : public Model {
public:
    static Result<std::unique_ptr<UnigramModel>> fromJson(const nlohmann::json& j, const std::string& path);
    void tokenize(std::string_view word, std::vector<int32_t>& out) const override;
    void tokenizeUncached(std::string_view word, std::vector<int32_t>& out) const;
    std::optional<int32_t> tokenToId(std::string_view token) const override { return m_vocab.find(token); }
    std::optional<std::string> idToToken(int32_t id) const override { return m_vocab.token(id); }
    int32_t maxId() const override { return m_vocab.maxId(); }

private:
    Vocab m_vocab;
    std::vector<double> m_scores;
    std::optional<int32_t> m_unkId;
    double m_unkScore = 0;
    size_t m_maxPieceBytes = 0;
    bool m_byteFallback = false;
    WordCache m_cache;
};

}  // namespace ft::tok
