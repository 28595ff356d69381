// The Llama family (Llama, Qwen2, Mistral): GQA, tied / untied heads, rope_theta and linear scaling,
// sliding window, strict loading, and logits against a plain-PyTorch reference
// (tests/reference/llama_reference.py) with right and left padding.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

#include <torch/torch.h>

#include "core/api/tiny_model.h"
#include "core/export/hf_export.h"
#include "core/io/checkpoint.h"
#include "core/io/safetensors.h"
#include "core/models/factory.h"
#include "tensor_files.h"

using namespace ft;

namespace {


models::ModelRequest request(models::Head head, int64_t numLabels = 2) {
    models::ModelRequest r;
    r.head = head;
    r.numLabels = numLabels;
    return r;
}

bool hasName(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

class TestLlama : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString folder(const QString& name) const { return m_dir.filePath(name); }

    torch::Tensor referenceLogits(const QString& model, const torch::Tensor& ids, const torch::Tensor& mask, const QString& head,
                                  int64_t numLabels, int64_t padId, at::IntArrayRef outShape) {
        return runReference(QStringLiteral("llama_reference.py"), m_dir.path(), model, ids, mask,
                            {head, QString::number(numLabels), QString::number(padId)}, outShape);
    }

    // A variant of the tiny Llama: same tokenizer, config edited, fresh random weights.
    void makeVariant(const QString& name, const std::function<void(io::ModelConfig&, io::LlamaConfig&)>& edit) {
        auto config = io::readModelConfig((folder(QStringLiteral("llama")) + QStringLiteral("/config.json")).toStdString());
        QVERIFY(config.ok());
        auto llama = std::get<io::LlamaConfig>(config->arch);
        edit(*config, llama);
        config->arch = llama;
        torch::manual_seed(11);
        auto model = models::createModel(*config, request(models::Head::CausalLM));
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().describe().c_str());
        Status st = exporting::writeHfFolder(folder(name).toStdString(), **model, *config,
                                             tokenizerOptions(folder(QStringLiteral("llama")).toStdString()));
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
    }

    static double maxDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

private Q_SLOTS:
    void initTestCase() {
        torch::set_num_threads(2);
        for (const char* arch : {"llama", "qwen2"}) {
            api::TinyModelSpec spec;
            spec.architecture = arch;
            spec.outputFolder = folder(QString::fromLatin1(arch)).toStdString();
            spec.layers = 2;
            spec.hidden = 48;
            spec.heads = 4;
            spec.vocabSize = 400;
            spec.maxPositions = 64;
            spec.seed = 7;
            Status st = api::makeTinyModel(spec);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        }
        makeVariant(QStringLiteral("gqa-tied"), [](io::ModelConfig&, io::LlamaConfig& c) {
            c.numKeyValueHeads = 2;
            c.tieWordEmbeddings = true;
            c.ropeTheta = 500000.0;
        });
        makeVariant(QStringLiteral("linear-rope"), [](io::ModelConfig&, io::LlamaConfig& c) {
            c.numKeyValueHeads = 1;
            c.ropeType = "linear";
            c.ropeScaling = {{"rope_type", "linear"}, {"factor", 2.0}};
        });
        makeVariant(QStringLiteral("mistral-window"), [](io::ModelConfig& m, io::LlamaConfig& c) {
            m.modelType = "mistral";
            m.architectures = {"MistralForCausalLM"};
            c.numKeyValueHeads = 2;
            c.slidingWindow = 4;  // shorter than the test sequences
        });
    }

    void checkpointShapes() {
        auto llama = io::Checkpoint::open(folder(QStringLiteral("llama")).toStdString());
        QVERIFY(llama.ok());
        QVERIFY(llama->find("lm_head.weight") != nullptr);  // untied
        QCOMPARE(llama->find("model.layers.1.mlp.gate_proj.weight")->shape, (std::vector<int64_t>{144, 48}));
        QVERIFY(llama->find("model.layers.0.self_attn.q_proj.bias") == nullptr);
        // embed + norm + lm_head + per layer 9.
        QCOMPARE(llama->names().size(), size_t(3 + 2 * 9));

        auto qwen = io::Checkpoint::open(folder(QStringLiteral("qwen2")).toStdString());
        QVERIFY(qwen.ok());
        QVERIFY(qwen->find("lm_head.weight") == nullptr);  // tied
        QVERIFY(qwen->find("model.layers.0.self_attn.q_proj.bias") != nullptr);
        QVERIFY(qwen->find("model.layers.0.self_attn.v_proj.bias") != nullptr);
        QVERIFY(qwen->find("model.layers.0.self_attn.o_proj.bias") == nullptr);

        auto gqa = io::Checkpoint::open(folder(QStringLiteral("gqa-tied")).toStdString());
        QVERIFY(gqa.ok());
        QCOMPARE(gqa->find("model.layers.0.self_attn.k_proj.weight")->shape, (std::vector<int64_t>{24, 48}));
        QCOMPARE(gqa->find("model.layers.0.self_attn.q_proj.weight")->shape, (std::vector<int64_t>{48, 48}));
        QVERIFY(gqa->find("lm_head.weight") == nullptr);
    }

