#pragma once
// Rotary position embedding in Hugging Face's "rotate_half" (NeoX) layout: dimension i pairs with
// i + D/2, which is what HF Llama-family checkpoints are permuted for (formats.md §2.4).

#include <string>

#include <torch/types.h>

#include "core/common/result.h"
#include "core/io/hf_config.h"

namespace ft::models {

struct RopeSettings {
    double theta = 10000.0;       // rope_theta
    double positionScale = 1.0;   // "linear" scaling divides positions by rope_scaling.factor
};

// Reads the rope type: "default" and "linear" are implemented; anything else is model.unsupported_rope.
Result<RopeSettings> ropeSettings(const io::LlamaConfig& config);

// cos, sin: [T, D] for positions 0..T-1 (float32, as transformers computes them).
std::pair<torch::Tensor, torch::Tensor> ropeCosSin(const RopeSettings& rope, int64_t headDim, int64_t T,
                                                   const torch::Device& device);

// x: [B, heads, T, D]; cos, sin: [T, D] → x·cos + rotate_half(x)·sin in x's dtype.
torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin);

}  // namespace ft::models
