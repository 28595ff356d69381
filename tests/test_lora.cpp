// LoRA on every architecture: PEFT's target names and shapes, a no-op at attach, merge equals the
// unmerged forward, PEFT adapter files (config text, tensor names) round trip, strict adapter loading.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/api/tiny_model.h"
#include "core/export/peft_adapter.h"
#include "core/io/hf_config.h"
#include "core/io/safetensors.h"
#include "core/models/factory.h"
#include "core/models/lora.h"

using namespace ft;

namespace {

models::ModelRequest requestFor(const QString& arch) {
    models::ModelRequest r;
    const bool encoder = arch == QLatin1String("bert") || arch == QLatin1String("distilbert");
    r.head = encoder || arch == QLatin1String("gpt2-cls") ? models::Head::SequenceClassification : models::Head::CausalLM;
    r.numLabels = 3;
    return r;
}

torch::Tensor sampleIds(int64_t vocab) {
    torch::manual_seed(5);
    return torch::randint(4, vocab, {2, 7}, torch::kLong);
}

// Gives every lora_B a non-zero value so the adapter changes the output.
void perturbAdapters(models::Model& model) {
    torch::NoGradGuard noGrad;
    torch::manual_seed(11);
    for (auto& item : model.named_parameters(true))
        if (models::isLoraParameter(item.key())) item.value().normal_(0.0, 0.2);
}

}  // namespace

