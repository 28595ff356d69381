#pragma once
// Greedy decoding for causal LMs: enough for the export check ("does it ever emit EOS?") and the
// playground. Recomputes the whole prefix each step (no KV cache): fine for short continuations.

#include <cstdint>
#include <vector>

#include "core/models/model.h"

namespace ft::models {

struct GenerationResult {
    std::vector<int64_t> tokens;   // the new tokens only, EOS included when it came
    bool endedWithEos = false;
};

// prompt: token ids (non-empty); stops after maxNewTokens, at an EOS id, or at maxPositions.
GenerationResult greedyGenerate(Model& model, const std::vector<int64_t>& prompt, int64_t maxNewTokens,
                                const std::vector<int64_t>& eosTokenIds, int64_t maxPositions);

}  // namespace ft::models
