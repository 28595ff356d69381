#include "core/models/attention_mask.h"

#include <torch/torch.h>

namespace ft::models {

namespace {
double lowestOf(torch::ScalarType dtype) {
    switch (dtype) {
    case torch::kFloat16: return -65504.0;
    case torch::kBFloat16: return -3.3895313892515355e38;
    case torch::kFloat64: return std::numeric_limits<double>::lowest();
    default: return std::numeric_limits<float>::lowest();
    }
}
}  // namespace

torch::Tensor causalAdditiveMask(const torch::Tensor& attentionMask, torch::ScalarType dtype) {
    const int64_t T = attentionMask.size(1);
    auto boolOpts = attentionMask.options().dtype(torch::kBool);
    torch::Tensor causal = torch::ones({T, T}, boolOpts).tril();              // [T, T]
    torch::Tensor keys = attentionMask.to(torch::kBool).unsqueeze(1).unsqueeze(1);  // [B, 1, 1, T]
    torch::Tensor allowed = causal.unsqueeze(0).unsqueeze(0) & keys;           // [B, 1, T, T]
    auto opts = attentionMask.options().dtype(dtype);
    return torch::where(allowed, torch::zeros({}, opts), torch::full({}, lowestOf(dtype), opts));
}

torch::Tensor causalAdditiveMaskWithPast(int64_t newLength, int64_t past, torch::ScalarType dtype, const torch::Device& device) {
    auto longs = torch::TensorOptions().dtype(torch::kLong).device(device);
    torch::Tensor queries = torch::arange(past, past + newLength, longs).unsqueeze(1);  // [Tnew, 1]
    torch::Tensor keys = torch::arange(past + newLength, longs).unsqueeze(0);          // [1, T]
    auto opts = torch::TensorOptions().dtype(dtype).device(device);
    torch::Tensor mask = torch::where(keys.le(queries), torch::zeros({}, opts), torch::full({}, lowestOf(dtype), opts));
    return mask.unsqueeze(0).unsqueeze(0);  // [1, 1, Tnew, T]
}

torch::Tensor paddingAdditiveMask(const torch::Tensor& attentionMask, torch::ScalarType dtype) {
    torch::Tensor keep = attentionMask.to(dtype).unsqueeze(1).unsqueeze(1);  // [B, 1, 1, T]
    return (1.0 - keep) * lowestOf(dtype);
}

torch::Tensor poolRightmostNonPad(const torch::Tensor& hidden, const torch::Tensor& inputIds, int64_t padTokenId) {
    const int64_t T = inputIds.size(1);
    torch::Tensor nonPad = inputIds.ne(padTokenId).to(torch::kLong);                      // [B, T]
    torch::Tensor positions = torch::arange(T, inputIds.options().dtype(torch::kLong));  // [T]
    torch::Tensor last = (positions.unsqueeze(0) * nonPad).argmax(-1);                    // [B]
    torch::Tensor batch = torch::arange(hidden.size(0), last.options());
    return hidden.index({batch, last});                                                    // [B, C]
}

torch::Tensor addMask(torch::Tensor scores, const torch::Tensor& additiveMask) {
    if (scores.scalar_type() != additiveMask.scalar_type()) return scores + additiveMask;
    return scores.add_(additiveMask);
}

}  // namespace ft::models
