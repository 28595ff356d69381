#pragma once
// Thread-safe word → ids memo: datasets repeat the same words constantly, and BPE merging or
// Viterbi per word costs far more than one hash lookup.

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ft::tok {

class WordCache {
public:
    static constexpr size_t kMaxWordBytes = 256;
    static constexpr size_t kMaxEntries = 200000;

    // Appends the cached ids for `word` to `out`; false on a miss.
    bool lookup(std::string_view word, std::vector<int32_t>& out) const {
        if (word.size() > kMaxWordBytes) return false;
        std::lock_guard<std::mutex> lock(m_mutex);
        m_key.assign(word);
        auto it = m_map.find(m_key);
        if (it == m_map.end()) return false;
        out.insert(out.end(), it->second.begin(), it->second.end());
        return true;
    }
    void store(std::string_view word, const int32_t* ids, size_t n) const {
        if (word.size() > kMaxWordBytes) return;
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_map.size() >= kMaxEntries) m_map.clear();  // crude but bounded
        m_map.emplace(std::string(word), std::vector<int32_t>(ids, ids + n));
    }

private:
    mutable std::mutex m_mutex;
    mutable std::string m_key;  // reused lookup buffer (guarded by m_mutex)
    mutable std::unordered_map<std::string, std::vector<int32_t>> m_map;
};

}  // namespace ft::tok
