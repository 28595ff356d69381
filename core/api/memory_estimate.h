#pragma once
// How much memory a job needs to train, and whether that fits the machine — before anything is loaded.
// Read from config.json and the safetensors headers only; the trainer's own count of trainable
// parameters is exact, this one follows the same freezing and LoRA rules by parameter name.

#include <cstdint>
#include <string>
#include <vector>

#include "core/api/job_config.h"
#include "core/common/result.h"

namespace ft::api {

struct MemoryEstimate {
    int64_t totalParams = 0;
    int64_t trainableParams = 0;
    int64_t weightBytes = 0;          // the model in float32 (the master weights)
    int64_t gradientBytes = 0;        // one float32 gradient per trainable parameter
    int64_t optimizerBytes = 0;       // AdamW: two float32 moments per trainable parameter; SGD: momentum or none
    int64_t activationBytes = 0;      // kept for the backward pass, one micro-batch
    int64_t castCacheBytes = 0;       // bf16 / fp16: 16-bit copies of the weights made by autocast
    int64_t anchorBytes = 0;          // training.l2_sp: a float32 copy of the trainable pretrained weights (w0)
    int64_t runtimeBytes = 0;         // LibTorch and the process itself (CUDA: its context)
    int64_t totalBytes = 0;
    int64_t savedByFreezingBytes = 0; // gradients and optimizer state that freezing / LoRA spare
    bool cuda = false;                // the estimate is for the GPU's memory (else the computer's)
    int64_t availableBytes = -1;      // free memory there now; -1 when unknown
    bool fits = true;                 // totalBytes <= availableBytes (true when unknown)
    std::vector<std::string> suggestions;  // what would make it fit, most effective first (English)
};

// Uses job.model.path, data.max_length, training.batch_size / optimizer / precision / device, freezing
// and lora. Errors name the model folder.
Result<MemoryEstimate> estimateJobMemory(const JobConfig& job);

}  // namespace ft::api
