#pragma once
// Seeded, stratified train / validation / test splits and k-shot sampling. Results depend only
// on the seed: std::mt19937_64 with our own bounded draw and Fisher-Yates shuffle, because
// std::shuffle and std::uniform_int_distribution differ between standard libraries.

#include "core/common/result.h"

#include <cstdint>
#include <random>
#include <vector>

namespace ft::data {

struct SplitFractions {
    double train = 0.8;
    double validation = 0.1;
    double test = 0.1;
};

struct Split {
    std::vector<size_t> train, validation, test;  // example indices, ascending
};

// Per class: shuffle, then take round(n_c * validation) and round(n_c * test) (test first
// rounds down when they would exceed n_c), the rest to train. Labels < 0 are left out.
// Errors: "data.invalid_split" when a fraction is negative or they do not sum to 1.
Result<Split> stratifiedSplit(const std::vector<int64_t>& labels, const SplitFractions& fractions, uint64_t seed);
// Same without stratification: all n examples are one class.
Result<Split> randomSplit(size_t n, const SplitFractions& fractions, uint64_t seed);

struct KShot {
    std::vector<size_t> indices;            // ascending
    std::vector<int64_t> shortClasses;      // classes with fewer than k examples (all taken)
};
KShot kShotPerClass(const std::vector<int64_t>& labels, int64_t k, uint64_t seed);

// Uniform integer in [0, bound) by rejection (no modulo bias, same on every platform).
uint64_t boundedRandom(std::mt19937_64& rng, uint64_t bound);
void deterministicShuffle(std::vector<size_t>& values, std::mt19937_64& rng);

}  // namespace ft::data
