#pragma once
// Rotary position embedding in Hugging Face's "rotate_half" (NeoX) layout: dimension i pairs with
// i + D/2, which is what HF Llama-family checkpoints are permuted for (formats.md §2.4). The scaled
// variants follow transformers' modeling_rope_utils (v5 semantics where v4 and v5 differ).

#include <cstdint>
#include <string>

#include <torch/types.h>

#include "core/common/result.h"
#include "core/io/hf_config.h"

namespace ft::models {

enum class RopeType { Default, Linear, Dynamic, Llama3, Yarn };

struct RopeSettings {
    RopeType type = RopeType::Default;
    double theta = 10000.0;             // rope_theta
    double factor = 1.0;                // rope_scaling.factor (linear, dynamic, llama3, yarn)
    int64_t maxPositions = 2048;        // max_position_embeddings: dynamic rescales beyond it
    int64_t originalMaxPositions = 0;   // rope_scaling.original_max_position_embeddings (llama3, yarn)
    double lowFreqFactor = 1.0;         // llama3: rope_scaling.low_freq_factor
    double highFreqFactor = 4.0;        // llama3: rope_scaling.high_freq_factor
    double betaFast = 32.0;             // yarn: rope_scaling.beta_fast
    double betaSlow = 1.0;              // yarn: rope_scaling.beta_slow
    bool truncate = true;               // yarn: rope_scaling.truncate (floor/ceil the correction range)
    double attentionFactor = 1.0;       // yarn: cos and sin are multiplied by it (attention_factor or mscale rule)
};

// Reads rope_scaling (rope_parameters in v5): default, linear, dynamic, llama3, yarn. Any other type
// or a missing / non-numeric field is model.unsupported_rope naming the type and the field.
Result<RopeSettings> ropeSettings(const io::LlamaConfig& config);

// inv_freq: [D/2] float32, as transformers computes it for a sequence of seqLen positions (only
// "dynamic" depends on seqLen: it enlarges the base once seqLen exceeds max_position_embeddings).
torch::Tensor ropeInvFreq(const RopeSettings& rope, int64_t headDim, int64_t seqLen, const torch::Device& device);

// cos, sin: [T, D] for positions 0..T-1 (float32, as transformers computes them).
std::pair<torch::Tensor, torch::Tensor> ropeCosSin(const RopeSettings& rope, int64_t headDim, int64_t T,
                                                   const torch::Device& device);

// x: [B, heads, T, D]; cos, sin: [T, D] → x·cos + rotate_half(x)·sin in x's dtype.
torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin);

}  // namespace ft::models
