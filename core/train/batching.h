#pragma once
// Tokenized examples and the padded batches made from them.

#include <cstdint>
#include <vector>

#include <torch/types.h>

namespace ft::train {

struct Example {
    std::vector<int32_t> ids;      // token ids, already truncated to max_length (32-bit: half the memory of a 1 GB corpus)
    int64_t label = -1;            // class id (classification)
    int64_t row = -1;              // index of the row in its split's table (for reports)
    std::vector<uint8_t> trainMask;  // causal LM: 1 where the token is a target (empty = every token)
    std::vector<int32_t> targetIds;  // seq2seq: the decoder's targets (ids are the encoder's input), truncated

    // How many tokens the loss predicts: causal LM, targets at positions 1 … n-1; seq2seq, every target.
    int64_t predictedTokens() const;
};

// What a batch's labels are, and so how the loss reads the logits.
enum class LabelKind {
    ClassId,         // classification: labels [B]
    NextToken,       // causal LM: labels [B, T] = the input ids, -100 on padding and prompt tokens
    TargetSequence,  // seq2seq: labels [B, T'] = the target ids, -100 on padding
};

struct Batch {
    torch::Tensor inputIds;        // [B, T] int64, right-padded with padId
    torch::Tensor attentionMask;   // [B, T] int64
    torch::Tensor labels;          // see LabelKind
    int64_t tokens = 0;            // non-pad tokens (seq2seq: source and target)
};

// Pads to the longest example of the batch (targets to the longest target).
Batch collate(const std::vector<Example>& examples, const std::vector<int64_t>& indices, int64_t padId, LabelKind kind);

// Deterministic across platforms: Fisher–Yates with mt19937_64 (std::shuffle's draws differ between
// standard libraries). Epoch e of seed s always yields the same order.
std::vector<int64_t> shuffledOrder(int64_t n, uint64_t seed, int64_t epoch);

}  // namespace ft::train
