#pragma once
// DistilBERT (transformers' DistilBertModel + DistilBertForSequenceClassification). Submodules carry
// the checkpoint's names ("distilbert.transformer.layer.0.attention.q_lin"). No token types, no
// pooler: the head reads h[:, 0] → pre_classifier → ReLU → dropout → classifier.

#include <optional>

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

#include "core/io/hf_config.h"
#include "core/models/linear.h"
#include "core/models/model.h"
#include "core/models/weights.h"

namespace ft::models {

struct DistilBertEmbeddingsImpl : torch::nn::Module {
    DistilBertEmbeddingsImpl(const io::DistilBertConfig& c, std::optional<int64_t> padTokenId);
    torch::Tensor forward(const torch::Tensor& inputIds);  // [B, T] → [B, T, dim]

    torch::nn::Embedding word_embeddings{nullptr}, position_embeddings{nullptr};
    torch::nn::LayerNorm LayerNorm{nullptr};
    torch::nn::Dropout dropout{nullptr};
    WordEmbeddingHook wordEmbeddingHook;
};
TORCH_MODULE(DistilBertEmbeddings);

struct DistilBertAttentionImpl : torch::nn::Module {
    explicit DistilBertAttentionImpl(const io::DistilBertConfig& c);
    // x: [B, T, dim]; additiveMask: [B, 1, 1, T] → [B, T, dim]
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additiveMask);

    Linear q_lin{nullptr}, k_lin{nullptr}, v_lin{nullptr}, out_lin{nullptr};
    torch::nn::Dropout dropout{nullptr};
    int64_t numHeads;
};
TORCH_MODULE(DistilBertAttention);

struct DistilBertFfnImpl : torch::nn::Module {
    explicit DistilBertFfnImpl(const io::DistilBertConfig& c);
    torch::Tensor forward(const torch::Tensor& x);  // [B, T, dim] → [B, T, dim]

    Linear lin1{nullptr}, lin2{nullptr};
    torch::nn::Dropout dropout{nullptr};
    std::string activation;
};
TORCH_MODULE(DistilBertFfn);

struct DistilBertBlockImpl : torch::nn::Module {  // transformers' TransformerBlock
    explicit DistilBertBlockImpl(const io::DistilBertConfig& c);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additiveMask);

    DistilBertAttention attention{nullptr};
    torch::nn::LayerNorm sa_layer_norm{nullptr};
    DistilBertFfn ffn{nullptr};
    torch::nn::LayerNorm output_layer_norm{nullptr};
};
TORCH_MODULE(DistilBertBlock);

struct DistilBertTransformerImpl : torch::nn::Module {
    explicit DistilBertTransformerImpl(const io::DistilBertConfig& c);
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& additiveMask);

    torch::nn::ModuleList layer{nullptr};
};
TORCH_MODULE(DistilBertTransformer);

// transformers' DistilBertModel, registered as "distilbert" inside the head.
struct DistilBertBackboneImpl : torch::nn::Module {
    DistilBertBackboneImpl(const io::DistilBertConfig& c, std::optional<int64_t> padTokenId);
    // inputIds, attentionMask: [B, T] → hidden states [B, T, dim]
    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask);

    DistilBertEmbeddings embeddings{nullptr};
    DistilBertTransformer transformer{nullptr};
};
TORCH_MODULE(DistilBertBackbone);

class DistilBertModel final : public Model {
public:
    // numLabels > 0 adds pre_classifier [dim, dim] and classifier [numLabels, dim]; numLabels == 0
    // is the bare encoder (forward returns h[:, 0]), which the tiny-model generator saves.
    DistilBertModel(const io::DistilBertConfig& config, int64_t numLabels, std::optional<int64_t> padTokenId);

    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) override;
    Head head() const override { return Head::SequenceClassification; }
    void setWordEmbeddingHook(WordEmbeddingHook hook) override {
        m_distilbert->embeddings->wordEmbeddingHook = std::move(hook);
    }
    int64_t numBlocks() const override { return m_config.nLayers; }
    std::vector<LayerGroup> layerGroups() const override;
    std::vector<std::pair<std::string, torch::Tensor>> checkpointTensors() const override;

    // As transformers' DistilBertPreTrainedModel._init_weights (sinusoidal positions when configured).
    void initWeights();
    static LoadRules loadRules();

private:
    io::DistilBertConfig m_config;
    DistilBertBackbone m_distilbert{nullptr};
    Linear m_preClassifier{nullptr}, m_classifier{nullptr};
    torch::nn::Dropout m_dropout{nullptr};
};

}  // namespace ft::models
