// Golden ids from the real Hugging Face tokenizers (tests/reference/make_fixtures.js) for each
// fixture pipeline: GPT-2, RoBERTa, Llama-3, Qwen2, Llama-2 (legacy and Metaspace), BERT, Unigram.
#include "core/tokenize/batch_encode.h"
#include "core/tokenize/tokenizer.h"

#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include <fstream>
#include <map>
#include <memory>

namespace {

const char* const kFixtures[] = {"gpt2",    "roberta", "llama3",          "qwen2",           "llama2",
                                 "mistral", "bert",    "wordpiece_misc1", "wordpiece_misc2", "unigram"};

std::string dataPath(const std::string& name) {
    return std::string(FT_TEST_DATA_DIR) + "/tokenize/" + name;
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

QString show(const std::vector<uint8_t>& v) {
    return show(std::vector<int32_t>(v.begin(), v.end()));
}

QString show(const nlohmann::json& arr) {
    return show(arr.get<std::vector<int32_t>>());
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

    std::map<std::string, std::unique_ptr<ft::tok::Tokenizer>> m_tokenizers;
    std::map<std::string, nlohmann::json> m_goldens;

    const ft::tok::Tokenizer& tokenizer(const std::string& name) {
        auto it = m_tokenizers.find(name);
        if (it == m_tokenizers.end()) {
            auto r = ft::tok::Tokenizer::fromTokenizerJson(dataPath(name + ".json"));
            if (!r) qFatal("%s", r.error().describe().c_str());
            it = m_tokenizers.emplace(name, std::make_unique<ft::tok::Tokenizer>(std::move(*r))).first;
        }
        return *it->second;
    }

private Q_SLOTS:
    void initTestCase() {
        for (const char* f : kFixtures) m_goldens[f] = readJson(dataPath(std::string(f) + ".golden.json"));
    }

    void vocabSize_data() {
        QTest::addColumn<QString>("fixture");
        for (const char* f : kFixtures) QTest::newRow(f) << QString::fromLatin1(f);
    }
    void vocabSize() {
        QFETCH(QString, fixture);
        const std::string name = fixture.toStdString();
        QCOMPARE(tokenizer(name).vocabSize(), m_goldens[name]["vocab_size"].get<int32_t>());
    }

    void single_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("index");
        for (const char* f : kFixtures) {
            const auto& cases = m_goldens[f]["single"];
            for (size_t i = 0; i < cases.size(); ++i)
                QTest::addRow("%s/%d", f, int(i)) << QString::fromLatin1(f) << int(i);
        }
    }
    void single() {
        QFETCH(QString, fixture);
        QFETCH(int, index);
        const std::string name = fixture.toStdString();
        const auto& c = m_goldens[name]["single"][static_cast<size_t>(index)];
        const std::string text = c["text"].get<std::string>();
        const auto& tok = tokenizer(name);
        const auto enc = tok.encode(text, true);
        QCOMPARE(show(enc.ids), show(c["ids"]));
        QCOMPARE(show(enc.typeIds), show(c["type_ids"]));
        QCOMPARE(show(enc.specialMask), show(c["special_mask"]));
        QCOMPARE(show(tok.encode(text, false).ids), show(c["ids_no_special"]));
        const auto ids = c["ids"].get<std::vector<int32_t>>();
        QCOMPARE(QString::fromStdString(tok.decode(ids, true)),
                 QString::fromStdString(c["decoded"].get<std::string>()));
        QCOMPARE(QString::fromStdString(tok.decode(ids, false)),
                 QString::fromStdString(c["decoded_with_special"].get<std::string>()));
    }

    void pair_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("index");
        for (const char* f : kFixtures) {
            const auto& cases = m_goldens[f]["pairs"];
            for (size_t i = 0; i < cases.size(); ++i)
                QTest::addRow("%s/%d", f, int(i)) << QString::fromLatin1(f) << int(i);
        }
    }
    void pair() {
        QFETCH(QString, fixture);
        QFETCH(int, index);
        const std::string name = fixture.toStdString();
        const auto& c = m_goldens[name]["pairs"][static_cast<size_t>(index)];
        const auto& tok = tokenizer(name);
        const auto a = c["a"].get<std::string>(), b = c["b"].get<std::string>();
        const auto enc = tok.encodePair(a, b, true);
        QCOMPARE(show(enc.ids), show(c["ids"]));
        QCOMPARE(show(enc.typeIds), show(c["type_ids"]));
        QCOMPARE(show(enc.specialMask), show(c["special_mask"]));
        const auto plain = tok.encodePair(a, b, false);
        QCOMPARE(show(plain.ids), show(c["ids_no_special"]));
        QCOMPARE(show(plain.typeIds), show(c["type_ids_no_special"]));
    }

    // Bytes that are not UTF-8 read as U+FFFD, as Rust's lossy conversion would give them: one per
    // maximal ill-formed subpart ("\xC3" cut short is one, "\xE2\x82" cut short is one more).
    void invalidUtf8_data() {
        QTest::addColumn<QString>("fixture");
        for (const char* f : kFixtures) QTest::newRow(f) << QString::fromLatin1(f);
    }
    void invalidUtf8() {
        QFETCH(QString, fixture);
        const auto& tok = tokenizer(fixture.toStdString());
        const std::string bad = std::string(
                                    "ab\xFF"
                                    "cd\xC3") +
                                "\xE2\x82" + " e";
        const std::string replaced =
            "ab\xEF\xBF\xBD"
            "cd\xEF\xBF\xBD\xEF\xBF\xBD e";
        QCOMPARE(show(tok.encode(bad).ids), show(tok.encode(replaced).ids));
    }

