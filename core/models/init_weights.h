#pragma once
// The initialisation transformers' _init_weights applies to the standard layer types, shared by the
// architectures whose rule is exactly that (BERT, DistilBERT, Llama family).

#include <torch/nn/module.h>

namespace ft::models {

// Linear: weight N(0, std), bias 0. Embedding: N(0, std), padding_idx row 0. LayerNorm: 1, 0.
// Other parameters (e.g. RMSNorm weights) are left to the caller.
void initStandardLayers(torch::nn::Module& module, double std);

}  // namespace ft::models
