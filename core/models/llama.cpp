#include "core/models/llama.h"

#include <cmath>
#include <limits>

#include <torch/torch.h>

#include "core/models/activations.h"
#include "core/models/attention_mask.h"
#include "core/models/init_weights.h"

namespace ft::models {

LlamaRmsNormImpl::LlamaRmsNormImpl(int64_t size, double eps_) : eps(eps_) {
    weight = register_parameter("weight", torch::ones({size}));
}

torch::Tensor LlamaRmsNormImpl::forward(const torch::Tensor& x) {
    torch::Tensor h = x.to(torch::kFloat);
    h = h * torch::rsqrt(h.pow(2).mean(-1, /*keepdim=*/true) + eps);
    return weight * h.to(x.scalar_type());
}

LlamaAttentionImpl::LlamaAttentionImpl(const io::LlamaConfig& c, std::optional<int64_t> window)
    : numHeads(c.numAttentionHeads), numKvHeads(c.numKeyValueHeads), headDim(c.headDim), slidingWindow(window) {
    const int64_t H = c.hiddenSize;
    auto proj = [](int64_t in, int64_t out, bool bias) { return Linear(in, out, bias); };
    q_proj = register_module("q_proj", proj(H, numHeads * headDim, c.qkvBias));
    k_proj = register_module("k_proj", proj(H, numKvHeads * headDim, c.qkvBias));
    v_proj = register_module("v_proj", proj(H, numKvHeads * headDim, c.qkvBias));
    o_proj = register_module("o_proj", proj(numHeads * headDim, H, c.oBias));
    attn_dropout = register_module("attn_dropout", torch::nn::Dropout(c.attentionDropout));
}

torch::Tensor LlamaAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                          const torch::Tensor& keepIn, KvCache* cache, size_t layer) {
    const int64_t B = x.size(0), T = x.size(1), D = headDim;
    auto heads = [&](const torch::Tensor& t, int64_t n) { return t.view({B, T, n, D}).transpose(1, 2); };
    torch::Tensor q = applyRope(heads(q_proj(x), numHeads), cos, sin);    // [B, nH, T, D]
    torch::Tensor k = applyRope(heads(k_proj(x), numKvHeads), cos, sin);  // [B, nKV, T, D]
    torch::Tensor v = heads(v_proj(x), numKvHeads);                       // [B, nKV, T, D]
    if (cache) std::tie(k, v) = cache->append(layer, k, v);               // [B, nKV, Tkeys, D], cached before repeat_kv
    const int64_t keys = k.size(2), past = keys - T;
    if (numKvHeads != numHeads) {  // repeat_kv: each KV head serves nH / nKV consecutive query heads
        k = k.repeat_interleave(numHeads / numKvHeads, 1);
        v = v.repeat_interleave(numHeads / numKvHeads, 1);
    }
    torch::Tensor keep = keepIn;
    if (slidingWindow && *slidingWindow < keys) {
        auto longs = keep.options().dtype(torch::kLong);
        torch::Tensor queryPos = torch::arange(past, past + T, longs), keyPos = torch::arange(keys, longs);
        keep = keep & (queryPos.unsqueeze(1) - keyPos.unsqueeze(0)).lt(*slidingWindow);  // [T, Tkeys] broadcast
    }
    torch::Tensor scores = torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(double(D));  // [B, nH, T, Tkeys]
    scores = scores.masked_fill(keep.logical_not(), std::numeric_limits<float>::lowest());
    torch::Tensor probs = attn_dropout(torch::softmax(scores.to(torch::kFloat), -1).to(q.scalar_type()));
    torch::Tensor y = torch::matmul(probs, v).transpose(1, 2).contiguous().view({B, T, numHeads * D});
    return o_proj(y);  // [B, T, H]
}

LlamaMlpImpl::LlamaMlpImpl(const io::LlamaConfig& c) : activation(c.hiddenAct) {
    auto proj = [&](int64_t in, int64_t out) { return Linear(in, out, c.mlpBias); };
    gate_proj = register_module("gate_proj", proj(c.hiddenSize, c.intermediateSize));
    up_proj = register_module("up_proj", proj(c.hiddenSize, c.intermediateSize));
    down_proj = register_module("down_proj", proj(c.intermediateSize, c.hiddenSize));
}

torch::Tensor LlamaMlpImpl::forward(const torch::Tensor& x) {
    return down_proj(applyActivation(activation, gate_proj(x)) * up_proj(x));  // [B, T, I] inside
}

LlamaDecoderLayerImpl::LlamaDecoderLayerImpl(const io::LlamaConfig& c, std::optional<int64_t> window) {
    self_attn = register_module("self_attn", LlamaAttention(c, window));
    mlp = register_module("mlp", LlamaMlp(c));
    input_layernorm = register_module("input_layernorm", LlamaRmsNorm(c.hiddenSize, c.rmsNormEps));
    post_attention_layernorm = register_module("post_attention_layernorm", LlamaRmsNorm(c.hiddenSize, c.rmsNormEps));
}

torch::Tensor LlamaDecoderLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                             const torch::Tensor& keep, KvCache* cache, size_t layer) {
    torch::Tensor h = x + self_attn->forward(input_layernorm(x), cos, sin, keep, cache, layer);  // pre-norm
    return h + mlp(post_attention_layernorm(h));
}

