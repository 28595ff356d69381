#pragma once
// What an encoder-decoder (T5) offers beside Model: the encoder once, then the decoder over the
// target side, optionally one position at a time with a cache (generate() uses it).

#include <vector>

#include <torch/types.h>

#include "core/models/kv_cache.h"

namespace ft::models {

struct Seq2SeqCache {
    KvCache self;                                     // the decoder's own keys and values, per layer
    std::vector<torch::Tensor> crossKeys, crossValues;  // per layer: [B, heads, S, d_kv], from the encoder states once
};

class Seq2SeqModel {
public:
    virtual ~Seq2SeqModel() = default;

    // inputIds, attentionMask: [B, S] → encoder states [B, S, d_model].
    virtual torch::Tensor encode(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) = 0;
    // decoderIds: [B, T] starting with decoderStartTokenId(); decoderMask: [B, T] or undefined (no
    // padding); encoderMask: [B, S] → logits [B, T, V]. With a cache, decoderIds continue the cached
    // positions (no padding) and the cross-attention keys are computed on the first call only.
    virtual torch::Tensor decode(const torch::Tensor& decoderIds, const torch::Tensor& decoderMask, const torch::Tensor& encoderStates,
                                 const torch::Tensor& encoderMask, Seq2SeqCache* cache = nullptr) = 0;
    virtual int64_t decoderStartTokenId() const = 0;
};

// transformers' shift_tokens_right: [B, T] labels (-100 = ignored) → decoder inputs [B, T]: the start
// token, then the labels without their last position, -100 replaced by padTokenId.
torch::Tensor shiftTokensRight(const torch::Tensor& labels, int64_t decoderStartTokenId, int64_t padTokenId);

}  // namespace ft::models
