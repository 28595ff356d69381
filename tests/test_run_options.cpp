// Regularization and model selection as a run applies them: label smoothing, the dropout override,
// L2-SP, the early-stopping metric with its minimum improvement, and a split column's held-out rows.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <vector>

#include "core/api/engine.h"
#include "core/io/checkpoint.h"
#include "core/train/early_stopping.h"
#include "test_fixtures.h"

using namespace ft;

namespace {

class Recorder : public api::EngineObserver {
public:
    void onEvent(const api::TrainEvent& e) override { events.push_back(e); }
    std::vector<api::TrainEvent> of(api::EventKind kind) const {
        std::vector<api::TrainEvent> out;
        for (const auto& e : events)
            if (e.kind == kind) out.push_back(e);
        return out;
    }
    bool warned(const std::string& code) const {
        for (const auto& e : events)
            if (e.kind == api::EventKind::Warning && e.code == code) return true;
        return false;
    }
    std::vector<api::TrainEvent> events;
};

// Euclidean distance between the float32 tensors both checkpoints hold under `names` (with or
// without the "transformer." prefix).
double distance(const io::Checkpoint& a, const io::Checkpoint& b, const std::vector<std::string>& names) {
    double sum = 0;
    for (const auto& name : names) {
        const auto find = [&](const io::Checkpoint& c) {
            const io::TensorView* v = c.find(name);
            return v ? v : c.find("transformer." + name);
        };
        const io::TensorView* x = find(a);
        const io::TensorView* y = find(b);
        if (!x || !y || x->nbytes != y->nbytes) return -1;
        const size_t n = x->nbytes / sizeof(float);
        std::vector<float> u(n), v(n);
        std::memcpy(u.data(), x->data, x->nbytes);
        std::memcpy(v.data(), y->data, y->nbytes);
        for (size_t i = 0; i < n; ++i) sum += double(u[i] - v[i]) * double(u[i] - v[i]);
    }
    return std::sqrt(sum);
}

}  // namespace

