#include "core/io/hf_config_fields.h"

namespace ft::io::detail {

const std::vector<FieldSpec<Gpt2Config>>& gpt2Fields() {
    using C = Gpt2Config;
    static const std::vector<FieldSpec<C>> f{
        {"vocab_size", &C::vocabSize},
        {"n_positions", &C::nPositions, "max_position_embeddings"},
        {"n_embd", &C::nEmbd, "hidden_size"},
        {"n_layer", &C::nLayer, "num_hidden_layers"},
        {"n_head", &C::nHead, "num_attention_heads"},
        {"n_inner", &C::nInner},
        {"activation_function", &C::activationFunction},
        {"resid_pdrop", &C::residPdrop},
        {"embd_pdrop", &C::embdPdrop},
        {"attn_pdrop", &C::attnPdrop},
        {"layer_norm_epsilon", &C::layerNormEpsilon},
        {"initializer_range", &C::initializerRange},
        {"scale_attn_weights", &C::scaleAttnWeights},
        {"scale_attn_by_inverse_layer_idx", &C::scaleAttnByInverseLayerIdx},
        {"reorder_and_upcast_attn", &C::reorderAndUpcastAttn},
        {"tie_word_embeddings", &C::tieWordEmbeddings},
    };
    return f;
}

const std::vector<FieldSpec<BertConfig>>& bertFields() {
    using C = BertConfig;
    static const std::vector<FieldSpec<C>> f{
        {"vocab_size", &C::vocabSize},
        {"hidden_size", &C::hiddenSize},
        {"num_hidden_layers", &C::numHiddenLayers},
        {"num_attention_heads", &C::numAttentionHeads},
        {"intermediate_size", &C::intermediateSize},
        {"hidden_act", &C::hiddenAct},
        {"hidden_dropout_prob", &C::hiddenDropoutProb},
        {"attention_probs_dropout_prob", &C::attentionProbsDropoutProb},
        {"max_position_embeddings", &C::maxPositionEmbeddings},
        {"type_vocab_size", &C::typeVocabSize},
        {"initializer_range", &C::initializerRange},
        {"layer_norm_eps", &C::layerNormEps},
        {"position_embedding_type", &C::positionEmbeddingType},
        {"classifier_dropout", &C::classifierDropout},
    };
    return f;
}

const std::vector<FieldSpec<DistilBertConfig>>& distilBertFields() {
    using C = DistilBertConfig;
    static const std::vector<FieldSpec<C>> f{
        {"vocab_size", &C::vocabSize},
        {"max_position_embeddings", &C::maxPositionEmbeddings},
        {"sinusoidal_pos_embds", &C::sinusoidalPosEmbds},
        {"n_layers", &C::nLayers, "num_hidden_layers"},
        {"n_heads", &C::nHeads, "num_attention_heads"},
        {"dim", &C::dim, "hidden_size"},
        {"hidden_dim", &C::hiddenDim},
        {"dropout", &C::dropout},
        {"attention_dropout", &C::attentionDropout},
        {"activation", &C::activation},
        {"initializer_range", &C::initializerRange},
        {"qa_dropout", &C::qaDropout},
        {"seq_classif_dropout", &C::seqClassifDropout},
    };
    return f;
}

const std::vector<FieldSpec<LlamaConfig>>& llamaFields() {
    using C = LlamaConfig;
    static const std::vector<FieldSpec<C>> f{
        {"vocab_size", &C::vocabSize},
        {"hidden_size", &C::hiddenSize},
        {"intermediate_size", &C::intermediateSize},
        {"num_hidden_layers", &C::numHiddenLayers},
        {"num_attention_heads", &C::numAttentionHeads},
        {"hidden_act", &C::hiddenAct},
        {"max_position_embeddings", &C::maxPositionEmbeddings},
        {"initializer_range", &C::initializerRange},
        {"rms_norm_eps", &C::rmsNormEps},
        {"pretraining_tp", &C::pretrainingTp, nullptr, "llama"},
        {"tie_word_embeddings", &C::tieWordEmbeddings},
        {"attention_bias", &C::attentionBias, nullptr, "llama"},
        {"attention_dropout", &C::attentionDropout},
        {"mlp_bias", &C::mlpBias, nullptr, "llama"},
        {"use_sliding_window", &C::useSlidingWindow, nullptr, "qwen2"},
        {"max_window_layers", &C::maxWindowLayers, nullptr, "qwen2"},
    };
    return f;
}

const std::vector<FieldSpec<T5Config>>& t5Fields() {
    using C = T5Config;
    static const std::vector<FieldSpec<C>> f{
        {"vocab_size", &C::vocabSize},
        {"d_model", &C::dModel, "hidden_size"},
        {"d_kv", &C::dKv, "head_dim"},
        {"d_ff", &C::dFf},
        {"num_layers", &C::numLayers, "num_hidden_layers"},
        {"num_decoder_layers", &C::numDecoderLayers},
        {"num_heads", &C::numHeads, "num_attention_heads"},
        {"relative_attention_num_buckets", &C::relativeAttentionNumBuckets},
        {"relative_attention_max_distance", &C::relativeAttentionMaxDistance},
        {"dropout_rate", &C::dropoutRate},
        {"layer_norm_epsilon", &C::layerNormEpsilon},
        {"initializer_factor", &C::initializerFactor},
        {"feed_forward_proj", &C::feedForwardProj},
        {"tie_word_embeddings", &C::tieWordEmbeddings},
        {"decoder_start_token_id", &C::decoderStartTokenId},
    };
    return f;
}

}  // namespace ft::io::detail
