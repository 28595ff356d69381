#pragma once
// The chat templates of a tokenizer folder (formats.md §3.9) and the variables transformers'
// apply_chat_template renders them with.

#include "core/tokenize/jinja_template.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ft::tok {

class ChatTemplates {
public:
    // chat_template.jinja, which wins over tokenizer_config.json's "chat_template" (a string, or a
    // list of {"name", "template"}), plus additional_chat_templates/NAME.jinja. Never fails: a bad
    // field or template is reported when the template is used, so encoding still works.
    static ChatTemplates fromFolder(const std::filesystem::path& folder, const nlohmann::json& config);
    // One template from text, as "default" (`origin` names its file in errors, or is empty).
    static ChatTemplates fromSource(std::string_view source, const std::string& origin = {});

    bool empty() const { return m_templates.empty() && !m_problem; }
    std::vector<std::string> names() const;
    // transformers' choice: `name` when given, else "tool_use" when tools are passed and it exists,
    // else "default".
    Result<const jinja::Template*> select(const std::string& name, bool withTools) const;

private:
    void add(const std::string& name, std::string_view source, const std::string& origin);
    std::map<std::string, Result<jinja::Template>> m_templates;
    std::optional<Error> m_problem;
};

// Renders with what apply_chat_template passes: messages, tools and documents (None unless `extra`
// holds them), add_generation_prompt, the special tokens (bos_token, eos_token, ...), then `extra`.
// `messages` must be a list of objects.
Result<std::string> renderChat(const jinja::Template& tmpl, const nlohmann::ordered_json& messages,
                               bool addGenerationPrompt, const nlohmann::ordered_json& specialTokens,
                               const nlohmann::ordered_json& extra);

}  // namespace ft::tok
