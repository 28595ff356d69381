#pragma once
// Integrated gradients (Sundararajan et al. 2017) for a sequence-classification prediction: how
// much each input token moved the predicted class's probability. The path runs from a baseline
// input, whose word embeddings are zero for the text's tokens (the special tokens the tokenizer
// adds keep theirs), to the real input; positions and token types are the same along the path.
//   attribution_t = Σ_h (x_th − x'_th) · Σ_k w_k ∂p_target/∂x_th (x' + α_k (x − x'))
// with α_k, w_k from Gauss–Legendre quadrature on [0, 1] (Captum's default) or the trapezoid rule.
// By completeness Σ_t attribution_t ≈ p_target(x) − p_target(x'); the difference is reported as
// the convergence delta and shrinks as the number of steps grows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <torch/types.h>

#include "core/common/result.h"
#include "core/models/model.h"
#include "core/tokenize/tokenizer.h"

namespace ft::train {

enum class IntegrationRule { GaussLegendre, Trapezoid };

struct AttributionOptions {
    int steps = 50;                       // points on the path (Captum's n_steps)
    IntegrationRule rule = IntegrationRule::GaussLegendre;
    int batchSize = 16;                   // path points per forward pass
    std::optional<int64_t> targetClass;   // default: the predicted class
    int64_t maxLength = 512;              // the text is cut here, as for training
};

struct TokenAttribution {
    int32_t id = 0;
    std::string token;                    // the token as the vocabulary spells it
    bool special = false;                 // inserted by the tokenizer ([CLS], <s>, ...): attribution 0
    std::optional<size_t> begin, end;     // byte offsets [begin, end) in the text; absent when unknown
    double attribution = 0;
};

struct Attributions {
    int64_t targetClass = 0;
    std::vector<double> probabilities;    // of the real input, per class
    double targetProbability = 0;         // p_target(x)
    double baselineProbability = 0;       // p_target(x')
    double convergenceDelta = 0;          // Σ attribution − (p_target(x) − p_target(x'))
    bool truncated = false;               // the text was cut at maxLength
    std::vector<TokenAttribution> tokens;
};

// Quadrature points α_k ∈ [0, 1] and weights w_k (Σ w_k = 1) of `rule` with `steps` points.
std::pair<std::vector<double>, std::vector<double>> integrationPoints(IntegrationRule rule, int steps);

// The model must have a sequence-classification head; it is run in eval mode on `device` and
// left in the mode it had. Parameter gradients are not touched.
Result<Attributions> integratedGradients(models::Model& model, const tok::Tokenizer& tokenizer, std::string_view text,
                                         const AttributionOptions& options, const torch::Device& device = torch::kCPU);

}  // namespace ft::train
