#include "core/models/gpt2.h"

#include <cmath>
#include <limits>

#include <torch/torch.h>

#include "core/common/strings.h"
#include "core/models/activations.h"
#include "core/models/attention_mask.h"

namespace ft::models {

namespace F = torch::nn::functional;

Gpt2AttentionImpl::Gpt2AttentionImpl(const io::Gpt2Config& c) : nHead(c.nHead) {
    c_attn = register_module("c_attn", Linear(c.nEmbd, 3 * c.nEmbd));
    c_proj = register_module("c_proj", Linear(c.nEmbd, c.nEmbd));
    attn_dropout = register_module("attn_dropout", torch::nn::Dropout(c.attnPdrop));
    resid_dropout = register_module("resid_dropout", torch::nn::Dropout(c.residPdrop));
}

torch::Tensor Gpt2AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& additiveMask, KvCache* cache,
                                         size_t layer) {
    const int64_t B = x.size(0), T = x.size(1), C = x.size(2), D = C / nHead;
    auto qkv = c_attn(x).split(C, /*dim=*/2);                   // 3 × [B, T, C]
    auto heads = [&](const torch::Tensor& t) { return t.view({B, T, nHead, D}).transpose(1, 2); };
    torch::Tensor q = heads(qkv[0]), k = heads(qkv[1]), v = heads(qkv[2]);  // [B, H, T, D]
    if (cache) std::tie(k, v) = cache->append(layer, k, v);                // [B, H, Tkeys, D]
    torch::Tensor scores = torch::matmul(q, k.transpose(-1, -2)).div_(std::sqrt(double(D)));  // [B, H, T, Tkeys]
    scores = addMask(scores, additiveMask);
    torch::Tensor probs = attn_dropout(torch::softmax(scores, -1));
    torch::Tensor y = torch::matmul(probs, v).transpose(1, 2).contiguous().view({B, T, C});  // [B, T, C]
    return resid_dropout(c_proj(y));
}

Gpt2MlpImpl::Gpt2MlpImpl(const io::Gpt2Config& c) : activation(c.activationFunction) {
    const int64_t inner = c.nInner.value_or(4 * c.nEmbd);
    c_fc = register_module("c_fc", Linear(c.nEmbd, inner));
    c_proj = register_module("c_proj", Linear(inner, c.nEmbd));
    dropout = register_module("dropout", torch::nn::Dropout(c.residPdrop));
}

torch::Tensor Gpt2MlpImpl::forward(const torch::Tensor& x) {
    return dropout(c_proj(applyActivation(activation, c_fc(x))));  // [B, T, I] inside
}

Gpt2BlockImpl::Gpt2BlockImpl(const io::Gpt2Config& c) {
    ln_1 = register_module("ln_1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.nEmbd}).eps(c.layerNormEpsilon)));
    attn = register_module("attn", Gpt2Attention(c));
    ln_2 = register_module("ln_2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.nEmbd}).eps(c.layerNormEpsilon)));
    mlp = register_module("mlp", Gpt2Mlp(c));
}

torch::Tensor Gpt2BlockImpl::forward(const torch::Tensor& x, const torch::Tensor& additiveMask, KvCache* cache, size_t layer) {
    torch::Tensor h = x + attn->forward(ln_1(x), additiveMask, cache, layer);  // pre-LN
    return h + mlp(ln_2(h));
}

Gpt2BackboneImpl::Gpt2BackboneImpl(const io::Gpt2Config& c) {
    wte = register_module("wte", torch::nn::Embedding(c.vocabSize, c.nEmbd));
    wpe = register_module("wpe", torch::nn::Embedding(c.nPositions, c.nEmbd));
    drop = register_module("drop", torch::nn::Dropout(c.embdPdrop));
    h = register_module("h", torch::nn::ModuleList());
    for (int64_t i = 0; i < c.nLayer; ++i) h->push_back(Gpt2Block(c));
    ln_f = register_module("ln_f", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.nEmbd}).eps(c.layerNormEpsilon)));
}

