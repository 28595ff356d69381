#pragma once
// Text to text at the end of a run (and in `finetune eval`): the model writes its own target for the
// first validation examples — greedy decoding up to data.max_target_length, as transformers'
// generate(do_sample=False) — scored by exact match, with a few samples kept for the report.

#include <string>
#include <vector>

#include <torch/types.h>

#include "core/eval/report.h"
#include "core/io/hf_config.h"
#include "core/models/model.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/batching.h"

namespace ft::train {

constexpr size_t kGeneratedExamples = 200;  // decoding is one example at a time: a bounded share of the split
constexpr size_t kGeneratedSamples = 8;

// sources: the source text of each example (for the samples; may be shorter than examples).
eval::TextToTextSummary generateTargets(models::Model& model, const tok::Tokenizer& tokenizer, const std::vector<Example>& examples,
                                        const std::vector<std::string>& sources, int64_t maxNewTokens, const std::vector<int64_t>& eosTokenIds);

// The ids that end a generation: config.json's eos ids, and the tokenizer's end-of-text token.
std::vector<int64_t> endOfTextIds(const io::ModelConfig& config, const tok::Tokenizer& tokenizer);

// What exact match compares: the text without special tokens, surrounding whitespace trimmed.
std::string comparableText(const tok::Tokenizer& tokenizer, const std::vector<int32_t>& ids);

}  // namespace ft::train
