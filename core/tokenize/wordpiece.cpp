#include "core/tokenize/wordpiece.h"

#include "core/tokenize/json_util.h"
#include "core/tokenize/unicode.h"

namespace ft::tok {

Result<Vocab> readVocabObject(const nlohmann::json& j, const std::string& path) {
    auto vit = j.find("vocab");
    if (vit == j.end() || !vit->is_object())
        return jsonutil::fieldError(path + ".vocab", "must be an object of token → id");
    Vocab vocab;
    for (auto it = vit->begin(); it != vit->end(); ++it) {
        if (!it.value().is_number_integer() || it.value().get<int64_t>() < 0 ||
            it.value().get<int64_t>() > INT32_MAX)
            return jsonutil::fieldError(path + ".vocab." + it.key(), "must be a non-negative integer id");
        vocab.add(it.key(), it.value().get<int32_t>());
    }
    return vocab;
}

WordPieceModel::WordPieceModel(Vocab vocab, std::string unk, std::string prefix, size_t maxChars)
    : m_vocab(std::move(vocab)), m_prefix(std::move(prefix)), m_maxChars(maxChars) {
    m_unkId = m_vocab.find(unk);
}

Result<std::unique_ptr<WordPieceModel>> WordPieceModel::fromJson(const nlohmann::json& j,
                                                                 const std::string& path) {
    auto vocab = readVocabObject(j, path);
    if (!vocab) return vocab.error();
    auto unk = jsonutil::getString(j, "unk_token", path, "[UNK]");
    auto prefix = jsonutil::getString(j, "continuing_subword_prefix", path, "##");
    auto maxChars = jsonutil::getInt(j, "max_input_chars_per_word", path, 100);
    if (!unk) return unk.error();
    if (!prefix) return prefix.error();
    if (!maxChars) return maxChars.error();
    if (!vocab->find(*unk))
        return makeError("tokenizer.unk_token_not_in_vocab",
                         "The unk_token '" + *unk + "' is not in the vocabulary.", {}, -1,
                         path + ".unk_token");
    return std::make_unique<WordPieceModel>(std::move(*vocab), *unk, *prefix,
                                            static_cast<size_t>(std::max<int64_t>(0, *maxChars)));
}

void WordPieceModel::tokenize(std::string_view word, std::vector<int32_t>& out) const {
    if (word.empty()) return;
    if (uni::countChars(word) > m_maxChars) {
        if (m_unkId) out.push_back(*m_unkId);
        return;
    }
    const size_t mark = out.size();
    std::string sub;
    size_t start = 0;
    while (start < word.size()) {
        size_t end = word.size();
        std::optional<int32_t> found;
        while (start < end) {
            sub.clear();
            if (start > 0) sub += m_prefix;
            sub.append(word.substr(start, end - start));
            found = m_vocab.find(sub);
            if (found) break;
            --end;  // step back one whole UTF-8 character
            while (end > start && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) --end;
        }
        if (!found) {
            out.resize(mark);
            if (m_unkId) out.push_back(*m_unkId);
            return;
        }
        out.push_back(*found);
        start = end;
    }
}

Result<std::unique_ptr<WordLevelModel>> WordLevelModel::fromJson(const nlohmann::json& j,
                                                                 const std::string& path) {
    auto vocab = readVocabObject(j, path);
    if (!vocab) return vocab.error();
    auto unk = jsonutil::getString(j, "unk_token", path, "<unk>");
    if (!unk) return unk.error();
    auto m = std::make_unique<WordLevelModel>();
    m->m_vocab = std::move(*vocab);
    m->m_unkId = m->m_vocab.find(*unk);
    return m;
}

void WordLevelModel::tokenize(std::string_view word, std::vector<int32_t>& out) const {
    if (word.empty()) return;
    if (auto id = m_vocab.find(word))
        out.push_back(*id);
    else if (m_unkId)
        out.push_back(*m_unkId);
}

}  // namespace ft::tok
