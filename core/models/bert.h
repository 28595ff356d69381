#pragma once
// BERT (transformers' BertModel + BertForSequenceClassification). Submodules carry the checkpoint's
// names ("bert.encoder.layer.0.attention.self.query"), so named_parameters() equals the file's keys.
// Post-LN encoder; the classifier reads the pooler's tanh(dense(h[:, 0])).

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

struct BertEmbeddingsImpl : torch::nn::Module {
    BertEmbeddingsImpl(const io::BertConfig& c, std::optional<int64_t> padTokenId);
    // inputIds: [B, T] → [B, T, H]. Token type ids are all zero: Model::forward carries no segment
    // ids, and single-sentence classification (our only task) uses type 0 throughout.
    torch::Tensor forward(const torch::Tensor& inputIds);

    torch::nn::Embedding word_embeddings{nullptr}, position_embeddings{nullptr}, token_type_embeddings{nullptr};
    torch::nn::LayerNorm LayerNorm{nullptr};
    torch::nn::Dropout dropout{nullptr};
    WordEmbeddingHook wordEmbeddingHook;
};
TORCH_MODULE(BertEmbeddings);

struct BertSelfAttentionImpl : torch::nn::Module {
    explicit BertSelfAttentionImpl(const io::BertConfig& c);
    // x: [B, T, H]; additiveMask: [B, 1, 1, T] → context [B, T, H]
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additiveMask);

    Linear query{nullptr}, key{nullptr}, value{nullptr};
    torch::nn::Dropout dropout{nullptr};
    int64_t numHeads;
};
TORCH_MODULE(BertSelfAttention);

// dense → dropout → LayerNorm(x + residual); BertSelfOutput and BertOutput share this shape.
struct BertResidualOutputImpl : torch::nn::Module {
    BertResidualOutputImpl(const io::BertConfig& c, int64_t inFeatures);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& residual);  // [B, T, in] → [B, T, H]

    Linear dense{nullptr};
    torch::nn::LayerNorm LayerNorm{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(BertResidualOutput);

struct BertAttentionImpl : torch::nn::Module {
    explicit BertAttentionImpl(const io::BertConfig& c);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additiveMask);

    BertSelfAttention self{nullptr};
    BertResidualOutput output{nullptr};
};
TORCH_MODULE(BertAttention);

struct BertIntermediateImpl : torch::nn::Module {
    explicit BertIntermediateImpl(const io::BertConfig& c);
    torch::Tensor forward(const torch::Tensor& x);  // [B, T, H] → [B, T, I]

    Linear dense{nullptr};
    std::string activation;
};
TORCH_MODULE(BertIntermediate);

struct BertLayerImpl : torch::nn::Module {
    explicit BertLayerImpl(const io::BertConfig& c);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additiveMask);

    BertAttention attention{nullptr};
    BertIntermediate intermediate{nullptr};
    BertResidualOutput output{nullptr};
};
TORCH_MODULE(BertLayer);

struct BertEncoderImpl : torch::nn::Module {
    explicit BertEncoderImpl(const io::BertConfig& c);
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& additiveMask);

    torch::nn::ModuleList layer{nullptr};
};
TORCH_MODULE(BertEncoder);

struct BertPoolerImpl : torch::nn::Module {
    explicit BertPoolerImpl(const io::BertConfig& c);
    torch::Tensor forward(const torch::Tensor& hidden);  // [B, T, H] → tanh(dense(h[:, 0])) [B, H]

    Linear dense{nullptr};
};
TORCH_MODULE(BertPooler);

// transformers' BertModel, registered as "bert" inside the head.
struct BertBackboneImpl : torch::nn::Module {
    BertBackboneImpl(const io::BertConfig& c, std::optional<int64_t> padTokenId);
    // inputIds, attentionMask: [B, T] → pooled output [B, H]
    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask);

    BertEmbeddings embeddings{nullptr};
    BertEncoder encoder{nullptr};
    BertPooler pooler{nullptr};
};
TORCH_MODULE(BertBackbone);

class BertModel final : public Model {
public:
    // numLabels > 0 adds `classifier` [numLabels, H] with bias; numLabels == 0 is the bare encoder
    // (pooled output from forward), which the tiny-model generator saves. padTokenId is the word
    // embedding's padding_idx (config pad_token_id). Only SequenceClassification exists for encoders.
    BertModel(const io::BertConfig& config, int64_t numLabels, std::optional<int64_t> padTokenId);

    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) override;
    Head head() const override { return Head::SequenceClassification; }
    void setWordEmbeddingHook(WordEmbeddingHook hook) override { m_bert->embeddings->wordEmbeddingHook = std::move(hook); }
    int64_t numBlocks() const override { return m_config.numHiddenLayers; }
    std::vector<LayerGroup> layerGroups() const override;
    std::vector<std::pair<std::string, torch::Tensor>> checkpointTensors() const override;

    // Random initialisation as transformers' BertPreTrainedModel._init_weights.
    void initWeights();
    static LoadRules loadRules();

private:
    io::BertConfig m_config;
    std::optional<int64_t> m_padTokenId;
    BertBackbone m_bert{nullptr};
    torch::nn::Dropout m_dropout{nullptr};
    Linear m_classifier{nullptr};
};

}  // namespace ft::models
