#include "core/api/playground.h"

#include <algorithm>
#include <chrono>

#include <torch/torch.h>

#include "core/models/generate.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/model_source.h"
#include "core/train/seq2seq_generation.h"

namespace ft::api {

struct PlaygroundModel::Impl {
    std::string folder;
    std::string modelFolder;
    models::LoadedModel loaded;
    tok::Tokenizer tokenizer;
};

namespace {

// How much of `text` can be shown without showing the start of a stop string that may still complete.
size_t streamableLength(const std::string& text, const std::vector<std::string>& stops) {
    size_t safe = text.size();
    for (const auto& stop : stops) {
        if (stop.empty()) continue;
        if (size_t at = text.find(stop); at != std::string::npos) safe = std::min(safe, at);
        for (size_t k = std::min(stop.size() - 1, text.size()); k > 0; --k)
            if (text.compare(text.size() - k, k, stop, 0, k) == 0) {
                safe = std::min(safe, text.size() - k);
                break;
            }
    }
    // A multi-byte character still being generated decodes as U+FFFD (EF BF BD) for now: hold it back.
    if (safe >= 3 && text.compare(safe - 3, 3, "\xEF\xBF\xBD") == 0) safe -= 3;
    return safe;
}

std::vector<int64_t> idsOf(const tok::Encoding& encoding) { return {encoding.ids.begin(), encoding.ids.end()}; }

}  // namespace

PlaygroundModel::PlaygroundModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
PlaygroundModel::~PlaygroundModel() = default;

Result<std::unique_ptr<PlaygroundModel>> PlaygroundModel::open(const std::string& folder) {
    try {
        auto source = train::locateModelSource(folder, /*adapterOnly=*/false);
        if (!source) return source.error();
        exporting::AdapterConfig adapter;
        auto loaded = train::loadModelSource(*source, &adapter);
        if (!loaded) return loaded.error();
        auto tokenizer = tok::Tokenizer::load(source->tokenizerFolder());
        if (!tokenizer) return tokenizer.error();
        loaded->model->eval();
        auto impl = std::make_unique<Impl>(Impl{folder, source->modelFolder.string(), std::move(*loaded), std::move(*tokenizer)});
        return std::unique_ptr<PlaygroundModel>(new PlaygroundModel(std::move(impl)));
    } catch (const std::exception& e) {
        return makeError("playground.internal", std::string("the model could not be loaded: ") + e.what(), folder);
    }
}

const std::string& PlaygroundModel::folder() const { return m_impl->folder; }
const std::string& PlaygroundModel::modelFolder() const { return m_impl->modelFolder; }
bool PlaygroundModel::canGenerate() const {
    const models::Head head = m_impl->loaded.model->head();
    return head == models::Head::CausalLM || head == models::Head::Seq2SeqLM;
}
bool PlaygroundModel::canClassify() const { return m_impl->loaded.model->head() == models::Head::SequenceClassification; }

std::vector<std::string> PlaygroundModel::labels() const { return m_impl->loaded.config.id2label; }

Result<std::vector<LabelProbability>> PlaygroundModel::classify(const std::string& text) {
    if (!canClassify())
        return makeError("playground.wrong_head", "this model continues text; it has no classification head", m_impl->modelFolder);
    try {
        torch::NoGradGuard noGrad;
        std::vector<int64_t> ids = idsOf(m_impl->tokenizer.encode(text));
        const int64_t limit = io::maxPositions(m_impl->loaded.config);
        if (limit > 0 && int64_t(ids.size()) > limit) ids.resize(size_t(limit));
        if (ids.empty()) return makeError("playground.empty_text", "there is no text to classify");
        auto& model = *m_impl->loaded.model;
        const torch::Device device = model.parameters().front().device();
        torch::Tensor input = torch::tensor(ids, torch::kLong).unsqueeze(0).to(device);           // [1, T]
        torch::Tensor probs = torch::softmax(model.forward(input, torch::ones_like(input)).to(torch::kDouble), -1)
                                  .squeeze(0).cpu();                                               // [numLabels]
        const auto& names = m_impl->loaded.config.id2label;
        std::vector<LabelProbability> out;
        for (int64_t i = 0; i < probs.size(0); ++i)
            out.push_back({size_t(i) < names.size() ? names[size_t(i)] : "LABEL_" + std::to_string(i), probs[i].item<double>()});
        return out;
    } catch (const std::exception& e) {
        return makeError("playground.internal", std::string("classification stopped: ") + e.what(), m_impl->modelFolder);
    }
}

Result<GeneratedText> PlaygroundModel::generate(const std::string& prompt, const GenerationSettings& settings,
                                                const std::function<bool(const std::string&)>& onText,
                                                const std::atomic<bool>* cancel) {
    if (!canGenerate())
        return makeError("playground.wrong_head", "this model classifies text; it has no language-model head", m_impl->modelFolder);
    try {
        const auto& tokenizer = m_impl->tokenizer;
        const auto& config = m_impl->loaded.config;
        const tok::Encoding encoding = tokenizer.encode(prompt);
        std::vector<int64_t> ids = idsOf(encoding);
        const std::vector<int64_t> eos = train::endOfTextIds(config, tokenizer);
        // A post-processor that appends EOS would end the prompt before it starts (an encoder-decoder's
        // encoder input keeps it: T5 was trained with it).
        const bool encoderDecoder = m_impl->loaded.model->head() == models::Head::Seq2SeqLM;
        if (!encoderDecoder && ids.size() > 1 && !encoding.specialMask.empty() && encoding.specialMask.back() &&
            std::find(eos.begin(), eos.end(), ids.back()) != eos.end())
            ids.pop_back();
        if (ids.empty()) {  // an empty prompt starts from BOS (else EOS), as the export check does
            if (config.bosTokenId) ids.push_back(*config.bosTokenId);
            else if (!eos.empty()) ids.push_back(eos.front());
            else return makeError("playground.empty_text", "there is no prompt and the model has no start token");
        }

        models::GenerationOptions options;
        options.maxNewTokens = settings.maxNewTokens;
        options.sample = settings.temperature > 0;
        options.temperature = settings.temperature > 0 ? settings.temperature : 1.0;
        options.topK = settings.topK;
        options.topP = settings.topP;
        options.repetitionPenalty = settings.repetitionPenalty;
        options.seed = settings.seed;
        options.eosTokenIds = eos;
        options.stopStrings = settings.stopStrings;
        options.maxPositions = io::maxPositions(config);

        auto decode = [&](const std::vector<int64_t>& tokens) {
            return tokenizer.decode(std::vector<int32_t>(tokens.begin(), tokens.end()), /*skipSpecialTokens=*/true);
        };
        std::vector<int64_t> generated;
        size_t shown = 0;
        models::GenerationCallbacks callbacks;
        callbacks.decode = decode;
        callbacks.cancel = cancel;
        callbacks.onToken = [&](int64_t token) {
            generated.push_back(token);
            if (!onText) return true;
            const std::string text = decode(generated);
            const size_t safe = streamableLength(text, settings.stopStrings);
            if (safe <= shown) return true;
            const std::string piece = text.substr(shown, safe - shown);
            shown = safe;
            return onText(piece);
        };
        const auto start = std::chrono::steady_clock::now();
        models::GenerationResult result = models::generate(*m_impl->loaded.model, ids, options, callbacks);
        GeneratedText out;
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        out.tokenCount = int64_t(result.tokens.size());
        out.tokenIds = result.tokens;
        out.stopReason = models::stopReasonName(result.stopReason);
        out.text = decode(result.tokens);
        if (!result.stopString.empty()) out.text.resize(out.text.find(result.stopString));
        return out;
    } catch (const std::exception& e) {
        return makeError("playground.internal", std::string("generation stopped: ") + e.what(), m_impl->modelFolder);
    }
}

}  // namespace ft::api
