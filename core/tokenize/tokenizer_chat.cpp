// Tokenizer::applyChatTemplate: the folder's chat template rendered as transformers'
// apply_chat_template does, then encoded without adding special tokens (the template writes them).
#include "core/tokenize/tokenizer.h"

#include "core/tokenize/tokenizer_impl.h"

namespace ft::tok {

namespace {

Result<nlohmann::ordered_json> parseArgument(std::string_view text, const char* what) {
    try {
        return nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return makeError("chat_template.invalid_messages",
                         std::string("The ") + what + " are not valid JSON: " + e.what());
    }
}

Result<ChatEncoding> render(const Tokenizer& tok, const Tokenizer::Impl& impl,
                            const nlohmann::ordered_json& messages, bool addGenerationPrompt,
                            const nlohmann::ordered_json& extra, const std::string& templateName) {
    const bool withTools = extra.is_object() && extra.contains("tools") && !extra["tools"].is_null();
    auto tmpl = impl.chatTemplates.select(templateName, withTools);
    if (!tmpl) return tmpl.error();
    auto text = renderChat(**tmpl, messages, addGenerationPrompt, impl.templateTokens, extra);
    if (!text) return text.error();
    ChatEncoding out;
    out.encoding = tok.encode(*text, false);
    out.text = std::move(*text);
    return out;
}

}  // namespace

bool Tokenizer::hasChatTemplate() const {
    return !m_impl->chatTemplates.empty();
}

Result<ChatEncoding> Tokenizer::applyChatTemplate(const std::vector<ChatMessage>& messages,
                                                  bool addGenerationPrompt) const {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& m : messages) list.push_back({{"role", m.role}, {"content", m.content}});
    return render(*this, *m_impl, list, addGenerationPrompt, nlohmann::ordered_json::object(), {});
}

Result<ChatEncoding> Tokenizer::applyChatTemplateJson(std::string_view messagesJson, bool addGenerationPrompt,
                                                      std::string_view extraVariablesJson,
                                                      const std::string& templateName) const {
    auto messages = parseArgument(messagesJson, "messages");
    if (!messages) return messages.error();
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
    if (!extraVariablesJson.empty()) {
        auto parsed = parseArgument(extraVariablesJson, "extra template variables");
        if (!parsed) return parsed.error();
        extra = std::move(*parsed);
    }
    return render(*this, *m_impl, *messages, addGenerationPrompt, extra, templateName);
}

}  // namespace ft::tok
