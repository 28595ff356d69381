#include "core/data/splits.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace ft::data {

uint64_t boundedRandom(std::mt19937_64& rng, uint64_t bound) {
    if (bound <= 1) return 0;
    const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do x = rng();
    while (x >= limit);
    return x % bound;
}

void deterministicShuffle(std::vector<size_t>& values, std::mt19937_64& rng) {
    for (size_t i = values.size(); i > 1; --i) std::swap(values[i - 1], values[boundedRandom(rng, i)]);
}

namespace {

Status checkFractions(const SplitFractions& f) {
    const bool negative = f.train < 0 || f.validation < 0 || f.test < 0;
    if (negative || std::fabs(f.train + f.validation + f.test - 1.0) > 1e-6)
        return makeError("data.invalid_split",
                         "Split fractions must be non-negative and sum to 1 (got " + std::to_string(f.train) + ", " +
                             std::to_string(f.validation) + ", " + std::to_string(f.test) + ").",
                         {}, -1, "split");
    return Status::success();
}

// Classes in ascending label order, so the RNG stream is consumed in a fixed order.
std::map<int64_t, std::vector<size_t>> byClass(const std::vector<int64_t>& labels) {
    std::map<int64_t, std::vector<size_t>> classes;
    for (size_t i = 0; i < labels.size(); ++i)
        if (labels[i] >= 0) classes[labels[i]].push_back(i);
    return classes;
}

}  // namespace

Result<Split> stratifiedSplit(const std::vector<int64_t>& labels, const SplitFractions& fractions, uint64_t seed) {
    Status st = checkFractions(fractions);
    if (!st) return st.error();
    std::mt19937_64 rng(seed);
    Split split;
    for (auto& [label, members] : byClass(labels)) {
        (void)label;
        deterministicShuffle(members, rng);
        const double n = static_cast<double>(members.size());
        auto nVal = static_cast<size_t>(std::llround(n * fractions.validation));
        auto nTest = static_cast<size_t>(std::llround(n * fractions.test));
        nVal = std::min(nVal, members.size());
        nTest = std::min(nTest, members.size() - nVal);
        split.validation.insert(split.validation.end(), members.begin(), members.begin() + static_cast<long>(nVal));
        split.test.insert(split.test.end(), members.begin() + static_cast<long>(nVal),
                          members.begin() + static_cast<long>(nVal + nTest));
        split.train.insert(split.train.end(), members.begin() + static_cast<long>(nVal + nTest), members.end());
    }
    for (auto* part : {&split.train, &split.validation, &split.test}) std::sort(part->begin(), part->end());
    return split;
}

Result<Split> randomSplit(size_t n, const SplitFractions& fractions, uint64_t seed) {
    return stratifiedSplit(std::vector<int64_t>(n, 0), fractions, seed);
}

KShot kShotPerClass(const std::vector<int64_t>& labels, int64_t k, uint64_t seed) {
    std::mt19937_64 rng(seed);
    KShot out;
    for (auto& [label, members] : byClass(labels)) {
        deterministicShuffle(members, rng);
        const auto take = static_cast<size_t>(std::max<int64_t>(k, 0));
        if (members.size() < take) out.shortClasses.push_back(label);
        out.indices.insert(out.indices.end(), members.begin(),
                           members.begin() + static_cast<long>(std::min(take, members.size())));
    }
    std::sort(out.indices.begin(), out.indices.end());
    return out;
}

}  // namespace ft::data
