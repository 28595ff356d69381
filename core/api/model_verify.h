#pragma once
// `finetune inspect --verify`: load a model folder strictly and read every weight, before a long run
// finds a damaged file halfway through.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct ModelVerification {
    std::string architecture;                // the class that was loaded ("GPT2ForSequenceClassification")
    int64_t tensors = 0;                     // parameters and buffers read
    int64_t values = 0;
    std::vector<std::string> nonFinite;      // "name: 3 of 4096 values are NaN or infinite"
    std::vector<std::string> newlyInitialised;  // heads the checkpoint lacks (they would start fresh)
    int64_t tokenizerVocab = 0;              // tokens the tokenizer can produce (max id + 1)
    int64_t embeddingRows = 0;               // rows of the input embedding matrix
    std::vector<std::string> problems;       // everything that makes the model unusable, in full

    bool ok() const { return problems.empty(); }
};

// An error when the folder cannot be read at all or the weights do not load strictly (every missing,
// unexpected and mis-shaped tensor named); otherwise the report, with problems listed.
Result<ModelVerification> verifyModel(const std::string& folder);

}  // namespace ft::api
