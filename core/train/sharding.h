#pragma once
// Which examples each rank trains on, with distributed-sampler semantics. Every rank shuffles the
// epoch the same way (same seed, same epoch), takes the same global step slice of the order, and keeps
// its strided share of each global micro-batch, so the ranks' shards are disjoint and together form
// exactly the batch a single process with batch_size × world_size would train on.

#include <cstdint>
#include <functional>
#include <vector>

namespace ft::train {

struct ShardLayout {
    int64_t batchSize = 1;   // per rank, per micro-batch (training.batch_size)
    int64_t accumSteps = 1;  // micro-batches per optimizer step (training.grad_accum_steps)
    int rank = 0;
    int worldSize = 1;

    int64_t globalMicroBatch() const { return batchSize * worldSize; }
    int64_t globalStep() const { return batchSize * accumSteps * worldSize; }  // samples per optimizer step
};

int64_t stepsPerEpoch(int64_t examples, const ShardLayout& layout);

struct MicroBatch {
    std::vector<int64_t> indices;  // this rank's examples (may be empty at the end of an epoch)
    // Multiplies this rank's mean loss so that the ranks' gradients *summed* equal the gradient of the
    // single-process step: (global micro-batch / step samples) × (this rank's loss terms / the global
    // micro-batch's loss terms). A loss term is an example (classification) or a predicted token (causal LM).
    double weight = 0;
};

struct StepShard {
    std::vector<MicroBatch> micro;
    int64_t samples = 0;  // samples of the whole step, all ranks together
};

// The micro-batches of optimizer step `stepInEpoch` for `layout.rank`. `lossTerms(example)` gives the
// number of loss terms of one example.
StepShard shardStep(const std::vector<int64_t>& epochOrder, int64_t stepInEpoch, const ShardLayout& layout,
                    const std::function<int64_t(int64_t)>& lossTerms);

}  // namespace ft::train
