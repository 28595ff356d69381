#pragma once
// The pipeline behind Tokenizer's pimpl, shared by tokenizer.cpp (running it) and
// tokenizer_json.cpp / tokenizer_folder.cpp (building it).

#include "core/tokenize/added_vocabulary.h"
#include "core/tokenize/chat_template.h"
#include "core/tokenize/components.h"
#include "core/tokenize/tokenizer.h"

#include <nlohmann/json.hpp>

namespace ft::tok {

struct Tokenizer::Impl {
    std::unique_ptr<Normalizer> normalizer;
    std::unique_ptr<PreTokenizer> preTokenizer;
    std::unique_ptr<Model> model;
    std::unique_ptr<PostProcessor> postProcessor;
    std::unique_ptr<Decoder> decoder;
    AddedVocabulary added;
    SpecialTokens special;
    int64_t modelMaxLength = 0;
    int32_t vocabSize = 0;
    ChatTemplates chatTemplates;
    // The special tokens' text as chat templates see them: {"bos_token": "<s>", ...}, plus
    // "additional_special_tokens" as a list (transformers' special_tokens_map).
    nlohmann::ordered_json templateTokens = nlohmann::ordered_json::object();

    void encodeSequence(std::string_view text, int32_t typeId, Encoding& out) const;
};

struct TokenizerAccess {
    static Tokenizer make(std::unique_ptr<Tokenizer::Impl> impl) { return Tokenizer(std::move(impl)); }
    static Tokenizer::Impl& impl(Tokenizer& t) { return *t.m_impl; }
};

// Builds the pipeline from parsed tokenizer.json; `file` is used in error messages.
Result<std::unique_ptr<Tokenizer::Impl>> buildFromJson(const nlohmann::json& j, const std::string& file);
// Parses text to JSON with an error naming the file and line.
Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& file);
Result<nlohmann::json> readJsonFile(const std::filesystem::path& file);
// A tokenizer.model folder through the sentencepiece shim (spm_bridge_pipeline.cpp).
Result<std::unique_ptr<Tokenizer::Impl>> buildFromSentencePiece(const std::filesystem::path& modelFile,
                                                                const nlohmann::json& config);

}  // namespace ft::tok
