#include "core/models/distilbert.h"

#include <cmath>

#include <torch/torch.h>

#include "core/models/activations.h"
#include "core/models/attention_mask.h"
#include "core/models/init_weights.h"

namespace ft::models {

namespace {
// DistilBERT hard-codes eps 1e-12 rather than reading it from the config.
torch::nn::LayerNorm distilLayerNorm(int64_t dim) { return torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-12)); }
}  // namespace

DistilBertEmbeddingsImpl::DistilBertEmbeddingsImpl(const io::DistilBertConfig& c, std::optional<int64_t> padTokenId) {
    auto words = torch::nn::EmbeddingOptions(c.vocabSize, c.dim);
    if (padTokenId && *padTokenId >= 0 && *padTokenId < c.vocabSize) words.padding_idx(*padTokenId);
    word_embeddings = register_module("word_embeddings", torch::nn::Embedding(words));
    position_embeddings = register_module("position_embeddings", torch::nn::Embedding(c.maxPositionEmbeddings, c.dim));
    LayerNorm = register_module("LayerNorm", distilLayerNorm(c.dim));
    dropout = register_module("dropout", torch::nn::Dropout(c.dropout));
}

torch::Tensor DistilBertEmbeddingsImpl::forward(const torch::Tensor& inputIds) {
    torch::Tensor positions = torch::arange(inputIds.size(1), inputIds.options().dtype(torch::kLong)).unsqueeze(0);  // [1, T]
    return dropout(LayerNorm(withHook(wordEmbeddingHook, word_embeddings(inputIds)) + position_embeddings(positions)));  // [B, T, dim]
}

DistilBertAttentionImpl::DistilBertAttentionImpl(const io::DistilBertConfig& c) : numHeads(c.nHeads) {
    q_lin = register_module("q_lin", Linear(c.dim, c.dim));
    k_lin = register_module("k_lin", Linear(c.dim, c.dim));
    v_lin = register_module("v_lin", Linear(c.dim, c.dim));
    out_lin = register_module("out_lin", Linear(c.dim, c.dim));
    dropout = register_module("dropout", torch::nn::Dropout(c.attentionDropout));
}

torch::Tensor DistilBertAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& additiveMask) {
    const int64_t B = x.size(0), T = x.size(1), C = x.size(2), D = C / numHeads;
    auto heads = [&](const torch::Tensor& t) { return t.view({B, T, numHeads, D}).transpose(1, 2); };  // [B, nH, T, D]
    torch::Tensor q = heads(q_lin(x)) / std::sqrt(double(D)), k = heads(k_lin(x)), v = heads(v_lin(x));
    torch::Tensor scores = addMask(torch::matmul(q, k.transpose(-1, -2)), additiveMask);  // [B, nH, T, T]
    torch::Tensor probs = dropout(torch::softmax(scores, -1));
    return out_lin(torch::matmul(probs, v).transpose(1, 2).contiguous().view({B, T, C}));
}

DistilBertFfnImpl::DistilBertFfnImpl(const io::DistilBertConfig& c) : activation(c.activation) {
    lin1 = register_module("lin1", Linear(c.dim, c.hiddenDim));
    lin2 = register_module("lin2", Linear(c.hiddenDim, c.dim));
    dropout = register_module("dropout", torch::nn::Dropout(c.dropout));
}

torch::Tensor DistilBertFfnImpl::forward(const torch::Tensor& x) {
    return dropout(lin2(applyActivation(activation, lin1(x))));  // [B, T, hidden_dim] inside
}

DistilBertBlockImpl::DistilBertBlockImpl(const io::DistilBertConfig& c) {
    attention = register_module("attention", DistilBertAttention(c));
    sa_layer_norm = register_module("sa_layer_norm", distilLayerNorm(c.dim));
    ffn = register_module("ffn", DistilBertFfn(c));
    output_layer_norm = register_module("output_layer_norm", distilLayerNorm(c.dim));
}

