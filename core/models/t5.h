#pragma once
// T5 (T5, T5 v1.1, FLAN-T5): transformers' T5ForConditionalGeneration. Submodules carry the
// checkpoint's names ("encoder.block.0.layer.0.SelfAttention.q"); pre-RMSNorm blocks without
// biases, unscaled attention with a learned relative-position bias (block 0 of each stack, shared by
// the others), ReLU or gated feed-forward, one embedding matrix shared by both stacks and, when
// tie_word_embeddings, by the LM head (the decoder output then scaled by d_model^-1/2).

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>

#include "core/io/hf_config.h"
#include "core/models/linear.h"
#include "core/models/llama.h"
#include "core/models/model.h"
#include "core/models/seq2seq.h"
#include "core/models/weights.h"

namespace ft::models {

// T5LayerNorm is an RMS norm without bias, statistics in float32: LlamaRmsNorm's formula.
using T5LayerNorm = LlamaRmsNorm;

// transformers' T5Attention._relative_position_bucket: relative positions (key − query) → buckets.
// bidirectional (encoder): half the buckets for keys after the query; else only keys before count.
torch::Tensor relativePositionBucket(const torch::Tensor& relativePosition, bool bidirectional, int64_t numBuckets, int64_t maxDistance);

struct T5AttentionImpl : torch::nn::Module {
    T5AttentionImpl(const io::T5Config& c, bool hasRelativeBias, bool bidirectional);
    // x: [B, Tq, d_model]; keyValueStates: [B, Tk, d_model] (cross-attention) or undefined (self);
    // bias: [B or 1, heads, Tq, Tk] (position bias + additive mask) → [B, Tq, d_model]. With `cache`,
    // self-attention appends to cache->self and cross-attention reads (or fills) its keys.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& keyValueStates, const torch::Tensor& bias,
                          Seq2SeqCache* cache = nullptr, size_t layer = 0);
    // [1, heads, queryLength, keyLength] for queries at queryStart.. and keys at 0..keyLength-1.
    torch::Tensor positionBias(int64_t queryStart, int64_t queryLength, int64_t keyLength, const torch::Device& device);

    Linear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};
    torch::nn::Embedding relative_attention_bias{nullptr};  // [buckets, heads], block 0 only
    torch::nn::Dropout dropout{nullptr};
    int64_t numHeads, dKv, numBuckets, maxDistance;
    bool bidirectional;
};
TORCH_MODULE(T5Attention);

// T5DenseActDense (wi, wo) or T5DenseGatedActDense (wi_0, wi_1, wo).
struct T5FeedForwardImpl : torch::nn::Module {
    explicit T5FeedForwardImpl(const io::T5Config& c);
    torch::Tensor forward(const torch::Tensor& x);  // [B, T, d_model] → [B, T, d_model]

    Linear wi{nullptr}, wi_0{nullptr}, wi_1{nullptr}, wo{nullptr};
    torch::nn::Dropout dropout{nullptr};
    std::string activation;
};
TORCH_MODULE(T5FeedForward);

// One sublayer: x + dropout(f(layer_norm(x))), where f is "SelfAttention", "EncDecAttention" or
// "DenseReluDense" (registered under that name beside "layer_norm").
struct T5SublayerImpl : torch::nn::Module {
    T5SublayerImpl(const io::T5Config& c, const std::string& kind, bool hasRelativeBias, bool bidirectional);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& keyValueStates = {}, const torch::Tensor& bias = {},
                          Seq2SeqCache* cache = nullptr, size_t layer = 0);

    T5Attention attention{nullptr};
    T5FeedForward feedForward{nullptr};
    T5LayerNorm layer_norm{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(T5Sublayer);

// T5Block: "layer.0" self-attention, ["layer.1" cross-attention,] then the feed-forward sublayer.
struct T5BlockImpl : torch::nn::Module {
    T5BlockImpl(const io::T5Config& c, bool decoder, bool hasRelativeBias);
    T5Sublayer sublayer(size_t i) const { return T5Sublayer(std::dynamic_pointer_cast<T5SublayerImpl>(layer->ptr(i))); }

    torch::nn::ModuleList layer{nullptr};
};
TORCH_MODULE(T5Block);

// T5Stack: "block.N.layer.{0,1[,2]}" and "final_layer_norm"; the token embedding is the model's shared one.
struct T5StackImpl : torch::nn::Module {
    T5StackImpl(const io::T5Config& c, bool decoder);
    // Encoder: ids, mask [B, S] → [B, S, d_model]. Decoder: ids, mask [B, T] (mask may be undefined)
    // plus the encoder's states and mask → [B, T, d_model].
    torch::Tensor forward(const torch::Tensor& embedded, const torch::Tensor& mask, const torch::Tensor& encoderStates = {},
                          const torch::Tensor& encoderMask = {}, Seq2SeqCache* cache = nullptr);

    torch::nn::ModuleList block{nullptr};
    T5LayerNorm final_layer_norm{nullptr};
    torch::nn::Dropout dropout{nullptr};
    bool isDecoder;
};
TORCH_MODULE(T5Stack);

class T5Model final : public Model, public Seq2SeqModel {
public:
    explicit T5Model(const io::T5Config& config);

    // No decoder inputs here: a seq2seq model is driven through encode / decode. Throws.
    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) override;
    Head head() const override { return Head::Seq2SeqLM; }
    bool hasLanguageModelHead() const override { return false; }
    void setWordEmbeddingHook(WordEmbeddingHook hook) override { m_hook = std::move(hook); }
    // Encoder blocks, then decoder blocks, bottom-up.
    int64_t numBlocks() const override { return m_config.numLayers + m_config.decoderLayers(); }
    std::vector<LayerGroup> layerGroups() const override;
    std::vector<std::pair<std::string, torch::Tensor>> checkpointTensors() const override;

    torch::Tensor encode(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) override;
    torch::Tensor decode(const torch::Tensor& decoderIds, const torch::Tensor& decoderMask, const torch::Tensor& encoderStates,
                         const torch::Tensor& encoderMask, Seq2SeqCache* cache = nullptr) override;
    int64_t decoderStartTokenId() const override { return m_config.decoderStartTokenId; }

    // As transformers' T5PreTrainedModel._init_weights with initializer_factor f: shared and lm_head
    // N(0, f); q N(0, f·(d_model·d_kv)^-1/2), k and v N(0, f·d_model^-1/2), o N(0, f·(heads·d_kv)^-1/2);
    // relative bias N(0, f·d_model^-1/2); wi N(0, f·d_model^-1/2), wo N(0, f·d_ff^-1/2); norms f.
    void initWeights();
    static LoadRules loadRules(bool tiedEmbeddings);

private:
    io::T5Config m_config;
    torch::nn::Embedding m_shared{nullptr};
    T5Stack m_encoder{nullptr}, m_decoder{nullptr};
    Linear m_lmHead{nullptr};
    WordEmbeddingHook m_hook;
};

}  // namespace ft::models
