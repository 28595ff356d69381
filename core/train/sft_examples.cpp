#include "core/train/sft_examples.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace ft::train {

namespace {

int find(const std::vector<std::string>& header, const std::string& name) {
    for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return static_cast<int>(i);
    return -1;
}

Result<int> require(const std::vector<std::string>& header, const std::string& name, const std::string& field, const std::string& file) {
    const int i = find(header, name);
    if (i >= 0) return i;
    std::string have;
    for (const auto& c : header) have += (have.empty() ? "" : ", ") + c;
    return makeError("data.missing_column", "column '" + name + "' is not in the file (columns: " + have + ")", file, -1, field);
}

// Messages from a "messages" cell: [{"role", "content"}] or ShareGPT's [{"from", "value"}].
Result<std::vector<tok::ChatMessage>> parseMessages(const std::string& cell) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(cell);
    } catch (const std::exception&) {
        return makeError("data.invalid_messages", "the messages cell is not a JSON list of {\"role\", \"content\"} objects");
    }
    if (!j.is_array() || j.empty()) return makeError("data.invalid_messages", "the messages cell must be a non-empty JSON list");
    std::vector<tok::ChatMessage> out;
    for (const auto& m : j) {
        if (!m.is_object()) return makeError("data.invalid_messages", "every message must be an object with role and content");
        tok::ChatMessage msg;
        if (m.contains("role") && m["role"].is_string()) msg.role = m["role"].get<std::string>();
        else if (m.contains("from") && m["from"].is_string()) msg.role = m["from"].get<std::string>();
        if (msg.role == "human") msg.role = "user";
        if (msg.role == "gpt") msg.role = "assistant";
        if (m.contains("content") && m["content"].is_string()) msg.content = m["content"].get<std::string>();
        else if (m.contains("value") && m["value"].is_string()) msg.content = m["value"].get<std::string>();
        else return makeError("data.invalid_messages", "a message has no string 'content' (or 'value')");
        if (msg.role.empty()) return makeError("data.invalid_messages", "a message has no 'role' (or 'from')");
        out.push_back(std::move(msg));
    }
    if (std::none_of(out.begin(), out.end(), [](const auto& m) { return m.role == "assistant"; }))
        return makeError("data.invalid_messages", "the conversation has no assistant message to learn from");
    return out;
}

std::vector<int32_t> ids(const tok::Encoding& e) { return {e.ids.begin(), e.ids.end()}; }

size_t commonPrefix(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

// One conversation through the chat template: the tokens of each assistant turn train, the rest
// (system, user, the template's own scaffolding) does not.
Result<bool> encodeConversation(const tok::Tokenizer& tokenizer, const std::vector<tok::ChatMessage>& messages, bool lossOnPrompt,
                                int64_t maxLength, Example& ex) {
    auto full = tokenizer.applyChatTemplate(messages, false);
    if (!full) return full.error();
    ex.ids = ids(full->encoding);
    ex.trainMask.assign(ex.ids.size(), lossOnPrompt ? 1 : 0);
    if (!lossOnPrompt) {
        for (size_t i = 0; i < messages.size(); ++i) {
            if (messages[i].role != "assistant") continue;
            std::vector<tok::ChatMessage> before(messages.begin(), messages.begin() + static_cast<long>(i));
            std::vector<tok::ChatMessage> through(messages.begin(), messages.begin() + static_cast<long>(i) + 1);
            auto start = tokenizer.applyChatTemplate(before, true);
            auto end = tokenizer.applyChatTemplate(through, false);
            if (!start) return start.error();
            if (!end) return end.error();
            // Token prefixes of the full rendering; a template that re-renders earlier turns differently
            // (rare) still gets the longest common prefix.
            const size_t from = commonPrefix(ids(start->encoding), ex.ids);
            const size_t to = commonPrefix(ids(end->encoding), ex.ids);
            for (size_t t = from; t < to && t < ex.trainMask.size(); ++t) ex.trainMask[t] = 1;
        }
    }
    const bool cut = static_cast<int64_t>(ex.ids.size()) > maxLength;
    if (cut) {
        ex.ids.resize(static_cast<size_t>(maxLength));
        ex.trainMask.resize(static_cast<size_t>(maxLength));
    }
    return cut;
}

}  // namespace

