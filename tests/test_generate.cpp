// Generation: the key/value cache reproduces full recomputation (GPT-2, Llama with GQA, Mistral's
// sliding window, Qwen2's biases), the logits processors on hand-computed vectors, seeded
// sampling, EOS, stop strings and cancellation.

#include <QtTest>

#include <atomic>
#include <cmath>
#include <functional>
#include <limits>

#include <torch/torch.h>

#include "core/models/cached_decoder.h"
#include "core/models/factory.h"
#include "core/models/generate.h"
#include "core/models/logits_processors.h"

using namespace ft;

namespace {

io::ModelConfig tinyGpt2() {
    io::ModelConfig m;
    m.modelType = "gpt2";
    m.architectures = {"GPT2LMHeadModel"};
    io::Gpt2Config c;
    c.vocabSize = 97;
    c.nPositions = 64;
    c.nEmbd = 32;
    c.nLayer = 2;
    c.nHead = 4;
    m.arch = c;
    return m;
}

// model_type llama / mistral / qwen2 with grouped-query attention (4 query heads, 2 KV heads).
io::ModelConfig tinyLlama(const std::string& type) {
    io::ModelConfig m;
    m.modelType = type;
    m.architectures = {type == "qwen2" ? "Qwen2ForCausalLM" : type == "mistral" ? "MistralForCausalLM" : "LlamaForCausalLM"};
    io::LlamaConfig c;
    c.vocabSize = 101;
    c.hiddenSize = 32;
    c.intermediateSize = 64;
    c.numHiddenLayers = 2;
    c.numAttentionHeads = 4;
    c.numKeyValueHeads = 2;
    c.headDim = 8;
    c.maxPositionEmbeddings = 64;
    c.qkvBias = type == "qwen2";
    if (type == "mistral") c.slidingWindow = 4;  // shorter than prompt + new tokens
    m.arch = c;
    return m;
}

std::shared_ptr<models::Model> causalLm(const io::ModelConfig& config) {
    torch::manual_seed(5);
    models::ModelRequest request;
    request.head = models::Head::CausalLM;
    auto model = models::createModel(config, request);
    if (!model) qFatal("%s", model.error().describe().c_str());
    (*model)->eval();
    return *model;
}

const std::vector<int64_t> kPrompt = {3, 17, 42, 8, 25};

double maxDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

std::vector<float> values(const torch::Tensor& t) {
    torch::Tensor c = t.to(torch::kFloat).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

constexpr float kInf = std::numeric_limits<float>::infinity();

}  // namespace

class TestGenerate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void cachedStepsMatchFullForward_data() {
        QTest::addColumn<QString>("type");
        for (const char* t : {"gpt2", "llama", "mistral", "qwen2"}) QTest::newRow(t) << QString::fromLatin1(t);
    }
    // Prefill 5 positions, then 6 single-token steps: every step's logits equal the full forward's.
    void cachedStepsMatchFullForward() {
        QFETCH(QString, type);
        auto model = causalLm(type == QStringLiteral("gpt2") ? tinyGpt2() : tinyLlama(type.toStdString()));
        auto* decoder = dynamic_cast<models::CachedDecoder*>(model.get());
        QVERIFY(decoder && decoder->supportsKvCache());
        torch::NoGradGuard noGrad;
        torch::Tensor ids = torch::randint(0, 90, {1, 11}, torch::kLong);
        torch::Tensor full = model->forward(ids, torch::ones_like(ids));  // [1, 11, V]
        models::KvCache cache;
        torch::Tensor prefill = decoder->forwardCached(ids.slice(1, 0, 5), cache);
        QCOMPARE(cache.length(), int64_t(5));
        QVERIFY2(maxDiff(prefill, full.slice(1, 0, 5)) < 1e-5, qPrintable(QString::number(maxDiff(prefill, full.slice(1, 0, 5)))));
        for (int64_t t = 5; t < 11; ++t) {
            torch::Tensor step = decoder->forwardCached(ids.slice(1, t, t + 1), cache);  // [1, 1, V]
            const double d = maxDiff(step.squeeze(1), full.select(1, t));
            QVERIFY2(d < 1e-4, qPrintable(QStringLiteral("position %1: %2").arg(t).arg(d)));
        }
        QCOMPARE(cache.length(), int64_t(11));
    }

