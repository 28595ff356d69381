#pragma once
// Hugging Face-compatible text → ids (tokenizer.json pipelines and legacy vocab files).
// Light header: the pipeline lives behind a pimpl so users do not pull in JSON or PCRE2.

#include "core/common/result.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ft::tok {

struct Encoding {
    std::vector<int32_t> ids;
    std::vector<int32_t> typeIds;
    std::vector<uint8_t> specialMask;  // 1 where the post-processor inserted a special token
};

struct SpecialTokens {
    std::optional<int32_t> bos, eos, pad, unk, cls, sep, mask;
};

// One turn of a conversation for applyChatTemplate.
struct ChatMessage {
    std::string role;  // "system", "user", "assistant", "tool", ...
    std::string content;
};

// A conversation rendered by the folder's chat template, and its ids: encoded without adding
// special tokens, since the template writes them (transformers' apply_chat_template does the same).
struct ChatEncoding {
    std::string text;
    Encoding encoding;
};

class Tokenizer {
public:
    // A HF folder: tokenizer.json (+ tokenizer_config.json / special_tokens_map.json), else legacy
    // vocab.json + merges.txt (GPT-2) or vocab.txt (BERT), else a sentencepiece tokenizer.model
    // (through libft_spm_shim; "tokenizer.sentencepiece_unavailable" when it cannot be loaded).
    static Result<Tokenizer> load(const std::filesystem::path& folder);
    // Errors name the file and the JSON path of the bad field.
    static Result<Tokenizer> fromTokenizerJson(const std::filesystem::path& file);
    // Same, from JSON text already in memory (`origin` names it in errors).
    static Result<Tokenizer> fromJsonString(std::string_view json,
                                            const std::string& origin = "tokenizer.json");

    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    ~Tokenizer();

    // Invalid UTF-8 bytes in `text` are read as U+FFFD. Thread-safe.
    Encoding encode(std::string_view text, bool addSpecialTokens = true) const;
    Encoding encodePair(std::string_view a, std::string_view b, bool addSpecialTokens = true) const;
    std::string decode(const std::vector<int32_t>& ids, bool skipSpecialTokens = true) const;

    int32_t vocabSize() const;  // including added tokens (max id + 1)
    std::optional<int32_t> tokenToId(std::string_view token) const;
    std::string idToToken(int32_t id) const;  // empty when unknown
    const SpecialTokens& specialTokens() const;
    int64_t modelMaxLength() const;  // 0 = unbounded (HF's huge sentinel values)

    // Chat templates (formats.md §3.9): chat_template.jinja, else tokenizer_config.json's
    // "chat_template", rendered as transformers does (docs/chat-templates.md lists the Jinja subset).
    bool hasChatTemplate() const;
    // "chat_template.missing" when the folder has none; template errors name the template line.
    Result<ChatEncoding> applyChatTemplate(const std::vector<ChatMessage>& messages,
                                           bool addGenerationPrompt) const;
    // Messages as a JSON array of objects (for tool_calls, content parts, ...). `extraVariablesJson`
    // (a JSON object, or empty) adds template variables such as tools or date_string; `templateName`
    // picks one of several named templates ("" = "tool_use" when tools are given, else "default").
    Result<ChatEncoding> applyChatTemplateJson(std::string_view messagesJson, bool addGenerationPrompt,
                                               std::string_view extraVariablesJson = {},
                                               const std::string& templateName = {}) const;

    struct Impl;

private:
    explicit Tokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
    friend struct TokenizerAccess;
};

}  // namespace ft::tok
