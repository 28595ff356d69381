#pragma once
// Per-row sufficient statistics of one evaluated example. Every metric, slice and bootstrap
// replicate is a pure function of a vector of these, so results are exactly reproducible.

#include <cstdint>
#include <string>
#include <vector>

namespace ft::eval {

struct Row {
    int32_t label = -1;          // true class id; -1 = missing (row skipped by classification metrics)
    int32_t prediction = -1;     // predicted class id
    std::vector<float> scores;   // class probabilities (softmax); binary may hold just P(y=1)
    double weight = 1.0;
    double nllSum = 0;           // causal LM: summed token NLL in nats
    int64_t tokenCount = 0;      // causal LM: number of scored tokens
    std::vector<std::string> groups;  // sensitive-attribute values, one per attribute column; "" = missing
};

}  // namespace ft::eval