class TestRunOptions : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model;
    QString m_csv;

    api::JobConfig baseJob(const QString& name) const {
        api::JobConfig job;
        job.name = "options";
        job.model.path = m_model.toStdString();
        job.data.train = m_csv.toStdString();
        job.data.maxLength = 16;
        job.training.epochs = 1;
        job.training.batchSize = 8;
        job.training.learningRate = 3e-3;
        job.training.logEverySteps = 1;
        job.training.threads = 2;
        job.evaluation.counterfactual = false;
        job.evaluation.beforeTraining = false;
        job.output.runDir = m_dir.filePath(name).toStdString();
        return job;
    }

    static double firstStepLoss(const api::JobConfig& job) {
        api::Engine engine;
        Recorder rec;
        const Status st = engine.run(job, rec);
        if (!st.ok() || rec.of(api::EventKind::Step).empty()) return std::nan("");
        return rec.of(api::EventKind::Step).front().loss;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("model"));
        const QString error = fixtures::makeTinyGpt2(m_model);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_csv = m_dir.filePath(QStringLiteral("easy.csv"));
        fixtures::writeEasyCsv(m_csv, 120);
    }

    // transformers' EarlyStoppingCallback: best when better at all; the patience restarts only when
    // better by more than the threshold.
    void earlyStoppingJudgement() {
        api::TrainingSection t;
        auto m = train::monitoredMetric(t, api::Task::SequenceClassification);
        QCOMPARE(QString::fromStdString(m.name), QStringLiteral("accuracy"));
        QVERIFY(m.higherIsBetter);
        m = train::monitoredMetric(t, api::Task::CausalLM);
        QCOMPARE(QString::fromStdString(m.name), QStringLiteral("loss"));
        QVERIFY(!m.higherIsBetter);
        t.earlyStoppingMetric = "f1_macro";
        QVERIFY(train::monitoredMetric(t, api::Task::SequenceClassification).higherIsBetter);
        t.earlyStoppingMetric = "loss";
        t.earlyStoppingMode = "max";   // the user's word wins over the metric's usual direction
        QVERIFY(train::monitoredMetric(t, api::Task::SequenceClassification).higherIsBetter);

        train::EvalSummary s;
        s.loss = 0.5;
        s.accuracy = 0.8;
        s.f1Macro = 0.7;
        QCOMPARE(train::monitoredScore({"loss", false}, s), -0.5);
        QCOMPARE(train::monitoredScore({"f1_macro", true}, s), 0.7);
        s.loss = std::nan("");
        QVERIFY(train::monitoredScore({"loss", false}, s) <= -1e300);  // a diverged evaluation is never the best

        auto v = train::judgeEvaluation(0.5, -1e300, 0.1);
        QVERIFY(v.best && v.resetsPatience);
        v = train::judgeEvaluation(0.55, 0.5, 0.1);
        QVERIFY(v.best && !v.resetsPatience);
        v = train::judgeEvaluation(0.65, 0.5, 0.1);
        QVERIFY(v.best && v.resetsPatience);
        v = train::judgeEvaluation(0.5, 0.5, 0.0);
        QVERIFY(!v.best && !v.resetsPatience);
    }

    // The smoothed cross-entropy is (1-ε)·NLL + ε·mean_k(-log p_k): linear in ε for the same first
    // batch and weights, and different from the plain loss.
    void labelSmoothingIsLinearInEpsilon() {
        api::JobConfig job = baseJob(QStringLiteral("run-ls-0"));
        job.training.maxSteps = 1;
        job.training.dropout = 0.0;
        const double plain = firstStepLoss(job);
        job.output.runDir = m_dir.filePath(QStringLiteral("run-ls-3")).toStdString();
        job.training.labelSmoothing = 0.3;
        const double third = firstStepLoss(job);
        job.output.runDir = m_dir.filePath(QStringLiteral("run-ls-6")).toStdString();
        job.training.labelSmoothing = 0.6;
        const double sixth = firstStepLoss(job);
        QVERIFY(std::isfinite(plain) && std::isfinite(third) && std::isfinite(sixth));
        QVERIFY2(std::fabs(third - plain) > 1e-4, "label smoothing must change the training loss");
        QVERIFY2(std::fabs((sixth - plain) - 2 * (third - plain)) < 1e-5,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(plain, 0, 'g', 9).arg(third, 0, 'g', 9).arg(sixth, 0, 'g', 9)));
    }

    // training.dropout: every dropout of the model, and the config.json the run saves says so.
    void dropoutOverrideReachesModelAndConfig() {
        api::JobConfig job = baseJob(QStringLiteral("run-dropout-0"));
        job.training.maxSteps = 1;
        job.training.dropout = 0.0;
        const double none = firstStepLoss(job);
        const QString config = fixtures::readAll(QString::fromStdString(job.output.runDir) + QStringLiteral("/best/config.json"));
        for (const char* key : {"\"resid_pdrop\": 0.0", "\"embd_pdrop\": 0.0", "\"attn_pdrop\": 0.0"})
            QVERIFY2(config.contains(QLatin1String(key)), key);
        job.output.runDir = m_dir.filePath(QStringLiteral("run-dropout-0-again")).toStdString();
        QCOMPARE(firstStepLoss(job), none);  // no dropout: nothing random in the forward pass
        job.output.runDir = m_dir.filePath(QStringLiteral("run-dropout-5")).toStdString();
        job.training.dropout = 0.5;
        const double half = firstStepLoss(job);
        QVERIFY(std::isfinite(half));
        QVERIFY2(half != none, "dropout 0.5 must change the training forward pass");
        QVERIFY(fixtures::readAll(QString::fromStdString(job.output.runDir) + QStringLiteral("/best/config.json"))
                    .contains(QStringLiteral("\"attn_pdrop\": 0.5")));
    }

    // L2-SP pulls the pretrained weights back: after the same steps they are nearer their start.
    void l2spKeepsPretrainedWeightsNear() {
        const std::vector<std::string> pretrained{"h.0.attn.c_attn.weight", "h.0.mlp.c_fc.weight", "h.1.attn.c_proj.weight",
                                                  "h.1.mlp.c_proj.weight"};
        auto base = io::Checkpoint::open(m_model.toStdString());
        QVERIFY(base.ok());
        double moved[2] = {0, 0};
        for (int run = 0; run < 2; ++run) {
            api::JobConfig job = baseJob(run ? QStringLiteral("run-l2sp") : QStringLiteral("run-no-l2sp"));
            job.training.maxSteps = 10;
            job.training.saveEverySteps = 10;
            job.training.l2sp = run ? 5.0 : 0.0;
            api::Engine engine;
            Recorder rec;
            const Status st = engine.run(job, rec);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
            const std::string started = rec.of(api::EventKind::Started).front().message;
            QCOMPARE(started.find("L2-SP") != std::string::npos, run == 1);
            auto trained = io::Checkpoint::open(job.output.runDir + "/checkpoints/step-0000010");
            QVERIFY(trained.ok());
            moved[run] = distance(*base, *trained, pretrained);
            QVERIFY(moved[run] > 0);
        }
        QVERIFY2(moved[1] < 0.7 * moved[0], qPrintable(QStringLiteral("moved %1 with L2-SP, %2 without").arg(moved[1]).arg(moved[0])));
    }

    // Early stopping on the validation loss with a minimum improvement no evaluation can reach:
    // the first evaluation is the best, the next one spends the patience of 1.
    void earlyStoppingOnLossWithMinDelta() {
        api::JobConfig job = baseJob(QStringLiteral("run-stop-loss"));
        job.training.epochs = 10;
        job.training.evalEverySteps = 2;
        job.training.earlyStoppingPatience = 1;
        job.training.earlyStoppingMetric = "loss";
        job.training.earlyStoppingMinDelta = 100.0;
        api::Engine engine;
        Recorder rec;
        const Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        QVERIFY(rec.warned("train.early_stopping"));
        QCOMPARE(rec.of(api::EventKind::Evaluation).size(), size_t(2));
        QCOMPARE(rec.of(api::EventKind::Step).back().step, int64_t(4));
        for (const auto& e : rec.events)
            if (e.code == "train.early_stopping") QVERIFY2(e.message.find("validation loss") != std::string::npos, e.message.c_str());
        // The better of the two losses is the one best/ holds (the minimum improvement only concerns patience).
        const auto evals = rec.of(api::EventKind::Evaluation);
        const int64_t bestStep = evals[1].evalLoss < evals[0].evalLoss ? 4 : 2;
        const QString state = fixtures::readAll(QString::fromStdString(job.output.runDir) + QStringLiteral("/checkpoints/step-0000004/trainer_state.json"));
        QVERIFY2(state.contains(QStringLiteral("\"best_step\": %1").arg(bestStep)) || state.contains(QStringLiteral("\"best_step\":%1").arg(bestStep)),
                 qPrintable(state));
    }

    // data.split_column: train / validation rows as marked, test rows held out and evaluated at the end.
    void splitColumnHoldsOutTestRows() {
        const QString csv = m_dir.filePath(QStringLiteral("split.csv"));
        QByteArray text = "text,label,split\n";
        const char* splits[] = {"train", "train", "train", "Validation", "test", "train", "dev", "TRAIN", "test", "train"};
        for (int i = 0; i < 100; ++i)
            text += (i % 2 ? "a great film number " : "an awful film number ") + QByteArray::number(i) + (i % 2 ? ",pos," : ",neg,") +
                    splits[i % 10] + "\n";
        QVERIFY(fixtures::writeFile(csv, text));
        api::JobConfig job = baseJob(QStringLiteral("run-split-column"));
        job.data.train = csv.toStdString();
        job.data.splitColumn = "split";
        api::Engine engine;
        Recorder rec;
        const Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        QVERIFY(rec.warned("data.test_rows_held_out"));
        const auto done = rec.events.back();
        QCOMPARE(done.kind, api::EventKind::Finished);
        QVERIFY2(done.message.rfind("test set (20 examples)", 0) == 0, done.message.c_str());
        QVERIFY(QFile::exists(QString::fromStdString(done.path) + QStringLiteral("/evaluations/test/eval/report.json")));
        // 60 train rows at batch 8: 8 steps in the epoch.
        QCOMPARE(rec.of(api::EventKind::Step).back().step, int64_t(8));

        // A value that names no split stops the run at its line.
        QVERIFY(fixtures::writeFile(csv, text + "one more,pos,holdout\n"));
        api::Engine again;
        Recorder failed;
        job.output.runDir = m_dir.filePath(QStringLiteral("run-split-bad")).toStdString();
        const Status bad = again.run(job, failed);
        QVERIFY(!bad.ok());
        QCOMPARE(QString::fromStdString(bad.error().code), QStringLiteral("data.invalid_split"));
        QCOMPARE(bad.error().line, int64_t(102));
        QCOMPARE(QString::fromStdString(bad.error().field), QStringLiteral("split"));
    }
};

QTEST_GUILESS_MAIN(TestRunOptions)
#include "test_run_options.moc"
