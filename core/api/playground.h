#pragma once
// The Playground: try a model on one text — classify it (a probability per label) or continue it
// (text streamed piece by piece, stoppable). Torch-free: the model and tokenizer live behind a pimpl.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct GenerationSettings {
    int64_t maxNewTokens = 64;
    double temperature = 0.0;          // 0 = greedy; above 0 samples (with top-k and top-p)
    int64_t topK = 0;                  // 0 = off
    double topP = 1.0;                 // 1 = off
    double repetitionPenalty = 1.0;    // 1 = off
    uint64_t seed = 0;                 // same seed, same settings, same text → same sample
    std::vector<std::string> stopStrings;
};

struct GeneratedText {
    std::string text;                  // the continuation, cut before a matched stop string
    int64_t tokenCount = 0;
    std::vector<int64_t> tokenIds;     // the generated ids, an EOS that ended it included
    std::string stopReason;            // "max_new_tokens", "eos", "stop_string", "max_positions", "cancelled"
    double seconds = 0;
};

struct LabelProbability {
    std::string label;
    double probability = 0;
};

class PlaygroundModel {
public:
    // A model folder (config.json) or a run folder (job.json: its best model, merged LoRA model or
    // adapter, else its newest checkpoint), with the head config.json names.
    static Result<std::unique_ptr<PlaygroundModel>> open(const std::string& folder);
    ~PlaygroundModel();
    PlaygroundModel(const PlaygroundModel&) = delete;
    PlaygroundModel& operator=(const PlaygroundModel&) = delete;

    const std::string& folder() const;        // as given to open()
    const std::string& modelFolder() const;   // the weights actually loaded
    bool canGenerate() const;                 // causal-LM head
    bool canClassify() const;                 // sequence-classification head
    std::vector<std::string> labels() const;  // classification: id2label, else "LABEL_i"

    // Softmax over the head's logits, in label order. "playground.wrong_head" for a causal LM.
    Result<std::vector<LabelProbability>> classify(const std::string& text);

    // Continues `prompt`. onText gets each new piece of text as it is decoded (returning false stops);
    // setting *cancel from any thread stops too. Stopped runs return the text so far.
    Result<GeneratedText> generate(const std::string& prompt, const GenerationSettings& settings,
                                   const std::function<bool(const std::string& piece)>& onText = {},
                                   const std::atomic<bool>* cancel = nullptr);

private:
    struct Impl;
    explicit PlaygroundModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ft::api
