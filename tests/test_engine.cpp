// The training engine end to end: events, learning, reports, pause, cancel and exact resume.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>
#include <vector>

#include "core/api/engine.h"
#include "core/api/eval_report.h"
#include "core/api/evaluation.h"
#include "core/io/checkpoint.h"
#include "test_fixtures.h"

using namespace ft;

namespace {

class Recorder : public api::EngineObserver {
public:
    std::function<void(const api::TrainEvent&)> hook;
    void onEvent(const api::TrainEvent& e) override {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            events.push_back(e);
        }
        if (hook) hook(e);
    }
    std::vector<api::TrainEvent> of(api::EventKind kind) const {
        std::vector<api::TrainEvent> out;
        for (const auto& e : events)
            if (e.kind == kind) out.push_back(e);
        return out;
    }
    std::vector<api::TrainEvent> events;

private:
    std::mutex m_mutex;
};

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestEngine : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model;
    QString m_csv;

    api::JobConfig baseJob(const QString& runDir) const {
        api::JobConfig job;
        job.name = "test";
        job.model.path = m_model.toStdString();
        job.data.train = m_csv.toStdString();
        job.data.groupColumns = {"group"};
        job.data.maxLength = 16;
        job.training.epochs = 3;
        job.training.batchSize = 8;
        job.training.learningRate = 3e-3;
        job.training.warmupRatio = 0.1;
        job.training.logEverySteps = 1;
        job.training.threads = 2;
        job.output.runDir = runDir.toStdString();
        return job;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("model"));
        const QString error = fixtures::makeTinyGpt2(m_model);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_csv = m_dir.filePath(QStringLiteral("easy.csv"));
        fixtures::writeEasyCsv(m_csv, 160);
    }

    void trainsAndReports() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-basic")));
        api::Engine engine;
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());

        QVERIFY(!rec.events.empty());
        QCOMPARE(rec.events.front().kind, api::EventKind::Started);
        QCOMPARE(rec.events.back().kind, api::EventKind::Finished);
        const auto started = rec.events.front();
        QVERIFY(started.trainableParams > 0);
        QCOMPARE(started.trainableParams, started.totalParams);
        // The memory estimate comes with it: "memory ≈ 400 MB of 21.5 GB free".
        QVERIFY2(started.message.find("memory \u2248 ") != std::string::npos && started.message.find(" free") != std::string::npos,
                 started.message.c_str());

        const auto steps = rec.of(api::EventKind::Step);
        // 128 training rows (80%), batch 8 → 16 steps per epoch, 3 epochs.
        QCOMPARE(steps.size(), size_t(48));
        QCOMPARE(steps.back().step, int64_t(48));
        QCOMPARE(steps.back().totalSteps, int64_t(48));
        // Warmup: the first step runs at lr 0 (transformers' schedule), the peak comes after warmup.
        QCOMPARE(steps.front().learningRate, 0.0);
        double peak = 0;
        for (const auto& s : steps) peak = std::max(peak, s.learningRate);
        QVERIFY(std::abs(peak - 3e-3) < 1e-9);

        const auto evals = rec.of(api::EventKind::Evaluation);
        QCOMPARE(evals.size(), size_t(3));
        const auto done = rec.events.back();
        QVERIFY2(done.evalAccuracy >= 0.9, qPrintable(QString::number(done.evalAccuracy)));
        QVERIFY(evals.back().evalLoss < evals.front().evalLoss || evals.front().evalAccuracy >= 0.99);

        auto report = api::readEvalReport(done.path);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().describe().c_str());
        QCOMPARE(report->n, int64_t(32));
        QCOMPARE(report->labels, (std::vector<std::string>{"neg", "pos"}));
        QCOMPARE(report->confusion.size(), size_t(2));
        QCOMPARE(report->accuracy, done.evalAccuracy);
        int64_t groupTotal = 0;
        for (const auto& g : report->groups) groupTotal += g.n;
        QCOMPARE(groupTotal, int64_t(32));
        QVERIFY(!report->disparities.empty());
        // Base vs fine-tuned: the same split before the first step (a fresh head: about chance).
        QVERIFY(report->hasBeforeTraining);
        QVERIFY(std::isfinite(report->accuracyBefore) && std::isfinite(report->lossBefore));
        QVERIFY2(report->accuracy > report->accuracyBefore, qPrintable(QStringLiteral("%1 vs %2").arg(report->accuracy).arg(report->accuracyBefore)));
        QVERIFY(report->lossBefore > report->loss);
        QVERIFY(!std::isfinite(report->perplexityBefore));  // not a language model
        QVERIFY(!report->hasForgetting);

        const QDir run(QString::fromStdString(done.path));
        QVERIFY(run.exists(QStringLiteral("job.json")));
        QVERIFY(run.exists(QStringLiteral("metrics.jsonl")));
        QVERIFY(run.exists(QStringLiteral("best/config.json")));
        QVERIFY(run.exists(QStringLiteral("best/model.safetensors")));
        QVERIFY(run.exists(QStringLiteral("best/tokenizer.json")));
        QVERIFY(fixtures::readAll(run.filePath(QStringLiteral("best/config.json"))).contains(QStringLiteral("\"pos\"")));
        QVERIFY(!run.exists(QStringLiteral("best.partial")));
    }

    void causalLmReportsForgettingOnAReferenceText() {
        // Fine-tune the tiny GPT-2 as a language model on one repeated sentence: the validation
        // perplexity drops, and the perplexity on unrelated reference text is measured before and after.
        const QString corpus = m_dir.filePath(QStringLiteral("lm.txt"));
        QByteArray text;
        for (int i = 0; i < 64; ++i) text += "the cat sat on the mat and looked at the moon\n";
        QVERIFY(fixtures::writeFile(corpus, text));
        const QString reference = m_dir.filePath(QStringLiteral("reference.txt"));
        QVERIFY(fixtures::writeFile(reference, "Rivers carry water from mountains to the sea.\nA library lends books to readers.\n"
                                               "Bread is baked from flour, water and yeast.\n"));
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-forgetting")));
        job.task = api::Task::CausalLM;
        job.data.train = corpus.toStdString();
        job.data.groupColumns.clear();
        job.training.epochs = 2;
        job.evaluation.referenceText = reference.toStdString();
        api::Engine engine;
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        auto report = api::readEvalReport(rec.events.back().path);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().describe().c_str());
        QVERIFY(report->hasBeforeTraining);
        QVERIFY(report->perplexity > 0 && report->perplexityBefore > report->perplexity);
        QVERIFY(!std::isfinite(report->accuracyBefore));
        QVERIFY(report->hasForgetting);
        QCOMPARE(QString::fromStdString(report->forgettingReference), reference);
        QVERIFY(report->referencePerplexityBefore > 1 && report->referencePerplexityAfter > 1);
        QVERIFY(std::abs(report->forgettingChange - (report->referencePerplexityAfter / report->referencePerplexityBefore - 1)) < 1e-9);
        // (Whether it rises depends on what the model knew: test_starter_model checks a pretrained one.)

        // A missing reference text is named before anything runs.
        job.evaluation.referenceText = m_dir.filePath(QStringLiteral("no-such-reference.txt")).toStdString();
        Status bad = api::validateJobConfig(job);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().field, std::string("evaluation.reference_text"));
    }

    // A GPT-2 classifier scores the reference text with its tied input embeddings as the LM head:
    // before training that is exactly the pretrained causal LM's perplexity.
    void forgettingCheckForAClassifier() {
        const QString reference = m_dir.filePath(QStringLiteral("reference-cls.txt"));
        QVERIFY(fixtures::writeFile(reference, "Rivers carry water from mountains to the sea.\nA library lends books to readers.\n"));
        api::JobConfig lm = baseJob(m_dir.filePath(QStringLiteral("run-forgetting-lm")));
        lm.task = api::Task::CausalLM;
        const QString corpus = m_dir.filePath(QStringLiteral("lm-short.txt"));
        QVERIFY(fixtures::writeFile(corpus, QByteArray("the cat sat on the mat\n").repeated(16)));
        lm.data.train = corpus.toStdString();
        lm.data.groupColumns.clear();
        lm.training.maxSteps = 1;
        lm.evaluation.referenceText = reference.toStdString();
        api::Engine engine;
        Recorder lmRec;
        QVERIFY(engine.run(lm, lmRec).ok());
        auto lmReport = api::readEvalReport(lmRec.events.back().path);
        QVERIFY(lmReport.ok() && lmReport->hasForgetting);

        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-forgetting-cls")));
        job.evaluation.referenceText = reference.toStdString();
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        auto report = api::readEvalReport(rec.events.back().path);
        QVERIFY(report.ok());
        QVERIFY(report->hasForgetting);
        QVERIFY(std::abs(report->referencePerplexityBefore - lmReport->referencePerplexityBefore) < 1e-6 * lmReport->referencePerplexityBefore);
        QVERIFY(report->referencePerplexityAfter > 1 && report->referencePerplexityAfter != report->referencePerplexityBefore);
    }

    void cancelThenResumeIsExact_data() {
        QTest::addColumn<bool>("lora");
        QTest::addColumn<bool>("augment");
        QTest::addColumn<QString>("precision");
        QTest::addColumn<double>("l2sp");
        QTest::newRow("full") << false << false << "fp32" << 0.0;
        QTest::newRow("lora") << true << false << "fp32" << 0.0;   // the checkpoint is a PEFT adapter over the unchanged base
        QTest::newRow("augmented") << false << true << "fp32" << 0.0;  // augmentation draws depend on (seed, epoch, example) only
        QTest::newRow("bf16") << false << false << "bf16" << 0.0;  // mixed precision (CPU autocast)
        QTest::newRow("l2sp") << false << false << "fp32" << 2.0;  // the resumed run pulls towards the model folder's weights
    }

    void cancelThenResumeIsExact() {
        QFETCH(bool, lora);
        QFETCH(bool, augment);
        QFETCH(QString, precision);
        QFETCH(double, l2sp);
        const QString tag = QLatin1Char('-') + QString::fromLatin1(QTest::currentDataTag());
        // Uninterrupted reference run.
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-straight") + tag));
        job.lora.enabled = lora;
        job.data.augmentation.enabled = augment;
        job.training.precision = precision.toStdString();
        job.training.l2sp = l2sp;
        job.data.augmentation.probability = 0.8;  // WordNet synonyms too where Debian's wordnet-base is installed
        job.lora.dropout = 0.1;   // dropout masks must replay exactly too
        job.training.epochs = 2;
        job.training.saveEverySteps = 5;
        {
            api::Engine engine;
            Recorder rec;
            QVERIFY(engine.run(job, rec).ok());
        }
        // Same job, cancelled after step 7, then resumed from its checkpoint.
        api::JobConfig split = job;
        split.output.runDir = m_dir.filePath(QStringLiteral("run-split") + tag).toStdString();
        {
            api::Engine engine;
            Recorder rec;
            rec.hook = [&](const api::TrainEvent& e) {
                if (e.kind == api::EventKind::Step && e.step == 7) engine.cancel();
            };
            Status st = engine.run(split, rec);
            QVERIFY(!st.ok());
            QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("train.cancelled"));
            QCOMPARE(rec.events.back().kind, api::EventKind::Cancelled);
            QVERIFY(QDir(QString::fromStdString(split.output.runDir)).exists(QStringLiteral("checkpoints/step-0000007/trainer_state.json")));
        }
        {
            api::Engine engine;
            Recorder rec;
            Status st = engine.run(split, rec);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
            QVERIFY(rec.events.front().message.find("step-0000007") != std::string::npos);
            QCOMPARE(rec.of(api::EventKind::Step).front().step, int64_t(8));
        }
        const QString last = lora ? QStringLiteral("checkpoints/step-0000032/adapter_model.safetensors")
                                  : QStringLiteral("checkpoints/step-0000032/model.safetensors");
        const QByteArray a = fileBytes(QDir(QString::fromStdString(job.output.runDir)).filePath(last));
        const QByteArray b = fileBytes(QDir(QString::fromStdString(split.output.runDir)).filePath(last));
        QVERIFY(!a.isEmpty());
        QVERIFY2(a == b, "resumed training must end with bit-identical weights");
        if (augment) {  // and augmentation did change what was learnt
            const QByteArray plain = fileBytes(m_dir.filePath(QStringLiteral("run-straight-full/") + last));
            QVERIFY(!plain.isEmpty());
            QVERIFY(plain != a);
        }
    }

    void bf16MixedPrecisionTrainsWithFloat32Weights() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-bf16")));
        job.training.precision = "bf16";
        api::Engine engine;
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        QVERIFY2(rec.events.front().message.find("bf16 mixed precision") != std::string::npos, rec.events.front().message.c_str());
        for (const auto& w : rec.of(api::EventKind::Warning)) QVERIFY2(w.code == "model.new_head", w.code.c_str());
        const auto done = rec.events.back();
        QCOMPARE(done.kind, api::EventKind::Finished);
        QVERIFY2(done.evalAccuracy >= 0.9, qPrintable(QString::number(done.evalAccuracy)));
        // The master weights, and so the saved model, stay float32.
        const QByteArray weights = fileBytes(QDir(QString::fromStdString(done.path)).filePath(QStringLiteral("best/model.safetensors")));
        QVERIFY(weights.size() > 8);
        const QByteArray header = weights.mid(8, 2000);
        QVERIFY(header.contains("\"F32\""));
        QVERIFY(!header.contains("BF16"));
        // And it is not the float32 run under another name.
        const QByteArray fp32 = fileBytes(m_dir.filePath(QStringLiteral("run-basic/best/model.safetensors")));
        QCOMPARE(fp32.size(), weights.size());
        QVERIFY(fp32 != weights);
    }

    void fp16WithoutAGpuFallsBackToFloat32() {
        const auto runSteps = [&](const QString& name, const std::string& precision, Recorder& rec) {
            api::JobConfig job = baseJob(m_dir.filePath(name));
            job.training.maxSteps = 3;
            job.training.evalEverySteps = 3;
            job.training.device = "cpu";
            job.training.precision = precision;
            api::Engine engine;
            Status st = engine.run(job, rec);
            return st.ok() ? QString() : QString::fromStdString(st.error().describe());
        };
        Recorder fp16, fp32;
        QString error = runSteps(QStringLiteral("run-fp16-cpu"), "fp16", fp16);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = runSteps(QStringLiteral("run-fp32-cpu"), "fp32", fp32);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        std::vector<std::string> codes;
        for (const auto& w : fp16.of(api::EventKind::Warning))
            if (w.code != "model.new_head") codes.push_back(w.code);
        QCOMPARE(codes, std::vector<std::string>{"train.precision_unavailable"});
        const QString file = QStringLiteral("/checkpoints/step-0000003/model.safetensors");
        const QByteArray a = fileBytes(m_dir.filePath(QStringLiteral("run-fp16-cpu") + file));
        QVERIFY(!a.isEmpty());
        QVERIFY(a == fileBytes(m_dir.filePath(QStringLiteral("run-fp32-cpu") + file)));
    }

    // data.test: evaluated once at the end with the best model, as `finetune eval` would.
    void heldOutTestFileIsEvaluatedAtTheEnd() {
        const QString testCsv = m_dir.filePath(QStringLiteral("test.csv"));
        fixtures::writeEasyCsv(testCsv, 40);
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-test-file")));
        job.training.epochs = 1;
        job.data.test = testCsv.toStdString();
        api::Engine engine;
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        const auto done = rec.events.back();
        QCOMPARE(done.kind, api::EventKind::Finished);
        QVERIFY2(done.message.rfind("test set (40 examples): loss ", 0) == 0, done.message.c_str());
        const QString report = QString::fromStdString(done.path) + QStringLiteral("/evaluations/test/eval/report.json");
        QVERIFY(QFile::exists(report));
        QVERIFY(fixtures::readAll(report).contains(QStringLiteral("\"split\": \"test\"")));

        api::EvaluationRequest again;
        again.source = done.path;
        again.dataFile = testCsv.toStdString();
        again.outDir = m_dir.filePath(QStringLiteral("eval-again")).toStdString();
        auto direct = api::evaluateOnFile(again);
        QVERIFY2(direct.ok(), direct.ok() ? "" : direct.error().describe().c_str());
        QCOMPARE(direct->examples, int64_t(40));
        char expected[64];
        std::snprintf(expected, sizeof expected, "accuracy %.4f", direct->accuracy);
        QVERIFY2(done.message.find(expected) != std::string::npos, done.message.c_str());
    }

    void pauseAndResume() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-pause")));
        job.training.maxSteps = 4;
        api::Engine engine;
        Recorder rec;
        std::thread resumer;
        rec.hook = [&](const api::TrainEvent& e) {
            if (e.kind == api::EventKind::Step && e.step == 2) {
                engine.pause();
                resumer = std::thread([&] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(300));
                    engine.resume();
                });
            }
        };
        QVERIFY(engine.run(job, rec).ok());
        resumer.join();
        QCOMPARE(rec.of(api::EventKind::Paused).size(), size_t(1));
        QCOMPARE(rec.of(api::EventKind::Resumed).size(), size_t(1));
        QCOMPARE(rec.of(api::EventKind::Step).back().step, int64_t(4));
    }

    void freezingReportsTrainableCount() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-frozen")));
        job.training.maxSteps = 2;
        job.freezing.headOnly = true;
        api::Engine engine;
        Recorder rec;
        QVERIFY(engine.run(job, rec).ok());
        const auto started = rec.of(api::EventKind::Started).front();
        // Head only: score.weight [2, 32] and the final LayerNorm (2 × 32).
        QCOMPARE(started.trainableParams, int64_t(2 * 32 + 2 * 32));
        QVERIFY(started.totalParams > started.trainableParams);
    }

    void loraTrainsOnlyAdaptersAndHead() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-lora")));
        job.lora.enabled = true;
        job.lora.rank = 4;
        job.lora.alpha = 8;
        job.training.learningRate = 1e-2;
        api::Engine engine;
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());

        // Trainable: c_attn's adapters in 2 blocks (A [4, 32] + B [96, 4]) and the head score [2, 32].
        const auto started = rec.of(api::EventKind::Started).front();
        QCOMPARE(started.trainableParams, int64_t(2 * (4 * 32 + 96 * 4) + 2 * 32));
        QVERIFY(started.totalParams > 10 * started.trainableParams);

        const auto steps = rec.of(api::EventKind::Step);
        double first = 0, last = 0;
        for (size_t i = 0; i < 5; ++i) first += steps[i].loss, last += steps[steps.size() - 1 - i].loss;
        QVERIFY2(last < first, qPrintable(QStringLiteral("loss %1 → %2").arg(first / 5).arg(last / 5)));

        const QDir run(QString::fromStdString(rec.events.back().path));
        QVERIFY(run.exists(QStringLiteral("best/adapter_config.json")));
        QVERIFY(run.exists(QStringLiteral("best/adapter_model.safetensors")));
        QVERIFY(!run.exists(QStringLiteral("best/model.safetensors")));
        QVERIFY(run.exists(QStringLiteral("merged/config.json")));
        QVERIFY(run.exists(QStringLiteral("merged/tokenizer.json")));
        QVERIFY(fixtures::readAll(run.filePath(QStringLiteral("best/adapter_config.json"))).contains(QStringLiteral("\"SEQ_CLS\"")));
        // The merged model is a classifier now, whatever class the base was saved as.
        QVERIFY(fixtures::readAll(run.filePath(QStringLiteral("merged/config.json"))).contains(QStringLiteral("GPT2ForSequenceClassification")));

        // The base stays bit-identical where no adapter sits; the adapted c_attn weights moved.
        auto base = io::Checkpoint::open(m_model.toStdString());
        auto merged = io::Checkpoint::open(run.filePath(QStringLiteral("merged")).toStdString());
        QVERIFY(base.ok() && merged.ok());
        auto bytes = [](const io::Checkpoint& c, const std::string& name) {
            const io::TensorView* v = c.find(name);
            if (!v) v = c.find("transformer." + name);
            return v ? QByteArray(static_cast<const char*>(v->data), int(v->nbytes)) : QByteArray();
        };
        for (const char* name : {"wte.weight", "h.0.mlp.c_fc.weight", "h.1.ln_1.weight", "h.1.attn.c_attn.bias", "ln_f.bias"}) {
            QVERIFY2(!bytes(*base, name).isEmpty(), name);
            QVERIFY2(bytes(*base, name) == bytes(*merged, name), name);
        }
        QVERIFY(bytes(*base, "h.0.attn.c_attn.weight") != bytes(*merged, "h.0.attn.c_attn.weight"));
    }

    void counterfactualSwapTestAndIntersectionsInReport() {
        const QString swaps = m_dir.filePath(QStringLiteral("swaps.txt"));
        QFile f(swaps);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# product nouns should not change the sentiment\n[things]\nphone | lamp\nbook | chair\n");
        f.close();
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-cf")));
        job.training.maxSteps = 24;
        job.evaluation.swapList = swaps.toStdString();
        job.data.groupColumns = {"group", "label"};
        job.evaluation.intersections = {{"group", "label"}};
        api::Engine engine;
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());

        auto report = api::readEvalReport(rec.events.back().path);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().describe().c_str());
        const auto& cf = report->counterfactual;
        QVERIFY(cf.present);
        QCOMPARE(cf.examples, int64_t(32));
        // Every row names one of five things; four of them are in the list (kettle is not).
        QVERIFY2(cf.examplesWithSwaps >= 20 && cf.examplesWithSwaps < 32, qPrintable(QString::number(cf.examplesWithSwaps)));
        QCOMPARE(cf.pairs, cf.examplesWithSwaps);
        QVERIFY(cf.flipRate >= 0 && cf.flipRate <= 1);
        QVERIFY(cf.meanAbsDelta >= 0);
        QVERIFY(!cf.worst.empty());
        const auto& w = cf.worst.front();
        QVERIFY(w.line > 1);
        QVERIFY2(QString::fromStdString(w.original).section(QLatin1Char(' '), 2) == QString::fromStdString(w.counterfactual).section(QLatin1Char(' '), 2),
                 "only the thing changes");
        QVERIFY(w.original != w.counterfactual);

        // The intersection slice lists "group × label" cells.
        bool intersection = false;
        for (const auto& g : report->groups) intersection = intersection || g.attribute == "group × label";
        QVERIFY(intersection);
    }

    void nonFiniteStepsAreSkippedThenStop() {
        // Two poisoned steps are skipped with a warning and training goes on.
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-nan")));
        job.training.maxSteps = 8;
        qputenv("FT_DEBUG_NAN_AT_STEPS", "3,4");
        {
            api::Engine engine;
            Recorder rec;
            Status st = engine.run(job, rec);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
            int skipped = 0;
            for (const auto& w : rec.of(api::EventKind::Warning)) skipped += w.code == "train.nonfinite_step";
            QCOMPARE(skipped, 2);
            QCOMPARE(rec.events.back().kind, api::EventKind::Finished);
            QVERIFY(std::isfinite(rec.events.back().evalLoss));
            QVERIFY(std::isfinite(rec.of(api::EventKind::Step).back().loss));
        }
        // Three in a row end the run with a clear error.
        job.output.runDir = m_dir.filePath(QStringLiteral("run-nan-3")).toStdString();
        qputenv("FT_DEBUG_NAN_AT_STEPS", "2,3,4");
        {
            api::Engine engine;
            Recorder rec;
            Status st = engine.run(job, rec);
            QVERIFY(!st.ok());
            QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("train.diverged"));
            QCOMPARE(rec.events.back().kind, api::EventKind::Failed);
        }
        qunsetenv("FT_DEBUG_NAN_AT_STEPS");
    }

    void damagedLatestCheckpointFallsBackToThePreviousOne() {
        const QString runDir = m_dir.filePath(QStringLiteral("run-damaged"));
        api::JobConfig job = baseJob(runDir);
        job.training.maxSteps = 10;
        job.training.saveEverySteps = 5;
        job.training.evalEverySteps = 5;
        {
            api::Engine engine;
            Recorder rec;
            QVERIFY(engine.run(job, rec).ok());
        }
        // A crash or a full disk left the newest checkpoint's weights truncated.
        QFile weights(runDir + QStringLiteral("/checkpoints/step-0000010/model.safetensors"));
        QVERIFY(weights.exists());
        QVERIFY(weights.resize(10));
        job.training.maxSteps = 15;
        api::Engine engine;
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        QVERIFY2(rec.events.front().message.find("step-0000005") != std::string::npos, rec.events.front().message.c_str());
        bool warned = false;
        for (const auto& w : rec.of(api::EventKind::Warning)) warned = warned || w.code == "run.checkpoint_damaged";
        QVERIFY(warned);
        QCOMPARE(rec.of(api::EventKind::Step).front().step, int64_t(6));
        QCOMPARE(rec.events.back().kind, api::EventKind::Finished);
    }

    void frozenLayersStayBitIdentical() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-frozen-bits")));
        job.training.maxSteps = 6;
        job.training.weightDecay = 0.1;   // decay would move frozen weights if they were in the optimizer
        job.freezing.embeddings = true;
        job.freezing.lowerBlocks = 1;
        api::Engine engine;
        Recorder rec;
        QVERIFY(engine.run(job, rec).ok());
        auto base = io::Checkpoint::open(m_model.toStdString());
        auto trained = io::Checkpoint::open((job.output.runDir + "/checkpoints/step-0000006").c_str());
        QVERIFY(base.ok() && trained.ok());
        auto bytes = [](const io::Checkpoint& c, const std::string& name) {
            const io::TensorView* v = c.find(name);
            if (!v) v = c.find("transformer." + name);
            return v ? QByteArray(static_cast<const char*>(v->data), int(v->nbytes)) : QByteArray();
        };
        for (const char* frozen : {"wte.weight", "wpe.weight", "h.0.attn.c_attn.weight", "h.0.mlp.c_proj.bias", "h.0.ln_1.weight"}) {
            QVERIFY2(!bytes(*base, frozen).isEmpty(), frozen);
            QVERIFY2(bytes(*base, frozen) == bytes(*trained, frozen), frozen);
        }
        for (const char* trainable : {"h.1.attn.c_attn.weight", "h.1.mlp.c_fc.weight"})
            QVERIFY2(bytes(*base, trainable) != bytes(*trained, trainable), trainable);
    }

    void gradualUnfreezingOpensOneBlockPerInterval() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-gradual")));
        job.training.maxSteps = 7;
        job.freezing.gradualUnfreezeSteps = 2;
        api::Engine engine;
        Recorder rec;
        QVERIFY(engine.run(job, rec).ok());
        std::vector<int64_t> trainable;
        for (const auto& e : rec.of(api::EventKind::Step)) trainable.push_back(e.trainableParams);
        QCOMPARE(trainable.size(), size_t(7));
        // Steps 1-2: head only; 3-4: + block 1; 5-6: + block 0; 7: + embeddings (2 blocks).
        QVERIFY(trainable[0] == trainable[1]);
        QVERIFY(trainable[2] > trainable[1] && trainable[2] == trainable[3]);
        QVERIFY(trainable[4] > trainable[3] && trainable[4] == trainable[5]);
        QVERIFY(trainable[6] > trainable[5]);
        QCOMPARE(trainable[6], rec.of(api::EventKind::Started).front().totalParams);
    }

    void cancelTakesEffectWithinOneSecond() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-cancel-fast")));
        job.training.epochs = 50;
        api::Engine engine;
        Recorder rec;
        std::chrono::steady_clock::time_point asked;
        rec.hook = [&](const api::TrainEvent& e) {
            if (e.kind == api::EventKind::Step && e.step == 5) {
                asked = std::chrono::steady_clock::now();
                engine.cancel();
            }
        };
        Status st = engine.run(job, rec);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count();
        QVERIFY(!st.ok());
        QCOMPARE(rec.events.back().kind, api::EventKind::Cancelled);
        QVERIFY2(seconds < 1.0, qPrintable(QStringLiteral("cancel took %1 s").arg(seconds)));
        QCOMPARE(rec.of(api::EventKind::Step).back().step, int64_t(5));   // no further step started
    }

    void badInputFailsWithNamedField() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("run-bad")));
        job.data.labelColumn = "sentiment";
        api::Engine engine;
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY(!st.ok());
        QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("data.missing_column"));
        QVERIFY(st.error().message.find("sentiment") != std::string::npos);
        QVERIFY(st.error().describe().find("easy.csv") != std::string::npos);
        QCOMPARE(rec.events.back().kind, api::EventKind::Failed);

        job.model.path = m_dir.filePath(QStringLiteral("no-such-model")).toStdString();
        job.data.labelColumn = "label";
        Recorder rec2;
        QVERIFY(!engine.run(job, rec2).ok());
        QCOMPARE(rec2.events.back().kind, api::EventKind::Failed);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "test_engine.moc"
