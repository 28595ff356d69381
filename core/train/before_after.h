#pragma once
// Base-vs-fine-tuned comparison: the validation metrics measured once before the first training
// step, and the forgetting check (a causal LM's perplexity on a general reference text before and
// after fine-tuning). Kept in <run>/eval/before-training.json, so a resumed run still reports them.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/common/result.h"
#include "core/eval/report.h"
#include "core/models/model.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/batching.h"
#include "core/train/evaluator.h"

namespace ft::train {

struct ReferenceScore {
    double perplexity = -1;
    int64_t tokens = 0;
};

struct BeforeTrainingMeasure {
    std::optional<EvalSummary> validation;      // loss, accuracy, f1Macro, perplexity (no rows)
    std::optional<ReferenceScore> reference;
};

// The reference text's lines packed into blocks of `blockLength` (as data.pack does), at most
// `maxBlocks` of them. Errors: data.file_not_found, data.empty (file and field named).
Result<std::vector<Example>> referenceBlocks(const tok::Tokenizer& tokenizer, const std::filesystem::path& file,
                                             int64_t blockLength, size_t maxBlocks = 64);

ReferenceScore scoreReference(models::Model& model, const std::vector<Example>& blocks, int64_t batchSize, int64_t padId,
                              const torch::Device& device);

Status writeBeforeTraining(const std::filesystem::path& file, const BeforeTrainingMeasure& measure);
std::optional<BeforeTrainingMeasure> readBeforeTraining(const std::filesystem::path& file);

// Fills report.beforeTraining and report.forgetting (when `before` has the reference and `after` is given).
void addBeforeAfter(eval::EvalReport& report, const BeforeTrainingMeasure& before, const std::optional<ReferenceScore>& after,
                    const std::string& referencePath);

}  // namespace ft::train
