// The sentencepiece bridge: ids equal the spm_encode CLI's, decode round-trips, BOS/EOS follow
// tokenizer_config.json, training through our API, a missing shim is a clear error — and all of it
// in a process that has libtorch (and its libprotobuf) loaded, which is why the shim exists.
#include "core/tokenize/spm_bridge.h"
#include "core/tokenize/tokenizer.h"
#include "core/tokenize/train_sentencepiece.h"
#include "spm_tools.h"

#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include <filesystem>
#include <atomic>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using ft::tok::SentencePieceModel;
using ft::tok::Tokenizer;

namespace {

// Encoded by both our bridge and spm_encode; one per line, so no newlines.
const std::vector<std::string>& sampleTexts() {
    static const std::vector<std::string> texts = {
        "Hello world",
        "the quick brown fox jumps over the lazy dog",
        "  leading and trailing spaces  ",
        "multiple    inner     spaces",
        "Numbers 12345 and 3.14159",
        "Punctuation, commas; colons: and dots...",
        "café crème brûlée",
        "über grüße straße",
        "日本語のテキスト",
        "emoji 🙂 not in the corpus",
        "",
        "a",
        "ZZZZ QQQQ XXXX",
        "tokenization of unseen wordforms like antidisestablishmentarianism",
        "mixed CASE Words AND lower ones",
        "tab\tseparated\tvalues",
        "full-width ＡＢＣ letters",
        "repeated repeated repeated repeated",
        "question? exclamation! (parentheses) [brackets]",
        "the model and the tokenizer train together",
    };
    return texts;
}

// A deterministic corpus of simple sentences with a few accented words.
std::string corpusText() {
    static const char* words[] = {
        "the",    "quick",    "brown",   "fox",   "jumps",  "over",     "lazy",     "dog",
        "model",  "token",    "train",   "data",  "hello",  "world",    "together", "and",
        "of",     "words",    "numbers", "space", "café",   "crème",    "über",     "grüße",
        "river",  "mountain", "city",    "light", "dark",   "repeated", "question", "answer",
        "simple", "sentence", "corpus",  "piece", "encode", "decode",   "learn",    "fine"};
    std::mt19937 rng(1234);
    std::uniform_int_distribution<size_t> pick(0, std::size(words) - 1), len(4, 14);
    std::ostringstream out;
    for (int line = 0; line < 3000; ++line) {
        const size_t n = len(rng);
        for (size_t i = 0; i < n; ++i) out << (i ? " " : "") << words[pick(rng)];
        out << (line % 7 == 0 ? ", 42." : line % 5 == 0 ? "? " + std::to_string(line) : ".") << "\n";
    }
    out << "Hello world. ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 ,.;:!?()[]-\n";
    return out.str();
}

void writeFile(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

std::vector<int32_t> parseIds(const QString& line) {
    std::vector<int32_t> ids;
    for (const auto& part : line.split(QLatin1Char(' '), Qt::SkipEmptyParts)) ids.push_back(part.toInt());
    return ids;
}

QString fromStd(const std::string& s) {
    return QString::fromStdString(s);
}

// spm_encode's ids for every sample text, one vector per line.
std::vector<std::vector<int32_t>> cliIds(const fs::path& model) {
    QByteArray input;
    for (const auto& t : sampleTexts()) input += QByteArray::fromStdString(t) + '\n';
    const QString out = QString::fromUtf8(spmtools::run(
        QStringLiteral("spm_encode"),
        {QStringLiteral("--model=") + fromStd(model.string()), QStringLiteral("--output_format=id")}, input));
    QStringList lines = out.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.back().isEmpty()) lines.removeLast();
    std::vector<std::vector<int32_t>> ids;
    for (const auto& l : lines) ids.push_back(parseIds(l));
    return ids;
}

struct EnvGuard {
    QByteArray name;
    EnvGuard(const char* n, const QByteArray& value) : name(n) { qputenv(n, value); }
    ~EnvGuard() { qunsetenv(name.constData()); }
};

}  // namespace

class TestSentencePiece : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path m_root, m_corpus;
    std::map<QString, fs::path> m_models;  // "bpe" / "unigram" → .model trained by spm_train
    std::map<QString, std::vector<std::vector<int32_t>>> m_cli;

    fs::path folderWith(const QString& name, const QString& model, const std::string& config) {
        const fs::path folder = m_root / name.toStdString();
        fs::create_directories(folder);
        fs::copy_file(m_models.at(model), folder / "tokenizer.model", fs::copy_options::overwrite_existing);
        if (!config.empty()) writeFile(folder / "tokenizer_config.json", config);
        return folder;
    }

