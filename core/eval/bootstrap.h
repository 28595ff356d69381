#pragma once
// Seeded percentile bootstrap (Fairlearn's procedure, fairness-eval.md §1.10, §3.4): rows are
// resampled with replacement, every statistic of a replicate is computed from the same sample,
// and quantiles ignore replicates where a value is undefined.

#include "core/eval/disparity.h"
#include "core/eval/fairness.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace ft::eval {

struct BootstrapConfig {
    int resamples = 1000;
    double confidence = 0.95;
    uint64_t seed = 0;
};

// Row indices of each replicate. Deterministic across standard libraries: std::mt19937_64 with
// our own unbiased bounded draw (no std::uniform_int_distribution).
std::vector<std::vector<size_t>> bootstrapIndices(size_t n, int resamples, uint64_t seed);

struct Interval {
    double low = kNaN, high = kNaN;
    int validReplicates = 0;
};

// `statistic` maps a replicate's indices to K values (NaN = undefined in that replicate).
// Returns K percentile intervals at (1 - confidence) / 2 and (1 + confidence) / 2. `statistic` is
// called from several threads at once (one per core), so it must only read shared state.
std::vector<Interval> percentileIntervals(const std::vector<std::vector<size_t>>& replicates,
                                          const std::function<std::vector<double>(const std::vector<size_t>&)>& statistic,
                                          double confidence = 0.95);

// Fills ciLow / ciHigh / nValidReplicates of every group metric in `slice` (and the overall
// row) and of every aggregate in `disparities`, recomputed on the same replicates.
void bootstrapSlices(const std::vector<Row>& rows, const SliceSpec& spec, const FairnessOptions& options,
                     const BootstrapConfig& config, SliceResult& slice, std::vector<Aggregate>& disparities);

}  // namespace ft::eval
