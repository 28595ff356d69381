#pragma once
// Tokenized examples and the padded batches made from them.

#include <cstdint>
#include <vector>

#include <torch/types.h>

namespace ft::train {

struct Example {
    std::vector<int32_t> ids;      // token ids, already truncated to max_length (32-bit: half the memory of a 1 GB corpus)
    int64_t label = -1;            // class id (classification)
    int64_t row = -1;              // index of the row in its split's table (for reports)
    std::vector<uint8_t> trainMask;  // causal LM: 1 where the token is a target (empty = every token)

    // Causal LM: how many tokens the loss predicts (targets at positions 1 … n-1).
    int64_t predictedTokens() const;
};

struct Batch {
    torch::Tensor inputIds;        // [B, T] int64, right-padded with padId
    torch::Tensor attentionMask;   // [B, T] int64
    torch::Tensor labels;          // classification: [B]; causal LM: [B, T] with -100 on padding
    int64_t tokens = 0;            // non-pad tokens
};

// Pads to the longest example of the batch.
Batch collate(const std::vector<Example>& examples, const std::vector<int64_t>& indices, int64_t padId, bool causalLM);

// Deterministic across platforms: Fisher–Yates with mt19937_64 (std::shuffle's draws differ between
// standard libraries). Epoch e of seed s always yields the same order.
std::vector<int64_t> shuffledOrder(int64_t n, uint64_t seed, int64_t epoch);

}  // namespace ft::train
