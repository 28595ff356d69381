#pragma once
// The logits a token-level loss reads, aligned with the tokens they predict, for a collated batch:
//   causal LM: position t predicts token t + 1 — logits [B, T-1, V], targets labels[:, 1:];
//   seq2seq:   the decoder reads the targets shifted right (transformers' shift_tokens_right) —
//              logits [B, T', V], targets = labels.
// Targets hold -100 where nothing is predicted (padding, prompt tokens).

#include <torch/types.h>

#include "core/api/job_config.h"
#include "core/models/model.h"
#include "core/train/batching.h"

namespace ft::train {

struct TokenLogits {
    torch::Tensor logits;   // [B, N, V] on the device, in the forward pass's dtype
    torch::Tensor targets;  // [B, N] int64 on the device
};

LabelKind labelKindOf(api::Task task);
// From the model's head (evaluation of a saved model); asLanguageModel scores text as next tokens.
LabelKind labelKindOf(const models::Model& model, bool asLanguageModel);

// kind: NextToken (model.languageModelLogits) or TargetSequence (the model is a Seq2SeqModel).
TokenLogits tokenLogits(models::Model& model, const Batch& batch, LabelKind kind, int64_t padId, const torch::Device& device);

}  // namespace ft::train
