#include "core/data/augment.h"

#include "core/data/splits.h"
#include "core/data/wordnet.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <vector>

namespace ft::data {

namespace {

std::vector<std::string> splitWords(std::string_view text) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        const size_t start = i;
        while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        if (i > start) words.emplace_back(text.substr(start, i - start));
    }
    return words;
}

// How many operations a share of `n` words asks for: at least one when the share is positive.
size_t operationsFor(double share, size_t n) {
    if (share <= 0 || n == 0) return 0;
    return std::max<size_t>(1, static_cast<size_t>(std::llround(share * static_cast<double>(n))));
}

// The letters of a word between leading and trailing punctuation: "(Good," -> [1, 5).
std::pair<size_t, size_t> coreOf(const std::string& word) {
    size_t begin = 0, end = word.size();
    const auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); };
    while (begin < end && !letter(word[begin])) ++begin;
    while (end > begin && !letter(word[end - 1])) --end;
    return {begin, end};
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

void replaceSynonyms(std::vector<std::string>& words, double share, const WordNet& wordnet, std::mt19937_64& rng) {
    std::vector<size_t> candidates;
    for (size_t i = 0; i < words.size(); ++i) {
        const auto [b, e] = coreOf(words[i]);
        if (e > b && wordnet.synonyms(lower(words[i].substr(b, e - b)))) candidates.push_back(i);
    }
    deterministicShuffle(candidates, rng);
    const size_t n = std::min(candidates.size(), operationsFor(share, words.size()));
    for (size_t k = 0; k < n; ++k) {
        std::string& word = words[candidates[k]];
        const auto [b, e] = coreOf(word);
        const auto* synonyms = wordnet.synonyms(lower(word.substr(b, e - b)));
        std::string synonym = (*synonyms)[boundedRandom(rng, synonyms->size())];
        if (std::isupper(static_cast<unsigned char>(word[b])) && !synonym.empty())
            synonym[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(synonym[0])));
        word = word.substr(0, b) + synonym + word.substr(e);
    }
}

void swapWords(std::vector<std::string>& words, double share, std::mt19937_64& rng) {
    if (words.size() < 2) return;
    const size_t n = operationsFor(share, words.size());
    for (size_t k = 0; k < n; ++k) {
        const size_t a = boundedRandom(rng, words.size());
        size_t b = boundedRandom(rng, words.size() - 1);
        if (b >= a) ++b;  // a different position
        std::swap(words[a], words[b]);
    }
}

void deleteWords(std::vector<std::string>& words, double probability, std::mt19937_64& rng) {
    if (words.size() < 2 || probability <= 0) return;
    std::vector<std::string> kept;
    for (auto& w : words)
        if (uniform01(rng) >= probability) kept.push_back(std::move(w));
    if (kept.empty()) kept.push_back(words[boundedRandom(rng, words.size())]);  // none was moved from
    words = std::move(kept);
}

}  // namespace

double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::string augmentText(std::string_view text, const AugmentOptions& options, const WordNet* wordnet, std::mt19937_64& rng) {
    std::vector<std::string> words = splitWords(text);
    if (words.empty()) return std::string(text);
    if (wordnet) replaceSynonyms(words, options.synonymReplacement, *wordnet, rng);
    swapWords(words, options.randomSwap, rng);
    deleteWords(words, options.randomDeletion, rng);
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

std::mt19937_64 exampleRng(uint64_t seed, int64_t epoch, int64_t example) {
    // splitmix64 over the three numbers: nearby seeds, epochs and examples give unrelated streams.
    uint64_t x = seed;
    for (const uint64_t v : {static_cast<uint64_t>(epoch), static_cast<uint64_t>(example)}) {
        x ^= v + 0x9E3779B97F4A7C15ULL + (x << 6) + (x >> 2);
        x += 0x9E3779B97F4A7C15ULL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        x ^= x >> 31;
    }
    return std::mt19937_64(x);
}

}  // namespace ft::data
