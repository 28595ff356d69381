#include "core/models/factory.h"

#include <torch/torch.h>

#include "core/models/gpt2.h"

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
    if (const auto* gpt2 = std::get_if<io::Gpt2Config>(&config.arch)) {
        auto model = std::make_shared<Gpt2Model>(*gpt2, request.head, request.numLabels, pad);
        model->initWeights();
        return std::shared_ptr<Model>(model);
    }
    return makeError("model.unsupported_architecture",
                     "model type '" + config.modelType + "' is not implemented yet; supported now: gpt2");
}

static LoadRules loadRulesFor(const io::ModelConfig& config, Head head) {
    if (std::holds_alternative<io::Gpt2Config>(config.arch)) return Gpt2Model::loadRules(head);
    return {};
}

Result<LoadedModel> loadModel(const std::filesystem::path& folder, const ModelRequest& request, bool randomInit) {
    auto config = io::readModelConfig(folder / "config.json");
    if (!config) return config.error();
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
