#include "core/train/sharding.h"

#include <algorithm>

namespace ft::train {

int64_t stepsPerEpoch(int64_t examples, const ShardLayout& layout) {
    const int64_t perStep = layout.globalStep();
    return std::max<int64_t>(1, (examples + perStep - 1) / perStep);
}

StepShard shardStep(const std::vector<int64_t>& epochOrder, int64_t stepInEpoch, const ShardLayout& layout,
                    const std::function<int64_t(int64_t)>& lossTerms) {
    const int64_t n = static_cast<int64_t>(epochOrder.size());
    const int64_t begin = std::min(n, stepInEpoch * layout.globalStep());
    const int64_t end = std::min(n, begin + layout.globalStep());
    StepShard shard;
    shard.samples = end - begin;
    const int64_t microSize = layout.globalMicroBatch();
    for (int64_t microBegin = begin; microBegin < end; microBegin += microSize) {
        const int64_t microEnd = std::min(end, microBegin + microSize);
        MicroBatch mb;
        int64_t mine = 0, all = 0;
        for (int64_t p = microBegin; p < microEnd; ++p) {
            const int64_t example = epochOrder[static_cast<size_t>(p)];
            const int64_t terms = lossTerms(example);
            all += terms;
            if ((p - microBegin) % layout.worldSize == layout.rank) {
                mb.indices.push_back(example);
                mine += terms;
            }
        }
        const double share = double(microEnd - microBegin) / double(end - begin);
        // A single process has mine == all: the weight is exactly `share`, as before sharding existed.
        mb.weight = mine > 0 ? share * (double(mine) / double(all)) : 0.0;
        shard.micro.push_back(std::move(mb));
    }
    return shard;
}

}  // namespace ft::train