private Q_SLOTS:
    void initTestCase() {
        // libtorch (with its libprotobuf 3.21) really is in this process before sentencepiece runs.
        const at::Tensor t = at::ones({2});
        QCOMPARE(t.sum().item<float>(), 2.0f);
        QVERIFY(m_dir.isValid());
        m_root = fs::path(m_dir.path().toStdString());
        m_corpus = m_root / "corpus.txt";
        writeFile(m_corpus, corpusText());
        for (const QString& type : {QStringLiteral("bpe"), QStringLiteral("unigram")}) {
            const fs::path prefix = m_root / ("cli_" + type.toStdString());
            spmtools::run(QStringLiteral("spm_train"),
                    {QStringLiteral("--input=") + fromStd(m_corpus.string()),
                     QStringLiteral("--model_prefix=") + fromStd(prefix.string()),
                     QStringLiteral("--model_type=") + type, QStringLiteral("--vocab_size=200"),
                     QStringLiteral("--character_coverage=1.0"), QStringLiteral("--minloglevel=2")});
            m_models[type] = fs::path(prefix.string() + ".model");
            QVERIFY(fs::is_regular_file(m_models[type]));
            m_cli[type] = cliIds(m_models[type]);
            QCOMPARE(m_cli[type].size(), sampleTexts().size());
        }
    }

    void encodeMatchesCli_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("index");
        for (const QString& type : {QStringLiteral("bpe"), QStringLiteral("unigram")})
            for (int i = 0; i < static_cast<int>(sampleTexts().size()); ++i)
                QTest::addRow("%s %d", qPrintable(type), i) << type << i;
    }
    void encodeMatchesCli() {
        QFETCH(QString, model);
        QFETCH(int, index);
        const std::string& text = sampleTexts()[static_cast<size_t>(index)];
        const auto& expected = m_cli.at(model)[static_cast<size_t>(index)];
        auto spm = SentencePieceModel::load(m_models.at(model));
        QVERIFY2(spm.ok(), spm.ok() ? "" : spm.error().describe().c_str());
        QCOMPARE(spm->encode(text), expected);
        // Through Tokenizer::load: same ids without specials, BOS in front with them (Llama default).
        auto tok = Tokenizer::load(folderWith(QStringLiteral("plain_") + model, model, {}));
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.error().describe().c_str());
        QCOMPARE(tok->encode(text, false).ids, expected);
        std::vector<int32_t> withBos{1};
        withBos.insert(withBos.end(), expected.begin(), expected.end());
        QCOMPARE(tok->encode(text).ids, withBos);
    }

    void decodeRoundTrip_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("text");
        for (const QString& type : {QStringLiteral("bpe"), QStringLiteral("unigram")}) {
            QTest::addRow("%s ascii", qPrintable(type)) << type << QStringLiteral("Hello world");
            QTest::addRow("%s sentence", qPrintable(type))
                << type << QStringLiteral("the quick brown fox jumps over the lazy dog, 42.");
            QTest::addRow("%s accents", qPrintable(type)) << type << QStringLiteral("café crème über grüße");
            QTest::addRow("%s unseen word", qPrintable(type)) << type << QStringLiteral("zebra quartz");
        }
    }
    void decodeRoundTrip() {
        QFETCH(QString, model);
        QFETCH(QString, text);
        auto tok = Tokenizer::load(folderWith(QStringLiteral("plain_") + model, model, {}));
        QVERIFY(tok.ok());
        const auto enc = tok->encode(text.toStdString());
        QCOMPARE(enc.ids.front(), 1);
        QCOMPARE(fromStd(tok->decode(enc.ids)), text);
        QCOMPARE(fromStd(tok->decode(enc.ids, false)), QStringLiteral("<s>") + text);
    }

    void specialTokensFollowConfig_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<bool>("bos");
        QTest::addColumn<bool>("eos");
        QTest::newRow("no config") << QString() << true << false;
        QTest::newRow("defaults") << QStringLiteral("{}") << true << false;
        QTest::newRow("bos and eos") << QStringLiteral(R"({"add_bos_token": true, "add_eos_token": true})")
                                     << true << true;
        QTest::newRow("eos only") << QStringLiteral(R"({"add_bos_token": false, "add_eos_token": true})")
                                  << false << true;
        QTest::newRow("none") << QStringLiteral(R"({"add_bos_token": false})") << false << false;
        QTest::newRow("llama class")
            << QStringLiteral(
                   R"({"tokenizer_class": "LlamaTokenizer", "add_bos_token": true, "add_eos_token": true,
                "bos_token": {"content": "<s>"}, "eos_token": "</s>", "unk_token": "<unk>"})")
            << true << true;
        QTest::newRow("t5 class") << QStringLiteral(R"({"tokenizer_class": "T5Tokenizer"})") << false << true;
    }
    void specialTokensFollowConfig() {
        QFETCH(QString, config);
        QFETCH(bool, bos);
        QFETCH(bool, eos);
        auto tok = Tokenizer::load(folderWith(
            QStringLiteral("cfg_") +
                QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')),
            QStringLiteral("unigram"), config.toStdString()));
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.error().describe().c_str());
        const auto& plain = m_cli.at(QStringLiteral("unigram"))[0];  // "Hello world"
        std::vector<int32_t> expected;
        if (bos) expected.push_back(1);
        expected.insert(expected.end(), plain.begin(), plain.end());
        if (eos) expected.push_back(2);
        const auto enc = tok->encode(sampleTexts()[0]);
        QCOMPARE(enc.ids, expected);
        QCOMPARE(enc.specialMask.front(), uint8_t(bos ? 1 : 0));
        QCOMPARE(fromStd(tok->decode(enc.ids)), QStringLiteral("Hello world"));
        QCOMPARE(tok->specialTokens().bos, std::optional<int32_t>(1));
        QCOMPARE(tok->specialTokens().eos, std::optional<int32_t>(2));
        QCOMPARE(tok->specialTokens().unk, std::optional<int32_t>(0));
    }

    // A T5-like folder: tokenizer.json with a component we do not implement (HF's Nmt normalizer)
    // beside spiece.model; the sentencepiece model it was converted from tokenizes instead, EOS appended.
    void t5FolderFallsBackToSpieceModel() {
        const fs::path folder = m_root / "t5_folder";
        fs::create_directories(folder);
        fs::copy_file(m_models.at(QStringLiteral("unigram")), folder / "spiece.model", fs::copy_options::overwrite_existing);
        writeFile(folder / "tokenizer_config.json", R"({"tokenizer_class": "T5Tokenizer", "eos_token": "</s>"})");
        writeFile(folder / "tokenizer.json",
                  R"({"version": "1.0", "added_tokens": [], "normalizer": {"type": "Nmt"},
                      "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "add_prefix_space": true},
                      "post_processor": null, "decoder": null,
                      "model": {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0], ["\u2581", -1.0]]}})");
        auto tok = Tokenizer::load(folder);
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.error().describe().c_str());
        std::vector<int32_t> expected = m_cli.at(QStringLiteral("unigram"))[0];  // "Hello world"
        expected.push_back(2);
        QCOMPARE(tok->encode(sampleTexts()[0]).ids, expected);
        // Without the sentencepiece file the unsupported component is the error, naming it.
        fs::remove(folder / "spiece.model");
        auto missing = Tokenizer::load(folder);
        QVERIFY(!missing.ok());
        QCOMPARE(QString::fromStdString(missing.error().code), QStringLiteral("tokenizer.unsupported_component"));
        QVERIFY(missing.error().message.find("Nmt") != std::string::npos);
    }

    void controlTokensInText() {
        auto tok = Tokenizer::load(folderWith(QStringLiteral("plain_bpe"), QStringLiteral("bpe"), {}));
        QVERIFY(tok.ok());
        auto spm = SentencePieceModel::load(m_models.at(QStringLiteral("bpe")));
        QVERIFY(spm.ok());
        // "<s>" typed in the text is the BOS token, as in transformers' slow LlamaTokenizer.
        std::vector<int32_t> expected = spm->encode("Hello");
        expected.push_back(1);
        const auto world = spm->encode("world");
        expected.insert(expected.end(), world.begin(), world.end());
        QCOMPARE(tok->encode("Hello<s>world", false).ids, expected);
    }

    void piecesAndIds() {
        for (const QString& type : {QStringLiteral("bpe"), QStringLiteral("unigram")}) {
            auto spm = SentencePieceModel::load(m_models.at(type));
            QVERIFY(spm.ok());
            QCOMPARE(spm->vocabSize(), 200);
            QCOMPARE(spm->unkId(), std::optional<int32_t>(0));
            QCOMPARE(spm->bosId(), std::optional<int32_t>(1));
            QCOMPARE(spm->eosId(), std::optional<int32_t>(2));
            QCOMPARE(spm->padId(), std::optional<int32_t>());
            QCOMPARE(spm->idToPiece(0), std::optional<std::string>("<unk>"));
            QCOMPARE(spm->idToPiece(1), std::optional<std::string>("<s>"));
            QCOMPARE(spm->pieceKind(1), std::optional(SentencePieceModel::PieceKind::Control));
            QCOMPARE(spm->pieceKind(0), std::optional(SentencePieceModel::PieceKind::Unknown));
            QCOMPARE(spm->pieceKind(10), std::optional(SentencePieceModel::PieceKind::Normal));
            QCOMPARE(spm->idToPiece(200), std::optional<std::string>());
            QCOMPARE(spm->idToPiece(-1), std::optional<std::string>());
            QCOMPARE(spm->pieceToId("no such piece"), std::optional<int32_t>());
            QCOMPARE(spm->pieceToId("<unk>"), std::optional<int32_t>(0));
            for (int32_t id = 0; id < spm->vocabSize(); ++id)
                QCOMPARE(spm->pieceToId(*spm->idToPiece(id)), std::optional<int32_t>(id));
            // Out-of-range ids are dropped rather than failing the whole decode.
            const auto ids = spm->encode("hello world");
            auto noisy = ids;
            noisy.insert(noisy.begin() + 1, 99999);
            QCOMPARE(spm->decode(noisy), std::string("hello world"));

            auto tok = Tokenizer::load(folderWith(QStringLiteral("plain_") + type, type, {}));
            QVERIFY(tok.ok());
            QCOMPARE(tok->vocabSize(), 200);
            QCOMPARE(tok->idToToken(1), std::string("<s>"));
            QCOMPARE(tok->tokenToId("</s>"), std::optional<int32_t>(2));
        }
    }

    void addedTokensFromConfig() {
        auto tok = Tokenizer::load(folderWith(
            QStringLiteral("added"), QStringLiteral("unigram"),
            R"({"added_tokens_decoder": {"200": {"content": "<pad>", "special": true}}, "pad_token": "<pad>"})"));
        QVERIFY(tok.ok());
        QCOMPARE(tok->vocabSize(), 201);
        QCOMPARE(tok->specialTokens().pad, std::optional<int32_t>(200));
        const auto ids = tok->encode("Hello world<pad>", false).ids;
        QCOMPARE(ids.back(), 200);
        QCOMPARE(fromStd(tok->decode(ids)), QStringLiteral("Hello world"));
    }

    void trainThroughApi_data() {
        QTest::addColumn<int>("type");
        QTest::newRow("bpe") << int(ft::tok::SentencePieceTrainOptions::ModelType::Bpe);
        QTest::newRow("unigram") << int(ft::tok::SentencePieceTrainOptions::ModelType::Unigram);
    }
    void trainThroughApi() {
        QFETCH(int, type);
        ft::tok::SentencePieceTrainOptions opt;
        opt.modelType = static_cast<ft::tok::SentencePieceTrainOptions::ModelType>(type);
        opt.vocabSize = 180;
        opt.characterCoverage = 1.0;
        opt.userDefinedSymbols = {"<sep>", "[MARK]"};
        const fs::path prefix = m_root / ("api_" + std::string(QTest::currentDataTag()));
        auto model = ft::tok::trainSentencePiece(m_corpus, opt, prefix);
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().describe().c_str());
        QCOMPARE(model->string(), prefix.string() + ".model");
        QVERIFY(fs::is_regular_file(prefix.string() + ".vocab"));

        auto spm = SentencePieceModel::load(*model);
        QVERIFY(spm.ok());
        QCOMPARE(spm->vocabSize(), 180);
        const auto sep = spm->pieceToId("<sep>");
        QVERIFY(sep.has_value());
        const auto ids = spm->encode("hello<sep>world");
        QVERIFY(std::find(ids.begin(), ids.end(), *sep) != ids.end());
        QCOMPARE(spm->decode(ids), std::string("hello<sep>world"));
        // The model we trained is what the reference CLI reads too.
        const auto cli = cliIds(*model);
        for (size_t i = 0; i < sampleTexts().size(); ++i) QCOMPARE(spm->encode(sampleTexts()[i]), cli[i]);
    }

    void trainErrors() {
        using ft::tok::trainSentencePiece;
        ft::tok::SentencePieceTrainOptions opt;
        QCOMPARE(trainSentencePiece(m_root / "missing.txt", opt, m_root / "x").error().code,
                 std::string("tokenizer.file_not_found"));
        opt.vocabSize = 0;
        auto r = trainSentencePiece(m_corpus, opt, m_root / "x");
        QCOMPARE(r.error().code, std::string("tokenizer.spm_invalid_option"));
        QCOMPARE(r.error().field, std::string("vocabSize"));
        opt.vocabSize = 100;
        opt.characterCoverage = 1.5;
        QCOMPARE(trainSentencePiece(m_corpus, opt, m_root / "x").error().field,
                 std::string("characterCoverage"));
        opt.characterCoverage = 1.0;
        opt.userDefinedSymbols = {"a,b"};
        QCOMPARE(trainSentencePiece(m_corpus, opt, m_root / "x").error().field,
                 std::string("userDefinedSymbols"));
        opt.userDefinedSymbols.clear();
        QCOMPARE(trainSentencePiece(m_corpus, opt, m_root / "no" / "such" / "dir" / "x").error().field,
                 std::string("outputPrefix"));
        // sentencepiece's own refusal (far more pieces than the corpus allows) comes back as a value.
        opt.vocabSize = 100000;
        opt.modelType = ft::tok::SentencePieceTrainOptions::ModelType::Unigram;
        QCOMPARE(trainSentencePiece(m_corpus, opt, m_root / "toolarge").error().code,
                 std::string("tokenizer.spm_train_failed"));
    }

    void invalidModelFile_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("this is not a model\n");
        QTest::newRow("truncated proto") << QByteArray("\x0a\x05hello", 7);
        QTest::newRow("random") << QByteArray::fromHex("ffffffff000102030405060708090a0b0c0d0e0f");
    }
    void invalidModelFile() {
        QFETCH(QByteArray, bytes);
        const fs::path folder = m_root / ("bad_" + std::string(QTest::currentDataTag()));
        writeFile(folder / "tokenizer.model", bytes.toStdString());
        auto tok = Tokenizer::load(folder);
        QVERIFY(!tok.ok());
        QCOMPARE(tok.error().code, std::string("tokenizer.spm_invalid_model"));
        QCOMPARE(tok.error().file, (folder / "tokenizer.model").string());
        QCOMPARE(SentencePieceModel::load(m_root / "nope.model").error().code,
                 std::string("tokenizer.file_not_found"));
    }

    void missingShim() {
        const std::string bogus = (m_root / "nowhere" / "libft_spm_shim.so").string();
        EnvGuard env("FT_SPM_SHIM", QByteArray::fromStdString(bogus));
        auto tok = Tokenizer::load(folderWith(QStringLiteral("plain_bpe"), QStringLiteral("bpe"), {}));
        QVERIFY(!tok.ok());
        QCOMPARE(tok.error().code, std::string("tokenizer.sentencepiece_unavailable"));
        QVERIFY2(tok.error().message.find(bogus) != std::string::npos, tok.error().message.c_str());
        ft::tok::SentencePieceTrainOptions opt;
        QCOMPARE(ft::tok::trainSentencePiece(m_corpus, opt, m_root / "y").error().code,
                 std::string("tokenizer.sentencepiece_unavailable"));
        // A file that exists but is no shared library is reported with the loader's reason.
        EnvGuard env2("FT_SPM_SHIM", QByteArray::fromStdString(m_corpus.string()));
        auto bad = SentencePieceModel::load(m_models.at(QStringLiteral("bpe")));
        QCOMPARE(bad.error().code, std::string("tokenizer.sentencepiece_unavailable"));
        QVERIFY(bad.error().message.find(m_corpus.string()) != std::string::npos);
    }

    void threadedEncode() {
        auto spm = SentencePieceModel::load(m_models.at(QStringLiteral("unigram")));
        QVERIFY(spm.ok());
        const auto expected = m_cli.at(QStringLiteral("unigram"))[1];
        std::atomic<int> mismatches{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 200; ++i)
                    if (spm->encode(sampleTexts()[1]) != expected) ++mismatches;
            });
        for (auto& th : threads) th.join();
        QCOMPARE(mismatches.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSentencePiece)
#include "test_sentencepiece.moc"
