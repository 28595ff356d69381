// Bad tokenizer files give specific error codes naming the file, line or JSON field — never a crash.
#include "core/tokenize/tokenizer.h"

#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string dataPath(const std::string& name) {
    return std::string(FT_TEST_DATA_DIR) + "/tokenize/" + name;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A minimal valid BPE tokenizer.json with `model`, `extra` spliced in.
std::string tokenizerJson(const std::string& model, const std::string& extra = {}) {
    return R"({"version": "1.0", )" + extra + R"("model": )" + model + "}";
}

const std::string kGoodBpe =
    R"({"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "c": 3}, "merges": [["a", "b"]]})";

struct ErrorCase {
    const char* name;
    std::string text;
    const char* code;
    const char* field;
    int line;
};

// Kept outside the test class: moc's parser trips over some of these literals.
std::vector<ErrorCase> jsonErrorCases() {
    std::vector<ErrorCase> cases;
    auto row = [&](const char* name, const std::string& text, const char* code, const char* field = "",
                   int line = -1) {
        cases.push_back({name, text, code, field, line});
    };
    row("empty file", "", "tokenizer.json_parse_error", "", 1);
    row("bad json line 3", "{\n  \"version\": \"1.0\",\n  \"model\": {,}\n}", "tokenizer.json_parse_error",
        "", 3);
    row("truncated", "{\"version\": \"1.0\", \"model\": {\"type\": \"BPE\", \"vocab\": {",
        "tokenizer.json_parse_error", "", 1);
    row("top level array", "[1, 2]", "tokenizer.invalid_field");
    row("version 2.0", R"({"version": "2.0", "model": )" + kGoodBpe + "}", "tokenizer.unsupported_version",
        "version");
    row("version missing", R"({"model": )" + kGoodBpe + "}", "tokenizer.unsupported_version", "version");
    row("version number", R"({"version": 1.0, "model": )" + kGoodBpe + "}", "tokenizer.unsupported_version",
        "version");
    row("model missing", R"({"version": "1.0"})", "tokenizer.invalid_field", "model");
    row("unknown model", tokenizerJson(R"({"type": "Foo", "vocab": {}})"), "tokenizer.unknown_model_type",
        "model.type");
    row("merge not in vocab",
        tokenizerJson(R"({"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b", "ab x"]})"),
        "tokenizer.merge_token_not_in_vocab", "model.merges[1]");
    row("merge result not in vocab",
        tokenizerJson(R"({"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": [["a", "b"]]})"),
        "tokenizer.merge_token_not_in_vocab", "model.merges[0]");
    row("merge three parts", tokenizerJson(R"({"type": "BPE", "vocab": {"a": 0}, "merges": ["a b c"]})"),
        "tokenizer.bad_merges", "model.merges[0]");
    row("merge wrong type", tokenizerJson(R"({"type": "BPE", "vocab": {"a": 0}, "merges": [42]})"),
        "tokenizer.bad_merges", "model.merges[0]");
    row("vocab id string", tokenizerJson(R"({"type": "BPE", "vocab": {"a": "zero"}, "merges": []})"),
        "tokenizer.invalid_field", "model.vocab.a");
    row("vocab not object", tokenizerJson(R"({"type": "WordPiece", "vocab": [1]})"),
        "tokenizer.invalid_field", "model.vocab");
    row("bpe unk missing",
        tokenizerJson(R"({"type": "BPE", "unk_token": "<unk>", "vocab": {"a": 0}, "merges": []})"),
        "tokenizer.unk_token_not_in_vocab", "model.unk_token");
    row("wordpiece unk missing", tokenizerJson(R"({"type": "WordPiece", "vocab": {"a": 0}})"),
        "tokenizer.unk_token_not_in_vocab", "model.unk_token");
    row("unigram bad entry",
        tokenizerJson(R"({"type": "Unigram", "unk_id": 0, "vocab": [["a", -1.0], ["b"]]})"),
        "tokenizer.invalid_field", "model.vocab[1]");
    row("unsupported normalizer",
        tokenizerJson(
            kGoodBpe,
            R"("normalizer": {"type": "Sequence", "normalizers": [{"type": "NFC"}, {"type": "Nmt"}]}, )"),
        "tokenizer.unsupported_component", "normalizer.normalizers[1].type");
    row("precompiled normalizer without its charsmap",
        tokenizerJson(kGoodBpe, R"("normalizer": {"type": "Precompiled"}, )"),
        "tokenizer.invalid_field", "normalizer.precompiled_charsmap");
    row("unsupported pre-tokenizer",
        tokenizerJson(kGoodBpe, R"("pre_tokenizer": {"type": "UnicodeScripts"}, )"),
        "tokenizer.unsupported_component", "pre_tokenizer.type");
    row("unsupported decoder", tokenizerJson(kGoodBpe, R"("decoder": {"type": "CTC"}, )"),
        "tokenizer.unsupported_component", "decoder.type");
    row("unsupported post-processor", tokenizerJson(kGoodBpe, R"("post_processor": {"type": "Magic"}, )"),
        "tokenizer.unsupported_component", "post_processor.type");
    row("invalid regex",
        tokenizerJson(
            kGoodBpe,
            R"("pre_tokenizer": {"type": "Split", "pattern": {"Regex": "(unclosed"}, "behavior": "Isolated"}, )"),
        "tokenizer.invalid_regex", "pre_tokenizer.pattern");
    row("pattern not object",
        tokenizerJson(kGoodBpe,
                      R"("pre_tokenizer": {"type": "Split", "pattern": "x", "behavior": "Isolated"}, )"),
        "tokenizer.invalid_field", "pre_tokenizer.pattern");
    row("bad behavior",
        tokenizerJson(
            kGoodBpe,
            R"("pre_tokenizer": {"type": "Split", "pattern": {"String": "x"}, "behavior": "Sideways"}, )"),
        "tokenizer.invalid_field", "pre_tokenizer.behavior");
    row("bool as string",
        tokenizerJson(kGoodBpe, R"("pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": "yes"}, )"),
        "tokenizer.invalid_field", "pre_tokenizer.add_prefix_space");
    row("added_tokens not array", tokenizerJson(kGoodBpe, R"("added_tokens": {"a": 1}, )"),
        "tokenizer.invalid_field", "added_tokens");
    row("added token no id", tokenizerJson(kGoodBpe, R"("added_tokens": [{"content": "<x>"}], )"),
        "tokenizer.invalid_field", "added_tokens[0].id");
    row("template unknown special",
        tokenizerJson(
            kGoodBpe,
            R"("post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}], "pair": [], "special_tokens": {}}, )"),
        "tokenizer.template_missing_special_token", "post_processor.special_tokens");
    row("template bad sequence",
        tokenizerJson(
            kGoodBpe,
            R"("post_processor": {"type": "TemplateProcessing", "single": [{"Sequence": {"id": "C", "type_id": 0}}], "pair": [], "special_tokens": {}}, )"),
        "tokenizer.invalid_field", "post_processor.single[0].Sequence.id");
    row("metaspace conflict",
        tokenizerJson(
            kGoodBpe,
            R"("pre_tokenizer": {"type": "Metaspace", "add_prefix_space": false, "prepend_scheme": "always"}, )"),
        "tokenizer.invalid_field", "pre_tokenizer.add_prefix_space");
    return cases;
}

