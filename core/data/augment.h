#pragma once
// Easy data augmentation (Wei & Zou, 2019) for training texts: synonym replacement from WordNet,
// random swap and random deletion of words. Pure and seeded: the same text, options and generator
// state give the same result on every platform (draws use boundedRandom, not std distributions).

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace ft::data {

class WordNet;

struct AugmentOptions {
    double synonymReplacement = 0;  // share of words replaced by a WordNet synonym (at least one when > 0)
    double randomSwap = 0;          // share of words: that many swaps of two random words (at least one when > 0)
    double randomDeletion = 0;      // probability that each word is deleted; at least one word always stays
};

// Words are separated by whitespace and joined again with single spaces; punctuation around a word
// stays in place when its letters are replaced. Synonym replacement is skipped when `wordnet` is null.
std::string augmentText(std::string_view text, const AugmentOptions& options, const WordNet* wordnet, std::mt19937_64& rng);

// Uniform in [0, 1) from 53 random bits (the same on every platform).
double uniform01(std::mt19937_64& rng);

// The generator for one example in one epoch: the same (seed, epoch, example) always gives the same
// stream, whatever was drawn before — so augmentation survives an exact resume unchanged.
std::mt19937_64 exampleRng(uint64_t seed, int64_t epoch, int64_t example);

}  // namespace ft::data
