#pragma once
// The counterfactual swap test on the validation split: every text with an identity term gets its
// counterfactuals (core/eval/swap_list.h), the model scores both, and core/eval/counterfactual.h
// turns the pairs into flip rates, the CTF gap and CheckList's invariance failures (for causal LMs:
// ΔNLL per token).

#include <torch/types.h>

#include "core/api/job_config.h"
#include "core/common/result.h"
#include "core/eval/report.h"
#include "core/models/model.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/evaluator.h"
#include "core/train/prepared_data.h"

namespace ft::train {

Result<eval::CounterfactualSummary> runCounterfactualTest(models::Model& model, const tok::Tokenizer& tokenizer,
                                                          const api::JobConfig& job, const PreparedData& data,
                                                          const EvalSummary& original, int64_t padId, const torch::Device& device);

}  // namespace ft::train
