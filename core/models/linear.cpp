#include "core/models/linear.h"

#include <cmath>

#include <torch/torch.h>

namespace ft::models {

LinearImpl::LinearImpl(int64_t in, int64_t out, bool withBias) : inFeatures(in), outFeatures(out) {
    // Values are placeholders until a checkpoint or the architecture's own initialisation fills them.
    const double bound = 1.0 / std::sqrt(double(std::max<int64_t>(in, 1)));
    weight = register_parameter("weight", torch::empty({out, in}).uniform_(-bound, bound));
    if (withBias) bias = register_parameter("bias", torch::empty({out}).uniform_(-bound, bound));
}

torch::Tensor LinearImpl::forward(const torch::Tensor& x) {
    // at::linear, as nn.Linear calls it: a contiguous [B, T, in] input with a bias becomes one addmm
    // (AddmmBackward), where the C++ API's functional::linear does matmul + add (and a separate sum
    // for the bias gradient): ~15 % of a BERT training step at hidden 256 (bench_train_step_split).
    torch::Tensor y = torch::linear(x, weight, bias);
    if (!hasLora()) return y;
    return y + lora_B(lora_A(lora_dropout(x))) * m_scaling;
}

void LinearImpl::attachLora(const LoraShape& shape) {
    m_scaling = shape.rsLora ? shape.alpha / std::sqrt(double(shape.rank)) : shape.alpha / double(shape.rank);
    const auto options = weight.options();
    lora_dropout = register_module("lora_dropout", torch::nn::Dropout(shape.dropout));
    lora_A = register_module("lora_A", torch::nn::Linear(torch::nn::LinearOptions(inFeatures, shape.rank).bias(false)));
    lora_B = register_module("lora_B", torch::nn::Linear(torch::nn::LinearOptions(shape.rank, outFeatures).bias(false)));
    // New submodules start in training mode; follow the layer's current mode.
    lora_dropout->train(is_training());
    lora_A->train(is_training());
    lora_B->train(is_training());
    torch::NoGradGuard noGrad;
    lora_B->weight.zero_();
    lora_A->to(options.device(), options.dtype().toScalarType());
    lora_B->to(options.device(), options.dtype().toScalarType());
}

torch::Tensor LinearImpl::loraDelta() const {
    // The product in float32 even for half-precision weights, as PEFT does on the CPU.
    torch::Tensor a = lora_A->weight.detach().to(torch::kFloat32);
    torch::Tensor b = lora_B->weight.detach().to(torch::kFloat32);
    return torch::matmul(b, a) * m_scaling;  // [out, r]·[r, in] → [out, in]
}

void LinearImpl::mergeLora() {
    if (!hasLora()) return;
    {
        torch::NoGradGuard noGrad;
        weight.add_(loraDelta().to(weight.scalar_type()));
    }
    unregister_module("lora_A");
    unregister_module("lora_B");
    unregister_module("lora_dropout");
    lora_A = nullptr;
    lora_B = nullptr;
    lora_dropout = nullptr;
    m_scaling = 0;
}

}  // namespace ft::models