    // Decoding byte-level tokens whose bytes are not UTF-8: "\xA3", "\xAF" and the cut-short "\xE2\x8C"
    // are three U+FFFD in tokenizers (found comparing greedy generation with transformers).
    void byteLevelDecodeReplacesEachIllFormedSubpartOnce() {
        const auto& gpt2 = tokenizer("gpt2");
        std::vector<int32_t> ids;
        for (const char* t : {"a", "\u00a3", "\u00af", "\u00e2", "\u012c"}) {
            const auto id = gpt2.tokenToId(t);
            QVERIFY2(id.has_value(), t);
            ids.push_back(*id);
        }
        QCOMPARE(gpt2.decode(ids, false), std::string("a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
    }

    // Batch encoding as transformers pads and truncates: special tokens survive truncation, the text
    // loses tokens at the chosen end, padding goes on the chosen side with a zero attention mask.
    void batchEncodeTruncatesAndPads() {
        const auto& bert = tokenizer("bert");
        const std::string shortText = "hello world", longText = "the quick brown fox jumps over the lazy dog again";
        const auto s = bert.encode(shortText), l = bert.encode(longText);
        QVERIFY(l.ids.size() > 6 && s.ids.size() < 6);
        QCOMPARE(int(l.specialMask.front()), 1);
        QCOMPARE(int(l.specialMask.back()), 1);

        ft::tok::BatchOptions right;
        right.maxLength = 6;
        const auto r = ft::tok::encodeBatch(bert, {shortText, longText}, right);
        QCOMPARE(r.ids.size(), size_t(2));
        QCOMPARE(r.ids[1].size(), size_t(6));
        // [CLS] + the first four text tokens + [SEP]
        std::vector<int32_t> expected(l.ids.begin(), l.ids.begin() + 5);
        expected.push_back(l.ids.back());
        QCOMPARE(r.ids[1], expected);
        QCOMPARE(r.truncated, (std::vector<uint8_t>{0, 1}));
        // The short row padded on the right to 6 with the pad id and a zero mask.
        const int32_t pad = bert.specialTokens().pad.value_or(0);
        for (size_t i = 0; i < 6; ++i) {
            const bool token = i < s.ids.size();
            QCOMPARE(r.ids[0][i], token ? s.ids[i] : pad);
            QCOMPARE(int(r.attentionMask[0][i]), token ? 1 : 0);
        }

        ft::tok::BatchOptions left = right;
        left.truncationSide = ft::tok::Side::Left;
        left.paddingSide = ft::tok::Side::Left;
        left.padToMaxLength = true;
        left.maxLength = 8;
        const auto lt = ft::tok::encodeBatch(bert, {shortText, longText}, left);
        // [CLS] + the last six text tokens + [SEP]
        std::vector<int32_t> tail{l.ids.front()};
        tail.insert(tail.end(), l.ids.end() - 7, l.ids.end());
        QCOMPARE(lt.ids[1], tail);
        const size_t padding = 8 - s.ids.size();
        for (size_t i = 0; i < 8; ++i) {
            QCOMPARE(lt.ids[0][i], i < padding ? pad : s.ids[i - padding]);
            QCOMPARE(int(lt.attentionMask[0][i]), i < padding ? 0 : 1);
            QCOMPARE(int(lt.specialMask[0][i]), i < padding ? 1 : int(s.specialMask[i - padding]));
        }
        // No max length: everything kept, padded to the longest.
        const auto whole = ft::tok::encodeBatch(bert, {shortText, longText}, ft::tok::BatchOptions{});
        QCOMPARE(whole.ids[1], l.ids);
        QCOMPARE(whole.ids[0].size(), l.ids.size());
    }

    void lookups() {
        const auto& gpt2 = tokenizer("gpt2");
        const auto eot = gpt2.tokenToId("<|endoftext|>");
        QVERIFY(eot.has_value());
        QCOMPARE(gpt2.idToToken(*eot), std::string("<|endoftext|>"));
        QCOMPARE(gpt2.idToToken(1000000), std::string());
        QVERIFY(!gpt2.tokenToId("definitely not a token").has_value());
        const auto& bert = tokenizer("bert");
        QCOMPARE(bert.specialTokens().cls.value_or(-1), 2);
        QCOMPARE(bert.specialTokens().sep.value_or(-1), 3);
        QCOMPARE(bert.specialTokens().pad.value_or(-1), 0);
        QCOMPARE(bert.specialTokens().unk.value_or(-1), 1);
        QCOMPARE(bert.specialTokens().mask.value_or(-1), 4);
        QCOMPARE(tokenizer("llama2").specialTokens().bos.value_or(-1), 1);
        QCOMPARE(tokenizer("llama2").specialTokens().eos.value_or(-1), 2);
    }

    // The BPE word cache must not change results: encode twice, and concurrently.
    void cacheAndThreads() {
        const auto& tok = tokenizer("llama3");
        const std::string text = "The quick brown fox jumps over the lazy dog, don't it? 12345 café 東京";
        const auto first = tok.encode(text).ids;
        QCOMPARE(show(tok.encode(text).ids), show(first));
        std::vector<std::vector<int32_t>> results(4);
        std::vector<std::thread> threads;
        for (size_t t = 0; t < results.size(); ++t)
            threads.emplace_back([&, t] {
                for (int k = 0; k < 200; ++k) results[t] = tok.encode(text + std::to_string(k % 7)).ids;
            });
        for (auto& th : threads) th.join();
        for (const auto& r : results) QCOMPARE(show(r), show(tok.encode(text + "3").ids));
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
