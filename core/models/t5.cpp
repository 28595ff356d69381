#include "core/models/t5.h"

#include <cmath>

#include <torch/torch.h>

#include "core/models/activations.h"
#include "core/models/attention_mask.h"

namespace ft::models {

torch::Tensor relativePositionBucket(const torch::Tensor& relativePosition, bool bidirectional, int64_t numBuckets, int64_t maxDistance) {
    torch::Tensor buckets = torch::zeros_like(relativePosition);
    torch::Tensor distance = relativePosition;
    if (bidirectional) {
        numBuckets /= 2;
        buckets = buckets + relativePosition.gt(0).to(torch::kLong) * numBuckets;  // keys after the query
        distance = relativePosition.abs();
    } else {
        distance = -torch::min(relativePosition, torch::zeros_like(relativePosition));  // keys before; later ones are masked
    }
    // Half the buckets for exact distances, the other half logarithmically up to maxDistance.
    const int64_t maxExact = numBuckets / 2;
    torch::Tensor large = maxExact + (torch::log(distance.to(torch::kFloat) / maxExact) /
                                      std::log(static_cast<double>(maxDistance) / static_cast<double>(maxExact)) *
                                      static_cast<double>(numBuckets - maxExact))
                                         .to(torch::kLong);
    large = torch::min(large, torch::full_like(large, numBuckets - 1));
    return buckets + torch::where(distance.lt(maxExact), distance, large);
}

T5AttentionImpl::T5AttentionImpl(const io::T5Config& c, bool hasRelativeBias, bool bidirectional_)
    : numHeads(c.numHeads), dKv(c.dKv), numBuckets(c.relativeAttentionNumBuckets), maxDistance(c.relativeAttentionMaxDistance),
      bidirectional(bidirectional_) {
    const int64_t inner = c.numHeads * c.dKv;
    q = register_module("q", Linear(c.dModel, inner, false));
    k = register_module("k", Linear(c.dModel, inner, false));
    v = register_module("v", Linear(c.dModel, inner, false));
    o = register_module("o", Linear(inner, c.dModel, false));
    if (hasRelativeBias)
        relative_attention_bias = register_module("relative_attention_bias", torch::nn::Embedding(c.relativeAttentionNumBuckets, c.numHeads));
    dropout = register_module("dropout", torch::nn::Dropout(c.dropoutRate));
}

torch::Tensor T5AttentionImpl::positionBias(int64_t queryStart, int64_t queryLength, int64_t keyLength, const torch::Device& device) {
    auto longs = torch::TensorOptions().dtype(torch::kLong).device(device);
    torch::Tensor queries = torch::arange(queryStart, queryStart + queryLength, longs).unsqueeze(1);  // [Tq, 1]
    torch::Tensor keys = torch::arange(keyLength, longs).unsqueeze(0);                                 // [1, Tk]
    torch::Tensor buckets = relativePositionBucket(keys - queries, bidirectional, numBuckets, maxDistance);  // [Tq, Tk]
    return relative_attention_bias(buckets).permute({2, 0, 1}).unsqueeze(0);  // [1, heads, Tq, Tk]
}

torch::Tensor T5AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& keyValueStates, const torch::Tensor& bias,
                                       Seq2SeqCache* cache, size_t layer) {
    const int64_t B = x.size(0), Tq = x.size(1);
    auto heads = [&](const torch::Tensor& t) { return t.view({B, -1, numHeads, dKv}).transpose(1, 2); };  // [B, heads, T, d_kv]
    torch::Tensor qh = heads(q(x));
    torch::Tensor kh, vh;
    if (!keyValueStates.defined()) {
        kh = heads(k(x));
        vh = heads(v(x));
        if (cache) std::tie(kh, vh) = cache->self.append(layer, kh, vh);
    } else if (cache && layer < cache->crossKeys.size() && cache->crossKeys[layer].defined()) {
        kh = cache->crossKeys[layer];  // the encoder states do not change while decoding
        vh = cache->crossValues[layer];
    } else {
        kh = heads(k(keyValueStates));
        vh = heads(v(keyValueStates));
        if (cache) {
            if (cache->crossKeys.size() <= layer) cache->crossKeys.resize(layer + 1), cache->crossValues.resize(layer + 1);
            cache->crossKeys[layer] = kh;
            cache->crossValues[layer] = vh;
        }
    }
    // No 1/sqrt(d_kv): T5 folds it into the initialisation.
    torch::Tensor scores = addMask(torch::matmul(qh, kh.transpose(-1, -2)), bias);  // [B, heads, Tq, Tk]
    torch::Tensor probs = dropout(torch::softmax(scores.to(torch::kFloat), -1).to(scores.scalar_type()));
    torch::Tensor y = torch::matmul(probs, vh).transpose(1, 2).contiguous().view({B, Tq, numHeads * dKv});
    return o(y);  // [B, Tq, d_model]
}

