#pragma once
// What a causal LM offers for incremental decoding (GPT-2 and the Llama family implement it):
// generate() asks a Model for it with dynamic_cast and falls back to full recomputation without it.
// Model::forward stays the training path and never touches a cache.

#include <torch/types.h>

#include "core/models/kv_cache.h"

namespace ft::models {

class CachedDecoder {
public:
    virtual ~CachedDecoder() = default;

    // newIds: [B, Tnew], without padding, continuing the cache.length() positions already in `cache`
    // → logits [B, Tnew, V]; the new keys and values are appended to `cache`. Causal-LM head only.
    virtual bool supportsKvCache() const = 0;
    virtual torch::Tensor forwardCached(const torch::Tensor& newIds, KvCache& cache) = 0;
};

}  // namespace ft::models
