#pragma once
// GPT-2 (transformers' GPT2Model + heads). Submodules carry the checkpoint's names, so
// named_parameters() equals the file's keys; the four Conv1D weights are stored transposed in the
// file ([in, out]) and as nn::Linear ([out, in]) here — see gpt2LoadRules().

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

#include "core/io/hf_config.h"
#include "core/models/cached_decoder.h"
#include "core/models/linear.h"
#include "core/models/model.h"
#include "core/models/weights.h"

namespace ft::models {

struct Gpt2AttentionImpl : torch::nn::Module {
    Gpt2AttentionImpl(const io::Gpt2Config& c);
    // x: [B, T, C]; additiveMask: [B, 1, T, Tkeys] (0 keep, lowest() drop). With a cache, this
    // layer's keys and values are appended to it and attention covers Tkeys = cached + T positions.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additiveMask, KvCache* cache = nullptr, size_t layer = 0);

    Linear c_attn{nullptr}, c_proj{nullptr};
    torch::nn::Dropout attn_dropout{nullptr}, resid_dropout{nullptr};
    int64_t nHead;
};
TORCH_MODULE(Gpt2Attention);

struct Gpt2MlpImpl : torch::nn::Module {
    Gpt2MlpImpl(const io::Gpt2Config& c);
    torch::Tensor forward(const torch::Tensor& x);  // [B, T, C] → [B, T, C]

    Linear c_fc{nullptr}, c_proj{nullptr};
    torch::nn::Dropout dropout{nullptr};
    std::string activation;
};
TORCH_MODULE(Gpt2Mlp);

struct Gpt2BlockImpl : torch::nn::Module {
    Gpt2BlockImpl(const io::Gpt2Config& c);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additiveMask, KvCache* cache = nullptr, size_t layer = 0);

    torch::nn::LayerNorm ln_1{nullptr}, ln_2{nullptr};
    Gpt2Attention attn{nullptr};
    Gpt2Mlp mlp{nullptr};
};
TORCH_MODULE(Gpt2Block);

// transformers' GPT2Model, registered as "transformer" inside the heads.
struct Gpt2BackboneImpl : torch::nn::Module {
    Gpt2BackboneImpl(const io::Gpt2Config& c);
    // inputIds, attentionMask: [B, T] → hidden states [B, T, C]. With a cache the ids continue its
    // positions (no padding; attentionMask is ignored) and every layer appends to it.
    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask, KvCache* cache = nullptr);

    torch::nn::Embedding wte{nullptr}, wpe{nullptr};
    torch::nn::Dropout drop{nullptr};
    torch::nn::ModuleList h{nullptr};
    torch::nn::LayerNorm ln_f{nullptr};
    WordEmbeddingHook wordEmbeddingHook;
};
TORCH_MODULE(Gpt2Backbone);

class Gpt2Model final : public Model, public CachedDecoder {
public:
    // numLabels > 0 and head == SequenceClassification adds `score` [numLabels, C] (no bias);
    // padTokenId selects the pooled position (rightmost non-pad token, as transformers does).
    Gpt2Model(const io::Gpt2Config& config, Head head, int64_t numLabels, int64_t padTokenId);

    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) override;
    bool supportsKvCache() const override { return m_head == Head::CausalLM; }
    torch::Tensor forwardCached(const torch::Tensor& newIds, KvCache& cache) override;
    Head head() const override { return m_head; }
    void setWordEmbeddingHook(WordEmbeddingHook hook) override { m_transformer->wordEmbeddingHook = std::move(hook); }
    bool hasLanguageModelHead() const override { return true; }   // lm_head is always wte
    torch::Tensor languageModelLogits(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) override;
    int64_t numBlocks() const override { return m_config.nLayer; }
    std::vector<LayerGroup> layerGroups() const override;
    std::vector<std::pair<std::string, torch::Tensor>> checkpointTensors() const override;

    // Random initialisation exactly as transformers' GPT2PreTrainedModel._init_weights.
    void initWeights();
    static LoadRules loadRules(Head head);

private:
    io::Gpt2Config m_config;
    Head m_head;
    int64_t m_padTokenId;
    Gpt2Backbone m_transformer{nullptr};
    Linear m_score{nullptr};
};

}  // namespace ft::models
