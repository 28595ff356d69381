#pragma once
// WordPiece (greedy longest-match-first) and WordLevel (whole-word lookup) models.

#include "core/common/result.h"
#include "core/tokenize/components.h"
#include "core/tokenize/vocab.h"

#include <nlohmann/json.hpp>

namespace ft::tok {

class WordPieceModel final : public Model {
public:
    WordPieceModel(Vocab vocab, std::string unk, std::string prefix, size_t maxChars);
    static Result<std::unique_ptr<WordPieceModel>> fromJson(const nlohmann::json& j, const std::string& path);

    void tokenize(std::string_view word, std::vector<int32_t>& out) const override;
    std::optional<int32_t> tokenToId(std::string_view token) const override { return m_vocab.find(token); }
    std::optional<std::string> idToToken(int32_t id) const override { return m_vocab.token(id); }
    int32_t maxId() const override { return m_vocab.maxId(); }

private:
    Vocab m_vocab;
    std::string m_prefix;
    size_t m_maxChars;
    std::optional<int32_t> m_unkId;
};

class WordLevelModel final : public Model {
public:
    static Result<std::unique_ptr<WordLevelModel>> fromJson(const nlohmann::json& j, const std::string& path);
    void tokenize(std::string_view word, std::vector<int32_t>& out) const override;
    std::optional<int32_t> tokenToId(std::string_view token) const override { return m_vocab.find(token); }
    std::optional<std::string> idToToken(int32_t id) const override { return m_vocab.token(id); }
    int32_t maxId() const override { return m_vocab.maxId(); }

private:
    Vocab m_vocab;
    std::optional<int32_t> m_unkId;
};

// Shared: reads a {token: id} object.
Result<Vocab> readVocabObject(const nlohmann::json& j, const std::string& path);

}  // namespace ft::tok
