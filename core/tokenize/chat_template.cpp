#include "core/tokenize/chat_template.h"

#include "core/tokenize/jinja_json.h"

#include <fstream>
#include <sstream>

namespace ft::tok {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> readFile(const fs::path& p) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Error fieldError(const fs::path& config, const std::string& what) {
    return makeError("chat_template.invalid_field", "Field 'chat_template' " + what + ".", config.string(),
                     -1, "chat_template");
}

}  // namespace

void ChatTemplates::add(const std::string& name, std::string_view source, const std::string& origin) {
    m_templates.erase(name);
    m_templates.emplace(name, jinja::Template::parse(source, origin));
}

ChatTemplates ChatTemplates::fromSource(std::string_view source, const std::string& origin) {
    ChatTemplates t;
    t.add("default", source, origin);
    return t;
}

ChatTemplates ChatTemplates::fromFolder(const fs::path& folder, const nlohmann::json& config) {
    ChatTemplates t;
    const fs::path configFile = folder / "tokenizer_config.json";
    if (auto text = readFile(folder / "chat_template.jinja")) {
        t.add("default", *text, (folder / "chat_template.jinja").string());
    } else if (config.is_object() && config.contains("chat_template") && !config["chat_template"].is_null()) {
        const auto& field = config["chat_template"];
        if (field.is_string()) {
            t.add("default", field.get<std::string>(), {});
        } else if (field.is_array()) {
            for (size_t i = 0; i < field.size(); ++i) {
                const auto& entry = field[i];
                if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
                    !entry.contains("template") || !entry["template"].is_string()) {
                    t.m_problem =
                        fieldError(configFile, "entry " + std::to_string(i) +
                                                   " must be an object with string 'name' and 'template'");
                    break;
                }
                t.add(entry["name"].get<std::string>(), entry["template"].get<std::string>(), {});
            }
        } else {
            t.m_problem = fieldError(configFile, "must be a string or a list of {name, template} objects");
        }
    }
    std::error_code ec;
    const fs::path extraDir = folder / "additional_chat_templates";
    if (fs::is_directory(extraDir, ec))
        for (const auto& entry : fs::directory_iterator(extraDir, ec))
            if (entry.path().extension() == ".jinja")
                if (auto text = readFile(entry.path()))
                    t.add(entry.path().stem().string(), *text, entry.path().string());
    return t;
}

std::vector<std::string> ChatTemplates::names() const {
    std::vector<std::string> out;
    for (const auto& [name, tmpl] : m_templates) out.push_back(name);
    return out;
}

Result<const jinja::Template*> ChatTemplates::select(const std::string& name, bool withTools) const {
    if (m_problem) return *m_problem;
    std::string pick = name;
    if (pick.empty()) pick = withTools && m_templates.count("tool_use") ? "tool_use" : "default";
    auto it = m_templates.find(pick);
    if (it == m_templates.end()) {
        if (m_templates.empty())
            return makeError(
                "chat_template.missing",
                "The tokenizer has no chat template (no chat_template.jinja and no \"chat_template\" in "
                "tokenizer_config.json).");
        std::string known;
        for (const auto& [n, tmpl] : m_templates) known += (known.empty() ? "" : ", ") + n;
        return makeError("chat_template.missing",
                         "The tokenizer has no chat template named '" + pick + "' (it has: " + known + ").",
                         {}, -1, pick);
    }
    if (!it->second) return it->second.error();
    return &it->second.value();
}

Result<std::string> renderChat(const jinja::Template& tmpl, const nlohmann::ordered_json& messages,
                               bool addGenerationPrompt, const nlohmann::ordered_json& specialTokens,
                               const nlohmann::ordered_json& extra) {
    if (!messages.is_array())
        return makeError("chat_template.invalid_messages",
                         "The messages must be a JSON list of message objects.");
    for (size_t i = 0; i < messages.size(); ++i)
        if (!messages[i].is_object())
            return makeError("chat_template.invalid_messages",
                             "Message " + std::to_string(i) +
                                 " must be an object such as {\"role\": ..., \"content\": ...}.",
                             {}, -1, "messages[" + std::to_string(i) + "]");
    if (!extra.is_null() && !extra.is_object())
        return makeError("chat_template.invalid_messages",
                         "The extra template variables must be a JSON object.");
    jinja::DictData vars;
    vars.set("messages", jinja::fromJson(messages));
    vars.set("tools", jinja::Value::none());
    vars.set("documents", jinja::Value::none());
    vars.set("add_generation_prompt", jinja::Value::boolean(addGenerationPrompt));
    if (specialTokens.is_object())
        for (auto it = specialTokens.begin(); it != specialTokens.end(); ++it)
            vars.set(it.key(), jinja::fromJson(it.value()));
    if (extra.is_object())
        for (auto it = extra.begin(); it != extra.end(); ++it)
            vars.set(it.key(), jinja::fromJson(it.value()));
    return tmpl.render(vars);
}

}  // namespace ft::tok
