#pragma once
// added_tokens (formats.md §3.2): tokens matched in the text before the model sees it.

#include "core/tokenize/components.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ft::tok {

struct AddedToken {
    std::string content;
    int32_t id = 0;
    bool special = false;
    bool normalized = true;
    bool lstrip = false;
    bool rstrip = false;
    bool singleWord = false;
};

// A stretch of input: either an added token (`id` set) or normalized text for the pre-tokenizer.
struct Segment {
    std::string text;
    std::optional<int32_t> id;
    bool atStart = false;
};

class AddedVocabulary {
public:
    void add(AddedToken token);
    // Builds the matchers; normalized tokens are matched in their normalized form.
    void build(const Normalizer* normalizer);

    // Raw text → segments: non-normalized tokens found in raw text, the rest normalized, then
    // normalized tokens found in the normalized text (HF `extract_and_normalize`).
    void extract(std::string_view text, const Normalizer* normalizer, std::vector<Segment>& out) const;

    std::optional<int32_t> tokenToId(std::string_view token) const;
    const std::string* idToToken(int32_t id) const;
    bool isSpecial(int32_t id) const { return m_specialIds.count(id) != 0; }
    int32_t maxId() const;
    const std::vector<AddedToken>& tokens() const { return m_tokens; }

private:
    // Byte trie with leftmost-longest matching (HF uses aho-corasick LeftmostLongest).
    struct Trie {
        struct Node {
            std::unordered_map<unsigned char, int32_t> next;
            int32_t token = -1;  // index into m_tokens
        };
        std::vector<Node> nodes{Node{}};
        std::array<bool, 256> firstByte{};
        void insert(const std::string& s, int32_t token);
        // Longest token starting at `pos`: (token index, end) or token -1.
        std::pair<int32_t, size_t> longestAt(std::string_view text, size_t pos) const;
        bool empty() const { return nodes.size() == 1; }
    };
    void split(std::string_view text, const Trie& trie, bool atStart, bool normalizeRest,
               const Normalizer* normalizer, std::vector<Segment>& out) const;

    std::vector<AddedToken> m_tokens;
    std::unordered_map<std::string, int32_t> m_byContent;
    std::unordered_map<int32_t, size_t> m_byId;
    std::unordered_set<int32_t> m_specialIds;
    Trie m_raw, m_normalized;
};

}  // namespace ft::tok