Result<SftColumns> mapSftColumns(const std::vector<std::string>& header, const api::DataSection& d, const std::string& file) {
    SftColumns c;
    if (d.format == api::DataFormat::Chat) {
        auto m = require(header, d.messagesColumn, "data.messages_column", file);
        if (!m) return m.error();
        c.messages = *m;
        return c;
    }
    const bool alpaca = d.format == api::DataFormat::Alpaca;
    auto p = require(header, alpaca ? "instruction" : d.promptColumn, alpaca ? "data.format" : "data.prompt_column", file);
    if (!p) return p.error();
    auto r = require(header, alpaca ? "output" : d.responseColumn, alpaca ? "data.format" : "data.response_column", file);
    if (!r) return r.error();
    c.prompt = *p;
    c.response = *r;
    if (alpaca) c.input = find(header, "input");
    return c;
}

std::string sftDisplayText(const std::vector<std::string>& row, const SftColumns& c, const api::DataSection&) {
    if (c.messages >= 0) {
        auto messages = parseMessages(row[static_cast<size_t>(c.messages)]);
        if (messages)
            for (const auto& m : *messages)
                if (m.role == "user") return m.content;
        return row[static_cast<size_t>(c.messages)];
    }
    return row[static_cast<size_t>(c.prompt)];
}

Result<bool> encodeSftRow(const tok::Tokenizer& tokenizer, const std::vector<std::string>& row, const SftColumns& c,
                          const api::DataSection& d, int64_t maxLength, Example& ex) {
    std::vector<tok::ChatMessage> messages;
    if (c.messages >= 0) {
        auto parsed = parseMessages(row[static_cast<size_t>(c.messages)]);
        if (!parsed) return parsed.error();
        messages = std::move(*parsed);
    } else {
        std::string prompt = row[static_cast<size_t>(c.prompt)];
        if (c.input >= 0 && !row[static_cast<size_t>(c.input)].empty()) prompt += "\n\n" + row[static_cast<size_t>(c.input)];
        messages = {{"user", prompt}, {"assistant", row[static_cast<size_t>(c.response)]}};
    }
    if (tokenizer.hasChatTemplate()) return encodeConversation(tokenizer, messages, d.lossOnPrompt, maxLength, ex);

    // No template: the plain instruction layout, one user turn and one response.
    if (messages.size() != 2 || messages[0].role != "user" || messages[1].role != "assistant")
        return makeError("data.needs_chat_template",
                         "multi-turn or system messages need a model with a chat template; this tokenizer has none", {}, -1, "data.format");
    const std::string prompt = "### Instruction:\n" + messages[0].content + "\n\n### Response:\n";
    const tok::Encoding promptIds = tokenizer.encode(prompt, /*addSpecialTokens=*/true);
    const tok::Encoding responseIds = tokenizer.encode(messages[1].content, /*addSpecialTokens=*/false);
    ex.ids.assign(promptIds.ids.begin(), promptIds.ids.end());
    ex.trainMask.assign(ex.ids.size(), d.lossOnPrompt ? 1 : 0);
    ex.ids.insert(ex.ids.end(), responseIds.ids.begin(), responseIds.ids.end());
    if (auto eos = tokenizer.specialTokens().eos) ex.ids.push_back(*eos);   // so the model learns to stop
    ex.trainMask.resize(ex.ids.size(), 1);
    const bool cut = static_cast<int64_t>(ex.ids.size()) > maxLength;
    if (cut) {
        ex.ids.resize(static_cast<size_t>(maxLength));
        ex.trainMask.resize(static_cast<size_t>(maxLength));
    }
    return cut;
}

}  // namespace ft::train
