#include "core/models/rope.h"

#include <torch/torch.h>

namespace ft::models {

Result<RopeSettings> ropeSettings(const io::LlamaConfig& config) {
    RopeSettings rope;
    rope.theta = config.ropeTheta;
    if (config.ropeType == "default") return rope;
    if (config.ropeType == "linear") {
        const auto& scaling = config.ropeScaling;
        if (!scaling.is_object() || !scaling.contains("factor") || !scaling["factor"].is_number() ||
            scaling["factor"].get<double>() <= 0)
            return makeError("model.unsupported_rope", "linear RoPE scaling needs a positive rope_scaling.factor", {}, -1,
                             "rope_scaling");
        rope.positionScale = 1.0 / scaling["factor"].get<double>();
        return rope;
    }
    return makeError("model.unsupported_rope",
                     "RoPE type '" + config.ropeType + "' is not implemented; supported: default, linear", {}, -1,
                     "rope_scaling");
}

std::pair<torch::Tensor, torch::Tensor> ropeCosSin(const RopeSettings& rope, int64_t headDim, int64_t T,
                                                   const torch::Device& device) {
    auto f32 = torch::TensorOptions().dtype(torch::kFloat).device(device);
    // inv_freq[i] = 1 / theta^(2i / D), built like LlamaRotaryEmbedding (int64 arange, then float).
    torch::Tensor exponents = torch::arange(0, headDim, 2, f32.dtype(torch::kLong)).to(torch::kFloat) / double(headDim);
    torch::Tensor invFreq = 1.0 / torch::pow(torch::tensor(rope.theta, f32), exponents);  // [D/2]
    torch::Tensor positions = torch::arange(T, f32) * rope.positionScale;                  // [T]
    torch::Tensor freqs = torch::outer(positions, invFreq);                                // [T, D/2]
    torch::Tensor emb = torch::cat({freqs, freqs}, -1);                                    // [T, D]
    return {emb.cos(), emb.sin()};
}

torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
    const int64_t half = x.size(-1) / 2;
    torch::Tensor rotated = torch::cat({-x.slice(-1, half), x.slice(-1, 0, half)}, -1);  // rotate_half
    return (x * cos.to(x.scalar_type()) + rotated * sin.to(x.scalar_type()));
}

}  // namespace ft::models
