#pragma once
// From a job's data section to tokenized train / validation examples: read, map columns, turn labels
// into ids, split (stratified, seeded) and tokenize with truncation.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/api/job_config.h"
#include "core/common/result.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/batching.h"

namespace ft::train {

// A new field here needs a line in token_cache.cpp's writer and reader (and a new format tag there).
struct PreparedData {
    std::vector<std::string> labels;                   // class id → name (classification)
    std::vector<Example> train, validation;
    std::vector<std::vector<std::string>> validationGroups;  // per validation example: one value per group column
    std::vector<std::string> validationTexts;
    std::vector<std::string> validationPairTexts;      // text_pair_column values (empty strings when unused)
    std::vector<int64_t> validationLines;              // source line of each validation example
    int64_t truncated = 0;                             // examples cut at max_length
    int64_t skippedMissingLabel = 0;
    // With data.augmentation on: the text (and pair text) of each training example, re-augmented each epoch.
    std::vector<std::string> trainTexts, trainPairTexts;
    // With data.skip_bad_rows: rows left out of the training and validation files, and the first few as "file:line:column: why".
    int64_t skippedBadRows = 0;
    std::vector<std::string> skippedBadRowExamples;
    // With data.few_shot_per_class: the classes that had fewer than k training examples (all were kept).
    std::vector<std::string> fewShotShortClasses;
    // data.cleaning: what each step did, e.g. "training file: 3 duplicate rows dropped (exact)".
    std::vector<std::string> cleaningNotes;
    // data.split_column: rows marked "test", left out of both splits (evaluated at the end of the run).
    int64_t testRowsHeldOut = 0;
};

// Token ids of one example exactly as prepareData makes them (pair, empty-text rule, truncation).
// Returns true when the text was cut at maxLength.
bool encodeExample(const tok::Tokenizer& tokenizer, const std::string& text, const std::string* pairText, int64_t maxLength,
                   bool classification, Example& example);

// data.pack: the rows' ids joined into one stream (`separator` after each row, when the tokenizer
// has an end-of-text token) and cut into blocks of exactly `blockLength`; the incomplete last block
// is dropped unless it is the only one. Block b has row = b.
std::vector<Example> packExamples(const std::vector<Example>& rows, int64_t blockLength, std::optional<int32_t> separator);

// `fixedLabels` (classification): use these label ids — a trained model's — instead of the training
// data's; a label outside them is an error naming the file and line. `onlySplit` (with
// data.split_column): the validation examples are the rows of that split ("test"), nothing else.
Result<PreparedData> prepareData(const api::JobConfig& job, const tok::Tokenizer& tokenizer,
                                 const std::vector<std::string>* fixedLabels = nullptr, const std::string& onlySplit = {});

// A data.split_column value as a split name: "train", "validation" or "test"; "" when it is none of
// their spellings (train / training, validation / valid / val / dev / eval, test / testing).
std::string canonicalSplitName(const std::string& value);

}  // namespace ft::train
