#pragma once
// Synonyms from Princeton WordNet's database files (Debian's wordnet-base installs them in
// /usr/share/wordnet): the data.noun / data.verb / data.adj / data.adv synsets, read once.
// Errors: "wordnet.not_found" (no data files in the folder), "wordnet.read_failed".

#include "core/common/result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ft::data {

class WordNet {
public:
    static std::filesystem::path defaultDir() { return "/usr/share/wordnet"; }
    static Result<WordNet> load(const std::filesystem::path& dir = defaultDir());

    // Other lemmas sharing a synset with `word` (lower case, multi-word lemmas with spaces), in the
    // order of the data files, without repeats; nullptr when WordNet knows none.
    const std::vector<std::string>* synonyms(std::string_view word) const;
    size_t words() const { return m_synonyms.size(); }

private:
    std::unordered_map<std::string, std::vector<std::string>> m_synonyms;
};

}  // namespace ft::data
