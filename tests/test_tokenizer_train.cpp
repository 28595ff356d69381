// Trainers and writers: deterministic output, files that Tokenizer::load and the real HF library
// (goldens from tests/reference/golden_trained.js) read the same way, legacy vocab files.
#include "core/tokenize/tokenizer.h"
#include "core/tokenize/train_bpe.h"
#include "core/tokenize/write_tokenizer.h"

#include <QtTest/QtTest>

#include <fstream>
#include <sstream>

namespace {

std::string dataPath(const std::string& name) {
    return std::string(FT_TEST_DATA_DIR) + "/tokenize/" + name;
}

std::vector<std::string> corpusLines() {
    std::ifstream in(dataPath("corpus.txt"));
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

nlohmann::json readJson(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

QString show(const std::vector<int32_t>& v) {
    QStringList parts;
    for (auto x : v) parts << QString::number(x);
    return QStringLiteral("[") + parts.join(QStringLiteral(",")) + QStringLiteral("]");
}

ft::tok::Tokenizer loadOrDie(const std::filesystem::path& folder) {
    auto r = ft::tok::Tokenizer::load(folder);
    if (!r) qFatal("%s", r.error().describe().c_str());
    return std::move(*r);
}

constexpr int32_t kBpeVocab = 700;
constexpr int32_t kWordPieceVocab = 400;

}  // namespace

class TestTokenizerTrain : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    nlohmann::json m_bpe, m_wordPiece;

    std::filesystem::path dir(const char* name) const {
        return std::filesystem::path(m_dir.path().toStdString()) / name;
    }

    // Every golden string (and pair) encodes as the HF library encoded the C++-written file.
    void compareWithGolden(const ft::tok::Tokenizer& tok, const char* goldenFile) {
        const auto golden = readJson(dataPath(goldenFile));
        QCOMPARE(tok.vocabSize(), golden["vocab_size"].get<int32_t>());
        for (const auto& c : golden["single"]) {
            const std::string text = c["text"].get<std::string>();
            const auto ids = c["ids"].get<std::vector<int32_t>>();
            if (show(tok.encode(text).ids) != show(ids)) qWarning("text: %s", text.c_str());
            QCOMPARE(show(tok.encode(text).ids), show(ids));
            QCOMPARE(show(tok.encode(text, false).ids),
                     show(c["ids_no_special"].get<std::vector<int32_t>>()));
            QCOMPARE(QString::fromStdString(tok.decode(ids)),
                     QString::fromStdString(c["decoded"].get<std::string>()));
        }
        for (const auto& c : golden["pairs"]) {
            const auto enc = tok.encodePair(c["a"].get<std::string>(), c["b"].get<std::string>());
            QCOMPARE(show(enc.ids), show(c["ids"].get<std::vector<int32_t>>()));
            QCOMPARE(show(enc.typeIds), show(c["type_ids"].get<std::vector<int32_t>>()));
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        auto bpe = ft::tok::trainByteLevelBpe(corpusLines(), kBpeVocab, {"<|endoftext|>"});
        QVERIFY2(bpe.ok(), bpe.ok() ? "" : bpe.error().describe().c_str());
        m_bpe = *bpe;
        auto wp = ft::tok::trainWordPiece(corpusLines(), kWordPieceVocab);
        QVERIFY2(wp.ok(), wp.ok() ? "" : wp.error().describe().c_str());
        m_wordPiece = *wp;
        ft::tok::TokenizerFilesConfig gpt2{
            "GPT2Tokenizer", "<|endoftext|>", "<|endoftext|>", std::nullopt, "<|endoftext|>",
            std::nullopt,    std::nullopt,    std::nullopt,    1024,         false};
        QVERIFY(ft::tok::writeTokenizerFiles(dir("bpe"), m_bpe, gpt2).ok());
        ft::tok::TokenizerFilesConfig bert{"BertTokenizer", std::nullopt, std::nullopt, "[PAD]", "[UNK]",
                                           "[CLS]",         "[SEP]",      "[MASK]",     512,     false};
        QVERIFY(ft::tok::writeTokenizerFiles(dir("wordpiece"), m_wordPiece, bert).ok());
        // Regenerating the HF goldens: dump the written tokenizer.json files (see golden_trained.js).
        if (const char* dump = std::getenv("FT_TOK_DUMP_DIR")) {
            std::filesystem::create_directories(dump);
            std::filesystem::copy_file(dir("bpe") / "tokenizer.json",
                                       std::filesystem::path(dump) / "trained_bpe.json",
                                       std::filesystem::copy_options::overwrite_existing);
            std::filesystem::copy_file(dir("wordpiece") / "tokenizer.json",
                                       std::filesystem::path(dump) / "trained_wordpiece.json",
                                       std::filesystem::copy_options::overwrite_existing);
        }
    }

    void bpeShape() {
        const auto& model = m_bpe["model"];
        QCOMPARE(m_bpe["version"].get<std::string>(), std::string("1.0"));
        QCOMPARE(model["vocab"].size(), size_t(kBpeVocab));
        QCOMPARE(model["merges"].size(), size_t(kBpeVocab - 256 - 1));
        QVERIFY(model["merges"][0].is_array());  // pair form
        QCOMPARE(model["vocab"]["!"].get<int>(), 0);
        QCOMPARE(model["vocab"]["\xC4\xA0"].get<int>(),
                 256 - 68 + 32);  // "Ġ" (space) among the remapped bytes
        QCOMPARE(m_bpe["added_tokens"][0]["content"].get<std::string>(), std::string("<|endoftext|>"));
        QCOMPARE(m_bpe["added_tokens"][0]["id"].get<int>(), kBpeVocab - 1);
        QCOMPARE(m_bpe["pre_tokenizer"]["add_prefix_space"].get<bool>(), false);
    }

    void deterministic() {
        auto again = ft::tok::trainByteLevelBpe(corpusLines(), kBpeVocab, {"<|endoftext|>"});
        QVERIFY(again.ok());
        QCOMPARE(again->dump(), m_bpe.dump());
        auto wp = ft::tok::trainWordPiece(corpusLines(), kWordPieceVocab);
        QVERIFY(wp.ok());
        QCOMPARE(wp->dump(), m_wordPiece.dump());
    }

    void tinyCorpusStopsEarly() {
        auto r = ft::tok::trainByteLevelBpe({"ab ab ab"}, 1000, {});
        QVERIFY(r.ok());
        QVERIFY((*r)["model"]["vocab"].size() < 1000);
        QVERIFY((*r)["model"]["vocab"].size() >= 256);
        QVERIFY(!ft::tok::trainByteLevelBpe({"x"}, 100, {}).ok());
        QCOMPARE(ft::tok::trainByteLevelBpe({"x"}, 100, {}).error().code,
                 std::string("tokenizer.train_vocab_too_small"));
    }

    void loadWrittenBpe() {
        const auto tok = loadOrDie(dir("bpe"));
        const int32_t eot = kBpeVocab - 1;
        QCOMPARE(tok.specialTokens().bos.value_or(-1), eot);
        QCOMPARE(tok.specialTokens().eos.value_or(-1), eot);
        QVERIFY(!tok.specialTokens().pad.has_value());
        QCOMPARE(tok.modelMaxLength(), int64_t(1024));
        QCOMPARE(tok.vocabSize(), kBpeVocab);
        QVERIFY(std::filesystem::exists(dir("bpe") / "tokenizer_config.json"));
        QVERIFY(std::filesystem::exists(dir("bpe") / "special_tokens_map.json"));
        QVERIFY(!std::filesystem::exists(dir("bpe") / "tokenizer.json.tmp"));
    }

    void roundTrip_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("The quick brown fox jumps over the lazy dog.");
        QTest::newRow("unseen") << QStringLiteral("Zebras quizzically vex jumpy wizards 98765!");
        QTest::newRow("accents") << QStringLiteral("café naïve crème brûlée Ångström");
        QTest::newRow("cjk+emoji") << QStringLiteral("東京 서울 😀🎉 →");
        QTest::newRow("whitespace") << QStringLiteral("  two  spaces\ttab\n\nnewlines \r\n");
        QTest::newRow("empty") << QString();
        QTest::newRow("special inside") << QStringLiteral("end<|endoftext|>start");
    }
    void roundTrip() {
        QFETCH(QString, text);
        const auto tok = loadOrDie(dir("bpe"));
        const std::string s = text.toStdString();
        QCOMPARE(QString::fromStdString(tok.decode(tok.encode(s).ids, false)), text);
    }

    void bpeMatchesHuggingFace() { compareWithGolden(loadOrDie(dir("bpe")), "trained_bpe.golden.json"); }
    void wordPieceMatchesHuggingFace() {
        compareWithGolden(loadOrDie(dir("wordpiece")), "trained_wordpiece.golden.json");
    }

    void wordPieceShape() {
        const auto tok = loadOrDie(dir("wordpiece"));
        QCOMPARE(tok.tokenToId("[PAD]").value_or(-1), 0);
        QCOMPARE(tok.tokenToId("[UNK]").value_or(-1), 1);
        QCOMPARE(tok.tokenToId("[CLS]").value_or(-1), 2);
        QCOMPARE(tok.tokenToId("[SEP]").value_or(-1), 3);
        QCOMPARE(tok.tokenToId("[MASK]").value_or(-1), 4);
        QCOMPARE(tok.vocabSize(), kWordPieceVocab);
        QCOMPARE(tok.specialTokens().cls.value_or(-1), 2);
        QCOMPARE(tok.specialTokens().mask.value_or(-1), 4);
        QVERIFY(!tok.specialTokens().bos.has_value());
        QCOMPARE(tok.modelMaxLength(), int64_t(512));
        const auto enc = tok.encode("The dog, the DOG!");
        QCOMPARE(enc.ids.front(), 2);
        QCOMPARE(enc.ids.back(), 3);
        QCOMPARE(QString::fromStdString(tok.decode(enc.ids)), QStringLiteral("the dog, the dog!"));
    }

    void addBosToken() {
        ft::tok::TokenizerFilesConfig cfg;
        cfg.tokenizerClass = "GPT2Tokenizer";
        cfg.bos = "<|endoftext|>";
        cfg.eos = "<|endoftext|>";
        cfg.addBosToken = true;
        QVERIFY(ft::tok::writeTokenizerFiles(dir("bpe_bos"), m_bpe, cfg).ok());
        const auto tok = loadOrDie(dir("bpe_bos"));
        const auto enc = tok.encode("hello");
        QCOMPARE(enc.ids.front(), kBpeVocab - 1);
        QCOMPARE(int(enc.specialMask.front()), 1);
        QCOMPARE(tok.encode("hello", false).ids.size() + 1, enc.ids.size());
        cfg.bos = "<missing>";
        QCOMPARE(ft::tok::writeTokenizerFiles(dir("bpe_bad"), m_bpe, cfg).error().code,
                 std::string("tokenizer.missing_bos"));
    }

    // GPT-2 legacy vocab.json + merges.txt encode like the tokenizer.json they came from.
    void legacyGpt2Files() {
        const auto folder = dir("legacy_gpt2");
        std::filesystem::create_directories(folder);
        std::ofstream(folder / "vocab.json") << m_bpe["model"]["vocab"].dump();
        std::ofstream merges(folder / "merges.txt");
        merges << "#version: 0.2\n";
        for (const auto& m : m_bpe["model"]["merges"])
            merges << m[0].get<std::string>() << ' ' << m[1].get<std::string>() << '\n';
        merges.close();
        const auto legacy = loadOrDie(folder);
        const auto modern = loadOrDie(dir("bpe"));
        for (const char* s : {"Hello world, it's 2024!", "café 東京 😀", "a<|endoftext|>b", "  x  \n"})
            QCOMPARE(show(legacy.encode(s).ids), show(modern.encode(s).ids));
        QCOMPARE(legacy.vocabSize(), modern.vocabSize());
    }

    // BERT legacy vocab.txt (+ do_lower_case) encodes like the WordPiece tokenizer.json.
    void legacyBertFiles() {
        const auto folder = dir("legacy_bert");
        std::filesystem::create_directories(folder);
        std::vector<std::string> byId(m_wordPiece["model"]["vocab"].size());
        for (auto it = m_wordPiece["model"]["vocab"].begin(); it != m_wordPiece["model"]["vocab"].end(); ++it)
            byId[it.value().get<size_t>()] = it.key();
        std::ofstream vocab(folder / "vocab.txt");
        for (const auto& t : byId) vocab << t << '\n';
        vocab.close();
        std::ofstream(folder / "tokenizer_config.json")
            << R"({"do_lower_case": true, "model_max_length": 1000000000000000019884624838656})";
        const auto legacy = loadOrDie(folder);
        const auto modern = loadOrDie(dir("wordpiece"));
        for (const char* s :
             {"Hello World, it's 2024!", "Café naïve 東京", "[CLS] a [SEP]", "unbelievable tokenization"}) {
            QCOMPARE(show(legacy.encode(s).ids), show(modern.encode(s).ids));
            QCOMPARE(show(legacy.encodePair(s, "b").typeIds), show(modern.encodePair(s, "b").typeIds));
        }
        QCOMPARE(legacy.modelMaxLength(), int64_t(0));  // transformers' "unbounded" sentinel
        QCOMPARE(legacy.specialTokens().sep.value_or(-1), 3);
    }

    // A Llama-class tokenizer_config.json decides BOS/EOS insertion, as LlamaTokenizerFast does.
    void llamaConfigFlags() {
        const auto folder = dir("llama");
        std::filesystem::create_directories(folder);
        std::filesystem::copy_file(dataPath("llama2.json"), folder / "tokenizer.json");
        std::ofstream(folder / "tokenizer_config.json")
            << R"({"tokenizer_class": "LlamaTokenizer", "add_bos_token": true, "add_eos_token": true,
                  "bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>", "unk_token": "<unk>",
                  "model_max_length": 2048})";
        const auto tok = loadOrDie(folder);
        const auto enc = tok.encode("hello");
        QCOMPARE(enc.ids.front(), 1);
        QCOMPARE(enc.ids.back(), 2);
        QCOMPARE(tok.modelMaxLength(), int64_t(2048));
        QCOMPARE(tok.specialTokens().unk.value_or(-1), 0);
        QVERIFY(!tok.specialTokens().pad.has_value());
    }
};

QTEST_GUILESS_MAIN(TestTokenizerTrain)
#include "test_tokenizer_train.moc"