torch::Tensor Gpt2BackboneImpl::forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask, KvCache* cache) {
    const int64_t T = inputIds.size(1), past = cache ? cache->length() : 0;
    // Positions past..past+T-1 whatever the padding, as GPT2Model does when position_ids is not given.
    torch::Tensor positions = torch::arange(past, past + T, inputIds.options().dtype(torch::kLong)).unsqueeze(0);  // [1, T]
    torch::Tensor x = drop(withHook(wordEmbeddingHook, wte(inputIds)) + wpe(positions));  // [B, T, C]
    torch::Tensor mask = cache ? causalAdditiveMaskWithPast(T, past, x.scalar_type(), x.device())  // [1, 1, T, past + T]
                               : causalAdditiveMask(attentionMask, x.scalar_type());                // [B, 1, T, T]
    size_t layer = 0;
    for (const auto& block : *h) x = block->as<Gpt2Block>()->forward(x, mask, cache, layer++);
    return ln_f(x);
}

Gpt2Model::Gpt2Model(const io::Gpt2Config& config, Head head, int64_t numLabels, int64_t padTokenId)
    : m_config(config), m_head(head), m_padTokenId(padTokenId) {
    m_transformer = register_module("transformer", Gpt2Backbone(config));
    if (head == Head::SequenceClassification)
        m_score = register_module("score", Linear(config.nEmbd, numLabels, false));
}

torch::Tensor Gpt2Model::forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
    torch::Tensor hidden = m_transformer(inputIds, attentionMask);  // [B, T, C]
    if (m_head == Head::CausalLM)
        return torch::matmul(hidden, m_transformer->wte->weight.t());  // tied lm_head: [B, T, V]
    return m_score(poolRightmostNonPad(hidden, inputIds, m_padTokenId));  // [B, numLabels]
}

torch::Tensor Gpt2Model::languageModelLogits(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
    return torch::matmul(m_transformer(inputIds, attentionMask), m_transformer->wte->weight.t());  // [B, T, V]
}

torch::Tensor Gpt2Model::forwardCached(const torch::Tensor& newIds, KvCache& cache) {
    TORCH_CHECK(m_head == Head::CausalLM, "forwardCached needs the causal-LM head");
    torch::Tensor hidden = m_transformer->forward(newIds, {}, &cache);  // [B, T, C]
    return torch::matmul(hidden, m_transformer->wte->weight.t());       // [B, T, V]
}

std::vector<LayerGroup> Gpt2Model::layerGroups() const {
    return groupByBlockPrefix(*this, "transformer.h.", m_config.nLayer, {"transformer.wte.", "transformer.wpe."});
}

LoadRules Gpt2Model::loadRules(Head head) {
    LoadRules rules;
    rules.basePrefix = "transformer.";
    // Conv1D layers: the file holds [in, out]; nn::Linear wants [out, in].
    rules.transposedSuffixes = {"attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight"};
    rules.ignoredSuffixes = {".attn.bias", ".attn.masked_bias"};   // old causal-mask buffers
    if (head == Head::SequenceClassification) {
        rules.ignoredPrefixes = {"lm_head."};
        rules.newParameterPrefixes = {"score."};
    } else {
        rules.ignoredPrefixes = {"lm_head.", "score."};  // lm_head is tied to wte
    }
    return rules;
}

std::vector<std::pair<std::string, torch::Tensor>> Gpt2Model::checkpointTensors() const {
    const auto rules = loadRules(m_head);
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& item : named_parameters(true)) {
        torch::Tensor t = item.value().detach();
        bool transposed = false;
        for (const auto& s : rules.transposedSuffixes) transposed = transposed || endsWith(item.key(), s);
        out.emplace_back(item.key(), transposed ? t.t().contiguous() : t.contiguous());
    }
    return out;
}

void Gpt2Model::initWeights() {
    torch::NoGradGuard noGrad;
    const double std = m_config.initializerRange;
    for (auto& item : named_parameters(true)) {
        const std::string& name = item.key();
        torch::Tensor p = item.value();
        const bool isNorm = name.find(".ln_") != std::string::npos;
        if (isNorm && !endsWith(name, ".bias")) {
            p.fill_(1.0);
        } else if (endsWith(name, ".bias")) {
            p.zero_();
        } else {
            p.normal_(0.0, std);
        }
    }
    // GPT-2 scales the residual projections by 1/sqrt(2 * n_layer).
    const double projStd = std / std::sqrt(2.0 * double(m_config.nLayer));
    for (auto& item : named_parameters(true)) {
        const std::string& name = item.key();
        if (endsWith(name, "c_proj.weight")) item.value().normal_(0.0, projStd);
    }
}

}  // namespace ft::models
