#pragma once
// Causal-LM aggregates (fairness-eval.md §1.4): corpus perplexity and HF's mean of per-text
// perplexities differ, so both are reported.

#include "core/eval/metric_value.h"
#include "core/eval/row.h"

#include <cstdint>
#include <vector>

namespace ft::eval {

struct PerplexityStats {
    MetricValue corpusPerplexity;  // exp(sum nll / sum tokens)
    MetricValue meanPerplexity;    // arithmetic mean of per-sequence perplexities (HF evaluate)
    MetricValue meanTokenNll;      // nats per token
    MetricValue bitsPerToken;
    int64_t scoredTokens = 0;
    int64_t sequences = 0;          // sequences with at least one scored token
    int64_t excludedSequences = 0;  // tokenCount <= 0: undefined, excluded and counted
    std::vector<MetricValue> perSequence;  // one per input row, in order
};

PerplexityStats perplexity(const std::vector<Row>& rows);
PerplexityStats perplexity(const std::vector<Row>& rows, const std::vector<size_t>& indices);

}  // namespace ft::eval
