// A tokenizer.model folder as a Tokenizer pipeline: sentencepiece does normalization, splitting and
// the model; control pieces and tokenizer_config.json's added tokens are matched in the raw text
// first, as transformers' slow LlamaTokenizer / T5Tokenizer do; BOS/EOS come from the config flags.
#include "core/tokenize/post_processors.h"
#include "core/tokenize/spm_bridge.h"
#include "core/tokenize/tokenizer_impl.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace ft::tok {

namespace fs = std::filesystem;

namespace {

using SharedSpm = std::shared_ptr<const SentencePieceModel>;

class SpmModelAdapter : public Model {
public:
    explicit SpmModelAdapter(SharedSpm spm) : m_spm(std::move(spm)) {}
    void tokenize(std::string_view word, std::vector<int32_t>& out) const override {
        const auto ids = m_spm->encode(word);
        out.insert(out.end(), ids.begin(), ids.end());
    }
    std::optional<int32_t> tokenToId(std::string_view token) const override {
        return m_spm->pieceToId(token);
    }
    std::optional<std::string> idToToken(int32_t id) const override { return m_spm->idToPiece(id); }
    int32_t maxId() const override { return m_spm->vocabSize() - 1; }

private:
    SharedSpm m_spm;
};

// Runs of ordinary pieces go through sentencepiece's decoder (▁ → space, <0xHH> → bytes); control
// pieces and added tokens that survived skipping are kept verbatim (transformers'
// convert_tokens_to_string does the same).
class SpmDecoder : public Decoder {
public:
    explicit SpmDecoder(SharedSpm spm) : m_spm(std::move(spm)) {}
    void decodeChain(std::vector<std::string>& tokens) const override {
        std::string out;
        std::vector<int32_t> run;
        auto flush = [&] {
            out += m_spm->decode(run);
            run.clear();
        };
        for (const auto& t : tokens) {
            const auto id = m_spm->pieceToId(t);
            const auto kind = id ? m_spm->pieceKind(*id) : std::nullopt;
            if (id && kind != SentencePieceModel::PieceKind::Control) {
                run.push_back(*id);
            } else {
                flush();
                out += t;
            }
        }
        flush();
        tokens.assign(1, std::move(out));
    }

private:
    SharedSpm m_spm;
};

AddedToken specialToken(std::string content, int32_t id) {
    AddedToken t;
    t.content = std::move(content);
    t.id = id;
    t.special = true;
    t.normalized = false;
    return t;
}

// tokenizer_config.json "added_tokens_decoder": {"32000": {"content": "<pad>", "special": true, ...}}.
void addConfigTokens(const nlohmann::json& config, AddedVocabulary& added) {
    auto it = config.find("added_tokens_decoder");
    if (it == config.end() || !it->is_object()) return;
    for (const auto& [key, v] : it->items()) {
        if (!v.is_object() || !v.contains("content") || !v["content"].is_string()) continue;
        char* end = nullptr;
        const long id = std::strtol(key.c_str(), &end, 10);
        if (end == key.c_str() || *end != '\0' || id < 0 || id > INT32_MAX) continue;
        AddedToken t;
        t.content = v["content"].get<std::string>();
        t.id = static_cast<int32_t>(id);
        auto flag = [&](const char* k, bool def) {
            auto f = v.find(k);
            return f != v.end() && f->is_boolean() ? f->get<bool>() : def;
        };
        t.special = flag("special", false);
        t.normalized = flag("normalized", !t.special);
        t.lstrip = flag("lstrip", false);
        t.rstrip = flag("rstrip", false);
        t.singleWord = flag("single_word", false);
        added.add(std::move(t));
    }
}

}  // namespace

Result<std::unique_ptr<Tokenizer::Impl>> buildFromSentencePiece(const fs::path& modelFile,
                                                                const nlohmann::json& config) {
    auto loaded = SentencePieceModel::load(modelFile);
    if (!loaded) return loaded.error();
    auto spm = std::make_shared<const SentencePieceModel>(std::move(*loaded));

    auto impl = std::make_unique<Tokenizer::Impl>();
    addConfigTokens(config, impl->added);
    for (int32_t id = 0; id < spm->vocabSize(); ++id) {
        const auto kind = spm->pieceKind(id);
        if (kind == SentencePieceModel::PieceKind::Control || kind == SentencePieceModel::PieceKind::Unknown)
            if (auto piece = spm->idToPiece(id)) impl->added.add(specialToken(*piece, id));
    }
    impl->added.build(nullptr);
    impl->model = std::make_unique<SpmModelAdapter>(spm);
    impl->decoder = std::make_unique<SpmDecoder>(spm);
    impl->vocabSize = std::max(spm->vocabSize(), impl->added.maxId() + 1);
    impl->special.bos = spm->bosId();
    impl->special.eos = spm->eosId();
    impl->special.unk = spm->unkId();
    impl->special.pad = spm->padId();

    // transformers' LlamaTokenizer adds BOS (add_bos_token=True) but not EOS; T5Tokenizer adds EOS only.
    const std::string cls = config.value("tokenizer_class", std::string());
    const bool t5 = cls.rfind("T5", 0) == 0;
    auto flag = [&](const char* key, bool def) {
        auto it = config.find(key);
        return it != config.end() && it->is_boolean() ? it->get<bool>() : def;
    };
    std::optional<std::pair<std::string, int32_t>> bos, eos;
    if (flag("add_bos_token", !t5) && spm->bosId())
        bos = std::make_pair(*spm->idToPiece(*spm->bosId()), *spm->bosId());
    if (flag("add_eos_token", t5) && spm->eosId())
        eos = std::make_pair(*spm->idToPiece(*spm->eosId()), *spm->eosId());
    if (bos || eos) impl->postProcessor = makeBosEosTemplate(bos, eos);
    return impl;
}

}  // namespace ft::tok
