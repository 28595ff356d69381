#pragma once
// The Llama family (Llama, Mistral, Qwen2, SmolLM, TinyLlama): transformers' LlamaModel + heads.
// Submodules carry the checkpoint's names ("model.layers.0.self_attn.q_proj"); pre-RMSNorm blocks,
// rotate_half RoPE, SwiGLU MLP, grouped-query attention. Qwen2 differs only in q/k/v biases.

#include <optional>

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>

#include "core/io/hf_config.h"
#include "core/models/cached_decoder.h"
#include "core/models/linear.h"
#include "core/models/model.h"
#include "core/models/rope.h"
#include "core/models/weights.h"

namespace ft::models {

struct LlamaRmsNormImpl : torch::nn::Module {
    LlamaRmsNormImpl(int64_t size, double eps);
    // w · x / sqrt(mean(x²) + eps), the statistics in float32, cast back before the weight.
    torch::Tensor forward(const torch::Tensor& x);

    torch::Tensor weight;
    double eps;
};
TORCH_MODULE(LlamaRmsNorm);

struct LlamaAttentionImpl : torch::nn::Module {
    LlamaAttentionImpl(const io::LlamaConfig& c, std::optional<int64_t> slidingWindow);
    // x: [B, T, H]; cos, sin: [T, D] for these T positions; keep: [B, 1, T, Tkeys] bool (causal ∧ not
    // padding) → [B, T, H]. With a cache, this layer's keys and values are appended to it and
    // attention covers Tkeys = cached + T positions.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin, const torch::Tensor& keep,
                          KvCache* cache = nullptr, size_t layer = 0);

    Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};
    torch::nn::Dropout attn_dropout{nullptr};
    int64_t numHeads, numKvHeads, headDim;
    std::optional<int64_t> slidingWindow;  // Mistral semantics: key j visible from query i iff i - j < window
};
TORCH_MODULE(LlamaAttention);

struct LlamaMlpImpl : torch::nn::Module {
    explicit LlamaMlpImpl(const io::LlamaConfig& c);
    torch::Tensor forward(const torch::Tensor& x);  // down(act(gate(x)) ⊙ up(x)): [B, T, H] → [B, T, H]

    Linear gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
    std::string activation;
};
TORCH_MODULE(LlamaMlp);

struct LlamaDecoderLayerImpl : torch::nn::Module {
    LlamaDecoderLayerImpl(const io::LlamaConfig& c, std::optional<int64_t> slidingWindow);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin, const torch::Tensor& keep,
                          KvCache* cache = nullptr, size_t layer = 0);

    LlamaAttention self_attn{nullptr};
    LlamaMlp mlp{nullptr};
    LlamaRmsNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
};
TORCH_MODULE(LlamaDecoderLayer);

// transformers' LlamaModel, registered as "model" inside the heads.
struct LlamaBackboneImpl : torch::nn::Module {
    LlamaBackboneImpl(const io::LlamaConfig& c, const RopeSettings& rope, std::optional<int64_t> padTokenId);
    // inputIds, attentionMask: [B, T] → hidden states [B, T, H]. Positions are 0..T-1 whatever the
    // padding, as LlamaModel does when position_ids is not given. With a cache the ids continue its
    // positions (no padding; attentionMask is ignored) and every layer appends to it.
    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask, KvCache* cache = nullptr);

    torch::nn::Embedding embed_tokens{nullptr};
    torch::nn::ModuleList layers{nullptr};
    LlamaRmsNorm norm{nullptr};
    RopeSettings rope;
    int64_t headDim;
    WordEmbeddingHook wordEmbeddingHook;
};
TORCH_MODULE(LlamaBackbone);

class LlamaModel final : public Model, public CachedDecoder {
public:
    // CausalLM adds `lm_head` [V, H] unless tie_word_embeddings (then logits use embed_tokens);
    // SequenceClassification adds `score` [numLabels, H] without bias, pooled at the rightmost
    // non-pad token. configPadTokenId is the embedding's padding_idx (config pad_token_id, may be
    // null); poolPadTokenId selects the pooled position. Use createModel, which validates the rope type.
    LlamaModel(const io::LlamaConfig& config, const RopeSettings& rope, Head head, int64_t numLabels,
               std::optional<int64_t> configPadTokenId, int64_t poolPadTokenId);

    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) override;
    bool supportsKvCache() const override { return m_head == Head::CausalLM; }
    torch::Tensor forwardCached(const torch::Tensor& newIds, KvCache& cache) override;
    Head head() const override { return m_head; }
    void setWordEmbeddingHook(WordEmbeddingHook hook) override { m_model->wordEmbeddingHook = std::move(hook); }
    // A classifier has the LM head only when it is the tied embedding matrix.
    bool hasLanguageModelHead() const override { return m_head == Head::CausalLM || m_config.tieWordEmbeddings; }
    torch::Tensor languageModelLogits(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) override;
    int64_t numBlocks() const override { return m_config.numHiddenLayers; }
    std::vector<LayerGroup> layerGroups() const override;
    std::vector<std::pair<std::string, torch::Tensor>> checkpointTensors() const override;

    // As transformers' LlamaPreTrainedModel._init_weights: Linear/Embedding N(0, initializer_range),
    // biases 0, padding row 0, RMSNorm weights 1.
    void initWeights();
    static LoadRules loadRules(Head head, bool tiedEmbeddings);

private:
    io::LlamaConfig m_config;
    Head m_head;
    int64_t m_poolPadTokenId;
    LlamaBackbone m_model{nullptr};
    Linear m_lmHead{nullptr}, m_score{nullptr};
};

}  // namespace ft::models
