#pragma once
// The linear layer every architecture uses: y = x·Wᵀ + b, with an optional LoRA adapter
// (y += scaling · B(A(dropout(x))), PEFT's lora.Linear). Parameter names match the checkpoint
// ("weight", "bias") and PEFT's adapter files ("lora_A.weight", "lora_B.weight").

#include <cstdint>

#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace ft::models {

struct LoraShape {
    int64_t rank = 8;
    double alpha = 8;
    double dropout = 0.0;
    bool rsLora = false;      // scaling alpha / sqrt(r) instead of alpha / r
};

class LinearImpl : public torch::nn::Module {
public:
    LinearImpl(int64_t inFeatures, int64_t outFeatures, bool withBias = true);

    // x: [..., in] → [..., out]
    torch::Tensor forward(const torch::Tensor& x);

    // Adds lora_A [r, in] (kaiming-uniform, as nn.Linear) and lora_B [out, r] (zeros): a no-op at first.
    void attachLora(const LoraShape& shape);
    bool hasLora() const { return !lora_A.is_empty(); }
    double loraScaling() const { return m_scaling; }
    // scaling · B·A: [out, in], the change the adapter makes to `weight`.
    torch::Tensor loraDelta() const;
    // Folds the adapter into `weight` and removes it.
    void mergeLora();

    int64_t inFeatures, outFeatures;
    torch::Tensor weight;   // [out, in]
    torch::Tensor bias;     // [out] or undefined
    torch::nn::Linear lora_A{nullptr}, lora_B{nullptr};
    torch::nn::Dropout lora_dropout{nullptr};

private:
    double m_scaling = 0;
};
TORCH_MODULE(Linear);

}  // namespace ft::models
