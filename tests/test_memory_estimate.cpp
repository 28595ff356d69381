// The memory estimate before training: trainable parameters as the trainer counts them, the parts
// of the total, mixed precision, fits / does not fit, and bad input.

#include <QTemporaryDir>
#include <QtTest>

#include "core/api/engine.h"
#include "core/api/hardware.h"
#include "core/api/layer_map.h"
#include "core/api/memory_estimate.h"
#include "test_fixtures.h"

using namespace ft;

namespace {

class StartedRecorder : public api::EngineObserver {
public:
    void onEvent(const api::TrainEvent& e) override {
        if (e.kind == api::EventKind::Started) trainable = e.trainableParams;
    }
    int64_t trainable = -1;
};

}  // namespace

class TestMemoryEstimate : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model, m_csv;

    api::JobConfig job(const QString& run) const {
        api::JobConfig j;
        j.model.path = m_model.toStdString();
        j.data.train = m_csv.toStdString();
        j.data.maxLength = 16;
        j.training.maxSteps = 1;
        j.training.batchSize = 8;
        j.training.threads = 2;
        j.training.device = "cpu";
        j.evaluation.counterfactual = false;
        j.evaluation.beforeTraining = false;
        j.output.runDir = m_dir.filePath(run).toStdString();
        return j;
    }

    int64_t trainerCount(const api::JobConfig& j) const {
        api::Engine engine;
        StartedRecorder rec;
        const Status st = engine.run(j, rec);
        return st.ok() ? rec.trainable : -1;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("model"));
        const QString error = fixtures::makeTinyGpt2(m_model);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_csv = m_dir.filePath(QStringLiteral("easy.csv"));
        fixtures::writeEasyCsv(m_csv, 64);
    }

    // Header-based counts agree with the trainer's, up to the new classification head (hidden × 2
    // labels + nothing else: tiny GPT-2 has hidden 32).
    void trainableParametersAsTheTrainerCounts_data() {
        QTest::addColumn<QString>("setting");
        for (const char* s : {"full", "lower_blocks", "embeddings", "head_only", "lora"}) QTest::newRow(s) << QString::fromLatin1(s);
    }
    void trainableParametersAsTheTrainerCounts() {
        QFETCH(QString, setting);
        api::JobConfig j = job(QStringLiteral("run-") + setting);
        if (setting == "lower_blocks") j.freezing.lowerBlocks = 1;
        if (setting == "embeddings") j.freezing.embeddings = true;
        if (setting == "head_only") j.freezing.headOnly = true;
        if (setting == "lora") j.lora.enabled = true;
        auto e = api::estimateJobMemory(j);
        QVERIFY2(e.ok(), e.ok() ? "" : e.error().describe().c_str());
        const int64_t trainer = trainerCount(j);
        QVERIFY(trainer > 0);
        const int64_t head = 32 * 2;
        QVERIFY2(trainer - e->trainableParams >= 0 && trainer - e->trainableParams <= head,
                 qPrintable(QStringLiteral("estimate %1, trainer %2").arg(e->trainableParams).arg(trainer)));
        if (setting != "full") QVERIFY(e->savedByFreezingBytes > 0);
        else QCOMPARE(e->savedByFreezingBytes, int64_t(0));

        // The Configure step's layer map counts the same: its rows add up to the model, its
        // trainable rows to the estimate's trainable parameters (LoRA: the base trains none).
        auto map = api::layerMap(j);
        QVERIFY2(map.ok(), map.ok() ? "" : map.error().describe().c_str());
        QCOMPARE(map->numBlocks, int64_t(2));
        QCOMPARE(map->rows.size(), size_t(4));
        int64_t sum = 0;
        for (const auto& row : map->rows) sum += row.parameters;
        QCOMPARE(sum, e->totalParams);
        QCOMPARE(map->totalParams, e->totalParams);
        QCOMPARE(map->trainableParams, setting == "lora" ? int64_t(0) : e->trainableParams);
        QCOMPARE(map->rows.front().kind, api::LayerRow::Kind::Embeddings);
        QCOMPARE(map->rows.back().kind, api::LayerRow::Kind::Head);
        const std::vector<bool> expected = setting == "lower_blocks" ? std::vector<bool>{false, false, true, true}
                                           : setting == "embeddings" ? std::vector<bool>{false, true, true, true}
                                           : setting == "head_only"  ? std::vector<bool>{false, false, false, true}
                                           : setting == "lora"       ? std::vector<bool>{false, false, false, false}
                                                                     : std::vector<bool>{true, true, true, true};
        for (size_t i = 0; i < expected.size(); ++i) QCOMPARE(map->rows[i].trainable, bool(expected[i]));
    }

    // Gradual unfreezing: the map says when each layer opens (top-down, one block every K steps).
    void layerMapShowsWhenLayersOpen() {
        api::JobConfig j = job(QStringLiteral("unused"));
        j.freezing.gradualUnfreezeSteps = 5;
        auto map = api::layerMap(j);
        QVERIFY(map.ok());
        std::vector<int64_t> opens;
        for (const auto& row : map->rows) opens.push_back(row.opensAtStep);
        QCOMPARE(opens, (std::vector<int64_t>{16, 11, 6, 0}));  // embeddings, block 0, block 1, head (from step 1)
    }

    void partsAddUpAndFollowTheSettings() {
        api::JobConfig j = job(QStringLiteral("unused"));
        auto full = api::estimateJobMemory(j);
        QVERIFY(full.ok());
        QCOMPARE(full->weightBytes, 4 * full->totalParams);
        QCOMPARE(full->gradientBytes, 4 * full->trainableParams);
        QCOMPARE(full->optimizerBytes, 8 * full->trainableParams);  // AdamW: two moments
        QCOMPARE(full->castCacheBytes, int64_t(0));
        QVERIFY(!full->cuda);
        QCOMPARE(full->totalBytes, full->weightBytes + full->gradientBytes + full->optimizerBytes + full->activationBytes +
                                       full->castCacheBytes + full->anchorBytes + full->runtimeBytes);

        j.training.optimizer = api::Optimizer::Sgd;
        QCOMPARE(api::estimateJobMemory(j)->optimizerBytes, int64_t(0));
        j.training.sgdMomentum = 0.9;
        QCOMPARE(api::estimateJobMemory(j)->optimizerBytes, 4 * full->trainableParams);

        // Twice the batch: twice the activations, nothing else changes.
        api::JobConfig twice = job(QStringLiteral("unused"));
        twice.training.batchSize = 16;
        auto doubled = api::estimateJobMemory(twice);
        QCOMPARE(doubled->activationBytes, 2 * full->activationBytes);
        QCOMPARE(doubled->totalBytes - doubled->activationBytes, full->totalBytes - full->activationBytes);

        // bf16: 16-bit activations, plus autocast's 16-bit copies of the weights.
        api::JobConfig bf16 = job(QStringLiteral("unused"));
        bf16.training.precision = "bf16";
        auto half = api::estimateJobMemory(bf16);
        QVERIFY(half->activationBytes < full->activationBytes);
        QCOMPARE(half->castCacheBytes, 2 * full->totalParams);
        // fp16 on the CPU trains in fp32 (the trainer falls back): so does the estimate.
        api::JobConfig fp16 = job(QStringLiteral("unused"));
        fp16.training.precision = "fp16";
        QCOMPARE(api::estimateJobMemory(fp16)->totalBytes, full->totalBytes);

        // L2-SP keeps a float32 copy of the trainable pretrained weights.
        api::JobConfig l2sp = job(QStringLiteral("unused"));
        l2sp.training.l2sp = 0.01;
        auto anchored = api::estimateJobMemory(l2sp);
        QCOMPARE(anchored->anchorBytes, 4 * full->trainableParams);
        QCOMPARE(anchored->totalBytes, full->totalBytes + anchored->anchorBytes);

        // A causal LM keeps [B, T, vocab] logits: far more than a classifier's head.
        api::JobConfig lm = job(QStringLiteral("unused"));
        lm.task = api::Task::CausalLM;
        lm.data.labelColumn.clear();
        QVERIFY(api::estimateJobMemory(lm)->activationBytes > full->activationBytes);
    }

    void fitsOrSaysWhatWouldMakeItFit() {
        api::JobConfig j = job(QStringLiteral("unused"));
        auto small = api::estimateJobMemory(j);
        QVERIFY(small.ok());
        const int64_t free = api::availableMemoryBytes(false);
        QVERIFY2(free > 0, "Linux reports MemAvailable");
        QCOMPARE(small->availableBytes > 0, true);
        QVERIFY(small->fits);
        QVERIFY(small->suggestions.empty());

        // A batch no computer holds: 1M sequences of 4,096 tokens.
        j.training.batchSize = 1000000;
        j.data.maxLength = 4096;
        auto huge = api::estimateJobMemory(j);
        QVERIFY(huge.ok());
        QVERIFY(!huge->fits);
        QVERIFY(huge->totalBytes > huge->availableBytes);
        QVERIFY(!huge->suggestions.empty());
        QVERIFY2(huge->suggestions.front().find("batch_size") != std::string::npos, huge->suggestions.front().c_str());
        bool lora = false;
        for (const auto& s : huge->suggestions) lora = lora || s.find("LoRA") != std::string::npos;
        QVERIFY(lora);
    }

    // The engine passes the verdict on: a warning before the first step (this one still runs: the data
    // has far fewer rows than the batch the estimate was told).
    void engineWarnsWhenTheJobDoesNotFit() {
        api::JobConfig j = job(QStringLiteral("run-tight"));
        j.training.batchSize = 100000000;
        j.data.maxLength = 128;
        class Warnings : public api::EngineObserver {
        public:
            void onEvent(const api::TrainEvent& e) override {
                if (e.kind == api::EventKind::Warning && e.code == "train.memory_tight") messages.push_back(e.message);
                if (e.kind == api::EventKind::Step && messages.empty()) stepBeforeWarning = true;
            }
            std::vector<std::string> messages;
            bool stepBeforeWarning = false;
        } rec;
        api::Engine engine;
        const Status st = engine.run(j, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        QCOMPARE(rec.messages.size(), size_t(1));
        QVERIFY(!rec.stepBeforeWarning);
        QVERIFY2(rec.messages.front().find("free on the computer") != std::string::npos &&
                     rec.messages.front().find("Try: batch_size") != std::string::npos,
                 rec.messages.front().c_str());
    }

    void missingModelIsNamed() {
        api::JobConfig j = job(QStringLiteral("unused"));
        j.model.path = m_dir.filePath(QStringLiteral("no-such-model")).toStdString();
        auto e = api::estimateJobMemory(j);
        QVERIFY(!e.ok());
        QVERIFY2(e.error().describe().find("no-such-model") != std::string::npos, e.error().describe().c_str());
    }
};

QTEST_GUILESS_MAIN(TestMemoryEstimate)
#include "test_memory_estimate.moc"
