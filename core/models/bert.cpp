#include "core/models/bert.h"

#include <cmath>

#include <torch/torch.h>

#include "core/models/activations.h"
#include "core/models/attention_mask.h"
#include "core/models/init_weights.h"

namespace ft::models {

namespace {
torch::nn::LayerNorm bertLayerNorm(const io::BertConfig& c) {
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hiddenSize}).eps(c.layerNormEps));
}
}  // namespace

BertEmbeddingsImpl::BertEmbeddingsImpl(const io::BertConfig& c, std::optional<int64_t> padTokenId) {
    auto words = torch::nn::EmbeddingOptions(c.vocabSize, c.hiddenSize);
    if (padTokenId && *padTokenId >= 0 && *padTokenId < c.vocabSize) words.padding_idx(*padTokenId);
    word_embeddings = register_module("word_embeddings", torch::nn::Embedding(words));
    position_embeddings = register_module("position_embeddings", torch::nn::Embedding(c.maxPositionEmbeddings, c.hiddenSize));
    token_type_embeddings = register_module("token_type_embeddings", torch::nn::Embedding(c.typeVocabSize, c.hiddenSize));
    LayerNorm = register_module("LayerNorm", bertLayerNorm(c));
    dropout = register_module("dropout", torch::nn::Dropout(c.hiddenDropoutProb));
}

torch::Tensor BertEmbeddingsImpl::forward(const torch::Tensor& inputIds) {
    const int64_t T = inputIds.size(1);
    torch::Tensor positions = torch::arange(T, inputIds.options().dtype(torch::kLong)).unsqueeze(0);  // [1, T]
    torch::Tensor types = torch::zeros_like(positions);                                                // [1, T]
    torch::Tensor x = withHook(wordEmbeddingHook, word_embeddings(inputIds)) + token_type_embeddings(types) +
                      position_embeddings(positions);
    return dropout(LayerNorm(x));  // [B, T, H]
}

BertSelfAttentionImpl::BertSelfAttentionImpl(const io::BertConfig& c) : numHeads(c.numAttentionHeads) {
    query = register_module("query", Linear(c.hiddenSize, c.hiddenSize));
    key = register_module("key", Linear(c.hiddenSize, c.hiddenSize));
    value = register_module("value", Linear(c.hiddenSize, c.hiddenSize));
    dropout = register_module("dropout", torch::nn::Dropout(c.attentionProbsDropoutProb));
}

torch::Tensor BertSelfAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& additiveMask) {
    const int64_t B = x.size(0), T = x.size(1), H = x.size(2), D = H / numHeads;
    auto heads = [&](const torch::Tensor& t) { return t.view({B, T, numHeads, D}).transpose(1, 2); };  // [B, nH, T, D]
    torch::Tensor q = heads(query(x)), k = heads(key(x)), v = heads(value(x));
    torch::Tensor scores = addMask(torch::matmul(q, k.transpose(-1, -2)).div_(std::sqrt(double(D))), additiveMask);  // [B, nH, T, T]
    torch::Tensor probs = dropout(torch::softmax(scores, -1));
    return torch::matmul(probs, v).transpose(1, 2).contiguous().view({B, T, H});  // [B, T, H]
}

BertResidualOutputImpl::BertResidualOutputImpl(const io::BertConfig& c, int64_t inFeatures) {
    dense = register_module("dense", Linear(inFeatures, c.hiddenSize));
    LayerNorm = register_module("LayerNorm", bertLayerNorm(c));
    dropout = register_module("dropout", torch::nn::Dropout(c.hiddenDropoutProb));
}

torch::Tensor BertResidualOutputImpl::forward(const torch::Tensor& x, const torch::Tensor& residual) {
    return LayerNorm(dropout(dense(x)) + residual);  // post-LN
}

BertAttentionImpl::BertAttentionImpl(const io::BertConfig& c) {
    self = register_module("self", BertSelfAttention(c));
    output = register_module("output", BertResidualOutput(c, c.hiddenSize));
}

torch::Tensor BertAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& additiveMask) {
    return output(self(x, additiveMask), x);
}

