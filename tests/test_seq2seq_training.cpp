// Text-to-text fine-tuning (task seq2seq_lm) of an encoder-decoder (T5): source / target columns
// become encoder ids and labels truncated as transformers truncates, batches pad the labels with
// -100, the loss is the decoder's over the targets shifted right, and a run learns, exports a T5
// folder and a PEFT adapter of task type SEQ_2_SEQ_LM.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/api/engine.h"
#include "core/api/evaluation.h"
#include "core/api/job_config.h"
#include "core/api/tiny_model.h"
#include "core/io/hf_config.h"
#include "core/api/eval_report.h"
#include "core/models/factory.h"
#include "core/models/generate.h"
#include "core/models/seq2seq.h"
#include "core/train/evaluator.h"
#include "core/train/prepared_data.h"
#include "core/train/seq2seq_examples.h"
#include "core/train/seq2seq_generation.h"
#include "core/train/token_cache.h"
#include "core/train/token_logits.h"
#include "test_fixtures.h"

using namespace ft;

namespace {

class Observer : public api::EngineObserver {
public:
    void onEvent(const api::TrainEvent& e) override { events.push_back(e); }
    std::vector<api::TrainEvent> of(api::EventKind kind) const {
        std::vector<api::TrainEvent> out;
        for (const auto& e : events)
            if (e.kind == kind) out.push_back(e);
        return out;
    }
    std::vector<api::TrainEvent> events;
};

nlohmann::json readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
}

// A task a tiny model learns in a few dozen steps: the target repeats the source's first two words.
const char* kWords[] = {"the", "cat", "sat", "on", "a", "mat", "dog", "ran", "to", "park", "sun", "is", "warm", "and", "bright", "we"};

QByteArray copyTaskCsv(int rows) {
    QByteArray csv = "source,target\n";
    for (int i = 0; i < rows; ++i) {
        const char* a = kWords[(i * 7) % 16];
        const char* b = kWords[(i * 3 + 5) % 16];
        const char* c = kWords[(i * 5 + 1) % 16];
        csv += QByteArray(a) + " " + b + " " + c + "," + a + " " + b + "\n";
    }
    return csv;
}

}  // namespace

