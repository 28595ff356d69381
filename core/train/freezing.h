#pragma once
// Which parameters train, and with which learning rate: freezing (embeddings, lower N blocks, head
// only), gradual top-down unfreezing, and layer-wise learning-rate decay.

#include <cstdint>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/api/job_config.h"
#include "core/models/model.h"

namespace ft::train {

struct ParameterPlan {
    std::string name;
    torch::Tensor tensor;
    int64_t depth = 0;          // LayerGroup depth (0 embeddings … numBlocks + 1 head)
    bool frozen = false;        // by the static settings
    bool decay = true;          // AdamW weight decay applies (not to biases and norms)
    double lrScale = 1.0;       // layer_lr_decay ^ (top depth - depth)
};

// The static freezing settings for a parameter at `depth` (LayerGroup depth: 0 embeddings, 1 … numBlocks
// the blocks, numBlocks + 1 the head). Shared by planParameters and the memory estimate.
bool frozenBySettings(const api::FreezingSection& freezing, int64_t depth, int64_t numBlocks);

// With LoRA (`loraTrainedModules` given) only the adapters and those modules (the new head) train.
std::vector<ParameterPlan> planParameters(const models::Model& model, const api::FreezingSection& freezing,
                                          const std::vector<std::string>* loraTrainedModules = nullptr);

// Lowest depth that trains at optimizer step `step` under gradual unfreezing (everything above the
// static freezing starts frozen except the head; one more block every `everySteps`).
int64_t gradualUnfreezeFloor(const api::FreezingSection& freezing, int64_t numBlocks, int64_t step);

// Sets requires_grad from the plan and the gradual-unfreezing floor; returns trainable parameter count.
int64_t applyTrainable(std::vector<ParameterPlan>& plan, int64_t floorDepth);

int64_t countParameters(const std::vector<ParameterPlan>& plan);

}  // namespace ft::train
