#include "core/models/generate.h"

#include <algorithm>

#include <torch/torch.h>

namespace ft::models {

GenerationResult greedyGenerate(Model& model, const std::vector<int64_t>& prompt, int64_t maxNewTokens,
                                const std::vector<int64_t>& eosTokenIds, int64_t maxPositions) {
    GenerationResult result;
    if (prompt.empty() || model.head() != Head::CausalLM) return result;
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    const torch::Device device = model.parameters().front().device();
    std::vector<int64_t> sequence = prompt;
    for (int64_t i = 0; i < maxNewTokens && int64_t(sequence.size()) < maxPositions; ++i) {
        torch::Tensor ids = torch::tensor(sequence, torch::kLong).unsqueeze(0).to(device);  // [1, T]
        torch::Tensor logits = model.forward(ids, torch::ones_like(ids));                    // [1, T, V]
        const int64_t next = logits.select(1, logits.size(1) - 1).argmax(-1).item<int64_t>();
        sequence.push_back(next);
        result.tokens.push_back(next);
        if (std::find(eosTokenIds.begin(), eosTokenIds.end(), next) != eosTokenIds.end()) {
            result.endedWithEos = true;
            break;
        }
    }
    if (wasTraining) model.train();
    return result;
}

}  // namespace ft::models
