#pragma once
// Raw little-endian tensor files exchanged with the Python reference scripts in tests/reference/.

#include <QString>

#include <torch/types.h>

void writeRaw(const QString& file, const torch::Tensor& t);
// float32 tensor of `shape`, or an undefined tensor when the file is missing or has the wrong size.
torch::Tensor readFloats(const QString& file, at::IntArrayRef shape);
