// GPT-2: strict weight loading, export round trip, and logits against a plain-PyTorch reference.

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


}  // namespace

class TestGpt2 : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model;

    // Runs tests/reference/gpt2_reference.py; returns its logits, or an undefined tensor.
    torch::Tensor referenceLogits(const QString& modelDir, const torch::Tensor& ids, const torch::Tensor& mask, const QString& head,
                                  int64_t numLabels, int64_t padId, at::IntArrayRef outShape) {
        return runReference(QStringLiteral("gpt2_reference.py"), m_dir.path(), modelDir, ids, mask,
                            {head, QString::number(numLabels), QString::number(padId)}, outShape);
    }

private Q_SLOTS:
    void initTestCase() {
        torch::set_num_threads(2);
        m_model = m_dir.filePath(QStringLiteral("tiny"));
        api::TinyModelSpec spec;
        spec.outputFolder = m_model.toStdString();
        spec.layers = 2;
        spec.hidden = 48;
        spec.heads = 4;
        spec.vocabSize = 400;
        spec.maxPositions = 32;
        spec.seed = 3;
        Status st = api::makeTinyModel(spec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
    }

    void checkpointHasTransformersNamesAndShapes() {
        auto ckpt = io::Checkpoint::open(m_model.toStdString());
        QVERIFY(ckpt.ok());
        const auto names = ckpt->names();
        // GPT2LMHeadModel.save_pretrained: tied lm_head dropped, Conv1D weights stored [in, out].
        QVERIFY(std::find(names.begin(), names.end(), "lm_head.weight") == names.end());
        QCOMPARE(names.size(), size_t(2 + 2 * 12 + 2));
        QCOMPARE(ckpt->find("transformer.h.1.attn.c_attn.weight")->shape, (std::vector<int64_t>{48, 144}));
        QCOMPARE(ckpt->find("transformer.h.0.mlp.c_fc.weight")->shape, (std::vector<int64_t>{48, 192}));
        QCOMPARE(ckpt->find("transformer.h.0.mlp.c_proj.weight")->shape, (std::vector<int64_t>{192, 48}));
        QCOMPARE(ckpt->find("transformer.wpe.weight")->shape, (std::vector<int64_t>{32, 48}));
        QCOMPARE(ckpt->files().front().metadata().at("format"), std::string("pt"));
    }

    void causalLogitsMatchReference() {
        models::ModelRequest request;
        request.head = models::Head::CausalLM;
        auto loaded = models::loadModel(m_model.toStdString(), request);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        auto& model = *loaded->model;
        model.eval();
        auto ids = torch::randint(0, 399, {3, 9}, torch::kLong);
        auto mask = torch::ones({3, 9}, torch::kLong);
        mask[1].slice(0, 6).fill_(0);  // right padding in row 1
        torch::NoGradGuard noGrad;
        auto logits = model.forward(ids, mask);
        QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{3, 9, 400}));
        auto ref = referenceLogits(m_model, ids, mask, QStringLiteral("lm"), 0, 0, {3, 9, 400});
        QVERIFY(ref.defined());
        const double diff = (logits - ref).abs().max().item<double>();
        QVERIFY2(diff < 1e-4, qPrintable(QStringLiteral("max |C++ - reference| = %1").arg(diff)));
    }

    void classifierExportsAndMatchesReference() {
        models::ModelRequest request;
        request.head = models::Head::SequenceClassification;
        request.numLabels = 3;
        auto loaded = models::loadModel(m_model.toStdString(), request);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->report.newlyInitialised, (std::vector<std::string>{"score.weight"}));
        const QString exported = m_dir.filePath(QStringLiteral("cls"));
        io::ModelConfig config = loaded->config;
        config.id2label = {"a", "b", "c"};
        config.architectures = {"GPT2ForSequenceClassification"};
        QVERIFY(exporting::writeHfFolder(exported.toStdString(), *loaded->model, config, tokenizerOptions(m_model.toStdString())).ok());
        QVERIFY(QFile::exists(exported + QStringLiteral("/tokenizer.json")));

        auto reloaded = models::loadModel(exported.toStdString(), request);
        QVERIFY2(reloaded.ok(), reloaded.ok() ? "" : reloaded.error().describe().c_str());
        QVERIFY(reloaded->report.newlyInitialised.empty());
        QCOMPARE(reloaded->config.id2label, config.id2label);

        const int64_t pad = loaded->padTokenId;
        auto ids = torch::randint(0, 398, {2, 7}, torch::kLong);
        ids[0].slice(0, 4).fill_(pad);  // right-padded row: pooled at position 3
        auto mask = ids.ne(pad).to(torch::kLong);
        torch::NoGradGuard noGrad;
        loaded->model->eval();
        reloaded->model->eval();
        auto a = loaded->model->forward(ids, mask);
        auto b = reloaded->model->forward(ids, mask);
        QCOMPARE(a.sizes().vec(), (std::vector<int64_t>{2, 3}));
        QVERIFY(torch::equal(a, b));
        auto ref = referenceLogits(exported, ids, mask, QStringLiteral("cls"), 3, pad, {2, 3});
        QVERIFY(ref.defined());
        const double diff = (a - ref).abs().max().item<double>();
        QVERIFY2(diff < 1e-4, qPrintable(QStringLiteral("max |C++ - reference| = %1").arg(diff)));
    }

    void strictLoadingListsEveryProblem() {
        // A checkpoint with one tensor missing, one mis-shaped and one unknown.
        const QString broken = m_dir.filePath(QStringLiteral("broken"));
        QVERIFY(writeMalformedCopy(m_model, broken, "transformer.h.0.ln_1.bias", "transformer.ln_f.weight", {7, 48},
                                   "transformer.h.0.attn.rotary.weight"));

        models::ModelRequest request;
        request.head = models::Head::CausalLM;
        auto loaded = models::loadModel(broken.toStdString(), request);
        QVERIFY(!loaded.ok());
        const std::string msg = loaded.error().message;
        QCOMPARE(QString::fromStdString(loaded.error().code), QStringLiteral("weights.mismatch"));
        QVERIFY2(msg.find("transformer.h.0.ln_1.bias") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("transformer.ln_f.weight: file [7, 48] vs model [48]") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("transformer.h.0.attn.rotary.weight") != std::string::npos, msg.c_str());
    }

    void bareBaseModelKeysLoad() {
        // openai-community/gpt2 stores keys without "transformer." and old attn.bias buffers.
        auto ckpt = io::Checkpoint::open(m_model.toStdString());
        QVERIFY(ckpt.ok());
        std::vector<io::TensorView> views;
        std::vector<std::string> names;
        for (const auto& name : ckpt->names()) {
            io::TensorView v = *ckpt->find(name);
            v.name = name.substr(std::string("transformer.").size());
            views.push_back(v);
        }
        std::vector<uint8_t> causal(32 * 32, 1);
        io::TensorView buffer;
        buffer.name = "h.0.attn.bias";
        buffer.dtype = io::DType::U8;
        buffer.shape = {1, 1, 32, 32};
        buffer.data = causal.data();
        buffer.nbytes = causal.size();
        views.push_back(buffer);
        const QString bare = m_dir.filePath(QStringLiteral("bare"));
        QVERIFY(QDir().mkpath(bare));
        QVERIFY(io::writeCheckpoint(bare.toStdString(), views).ok());
        QFile::copy(m_model + QStringLiteral("/config.json"), bare + QStringLiteral("/config.json"));
        models::ModelRequest request;
        request.head = models::Head::CausalLM;
        auto loaded = models::loadModel(bare.toStdString(), request);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        QCOMPARE(loaded->report.ignored, (std::vector<std::string>{"h.0.attn.bias"}));
    }
};

QTEST_GUILESS_MAIN(TestGpt2)
#include "test_gpt2.moc"
