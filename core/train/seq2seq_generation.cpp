#include "core/train/seq2seq_generation.h"

#include <algorithm>

#include <torch/torch.h>

#include "core/models/generate.h"

namespace ft::train {

std::vector<int64_t> endOfTextIds(const io::ModelConfig& config, const tok::Tokenizer& tokenizer) {
    std::vector<int64_t> eos = config.eosTokenIds;
    if (eos.empty() && config.eosTokenId) eos.push_back(*config.eosTokenId);
    if (auto e = tokenizer.specialTokens().eos; e && std::find(eos.begin(), eos.end(), *e) == eos.end()) eos.push_back(*e);
    return eos;
}

std::string comparableText(const tok::Tokenizer& tokenizer, const std::vector<int32_t>& ids) {
    const std::string text = tokenizer.decode(ids, /*skipSpecialTokens=*/true);
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

eval::TextToTextSummary generateTargets(models::Model& model, const tok::Tokenizer& tokenizer, const std::vector<Example>& examples,
                                        const std::vector<std::string>& sources, int64_t maxNewTokens, const std::vector<int64_t>& eosTokenIds) {
    eval::TextToTextSummary out;
    out.maxNewTokens = maxNewTokens;
    const bool wasTraining = model.is_training();
    model.eval();
    torch::NoGradGuard noGrad;
    int64_t matches = 0;
    for (size_t i = 0; i < examples.size() && i < kGeneratedExamples; ++i) {
        const Example& ex = examples[i];
        const std::vector<int64_t> prompt(ex.ids.begin(), ex.ids.end());
        const models::GenerationResult result = models::greedyGenerate(model, prompt, maxNewTokens, eosTokenIds, 0);
        const std::string prediction = comparableText(tokenizer, std::vector<int32_t>(result.tokens.begin(), result.tokens.end()));
        const std::string target = comparableText(tokenizer, ex.targetIds);
        matches += prediction == target ? 1 : 0;
        ++out.generated;
        if (out.samples.size() < kGeneratedSamples)
            out.samples.push_back({i < sources.size() ? sources[i] : tokenizer.decode(ex.ids, true), target, prediction});
    }
    out.exactMatch = out.generated > 0 ? eval::MetricValue::of(double(matches) / double(out.generated))
                                       : eval::MetricValue::undefined("no_examples");
    if (wasTraining) model.train();
    return out;
}

}  // namespace ft::train
