#include "core/train/batching.h"

#include <algorithm>
#include <numeric>
#include <random>

#include <torch/torch.h>

namespace ft::train {

Batch collate(const std::vector<Example>& examples, const std::vector<int64_t>& indices, int64_t padId, LabelKind kind) {
    const bool causalLM = kind == LabelKind::NextToken;
    const int64_t B = static_cast<int64_t>(indices.size());
    int64_t T = 1;
    for (int64_t i : indices) T = std::max<int64_t>(T, static_cast<int64_t>(examples[i].ids.size()));
    auto ids = torch::full({B, T}, padId, torch::kLong);
    auto mask = torch::zeros({B, T}, torch::kLong);
    auto idsA = ids.accessor<int64_t, 2>();
    auto maskA = mask.accessor<int64_t, 2>();
    // Causal LM: 0 where a token is context only (a prompt), never a target.
    auto train = torch::ones({causalLM ? B : 0, causalLM ? T : 0}, torch::kLong);
    auto trainA = train.accessor<int64_t, 2>();
    Batch batch;
    for (int64_t b = 0; b < B; ++b) {
        const auto& ex = examples[indices[b]];
        for (size_t t = 0; t < ex.ids.size(); ++t) idsA[b][t] = ex.ids[t], maskA[b][t] = 1;
        if (causalLM)
            for (size_t t = 0; t < ex.trainMask.size() && t < ex.ids.size(); ++t)
                if (!ex.trainMask[t]) trainA[b][t] = 0;   // a prompt token: no loss on predicting it
        batch.tokens += static_cast<int64_t>(ex.ids.size());
    }
    switch (kind) {
    case LabelKind::NextToken:
        batch.labels = ids.masked_fill(mask.eq(0).logical_or(train.eq(0)), -100);
        break;
    case LabelKind::ClassId:
        batch.labels = torch::empty({B}, torch::kLong);
        for (int64_t b = 0; b < B; ++b) batch.labels[b] = examples[indices[b]].label;
        break;
    case LabelKind::TargetSequence: {
        int64_t targetLength = 1;
        for (int64_t i : indices) targetLength = std::max<int64_t>(targetLength, static_cast<int64_t>(examples[i].targetIds.size()));
        batch.labels = torch::full({B, targetLength}, -100, torch::kLong);
        auto labelsA = batch.labels.accessor<int64_t, 2>();
        for (int64_t b = 0; b < B; ++b) {
            const auto& target = examples[indices[b]].targetIds;
            for (size_t t = 0; t < target.size(); ++t) labelsA[b][t] = target[t];
            batch.tokens += static_cast<int64_t>(target.size());
        }
        break;
    }
    }
    batch.inputIds = ids;
    batch.attentionMask = mask;
    return batch;
}

int64_t Example::predictedTokens() const {
    if (!targetIds.empty()) return static_cast<int64_t>(targetIds.size());
    int64_t n = 0;
    for (size_t t = 1; t < ids.size(); ++t) n += (trainMask.empty() || trainMask[t]) ? 1 : 0;
    return n;
}

std::vector<int64_t> shuffledOrder(int64_t n, uint64_t seed, int64_t epoch) {
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(seed * 1000003ULL + static_cast<uint64_t>(epoch));
    for (int64_t i = n - 1; i > 0; --i) {
        const int64_t j = static_cast<int64_t>(rng() % static_cast<uint64_t>(i + 1));
        std::swap(order[i], order[j]);
    }
    return order;
}

}  // namespace ft::train
