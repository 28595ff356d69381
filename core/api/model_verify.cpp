#include "core/api/model_verify.h"

#include <torch/torch.h>

#include "core/models/factory.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/model_source.h"

namespace ft::api {

Result<ModelVerification> verifyModel(const std::string& folder) {
    auto source = train::locateModelSource(folder, /*adapterOnly=*/false);
    if (!source) return source.error();
    auto loaded = train::loadModelSource(*source, nullptr);  // strict: any missing / unexpected / mis-shaped tensor fails
    if (!loaded) return loaded.error();

    ModelVerification v;
    v.architecture = models::architectureName(loaded->config, loaded->model->head());
    v.newlyInitialised = loaded->report.newlyInitialised;
    torch::NoGradGuard noGrad;
    const auto check = [&](const std::string& name, const torch::Tensor& t) {
        ++v.tensors;
        v.values += t.numel();
        if (!t.is_floating_point()) return;
        const int64_t bad = t.numel() - torch::isfinite(t).sum().item<int64_t>();
        if (bad > 0)
            v.nonFinite.push_back(name + ": " + std::to_string(bad) + " of " + std::to_string(t.numel()) +
                                  " values are NaN or infinite");
    };
    for (const auto& p : loaded->model->named_parameters(true)) check(p.key(), p.value());
    for (const auto& b : loaded->model->named_buffers(true)) check(b.key(), b.value());
    for (const auto& n : v.nonFinite) v.problems.push_back("weights: " + n);

    auto tokenizer = tok::Tokenizer::load(source->tokenizerFolder());
    if (!tokenizer) {
        v.problems.push_back("tokenizer: " + tokenizer.error().describe());
    } else {
        v.tokenizerVocab = tokenizer->vocabSize();
        for (const auto& p : loaded->model->named_parameters(true))
            if (p.value().dim() == 2 && (p.key().find("wte.") != std::string::npos || p.key().find("embed_tokens.") != std::string::npos ||
                                         p.key().find("word_embeddings.") != std::string::npos || p.key() == "shared.weight")) {
                v.embeddingRows = p.value().size(0);
                break;
            }
        if (v.embeddingRows > 0 && v.tokenizerVocab > v.embeddingRows)
            v.problems.push_back("tokenizer: it can produce ids up to " + std::to_string(v.tokenizerVocab - 1) +
                                 " but the embedding matrix has only " + std::to_string(v.embeddingRows) + " rows");
    }
    return v;
}

}  // namespace ft::api
