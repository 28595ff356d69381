#pragma once
// Raw little-endian tensor files exchanged with the Python reference scripts in tests/reference/.

#include <QString>
#include <QStringList>

#include <torch/types.h>

#include <string>
#include <vector>

#include "core/export/hf_export.h"

void writeRaw(const QString& file, const torch::Tensor& t);
// float32 tensor of `shape`, or an undefined tensor when the file is missing or has the wrong size.
torch::Tensor readFloats(const QString& file, at::IntArrayRef shape);

// Runs tests/reference/<script> with /usr/bin/python3 as
//   script MODEL_DIR IDS MASK B T [extraArgs...] OUT
// (ids and mask exchanged as raw files in workDir) and returns its float32 logits of outShape, or an
// undefined tensor on failure (the script's stderr is printed).
torch::Tensor runReference(const QString& script, const QString& workDir, const QString& modelDir, const torch::Tensor& ids,
                           const torch::Tensor& mask, const QStringList& extraArgs, at::IntArrayRef outShape);

// A malformed copy of the model folder `from` in `to` (config.json and a checkpoint) for the strict-
// loading tests: without the tensor `dropped`, with `reshaped` given the float32 shape `wrongShape`,
// plus a tensor `unexpected` (a copy of the first) when it is not empty. False when writing fails.
bool writeMalformedCopy(const QString& from, const QString& to, const std::string& dropped, const std::string& reshaped,
                        const std::vector<int64_t>& wrongShape, const std::string& unexpected = {});

// Export options that copy the tokenizer files from `folder` (default shard size, dtype, no card).
inline ft::exporting::ExportOptions tokenizerOptions(const std::string& folder) {
    ft::exporting::ExportOptions options;
    options.tokenizerFrom = folder;
    return options;
}
