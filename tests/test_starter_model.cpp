// The shipped starter model (resources/models/starter-gpt2): it loads strictly, and it has learnt
// English — its perplexity on held-out lines of its corpus (tests/data/starter-heldout.txt, from
// corpus-validation.txt, never trained on) is far below both a uniform guess over its vocabulary
// and the same architecture with random weights.

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include <torch/torch.h>

#include "core/api/engine.h"
#include "core/api/eval_report.h"
#include "core/models/factory.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/evaluator.h"
#include "core/train/before_after.h"

using namespace ft;

namespace {

const std::string kModel = std::string(FT_SOURCE_DIR) + "/resources/models/starter-gpt2";

// The held-out lines packed into blocks exactly as the forgetting check packs a reference text.
std::vector<train::Example> heldOutBlocks(const tok::Tokenizer& tokenizer, int64_t blockLength) {
    auto blocks = train::referenceBlocks(tokenizer, std::string(FT_SOURCE_DIR) + "/tests/data/starter-heldout.txt", blockLength,
                                         /*maxBlocks=*/1000);
    if (!blocks) qFatal("%s", blocks.error().describe().c_str());
    return *blocks;
}

double perplexity(const tok::Tokenizer& tokenizer, bool randomInit) {
    models::ModelRequest request;
    request.head = models::Head::CausalLM;
    auto loaded = models::loadModel(kModel, request, randomInit);
    if (!loaded) qFatal("%s", loaded.error().describe().c_str());
    // Strict: every tensor of the checkpoint used, none missing.
    if (!randomInit && (!loaded->report.missing.empty() || !loaded->report.unexpected.empty() || !loaded->report.mismatched.empty()))
        qFatal("the starter model does not match its architecture");
    loaded->model->eval();
    torch::NoGradGuard noGrad;
    const auto blocks = heldOutBlocks(tokenizer, 256);
    return train::evaluate(*loaded->model, blocks, 16, loaded->padTokenId, 0, torch::kCPU).perplexity;
}

}  // namespace

class TestStarterModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void perplexityFarBelowUniformAndRandom() {
        auto tokenizer = tok::Tokenizer::load(kModel);
        QVERIFY2(tokenizer.ok(), tokenizer.ok() ? "" : tokenizer.error().describe().c_str());
        QVERIFY(heldOutBlocks(*tokenizer, 256).size() >= 40);  // over 10k scored tokens
        const double vocab = double(tokenizer->vocabSize());
        QCOMPARE(vocab, 8192.0);
        const double pretrained = perplexity(*tokenizer, false);
        const double random = perplexity(*tokenizer, true);
        qInfo("held-out perplexity: starter %.1f, random init %.1f, uniform %.0f", pretrained, random, vocab);
        // The model card records 191 on the full validation file; this slice is a sample of it.
        QVERIFY2(pretrained < vocab / 20, qPrintable(QString::number(pretrained)));
        QVERIFY2(pretrained < random / 20, qPrintable(QStringLiteral("%1 vs %2").arg(pretrained).arg(random)));
        QVERIFY(random > vocab / 4);  // an untrained model is near uniform
    }

    void fineTuningOnOneSentenceShowsForgetting() {
        // Learning one sentence by heart with a high learning rate makes the starter model worse at
        // the English it knew: the forgetting check's perplexity on held-out corpus text rises.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString corpus = dir.filePath(QStringLiteral("one.txt"));
        QFile f(corpus);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 64; ++i) f.write("zebra zebra quantum toaster\n");
        f.close();
        api::JobConfig job;
        job.name = "forgetting";
        job.task = api::Task::CausalLM;
        job.model.path = kModel;
        job.data.train = corpus.toStdString();
        job.data.maxLength = 64;
        job.training.maxSteps = 12;
        job.training.batchSize = 8;
        job.training.learningRate = 1e-2;
        job.training.threads = 2;
        job.evaluation.counterfactual = false;
        job.evaluation.referenceText = std::string(FT_SOURCE_DIR) + "/tests/data/starter-heldout.txt";
        job.output.runDir = dir.filePath(QStringLiteral("run")).toStdString();
        class Quiet : public api::EngineObserver {
            void onEvent(const api::TrainEvent&) override {}
        } quiet;
        api::Engine engine;
        Status st = engine.run(job, quiet);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        auto report = api::readEvalReport(job.output.runDir);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().describe().c_str());
        QVERIFY(report->hasForgetting);
        qInfo("reference perplexity %.1f before, %.1f after (%+.1f%%)", report->referencePerplexityBefore,
              report->referencePerplexityAfter, 100 * report->forgettingChange);
        QVERIFY(report->referencePerplexityBefore < 400);  // the starter model's English (block length 64 here)
        QVERIFY2(report->forgettingChange > 0.1, qPrintable(QString::number(report->forgettingChange)));
    }

    void shipsFloat16WithAModelCard() {
        std::ifstream card(kModel + "/README.md");
        const std::string text((std::istreambuf_iterator<char>(card)), std::istreambuf_iterator<char>());
        QVERIFY(text.find("validation perplexity") != std::string::npos);
        QVERIFY(text.find("WordNet 3.0 Copyright 2006 by Princeton University") != std::string::npos);
        // fp16 weights: about 2 bytes per parameter, within the 25 MB the app can ship.
        const auto bytes = std::filesystem::file_size(kModel + "/model.safetensors");
        QVERIFY(bytes < 25'000'000);
        QVERIFY(bytes > 2 * 5'000'000);
    }
};

QTEST_GUILESS_MAIN(TestStarterModel)
#include "test_starter_model.moc"