BertIntermediateImpl::BertIntermediateImpl(const io::BertConfig& c) : activation(c.hiddenAct) {
    dense = register_module("dense", Linear(c.hiddenSize, c.intermediateSize));
}

torch::Tensor BertIntermediateImpl::forward(const torch::Tensor& x) { return applyActivation(activation, dense(x)); }

BertLayerImpl::BertLayerImpl(const io::BertConfig& c) {
    attention = register_module("attention", BertAttention(c));
    intermediate = register_module("intermediate", BertIntermediate(c));
    output = register_module("output", BertResidualOutput(c, c.intermediateSize));
}

torch::Tensor BertLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& additiveMask) {
    torch::Tensor a = attention(x, additiveMask);  // [B, T, H]
    return output(intermediate(a), a);
}

BertEncoderImpl::BertEncoderImpl(const io::BertConfig& c) {
    layer = register_module("layer", torch::nn::ModuleList());
    for (int64_t i = 0; i < c.numHiddenLayers; ++i) layer->push_back(BertLayer(c));
}

torch::Tensor BertEncoderImpl::forward(torch::Tensor x, const torch::Tensor& additiveMask) {
    for (const auto& l : *layer) x = l->as<BertLayer>()->forward(x, additiveMask);
    return x;
}

BertPoolerImpl::BertPoolerImpl(const io::BertConfig& c) {
    dense = register_module("dense", Linear(c.hiddenSize, c.hiddenSize));
}

torch::Tensor BertPoolerImpl::forward(const torch::Tensor& hidden) {
    return torch::tanh(dense(hidden.select(1, 0)));  // the [CLS] position
}

BertBackboneImpl::BertBackboneImpl(const io::BertConfig& c, std::optional<int64_t> padTokenId) {
    embeddings = register_module("embeddings", BertEmbeddings(c, padTokenId));
    encoder = register_module("encoder", BertEncoder(c));
    pooler = register_module("pooler", BertPooler(c));
}

torch::Tensor BertBackboneImpl::forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
    torch::Tensor x = embeddings(inputIds);                                   // [B, T, H]
    torch::Tensor mask = paddingAdditiveMask(attentionMask, x.scalar_type());  // [B, 1, 1, T]
    return pooler(encoder(x, mask));                                         // [B, H]
}

BertModel::BertModel(const io::BertConfig& config, int64_t numLabels, std::optional<int64_t> padTokenId)
    : m_config(config), m_padTokenId(padTokenId) {
    m_bert = register_module("bert", BertBackbone(config, padTokenId));
    m_dropout = register_module("dropout", torch::nn::Dropout(config.classifierDropout.value_or(config.hiddenDropoutProb)));
    if (numLabels > 0) m_classifier = register_module("classifier", Linear(config.hiddenSize, numLabels));
}

torch::Tensor BertModel::forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
    torch::Tensor pooled = m_bert(inputIds, attentionMask);  // [B, H]
    if (!m_classifier) return pooled;
    return m_classifier(m_dropout(pooled));  // [B, numLabels]
}

std::vector<LayerGroup> BertModel::layerGroups() const {
    return groupByBlockPrefix(*this, "bert.encoder.layer.", m_config.numHiddenLayers, {"bert.embeddings."});
}

LoadRules BertModel::loadRules() {
    LoadRules rules;
    rules.basePrefix = "bert.";
    // Old files carry the position_ids / token_type_ids buffers; pretraining heads are unused here.
    rules.ignoredSuffixes = {"embeddings.position_ids", "embeddings.token_type_ids"};
    rules.ignoredPrefixes = {"cls."};
    rules.newParameterPrefixes = {"classifier."};
    return rules;
}

std::vector<std::pair<std::string, torch::Tensor>> BertModel::checkpointTensors() const {
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& item : named_parameters(true)) out.emplace_back(item.key(), item.value().detach().contiguous());
    return out;
}

void BertModel::initWeights() { initStandardLayers(*this, m_config.initializerRange); }

}  // namespace ft::models
