#pragma once
// token ↔ id table shared by the models; lookups by string_view without allocating.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ft::tok {

class Vocab {
public:
    // Returns false when `token` is already present (the earlier id is kept).
    bool add(std::string token, int32_t id) {
        if (m_ids.count(token)) return false;
        m_storage.push_back(std::move(token));
        const std::string_view key = m_storage.back();
        m_ids.emplace(key, id);
        if (id >= static_cast<int32_t>(m_tokens.size())) m_tokens.resize(static_cast<size_t>(id) + 1);
        if (id >= 0) m_tokens[static_cast<size_t>(id)] = key;
        if (id > m_maxId) m_maxId = id;
        return true;
    }
    std::optional<int32_t> find(std::string_view token) const {
        auto it = m_ids.find(token);
        if (it == m_ids.end()) return std::nullopt;
        return it->second;
    }
    std::optional<std::string> token(int32_t id) const {
        if (id < 0 || id >= static_cast<int32_t>(m_tokens.size()) ||
            m_tokens[static_cast<size_t>(id)].data() == nullptr)
            return std::nullopt;
        return std::string(m_tokens[static_cast<size_t>(id)]);
    }
    int32_t maxId() const { return m_maxId; }
    size_t size() const { return m_ids.size(); }

private:
    std::deque<std::string> m_storage;  // stable addresses for the views below
    std::unordered_map<std::string_view, int32_t> m_ids;
    std::vector<std::string_view> m_tokens;
    int32_t m_maxId = -1;
};

}  // namespace ft::tok
