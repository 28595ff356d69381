// T5 (encoder-decoder): relative-position buckets, logits, loss and gradients against a plain-PyTorch
// reference (tests/reference/t5_reference.py) with padded inputs and ignored labels, for the
// original layout (ReLU, tied head) and the v1.1 / FLAN one (gated GELU, untied head, more decoder
// blocks); cached greedy decoding equals full recomputation; strict loading; bit-exact round trip.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <torch/torch.h>

#include "core/export/hf_export.h"
#include "core/io/checkpoint.h"
#include "core/io/safetensors.h"
#include "core/models/factory.h"
#include "core/models/generate.h"
#include "core/models/t5.h"
#include "tensor_files.h"

using namespace ft;

namespace {

models::ModelRequest seq2seq() {
    models::ModelRequest r;
    r.head = models::Head::Seq2SeqLM;
    return r;
}

io::ModelConfig tinyT5(bool v11) {
    io::ModelConfig m;
    m.modelType = "t5";
    io::T5Config c;
    c.vocabSize = 90;
    c.dModel = 32;
    c.dKv = 8;
    c.numHeads = 4;
    c.dFf = 48;
    c.numLayers = 2;
    c.relativeAttentionNumBuckets = 8;    // few buckets and a short max distance: the
    c.relativeAttentionMaxDistance = 12;  // logarithmic buckets are reached by the test's lengths
    if (v11) {
        c.feedForwardProj = "gated-gelu";
        c.tieWordEmbeddings = false;
        c.numDecoderLayers = 3;
    }
    m.arch = c;
    m.padTokenId = 0;
    m.eosTokenId = 1;
    m.eosTokenIds = {1};
    return m;
}

double maxDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

class TestT5 : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString folder(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() {
        torch::set_num_threads(2);
        for (bool v11 : {false, true}) {
            torch::manual_seed(v11 ? 5 : 4);
            const io::ModelConfig config = tinyT5(v11);
            auto model = models::createModel(config, seq2seq());
            QVERIFY2(model.ok(), model.ok() ? "" : model.error().describe().c_str());
            Status st = exporting::writeHfFolder(folder(v11 ? "v11" : "t5").toStdString(), **model, config, {});
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        }
    }

    // transformers' _relative_position_bucket on hand-worked values (32 buckets, max distance 128).
    void relativePositionBuckets() {
        auto buckets = [](std::vector<int64_t> rel, bool bidirectional) {
            torch::Tensor b = models::relativePositionBucket(torch::tensor(rel, torch::kLong), bidirectional, 32, 128);
            return std::vector<int64_t>(b.data_ptr<int64_t>(), b.data_ptr<int64_t>() + b.numel());
        };
        // Encoder: 16 buckets a side; 8 exact, then log(|r|/8)/log(16)·8 past 8.
        QCOMPARE(buckets({0, 1, -1, 7, -20, 200, -200}, true), (std::vector<int64_t>{0, 17, 1, 23, 10, 31, 15}));
        // Decoder: keys after the query share bucket 0; 16 exact, then log(|r|/16)/log(8)·16.
        QCOMPARE(buckets({0, 5, -3, -15, -20, -200}, false), (std::vector<int64_t>{0, 0, 3, 15, 17, 31}));
    }

    void checkpointLayout() {
        auto tied = io::Checkpoint::open(folder("t5").toStdString());
        QVERIFY(tied.ok());
        QVERIFY(tied->find("shared.weight") != nullptr);
        QVERIFY(tied->find("lm_head.weight") == nullptr);
        QVERIFY(tied->find("encoder.embed_tokens.weight") == nullptr);
        QCOMPARE(tied->find("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight")->shape, (std::vector<int64_t>{8, 4}));
        QVERIFY(tied->find("encoder.block.1.layer.0.SelfAttention.relative_attention_bias.weight") == nullptr);
        QCOMPARE(tied->find("decoder.block.1.layer.1.EncDecAttention.o.weight")->shape, (std::vector<int64_t>{32, 32}));
        QCOMPARE(tied->find("encoder.block.1.layer.1.DenseReluDense.wi.weight")->shape, (std::vector<int64_t>{48, 32}));
        // shared + encoder (bias + 2 × 8 + final norm) + decoder (bias + 2 × 13 + final norm).
        QCOMPARE(tied->names().size(), size_t(1 + 18 + 28));

        auto v11 = io::Checkpoint::open(folder("v11").toStdString());
        QVERIFY(v11.ok());
        QCOMPARE(v11->find("lm_head.weight")->shape, (std::vector<int64_t>{90, 32}));
        QVERIFY(v11->find("decoder.block.2.layer.2.DenseReluDense.wi_1.weight") != nullptr);
        QVERIFY(v11->find("decoder.block.2.layer.2.DenseReluDense.wi.weight") == nullptr);

        QFile config(folder("v11") + "/config.json");
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(config.readAll()).object();
        QCOMPARE(j["model_type"].toString(), QStringLiteral("t5"));
        QCOMPARE(j["architectures"].toArray().first().toString(), QStringLiteral("T5ForConditionalGeneration"));
        QCOMPARE(j["feed_forward_proj"].toString(), QStringLiteral("gated-gelu"));
        QCOMPARE(j["num_decoder_layers"].toInt(), 3);
        QCOMPARE(j["tie_word_embeddings"].toBool(), false);
        QVERIFY(j["is_encoder_decoder"].toBool());
        QFile generation(folder("v11") + "/generation_config.json");
        QVERIFY(generation.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(generation.readAll()).object()["decoder_start_token_id"].toInt(), 0);
    }

    void matchesReference_data() {
        QTest::addColumn<QString>("model");
        QTest::newRow("t5 (relu, tied)") << "t5";
        QTest::newRow("v1.1 (gated gelu, untied, 3 decoder blocks)") << "v11";
    }

    void matchesReference() {
        QFETCH(QString, model);
        auto loaded = models::loadModel(folder(model).toStdString(), seq2seq());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        QVERIFY(loaded->report.newlyInitialised.empty());
        auto* t5 = dynamic_cast<models::T5Model*>(loaded->model.get());
        QVERIFY(t5);
        t5->eval();
        const int64_t B = 2, S = 13, T = 9, V = 90;
        torch::manual_seed(21);
        auto ids = torch::randint(2, V, {B, S}, torch::kLong);
        auto mask = torch::ones({B, S}, torch::kLong);
        mask[1].slice(0, 8).fill_(0);  // right padding in the encoder input
        ids[1].slice(0, 8).fill_(0);
        auto labels = torch::randint(2, V, {B, T}, torch::kLong);
        labels[1].slice(0, 6).fill_(-100);  // ignored target positions

        torch::Tensor decoderIds = models::shiftTokensRight(labels, t5->decoderStartTokenId(), 0);
        QCOMPARE(decoderIds[1][7].item<int64_t>(), int64_t(0));  // -100 became the pad id
        QCOMPARE(decoderIds[0][0].item<int64_t>(), t5->decoderStartTokenId());
        QCOMPARE(decoderIds[0][3].item<int64_t>(), labels[0][2].item<int64_t>());
        torch::Tensor logits = t5->decode(decoderIds, {}, t5->encode(ids, mask), mask);  // [B, T, V]
        QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{B, T, V}));
        torch::Tensor loss = torch::nn::functional::cross_entropy(logits.reshape({-1, V}), labels.reshape({-1}),
                                                                  torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
        loss.backward();
        std::map<std::string, torch::Tensor> params;
        for (const auto& p : t5->named_parameters()) params[p.key()] = p.value();
        const std::vector<std::string> gradNames{"shared.weight", "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                                                 "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"};
        int64_t total = B * T * V + 1;
        for (const auto& n : gradNames) total += params.at(n).numel();

        writeRaw(m_dir.filePath("labels.bin"), labels);
        auto ref = runReference(QStringLiteral("t5_reference.py"), m_dir.path(), folder(model), ids, mask,
                                {m_dir.filePath("labels.bin"), QString::number(T)}, {total});
        QVERIFY2(ref.defined(), "the Python reference failed (see the warning above)");
        int64_t at = 0;
        const double logitDiff = maxDiff(logits.detach().flatten(), ref.slice(0, at, at + B * T * V));
        at += B * T * V;
        QVERIFY2(logitDiff < 1e-5, qPrintable(QStringLiteral("logits differ by %1").arg(logitDiff)));
        const double lossDiff = std::abs(loss.item<double>() - ref[at].item<double>());
        at += 1;
        QVERIFY2(lossDiff < 1e-5, qPrintable(QStringLiteral("loss differs by %1").arg(lossDiff)));
        for (const auto& n : gradNames) {
            const int64_t n_ = params.at(n).numel();
            const double d = maxDiff(params.at(n).grad().flatten(), ref.slice(0, at, at + n_));
            at += n_;
            QVERIFY2(d < 1e-5, qPrintable(QStringLiteral("gradient of %1 differs by %2").arg(QString::fromStdString(n)).arg(d)));
        }
    }

    // The cache keeps the decoder's own keys and the cross-attention keys; greedy tokens are the same.
    void cachedDecodingEqualsRecomputation_data() {
        QTest::addColumn<QString>("model");
        QTest::newRow("t5") << "t5";
        QTest::newRow("v11") << "v11";
    }

    void cachedDecodingEqualsRecomputation() {
        QFETCH(QString, model);
        auto loaded = models::loadModel(folder(model).toStdString(), seq2seq());
        QVERIFY(loaded.ok());
        models::GenerationOptions options;
        options.maxNewTokens = 16;  // no EOS: every step runs
        const std::vector<int64_t> prompt{5, 17, 33, 8, 61, 2, 40};
        options.useKvCache = true;
        const auto cached = models::generate(*loaded->model, prompt, options);
        options.useKvCache = false;
        const auto full = models::generate(*loaded->model, prompt, options);
        QCOMPARE(cached.tokens.size(), size_t(16));
        QCOMPARE(cached.tokens, full.tokens);
        QVERIFY(maxDiff(cached.lastLogits, full.lastLogits) < 1e-5);
        // Sampling with a seed repeats.
        options.sample = true;
        options.seed = 3;
        options.useKvCache = true;
        QCOMPARE(models::generate(*loaded->model, prompt, options).tokens, models::generate(*loaded->model, prompt, options).tokens);
    }

    void roundTripIsBitExact() {
        auto first = models::loadModel(folder("v11").toStdString(), seq2seq());
        QVERIFY(first.ok());
        QVERIFY(exporting::writeHfFolder(folder("v11-again").toStdString(), *first->model, first->config, {}).ok());
        auto a = io::Checkpoint::open(folder("v11").toStdString());
        auto b = io::Checkpoint::open(folder("v11-again").toStdString());
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->names(), b->names());
        for (const auto& name : a->names()) {
            const io::TensorView* x = a->find(name);
            const io::TensorView* y = b->find(name);
            QCOMPARE(x->shape, y->shape);
            QVERIFY2(x->nbytes == y->nbytes && std::memcmp(x->data, y->data, x->nbytes) == 0, name.c_str());
        }
    }

