#include "core/models/logits_processors.h"

#include <limits>

#include <torch/torch.h>

namespace ft::models {

namespace {
constexpr float kRemoved = -std::numeric_limits<float>::infinity();
}

torch::Tensor applyRepetitionPenalty(const torch::Tensor& scores, const std::vector<int64_t>& sequence, double penalty) {
    if (penalty == 1.0 || sequence.empty()) return scores;
    torch::Tensor ids = torch::tensor(sequence, torch::kLong).to(scores.device());  // [S], repeats harmless
    torch::Tensor seen = scores.gather(0, ids);
    seen = torch::where(seen < 0, seen * penalty, seen / penalty);
    return scores.scatter(0, ids, seen);
}

torch::Tensor applyTemperature(const torch::Tensor& scores, double temperature) {
    return temperature == 1.0 ? scores : scores / temperature;
}

torch::Tensor applyTopK(const torch::Tensor& scores, int64_t k) {
    if (k <= 0 || k >= scores.size(0)) return scores;
    torch::Tensor kth = std::get<0>(scores.topk(k)).select(0, k - 1);  // the k-th largest score
    return scores.masked_fill(scores < kth, kRemoved);
}

torch::Tensor applyTopP(const torch::Tensor& scores, double p) {
    if (p >= 1.0) return scores;
    // Ascending order: drop the low-probability prefix whose mass is at most 1 - p; the most likely
    // token (last) always stays.
    auto [sorted, order] = scores.sort(/*dim=*/0, /*descending=*/false);
    torch::Tensor cumulative = torch::softmax(sorted.to(torch::kFloat), 0).cumsum(0);  // [V]
    torch::Tensor removeSorted = cumulative <= (1.0 - p);
    removeSorted.index_put_({-1}, false);
    torch::Tensor remove = removeSorted.scatter(0, order, removeSorted);
    return scores.masked_fill(remove, kRemoved);
}

}  // namespace ft::models
