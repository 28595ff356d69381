#include "core/data/wordnet.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace ft::data {

namespace {

// "Able", "run_up", "galore(ip)" -> "able", "run up", "galore": adjective markers dropped.
std::string lemmaText(std::string word) {
    if (const auto paren = word.find('('); paren != std::string::npos) word.resize(paren);
    for (char& c : word) c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return word;
}

// A synset line: "offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id ...] p_cnt ...".
std::vector<std::string> synsetLemmas(const std::string& line) {
    std::istringstream in(line);
    std::string offset, lexFile, type, countHex;
    in >> offset >> lexFile >> type >> countHex;
    std::vector<std::string> lemmas;
    const unsigned long count = std::strtoul(countHex.c_str(), nullptr, 16);
    for (unsigned long i = 0; i < count && in; ++i) {
        std::string word, lexId;
        in >> word >> lexId;
        if (!word.empty()) lemmas.push_back(lemmaText(word));
    }
    return lemmas;
}

}  // namespace

Result<WordNet> WordNet::load(const std::filesystem::path& dir) {
    WordNet wordnet;
    int filesRead = 0;
    for (const char* name : {"data.noun", "data.verb", "data.adj", "data.adv"}) {
        const std::filesystem::path file = dir / name;
        std::ifstream in(file);
        if (!in) continue;
        ++filesRead;
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == ' ') continue;  // the licence header lines start with two spaces
            const std::vector<std::string> lemmas = synsetLemmas(line);
            for (const std::string& lemma : lemmas) {
                auto& list = wordnet.m_synonyms[lemma];
                for (const std::string& other : lemmas)
                    if (other != lemma && std::find(list.begin(), list.end(), other) == list.end()) list.push_back(other);
            }
        }
        if (in.bad()) return makeError("wordnet.read_failed", "Reading the WordNet data file failed.", file.string());
    }
    if (filesRead == 0)
        return makeError("wordnet.not_found",
                         "No WordNet data files (data.noun, data.verb, data.adj, data.adv) in this folder; on Debian "
                         "install the wordnet-base package.",
                         dir.string());
    // A lemma alone in all its synsets has no synonym: drop it so lookups stay simple.
    for (auto it = wordnet.m_synonyms.begin(); it != wordnet.m_synonyms.end();)
        it = it->second.empty() ? wordnet.m_synonyms.erase(it) : std::next(it);
    return wordnet;
}

const std::vector<std::string>* WordNet::synonyms(std::string_view word) const {
    const auto it = m_synonyms.find(std::string(word));
    return it == m_synonyms.end() ? nullptr : &it->second;
}

}  // namespace ft::data
