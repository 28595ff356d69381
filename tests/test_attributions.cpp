// Integrated-gradients explanations: the quadrature, completeness, special tokens, text offsets,
// a trained classifier pointing at the word that decides its label, and `finetune explain`.

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include <torch/torch.h>

#include "core/api/classifier.h"
#include "core/api/engine.h"
#include "core/api/tiny_model.h"
#include "core/models/factory.h"
#include "core/train/attributions.h"
#include "test_fixtures.h"

using namespace ft;

namespace {

class Quiet : public api::EngineObserver {
public:
    void onEvent(const api::TrainEvent&) override {}
};

models::LoadedModel loadClassifier(const QString& folder) {
    models::ModelRequest request;
    request.head = models::Head::SequenceClassification;
    request.numLabels = 3;
    auto loaded = models::loadModel(folder.toStdString(), request);
    if (!loaded) qFatal("%s", loaded.error().describe().c_str());
    return std::move(*loaded);
}

double sumOf(const train::Attributions& a) {
    double s = 0;
    for (const auto& t : a.tokens) s += t.attribution;
    return s;
}

}  // namespace

class TestAttributions : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_gpt2, m_bert, m_run;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        torch::set_num_threads(2);
        m_gpt2 = m_dir.filePath(QStringLiteral("gpt2"));
        const QString error = fixtures::makeTinyGpt2(m_gpt2);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        api::TinyModelSpec bert;
        bert.architecture = "bert";
        bert.outputFolder = m_dir.filePath(QStringLiteral("bert")).toStdString();
        bert.hidden = 32;
        bert.vocabSize = 300;
        bert.maxPositions = 64;
        Status st = api::makeTinyModel(bert);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        m_bert = QString::fromStdString(bert.outputFolder);
    }

    void gaussLegendreIsExactForPolynomials() {
        const auto [a2, w2] = train::integrationPoints(train::IntegrationRule::GaussLegendre, 2);
        QCOMPARE(a2.size(), size_t(2));
        QVERIFY(std::fabs(a2[0] - (1 - 1 / std::sqrt(3.0)) / 2) < 1e-14);
        QVERIFY(std::fabs(a2[1] - (1 + 1 / std::sqrt(3.0)) / 2) < 1e-14);
        QVERIFY(std::fabs(w2[0] - 0.5) < 1e-14 && std::fabs(w2[1] - 0.5) < 1e-14);
        const auto [a3, w3] = train::integrationPoints(train::IntegrationRule::GaussLegendre, 3);
        QVERIFY(std::fabs(a3[1] - 0.5) < 1e-14);
        QVERIFY(std::fabs(a3[0] - (1 - std::sqrt(0.6)) / 2) < 1e-14);
        QVERIFY(std::fabs(w3[0] - 5.0 / 18) < 1e-14 && std::fabs(w3[1] - 8.0 / 18) < 1e-14);
        // n points integrate degree 2n − 1 exactly: ∫₀¹ x^19 dx = 1/20 with 10 points.
        const auto [a10, w10] = train::integrationPoints(train::IntegrationRule::GaussLegendre, 10);
        double integral = 0, weightSum = 0;
        for (size_t k = 0; k < a10.size(); ++k) integral += w10[k] * std::pow(a10[k], 19), weightSum += w10[k];
        QVERIFY(std::fabs(integral - 1.0 / 20) < 1e-13);
        QVERIFY(std::fabs(weightSum - 1) < 1e-13);
        for (size_t k = 1; k < a10.size(); ++k) QVERIFY(a10[k] > a10[k - 1]);
    }

    void trapezoidMatchesCaptum() {
        const auto [a, w] = train::integrationPoints(train::IntegrationRule::Trapezoid, 5);
        QCOMPARE(a, (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
        QCOMPARE(w, (std::vector<double>{0.125, 0.25, 0.25, 0.25, 0.125}));
    }

    void completenessHoldsOnGpt2() {
        models::LoadedModel m = loadClassifier(m_gpt2);
        auto tokenizer = tok::Tokenizer::load(m_gpt2.toStdString());
        QVERIFY(tokenizer.ok());
        const std::string text = "the kettle is lovely, isn't it?";
        train::AttributionOptions o;
        o.steps = 64;
        auto gl = train::integratedGradients(*m.model, *tokenizer, text, o);
        QVERIFY2(gl.ok(), gl.ok() ? "" : gl.error().describe().c_str());
        QVERIFY(std::fabs(gl->convergenceDelta) < 1e-5);
        QVERIFY(std::fabs(sumOf(*gl) - (gl->targetProbability - gl->baselineProbability)) < 1e-5);
        QVERIFY(std::fabs(gl->baselineProbability - gl->targetProbability) > 1e-4);   // the path is not flat
        o.rule = train::IntegrationRule::Trapezoid;
        o.steps = 400;
        auto tr = train::integratedGradients(*m.model, *tokenizer, text, o);
        QVERIFY(tr.ok());
        QCOMPARE(tr->tokens.size(), gl->tokens.size());
        for (size_t t = 0; t < tr->tokens.size(); ++t) QVERIFY(std::fabs(tr->tokens[t].attribution - gl->tokens[t].attribution) < 1e-4);
        // Byte-level BPE: the spans tile the text.
        std::string rebuilt;
        for (const auto& t : gl->tokens) {
            QVERIFY(t.begin && t.end);
            QCOMPARE(*t.begin, rebuilt.size());
            rebuilt += text.substr(*t.begin, *t.end - *t.begin);
        }
        QCOMPARE(rebuilt, text);
        // The explicit target is honoured; the probabilities are the model's.
        o.targetClass = 2;
        auto other = train::integratedGradients(*m.model, *tokenizer, text, o);
        QVERIFY(other.ok());
        QCOMPARE(other->targetClass, int64_t(2));
        QVERIFY(std::fabs(other->targetProbability - gl->probabilities[2]) < 1e-12);
    }

    void leavesTheModelAsItWas() {
        models::LoadedModel m = loadClassifier(m_gpt2);
        auto tokenizer = tok::Tokenizer::load(m_gpt2.toStdString());
        QVERIFY(tokenizer.ok());
        m.model->train();
        const torch::Tensor ids = torch::tensor({{5, 9, 11}}, torch::kLong);
        m.model->eval();
        const torch::Tensor before = m.model->forward(ids, torch::ones_like(ids)).detach().clone();
        m.model->train();
        train::AttributionOptions o;
        o.steps = 8;
        QVERIFY(train::integratedGradients(*m.model, *tokenizer, "a lamp", o).ok());
        QVERIFY(m.model->is_training());
        for (const auto& p : m.model->parameters()) QVERIFY(!p.grad().defined());
        m.model->eval();
        QVERIFY(torch::equal(m.model->forward(ids, torch::ones_like(ids)), before));   // the hook is gone
    }

    void specialTokensGetNothingAndWordsAreFound() {
        models::LoadedModel m = loadClassifier(m_bert);
        auto tokenizer = tok::Tokenizer::load(m_bert.toStdString());
        QVERIFY(tokenizer.ok());
        const std::string text = "The Lamp is Great";   // the tiny BERT lowercases: offsets come from spelling
        train::AttributionOptions o;
        o.steps = 32;
        auto a = train::integratedGradients(*m.model, *tokenizer, text, o);
        QVERIFY2(a.ok(), a.ok() ? "" : a.error().describe().c_str());
        QVERIFY(a->tokens.front().special && a->tokens.back().special);   // [CLS] ... [SEP]
        QCOMPARE(a->tokens.front().attribution, 0.0);
        QCOMPARE(a->tokens.back().attribution, 0.0);
        QVERIFY(!a->tokens.front().begin);
        QVERIFY(std::fabs(a->convergenceDelta) < 1e-4);
        int placed = 0;
        for (const auto& t : a->tokens) {
            if (t.special || !t.begin) continue;
            ++placed;
            std::string piece = text.substr(*t.begin, *t.end - *t.begin);
            for (char& c : piece) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            std::string token = t.token.rfind("##", 0) == 0 ? t.token.substr(2) : t.token;
            QCOMPARE(piece, token);
        }
        QVERIFY(placed >= 4);
    }

    void rejectsWhatItCannotExplain() {
        models::ModelRequest lm;
        lm.head = models::Head::CausalLM;
        auto causal = models::loadModel(m_gpt2.toStdString(), lm);
        QVERIFY(causal.ok());
        auto tokenizer = tok::Tokenizer::load(m_gpt2.toStdString());
        auto r = train::integratedGradients(*causal->model, *tokenizer, "x", {});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, std::string("explain.not_classifier"));
        models::LoadedModel m = loadClassifier(m_gpt2);
        train::AttributionOptions o;
        o.steps = 0;
        QCOMPARE(train::integratedGradients(*m.model, *tokenizer, "x", o).error().code, std::string("explain.invalid_steps"));
        o.steps = 4;
        o.targetClass = 7;
        QCOMPARE(train::integratedGradients(*m.model, *tokenizer, "x", o).error().code, std::string("explain.invalid_target"));
    }

    // A classifier trained on texts whose label is decided by one word credits that word most.
    void trainedClassifierPointsAtTheDecidingWord() {
        const QString csv = m_dir.filePath(QStringLiteral("easy.csv"));
        fixtures::writeEasyCsv(csv, 160);
        api::JobConfig job;
        job.name = "explain";
        job.model.path = m_gpt2.toStdString();
        job.data.train = csv.toStdString();
        job.data.maxLength = 16;
        job.training.epochs = 4;
        job.training.batchSize = 8;
        job.training.learningRate = 3e-3;
        job.training.threads = 2;
        job.evaluation.beforeTraining = false;
        m_run = m_dir.filePath(QStringLiteral("run"));
        job.output.runDir = m_run.toStdString();
        api::Engine engine;
        Quiet quiet;
        Status st = engine.run(job, quiet);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());

        auto classifier = api::Classifier::open(m_run.toStdString(), 2);
        QVERIFY2(classifier.ok(), classifier.ok() ? "" : classifier.error().describe().c_str());
        QCOMPARE((*classifier)->maxLength(), int64_t(16));
        for (const std::string word : {"superb", "horrible"}) {
            const std::string text = "the chair is " + word;
            auto e = (*classifier)->explain(text);
            QVERIFY2(e.ok(), e.ok() ? "" : e.error().describe().c_str());
            QVERIFY(e->converged);   // automatic steps: the attributions add up to the change
            QVERIFY(std::fabs(e->convergenceDelta) <= std::max(1e-3, 0.01 * std::fabs(e->targetProbability - e->baselineProbability)));
            const std::string expected = word == "superb" ? "pos" : "neg";
            QCOMPARE(e->prediction.labels[static_cast<size_t>(e->prediction.predicted)], expected);
            // The word's tokens together outweigh every other token.
            const size_t wordAt = text.find(word);
            double onWord = 0, elsewhere = 0;
            for (const auto& t : e->tokens) {
                QVERIFY(t.begin >= 0);
                const bool inWord = static_cast<size_t>(t.end) > wordAt;
                if (inWord) onWord += t.attribution;
                else elsewhere = std::max(elsewhere, std::fabs(t.attribution));
            }
            QVERIFY2(onWord > 0 && onWord > elsewhere, qPrintable(QStringLiteral("%1: word %2, other max %3").arg(
                                                           QString::fromStdString(word)).arg(onWord).arg(elsewhere)));
            auto p = (*classifier)->predict(text);
            QVERIFY(p.ok());
            QCOMPARE(p->probabilities, e->prediction.probabilities);
        }
    }

    void cliPrintsJson() {
        QVERIFY(!m_run.isEmpty());
        QProcess cli;
        cli.start(QStringLiteral(FT_CLI_PATH), {QStringLiteral("explain"), m_run, QStringLiteral("--text"),
                                                 QStringLiteral("the café is superb"), QStringLiteral("--steps"), QStringLiteral("16"),
                                                 QStringLiteral("--json"), QStringLiteral("--threads"), QStringLiteral("2")});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("finetune-explanation"));
        QCOMPARE(o.value(QStringLiteral("steps")).toInt(), 16);
        QCOMPARE(o.value(QStringLiteral("predicted")).toString(), QStringLiteral("pos"));
        const QJsonArray tokens = o.value(QStringLiteral("tokens")).toArray();
        QVERIFY(tokens.size() >= 4);
        // char offsets count code points: "é" is one character, two bytes.
        QString rebuilt;
        const QString text = QStringLiteral("the café is superb");
        for (const auto& v : tokens) {
            const QJsonObject t = v.toObject();
            const int from = t.value(QStringLiteral("char_begin")).toInt(), to = t.value(QStringLiteral("char_end")).toInt();
            QCOMPARE(t.value(QStringLiteral("text")).toString(), text.mid(from, to - from));
            rebuilt += text.mid(from, to - from);
        }
        QCOMPARE(rebuilt, text);

        QProcess predict;
        predict.start(QStringLiteral(FT_CLI_PATH), {QStringLiteral("predict"), m_run, QStringLiteral("--text"),
                                                     QStringLiteral("the lamp is awful"), QStringLiteral("--json")});
        QVERIFY(predict.waitForFinished(120000));
        QCOMPARE(predict.exitCode(), 0);
        const QJsonObject p = QJsonDocument::fromJson(predict.readAllStandardOutput()).object();
        QCOMPARE(p.value(QStringLiteral("predicted")).toString(), QStringLiteral("neg"));
        QVERIFY(p.value(QStringLiteral("probabilities")).toObject().contains(QStringLiteral("pos")));

        QProcess bad;
        bad.start(QStringLiteral(FT_CLI_PATH), {QStringLiteral("explain"), m_run, QStringLiteral("--text"), QStringLiteral("x"),
                                                 QStringLiteral("--target"), QStringLiteral("maybe")});
        QVERIFY(bad.waitForFinished(120000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("not one of the model's labels (neg, pos)"));
    }
};

QTEST_GUILESS_MAIN(TestAttributions)
#include "test_attributions.moc"
