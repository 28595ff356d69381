#pragma once
// L2-SP (Li, Grandvalet & Davoine, "Explicit inductive bias for transfer learning with convolutional
// networks", 2018): the penalty α/2·‖w − w₀‖² keeps fine-tuned weights near their pretrained
// values w₀, against forgetting. Added as its gradient α·(w − w₀), once the step's gradients are
// complete (every micro-batch, every rank) and before clipping — as if it were part of the loss.
// A new head has no pretrained value and is not pulled.

#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "core/models/model.h"

namespace ft::train {

class L2SpPenalty {
public:
    L2SpPenalty() = default;
    // Pairs each parameter of `model` with the same-named one of `pretrained` (the model as loaded
    // from the job's model folder), except the names in `notPretrained`. The anchors are copies.
    L2SpPenalty(double alpha, models::Model& model, models::Model& pretrained, const std::vector<std::string>& notPretrained);

    bool enabled() const { return m_alpha > 0 && !m_pairs.empty(); }
    size_t anchoredTensors() const { return m_pairs.size(); }
    // grad += α·(w − w₀) for each anchored parameter that has a gradient this step.
    void addToGradients() const;
    // α/2·Σ‖w − w₀‖² over every anchored parameter.
    double penalty() const;

private:
    double m_alpha = 0;
    std::vector<std::pair<torch::Tensor, torch::Tensor>> m_pairs;  // (parameter, its pretrained copy)
};

}  // namespace ft::train