T5FeedForwardImpl::T5FeedForwardImpl(const io::T5Config& c) : activation(c.feedForwardActivation()) {
    if (c.gatedFeedForward()) {
        wi_0 = register_module("wi_0", Linear(c.dModel, c.dFf, false));
        wi_1 = register_module("wi_1", Linear(c.dModel, c.dFf, false));
    } else {
        wi = register_module("wi", Linear(c.dModel, c.dFf, false));
    }
    wo = register_module("wo", Linear(c.dFf, c.dModel, false));
    dropout = register_module("dropout", torch::nn::Dropout(c.dropoutRate));
}

torch::Tensor T5FeedForwardImpl::forward(const torch::Tensor& x) {
    torch::Tensor h = wi ? applyActivation(activation, wi(x)) : applyActivation(activation, wi_0(x)) * wi_1(x);  // [B, T, d_ff]
    return wo(dropout(h));
}

T5SublayerImpl::T5SublayerImpl(const io::T5Config& c, const std::string& kind, bool hasRelativeBias, bool bidirectional) {
    if (kind == "DenseReluDense") feedForward = register_module(kind, T5FeedForward(c));
    else attention = register_module(kind, T5Attention(c, hasRelativeBias, bidirectional));
    layer_norm = register_module("layer_norm", T5LayerNorm(c.dModel, c.layerNormEpsilon));
    dropout = register_module("dropout", torch::nn::Dropout(c.dropoutRate));
}

torch::Tensor T5SublayerImpl::forward(const torch::Tensor& x, const torch::Tensor& keyValueStates, const torch::Tensor& bias,
                                      Seq2SeqCache* cache, size_t layer) {
    torch::Tensor h = layer_norm(x);
    h = attention ? attention->forward(h, keyValueStates, bias, cache, layer) : feedForward(h);
    return x + dropout(h);
}

T5BlockImpl::T5BlockImpl(const io::T5Config& c, bool decoder, bool hasRelativeBias) {
    layer = register_module("layer", torch::nn::ModuleList());
    layer->push_back(T5Sublayer(c, "SelfAttention", hasRelativeBias, !decoder));
    if (decoder) layer->push_back(T5Sublayer(c, "EncDecAttention", false, false));
    layer->push_back(T5Sublayer(c, "DenseReluDense", false, false));
}

T5StackImpl::T5StackImpl(const io::T5Config& c, bool decoder) : isDecoder(decoder) {
    block = register_module("block", torch::nn::ModuleList());
    const int64_t n = decoder ? c.decoderLayers() : c.numLayers;
    for (int64_t i = 0; i < n; ++i) block->push_back(T5Block(c, decoder, i == 0));
    final_layer_norm = register_module("final_layer_norm", T5LayerNorm(c.dModel, c.layerNormEpsilon));
    dropout = register_module("dropout", torch::nn::Dropout(c.dropoutRate));
}

torch::Tensor T5StackImpl::forward(const torch::Tensor& embedded, const torch::Tensor& mask, const torch::Tensor& encoderStates,
                                   const torch::Tensor& encoderMask, Seq2SeqCache* cache) {
    torch::Tensor x = dropout(embedded);  // [B, T, d_model]
    const int64_t T = x.size(1), past = cache ? cache->self.length() : 0;
    auto blockAt = [&](size_t i) { return T5Block(std::dynamic_pointer_cast<T5BlockImpl>(block->ptr(i))); };
    // Block 0's relative-position bias plus the mask, computed once and added in every block.
    torch::Tensor additive;
    if (!isDecoder) additive = paddingAdditiveMask(mask, torch::kFloat);                                        // [B, 1, 1, T]
    else if (cache || !mask.defined()) additive = causalAdditiveMaskWithPast(T, past, torch::kFloat, x.device());  // [1, 1, T, past + T]
    else additive = causalAdditiveMask(mask, torch::kFloat);                                                    // [B, 1, T, T]
    torch::Tensor selfBias = blockAt(0)->sublayer(0)->attention->positionBias(past, T, past + T, x.device()) + additive;
    torch::Tensor crossBias = isDecoder ? paddingAdditiveMask(encoderMask, torch::kFloat) : torch::Tensor();  // [B, 1, 1, S]
    for (size_t i = 0; i < block->size(); ++i) {
        T5Block b = blockAt(i);
        x = b->sublayer(0)->forward(x, {}, selfBias, cache, i);
        if (isDecoder) x = b->sublayer(1)->forward(x, encoderStates, crossBias, cache, i);
        x = b->sublayer(b->layer->size() - 1)->forward(x);
    }
    return dropout(final_layer_norm(x));
}

T5Model::T5Model(const io::T5Config& config) : m_config(config) {
    m_shared = register_module("shared", torch::nn::Embedding(config.vocabSize, config.dModel));
    m_encoder = register_module("encoder", T5Stack(config, false));
    m_decoder = register_module("decoder", T5Stack(config, true));
    if (!config.tieWordEmbeddings) m_lmHead = register_module("lm_head", Linear(config.dModel, config.vocabSize, false));
}

torch::Tensor T5Model::forward(const torch::Tensor&, const torch::Tensor&) {
    TORCH_CHECK(false, "a T5 model needs decoder inputs: call encode() and decode()");
}

