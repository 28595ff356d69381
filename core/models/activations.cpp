#include "core/models/activations.h"

#include <torch/torch.h>

namespace ft::models {

bool isKnownActivation(const std::string& n) {
    return n == "gelu" || n == "gelu_new" || n == "gelu_pytorch_tanh" || n == "gelu_fast" || n == "relu" ||
           n == "silu" || n == "swish" || n == "tanh" || n == "quick_gelu";
}

torch::Tensor applyActivation(const std::string& n, const torch::Tensor& x) {
    if (n == "gelu") return torch::gelu(x);
    if (n == "gelu_new" || n == "gelu_pytorch_tanh" || n == "gelu_fast") return torch::gelu(x, "tanh");
    if (n == "relu") return torch::relu(x);
    if (n == "silu" || n == "swish") return torch::silu(x);
    if (n == "tanh") return torch::tanh(x);
    if (n == "quick_gelu") return x * torch::sigmoid(1.702 * x);
    return torch::gelu(x);  // unreachable when configs are validated with isKnownActivation
}

}  // namespace ft::models
