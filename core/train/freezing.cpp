#include "core/train/freezing.h"

#include <cmath>

#include <torch/torch.h>

#include "core/common/strings.h"
#include "core/models/lora.h"

namespace ft::train {

namespace {
bool isNoDecay(const std::string& name, const torch::Tensor& t) {
    // Biases and normalisation weights (1-D) are exempt, as in every HF recipe.
    return endsWith(name, ".bias") || t.dim() < 2;
}
}  // namespace

bool frozenBySettings(const api::FreezingSection& f, int64_t depth, int64_t numBlocks) {
    if (f.headOnly && depth != numBlocks + 1) return true;
    if (f.embeddings && depth == 0) return true;
    if (depth >= 1 && depth <= f.lowerBlocks) return true;
    // Freezing the lower N blocks freezes what feeds them too (ULMFiT-style bottom-up freezing).
    return f.lowerBlocks > 0 && depth == 0;
}

std::vector<ParameterPlan> planParameters(const models::Model& model, const api::FreezingSection& f,
                                          const std::vector<std::string>* loraTrainedModules) {
    const int64_t top = model.numBlocks() + 1;
    auto params = model.named_parameters(true);
    std::vector<ParameterPlan> plan;
    for (const auto& group : model.layerGroups()) {
        for (const auto& name : group.parameterNames) {
            ParameterPlan p;
            p.name = name;
            p.tensor = params[name];
            p.depth = group.depth;
            p.decay = !isNoDecay(name, p.tensor);
            p.lrScale = std::pow(f.layerLrDecay, double(top - group.depth));
            p.frozen = frozenBySettings(f, group.depth, model.numBlocks());
            if (loraTrainedModules) {
                bool trained = models::isLoraParameter(name);
                for (const auto& m : *loraTrainedModules) trained = trained || startsWith(name, m + ".");
                p.frozen = !trained;
            }
            plan.push_back(std::move(p));
        }
    }
    return plan;
}

int64_t gradualUnfreezeFloor(const api::FreezingSection& f, int64_t numBlocks, int64_t step) {
    if (f.gradualUnfreezeSteps <= 0) return 0;
    const int64_t unfrozenBlocks = step / f.gradualUnfreezeSteps;     // blocks opened so far, top-down
    return std::max<int64_t>(0, numBlocks + 1 - unfrozenBlocks);      // head (numBlocks + 1) always trains
}

int64_t applyTrainable(std::vector<ParameterPlan>& plan, int64_t floorDepth) {
    int64_t trainable = 0;
    for (auto& p : plan) {
        const bool train = !p.frozen && p.depth >= floorDepth;
        p.tensor.set_requires_grad(train);
        if (train) trainable += p.tensor.numel();
    }
    return trainable;
}

int64_t countParameters(const std::vector<ParameterPlan>& plan) {
    int64_t n = 0;
    for (const auto& p : plan) n += p.tensor.numel();
    return n;
}

}  // namespace ft::train
