#include "core/train/precision.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include <cmath>

namespace ft::train {

// LibTorch 2.4 replaced the per-backend autocast switches with ones taking the device type.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define FT_AUTOCAST_BY_DEVICE_TYPE 1
#endif

namespace {

bool autocastEnabled(bool cuda) {
#ifdef FT_AUTOCAST_BY_DEVICE_TYPE
    return at::autocast::is_autocast_enabled(cuda ? at::kCUDA : at::kCPU);
#else
    return cuda ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
#endif
}

void setAutocastEnabled(bool cuda, bool enabled) {
#ifdef FT_AUTOCAST_BY_DEVICE_TYPE
    at::autocast::set_autocast_enabled(cuda ? at::kCUDA : at::kCPU, enabled);
#else
    if (cuda) at::autocast::set_enabled(enabled);
    else at::autocast::set_cpu_enabled(enabled);
#endif
}

at::ScalarType autocastType(bool cuda) {
#ifdef FT_AUTOCAST_BY_DEVICE_TYPE
    return at::autocast::get_autocast_dtype(cuda ? at::kCUDA : at::kCPU);
#else
    return cuda ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
#endif
}

void setAutocastType(bool cuda, at::ScalarType type) {
#ifdef FT_AUTOCAST_BY_DEVICE_TYPE
    at::autocast::set_autocast_dtype(cuda ? at::kCUDA : at::kCPU, type);
#else
    if (cuda) at::autocast::set_autocast_gpu_dtype(type);
    else at::autocast::set_autocast_cpu_dtype(type);
#endif
}

}  // namespace

const char* precisionName(Precision p) {
    switch (p) {
    case Precision::BFloat16: return "bf16";
    case Precision::Float16: return "fp16";
    case Precision::Float32: break;
    }
    return "fp32";
}

PrecisionChoice resolvePrecision(const std::string& wanted, const torch::Device& device) {
    PrecisionChoice c;
    if (wanted == "bf16") {
        c.precision = Precision::BFloat16;
    } else if (wanted == "fp16") {
        if (device.is_cuda()) c.precision = Precision::Float16;
        else c.warning = "fp16 mixed precision needs a CUDA GPU; training in fp32 on the CPU (bf16 works on the CPU)";
    } else if (wanted == "auto") {
        c.precision = device.is_cuda() ? Precision::BFloat16 : Precision::Float32;
    }
    return c;
}

AutocastScope::AutocastScope(Precision precision, const torch::Device& device) {
    if (precision == Precision::Float32) return;
    m_active = true;
    m_cuda = device.is_cuda();
    m_wasEnabled = autocastEnabled(m_cuda);
    m_previousType = autocastType(m_cuda);
    setAutocastType(m_cuda, precision == Precision::Float16 ? at::kHalf : at::kBFloat16);
    setAutocastEnabled(m_cuda, true);
    at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope() {
    if (!m_active) return;
    // As torch.autocast's __exit__: the cache of cast weights lives until the outermost scope ends.
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    setAutocastEnabled(m_cuda, m_wasEnabled);
    setAutocastType(m_cuda, m_previousType);
}

bool LossScaler::unscale(const std::vector<torch::Tensor>& parameters) const {
    if (!m_enabled) return true;
    const double inverse = 1.0 / m_scale;
    torch::Tensor overflow;  // one flag on the device: a single synchronisation at the end
    for (const auto& p : parameters) {
        torch::Tensor g = p.grad();
        if (!g.defined()) continue;
        g.mul_(inverse);
        torch::Tensor bad = torch::logical_not(torch::isfinite(g)).any();
        overflow = overflow.defined() ? torch::logical_or(overflow, bad) : bad;
    }
    return !overflow.defined() || !overflow.item<bool>();
}

void LossScaler::update(bool finite) {
    if (!m_enabled) return;
    if (!finite) {
        m_scale *= kBackoffFactor;
        m_cleanSteps = 0;
        return;
    }
    if (++m_cleanSteps >= kGrowthInterval) {
        m_scale *= kGrowthFactor;
        m_cleanSteps = 0;
    }
}

}  // namespace ft::train