    // Every problem at once; the duplicated embedding copies of older files are accepted.
    void strictLoading() {
        const QString broken = folder("broken");
        QVERIFY(writeMalformedCopy(folder("t5"), broken, "decoder.block.1.layer.1.EncDecAttention.k.weight",
                                   "encoder.block.0.layer.0.SelfAttention.q.weight", {5, 32}));
        auto ckpt = io::Checkpoint::open(folder("t5").toStdString());
        QVERIFY(ckpt.ok());
        auto loaded = models::loadModel(broken.toStdString(), seq2seq());
        QVERIFY(!loaded.ok());
        const std::string msg = loaded.error().message;
        QCOMPARE(QString::fromStdString(loaded.error().code), QStringLiteral("weights.mismatch"));
        QVERIFY2(msg.find("decoder.block.1.layer.1.EncDecAttention.k.weight") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("encoder.block.0.layer.0.SelfAttention.q.weight: file [5, 32] vs model [32, 32]") != std::string::npos, msg.c_str());

        // An older file that repeats the shared matrix as encoder / decoder embed_tokens and lm_head.
        std::vector<io::TensorView> older;
        for (const auto& name : ckpt->names()) older.push_back(*ckpt->find(name));
        for (const char* copy : {"encoder.embed_tokens.weight", "decoder.embed_tokens.weight", "lm_head.weight"}) {
            io::TensorView v = *ckpt->find("shared.weight");
            v.name = copy;
            older.push_back(v);
        }
        const QString old = folder("older");
        QVERIFY(QDir().mkpath(old));
        QVERIFY(io::writeCheckpoint(old.toStdString(), older).ok());
        QFile::copy(folder("t5") + "/config.json", old + "/config.json");
        auto ok = models::loadModel(old.toStdString(), seq2seq());
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().describe().c_str());
        QCOMPARE(ok->report.ignored.size(), size_t(3));
    }

    void wrongTaskAndBadConfigAreClearErrors() {
        models::ModelRequest classify;
        classify.head = models::Head::SequenceClassification;
        auto asClassifier = models::loadModel(folder("t5").toStdString(), classify);
        QVERIFY(!asClassifier.ok());
        QCOMPARE(QString::fromStdString(asClassifier.error().code), QStringLiteral("model.task_unsupported"));
        QVERIFY(asClassifier.error().message.find("encoder-decoder") != std::string::npos);

        nlohmann::json j = io::toConfigJson(tinyT5(false));
        j["feed_forward_proj"] = "gated-gelu-new";
        auto bad = io::parseModelConfig(j, "config.json");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.find("feed_forward_proj") != std::string::npos, bad.error().message.c_str());
        j["feed_forward_proj"] = "relu";
        j["d_kv"] = 0;
        auto zero = io::parseModelConfig(j, "config.json");
        QVERIFY(!zero.ok());
        QVERIFY2(zero.error().message.find("d_kv") != std::string::npos, zero.error().message.c_str());
    }

    // Layer groups for freezing: the shared embedding, encoder blocks, decoder blocks, the head.
    void layerGroupsCoverEveryParameter() {
        auto loaded = models::loadModel(folder("v11").toStdString(), seq2seq());
        QVERIFY(loaded.ok());
        const auto groups = loaded->model->layerGroups();
        QCOMPARE(groups.size(), size_t(1 + 2 + 3 + 1));
        size_t count = 0;
        for (const auto& g : groups) count += g.parameterNames.size();
        QCOMPARE(count, loaded->model->named_parameters().size());
        QCOMPARE(groups[0].parameterNames, (std::vector<std::string>{"shared.weight"}));
        QVERIFY(std::count(groups[3].parameterNames.begin(), groups[3].parameterNames.end(), "decoder.block.0.layer.1.EncDecAttention.q.weight"));
        QVERIFY(std::count(groups[6].parameterNames.begin(), groups[6].parameterNames.end(), "lm_head.weight"));
    }
};

QTEST_GUILESS_MAIN(TestT5)
#include "test_t5.moc"
