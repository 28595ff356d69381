#pragma once
// Activation functions by their transformers names (ACT2FN keys).

#include <string>

#include <torch/types.h>

namespace ft::models {

bool isKnownActivation(const std::string& name);
// "gelu" (erf), "gelu_new" / "gelu_pytorch_tanh" (tanh approximation), "relu", "silu" / "swish", "tanh".
torch::Tensor applyActivation(const std::string& name, const torch::Tensor& x);

}  // namespace ft::models