torch::Tensor DistilBertBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& additiveMask) {
    torch::Tensor sa = sa_layer_norm(attention(x, additiveMask) + x);  // post-LN
    return output_layer_norm(ffn(sa) + sa);
}

DistilBertTransformerImpl::DistilBertTransformerImpl(const io::DistilBertConfig& c) {
    layer = register_module("layer", torch::nn::ModuleList());
    for (int64_t i = 0; i < c.nLayers; ++i) layer->push_back(DistilBertBlock(c));
}

torch::Tensor DistilBertTransformerImpl::forward(torch::Tensor x, const torch::Tensor& additiveMask) {
    for (const auto& l : *layer) x = l->as<DistilBertBlock>()->forward(x, additiveMask);
    return x;
}

DistilBertBackboneImpl::DistilBertBackboneImpl(const io::DistilBertConfig& c, std::optional<int64_t> padTokenId) {
    embeddings = register_module("embeddings", DistilBertEmbeddings(c, padTokenId));
    transformer = register_module("transformer", DistilBertTransformer(c));
}

torch::Tensor DistilBertBackboneImpl::forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
    torch::Tensor x = embeddings(inputIds);
    return transformer(x, paddingAdditiveMask(attentionMask, x.scalar_type()));  // [B, T, dim]
}

DistilBertModel::DistilBertModel(const io::DistilBertConfig& config, int64_t numLabels, std::optional<int64_t> padTokenId)
    : m_config(config) {
    m_distilbert = register_module("distilbert", DistilBertBackbone(config, padTokenId));
    if (numLabels > 0) {
        m_preClassifier = register_module("pre_classifier", Linear(config.dim, config.dim));
        m_classifier = register_module("classifier", Linear(config.dim, numLabels));
    }
    m_dropout = register_module("dropout", torch::nn::Dropout(config.seqClassifDropout));
}

torch::Tensor DistilBertModel::forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
    torch::Tensor first = m_distilbert(inputIds, attentionMask).select(1, 0);  // [B, dim]
    if (!m_classifier) return first;
    return m_classifier(m_dropout(torch::relu(m_preClassifier(first))));  // [B, numLabels]
}

std::vector<LayerGroup> DistilBertModel::layerGroups() const {
    return groupByBlockPrefix(*this, "distilbert.transformer.layer.", m_config.nLayers, {"distilbert.embeddings."});
}

LoadRules DistilBertModel::loadRules() {
    LoadRules rules;
    rules.basePrefix = "distilbert.";
    rules.ignoredSuffixes = {"embeddings.position_ids"};  // old persistent buffer
    rules.ignoredPrefixes = {"vocab_transform.", "vocab_layer_norm.", "vocab_projector."};  // MLM head
    rules.newParameterPrefixes = {"pre_classifier.", "classifier."};
    return rules;
}

std::vector<std::pair<std::string, torch::Tensor>> DistilBertModel::checkpointTensors() const {
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& item : named_parameters(true)) out.emplace_back(item.key(), item.value().detach().contiguous());
    return out;
}

void DistilBertModel::initWeights() {
    initStandardLayers(*this, m_config.initializerRange);
    if (!m_config.sinusoidalPosEmbds) return;
    // create_sinusoidal_embeddings: sin on even columns, cos on odd, angle pos / 10000^(2(j/2)/dim).
    torch::NoGradGuard noGrad;
    const int64_t P = m_config.maxPositionEmbeddings, dim = m_config.dim;
    auto pos = torch::arange(P, torch::kDouble).unsqueeze(1);                                  // [P, 1]
    auto j = torch::arange(dim, torch::kDouble).unsqueeze(0);                                   // [1, dim]
    auto angle = pos / torch::pow(10000.0, 2.0 * torch::floor(j / 2.0) / double(dim));          // [P, dim]
    auto& w = m_distilbert->embeddings->position_embeddings->weight;
    w.slice(1, 0, dim, 2).copy_(torch::sin(angle.slice(1, 0, dim, 2)));
    w.slice(1, 1, dim, 2).copy_(torch::cos(angle.slice(1, 1, dim, 2)));
}

}  // namespace ft::models
