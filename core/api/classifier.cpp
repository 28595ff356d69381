#include "core/api/classifier.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/tokenize/tokenizer.h"
#include "core/train/attributions.h"
#include "core/train/model_source.h"
#include "core/train/prepared_data.h"

namespace ft::api {

struct Classifier::State {
    models::LoadedModel loaded;
    std::unique_ptr<tok::Tokenizer> tokenizer;
    std::vector<std::string> labels;
    int64_t maxLength = 512;
};

Classifier::Classifier(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Classifier::~Classifier() = default;

const std::vector<std::string>& Classifier::labels() const { return m_state->labels; }
int64_t Classifier::maxLength() const { return m_state->maxLength; }

Result<std::unique_ptr<Classifier>> Classifier::open(const std::string& path, int threads) {
    try {
        auto source = train::locateModelSource(path, /*adapterOnly=*/false);
        if (!source) return source.error();
        exporting::AdapterConfig adapter;
        auto loaded = train::loadModelSource(*source, &adapter);
        if (!loaded) return loaded.error();
        if (loaded->model->head() != models::Head::SequenceClassification)
            return makeError("classifier.not_classifier",
                             "the model has a " + std::string(loaded->model->head() == models::Head::CausalLM ? "causal-LM" : "other") +
                                 " head, not a sequence-classification head",
                             path);
        auto tokenizer = tok::Tokenizer::load(source->tokenizerFolder());
        if (!tokenizer) return tokenizer.error();
        auto state = std::make_unique<State>();
        state->labels = loaded->config.id2label;
        const int64_t numLabels = loaded->model->forward(torch::zeros({1, 1}, torch::kLong), torch::ones({1, 1}, torch::kLong)).size(1);
        for (auto i = static_cast<int64_t>(state->labels.size()); i < numLabels; ++i) state->labels.push_back("LABEL_" + std::to_string(i));
        state->labels.resize(static_cast<size_t>(numLabels));
        state->maxLength = source->job ? source->job->data.maxLength : io::maxPositions(loaded->config);
        if (state->maxLength <= 0) state->maxLength = 512;
        state->loaded = std::move(*loaded);
        state->loaded.model->eval();
        state->tokenizer = std::make_unique<tok::Tokenizer>(std::move(*tokenizer));
        torch::set_num_threads(threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
        return std::unique_ptr<Classifier>(new Classifier(std::move(state)));
    } catch (const std::exception& e) {
        return makeError("classifier.internal", std::string("could not open the model: ") + e.what(), path);
    }
}

Result<Explanation> Classifier::explain(const std::string& text, const ExplainOptions& options) {
    train::AttributionOptions o;
    o.targetClass = options.targetClass;
    o.maxLength = m_state->maxLength;
    if (options.rule == "gauss_legendre") o.rule = train::IntegrationRule::GaussLegendre;
    else if (options.rule == "trapezoid") o.rule = train::IntegrationRule::Trapezoid;
    else
        return makeError("explain.invalid_rule", "unknown integration rule '" + options.rule + "' (use gauss_legendre or trapezoid)", {}, -1,
                         "rule");
    const auto converged = [](const train::Attributions& a) {
        return std::fabs(a.convergenceDelta) <= std::max(1e-3, 0.01 * std::fabs(a.targetProbability - a.baselineProbability));
    };
    try {
        o.steps = options.steps > 0 ? options.steps : 50;
        auto a = train::integratedGradients(*m_state->loaded.model, *m_state->tokenizer, text, o);
        while (options.steps <= 0 && a && !converged(*a) && o.steps < 800) {
            o.steps *= 4;
            a = train::integratedGradients(*m_state->loaded.model, *m_state->tokenizer, text, o);
        }
        if (!a) return a.error();
        Explanation out;
        out.prediction.labels = m_state->labels;
        out.prediction.probabilities = a->probabilities;
        out.prediction.predicted = static_cast<int64_t>(
            std::max_element(a->probabilities.begin(), a->probabilities.end()) - a->probabilities.begin());
        out.prediction.truncated = a->truncated;
        out.targetClass = a->targetClass;
        out.targetProbability = a->targetProbability;
        out.baselineProbability = a->baselineProbability;
        out.convergenceDelta = a->convergenceDelta;
        out.steps = o.steps;
        out.converged = converged(*a);
        out.rule = options.rule;
        for (const train::TokenAttribution& t : a->tokens) {
            TokenAttribution x;
            x.token = t.token;
            x.special = t.special;
            if (t.begin && t.end) x.begin = static_cast<int64_t>(*t.begin), x.end = static_cast<int64_t>(*t.end);
            x.attribution = t.attribution;
            out.tokens.push_back(std::move(x));
        }
        return out;
    } catch (const std::exception& e) {
        return makeError("explain.internal", std::string("the explanation stopped: ") + e.what());
    }
}

Result<Prediction> Classifier::predict(const std::string& text) {
    // One forward pass, on the ids the explanation would use (encodeExample: training's encoding).
    try {
        train::Example example;
        Prediction out;
        out.truncated = train::encodeExample(*m_state->tokenizer, text, nullptr, m_state->maxLength, true, example);
        if (example.ids.empty()) return makeError("explain.empty_text", "the text gives no tokens to classify", {}, -1, "text");
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = torch::tensor(std::vector<int64_t>(example.ids.begin(), example.ids.end())).unsqueeze(0);   // [1, T]
        const torch::Tensor probs = torch::softmax(m_state->loaded.model->forward(ids, torch::ones_like(ids)).to(torch::kDouble), -1)[0];
        out.labels = m_state->labels;
        out.probabilities.assign(probs.data_ptr<double>(), probs.data_ptr<double>() + probs.numel());
        out.predicted = probs.argmax().item<int64_t>();
        return out;
    } catch (const std::exception& e) {
        return makeError("classifier.internal", std::string("the prediction stopped: ") + e.what());
    }
}

namespace {

// Code points before byte offset `byte` (continuation bytes 10xxxxxx do not start one).
int64_t codePointIndex(const std::string& text, int64_t byte) {
    int64_t n = 0;
    for (int64_t i = 0; i < byte && i < static_cast<int64_t>(text.size()); ++i)
        if ((static_cast<unsigned char>(text[static_cast<size_t>(i)]) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

std::string explanationJson(const Explanation& e, const std::string& text) {
    using nlohmann::json;
    json probabilities = json::object();
    for (size_t i = 0; i < e.prediction.labels.size() && i < e.prediction.probabilities.size(); ++i)
        probabilities[e.prediction.labels[i]] = e.prediction.probabilities[i];
    json tokens = json::array();
    for (const TokenAttribution& t : e.tokens) {
        json j = {{"token", t.token}, {"special", t.special}, {"attribution", t.attribution}};
        if (t.begin >= 0) {
            j["begin"] = t.begin;
            j["end"] = t.end;
            j["char_begin"] = codePointIndex(text, t.begin);
            j["char_end"] = codePointIndex(text, t.end);
            j["text"] = text.substr(static_cast<size_t>(t.begin), static_cast<size_t>(t.end - t.begin));
        } else {
            j["begin"] = nullptr;
            j["end"] = nullptr;
        }
        tokens.push_back(std::move(j));
    }
    const auto label = [&](int64_t i) {
        return i >= 0 && i < static_cast<int64_t>(e.prediction.labels.size()) ? e.prediction.labels[static_cast<size_t>(i)] : std::string();
    };
    json out = {{"format", "finetune-explanation"},
                {"version", 1},
                {"method", "integrated_gradients"},
                {"rule", e.rule},
                {"steps", e.steps},
                {"baseline", "zero word embeddings (special tokens kept)"},
                {"predicted", label(e.prediction.predicted)},
                {"probabilities", probabilities},
                {"target", label(e.targetClass)},
                {"target_probability", e.targetProbability},
                {"baseline_probability", e.baselineProbability},
                {"convergence_delta", e.convergenceDelta},
                {"converged", e.converged},
                {"truncated", e.prediction.truncated},
                {"tokens", tokens}};
    return out.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace ft::api
