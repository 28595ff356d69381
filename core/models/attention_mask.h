#pragma once
// Attention masks and pooling shared by the architectures.

#include <torch/types.h>

namespace ft::models {

// attentionMask: [B, T] (1 token, 0 pad) → additive [B, 1, T, T]: 0 where query i may see key j
// (j <= i and j not padding), the dtype's lowest value elsewhere.
torch::Tensor causalAdditiveMask(const torch::Tensor& attentionMask, torch::ScalarType dtype);

// Incremental decoding without padding: `past` positions cached, `newLength` new ones →
// additive [1, 1, newLength, past + newLength], 0 where query past+i may see key j (j <= past+i).
torch::Tensor causalAdditiveMaskWithPast(int64_t newLength, int64_t past, torch::ScalarType dtype, const torch::Device& device);

// attentionMask: [B, T] → additive [B, 1, 1, T] for bidirectional encoders (BERT).
torch::Tensor paddingAdditiveMask(const torch::Tensor& attentionMask, torch::ScalarType dtype);

// hidden: [B, T, C] → [B, C] at the rightmost token that is not padTokenId (transformers'
// sequence-classification pooling for decoders; works for left and right padding).
torch::Tensor poolRightmostNonPad(const torch::Tensor& hidden, const torch::Tensor& inputIds, int64_t padTokenId);

// scores + additiveMask, in place when the dtypes agree (the matmul's output is not needed for the
// backward pass, so this spares a [B, H, T, Tkeys] tensor); with 16-bit scores and a float32 mask
// (autocast) the sum is a new float32 tensor, as `scores + additiveMask` makes it.
torch::Tensor addMask(torch::Tensor scores, const torch::Tensor& additiveMask);

}  // namespace ft::models
