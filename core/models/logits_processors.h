#pragma once
// The logits processors of transformers' generate(), applied in its order: repetition penalty,
// then (sampling only) temperature, top-k and top-p. Each takes and returns scores: [V] float.

#include <cstdint>
#include <vector>

#include <torch/types.h>

namespace ft::models {

// RepetitionPenaltyLogitsProcessor: for every token already in `sequence`, a negative score is
// multiplied by `penalty` and a non-negative one divided by it. penalty 1 changes nothing.
torch::Tensor applyRepetitionPenalty(const torch::Tensor& scores, const std::vector<int64_t>& sequence, double penalty);

// TemperatureLogitsWarper: scores / temperature (temperature > 0).
torch::Tensor applyTemperature(const torch::Tensor& scores, double temperature);

// TopKLogitsWarper: scores below the k-th largest become -inf (ties with it are kept); k <= 0 is off.
torch::Tensor applyTopK(const torch::Tensor& scores, int64_t k);

// TopPLogitsWarper: keeps the smallest set of most likely tokens whose probabilities sum to at
// least p, never fewer than one token; the rest become -inf. p >= 1 is off.
torch::Tensor applyTopP(const torch::Tensor& scores, double p);

}  // namespace ft::models
