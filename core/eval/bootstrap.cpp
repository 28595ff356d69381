#include "core/eval/bootstrap.h"

#include "core/eval/intervals.h"
#include "core/eval/slices.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

namespace ft::eval {

namespace {

// Uniform in [0, bound) by rejection, so there is no modulo bias and no library-specific mapping.
uint64_t boundedDraw(std::mt19937_64& rng, uint64_t bound) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do x = rng();
    while (x >= limit);
    return x % bound;
}

}  // namespace

std::vector<std::vector<size_t>> bootstrapIndices(size_t n, int resamples, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::vector<size_t>> out(static_cast<size_t>(std::max(resamples, 0)));
    if (n == 0) return out;
    for (auto& rep : out) {
        rep.resize(n);
        for (size_t& i : rep) i = static_cast<size_t>(boundedDraw(rng, n));
    }
    return out;
}

std::vector<Interval> percentileIntervals(const std::vector<std::vector<size_t>>& replicates,
                                          const std::function<std::vector<double>(const std::vector<size_t>&)>& statistic,
                                          double confidence) {
    // Replicates are independent: threads take interleaved ones, and the results are read back in
    // replicate order, so the intervals do not depend on the thread count.
    std::vector<std::vector<double>> perReplicate(replicates.size());
    const size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), replicates.size());
    auto work = [&](size_t first) {
        for (size_t r = first; r < replicates.size(); r += threads) perReplicate[r] = statistic(replicates[r]);
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
    if (threads > 0) work(0);
    for (std::thread& t : pool) t.join();
    std::vector<std::vector<double>> columns;
    for (const std::vector<double>& values : perReplicate) {
        if (columns.size() < values.size()) columns.resize(values.size());
        for (size_t k = 0; k < values.size(); ++k) columns[k].push_back(values[k]);
    }
    std::vector<Interval> out(columns.size());
    const double alpha = (1 - confidence) / 2;
    for (size_t k = 0; k < columns.size(); ++k) {
        for (double v : columns[k]) out[k].validReplicates += std::isnan(v) ? 0 : 1;
        out[k].low = quantileLinear(columns[k], alpha);
        out[k].high = quantileLinear(columns[k], 1 - alpha);
    }
    return out;
}

namespace {

// A flat, stable list of every value a slice report carries, in the order of `slice`.
std::vector<double> flatten(const SliceResult& reference, const SliceResult& s, const std::vector<Aggregate>& aggs) {
    std::vector<double> out;
    auto push = [&](const GroupResult& refGroup) {
        const GroupResult* g = s.find(refGroup.name);
        for (const auto& [name, value] : refGroup.metrics) {
            (void)value;
            double v = kNaN;
            if (g) {
                const auto it = g->metrics.find(name);
                if (it != g->metrics.end() && it->second.defined) v = it->second.value;
            }
            out.push_back(v);
        }
    };
    push(reference.overall);
    for (const GroupResult& g : reference.groups) push(g);
    for (const Aggregate& a : aggs) out.push_back(a.value.defined ? a.value.value : kNaN);
    return out;
}

std::vector<Aggregate> recomputeLike(const SliceResult& s, const std::vector<Aggregate>& like) {
    std::vector<Aggregate> out;
    for (const Aggregate& a : like) {
        const Method m = a.method == "to_overall" ? Method::ToOverall : Method::BetweenGroups;
        if (a.metric == "equalized_odds")
            out.push_back(a.kind == "ratio" ? equalizedOddsRatio(s, m) : equalizedOddsDifference(s, m));
        else if (a.kind == "min") out.push_back(groupMin(s, a.metric));
        else if (a.kind == "max") out.push_back(groupMax(s, a.metric));
        else if (a.kind == "ratio") out.push_back(ratio(s, a.metric, m));
        else out.push_back(difference(s, a.metric, m));
    }
    return out;
}

}  // namespace

void bootstrapSlices(const std::vector<Row>& rows, const SliceSpec& spec, const FairnessOptions& options,
                     const BootstrapConfig& config, SliceResult& slice, std::vector<Aggregate>& disparities) {
    // Keep every level of the point estimate so a group absent from a replicate stays a NaN cell.
    SliceSpec fixed = spec;
    fixed.declaredLevels.assign(spec.attributes.size(), {});
    for (const GroupResult& g : slice.groups)
        for (size_t a = 0; a < g.key.size() && a < fixed.declaredLevels.size(); ++a) {
            auto& lv = fixed.declaredLevels[a];
            if (std::find(lv.begin(), lv.end(), g.key[a]) == lv.end()) lv.push_back(g.key[a]);
        }
    const auto replicates = bootstrapIndices(rows.size(), config.resamples, config.seed);
    // Group membership is a property of the row, not of the replicate: partition once, then each
    // replicate only sorts its indices into the fixed groups.
    std::vector<size_t> all(rows.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    const Partition groups = partition(rows, all, fixed);
    std::vector<int> groupOf(rows.size(), -1);
    for (size_t k = 0; k < groups.members.size(); ++k)
        for (size_t i : groups.members[k]) groupOf[i] = static_cast<int>(k);
    const auto statistic = [&](const std::vector<size_t>& idx) {
        SliceResult s;
        s.attributes = slice.attributes;
        s.positiveClass = options.positiveClass;
        s.oneVsRest = slice.oneVsRest;
        s.overall = evaluateGroup(rows, idx, options);
        s.overall.name = "overall";
        std::vector<std::vector<size_t>> members(groups.keys.size());
        for (size_t i : idx)
            if (groupOf[i] >= 0) members[static_cast<size_t>(groupOf[i])].push_back(i);
        for (size_t k = 0; k < groups.keys.size(); ++k) {
            GroupResult g = evaluateGroup(rows, members[k], options);
            g.key = groups.keys[k];
            g.name = groupName(g.key);
            s.groups.push_back(std::move(g));
        }
        return flatten(slice, s, recomputeLike(s, disparities));
    };
    const std::vector<Interval> ci = percentileIntervals(replicates, statistic, config.confidence);
    size_t k = 0;
    auto fill = [&](MetricValue& v) {
        if (k >= ci.size()) return;
        v.ciLow = ci[k].low;
        v.ciHigh = ci[k].high;
        v.nValidReplicates = ci[k].validReplicates;
        v.ciMethod = "percentile_bootstrap";
        ++k;
    };
    for (auto& [name, value] : slice.overall.metrics) {
        (void)name;
        fill(value);
    }
    for (GroupResult& g : slice.groups)
        for (auto& [name, value] : g.metrics) {
            (void)name;
            fill(value);
        }
    for (Aggregate& a : disparities) fill(a.value);
}

}  // namespace ft::eval
