// BERT and DistilBERT: strict weight loading, export round trip, and classifier logits against a
// plain-PyTorch reference (tests/reference/bert_reference.py).

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <torch/torch.h>

#include "core/api/tiny_model.h"
#include "core/export/hf_export.h"
#include "core/io/checkpoint.h"
#include "core/io/safetensors.h"
#include "core/models/factory.h"
#include "tensor_files.h"

using namespace ft;

namespace {


models::ModelRequest classification(int64_t numLabels) {
    models::ModelRequest request;
    request.head = models::Head::SequenceClassification;
    request.numLabels = numLabels;
    return request;
}

// Rewrites `from`'s checkpoint into `to` through `edit` (return false to drop a tensor), copying config.json.
template <typename Edit>
bool rewriteCheckpoint(const QString& from, const QString& to, std::vector<io::TensorView> extra, Edit edit) {
    auto ckpt = io::Checkpoint::open(from.toStdString());
    if (!ckpt.ok()) return false;
    std::vector<io::TensorView> views;
    for (const auto& name : ckpt->names()) {
        io::TensorView v = *ckpt->find(name);
        if (edit(v)) views.push_back(v);
    }
    for (auto& v : extra) views.push_back(v);
    QDir().mkpath(to);
    if (!io::writeCheckpoint(to.toStdString(), views).ok()) return false;
    return QFile::copy(from + QStringLiteral("/config.json"), to + QStringLiteral("/config.json"));
}

}  // namespace

class TestBert : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString modelDir(const QString& arch) const { return m_dir.filePath(QStringLiteral("tiny-") + arch); }

    torch::Tensor referenceLogits(const QString& model, const torch::Tensor& ids, const torch::Tensor& mask, at::IntArrayRef outShape) {
        return runReference(QStringLiteral("bert_reference.py"), m_dir.path(), model, ids, mask, {}, outShape);
    }

