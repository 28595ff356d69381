#include "core/train/attributions.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>

#include <torch/torch.h>

#include "core/tokenize/token_spans.h"

namespace ft::train {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Gauss–Legendre nodes and weights on [-1, 1] by Newton's method on P_n (ascending nodes).
void gaussLegendre(int n, std::vector<double>& nodes, std::vector<double>& weights) {
    nodes.assign(static_cast<size_t>(n), 0.0);
    weights.assign(static_cast<size_t>(n), 0.0);
    for (int i = 0; i < n; ++i) {
        double x = std::cos(kPi * (i + 0.75) / (n + 0.5));
        double derivative = 1;
        for (int iteration = 0; iteration < 100; ++iteration) {
            double p0 = 1, p1 = x;   // P_0, P_1, then up to P_n by Bonnet's recursion
            for (int k = 2; k <= n; ++k) {
                const double p2 = ((2.0 * k - 1) * x * p1 - (k - 1.0) * p0) / k;
                p0 = p1;
                p1 = p2;
            }
            const double pn = n == 0 ? 1 : (n == 1 ? x : p1), pn1 = n == 1 ? 1 : p0;
            derivative = n * (x * pn - pn1) / (x * x - 1);
            const double step = pn / derivative;
            x -= step;
            if (std::fabs(step) < 1e-15) break;
        }
        nodes[static_cast<size_t>(n - 1 - i)] = x;
        weights[static_cast<size_t>(n - 1 - i)] = 2 / ((1 - x * x) * derivative * derivative);
    }
}

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// When decoding does not give the text back (lowercasing or accent-stripping normalizers), find
// each token's spelling in the text, left to right and ignoring ASCII case; "##" continuation
// marks and the word-start marks of byte-level BPE and Metaspace are dropped first.
void alignBySpelling(const tok::Tokenizer& tokenizer, std::string_view text, std::vector<TokenAttribution>& tokens) {
    const std::string haystack = lowerAscii(text);
    size_t cursor = 0;
    for (TokenAttribution& t : tokens) {
        if (t.special) continue;
        std::string piece = tokenizer.decode({t.id}, true);
        if (piece.rfind("##", 0) == 0) piece = piece.substr(2);
        while (!piece.empty() && piece.front() == ' ') piece.erase(piece.begin());
        if (piece.empty()) continue;
        const size_t at = haystack.find(lowerAscii(piece), cursor);
        if (at == std::string::npos || at > cursor + 64) continue;   // not nearby: leave it unplaced
        t.begin = at;
        t.end = at + piece.size();
        cursor = at + piece.size();
    }
}

}  // namespace

std::pair<std::vector<double>, std::vector<double>> integrationPoints(IntegrationRule rule, int steps) {
    std::vector<double> alphas, weights;
    if (steps < 1) return {alphas, weights};
    if (rule == IntegrationRule::GaussLegendre) {
        gaussLegendre(steps, alphas, weights);
        for (size_t k = 0; k < alphas.size(); ++k) {
            alphas[k] = (alphas[k] + 1) / 2;   // [-1, 1] → [0, 1]
            weights[k] /= 2;
        }
        return {alphas, weights};
    }
    if (steps == 1) return {{1.0}, {1.0}};
    // Captum's riemann_trapezoid: α on linspace(0, 1, n), the two end points at half weight.
    for (int k = 0; k < steps; ++k) {
        alphas.push_back(static_cast<double>(k) / (steps - 1));
        weights.push_back(1.0 / (steps - 1));
    }
    weights.front() /= 2;
    weights.back() /= 2;
    return {alphas, weights};
}