    void cachedGreedyEqualsRecompute_data() { cachedStepsMatchFullForward_data(); }
    void cachedGreedyEqualsRecompute() {
        QFETCH(QString, type);
        auto model = causalLm(type == QStringLiteral("gpt2") ? tinyGpt2() : tinyLlama(type.toStdString()));
        models::GenerationOptions options;
        options.maxNewTokens = 16;
        options.repetitionPenalty = 1.3;
        auto cached = models::generate(*model, kPrompt, options);
        options.useKvCache = false;
        auto recomputed = models::generate(*model, kPrompt, options);
        QCOMPARE(cached.tokens.size(), size_t(16));
        QCOMPARE(cached.tokens, recomputed.tokens);
        const double d = maxDiff(cached.lastLogits, recomputed.lastLogits);
        QVERIFY2(d < 1e-4, qPrintable(QString::number(d)));
        QVERIFY(cached.stopReason == models::StopReason::MaxNewTokens);
    }

    void topKOneSamplingIsGreedy() {
        auto model = causalLm(tinyLlama("llama"));
        models::GenerationOptions greedy;
        greedy.maxNewTokens = 10;
        models::GenerationOptions sampled = greedy;
        sampled.sample = true;
        sampled.topK = 1;
        sampled.temperature = 0.7;
        sampled.seed = 99;
        QCOMPARE(models::generate(*model, kPrompt, sampled).tokens, models::generate(*model, kPrompt, greedy).tokens);
        sampled.topK = 0;
        sampled.temperature = 0;  // temperature 0 decodes greedily
        QCOMPARE(models::generate(*model, kPrompt, sampled).tokens, models::generate(*model, kPrompt, greedy).tokens);
    }

    void seedDecidesTheSample() {
        auto model = causalLm(tinyGpt2());
        models::GenerationOptions o;
        o.maxNewTokens = 12;
        o.sample = true;
        o.temperature = 1.5;  // a random model is nearly uniform: samples differ a lot between seeds
        o.seed = 7;
        const auto first = models::generate(*model, kPrompt, o).tokens;
        QCOMPARE(models::generate(*model, kPrompt, o).tokens, first);
        int differing = 0;
        for (uint64_t seed : {8, 9, 10}) {
            o.seed = seed;
            differing += models::generate(*model, kPrompt, o).tokens != first ? 1 : 0;
        }
        QVERIFY(differing >= 2);
    }

    void repetitionPenaltyFollowsTransformers() {
        // Seen tokens 0 and 1 (1 twice): negative scores × 2, positive ÷ 2; unseen unchanged.
        torch::Tensor scores = torch::tensor({2.0f, -1.0f, 0.5f, -3.0f});
        auto out = values(models::applyRepetitionPenalty(scores, {0, 1, 1}, 2.0));
        QCOMPARE(out, (std::vector<float>{1.0f, -2.0f, 0.5f, -3.0f}));
        QCOMPARE(values(models::applyRepetitionPenalty(scores, {0, 1}, 1.0)), values(scores));
    }

    void temperatureAndTopK() {
        QCOMPARE(values(models::applyTemperature(torch::tensor({2.0f, 4.0f}), 2.0)), (std::vector<float>{1.0f, 2.0f}));
        torch::Tensor scores = torch::tensor({1.0f, 3.0f, 2.0f, 3.0f});
        QCOMPARE(values(models::applyTopK(scores, 2)), (std::vector<float>{-kInf, 3.0f, -kInf, 3.0f}));  // ties kept
        QCOMPARE(values(models::applyTopK(scores, 3)), (std::vector<float>{-kInf, 3.0f, 2.0f, 3.0f}));
        QCOMPARE(values(models::applyTopK(scores, 0)), values(scores));
    }

