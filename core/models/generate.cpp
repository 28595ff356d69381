#include "core/models/generate.h"

#include <algorithm>
#include <random>

#include <torch/torch.h>

#include "core/models/cached_decoder.h"
#include "core/models/logits_processors.h"
#include "core/models/seq2seq.h"

namespace ft::models {

namespace {

// The next-token scores: [V] float32 for the last position. A decoder-only model continues the
// prompt; an encoder-decoder encodes the prompt once and continues its own target sequence.
class StepLogits {
public:
    StepLogits(Model& model, bool useCache) : m_model(model), m_decoder(useCache ? dynamic_cast<CachedDecoder*>(&model) : nullptr),
                                              m_seq2seq(dynamic_cast<Seq2SeqModel*>(&model)), m_useCache(useCache) {
        if (m_decoder && !m_decoder->supportsKvCache()) m_decoder = nullptr;
    }

    bool encoderDecoder() const { return m_seq2seq != nullptr; }
    int64_t decoderStart() const { return m_seq2seq->decoderStartTokenId(); }

    void encode(const std::vector<int64_t>& prompt, const torch::Device& device) {
        torch::Tensor ids = torch::tensor(prompt, torch::kLong).unsqueeze(0).to(device);  // [1, S]
        m_encoderMask = torch::ones_like(ids);
        m_encoderStates = m_seq2seq->encode(ids, m_encoderMask);  // [1, S, d_model]
    }

    torch::Tensor next(const std::vector<int64_t>& sequence, const torch::Device& device) {
        torch::Tensor logits;  // [1, T, V]
        if (m_seq2seq) {
            const size_t from = m_useCache ? static_cast<size_t>(m_seq2seqCache.self.length()) : 0;
            torch::Tensor ids = torch::tensor(std::vector<int64_t>(sequence.begin() + static_cast<std::ptrdiff_t>(from), sequence.end()),
                                              torch::kLong).unsqueeze(0).to(device);
            logits = m_seq2seq->decode(ids, {}, m_encoderStates, m_encoderMask, m_useCache ? &m_seq2seqCache : nullptr);
        } else if (m_decoder) {
            const auto begin = sequence.begin() + m_cache.length();
            torch::Tensor ids = torch::tensor(std::vector<int64_t>(begin, sequence.end()), torch::kLong).unsqueeze(0).to(device);
            logits = m_decoder->forwardCached(ids, m_cache);
        } else {
            torch::Tensor ids = torch::tensor(sequence, torch::kLong).unsqueeze(0).to(device);  // [1, T]
            logits = m_model.forward(ids, torch::ones_like(ids));
        }
        return logits.select(1, logits.size(1) - 1).squeeze(0).to(torch::kFloat);  // [V]
    }

private:
    Model& m_model;
    CachedDecoder* m_decoder;  // null: recompute the whole prefix
    KvCache m_cache;
    Seq2SeqModel* m_seq2seq;   // non-null for an encoder-decoder
    bool m_useCache;
    Seq2SeqCache m_seq2seqCache;
    torch::Tensor m_encoderStates, m_encoderMask;
};

// Inverse-CDF draw on the CPU with a seeded std::mt19937_64: the same on every device and LibTorch version.
int64_t drawFrom(const torch::Tensor& scores, std::mt19937_64& rng) {
    torch::Tensor probs = torch::softmax(scores.to(torch::kDouble), 0).cpu().contiguous();  // [V]
    const double* p = probs.data_ptr<double>();
    const int64_t V = probs.size(0);
    const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    double cumulative = 0;
    int64_t last = 0;
    for (int64_t i = 0; i < V; ++i) {
        if (p[i] <= 0) continue;
        last = i;
        cumulative += p[i];
        if (u < cumulative) return i;
    }
    return last;  // rounding left u above the total
}

int64_t chooseToken(const torch::Tensor& raw, const std::vector<int64_t>& sequence, const GenerationOptions& o,
                    std::mt19937_64& rng) {
    torch::Tensor scores = applyRepetitionPenalty(raw, sequence, o.repetitionPenalty);
    if (!o.sample || !(o.temperature > 0)) return scores.argmax().item<int64_t>();  // temperature 0: greedy
    scores = applyTemperature(scores, o.temperature);
    scores = applyTopK(scores, o.topK);
    scores = applyTopP(scores, o.topP);
    return drawFrom(scores, rng);
}

}  // namespace

GenerationResult generate(Model& model, const std::vector<int64_t>& prompt, const GenerationOptions& options,
                          const GenerationCallbacks& callbacks) {
    GenerationResult result;
    if (prompt.empty() || (model.head() != Head::CausalLM && model.head() != Head::Seq2SeqLM)) return result;
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    const torch::Device device = model.parameters().front().device();
    std::mt19937_64 rng(options.seed);
    StepLogits step(model, options.useKvCache);
    // The sequence the model continues (and the repetition penalty sees): the prompt itself, or for
    // an encoder-decoder the target side, which starts with its start token.
    std::vector<int64_t> sequence = prompt;
    if (step.encoderDecoder()) {
        step.encode(prompt, device);
        sequence = {step.decoderStart()};
    }
    auto finish = [&](StopReason reason) {
        result.stopReason = reason;
        if (wasTraining) model.train();
        return result;
    };
    for (int64_t i = 0; i < options.maxNewTokens; ++i) {
        if (options.maxPositions > 0 && int64_t(sequence.size()) >= options.maxPositions) return finish(StopReason::MaxPositions);
        if (callbacks.cancel && callbacks.cancel->load()) return finish(StopReason::Cancelled);
        result.lastLogits = step.next(sequence, device);
        const int64_t next = chooseToken(result.lastLogits, sequence, options, rng);
        sequence.push_back(next);
        result.tokens.push_back(next);
        const bool keepGoing = !callbacks.onToken || callbacks.onToken(next);
        if (std::find(options.eosTokenIds.begin(), options.eosTokenIds.end(), next) != options.eosTokenIds.end()) {
            result.endedWithEos = true;
            return finish(StopReason::Eos);
        }
        if (!options.stopStrings.empty() && callbacks.decode) {
            const std::string text = callbacks.decode(result.tokens);
            for (const auto& stop : options.stopStrings)
                if (!stop.empty() && text.find(stop) != std::string::npos) {
                    result.stopString = stop;
                    return finish(StopReason::StopString);
                }
        }
        if (!keepGoing) return finish(StopReason::Cancelled);
    }
    return finish(StopReason::MaxNewTokens);
}

GenerationResult greedyGenerate(Model& model, const std::vector<int64_t>& prompt, int64_t maxNewTokens,
                                const std::vector<int64_t>& eosTokenIds, int64_t maxPositions) {
    GenerationOptions options;
    options.maxNewTokens = maxNewTokens;
    options.eosTokenIds = eosTokenIds;
    options.maxPositions = maxPositions;
    return generate(model, prompt, options);
}

const char* stopReasonName(StopReason reason) {
    switch (reason) {
    case StopReason::MaxNewTokens: return "max_new_tokens";
    case StopReason::Eos: return "eos";
    case StopReason::StopString: return "stop_string";
    case StopReason::MaxPositions: return "max_positions";
    case StopReason::Cancelled: return "cancelled";
    }
    return "max_new_tokens";
}

}  // namespace ft::models
