#pragma once
// Typed config.json for the supported architectures (formats.md §2). Missing keys get the
// transformers class defaults (config.json is written as a diff against them); alias keys are accepted.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/result.h"

namespace ft::io {

struct Gpt2Config {                            // transformers GPT2Config
    int64_t vocabSize = 50257;                 // vocab_size
    int64_t nPositions = 1024;                 // n_positions (alias max_position_embeddings)
    int64_t nEmbd = 768;                       // n_embd (alias hidden_size)
    int64_t nLayer = 12;                       // n_layer (alias num_hidden_layers)
    int64_t nHead = 12;                        // n_head (alias num_attention_heads)
    std::optional<int64_t> nInner;             // n_inner: null -> 4 * n_embd
    std::string activationFunction = "gelu_new";  // activation_function
    double residPdrop = 0.1;                   // resid_pdrop
    double embdPdrop = 0.1;                    // embd_pdrop
    double attnPdrop = 0.1;                    // attn_pdrop
    double layerNormEpsilon = 1e-5;            // layer_norm_epsilon
    double initializerRange = 0.02;            // initializer_range
    bool scaleAttnWeights = true;              // scale_attn_weights
    bool scaleAttnByInverseLayerIdx = false;   // scale_attn_by_inverse_layer_idx
    bool reorderAndUpcastAttn = false;         // reorder_and_upcast_attn
    bool tieWordEmbeddings = true;             // tie_word_embeddings (PretrainedConfig default)

    int64_t innerDim() const { return nInner.value_or(4 * nEmbd); }
};

struct BertConfig {                            // transformers BertConfig
    int64_t vocabSize = 30522;                 // vocab_size
    int64_t hiddenSize = 768;                  // hidden_size
    int64_t numHiddenLayers = 12;              // num_hidden_layers
    int64_t numAttentionHeads = 12;            // num_attention_heads
    int64_t intermediateSize = 3072;           // intermediate_size
    std::string hiddenAct = "gelu";            // hidden_act (exact erf GELU)
    double hiddenDropoutProb = 0.1;            // hidden_dropout_prob
    double attentionProbsDropoutProb = 0.1;    // attention_probs_dropout_prob
    int64_t maxPositionEmbeddings = 512;       // max_position_embeddings
    int64_t typeVocabSize = 2;                 // type_vocab_size
    double initializerRange = 0.02;            // initializer_range
    double layerNormEps = 1e-12;               // layer_norm_eps
    std::string positionEmbeddingType = "absolute";  // position_embedding_type
    std::optional<double> classifierDropout;   // classifier_dropout: null -> hidden_dropout_prob
};

struct DistilBertConfig {                      // transformers DistilBertConfig
    int64_t vocabSize = 30522;                 // vocab_size
    int64_t maxPositionEmbeddings = 512;       // max_position_embeddings
    bool sinusoidalPosEmbds = false;           // sinusoidal_pos_embds
    int64_t nLayers = 6;                       // n_layers (alias num_hidden_layers)
    int64_t nHeads = 12;                       // n_heads (alias num_attention_heads)
    int64_t dim = 768;                         // dim (alias hidden_size)
    int64_t hiddenDim = 3072;                  // hidden_dim
    double dropout = 0.1;                      // dropout
    double attentionDropout = 0.1;             // attention_dropout
    std::string activation = "gelu";           // activation
    double initializerRange = 0.02;            // initializer_range
    double qaDropout = 0.1;                    // qa_dropout
    double seqClassifDropout = 0.2;            // seq_classif_dropout
};

// Llama, Mistral and Qwen2 share tensor names; the defaults below are Llama's, parseModelConfig
// substitutes MistralConfig / Qwen2Config defaults by model_type.
struct LlamaConfig {
    int64_t vocabSize = 32000;                 // vocab_size (mistral 32000, qwen2 151936)
    int64_t hiddenSize = 4096;                 // hidden_size
    int64_t intermediateSize = 11008;          // intermediate_size (mistral 14336, qwen2 22016)
    int64_t numHiddenLayers = 32;              // num_hidden_layers
    int64_t numAttentionHeads = 32;            // num_attention_heads
    int64_t numKeyValueHeads = 32;             // num_key_value_heads: null -> num_attention_heads (mistral 8)
    int64_t headDim = 128;                     // head_dim: null -> hidden_size / num_attention_heads
    std::string hiddenAct = "silu";            // hidden_act
    int64_t maxPositionEmbeddings = 2048;      // max_position_embeddings (mistral 131072, qwen2 32768)
    double initializerRange = 0.02;            // initializer_range
    double rmsNormEps = 1e-6;                  // rms_norm_eps
    int64_t pretrainingTp = 1;                 // pretraining_tp
    bool tieWordEmbeddings = false;            // tie_word_embeddings
    double ropeTheta = 10000.0;                // rope_theta (v4, top level) or rope_parameters.rope_theta (v5)
    std::string ropeType = "default";          // rope_scaling.{rope_type|type} / rope_parameters.rope_type
    nlohmann::json ropeScaling;                // the scaling object as read (null when default); model code decides
    bool attentionBias = false;                // attention_bias
    double attentionDropout = 0.0;             // attention_dropout
    bool mlpBias = false;                      // mlp_bias
    bool qkvBias = false;                      // derived: attention_bias, always true for qwen2
    bool oBias = false;                        // derived: attention_bias, false for qwen2
    std::optional<int64_t> slidingWindow;      // sliding_window (mistral; qwen2 only when use_sliding_window)
    bool useSlidingWindow = false;             // use_sliding_window (qwen2)
    int64_t maxWindowLayers = 28;              // max_window_layers (qwen2)
};

struct T5Config {                              // transformers T5Config (T5, T5 v1.1, FLAN-T5)
    int64_t vocabSize = 32128;                 // vocab_size
    int64_t dModel = 512;                      // d_model (alias hidden_size)
    int64_t dKv = 64;                          // d_kv (alias head_dim)
    int64_t dFf = 2048;                        // d_ff
    int64_t numLayers = 6;                     // num_layers (alias num_hidden_layers): encoder blocks
    std::optional<int64_t> numDecoderLayers;   // num_decoder_layers: null -> num_layers
    int64_t numHeads = 8;                      // num_heads (alias num_attention_heads)
    int64_t relativeAttentionNumBuckets = 32;  // relative_attention_num_buckets
    int64_t relativeAttentionMaxDistance = 128;  // relative_attention_max_distance
    double dropoutRate = 0.1;                  // dropout_rate
    double layerNormEpsilon = 1e-6;            // layer_norm_epsilon
    double initializerFactor = 1.0;            // initializer_factor
    std::string feedForwardProj = "relu";      // feed_forward_proj: "ACT" or "gated-ACT"
    bool tieWordEmbeddings = true;             // tie_word_embeddings (false for v1.1 / FLAN)
    int64_t decoderStartTokenId = 0;           // decoder_start_token_id (the pad token for T5)

