#include "core/models/init_weights.h"

#include <torch/torch.h>

#include "core/models/linear.h"

namespace ft::models {

void initStandardLayers(torch::nn::Module& module, double std) {
    torch::NoGradGuard noGrad;
    for (const auto& m : module.modules(/*include_self=*/true)) {
        if (auto* linear = m->as<LinearImpl>()) {
            linear->weight.normal_(0.0, std);
            if (linear->bias.defined()) linear->bias.zero_();
        } else if (auto* embedding = m->as<torch::nn::EmbeddingImpl>()) {
            embedding->weight.normal_(0.0, std);
            if (auto pad = embedding->options.padding_idx()) embedding->weight[*pad].zero_();
        } else if (auto* norm = m->as<torch::nn::LayerNormImpl>()) {
            norm->weight.fill_(1.0);
            norm->bias.zero_();
        }
    }
}

}  // namespace ft::models