private Q_SLOTS:
    void initTestCase() {
        torch::set_num_threads(2);
        for (const char* arch : {"bert", "distilbert"}) {
            api::TinyModelSpec spec;
            spec.architecture = arch;
            spec.outputFolder = modelDir(QString::fromLatin1(arch)).toStdString();
            spec.layers = 2;
            spec.hidden = 48;
            spec.heads = 4;
            spec.vocabSize = 400;
            spec.maxPositions = 32;
            spec.seed = 5;
            Status st = api::makeTinyModel(spec);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        }
    }

    void checkpointHasTransformersNames() {
        auto bert = io::Checkpoint::open(modelDir(QStringLiteral("bert")).toStdString());
        QVERIFY(bert.ok());
        QCOMPARE(bert->find("bert.encoder.layer.1.attention.self.query.weight")->shape, (std::vector<int64_t>{48, 48}));
        QCOMPARE(bert->find("bert.encoder.layer.0.intermediate.dense.weight")->shape, (std::vector<int64_t>{192, 48}));
        QCOMPARE(bert->find("bert.embeddings.token_type_embeddings.weight")->shape, (std::vector<int64_t>{2, 48}));
        QVERIFY(bert->find("bert.pooler.dense.bias") != nullptr);
        QVERIFY(bert->find("classifier.weight") == nullptr);  // the base model only
        // 3 embeddings + LayerNorm (2) + per layer 16 tensors + pooler (2).
        QCOMPARE(bert->names().size(), size_t(3 + 2 + 2 * 16 + 2));

        auto distil = io::Checkpoint::open(modelDir(QStringLiteral("distilbert")).toStdString());
        QVERIFY(distil.ok());
        QCOMPARE(distil->find("distilbert.transformer.layer.1.ffn.lin1.weight")->shape, (std::vector<int64_t>{192, 48}));
        QVERIFY(distil->find("distilbert.transformer.layer.0.sa_layer_norm.weight") != nullptr);
        QCOMPARE(distil->names().size(), size_t(2 + 2 + 2 * 16));
    }

    void classifierMatchesReference_data() {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QStringList>("newHead");
        QTest::newRow("bert") << QStringLiteral("bert") << QStringList{QStringLiteral("classifier.weight"), QStringLiteral("classifier.bias")};
        QTest::newRow("distilbert") << QStringLiteral("distilbert")
                                    << QStringList{QStringLiteral("pre_classifier.weight"), QStringLiteral("pre_classifier.bias"),
                                                   QStringLiteral("classifier.weight"), QStringLiteral("classifier.bias")};
    }

    void classifierMatchesReference() {
        QFETCH(QString, arch);
        QFETCH(QStringList, newHead);
        auto loaded = models::loadModel(modelDir(arch).toStdString(), classification(3));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        QStringList fresh;
        for (const auto& n : loaded->report.newlyInitialised) fresh << QString::fromStdString(n);
        QCOMPARE(fresh, newHead);

        const QString exported = m_dir.filePath(arch + QStringLiteral("-cls"));
        io::ModelConfig config = loaded->config;
        config.id2label = {"a", "b", "c"};
        QVERIFY(exporting::writeHfFolder(exported.toStdString(), *loaded->model, config, tokenizerOptions(modelDir(arch).toStdString())).ok());
        auto reloaded = models::loadModel(exported.toStdString(), classification(3));
        QVERIFY2(reloaded.ok(), reloaded.ok() ? "" : reloaded.error().describe().c_str());
        QVERIFY(reloaded->report.newlyInitialised.empty());

        // Right padding with [PAD] = 0; ids past the 5 specials, every row starts with [CLS].
        auto ids = torch::randint(5, io::vocabSize(loaded->config), {3, 9}, torch::kLong);
        ids.select(1, 0).fill_(2);
        ids[1].slice(0, 5).fill_(0);
        ids[2].slice(0, 8).fill_(0);
        auto mask = ids.ne(0).to(torch::kLong);
        torch::NoGradGuard noGrad;
        loaded->model->eval();
        reloaded->model->eval();
        auto a = loaded->model->forward(ids, mask);
        auto b = reloaded->model->forward(ids, mask);
        QCOMPARE(a.sizes().vec(), (std::vector<int64_t>{3, 3}));
        QVERIFY(torch::equal(a, b));
        auto ref = referenceLogits(exported, ids, mask, {3, 3});
        QVERIFY(ref.defined());
        const double diff = (a - ref).abs().max().item<double>();
        QVERIFY2(diff < 1e-4, qPrintable(QStringLiteral("max |C++ - reference| = %1").arg(diff)));

        // Padding must not leak: the padded row equals the same tokens run unpadded.
        auto alone = loaded->model->forward(ids[1].slice(0, 0, 5).unsqueeze(0), mask[1].slice(0, 0, 5).unsqueeze(0));
        QVERIFY((alone[0] - a[1]).abs().max().item<double>() < 1e-5);
    }

    void causalLmIsRefusedForEncoders_data() {
        QTest::addColumn<QString>("arch");
        QTest::newRow("bert") << QStringLiteral("bert");
        QTest::newRow("distilbert") << QStringLiteral("distilbert");
    }

    void causalLmIsRefusedForEncoders() {
        QFETCH(QString, arch);
        models::ModelRequest request;
        request.head = models::Head::CausalLM;
        auto loaded = models::loadModel(modelDir(arch).toStdString(), request);
        QVERIFY(!loaded.ok());
        QCOMPARE(QString::fromStdString(loaded.error().code), QStringLiteral("model.task_unsupported"));
    }

    void strictLoadingListsEveryProblem() {
        std::vector<float> bogus(48 * 7, 0.f);
        const QString broken = m_dir.filePath(QStringLiteral("bert-broken"));
        QVERIFY(rewriteCheckpoint(modelDir(QStringLiteral("bert")), broken, {}, [&](io::TensorView& v) {
            if (v.name == "bert.encoder.layer.1.output.LayerNorm.bias") return false;
            if (v.name == "bert.pooler.dense.bias") {
                v.shape = {7, 48};
                v.data = bogus.data();
                v.nbytes = bogus.size() * 4;
            }
            return true;
        }));
        auto loaded = models::loadModel(broken.toStdString(), classification(2));
        QVERIFY(!loaded.ok());
        const std::string msg = loaded.error().message;
        QCOMPARE(QString::fromStdString(loaded.error().code), QStringLiteral("weights.mismatch"));
        QVERIFY2(msg.find("bert.encoder.layer.1.output.LayerNorm.bias") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("bert.pooler.dense.bias: file [7, 48] vs model [48]") != std::string::npos, msg.c_str());
    }

    void bareBaseModelWithPretrainingHeadsLoads() {
        // bert-base-uncased style: keys without "bert.", legacy gamma/beta, MLM head and position_ids buffer.
        std::vector<int64_t> positions(32);
        for (int64_t i = 0; i < 32; ++i) positions[size_t(i)] = i;
        std::vector<float> mlmBias(400, 0.f);
        io::TensorView buffer;
        buffer.name = "embeddings.position_ids";
        buffer.dtype = io::DType::I64;
        buffer.shape = {1, 32};
        buffer.data = positions.data();
        buffer.nbytes = positions.size() * 8;
        io::TensorView head;
        head.name = "cls.predictions.bias";
        head.dtype = io::DType::F32;
        head.shape = {400};
        head.data = mlmBias.data();
        head.nbytes = mlmBias.size() * 4;
        const QString bare = m_dir.filePath(QStringLiteral("bert-bare"));
        QVERIFY(rewriteCheckpoint(modelDir(QStringLiteral("bert")), bare, {buffer, head}, [](io::TensorView& v) {
            v.name = v.name.substr(std::string("bert.").size());
            if (v.name == "embeddings.LayerNorm.weight") v.name = "embeddings.LayerNorm.gamma";
            if (v.name == "embeddings.LayerNorm.bias") v.name = "embeddings.LayerNorm.beta";
            return true;
        }));
        auto loaded = models::loadModel(bare.toStdString(), classification(2));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        auto ignored = loaded->report.ignored;
        std::sort(ignored.begin(), ignored.end());
        QCOMPARE(ignored, (std::vector<std::string>{"cls.predictions.bias", "embeddings.position_ids"}));

        // Same weights as the prefixed original.
        auto original = models::loadModel(modelDir(QStringLiteral("bert")).toStdString(), classification(2));
        QVERIFY(original.ok());
        auto a = original->model->named_parameters()["bert.embeddings.LayerNorm.weight"];
        auto b = loaded->model->named_parameters()["bert.embeddings.LayerNorm.weight"];
        QVERIFY(torch::equal(a, b));
    }

    void distilBertIgnoresMlmHead() {
        std::vector<float> projector(400, 0.f);
        io::TensorView v;
        v.name = "vocab_projector.bias";
        v.dtype = io::DType::F32;
        v.shape = {400};
        v.data = projector.data();
        v.nbytes = projector.size() * 4;
        const QString mlm = m_dir.filePath(QStringLiteral("distil-mlm"));
        QVERIFY(rewriteCheckpoint(modelDir(QStringLiteral("distilbert")), mlm, {v}, [](io::TensorView&) { return true; }));
        auto loaded = models::loadModel(mlm.toStdString(), classification(2));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        QCOMPARE(loaded->report.ignored, (std::vector<std::string>{"vocab_projector.bias"}));
    }

    void freshInitFollowsTransformers() {
        auto config = io::readModelConfig((modelDir(QStringLiteral("bert")) + QStringLiteral("/config.json")).toStdString());
        QVERIFY(config.ok());
        torch::manual_seed(0);
        auto model = models::createModel(*config, classification(2));
        QVERIFY(model.ok());
        auto params = (*model)->named_parameters();
        QVERIFY(torch::equal(params["bert.embeddings.word_embeddings.weight"][0], torch::zeros({48})));  // padding_idx row
        QVERIFY(torch::equal(params["classifier.bias"], torch::zeros({2})));
        QVERIFY(torch::equal(params["bert.encoder.layer.0.output.LayerNorm.weight"], torch::ones({48})));
        const double std = params["bert.encoder.layer.0.attention.self.query.weight"].std().item<double>();
        QVERIFY2(std > 0.015 && std < 0.025, qPrintable(QString::number(std)));
    }
};

QTEST_GUILESS_MAIN(TestBert)
#include "test_bert.moc"
