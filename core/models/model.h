#pragma once
// The contract every architecture implements: a torch module whose parameter names equal the
// checkpoint's tensor names, plus what the trainer needs to freeze and group layers.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <torch/nn/module.h>
#include <torch/types.h>

namespace ft::models {

// Seq2SeqLM: an encoder-decoder with a language-model head (T5); it also implements Seq2SeqModel.
enum class Head { CausalLM, SequenceClassification, Seq2SeqLM };

// Maps the word (token) embeddings [B, T, H] to what the network uses instead, before position and
// token-type embeddings are added. Integrated gradients feeds interpolated embeddings through it.
using WordEmbeddingHook = std::function<torch::Tensor(const torch::Tensor&)>;

inline torch::Tensor withHook(const WordEmbeddingHook& hook, torch::Tensor wordEmbeddings) {
    return hook ? hook(wordEmbeddings) : wordEmbeddings;
}

// A named slice of the network for freezing and layer-wise learning rates. depth 0 is the embeddings,
// 1..numBlocks are the transformer blocks bottom-up, numBlocks + 1 is the final norm and the head.
struct LayerGroup {
    std::string name;                          // "embeddings", "block.3", "head"
    int64_t depth = 0;
    std::vector<std::string> parameterNames;   // full dotted names as in named_parameters()
};

class Model : public torch::nn::Module {
public:
    // inputIds: [B, T] int64; attentionMask: [B, T] int64 (1 = token, 0 = padding).
    // Returns logits: [B, T, V] for CausalLM, [B, numLabels] for SequenceClassification.
    virtual torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) = 0;

    virtual Head head() const = 0;
    // Next-token logits [B, T, V] from the same backbone, for scoring text (the forgetting check).
    // A causal LM's forward; a decoder classifier's hidden states times its tied input embeddings
    // (the pretrained LM head it was built from). False / empty when there is no such head.
    virtual bool hasLanguageModelHead() const { return head() == Head::CausalLM; }
    virtual torch::Tensor languageModelLogits(const torch::Tensor& inputIds, const torch::Tensor& attentionMask) {
        return forward(inputIds, attentionMask);
    }
    // An empty hook restores the plain lookup.
    virtual void setWordEmbeddingHook(WordEmbeddingHook hook) = 0;
    virtual int64_t numBlocks() const = 0;
    virtual std::vector<LayerGroup> layerGroups() const = 0;

    // Tensors in the checkpoint's names and layouts (transposes undone, tied copies dropped), as
    // transformers' save_pretrained writes them.
    virtual std::vector<std::pair<std::string, torch::Tensor>> checkpointTensors() const = 0;
};

// Groups parameters by the first dotted prefix that identifies a block, e.g. "transformer.h.3." → block 3.
std::vector<LayerGroup> groupByBlockPrefix(const torch::nn::Module& model, const std::string& blockPrefix,
                                           int64_t numBlocks, const std::vector<std::string>& embeddingPrefixes);

}  // namespace ft::models
