#pragma once
// What every exporter shares: a folder assembled beside its final place and swapped in whole, and
// torch tensors turned into safetensors views.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <torch/types.h>

#include "core/common/result.h"
#include "core/io/safetensors.h"

namespace ft::exporting {

// "<folder>.partial", emptied and created.
Result<std::filesystem::path> beginStaging(const std::filesystem::path& folder);
// Replaces `folder` by `staging`; the old folder is removed only once the new one is in place.
Status commitStaging(const std::filesystem::path& staging, const std::filesystem::path& folder);

Status writeText(const std::filesystem::path& file, const std::string& text);

// Named tensors on the CPU, contiguous, optionally cast (floating point only; "" keeps the dtype),
// as views for io::writeSafetensors / io::writeCheckpoint. `views` point into `keep`.
struct TensorViews {
    std::vector<torch::Tensor> keep;
    std::vector<io::TensorView> views;
};
Result<TensorViews> toTensorViews(const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                                  const std::string& floatDtype = {});

// "float32" | "float16" | "bfloat16" (config.json's torch_dtype spelling); error names the field.
Result<torch::ScalarType> parseFloatDtype(const std::string& name);

}  // namespace ft::exporting