class TestLora : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString modelFolder(const QString& arch) {
        const QString base = arch == QLatin1String("gpt2-cls") ? QStringLiteral("gpt2") : arch;
        const QString folder = m_dir.filePath(base);
        if (!QDir(folder).exists()) {
            api::TinyModelSpec spec;
            spec.architecture = base.toStdString();
            spec.outputFolder = folder.toStdString();
            spec.layers = 2;
            spec.hidden = 32;
            spec.seed = 3;
            Status st = api::makeTinyModel(spec);
            if (!st) qWarning("%s", st.error().describe().c_str());
        }
        return folder;
    }

    models::LoadedModel load(const QString& arch) {
        auto loaded = models::loadModel(modelFolder(arch).toStdString(), requestFor(arch));
        if (!loaded) qFatal("%s", loaded.error().describe().c_str());
        loaded->model->eval();
        return std::move(*loaded);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        torch::set_num_threads(1);
    }

    void targetsAndShapes_data() {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("firstModule");
        QTest::addColumn<int>("adapted");   // 2 layers × targets
        QTest::newRow("gpt2") << "gpt2" << "transformer.h.0.attn.c_attn" << 2;
        QTest::newRow("bert") << "bert" << "bert.encoder.layer.0.attention.self.query" << 4;
        QTest::newRow("distilbert") << "distilbert" << "distilbert.transformer.layer.0.attention.q_lin" << 4;
        QTest::newRow("llama") << "llama" << "model.layers.0.self_attn.q_proj" << 4;
        QTest::newRow("qwen2") << "qwen2" << "model.layers.0.self_attn.q_proj" << 4;
    }

    void targetsAndShapes() {
        QFETCH(QString, arch);
        QFETCH(QString, firstModule);
        QFETCH(int, adapted);
        auto m = load(arch);
        const auto request = requestFor(arch);
        const auto heads = models::headModuleNames(m.config, request.head);
        torch::Tensor ids = sampleIds(io::vocabSize(m.config));
        torch::Tensor mask = torch::ones_like(ids);
        torch::Tensor before = m.model->forward(ids, mask).detach().clone();

        models::LoraShape shape;
        shape.rank = 4;
        shape.alpha = 8;
        auto names = models::attachLora(*m.model, models::defaultLoraTargets(m.config.modelType), shape, heads);
        QVERIFY2(names.ok(), names.ok() ? "" : names.error().describe().c_str());
        QCOMPARE(int(names->size()), adapted);
        QCOMPARE(QString::fromStdString(names->front()), firstModule);

        // PEFT's shapes: lora_A [r, in], lora_B [out, r]; B starts at zero, so nothing changes yet.
        auto params = m.model->named_parameters(true);
        const std::string a = firstModule.toStdString() + ".lora_A.weight", b = firstModule.toStdString() + ".lora_B.weight";
        QVERIFY(params.contains(a) && params.contains(b));
        const int64_t hidden = io::hiddenSize(m.config);
        QCOMPARE(params[a].sizes().vec(), (std::vector<int64_t>{4, hidden}));
        QCOMPARE(params[b].size(1), int64_t(4));
        QVERIFY(params[b].abs().max().item<double>() == 0.0);
        QVERIFY(torch::equal(m.model->forward(ids, mask), before));

        // Merging folds scaling·B·A into the weights: same outputs, no adapter left.
        perturbAdapters(*m.model);
        torch::Tensor adaptedOut = m.model->forward(ids, mask).detach().clone();
        QVERIFY(!torch::allclose(adaptedOut, before, 1e-4, 1e-4));
        models::mergeLora(*m.model);
        for (const auto& item : m.model->named_parameters(true)) QVERIFY(!models::isLoraParameter(item.key()));
        torch::Tensor merged = m.model->forward(ids, mask);
        QVERIFY2(torch::allclose(merged, adaptedOut, 1e-5, 1e-5),
                 qPrintable(QString::number((merged - adaptedOut).abs().max().item<double>())));
    }

    void mergedWeightIsBasePlusScaledProduct() {
        auto m = load(QStringLiteral("llama"));
        const std::string w = "model.layers.1.self_attn.v_proj.weight";
        torch::Tensor base = m.model->named_parameters(true)[w].detach().clone();
        models::LoraShape shape;
        shape.rank = 2;
        shape.alpha = 6;   // scaling 3
        QVERIFY(models::attachLora(*m.model, {"v_proj"}, shape).ok());
        perturbAdapters(*m.model);
        auto params = m.model->named_parameters(true);
        torch::Tensor A = params["model.layers.1.self_attn.v_proj.lora_A.weight"].detach().clone();
        torch::Tensor B = params["model.layers.1.self_attn.v_proj.lora_B.weight"].detach().clone();
        models::mergeLora(*m.model);
        torch::Tensor expected = base + 3.0 * torch::matmul(B, A);
        QVERIFY(torch::allclose(m.model->named_parameters(true)[w], expected, 1e-6, 1e-6));
    }

    void rsLoraScaling() {
        models::LinearImpl linear(6, 5);
        models::LoraShape shape;
        shape.rank = 4;
        shape.alpha = 8;
        shape.rsLora = true;
        linear.attachLora(shape);
        QCOMPARE(linear.loraScaling(), 4.0);   // 8 / sqrt(4)
    }

    void noMatchingTargetNamesTheLinearLayers() {
        auto m = load(QStringLiteral("gpt2"));
        models::LoraShape shape;
        auto names = models::attachLora(*m.model, {"q_proj"}, shape);
        QVERIFY(!names.ok());
        QCOMPARE(QString::fromStdString(names.error().code), QStringLiteral("lora.no_target"));
        QCOMPARE(QString::fromStdString(names.error().field), QStringLiteral("lora.target_modules"));
        QVERIFY(QString::fromStdString(names.error().message).contains(QStringLiteral("c_attn")));
    }

    void peftAdapterFilesRoundTrip() {
        auto m = load(QStringLiteral("gpt2-cls"));
        const auto heads = models::headModuleNames(m.config, models::Head::SequenceClassification);
        QCOMPARE(heads, (std::vector<std::string>{"score"}));
        models::LoraShape shape;
        shape.rank = 4;
        shape.alpha = 16;
        shape.dropout = 0.05;
        QVERIFY(models::attachLora(*m.model, {"c_attn"}, shape, heads).ok());
        perturbAdapters(*m.model);
        torch::Tensor ids = sampleIds(io::vocabSize(m.config));
        torch::Tensor mask = torch::ones_like(ids);
        torch::Tensor out = m.model->forward(ids, mask).detach().clone();

        exporting::AdapterConfig config;
        config.shape = shape;
        config.targetModules = {"c_attn"};
        config.modulesToSave = heads;
        config.taskType = "SEQ_CLS";
        config.baseModel = "/models/gpt2";
        config.fanInFanOut = true;
        const QString folder = m_dir.filePath(QStringLiteral("adapter"));
        exporting::ExportOptions options;
        Status st = exporting::writePeftAdapter(folder.toStdString(), *m.model, config, options);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());

        // adapter_config.json exactly as PEFT's json.dumps(indent=2, sort_keys=True) writes it.
        QFile f(folder + QStringLiteral("/adapter_config.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        const QByteArray expected = R"({
  "alpha_pattern": {},
  "auto_mapping": null,
  "base_model_name_or_path": "/models/gpt2",
  "bias": "none",
  "fan_in_fan_out": true,
  "inference_mode": true,
  "init_lora_weights": true,
  "layers_pattern": null,
  "layers_to_transform": null,
  "loftq_config": {},
  "lora_alpha": 16,
  "lora_dropout": 0.05,
  "megatron_config": null,
  "megatron_core": "megatron.core",
  "modules_to_save": [
    "score"
  ],
  "peft_type": "LORA",
  "r": 4,
  "rank_pattern": {},
  "revision": null,
  "target_modules": [
    "c_attn"
  ],
  "task_type": "SEQ_CLS",
  "use_rslora": false
})";
        QCOMPARE(text, expected);

        // Tensor names as PEFT saves them (adapter name removed, modules_to_save under the plain name).
        auto file = io::SafetensorsFile::open((folder + QStringLiteral("/adapter_model.safetensors")).toStdString());
        QVERIFY(file.ok());
        std::vector<std::string> names;
        for (const auto& t : file->tensors()) names.push_back(t.name);
        std::sort(names.begin(), names.end());
        QCOMPARE(names, (std::vector<std::string>{"base_model.model.score.weight",
                                                   "base_model.model.transformer.h.0.attn.c_attn.lora_A.weight",
                                                   "base_model.model.transformer.h.0.attn.c_attn.lora_B.weight",
                                                   "base_model.model.transformer.h.1.attn.c_attn.lora_A.weight",
                                                   "base_model.model.transformer.h.1.attn.c_attn.lora_B.weight"}));
        QCOMPARE(file->find("base_model.model.transformer.h.0.attn.c_attn.lora_B.weight")->shape, (std::vector<int64_t>{96, 4}));
        QCOMPARE(file->metadata().at("format"), std::string("pt"));

        // A fresh base + the adapter reproduces the outputs.
        auto read = exporting::readAdapterConfig((folder + QStringLiteral("/adapter_config.json")).toStdString());
        QVERIFY(read.ok());
        QCOMPARE(read->targetModules, config.targetModules);
        QCOMPARE(read->modulesToSave, config.modulesToSave);
        QCOMPARE(read->shape.alpha, 16.0);
        auto fresh = load(QStringLiteral("gpt2-cls"));
        QVERIFY(models::attachLora(*fresh.model, read->targetModules, read->shape, read->modulesToSave).ok());
        st = exporting::loadPeftAdapterWeights(*fresh.model, folder.toStdString(), read->modulesToSave);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        QVERIFY(torch::equal(fresh.model->forward(ids, mask), out));

        // An adapter for other modules lists every problem at once.
        auto other = load(QStringLiteral("gpt2-cls"));
        QVERIFY(models::attachLora(*other.model, {"c_fc"}, shape, heads).ok());
        st = exporting::loadPeftAdapterWeights(*other.model, folder.toStdString(), heads);
        QVERIFY(!st.ok());
        QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("peft.weights_mismatch"));
        const QString msg = QString::fromStdString(st.error().message);
        QVERIFY(msg.contains(QStringLiteral("unexpected: base_model.model.transformer.h.1.attn.c_attn.lora_B.weight")));
        QVERIFY(msg.contains(QStringLiteral("missing: base_model.model.transformer.h.0.mlp.c_fc.lora_A.weight")));

        // A full export refuses unmerged adapters instead of writing a file transformers would reject.
        st = exporting::writeHfFolder(m_dir.filePath(QStringLiteral("full")).toStdString(), *m.model, m.config, options);
        QVERIFY(!st.ok());
        QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("export.unmerged_lora"));
    }

    void adapterConfigErrorsNameTheKey_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("not lora") << QByteArray(R"({"peft_type":"IA3","r":8,"target_modules":["q"]})") << "peft_type";
        QTest::newRow("regex targets") << QByteArray(R"({"peft_type":"LORA","r":8,"target_modules":".*q_proj"})") << "target_modules";
        QTest::newRow("dora") << QByteArray(R"({"peft_type":"LORA","r":8,"target_modules":["q"],"use_dora":true})") << "use_dora";
        QTest::newRow("bias") << QByteArray(R"({"peft_type":"LORA","r":8,"target_modules":["q"],"bias":"all"})") << "bias";
        QTest::newRow("rank pattern")
            << QByteArray(R"({"peft_type":"LORA","r":8,"target_modules":["q"],"rank_pattern":{"q":4}})") << "rank_pattern";
    }

    void adapterConfigErrorsNameTheKey() {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const QString file = m_dir.filePath(QStringLiteral("bad_adapter_config.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
        f.close();
        auto read = exporting::readAdapterConfig(file.toStdString());
        QVERIFY(!read.ok());
        QCOMPARE(QString::fromStdString(read.error().field), field);
        QCOMPARE(QString::fromStdString(read.error().file), file);
    }
};

QTEST_GUILESS_MAIN(TestLora)
#include "test_lora.moc"
