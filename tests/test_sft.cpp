// Instruction and chat fine-tuning data: prompt / response and conversations become token ids with
// a loss mask on the responses only — through the chat template when the model has one, through the
// plain "### Instruction / ### Response" layout otherwise — and train end to end.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/api/engine.h"
#include "core/api/tiny_model.h"
#include "core/train/prepared_data.h"
#include "core/train/sft_examples.h"

using namespace ft;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

std::vector<int64_t> masked(const train::Example& ex, bool trained) {
    std::vector<int64_t> out;
    for (size_t t = 0; t < ex.ids.size(); ++t)
        if ((ex.trainMask[t] != 0) == trained) out.push_back(ex.ids[t]);
    return out;
}

std::string decode(const tok::Tokenizer& tokenizer, const std::vector<int64_t>& ids) {
    return tokenizer.decode(std::vector<int32_t>(ids.begin(), ids.end()), false);
}

class Observer : public api::EngineObserver {
public:
    void onEvent(const api::TrainEvent& e) override { events.push_back(e); }
    std::vector<api::TrainEvent> events;
};

const char* kChatMl =
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

}  // namespace

class TestSft : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_plain, m_chat;   // the same tiny GPT-2 without and with a chat template

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_plain = m_dir.filePath(QStringLiteral("plain"));
        api::TinyModelSpec spec;
        spec.outputFolder = m_plain.toStdString();
        spec.layers = 1;
        spec.hidden = 32;
        Status st = api::makeTinyModel(spec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        m_chat = m_dir.filePath(QStringLiteral("chat"));
        spec.outputFolder = m_chat.toStdString();
        QVERIFY(api::makeTinyModel(spec).ok());
        writeFile(m_chat + QStringLiteral("/chat_template.jinja"), kChatMl);
    }

    void plainLayoutMasksThePrompt() {
        auto tokenizer = tok::Tokenizer::load(m_plain.toStdString());
        QVERIFY(tokenizer.ok());
        QVERIFY(!tokenizer->hasChatTemplate());
        api::DataSection data;
        data.format = api::DataFormat::PromptResponse;
        const std::vector<std::string> header = {"prompt", "response"};
        auto columns = train::mapSftColumns(header, data, "x.jsonl");
        QVERIFY(columns.ok());
        train::Example ex;
        auto cut = train::encodeSftRow(*tokenizer, {"Name a colour.", "Blue"}, *columns, data, 512, ex);
        QVERIFY2(cut.ok(), cut.ok() ? "" : cut.error().describe().c_str());
        QVERIFY(!*cut);
        QCOMPARE(ex.trainMask.size(), ex.ids.size());
        QCOMPARE(decode(*tokenizer, masked(ex, false)), std::string("### Instruction:\nName a colour.\n\n### Response:\n"));
        // The response and the end-of-sequence token train, so the model learns to stop.
        const auto trained = masked(ex, true);
        QCOMPARE(trained.back(), int64_t(*tokenizer->specialTokens().eos));
        QCOMPARE(decode(*tokenizer, {trained.begin(), trained.end() - 1}), std::string("Blue"));
        QCOMPARE(ex.predictedTokens(), int64_t(trained.size()));

        data.lossOnPrompt = true;
        train::Example all;
        QVERIFY(train::encodeSftRow(*tokenizer, {"Name a colour.", "Blue"}, *columns, data, 512, all).ok());
        QCOMPARE(all.predictedTokens(), int64_t(all.ids.size()) - 1);
    }

    void chatTemplateMasksEverythingButTheAssistant() {
        auto tokenizer = tok::Tokenizer::load(m_chat.toStdString());
        QVERIFY(tokenizer.ok());
        QVERIFY(tokenizer->hasChatTemplate());
        api::DataSection data;
        data.format = api::DataFormat::Chat;
        auto columns = train::mapSftColumns({"messages"}, data, "x.jsonl");
        QVERIFY(columns.ok());
        const std::string conversation =
            R"([{"role":"system","content":"Be brief."},{"role":"user","content":"Capital of France?"},)"
            R"({"role":"assistant","content":"Paris."},{"from":"human","value":"And Italy?"},{"from":"gpt","value":"Rome."}])";
        train::Example ex;
        auto cut = train::encodeSftRow(*tokenizer, {conversation}, *columns, data, 1024, ex);
        QVERIFY2(cut.ok(), cut.ok() ? "" : cut.error().describe().c_str());
        QCOMPARE(decode(*tokenizer, masked(ex, true)), std::string("Paris.<|im_end|>\nRome.<|im_end|>\n"));
        const std::string prompt = decode(*tokenizer, masked(ex, false));
        QVERIFY(prompt.find("Capital of France?") != std::string::npos && prompt.find("And Italy?") != std::string::npos);
        QVERIFY(prompt.find("Paris") == std::string::npos);

        // Truncation keeps ids and mask aligned.
        train::Example shortEx;
        QVERIFY(*train::encodeSftRow(*tokenizer, {conversation}, *columns, data, 10, shortEx));
        QCOMPARE(shortEx.ids.size(), size_t(10));
        QCOMPARE(shortEx.trainMask.size(), size_t(10));
    }

    void badConversationNamesFileAndLine() {
        const QString file = m_dir.filePath(QStringLiteral("chat.jsonl"));
        writeFile(file, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}\n"
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hey\"}]}\n"
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"only a question\"}]}\n");
        api::JobConfig job;
        job.task = api::Task::CausalLM;
        job.model.path = m_chat.toStdString();
        job.data.train = file.toStdString();
        job.data.format = api::DataFormat::Chat;
        auto tokenizer = tok::Tokenizer::load(m_chat.toStdString());
        QVERIFY(tokenizer.ok());
        auto data = train::prepareData(job, *tokenizer);
        QVERIFY(!data.ok());
        QCOMPARE(QString::fromStdString(data.error().code), QStringLiteral("data.invalid_messages"));
        QCOMPARE(int(data.error().line), 3);
        QCOMPARE(data.error().file, file.toStdString());

        // Multi-turn data needs a template; the plain layout says so instead of guessing.
        job.model.path = m_plain.toStdString();
        job.data.train = m_dir.filePath(QStringLiteral("chat2.jsonl")).toStdString();
        writeFile(QString::fromStdString(job.data.train),
                  "{\"messages\":[{\"role\":\"system\",\"content\":\"x\"},{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"yo\"}]}\n");
        auto plainTokenizer = tok::Tokenizer::load(m_plain.toStdString());
        auto again = train::prepareData(job, *plainTokenizer);
        QVERIFY(!again.ok());
        QCOMPARE(QString::fromStdString(again.error().code), QStringLiteral("data.needs_chat_template"));
    }

    void packJoinsRowsIntoFullBlocks() {
        // Rows of 3, 4 and 5 ids with a separator after each: a 15-id stream → three blocks of 4 (3 ids dropped).
        std::vector<train::Example> rows(3);
        rows[0].ids = {1, 2, 3};
        rows[1].ids = {4, 5, 6, 7};
        rows[2].ids = {8, 9, 10, 11, 12};
        const auto blocks = train::packExamples(rows, 4, 99);
        QCOMPARE(blocks.size(), size_t(3));
        QCOMPARE(blocks[0].ids, (std::vector<int32_t>{1, 2, 3, 99}));
        QCOMPARE(blocks[1].ids, (std::vector<int32_t>{4, 5, 6, 7}));
        QCOMPARE(blocks[2].ids, (std::vector<int32_t>{99, 8, 9, 10}));
        QCOMPARE(blocks[2].row, int64_t(2));
        // Without an end-of-text token the rows simply follow each other; a short stream stays one block.
        const auto plain = train::packExamples(rows, 100, std::nullopt);
        QCOMPARE(plain.size(), size_t(1));
        QCOMPARE(plain[0].ids.size(), size_t(12));
        QVERIFY(train::packExamples({}, 4, 99).empty());
    }

    void packedJobReadsWholeRowsAndRejectsClassification() {
        // Rows far longer than max_length are not truncated when packed: every token reaches a block.
        const QString file = m_dir.filePath(QStringLiteral("corpus.txt"));
        QByteArray text;
        for (int i = 0; i < 40; ++i) text += "the quick brown fox jumps over the lazy dog and runs far away into the forest\n";
        writeFile(file, text);
        auto tokenizer = tok::Tokenizer::load(m_plain.toStdString());
        QVERIFY(tokenizer.ok());
        api::JobConfig job;
        job.task = api::Task::CausalLM;
        job.model.path = m_plain.toStdString();
        job.data.train = file.toStdString();
        job.data.maxLength = 8;
        job.data.pack = true;
        job.data.validationFraction = 0.25;
        auto data = train::prepareData(job, *tokenizer);
        QVERIFY2(data.ok(), data.ok() ? "" : data.error().describe().c_str());
        const int64_t perRow = int64_t(tokenizer->encode("the quick brown fox jumps over the lazy dog and runs far away into the forest").ids.size()) + 1;
        QVERIFY(perRow > 8);
        QCOMPARE(int64_t(data->train.size()), 30 * perRow / 8);
        QCOMPARE(int64_t(data->validation.size()), 10 * perRow / 8);
        for (const auto& block : data->train) QCOMPARE(block.ids.size(), size_t(8));
        QCOMPARE(data->truncated, int64_t(0));
        QVERIFY(data->validationTexts.empty());

        job.task = api::Task::SequenceClassification;
        Status bad = api::validateJobConfig(job);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().field, std::string("data.pack"));
    }

    void instructionJobTrainsOnResponses() {
        // "Repeat the word X." → "X": learnable from the prompt, and only the answer is scored.
        const QString file = m_dir.filePath(QStringLiteral("instructions.jsonl"));
        QByteArray rows;
        const char* words[] = {"apple", "river", "stone", "cloud", "forest", "candle", "garden", "window"};
        for (int i = 0; i < 96; ++i) {
            nlohmann::json j = {{"instruction", std::string("Repeat the word ") + words[i % 8] + "."}, {"input", ""}, {"output", words[i % 8]}};
            rows += QByteArray::fromStdString(j.dump()) + '\n';
        }
        writeFile(file, rows);
        api::JobConfig job;
        job.name = "sft";
        job.task = api::Task::CausalLM;
        job.model.path = m_plain.toStdString();
        job.data.train = file.toStdString();
        job.data.format = api::DataFormat::Alpaca;
        job.data.maxLength = 48;
        job.training.epochs = 4;
        job.training.batchSize = 8;
        job.training.learningRate = 5e-3;
        job.training.threads = 2;
        job.training.logEverySteps = 1;
        job.training.evalEverySteps = 4;
        job.output.runDir = m_dir.filePath(QStringLiteral("run-sft")).toStdString();
        api::Engine engine;
        Observer observer;
        Status st = engine.run(job, observer);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        std::vector<double> evals;
        for (const auto& e : observer.events)
            if (e.kind == api::EventKind::Evaluation) evals.push_back(e.evalLoss);
        QVERIFY(evals.size() >= 2);
        QVERIFY2(evals.back() < 0.6 * evals.front(), qPrintable(QStringLiteral("%1 → %2").arg(evals.front()).arg(evals.back())));
        QCOMPARE(observer.events.back().kind, api::EventKind::Finished);
    }
};

QTEST_GUILESS_MAIN(TestSft)
#include "test_sft.moc"