    void topP_data() {
        QTest::addColumn<double>("p");
        QTest::addColumn<QList<int>>("kept");
        // Probabilities 0.5, 0.3, 0.15, 0.05: the smallest most-likely set reaching p.
        QTest::newRow("0.4") << 0.4 << QList<int>{1, 0, 0, 0};
        QTest::newRow("0.6") << 0.6 << QList<int>{1, 1, 0, 0};
        QTest::newRow("0.9") << 0.9 << QList<int>{1, 1, 1, 0};
        QTest::newRow("0.01 keeps one") << 0.01 << QList<int>{1, 0, 0, 0};
        QTest::newRow("1 is off") << 1.0 << QList<int>{1, 1, 1, 1};
    }
    void topP() {
        QFETCH(double, p);
        QFETCH(QList<int>, kept);
        torch::Tensor logits = torch::tensor({0.5f, 0.3f, 0.15f, 0.05f}).log().index({torch::tensor({2, 0, 3, 1}, torch::kLong)});  // shuffled
        auto out = values(models::applyTopP(logits, p));
        const int original[] = {2, 0, 3, 1};
        for (int i = 0; i < 4; ++i) QCOMPARE(std::isfinite(out[i]) ? 1 : 0, kept[original[i]]);
    }

    void eosStopsAndIsKept() {
        auto model = causalLm(tinyGpt2());
        models::GenerationOptions o;
        o.maxNewTokens = 12;
        const auto unstopped = models::generate(*model, kPrompt, o).tokens;
        o.eosTokenIds = {unstopped[3]};
        auto r = models::generate(*model, kPrompt, o);
        QVERIFY(r.endedWithEos);
        QVERIFY(r.stopReason == models::StopReason::Eos);
        QCOMPARE(r.tokens.back(), unstopped[3]);
        QVERIFY(r.tokens.size() <= 4);
    }

    void stopStringStops() {
        auto model = causalLm(tinyLlama("llama"));
        models::GenerationOptions o;
        o.maxNewTokens = 12;
        const auto unstopped = models::generate(*model, kPrompt, o).tokens;
        models::GenerationCallbacks callbacks;
        callbacks.decode = [](const std::vector<int64_t>& tokens) {
            std::string text;
            for (int64_t t : tokens) text += "<" + std::to_string(t) + ">";
            return text;
        };
        o.stopStrings = {"never", "<" + std::to_string(unstopped[2]) + ">"};
        auto r = models::generate(*model, kPrompt, o, callbacks);
        QVERIFY(r.stopReason == models::StopReason::StopString);
        QCOMPARE(r.stopString, o.stopStrings[1]);
        QVERIFY(r.tokens.size() <= 3);
        QCOMPARE(r.tokens, std::vector<int64_t>(unstopped.begin(), unstopped.begin() + int64_t(r.tokens.size())));
    }

    void cancelReturnsTheTokensSoFar() {
        auto model = causalLm(tinyGpt2());
        models::GenerationOptions o;
        o.maxNewTokens = 20;
        std::vector<int64_t> streamed;
        models::GenerationCallbacks byCallback;
        byCallback.onToken = [&](int64_t t) {
            streamed.push_back(t);
            return streamed.size() < 2;
        };
        auto r = models::generate(*model, kPrompt, o, byCallback);
        QVERIFY(r.stopReason == models::StopReason::Cancelled);
        QCOMPARE(r.tokens, streamed);
        QCOMPARE(r.tokens.size(), size_t(2));

        std::atomic<bool> cancel{false};
        models::GenerationCallbacks byFlag;
        byFlag.cancel = &cancel;
        int seen = 0;
        byFlag.onToken = [&](int64_t) {
            if (++seen == 3) cancel = true;  // as another thread would
            return true;
        };
        r = models::generate(*model, kPrompt, o, byFlag);
        QVERIFY(r.stopReason == models::StopReason::Cancelled);
        QCOMPARE(r.tokens.size(), size_t(3));
    }

    void maxPositionsBoundsTheSequence() {
        auto model = causalLm(tinyGpt2());
        models::GenerationOptions o;
        o.maxNewTokens = 100;
        o.maxPositions = 9;
        auto r = models::generate(*model, kPrompt, o);
        QCOMPARE(r.tokens.size(), size_t(4));
        QVERIFY(r.stopReason == models::StopReason::MaxPositions);
    }
};

QTEST_APPLESS_MAIN(TestGenerate)
#include "test_generate.moc"
