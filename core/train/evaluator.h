#pragma once
// Runs a model over examples without gradients and collects per-row statistics for core/eval.

#include <vector>

#include "core/eval/row.h"
#include "core/models/model.h"
#include "core/train/batching.h"

namespace ft::train {

struct EvalSummary {
    double loss = 0;            // mean cross-entropy per example (classification) or per target token (causal / seq2seq LM)
    double accuracy = -1;
    double f1Macro = -1;
    double perplexity = -1;
    std::vector<eval::Row> rows;
};

// asLanguageModel: score the examples as text with model.languageModelLogits (loss = mean token
// NLL, perplexity) whatever the model's head.
EvalSummary evaluate(models::Model& model, const std::vector<Example>& examples, int64_t batchSize, int64_t padId,
                     int numClasses, const torch::Device& device, bool asLanguageModel = false);

}  // namespace ft::train