const char* const kBadConfig = "{\n\"a\": 1,,\n}";
const char* const kSmallVocab = R"({"a": 0, "b": 1, "ab": 2})";
const char* const kTinyVocab = R"({"a": 0, "b": 1})";

}  // namespace

class TestTokenizerErrors : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    fs::path write(const std::string& name, const std::string& text) {
        const fs::path p = fs::path(m_dir.path().toStdString()) / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

private Q_SLOTS:
    void jsonErrors_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("line");
        for (const auto& c : jsonErrorCases())
            QTest::newRow(c.name) << QString::fromStdString(c.text) << QString::fromLatin1(c.code)
                                  << QString::fromLatin1(c.field) << c.line;
    }
    void jsonErrors() {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(QString, field);
        QFETCH(int, line);
        const fs::path file = write("case.json", text.toStdString());
        auto r = ft::tok::Tokenizer::fromTokenizerJson(file);
        QVERIFY(!r.ok());
        const ft::Error& e = r.error();
        QCOMPARE(QString::fromStdString(e.code), code);
        QCOMPARE(QString::fromStdString(e.field), field);
        QCOMPARE(QString::fromStdString(e.file), QString::fromStdString(file.string()));
        if (line > 0) QCOMPARE(int(e.line), line);
        QVERIFY(!e.message.empty());
        QVERIFY(e.describe().find(file.string()) != std::string::npos);
    }

    void missingFile() {
        auto r = ft::tok::Tokenizer::fromTokenizerJson("/nonexistent/tokenizer.json");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, std::string("tokenizer.file_not_found"));
        QCOMPARE(r.error().file, std::string("/nonexistent/tokenizer.json"));
    }

    void folderErrors() {
        const fs::path root(m_dir.path().toStdString());
        QCOMPARE(ft::tok::Tokenizer::load(root / "nope").error().code,
                 std::string("tokenizer.folder_not_found"));
        fs::create_directories(root / "empty");
        QCOMPARE(ft::tok::Tokenizer::load(root / "empty").error().code,
                 std::string("tokenizer.no_tokenizer_files"));
        write("spm/tokenizer.model", "\x0a\x05hello");
        QCOMPARE(ft::tok::Tokenizer::load(root / "spm").error().code,
                 std::string("tokenizer.spm_invalid_model"));
        write("badcfg/tokenizer.json", readFile(dataPath("gpt2.json")));
        write("badcfg/tokenizer_config.json", kBadConfig);
        auto cfg = ft::tok::Tokenizer::load(root / "badcfg");
        QCOMPARE(cfg.error().code, std::string("tokenizer.json_parse_error"));
        QCOMPARE(cfg.error().line, int64_t(2));
        QVERIFY(cfg.error().file.find("tokenizer_config.json") != std::string::npos);
        write("badmerges/vocab.json", kSmallVocab);
        write("badmerges/merges.txt", "#version: 0.2\na b\nab\n");
        auto merges = ft::tok::Tokenizer::load(root / "badmerges");
        QCOMPARE(merges.error().code, std::string("tokenizer.bad_merges"));
        QCOMPARE(merges.error().line, int64_t(3));
        write("legacyoov/vocab.json", kTinyVocab);
        write("legacyoov/merges.txt", "#version: 0.2\na b\n");
        QCOMPARE(ft::tok::Tokenizer::load(root / "legacyoov").error().code,
                 std::string("tokenizer.merge_token_not_in_vocab"));
    }

    // Cut a real file at many places and flip bytes: every result is a value or an error.
    void mutatedFilesNeverCrash() {
        const std::string good = readFile(dataPath("llama3.json"));
        std::mt19937 rng(1234);
        int failures = 0;
        for (int i = 0; i < 150; ++i) {
            std::string s = good;
            if (i % 2 == 0) {
                s.resize(rng() % s.size());
            } else {
                for (int k = 0; k < 4; ++k) s[rng() % s.size()] = static_cast<char>(rng() % 256);
            }
            auto r = ft::tok::Tokenizer::fromJsonString(s, "mutated.json");
            if (!r.ok()) {
                ++failures;
                QVERIFY(!r.error().code.empty());
            } else {
                (void)r->encode("Hello <|begin_of_text|> world");
            }
        }
        QVERIFY(failures > 0);
    }

    // Random bytes through every fixture: no crash, ids inside the vocabulary.
    void randomInputNeverCrashes() {
        std::mt19937 rng(99);
        for (const char* f : {"gpt2", "llama3", "llama2", "mistral", "bert", "unigram", "wordpiece_misc2"}) {
            auto tok = ft::tok::Tokenizer::fromTokenizerJson(dataPath(std::string(f) + ".json"));
            QVERIFY(tok.ok());
            for (int i = 0; i < 100; ++i) {
                std::string s(rng() % 64, '\0');
                for (auto& c : s) c = static_cast<char>(rng() % 256);
                for (int32_t id : tok->encode(s).ids) QVERIFY(id >= 0 && id < tok->vocabSize());
                (void)tok->decode(tok->encode(s).ids, false);
            }
            QCOMPARE(tok->decode({-5, 1 << 30}), std::string());
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenizerErrors)
#include "test_tokenizer_errors.moc"
