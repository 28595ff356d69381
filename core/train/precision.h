#pragma once
// Mixed-precision training: autocast (matrix products in bfloat16 or float16, float32 master weights
// and optimizer state) and, for float16, dynamic loss scaling as torch.amp.GradScaler does it.

#include <torch/torch.h>

#include <string>

namespace ft::train {

enum class Precision { Float32, BFloat16, Float16 };

const char* precisionName(Precision p);  // "fp32" | "bf16" | "fp16"

struct PrecisionChoice {
    Precision precision = Precision::Float32;
    std::string warning;  // why the job's choice could not be honoured on this device ("" = it was)
};

// The job's "training.precision" on the device the run uses. "auto" is bf16 on a GPU, fp32 on the
// CPU. bf16 runs on both (CPU autocast computes linear layers in bfloat16); fp16 needs CUDA and falls
// back to fp32 on the CPU, with a warning.
PrecisionChoice resolvePrecision(const std::string& wanted, const torch::Device& device);

// Autocast on for this thread while it lives (autocast state is thread-local); restores the previous
// state and frees the cast-weight cache when it ends. Float32 does nothing.
class AutocastScope {
public:
    AutocastScope(Precision precision, const torch::Device& device);
    ~AutocastScope();
    AutocastScope(const AutocastScope&) = delete;
    AutocastScope& operator=(const AutocastScope&) = delete;

private:
    bool m_active = false;
    bool m_cuda = false;
    bool m_wasEnabled = false;
    at::ScalarType m_previousType = at::kFloat;
};

// Dynamic loss scaling (GradScaler's defaults): the loss is multiplied by `scale` before backward;
// gradients are divided by it afterwards. A step whose gradients overflow is skipped and halves the
// scale; 2,000 clean steps in a row double it. Disabled (scale 1, nothing skipped) unless fp16.
class LossScaler {
public:
    explicit LossScaler(bool enabled = false) : m_enabled(enabled) {}

    bool enabled() const { return m_enabled; }
    double scale() const { return m_enabled ? m_scale : 1.0; }
    // Divides the gradients by the scale; false when any of them is not finite (the step is skipped).
    bool unscale(const std::vector<torch::Tensor>& parameters) const;
    // After each step: finite = the gradients were usable.
    void update(bool finite);

    int64_t cleanSteps() const { return m_cleanSteps; }
    void restore(double scale, int64_t cleanSteps) {
        m_scale = scale;
        m_cleanSteps = cleanSteps;
    }

    static constexpr double kInitialScale = 65536.0;
    static constexpr double kGrowthFactor = 2.0;
    static constexpr double kBackoffFactor = 0.5;
    static constexpr int64_t kGrowthInterval = 2000;

private:
    bool m_enabled = false;
    double m_scale = kInitialScale;
    int64_t m_cleanSteps = 0;
};

}  // namespace ft::train