class TestSeq2SeqTraining : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model, m_csv;

    api::JobConfig baseJob(const QString& runDir) const {
        api::JobConfig job;
        job.name = "t5-copy";
        job.task = api::Task::Seq2SeqLM;
        job.model.path = m_model.toStdString();
        job.data.train = m_csv.toStdString();
        job.data.textColumn = "source";
        job.data.targetColumn = "target";
        job.data.maxLength = 16;
        job.data.maxTargetLength = 8;
        job.training.epochs = 4;
        job.training.batchSize = 8;
        job.training.learningRate = 3e-3;
        job.training.logEverySteps = 5;
        job.training.threads = 2;
        job.evaluation.counterfactual = false;
        job.output.runDir = runDir.toStdString();
        return job;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        torch::set_num_threads(2);
        m_model = m_dir.filePath(QStringLiteral("t5"));
        api::TinyModelSpec spec;
        spec.architecture = "t5";
        spec.outputFolder = m_model.toStdString();
        spec.vocabSize = 200;
        spec.seed = 3;
        std::vector<std::string> corpus;
        for (int i = 0; i < 200; ++i) corpus.push_back(std::string(kWords[i % 16]) + " " + kWords[(i * 5 + 3) % 16] + " " + kWords[(i * 11 + 7) % 16]);
        spec.corpus = corpus;
        Status st = api::makeTinyModel(spec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        m_csv = m_dir.filePath(QStringLiteral("copy.csv"));
        QVERIFY(fixtures::writeFile(m_csv, copyTaskCsv(160)));
    }

    // transformers' tokenizer(text, truncation=True, max_length=n): the text's tokens are cut, T5's
    // appended </s> stays.
    void truncationKeepsTheEndOfTextToken() {
        auto tokenizer = tok::Tokenizer::load(m_model.toStdString());
        QVERIFY2(tokenizer.ok(), tokenizer.ok() ? "" : tokenizer.error().describe().c_str());
        const std::string text = "the cat sat on a mat and the dog ran to the park";
        const auto full = tokenizer->encode(text).ids;
        const auto content = tokenizer->encode(text, false).ids;
        QCOMPARE(full.size(), content.size() + 1);
        QCOMPARE(full.back(), 1);  // </s>
        bool cut = false;
        const auto kept = train::encodeTruncated(*tokenizer, text, 5, cut);
        QVERIFY(cut);
        QCOMPARE(kept, (std::vector<int32_t>{content[0], content[1], content[2], content[3], 1}));
        const auto whole = train::encodeTruncated(*tokenizer, text, 100, cut);
        QVERIFY(!cut);
        QCOMPARE(whole, std::vector<int32_t>(full.begin(), full.end()));

        train::Example ex;
        QVERIFY(train::encodeSeq2SeqExample(*tokenizer, text, "the cat", 100, 2, ex));  // the target is cut
        QCOMPARE(ex.ids, std::vector<int32_t>(full.begin(), full.end()));
        QCOMPARE(ex.targetIds.size(), size_t(2));
        QCOMPARE(ex.targetIds.back(), 1);
        QCOMPARE(ex.predictedTokens(), int64_t(2));
    }

    void batchesPadTargetsWithIgnoredLabels() {
        std::vector<train::Example> examples(2);
        examples[0].ids = {5, 6, 7, 1};
        examples[0].targetIds = {8, 1};
        examples[1].ids = {9, 1};
        examples[1].targetIds = {10, 11, 12, 1};
        const train::Batch batch = train::collate(examples, {0, 1}, 0, train::LabelKind::TargetSequence);
        QCOMPARE(batch.inputIds.sizes().vec(), (std::vector<int64_t>{2, 4}));
        QVERIFY(torch::equal(batch.inputIds, torch::tensor({5, 6, 7, 1, 9, 1, 0, 0}, torch::kLong).view({2, 4})));
        QVERIFY(torch::equal(batch.attentionMask, torch::tensor({1, 1, 1, 1, 1, 1, 0, 0}, torch::kLong).view({2, 4})));
        QVERIFY(torch::equal(batch.labels, torch::tensor({8, 1, -100, -100, 10, 11, 12, 1}, torch::kLong).view({2, 4})));
        QCOMPARE(batch.tokens, int64_t(6 + 6));
        // The decoder reads the start token, then the targets without their last position, pads for -100.
        const torch::Tensor decoderIds = models::shiftTokensRight(batch.labels, 0, 0);
        QVERIFY(torch::equal(decoderIds, torch::tensor({0, 8, 1, 0, 0, 10, 11, 12}, torch::kLong).view({2, 4})));
    }

    // The loss the trainer and evaluator take from tokenLogits is transformers' T5 loss: the
    // cross-entropy of decode(shift_right(labels)) against the labels, padding ignored, and a row's
    // loss does not depend on the other rows' padding.
    void tokenLogitsGiveTheSeq2SeqLoss() {
        models::ModelRequest request;
        request.head = models::Head::Seq2SeqLM;
        auto loaded = models::loadModel(m_model.toStdString(), request);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        loaded->model->eval();
        torch::NoGradGuard noGrad;
        std::vector<train::Example> examples(2);
        examples[0].ids = {5, 6, 7, 1};
        examples[0].targetIds = {8, 1};
        examples[1].ids = {9, 1};
        examples[1].targetIds = {10, 11, 12, 1};
        const train::Batch batch = train::collate(examples, {0, 1}, 0, train::LabelKind::TargetSequence);
        const auto predicted = train::tokenLogits(*loaded->model, batch, train::LabelKind::TargetSequence, 0, torch::kCPU);
        QCOMPARE(predicted.logits.sizes().vec(), (std::vector<int64_t>{2, 4, io::vocabSize(loaded->config)}));

        auto* seq2seq = dynamic_cast<models::Seq2SeqModel*>(loaded->model.get());
        QVERIFY(seq2seq);
        // Row 0 alone, unpadded: its two target positions.
        const auto ids0 = torch::tensor({5, 6, 7, 1}, torch::kLong).view({1, 4});
        const auto logits0 = seq2seq->decode(torch::tensor({0, 8}, torch::kLong).view({1, 2}), torch::Tensor(),
                                             seq2seq->encode(ids0, torch::ones_like(ids0)), torch::ones_like(ids0));
        QVERIFY2(torch::allclose(predicted.logits[0].slice(0, 0, 2), logits0[0], 1e-5, 1e-5),
                 qPrintable(QString::number(( predicted.logits[0].slice(0, 0, 2) - logits0[0]).abs().max().item<double>())));

        const train::EvalSummary summary = train::evaluate(*loaded->model, examples, 2, 0, 0, torch::kCPU);
        const auto nll = torch::nn::functional::cross_entropy(
            predicted.logits.reshape({-1, predicted.logits.size(-1)}), predicted.targets.reshape({-1}),
            torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
        QVERIFY(std::abs(summary.loss - nll.item<double>()) < 1e-5);
        QVERIFY(std::abs(summary.perplexity - std::exp(summary.loss)) < 1e-6 * summary.perplexity);
        QCOMPARE(summary.rows.size(), size_t(2));
        QCOMPARE(summary.rows[0].tokenCount, int64_t(2));
        QCOMPARE(summary.rows[1].tokenCount, int64_t(4));
    }

    // generateTargets decodes each example greedily from the encoder input and compares the texts
    // without special tokens: a target equal to the model's own generation counts, another does not.
    void generatedTargetsAreTheModelsGreedyDecoding() {
        models::ModelRequest request;
        request.head = models::Head::Seq2SeqLM;
        auto loaded = models::loadModel(m_model.toStdString(), request);
        QVERIFY(loaded.ok());
        auto tokenizer = tok::Tokenizer::load(m_model.toStdString());
        QVERIFY(tokenizer.ok());
        const std::vector<int64_t> eos = train::endOfTextIds(loaded->config, *tokenizer);
        QCOMPARE(eos, std::vector<int64_t>{1});
        std::vector<train::Example> examples(2);
        for (auto& ex : examples) {
            const auto ids = tokenizer->encode("the cat sat on a mat").ids;
            ex.ids.assign(ids.begin(), ids.end());
        }
        const auto own = models::greedyGenerate(*loaded->model, std::vector<int64_t>(examples[0].ids.begin(), examples[0].ids.end()), 6, eos, 0);
        examples[0].targetIds.assign(own.tokens.begin(), own.tokens.end());  // what the model writes: a match
        const auto other = tokenizer->encode("park").ids;
        examples[1].targetIds.assign(other.begin(), other.end());
        const bool differs = train::comparableText(*tokenizer, examples[1].targetIds) != train::comparableText(*tokenizer, examples[0].targetIds);
        const eval::TextToTextSummary summary = train::generateTargets(*loaded->model, *tokenizer, examples, {"src"}, 6, eos);
        QCOMPARE(summary.generated, int64_t(2));
        QCOMPARE(summary.samples.size(), size_t(2));
        QCOMPARE(summary.samples[0].source, std::string("src"));
        QCOMPARE(summary.samples[1].source, std::string("the cat sat on a mat"));  // decoded when no text is given
        QCOMPARE(summary.samples[0].prediction, summary.samples[0].target);
        QVERIFY(summary.exactMatch.defined);
        QCOMPARE(summary.exactMatch.value, differs ? 0.5 : 1.0);
    }

    void dataMapsSourceAndTargetColumns() {
        auto tokenizer = tok::Tokenizer::load(m_model.toStdString());
        QVERIFY(tokenizer.ok());
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("unused")));
        auto data = train::prepareData(job, *tokenizer);
        QVERIFY2(data.ok(), data.ok() ? "" : data.error().describe().c_str());
        QCOMPARE(data->train.size() + data->validation.size(), size_t(160));
        for (const auto& ex : data->train) {
            QVERIFY(!ex.targetIds.empty());
            QCOMPARE(ex.targetIds.back(), 1);
            QCOMPARE(ex.ids.back(), 1);
            QCOMPARE(ex.label, int64_t(-1));
        }
        QVERIFY(data->labels.empty());
        // The first training example's target is the source's first two words.
        const auto& first = data->train.front();
        const std::string source = tokenizer->decode(first.ids), target = tokenizer->decode(first.targetIds);
        QVERIFY2(source.rfind(target + " ", 0) == 0, (source + " / " + target).c_str());

        // prompt_response rows: prompt → response, the same ids.
        const QString jsonl = m_dir.filePath(QStringLiteral("pairs.jsonl"));
        const QByteArray pairRows = "{\"prompt\": \"the cat sat\", \"response\": \"the cat\"}\n{\"prompt\": \"a dog ran\", \"response\": \"a dog\"}\n"
                                    "{\"prompt\": \"we sat on\", \"response\": \"we sat\"}\n{\"prompt\": \"sun is warm\", \"response\": \"sun is\"}\n";
        QVERIFY(fixtures::writeFile(jsonl, pairRows));
        api::JobConfig pairs = job;
        pairs.data.train = jsonl.toStdString();
        pairs.data.format = api::DataFormat::PromptResponse;
        pairs.data.validationFraction = 0.5;
        auto pairData = train::prepareData(pairs, *tokenizer);
        QVERIFY2(pairData.ok(), pairData.ok() ? "" : pairData.error().describe().c_str());
        for (const auto* split : {&pairData->train, &pairData->validation})
            for (const auto& ex : *split) {
                const std::string s = tokenizer->decode(ex.ids), t = tokenizer->decode(ex.targetIds);
                QVERIFY2(s.rfind(t + " ", 0) == 0, (s + " / " + t).c_str());
            }

        // A missing target column names the field and lists the file's columns.
        api::JobConfig missing = job;
        missing.data.targetColumn = "summary";
        auto bad = train::prepareData(missing, *tokenizer);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().field, std::string("data.target_column"));
        QVERIFY(bad.error().message.find("source, target") != std::string::npos);
    }

    void tokenCacheKeepsTargets() {
        auto tokenizer = tok::Tokenizer::load(m_model.toStdString());
        QVERIFY(tokenizer.ok());
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("cache-run")));
        auto data = train::prepareData(job, *tokenizer);
        QVERIFY(data.ok());
        const QString file = m_dir.filePath(QStringLiteral("cache.bin"));
        QVERIFY(train::writeTokenCache(file.toStdString(), *data).ok());
        auto back = train::readTokenCache(file.toStdString());
        QVERIFY(back.has_value());
        QCOMPARE(back->train.size(), data->train.size());
        for (size_t i = 0; i < data->train.size(); ++i) {
            QCOMPARE(back->train[i].ids, data->train[i].ids);
            QCOMPARE(back->train[i].targetIds, data->train[i].targetIds);
        }
    }

    void jobValidationNamesTheField() {
        api::JobConfig job = baseJob(m_dir.filePath(QStringLiteral("unused")));
        const auto fieldOf = [](const api::JobConfig& j) {
            const Status st = api::validateJobConfig(j);
            return st.ok() ? std::string() : st.error().field;
        };
        api::JobConfig chat = job;
        chat.data.format = api::DataFormat::Chat;
        QCOMPARE(fieldOf(chat), std::string("data.format"));
        api::JobConfig same = job;
        same.data.targetColumn = "source";
        QCOMPARE(fieldOf(same), std::string("data.target_column"));
        api::JobConfig accuracy = job;
        accuracy.training.earlyStoppingMetric = "accuracy";
        QCOMPARE(fieldOf(accuracy), std::string("training.early_stopping_metric"));
        api::JobConfig length = job;
        length.data.maxTargetLength = 0;
        QCOMPARE(fieldOf(length), std::string("data.max_target_length"));
        // The JSON round trip keeps the task and the new fields.
        auto parsed = api::parseJobConfig(api::jobConfigToJson(job), "job.json");
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().describe().c_str());
        QCOMPARE(parsed->task, api::Task::Seq2SeqLM);
        QCOMPARE(parsed->data.targetColumn, std::string("target"));
        QCOMPARE(parsed->data.maxTargetLength, int64_t(8));
    }

    void runLearnsAndExportsAT5Folder() {
        const QString runDir = m_dir.filePath(QStringLiteral("run-full"));
        api::JobConfig job = baseJob(runDir);
        api::Engine engine;
        Observer obs;
        Status st = engine.run(job, obs);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        const auto evals = obs.of(api::EventKind::Evaluation);
        QVERIFY(evals.size() >= 2);
        const auto report = obs.events.back();
        QCOMPARE(report.kind, api::EventKind::Finished);
        // Before training the targets are near chance (ln 200 ≈ 5.3 nats); after, clearly learned.
        const auto metrics = readJson(runDir + QStringLiteral("/eval/report.json"));
        QCOMPARE(metrics.value("task", ""), std::string("seq2seq_lm"));
        QVERIFY2(evals.back().evalLoss < 0.6 * evals.front().evalLoss,
                 qPrintable(QStringLiteral("%1 -> %2").arg(evals.front().evalLoss).arg(evals.back().evalLoss)));
        QVERIFY(std::isfinite(evals.back().evalPerplexity) && evals.back().evalPerplexity > 1);

        // The best model wrote the 32 validation targets itself (greedy, up to max_target_length).
        const auto& generated = metrics["text_to_text"];
        QCOMPARE(generated.value("generated", 0), 32);
        QCOMPARE(generated.value("max_new_tokens", 0), 8);
        const double exactMatch = generated["exact_match"].value("value", -1.0);
        QVERIFY2(exactMatch >= 0 && exactMatch <= 1, generated.dump().c_str());
        const auto samples = generated["samples"];
        QCOMPARE(samples.size(), size_t(8));
        int equalSamples = 0;
        for (const auto& s : samples) {
            QVERIFY(!s.value("source", "").empty() && !s.value("target", "").empty());
            equalSamples += s.value("target", "") == s.value("prediction", "") ? 1 : 0;
        }
        auto summary = api::readEvalReport(runDir.toStdString());
        QVERIFY2(summary.ok(), summary.ok() ? "" : summary.error().describe().c_str());
        QCOMPARE(summary->exactMatch, exactMatch);
        QCOMPARE(summary->generatedExamples, int64_t(32));
        QCOMPARE(summary->samples.size(), size_t(8));
        QVERIFY(fixtures::readAll(runDir + QStringLiteral("/eval/report.html")).contains(QStringLiteral("Generated targets")));
        // Learned: the copy task's first two words come out for most of the split.
        QVERIFY2(exactMatch >= 0.5, generated.dump().c_str());
        QVERIFY(equalSamples >= 1);

        const QDir best(runDir + QStringLiteral("/best"));
        QVERIFY(best.exists(QStringLiteral("model.safetensors")));
        QVERIFY(best.exists(QStringLiteral("spiece.model")));
        const auto config = readJson(best.filePath(QStringLiteral("config.json")));
        QCOMPARE(config["architectures"][0].get<std::string>(), std::string("T5ForConditionalGeneration"));
        QVERIFY(!config.contains("id2label"));
        // The exported folder loads as a T5 again, strictly.
        models::ModelRequest request;
        request.head = models::Head::Seq2SeqLM;
        auto reloaded = models::loadModel(best.absolutePath().toStdString(), request);
        QVERIFY2(reloaded.ok(), reloaded.ok() ? "" : reloaded.error().describe().c_str());

        // `finetune eval` on the exported folder: a text-to-text folder needs its target column named.
        api::EvaluationRequest eval;
        eval.source = best.absolutePath().toStdString();
        eval.dataFile = m_csv.toStdString();
        eval.textColumn = "source";
        eval.outDir = m_dir.filePath(QStringLiteral("eval-folder")).toStdString();
        auto unnamed = api::evaluateOnFile(eval);
        QVERIFY(!unnamed.ok());
        QCOMPARE(unnamed.error().code, std::string("eval.target_column_required"));
        eval.targetColumn = "target";
        auto evaluated = api::evaluateOnFile(eval);
        QVERIFY2(evaluated.ok(), evaluated.ok() ? "" : evaluated.error().describe().c_str());
        QCOMPARE(evaluated->examples, int64_t(160));
        QCOMPARE(evaluated->accuracy, -1.0);
        QVERIFY(std::abs(evaluated->perplexity - std::exp(evaluated->loss)) < 1e-6 * evaluated->perplexity);
        // The whole file includes the training rows: no worse than the validation loss by much.
        QVERIFY2(evaluated->loss < 1.5 * evals.back().evalLoss + 0.1,
                 qPrintable(QStringLiteral("%1 vs %2").arg(evaluated->loss).arg(evals.back().evalLoss)));
        const auto fileReport = readJson(QString::fromStdString(evaluated->reportFile));
        QCOMPARE(fileReport.value("task", ""), std::string("seq2seq_lm"));
        QCOMPARE(fileReport["text_to_text"].value("generated", 0), 160);
    }

    void loraAdapterIsSeq2SeqLm() {
        const QString runDir = m_dir.filePath(QStringLiteral("run-lora"));
        api::JobConfig job = baseJob(runDir);
        job.training.epochs = 1;
        job.lora.enabled = true;
        job.lora.rank = 4;
        job.lora.alpha = 8;
        api::Engine engine;
        Observer obs;
        Status st = engine.run(job, obs);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        const auto started = obs.of(api::EventKind::Started);
        QCOMPARE(started.size(), size_t(1));
        QVERIFY(started[0].trainableParams > 0 && started[0].trainableParams < started[0].totalParams / 4);
        const auto adapter = readJson(runDir + QStringLiteral("/best/adapter_config.json"));
        QCOMPARE(adapter.value("task_type", ""), std::string("SEQ_2_SEQ_LM"));
        auto targets = adapter["target_modules"].get<std::vector<std::string>>();
        std::sort(targets.begin(), targets.end());
        QCOMPARE(targets, (std::vector<std::string>{"q", "v"}));
    }
};

QTEST_GUILESS_MAIN(TestSeq2SeqTraining)
#include "test_seq2seq_training.moc"