    void logitsMatchReference_data() {
        QTest::addColumn<QString>("model");
        for (const char* name : {"llama", "qwen2", "gqa-tied", "linear-rope", "mistral-window"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void logitsMatchReference() {
        QFETCH(QString, model);
        const QString dir = folder(model);

        // Causal LM, right padding.
        auto lm = models::loadModel(dir.toStdString(), request(models::Head::CausalLM));
        QVERIFY2(lm.ok(), lm.ok() ? "" : lm.error().describe().c_str());
        QVERIFY(lm->report.newlyInitialised.empty());
        const int64_t V = io::vocabSize(lm->config);
        auto ids = torch::randint(0, V, {3, 9}, torch::kLong);
        auto mask = torch::ones({3, 9}, torch::kLong);
        mask[1].slice(0, 6).fill_(0);
        torch::NoGradGuard noGrad;
        lm->model->eval();
        auto logits = lm->model->forward(ids, mask);
        QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{3, 9, V}));
        auto ref = referenceLogits(dir, ids, mask, QStringLiteral("lm"), 0, 0, {3, 9, V});
        QVERIFY(ref.defined());
        QVERIFY2(maxDiff(logits, ref) < 1e-4, qPrintable(QStringLiteral("lm: max |C++ - reference| = %1").arg(maxDiff(logits, ref))));

        // Classification through an export round trip, right- and left-padded rows.
        auto cls = models::loadModel(dir.toStdString(), request(models::Head::SequenceClassification, 3));
        QVERIFY(cls.ok());
        QCOMPARE(cls->report.newlyInitialised, (std::vector<std::string>{"score.weight"}));
        const QString exported = folder(model + QStringLiteral("-cls"));
        io::ModelConfig config = cls->config;
        config.id2label = {"a", "b", "c"};
        config.padTokenId = cls->padTokenId;
        QVERIFY(exporting::writeHfFolder(exported.toStdString(), *cls->model, config, tokenizerOptions(dir.toStdString())).ok());
        auto reloaded = models::loadModel(exported.toStdString(), request(models::Head::SequenceClassification, 3));
        QVERIFY2(reloaded.ok(), reloaded.ok() ? "" : reloaded.error().describe().c_str());
        QVERIFY(reloaded->report.newlyInitialised.empty());

        const int64_t pad = cls->padTokenId;
        auto cids = torch::randint(0, V, {3, 8}, torch::kLong);
        cids.masked_fill_(cids.eq(pad), pad == 0 ? 1 : 0);
        cids[0].slice(0, 5).fill_(pad);     // right padding: pooled at 4
        cids[1].slice(0, 0, 3).fill_(pad);  // left padding: pooled at 7
        auto cmask = cids.ne(pad).to(torch::kLong);
        cls->model->eval();
        reloaded->model->eval();
        auto a = cls->model->forward(cids, cmask);
        auto b = reloaded->model->forward(cids, cmask);
        QCOMPARE(a.sizes().vec(), (std::vector<int64_t>{3, 3}));
        QVERIFY(torch::equal(a, b));
        auto cref = referenceLogits(exported, cids, cmask, QStringLiteral("cls"), 3, pad, {3, 3});
        QVERIFY(cref.defined());
        QVERIFY2(maxDiff(a, cref) < 1e-4, qPrintable(QStringLiteral("cls: max |C++ - reference| = %1").arg(maxDiff(a, cref))));
    }

    void slidingWindowChangesLongSequencesOnly() {
        // With window 4, a 4-token sequence sees everything (as plain causal); a 9-token one does not.
        auto windowed = models::loadModel(folder(QStringLiteral("mistral-window")).toStdString(), request(models::Head::CausalLM));
        QVERIFY(windowed.ok());
        auto config = windowed->config;
        auto llama = std::get<io::LlamaConfig>(config.arch);
        llama.slidingWindow.reset();
        config.arch = llama;
        auto full = models::createModel(config, request(models::Head::CausalLM));
        QVERIFY(full.ok());
        {
            torch::NoGradGuard noGrad;
            auto src = windowed->model->named_parameters();
            for (auto& item : (*full)->named_parameters()) item.value().copy_(src[item.key()]);
        }
        torch::NoGradGuard noGrad;
        windowed->model->eval();
        (*full)->eval();
        auto ids = torch::randint(0, 300, {1, 9}, torch::kLong);
        auto mask = torch::ones({1, 9}, torch::kLong);
        auto w = windowed->model->forward(ids, mask);
        auto f = (*full)->forward(ids, mask);
        QVERIFY(maxDiff(w.slice(1, 0, 4), f.slice(1, 0, 4)) < 1e-5);
        QVERIFY(maxDiff(w.slice(1, 4), f.slice(1, 4)) > 1e-4);
    }

    void unsupportedRopeIsAClearError() {
        auto config = io::readModelConfig((folder(QStringLiteral("llama")) + QStringLiteral("/config.json")).toStdString());
        QVERIFY(config.ok());
        auto llama = std::get<io::LlamaConfig>(config->arch);
        llama.ropeType = "longrope";
        llama.ropeScaling = {{"rope_type", "longrope"}, {"short_factor", {1.0}}, {"long_factor", {2.0}}};
        config->arch = llama;
        auto model = models::createModel(*config, request(models::Head::CausalLM));
        QVERIFY(!model.ok());
        QCOMPARE(QString::fromStdString(model.error().code), QStringLiteral("model.unsupported_rope"));
        QVERIFY2(model.error().message.find("longrope") != std::string::npos, model.error().message.c_str());
    }

    void strictLoadingListsEveryProblem() {
        const QString broken = folder(QStringLiteral("broken"));
        QVERIFY(writeMalformedCopy(folder(QStringLiteral("llama")), broken, "model.layers.1.mlp.up_proj.weight",
                                   "model.layers.0.self_attn.k_proj.weight", {5, 48}));
        auto loaded = models::loadModel(broken.toStdString(), request(models::Head::CausalLM));
        QVERIFY(!loaded.ok());
        const std::string msg = loaded.error().message;
        QCOMPARE(QString::fromStdString(loaded.error().code), QStringLiteral("weights.mismatch"));
        QVERIFY2(msg.find("1 missing: model.layers.1.mlp.up_proj.weight") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("model.layers.0.self_attn.k_proj.weight: file [5, 48] vs model [48, 48]") != std::string::npos, msg.c_str());
    }

    void bareBaseModelKeysLoadAndOldBuffersAreIgnored() {
        // A bare LlamaModel file (no "model." prefix, no head) with the old rotary_emb.inv_freq buffer.
        auto ckpt = io::Checkpoint::open(folder(QStringLiteral("llama")).toStdString());
        QVERIFY(ckpt.ok());
        std::vector<io::TensorView> views;
        for (const auto& name : ckpt->names()) {
            if (name == "lm_head.weight") continue;
            io::TensorView v = *ckpt->find(name);
            v.name = name.substr(std::string("model.").size());
            views.push_back(v);
        }
        std::vector<float> invFreq(6, 1.f);
        io::TensorView buffer;
        buffer.name = "layers.0.self_attn.rotary_emb.inv_freq";
        buffer.dtype = io::DType::F32;
        buffer.shape = {6};
        buffer.data = invFreq.data();
        buffer.nbytes = invFreq.size() * 4;
        views.push_back(buffer);
        const QString bare = folder(QStringLiteral("bare"));
        QVERIFY(QDir().mkpath(bare));
        QVERIFY(io::writeCheckpoint(bare.toStdString(), views).ok());
        QFile::copy(folder(QStringLiteral("llama")) + QStringLiteral("/config.json"), bare + QStringLiteral("/config.json"));

        auto loaded = models::loadModel(bare.toStdString(), request(models::Head::SequenceClassification));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        QCOMPARE(loaded->report.ignored, (std::vector<std::string>{"layers.0.self_attn.rotary_emb.inv_freq"}));
        QVERIFY(hasName(loaded->report.newlyInitialised, "score.weight"));
        // The untied causal head is required: without lm_head the file is incomplete.
        auto lm = models::loadModel(bare.toStdString(), request(models::Head::CausalLM));
        QVERIFY(!lm.ok());
        QVERIFY2(lm.error().message.find("lm_head.weight") != std::string::npos, lm.error().message.c_str());
    }

    void tiedHeadSharesTheEmbedding() {
        auto loaded = models::loadModel(folder(QStringLiteral("gqa-tied")).toStdString(), request(models::Head::CausalLM));
        QVERIFY(loaded.ok());
        auto params = loaded->model->named_parameters();
        QVERIFY(!params.contains("lm_head.weight"));
        // Training the tied head moves the embedding: the gradient reaches embed_tokens from the logits.
        auto ids = torch::randint(0, 300, {1, 5}, torch::kLong);
        loaded->model->forward(ids, torch::ones({1, 5}, torch::kLong)).sum().backward();
        auto grad = params["model.embed_tokens.weight"].grad();
        QVERIFY(grad.defined());
        // Rows of tokens never input still get gradient through the output projection.
        QVERIFY(grad.abs().sum(1).gt(0).sum().item<int64_t>() > 5);
    }
};

QTEST_GUILESS_MAIN(TestLlama)
#include "test_llama.moc"
