#pragma once
// A trained classifier opened once and asked many times: class probabilities for a text, and
// per-token integrated-gradients attributions with the text offsets the UI highlights. Used by
// `finetune predict` / `finetune explain` and the Playground step. Torch-free header.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct Prediction {
    std::vector<std::string> labels;      // class id → name (config.json id2label, else LABEL_i)
    std::vector<double> probabilities;    // softmax, per class
    int64_t predicted = 0;
    bool truncated = false;               // the text was longer than the model reads
};

struct ExplainOptions {
    // Integration points; 0 = automatic: 50, then 200 and 800 while the completeness gap is above
    // 1% of the probability change (a model that saturates changes sharply along the path).
    int steps = 0;
    std::string rule = "gauss_legendre";   // or "trapezoid"
    std::optional<int64_t> targetClass;    // default: the predicted class
};

struct TokenAttribution {
    std::string token;                     // as the vocabulary spells it
    bool special = false;                  // added by the tokenizer; attribution 0
    int64_t begin = -1, end = -1;          // byte offsets [begin, end) in the text; -1 when unknown
    double attribution = 0;                // contribution to the target class's probability
};

struct Explanation {
    Prediction prediction;
    int64_t targetClass = 0;
    double targetProbability = 0;          // p(target | text)
    double baselineProbability = 0;        // p(target | text with every word embedding zeroed)
    double convergenceDelta = 0;           // Σ attribution − (target − baseline probability)
    int steps = 0;                         // integration points used
    bool converged = true;                 // |convergenceDelta| within 1% of the change (or 1e-3)
    std::string rule;
    std::vector<TokenAttribution> tokens;
};

class Classifier {
public:
    // `path`: a run folder (its best model, or newest checkpoint) or a model folder with a
    // sequence-classification head. threads <= 0: all cores.
    static Result<std::unique_ptr<Classifier>> open(const std::string& path, int threads = 0);
    ~Classifier();

    const std::vector<std::string>& labels() const;
    int64_t maxLength() const;             // the run's max length, else the model's context

    Result<Prediction> predict(const std::string& text);
    Result<Explanation> explain(const std::string& text, const ExplainOptions& options = {});

private:
    struct State;
    explicit Classifier(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

// The explanation as JSON (format "finetune-explanation", version 1): tokens with byte offsets and
// code-point offsets (char_begin / char_end, as Python indexes the text), attributions, the
// prediction, and the completeness check.
std::string explanationJson(const Explanation& explanation, const std::string& text);

}  // namespace ft::api
