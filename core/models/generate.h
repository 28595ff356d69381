#pragma once
// Decoding for causal LMs and encoder-decoders (T5), one prompt at a time: greedy or sampled
// (temperature, top-k, top-p), repetition penalty, EOS ids and stop strings, streaming and
// cancellation. Uses the model's key/value cache when it has one, so each step costs one position
// rather than the whole prefix. An encoder-decoder encodes the prompt once and generates the target
// side from its decoder start token (the penalty sees that side, as transformers' generate()).

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/models/model.h"

namespace ft::models {

struct GenerationOptions {
    int64_t maxNewTokens = 64;
    bool sample = false;               // false: greedy, the argmax after the repetition penalty
    double temperature = 1.0;          // sampling only; 0 (or less) decodes greedily
    int64_t topK = 0;                  // sampling only; 0 = off
    double topP = 1.0;                 // sampling only; 1 = off
    double repetitionPenalty = 1.0;    // 1 = off; applies to the prompt's tokens too, as in transformers
    uint64_t seed = 0;                 // the same seed and inputs give the same sample
    std::vector<int64_t> eosTokenIds;
    std::vector<std::string> stopStrings;   // checked on decode(new tokens); needs `decode`
    int64_t maxPositions = 0;          // prompt + new tokens never exceed it; 0 = no limit
    bool useKvCache = true;            // false recomputes the whole prefix each step (the reference path)
};

enum class StopReason { MaxNewTokens, Eos, StopString, MaxPositions, Cancelled };

struct GenerationResult {
    std::vector<int64_t> tokens;       // the new tokens only, the EOS or stop-string token included
    StopReason stopReason = StopReason::MaxNewTokens;
    bool endedWithEos = false;
    std::string stopString;            // which stop string matched
    torch::Tensor lastLogits;          // [V] float32: the raw scores the last token was chosen from
};

struct GenerationCallbacks {
    // Called after each new token; returning false stops generation (StopReason::Cancelled).
    std::function<bool(int64_t token)> onToken;
    // The text of the new tokens so far, for stop strings.
    std::function<std::string(const std::vector<int64_t>& newTokens)> decode;
    // Checked before each step; true stops generation (StopReason::Cancelled). Any thread may set it.
    const std::atomic<bool>* cancel = nullptr;
};

// prompt: token ids (non-empty). The model must have the causal-LM or sequence-to-sequence head.
GenerationResult generate(Model& model, const std::vector<int64_t>& prompt, const GenerationOptions& options,
                          const GenerationCallbacks& callbacks = {});

// Greedy decoding up to maxNewTokens, an EOS id or maxPositions (the export check's short run).
GenerationResult greedyGenerate(Model& model, const std::vector<int64_t>& prompt, int64_t maxNewTokens,
                                const std::vector<int64_t>& eosTokenIds, int64_t maxPositions);

const char* stopReasonName(StopReason reason);  // "max_new_tokens", "eos", "stop_string", "max_positions", "cancelled"

}  // namespace ft::models