torch::Tensor T5Model::encode(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
    return m_encoder(withHook(m_hook, m_shared(inputIds)), attentionMask);  // [B, S, d_model]
}

torch::Tensor T5Model::decode(const torch::Tensor& decoderIds, const torch::Tensor& decoderMask, const torch::Tensor& encoderStates,
                              const torch::Tensor& encoderMask, Seq2SeqCache* cache) {
    torch::Tensor y = m_decoder->forward(m_shared(decoderIds), decoderMask, encoderStates, encoderMask, cache);  // [B, T, d_model]
    if (m_lmHead) return m_lmHead(y);
    // Tied to the shared embedding: rescaled first, as Mesh TensorFlow did.
    return torch::matmul(y * std::pow(static_cast<double>(m_config.dModel), -0.5), m_shared->weight.t());  // [B, T, V]
}

std::vector<LayerGroup> T5Model::layerGroups() const {
    const int64_t encoderBlocks = m_config.numLayers, blocks = numBlocks();
    std::vector<LayerGroup> groups(static_cast<size_t>(blocks + 2));
    groups[0] = {"embeddings", 0, {}};
    for (int64_t i = 0; i < blocks; ++i) groups[static_cast<size_t>(i + 1)] = {"block." + std::to_string(i), i + 1, {}};
    groups[static_cast<size_t>(blocks + 1)] = {"head", blocks + 1, {}};
    auto blockOf = [](const std::string& name, const std::string& prefix) {
        return std::stoll(name.substr(prefix.size(), name.find('.', prefix.size()) - prefix.size()));
    };
    for (const auto& item : named_parameters(true)) {
        const std::string& name = item.key();
        int64_t depth = blocks + 1;  // decoder.final_layer_norm, lm_head
        if (name.rfind("shared.", 0) == 0) depth = 0;
        else if (name.rfind("encoder.block.", 0) == 0) depth = blockOf(name, "encoder.block.") + 1;
        else if (name.rfind("encoder.", 0) == 0) depth = encoderBlocks;  // the encoder's final norm, with its top block
        else if (name.rfind("decoder.block.", 0) == 0) depth = encoderBlocks + blockOf(name, "decoder.block.") + 1;
        groups[static_cast<size_t>(depth)].parameterNames.push_back(name);
    }
    return groups;
}

std::vector<std::pair<std::string, torch::Tensor>> T5Model::checkpointTensors() const {
    // Names and layouts as saved; the tied embed_tokens / lm_head copies are left out, as save_pretrained does.
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& item : named_parameters(true)) out.emplace_back(item.key(), item.value().detach().contiguous());
    return out;
}

void T5Model::initWeights() {
    torch::NoGradGuard noGrad;
    const double f = m_config.initializerFactor, d = static_cast<double>(m_config.dModel);
    m_shared->weight.normal_(0.0, f);
    if (m_lmHead) m_lmHead->weight.normal_(0.0, f);
    for (const auto& m : modules(/*include_self=*/false)) {
        if (auto* n = m->as<LlamaRmsNormImpl>()) {
            n->weight.fill_(f);
        } else if (auto* a = m->as<T5AttentionImpl>()) {
            a->q->weight.normal_(0.0, f * std::pow(d * static_cast<double>(a->dKv), -0.5));
            a->k->weight.normal_(0.0, f * std::pow(d, -0.5));
            a->v->weight.normal_(0.0, f * std::pow(d, -0.5));
            a->o->weight.normal_(0.0, f * std::pow(static_cast<double>(a->numHeads * a->dKv), -0.5));
            if (a->relative_attention_bias) a->relative_attention_bias->weight.normal_(0.0, f * std::pow(d, -0.5));
        } else if (auto* ff = m->as<T5FeedForwardImpl>()) {
            for (Linear* wi : {&ff->wi, &ff->wi_0, &ff->wi_1})
                if (*wi) (*wi)->weight.normal_(0.0, f * std::pow(d, -0.5));
            ff->wo->weight.normal_(0.0, f * std::pow(static_cast<double>(m_config.dFf), -0.5));
        }
    }
}

LoadRules T5Model::loadRules(bool tiedEmbeddings) {
    LoadRules rules;
    // Older files repeat the shared matrix under the stacks' names (and as lm_head when tied).
    rules.ignoredPrefixes = {"encoder.embed_tokens.", "decoder.embed_tokens."};
    if (tiedEmbeddings) rules.ignoredPrefixes.push_back("lm_head.");
    else rules.newParameterPrefixes = {"lm_head."};  // a bare T5Model file has no head
    return rules;
}

torch::Tensor shiftTokensRight(const torch::Tensor& labels, int64_t decoderStartTokenId, int64_t padTokenId) {
    torch::Tensor shifted = torch::empty_like(labels);
    shifted.slice(1, 1).copy_(labels.slice(1, 0, labels.size(1) - 1));
    shifted.select(1, 0).fill_(decoderStartTokenId);
    return shifted.masked_fill(shifted.eq(-100), padTokenId);
}

}  // namespace ft::models