    int64_t decoderLayers() const { return numDecoderLayers.value_or(numLayers); }
    bool gatedFeedForward() const { return feedForwardProj.rfind("gated-", 0) == 0; }
    // dense_act_fn: the part after "gated-"; "gated-gelu" means the tanh GELU ("gelu_new").
    std::string feedForwardActivation() const {
        if (feedForwardProj == "gated-gelu") return "gelu_new";
        return gatedFeedForward() ? feedForwardProj.substr(6) : feedForwardProj;
    }
};

struct ModelConfig {
    std::string modelType;                     // "gpt2", "bert", "distilbert", "llama", "mistral", "qwen2", "t5"
    std::vector<std::string> architectures;    // e.g. {"GPT2LMHeadModel"}
    std::variant<Gpt2Config, BertConfig, DistilBertConfig, LlamaConfig, T5Config> arch;
    std::vector<std::string> id2label;         // index = class id; empty when absent
    std::string problemType;                   // problem_type; "" if absent
    std::optional<int64_t> padTokenId, bosTokenId, eosTokenId;  // eos may be a list: first one here
    std::vector<int64_t> eosTokenIds;          // every eos id
    std::string dtype;                         // "dtype" (v5) or "torch_dtype" (v4); "" if absent
    nlohmann::json raw;                        // the file as read, for round-tripping unknown keys
};

const std::vector<std::string>& supportedModelTypes();

Result<ModelConfig> parseModelConfig(const nlohmann::json& j, const std::string& fileForMessages);
Result<ModelConfig> readModelConfig(const std::filesystem::path& configJson);  // bad JSON -> line/column
// HF layout loadable by transformers 4.x and 5.x: model_type, architectures, every arch key,
// id2label/label2id when labels exist, torch_dtype and dtype, token ids, v4 and v5 RoPE keys.
nlohmann::json toConfigJson(const ModelConfig& config);

// Every dropout probability of the architecture (hidden, embedding, attention, classifier) set to p:
// what from_pretrained(path, hidden_dropout_prob=p, ...) does, so config.json is saved with it.
void overrideDropout(ModelConfig& config, double p);

int64_t numLayers(const ModelConfig& config);
int64_t hiddenSize(const ModelConfig& config);
int64_t vocabSize(const ModelConfig& config);
int64_t maxPositions(const ModelConfig& config);

}  // namespace ft::io
