#include "core/api/memory_estimate.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/api/hardware.h"
#include "core/api/weight_shapes.h"
#include "core/io/hf_config.h"
#include "core/models/lora.h"
#include "core/train/freezing.h"

namespace ft::api {
namespace fs = std::filesystem;

namespace {

using detail::readShapes;
using detail::TensorShape;

constexpr int64_t kMiB = 1024 * 1024;
// LibTorch's libraries, allocator pools, the tokenizer and the data. Measured (bench/train_throughput,
// 2026-11-27): a whole `finetune train` process peaks ~200 MiB above what the steps and the weights
// need; the desktop app idles at ~190 MiB before loading anything.
constexpr int64_t kCpuRuntimeBytes = 256 * kMiB;
constexpr int64_t kCudaRuntimeBytes = 600 * kMiB;  // the CUDA context, cuBLAS workspaces

// The module a weight belongs to matches a LoRA target ("…attn.c_attn.weight" ↔ "c_attn").
bool isLoraTarget(const std::string& name, const std::vector<std::string>& targets) {
    const std::string suffix = ".weight";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
    const std::string module = name.substr(0, name.size() - suffix.size());
    for (const auto& t : targets)
        if (module == t || (module.size() > t.size() && module.compare(module.size() - t.size(), t.size(), t) == 0 &&
                            module[module.size() - t.size() - 1] == '.'))
            return true;
    return false;
}

// Parameters that train under the job's freezing or LoRA settings (gradual unfreezing: once all
// blocks are open, which is when memory peaks).
int64_t trainableParameters(const std::vector<TensorShape>& tensors, const JobConfig& job, const std::string& modelType,
                            int64_t numBlocks) {
    int64_t trainable = 0;
    if (job.lora.enabled) {
        const auto targets = job.lora.targetModules.empty() ? models::defaultLoraTargets(modelType) : job.lora.targetModules;
        for (const auto& t : tensors)
            if (t.shape.size() == 2 && isLoraTarget(t.name, targets)) trainable += job.lora.rank * (t.shape[0] + t.shape[1]);
        return trainable;  // + the new head, a few thousand parameters
    }
    for (const auto& t : tensors) {
        if (!train::frozenBySettings(job.freezing, detail::depthOf(t.name, numBlocks), numBlocks)) trainable += t.numel;
    }
    return trainable;
}

}  // namespace

Result<MemoryEstimate> estimateJobMemory(const JobConfig& job) {
    const fs::path folder = job.model.path;
    auto config = io::readModelConfig(folder / "config.json");
    if (!config) return config.error();
    auto tensors = readShapes(folder);
    if (!tensors) return tensors.error();
    const int64_t layers = std::max<int64_t>(1, io::numLayers(*config));
    const int64_t hidden = std::max<int64_t>(1, io::hiddenSize(*config));
    const int64_t vocab = std::max<int64_t>(1, io::vocabSize(*config));
    const int64_t heads = std::max<int64_t>(1, hidden / 64);
    const int64_t batch = std::max<int64_t>(1, job.training.batchSize);
    const int64_t seq = std::max<int64_t>(1, job.data.maxLength);

    MemoryEstimate e;
    for (const auto& t : *tensors) e.totalParams += t.numel;
    e.trainableParams = job.model.fromScratch ? e.totalParams : trainableParameters(*tensors, job, config->modelType, layers);
    const int64_t optimizerSlots = job.training.optimizer == Optimizer::AdamW ? 2 : job.training.sgdMomentum > 0 ? 1 : 0;
    e.weightBytes = 4 * e.totalParams;
    e.gradientBytes = 4 * e.trainableParams;
    e.optimizerBytes = 4 * optimizerSlots * e.trainableParams;
    e.savedByFreezingBytes = 4 * (1 + optimizerSlots) * (e.totalParams - e.trainableParams);

    const Hardware hardware = detectHardware();
    e.cuda = job.training.device != "cpu" && hardware.cudaDevices > 0;  // "cuda" without a GPU trains on the CPU
    const bool mixed = job.training.precision == "bf16" || (job.training.precision == "fp16" && e.cuda) ||
                       (job.training.precision == "auto" && e.cuda);
    // Activations kept for backward: about 20 values per token and hidden unit in each block (the
    // inputs of its layer norms, projections, activation function and dropouts) plus the attention
    // maps; the output layer: a causal LM keeps [B, T, V] logits, their log-softmax and its gradient.
    // The 20 was set from measured peaks (docs/device-checks.md: 0.83-1.0 of the peak on CPU and GPU).
    const int64_t bytesPerValue = mixed ? 2 : 4;
    const int64_t perBlock = batch * seq * (20 * hidden + 2 * heads * seq);
    // (a text-to-text model's logits are over the target side)
    const int64_t outputSeq = job.task == Task::Seq2SeqLM ? std::max<int64_t>(1, job.data.maxTargetLength) : seq;
    const int64_t output = job.task != Task::SequenceClassification ? 3 * 4 * batch * outputSeq * vocab : 4 * batch * hidden * 4;
    e.activationBytes = bytesPerValue * perBlock * layers + output;
    e.castCacheBytes = mixed ? 2 * e.totalParams : 0;
    e.anchorBytes = job.training.l2sp > 0 && !job.lora.enabled && !job.model.fromScratch ? 4 * e.trainableParams : 0;
    e.runtimeBytes = e.cuda ? kCudaRuntimeBytes : kCpuRuntimeBytes;
    e.totalBytes = e.weightBytes + e.gradientBytes + e.optimizerBytes + e.activationBytes + e.castCacheBytes + e.anchorBytes +
                   e.runtimeBytes;

    e.availableBytes = availableMemoryBytes(e.cuda);
    e.fits = e.availableBytes < 0 || e.totalBytes <= e.availableBytes;
    if (!e.fits) {
        const int64_t fixed = e.totalBytes - e.activationBytes;
        const int64_t perExample = e.activationBytes / batch;
        if (fixed < e.availableBytes && perExample > 0) {
            const int64_t fitting = (e.availableBytes - fixed) / perExample;
            if (fitting >= 1)
                e.suggestions.push_back("batch_size " + std::to_string(fitting) + " with grad_accum_steps " +
                                        std::to_string((batch + fitting - 1) / fitting) + " keeps the effective batch");
        }
        if (!job.lora.enabled) e.suggestions.push_back("LoRA trains small adapters instead of every weight (saves most gradient and optimizer memory)");
        if (!mixed && e.cuda) e.suggestions.push_back("bf16 mixed precision halves the activations");
        if (!job.lora.enabled && job.freezing.lowerBlocks == 0) e.suggestions.push_back("freezing the lower blocks spares their gradients and optimizer state");
        e.suggestions.push_back("a shorter max_length (now " + std::to_string(seq) + " tokens)");
    }
    return e;
}

}  // namespace ft::api