Result<Attributions> integratedGradients(models::Model& model, const tok::Tokenizer& tokenizer, std::string_view text,
                                         const AttributionOptions& options, const torch::Device& device) {
    if (model.head() != models::Head::SequenceClassification)
        return makeError("explain.not_classifier", "explanations are computed for sequence-classification models only", {}, -1, "model");
    if (options.steps < 1 || options.steps > 1000)
        return makeError("explain.invalid_steps", "the number of integration steps must be between 1 and 1000", {}, -1, "steps");
    if (options.maxLength < 1) return makeError("explain.invalid_max_length", "max length must be at least 1", {}, -1, "max_length");

    // Ids exactly as training made them (see encodeExample), with the special-token mask.
    tok::Encoding enc = tokenizer.encode(text);
    if (enc.ids.empty() && tokenizer.specialTokens().eos) {
        enc.ids.push_back(*tokenizer.specialTokens().eos);
        enc.specialMask.push_back(1);
    }
    if (enc.ids.empty()) return makeError("explain.empty_text", "the text gives no tokens to explain", {}, -1, "text");
    enc.specialMask.resize(enc.ids.size(), 0);
    Attributions out;
    std::vector<TokenAttribution> tokens(enc.ids.size());
    for (size_t t = 0; t < enc.ids.size(); ++t) {
        tokens[t].id = enc.ids[t];
        tokens[t].token = tokenizer.idToToken(enc.ids[t]);
        tokens[t].special = enc.specialMask[t] != 0;
    }
    if (auto spans = tok::tokenSpans(tokenizer, text, enc)) {
        for (size_t t = 0; t < tokens.size() && t < spans->size(); ++t)
            if ((*spans)[t]) tokens[t].begin = (*spans)[t]->begin, tokens[t].end = (*spans)[t]->end;
    } else {
        alignBySpelling(tokenizer, text, tokens);
    }
    if (static_cast<int64_t>(tokens.size()) > options.maxLength) {
        tokens.resize(static_cast<size_t>(options.maxLength));
        out.truncated = true;
    }
    const int64_t T = static_cast<int64_t>(tokens.size());

    const bool wasTraining = model.is_training();
    model.eval();
    struct Restore {
        models::Model& m;
        bool training;
        ~Restore() {
            m.setWordEmbeddingHook({});
            m.train(training);
        }
    } restore{model, wasTraining};

    torch::Tensor ids = torch::empty({1, T}, torch::kLong);
    for (int64_t t = 0; t < T; ++t) ids[0][t] = static_cast<int64_t>(tokens[static_cast<size_t>(t)].id);
    ids = ids.to(device);
    torch::Tensor keepMask = torch::zeros({1, T, 1}, torch::kFloat);   // 1 = special: same in the baseline
    for (int64_t t = 0; t < T; ++t) keepMask[0][t][0] = tokens[static_cast<size_t>(t)].special ? 1.0 : 0.0;
    keepMask = keepMask.to(device);

    // The real input's word embeddings, captured through the hook on a plain forward.
    torch::Tensor input;   // [1, T, H]
    torch::Tensor logits;
    {
        torch::NoGradGuard noGrad;
        model.setWordEmbeddingHook([&](const torch::Tensor& words) {
            input = words.detach().clone();
            return words;
        });
        logits = model.forward(ids, torch::ones_like(ids));   // [1, C]
    }
    const torch::Tensor probs = torch::softmax(logits.to(torch::kDouble), -1)[0].cpu();
    const int64_t numClasses = probs.size(0);
    out.probabilities.assign(probs.data_ptr<double>(), probs.data_ptr<double>() + numClasses);
    out.targetClass = options.targetClass ? *options.targetClass : probs.argmax().item<int64_t>();
    if (out.targetClass < 0 || out.targetClass >= numClasses)
        return makeError("explain.invalid_target", "the target class " + std::to_string(out.targetClass) + " is not one of the model's " +
                                                       std::to_string(numClasses) + " classes", {}, -1, "target");
    out.targetProbability = out.probabilities[static_cast<size_t>(out.targetClass)];
    const torch::Tensor baseline = input * keepMask;   // [1, T, H]: zeros but for the special tokens
    const torch::Tensor difference = input - baseline;

    // Σ_k w_k ∇ p_target at the path points, a batch of points per forward pass.
    const auto [alphas, weights] = integrationPoints(options.rule, options.steps);
    torch::Tensor gradientSum = torch::zeros_like(input);   // [1, T, H]
    const int64_t batch = std::max(1, options.batchSize);
    for (size_t first = 0; first < alphas.size(); first += static_cast<size_t>(batch)) {
        const size_t count = std::min(alphas.size() - first, static_cast<size_t>(batch));
        const auto B = static_cast<int64_t>(count);
        torch::Tensor a = torch::tensor(std::vector<double>(alphas.begin() + first, alphas.begin() + first + count))
                              .to(input.dtype()).to(device).view({B, 1, 1});
        torch::Tensor w = torch::tensor(std::vector<double>(weights.begin() + first, weights.begin() + first + count))
                              .to(input.dtype()).to(device).view({B, 1, 1});
        torch::Tensor points = (baseline + a * difference).detach().requires_grad_(true);   // [B, T, H]
        model.setWordEmbeddingHook([&](const torch::Tensor&) { return points; });
        const torch::Tensor batchIds = ids.expand({B, T});
        const torch::Tensor p = torch::softmax(model.forward(batchIds, torch::ones_like(batchIds)), -1).select(1, out.targetClass);  // [B]
        const torch::Tensor grad = torch::autograd::grad({p.sum()}, {points})[0];   // [B, T, H]
        gradientSum += (grad * w).sum(0, true).detach();
    }
    const torch::Tensor perToken = (difference * gradientSum).sum(-1)[0].to(torch::kDouble).cpu();   // [T]
    double total = 0;
    for (int64_t t = 0; t < T; ++t) {
        tokens[static_cast<size_t>(t)].attribution = perToken[t].item<double>();
        total += tokens[static_cast<size_t>(t)].attribution;
    }

    {
        torch::NoGradGuard noGrad;
        model.setWordEmbeddingHook([&](const torch::Tensor&) { return baseline; });
        out.baselineProbability =
            torch::softmax(model.forward(ids, torch::ones_like(ids)).to(torch::kDouble), -1)[0][out.targetClass].item<double>();
    }
    out.convergenceDelta = total - (out.targetProbability - out.baselineProbability);
    out.tokens = std::move(tokens);
    return out;
}

}  // namespace ft::train
