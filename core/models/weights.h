#pragma once
// Moving tensors between checkpoint files (io::TensorView) and torch modules, strictly: every
// expected tensor present with the right shape, every unexpected one reported, all problems at once.

#include <string>
#include <vector>

#include <torch/nn/module.h>
#include <torch/types.h>

#include "core/common/result.h"
#include "core/io/checkpoint.h"
#include "core/io/safetensors.h"

namespace ft::models {

// Copies a checkpoint tensor into a new torch tensor of `dtype` (the mmap is never aliased).
torch::Tensor toTensor(const io::TensorView& view, torch::ScalarType dtype);
Result<io::DType> toDType(torch::ScalarType type);

struct LoadRules {
    std::string basePrefix;                           // "transformer.": files of the bare base model lack it
    std::vector<std::string> transposedSuffixes;      // stored [in, out] in the file (GPT-2 Conv1D)
    std::vector<std::string> ignoredSuffixes;         // old buffers such as "attn.masked_bias"
    std::vector<std::string> ignoredPrefixes;         // heads of other tasks, e.g. "cls." for BERT pretraining
    std::vector<std::string> newParameterPrefixes;    // may be missing: a new head, initialised by the model
};

struct LoadReport {
    std::vector<std::string> missing;       // expected by the model, absent from the file
    std::vector<std::string> unexpected;    // in the file, unknown to the model, not ignored
    std::vector<std::string> mismatched;    // "name: file [a, b] vs model [c, d]"
    std::vector<std::string> newlyInitialised;
    std::vector<std::string> ignored;
};

// Fills `module`'s parameters from `checkpoint`. On any problem nothing is partially trusted: the
// error lists every missing, unexpected and mis-shaped tensor by full dotted name.
Status loadCheckpoint(torch::nn::Module& module, const io::Checkpoint& checkpoint, const LoadRules& rules,
                      LoadReport* report = nullptr);

std::string shapeString(at::IntArrayRef shape);

}  // namespace ft::models