LlamaBackboneImpl::LlamaBackboneImpl(const io::LlamaConfig& c, const RopeSettings& rope_, std::optional<int64_t> padTokenId)
    : rope(rope_), headDim(c.headDim) {
    auto options = torch::nn::EmbeddingOptions(c.vocabSize, c.hiddenSize);
    if (padTokenId && *padTokenId >= 0 && *padTokenId < c.vocabSize) options.padding_idx(*padTokenId);
    embed_tokens = register_module("embed_tokens", torch::nn::Embedding(options));
    layers = register_module("layers", torch::nn::ModuleList());
    for (int64_t i = 0; i < c.numHiddenLayers; ++i) {
        // Mistral windows every layer; Qwen2 (use_sliding_window) only layers from max_window_layers up.
        const bool windowed = c.slidingWindow && (!c.useSlidingWindow || i >= c.maxWindowLayers);
        layers->push_back(LlamaDecoderLayer(c, windowed ? c.slidingWindow : std::nullopt));
    }
    norm = register_module("norm", LlamaRmsNorm(c.hiddenSize, c.rmsNormEps));
}

torch::Tensor LlamaBackboneImpl::forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask, KvCache* cache) {
    const int64_t T = inputIds.size(1), past = cache ? cache->length() : 0;
    torch::Tensor x = withHook(wordEmbeddingHook, embed_tokens(inputIds));       // [B, T, H]
    auto [cos, sin] = ropeCosSin(rope, headDim, past + T, x.device());          // [past + T, D]
    if (past > 0) cos = cos.slice(0, past), sin = sin.slice(0, past);           // [T, D]
    torch::Tensor keep = cache ? causalAdditiveMaskWithPast(T, past, torch::kFloat, x.device()).eq(0)  // [1, 1, T, past + T]
                               : causalAdditiveMask(attentionMask, torch::kFloat).eq(0);               // [B, 1, T, T] bool
    size_t index = 0;
    for (const auto& layer : *layers) x = layer->as<LlamaDecoderLayer>()->forward(x, cos, sin, keep, cache, index++);
    return norm(x);
}

LlamaModel::LlamaModel(const io::LlamaConfig& config, const RopeSettings& rope, Head head, int64_t numLabels,
                       std::optional<int64_t> configPadTokenId, int64_t poolPadTokenId)
    : m_config(config), m_head(head), m_poolPadTokenId(poolPadTokenId) {
    m_model = register_module("model", LlamaBackbone(config, rope, configPadTokenId));
    if (head == Head::CausalLM && !config.tieWordEmbeddings)
        m_lmHead = register_module("lm_head", Linear(config.hiddenSize, config.vocabSize, false));
    if (head == Head::SequenceClassification)
        m_score = register_module("score", Linear(config.hiddenSize, numLabels, false));
}

torch::Tensor LlamaModel::forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
    torch::Tensor hidden = m_model(inputIds, attentionMask);  // [B, T, H]
    if (m_head == Head::CausalLM)
        return m_lmHead ? m_lmHead(hidden) : torch::matmul(hidden, m_model->embed_tokens->weight.t());  // [B, T, V]
    return m_score(poolRightmostNonPad(hidden, inputIds, m_poolPadTokenId));  // [B, numLabels]
}

torch::Tensor LlamaModel::languageModelLogits(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
    if (m_head == Head::CausalLM) return forward(inputIds, attentionMask);
    TORCH_CHECK(m_config.tieWordEmbeddings, "this classifier's base model has an untied lm_head that was not loaded");
    return torch::matmul(m_model(inputIds, attentionMask), m_model->embed_tokens->weight.t());  // [B, T, V]
}

torch::Tensor LlamaModel::forwardCached(const torch::Tensor& newIds, KvCache& cache) {
    TORCH_CHECK(m_head == Head::CausalLM, "forwardCached needs the causal-LM head");
    torch::Tensor hidden = m_model->forward(newIds, {}, &cache);  // [B, T, H]
    return m_lmHead ? m_lmHead(hidden) : torch::matmul(hidden, m_model->embed_tokens->weight.t());  // [B, T, V]
}

std::vector<LayerGroup> LlamaModel::layerGroups() const {
    return groupByBlockPrefix(*this, "model.layers.", m_config.numHiddenLayers, {"model.embed_tokens."});
}

LoadRules LlamaModel::loadRules(Head head, bool tiedEmbeddings) {
    LoadRules rules;
    rules.basePrefix = "model.";
    rules.ignoredSuffixes = {"self_attn.rotary_emb.inv_freq"};  // stored by old conversion scripts
    if (head == Head::SequenceClassification) {
        rules.ignoredPrefixes = {"lm_head."};
        rules.newParameterPrefixes = {"score."};
    } else {
        rules.ignoredPrefixes = {"score."};
        if (tiedEmbeddings) rules.ignoredPrefixes.push_back("lm_head.");  // a saved copy of embed_tokens
    }
    return rules;
}

std::vector<std::pair<std::string, torch::Tensor>> LlamaModel::checkpointTensors() const {
    // No layout transforms: HF stores Linear weights [out, in] and q/k already in rotate_half order.
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& item : named_parameters(true)) out.emplace_back(item.key(), item.value().detach().contiguous());
    return out;
}

void LlamaModel::initWeights() {
    initStandardLayers(*this, m_config.initializerRange);
    torch::NoGradGuard noGrad;
    for (const auto& m : modules(/*include_self=*/false))
        if (auto* n = m->as<LlamaRmsNormImpl>()) n->weight.fill_(1.0);
}

}  // namespace ft::models
