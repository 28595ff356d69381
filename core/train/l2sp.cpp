#include "core/train/l2sp.h"

#include <algorithm>

namespace ft::train {

L2SpPenalty::L2SpPenalty(double alpha, models::Model& model, models::Model& pretrained, const std::vector<std::string>& notPretrained)
    : m_alpha(alpha) {
    const auto anchors = pretrained.named_parameters(/*recurse=*/true);
    for (const auto& item : model.named_parameters(/*recurse=*/true)) {
        if (std::find(notPretrained.begin(), notPretrained.end(), item.key()) != notPretrained.end()) continue;
        const torch::Tensor* anchor = anchors.find(item.key());
        if (!anchor || !anchor->sizes().equals(item.value().sizes())) continue;
        m_pairs.emplace_back(item.value(), anchor->detach().to(item.value().device(), item.value().scalar_type()).clone());
    }
}

void L2SpPenalty::addToGradients() const {
    if (m_alpha <= 0) return;
    torch::NoGradGuard noGrad;
    for (const auto& [param, anchor] : m_pairs) {
        torch::Tensor grad = param.grad();
        if (!param.requires_grad() || !grad.defined()) continue;
        grad.add_(param.detach() - anchor, m_alpha);
    }
}

double L2SpPenalty::penalty() const {
    torch::NoGradGuard noGrad;
    double sum = 0;
    for (const auto& [param, anchor] : m_pairs) sum += (param.detach() - anchor).pow(2).sum().item<double>();
    return 0.5 * m_alpha * sum;
}

}  // namespace ft::train
