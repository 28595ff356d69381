#include "core/models/factory.h"

#include <torch/torch.h>

#include "core/common/strings.h"
#include "core/models/bert.h"
#include "core/models/distilbert.h"
#include "core/models/activations.h"
#include "core/models/gpt2.h"
#include "core/models/llama.h"
#include "core/models/t5.h"

namespace ft::models {

int64_t resolvePadTokenId(const io::ModelConfig& config, const std::optional<int64_t>& requested) {
    if (requested) return *requested;
    if (config.padTokenId) return *config.padTokenId;
    if (config.eosTokenId) return *config.eosTokenId;
    return 0;
}

Result<std::shared_ptr<Model>> createModel(const io::ModelConfig& config, const ModelRequest& request) {
    if (request.head == Head::SequenceClassification && request.numLabels < 1)
        return makeError("model.invalid_labels", "a classification head needs at least one label");
    const int64_t pad = resolvePadTokenId(config, request.padTokenId);
    if (const auto* t5 = std::get_if<io::T5Config>(&config.arch)) {
        if (request.head != Head::Seq2SeqLM)
            return makeError("model.task_unsupported", "'t5' is an encoder-decoder (text-to-text) model: it is loaded for "
                                                       "sequence-to-sequence generation, not for classification or causal language modelling");
        if (!isKnownActivation(t5->feedForwardActivation()))
            return makeError("model.invalid_config", "feed_forward_proj '" + t5->feedForwardProj + "' names an unknown activation", {}, -1,
                             "feed_forward_proj");
        auto model = std::make_shared<T5Model>(*t5);
        model->initWeights();
        return std::shared_ptr<Model>(model);
    }
    if (request.head == Head::Seq2SeqLM)
        return makeError("model.task_unsupported", "'" + config.modelType + "' is not an encoder-decoder; sequence-to-sequence needs a T5 model");
    if (const auto* gpt2 = std::get_if<io::Gpt2Config>(&config.arch)) {
        auto model = std::make_shared<Gpt2Model>(*gpt2, request.head, request.numLabels, pad);
        model->initWeights();
        return std::shared_ptr<Model>(model);
    }
    const bool encoder = std::holds_alternative<io::BertConfig>(config.arch) || std::holds_alternative<io::DistilBertConfig>(config.arch);
    if (encoder && request.head != Head::SequenceClassification)
        return makeError("model.task_unsupported", "'" + config.modelType + "' is an encoder: it can be fine-tuned for classification, not for causal language modelling");
    if (const auto* bert = std::get_if<io::BertConfig>(&config.arch)) {
        if (bert->positionEmbeddingType != "absolute")
            return makeError("model.unsupported_position_embedding",
                             "BERT position_embedding_type '" + bert->positionEmbeddingType + "' is not implemented; supported: absolute",
                             {}, -1, "position_embedding_type");
        auto model = std::make_shared<BertModel>(*bert, request.numLabels, config.padTokenId);
        model->initWeights();
        return std::shared_ptr<Model>(model);
    }
    if (const auto* distil = std::get_if<io::DistilBertConfig>(&config.arch)) {
        auto model = std::make_shared<DistilBertModel>(*distil, request.numLabels, config.padTokenId);
        model->initWeights();
        return std::shared_ptr<Model>(model);
    }
    if (const auto* llama = std::get_if<io::LlamaConfig>(&config.arch)) {
        auto rope = ropeSettings(*llama);
        if (!rope) return rope.error();
        if (llama->headDim % 2 != 0 || llama->numKeyValueHeads < 1 || llama->numAttentionHeads % llama->numKeyValueHeads != 0)
            return makeError("model.invalid_config", "head_dim must be even and num_key_value_heads must divide num_attention_heads",
                             {}, -1, "num_key_value_heads");
        auto model = std::make_shared<LlamaModel>(*llama, *rope, request.head, request.numLabels, config.padTokenId, pad);
        model->initWeights();
        return std::shared_ptr<Model>(model);
    }
    return makeError("model.unsupported_architecture",
                     "model type '" + config.modelType + "' is not implemented yet; supported now: gpt2, bert, distilbert, llama, mistral, qwen2, t5");
}

static LoadRules loadRulesFor(const io::ModelConfig& config, Head head) {
    if (std::holds_alternative<io::Gpt2Config>(config.arch)) return Gpt2Model::loadRules(head);
    if (std::holds_alternative<io::BertConfig>(config.arch)) return BertModel::loadRules();
    if (std::holds_alternative<io::DistilBertConfig>(config.arch)) return DistilBertModel::loadRules();
    if (const auto* llama = std::get_if<io::LlamaConfig>(&config.arch)) return LlamaModel::loadRules(head, llama->tieWordEmbeddings);
    if (const auto* t5 = std::get_if<io::T5Config>(&config.arch)) return T5Model::loadRules(t5->tieWordEmbeddings);
    return {};
}

std::string architectureName(const io::ModelConfig& config, Head head) {
    const bool causal = head == Head::CausalLM;
    const std::string& t = config.modelType;
    if (t == "gpt2") return causal ? "GPT2LMHeadModel" : "GPT2ForSequenceClassification";
    if (t == "bert") return "BertForSequenceClassification";
    if (t == "distilbert") return "DistilBertForSequenceClassification";
    if (t == "t5") return "T5ForConditionalGeneration";
    std::string prefix = t == "qwen2" ? "Qwen2" : t == "mistral" ? "Mistral" : "Llama";
    return prefix + (causal ? "ForCausalLM" : "ForSequenceClassification");
}

std::vector<std::string> headModuleNames(const io::ModelConfig& config, Head head) {
    std::vector<std::string> names;
    if (head != Head::SequenceClassification) return names;
    for (std::string prefix : loadRulesFor(config, head).newParameterPrefixes) {
        if (endsWith(prefix, ".")) prefix.pop_back();
        names.push_back(prefix);
    }
    return names;
}

Result<LoadedModel> loadModel(const std::filesystem::path& folder, const ModelRequest& request, bool randomInit) {
    auto config = io::readModelConfig(folder / "config.json");
    if (!config) return config.error();
    if (request.dropout) io::overrideDropout(*config, *request.dropout);
    auto model = createModel(*config, request);
    if (!model) return model.error();
    LoadedModel loaded{*model, *config, {}, resolvePadTokenId(*config, request.padTokenId)};
    if (randomInit) return loaded;
    auto checkpoint = io::Checkpoint::open(folder);
    if (!checkpoint) return checkpoint.error();
    Status st = loadCheckpoint(**model, *checkpoint, loadRulesFor(*config, request.head), &loaded.report);
    if (!st) return st.error();
    return loaded;
}

}  // namespace ft::models
