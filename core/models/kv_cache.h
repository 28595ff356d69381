#pragma once
// Keys and values of the positions a causal LM has already seen, so each new token costs one
// position's work instead of the whole prefix (transformers' DynamicCache, one prompt at a time).

#include <cstdint>
#include <vector>

#include <torch/types.h>

namespace ft::models {

struct KvCache {
    // Per layer: [B, kvHeads, Tpast, D], before any grouped-query repetition. Empty until the first call.
    std::vector<torch::Tensor> keys, values;

    int64_t length() const { return keys.empty() || !keys.front().defined() ? 0 : keys.front().size(2); }

    // Appends this step's k, v: [B, kvHeads, Tnew, D] to layer `layer`; returns the whole [B, kvHeads, T, D] pair.
    std::pair<torch::Tensor, torch::Tensor> append(size_t layer, const torch::Tensor& k, const torch::Tensor& v);
};

}  // namespace ft::models
