#include "core/models/rope.h"

#include <algorithm>
#include <cmath>

#include <torch/torch.h>

namespace ft::models {

namespace {

constexpr double kPi = 3.14159265358979323846;

// 1 / theta^(2i / D), built like transformers (int64 arange, then float32).
torch::Tensor defaultInvFreq(double theta, int64_t headDim, const torch::Device& device) {
    auto f32 = torch::TensorOptions().dtype(torch::kFloat).device(device);
    torch::Tensor exponents = torch::arange(0, headDim, 2, f32.dtype(torch::kLong)).to(torch::kFloat) / double(headDim);
    return 1.0 / torch::pow(torch::tensor(theta, f32), exponents);  // [D/2]
}

// Llama 3.1: wavelengths longer than original/low_freq_factor are divided by factor, shorter than
// original/high_freq_factor kept, and the band between blended smoothly.
torch::Tensor llama3InvFreq(const RopeSettings& r, int64_t headDim, const torch::Device& device) {
    torch::Tensor invFreq = defaultInvFreq(r.theta, headDim, device);
    const double oldContext = double(r.originalMaxPositions);
    const double lowFreqWavelen = oldContext / r.lowFreqFactor, highFreqWavelen = oldContext / r.highFreqFactor;
    torch::Tensor wavelen = 2.0 * kPi / invFreq;
    torch::Tensor scaled = torch::where(wavelen > lowFreqWavelen, invFreq / r.factor, invFreq);
    torch::Tensor smooth = (oldContext / wavelen - r.lowFreqFactor) / (r.highFreqFactor - r.lowFreqFactor);
    torch::Tensor smoothed = (1 - smooth) * scaled / r.factor + smooth * scaled;
    torch::Tensor medium = wavelen.ge(highFreqWavelen) & wavelen.le(lowFreqWavelen);
    return torch::where(medium, smoothed, scaled);
}

// YaRN: interpolated (÷ factor) frequencies for low dimensions' long wavelengths, extrapolated
// (unchanged) for high-frequency ones, a linear ramp between the correction-range bounds.
torch::Tensor yarnInvFreq(const RopeSettings& r, int64_t headDim, const torch::Device& device) {
    const double dim = double(headDim);
    const double original = double(r.originalMaxPositions);
    auto correctionDim = [&](double rotations) {
        return dim * std::log(original / (rotations * 2 * kPi)) / (2 * std::log(r.theta));
    };
    double low = correctionDim(r.betaFast), high = correctionDim(r.betaSlow);
    if (r.truncate) low = std::floor(low), high = std::ceil(high);
    low = std::max(low, 0.0);
    high = std::min(high, dim - 1);
    if (low == high) high += 0.001;  // no division by zero
    auto f32 = torch::TensorOptions().dtype(torch::kFloat).device(device);
    torch::Tensor posFreqs = torch::pow(torch::tensor(r.theta, f32), torch::arange(0, headDim, 2, f32) / dim);  // [D/2]
    torch::Tensor extrapolation = 1.0 / posFreqs;
    torch::Tensor interpolation = 1.0 / (r.factor * posFreqs);
    torch::Tensor ramp = ((torch::arange(headDim / 2, f32) - low) / (high - low)).clamp(0, 1);
    torch::Tensor extrapolationWeight = 1 - ramp;
    return interpolation * (1 - extrapolationWeight) + extrapolation * extrapolationWeight;
}

}  // namespace

torch::Tensor ropeInvFreq(const RopeSettings& rope, int64_t headDim, int64_t seqLen, const torch::Device& device) {
    switch (rope.type) {
    case RopeType::Default: return defaultInvFreq(rope.theta, headDim, device);
    case RopeType::Linear: return defaultInvFreq(rope.theta, headDim, device) / rope.factor;
    case RopeType::Dynamic: {
        // NTK-aware: the base grows with the sequence once it is longer than max_position_embeddings.
        const double seq = double(std::max(seqLen, rope.maxPositions)), dim = double(headDim);
        const double base = rope.theta * std::pow(rope.factor * seq / double(rope.maxPositions) - (rope.factor - 1), dim / (dim - 2));
        return defaultInvFreq(base, headDim, device);
    }
    case RopeType::Llama3: return llama3InvFreq(rope, headDim, device);
    case RopeType::Yarn: return yarnInvFreq(rope, headDim, device);
    }
    return defaultInvFreq(rope.theta, headDim, device);
}

std::pair<torch::Tensor, torch::Tensor> ropeCosSin(const RopeSettings& rope, int64_t headDim, int64_t T,
                                                   const torch::Device& device) {
    auto f32 = torch::TensorOptions().dtype(torch::kFloat).device(device);
    torch::Tensor invFreq = ropeInvFreq(rope, headDim, T, device);  // [D/2]
    torch::Tensor freqs = torch::outer(torch::arange(T, f32), invFreq);  // [T, D/2]
    torch::Tensor emb = torch::cat({freqs, freqs}, -1);                   // [T, D]
    if (rope.attentionFactor != 1.0) return {emb.cos() * rope.attentionFactor, emb.sin() * rope.attentionFactor};
    return {emb.cos(), emb.sin()};
}

torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
    const int64_t half = x.size(-1) / 2;
    torch::Tensor rotated = torch::cat({-x.slice(-1, half), x.slice(-1, 0, half)}, -1);  // rotate_half
    return (x * cos.to(x.scalar_type()) + rotated * sin.to(x.scalar_type()));
}

}  // namespace ft::models
