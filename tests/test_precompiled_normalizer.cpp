// The Precompiled normalizer of tokenizer.json (T5, ALBERT, XLM-R, mBART): sentencepiece's compiled
// nmt_nfkc rules read from the charsmap a real sentencepiece model carries, checked against
// sentencepiece's own spm_normalize and spm_encode, plus the reference's grapheme rules where it
// differs from sentencepiece, and bad charsmaps.

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "spm_tools.h"
#include "core/tokenize/normalizers.h"
#include "core/tokenize/precompiled_charsmap.h"
#include "core/tokenize/tokenizer.h"

namespace fs = std::filesystem;
using namespace ft;
using namespace ft::tok;

namespace {

// Texts on which sentencepiece's longest-match and the reference's per-grapheme rules agree: NFKC
// folds (full width, ligatures, circled and superscript digits, roman numerals, compatibility
// ideographs), composition of a decomposed accent, spaces of other kinds, and text with no rule.
const std::vector<std::string>& texts() {
    static const std::vector<std::string> t = {
        "plain ascii text, nothing to change 123",
        "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3 \xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93",  // ＡＢＣ １２３
        "\xEF\xAC\x81nance \xEF\xAC\x82ow",                                              // ﬁnance ﬂow
        "\xE2\x91\xA0 \xE2\x91\xA1 x\xC2\xB2 \xE2\x85\xAB",                              // ① ② x² Ⅻ
        "cafe\xCC\x81 cre\xCC\x80me",                                                    // café crème, decomposed
        "A\xCC\x8A ngstr\xC3\xB6m",                                                      // Å decomposed, ö composed
        "no\xC2\xA0" "break\xE2\x80\x83" "em space",                                     // NBSP, em space
        "\xE3\x8D\xBF \xE2\x84\xA2 \xE2\x84\x83",                                        // ㍿ ™ ℃
        "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4",     // 日本語 한국어
        "emoji \xF0\x9F\x99\x82 and \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",                  // 🙂 👍🏽
        "tab\there",
        "\xEF\xBB\x87 arabic presentation form",                                         // ﻇ
    };
    return t;
}

std::vector<std::string> linesOf(const QByteArray& out) {
    std::vector<std::string> lines;
    std::istringstream in(out.toStdString());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// A minimal protobuf reader for what the test needs of a sentencepiece ModelProto.
struct ProtoReader {
    std::string_view data;
    size_t pos = 0;
    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0; pos < data.size(); shift += 7) {
            const auto b = static_cast<unsigned char>(data[pos++]);
            v |= uint64_t(b & 0x7F) << shift;
            if (!(b & 0x80)) break;
        }
        return v;
    }
    // Calls f(field, wireType, bytes-or-empty, varint) for each field of the message.
    template <class F>
    void fields(F f) {
        while (pos < data.size()) {
            const uint64_t key = varint();
            const int field = int(key >> 3), wire = int(key & 7);
            if (wire == 0) {
                f(field, wire, std::string_view(), varint());
            } else if (wire == 2) {
                const size_t n = size_t(varint());
                f(field, wire, data.substr(pos, n), 0);
                pos += n;
            } else if (wire == 5) {
                f(field, wire, data.substr(pos, 4), 0);
                pos += 4;
            } else if (wire == 1) {
                pos += 8;
            } else {
                return;
            }
        }
    }
};

struct SpmModel {
    std::string charsmap;
    std::vector<std::pair<std::string, float>> pieces;  // piece, score
    int unkId = 0;
};

SpmModel readModel(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    SpmModel model;
    ProtoReader top{bytes};
    top.fields([&](int field, int wire, std::string_view sub, uint64_t) {
        if (field == 1 && wire == 2) {  // SentencePiece { piece = 1; score = 2; type = 3 }
            std::string piece;
            float score = 0;
            int type = 1;
            ProtoReader r{sub};
            r.fields([&](int f, int w, std::string_view b, uint64_t v) {
                if (f == 1 && w == 2) piece = std::string(b);
                if (f == 2 && w == 5) std::memcpy(&score, b.data(), 4);
                if (f == 3 && w == 0) type = int(v);
            });
            if (type == 2) model.unkId = int(model.pieces.size());
            model.pieces.emplace_back(piece, score);
        }
        if (field == 3 && wire == 2) {  // NormalizerSpec { name = 1; precompiled_charsmap = 2; … }
            ProtoReader r{sub};
            r.fields([&](int f, int w, std::string_view b, uint64_t) {
                if (f == 2 && w == 2) model.charsmap = std::string(b);
            });
        }
    });
    return model;
}

std::string encodeBase64(const std::string& bytes) {
    return QByteArray::fromStdString(bytes).toBase64().toStdString();
}

}  // namespace

class TestPrecompiledNormalizer : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path m_model;
    SpmModel m_spm;

    PrecompiledCharsmap charsmap() const {
        auto map = PrecompiledCharsmap::parse(m_spm.charsmap, "charsmap");
        if (!map) qFatal("%s", map.error().describe().c_str());
        return *map;
    }

    // What a sentencepiece tool prints for texts(), one line each, run on this test's model.
    std::vector<std::string> toolLinesForTexts(const QString& tool, const QString& option) const {
        QByteArray input;
        for (const auto& t : texts()) input += QByteArray::fromStdString(t) + '\n';
        return linesOf(spmtools::run(tool, {QStringLiteral("--model=") + QString::fromStdString(m_model.string()), option}, input));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const fs::path root = m_dir.path().toStdString();
        std::ofstream corpus(root / "corpus.txt");
        for (int i = 0; i < 400; ++i)
            corpus << "the model reads " << i << " lines of plain text and learns a small vocabulary from them\n"
                   << "finance flow cafe creme angstrom tab here emoji arabic form kana\n";
        corpus.close();
        spmtools::run(QStringLiteral("spm_train"),
                {QStringLiteral("--input=") + QString::fromStdString((root / "corpus.txt").string()),
                 QStringLiteral("--model_prefix=") + QString::fromStdString((root / "nfkc").string()),
                 QStringLiteral("--model_type=unigram"), QStringLiteral("--vocab_size=120"), QStringLiteral("--minloglevel=2")});
        m_model = root / "nfkc.model";
        m_spm = readModel(m_model);
        QVERIFY2(m_spm.charsmap.size() > 1000, "the model carries nmt_nfkc's compiled rules");
        QVERIFY(m_spm.pieces.size() == 120);
    }

    void base64RoundTripsAndRejectsBadText() {
        for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
            QCOMPARE(decodeBase64(encodeBase64(s)), std::optional<std::string>(s));
        QCOMPARE(decodeBase64("QUJD\nREVG"), std::optional<std::string>("ABCDEF"));  // line breaks are skipped
        QVERIFY(!decodeBase64("QUJ*"));                                                // not in the alphabet
        QVERIFY(!decodeBase64("QQ==QQ=="));                                            // data after the padding
        QVERIFY(!decodeBase64("Q"));                                                   // one character short
    }

    // The rules themselves, against sentencepiece's normalizer over the same charsmap.
    void matchesSentencepiecesNormalizer() {
        const auto expected = toolLinesForTexts(QStringLiteral("spm_normalize"), QStringLiteral("--remove_extra_whitespaces=false"));
        QCOMPARE(expected.size(), texts().size());
        const PrecompiledCharsmap map = charsmap();
        int changed = 0;
        for (size_t i = 0; i < texts().size(); ++i) {
            const std::string ours = map.normalize(texts()[i]);
            QCOMPARE(QString::fromStdString(ours), QString::fromStdString(expected[i]));
            changed += ours != texts()[i];
        }
        QVERIFY(changed >= 8);  // most lines really had something to fold
        QCOMPARE(map.normalize("caf\xC3\xA9"), std::string("caf\xC3\xA9"));  // already NFKC: untouched
    }

    // The reference's own rules: a grapheme cluster under 6 bytes is looked up whole and the shortest
    // matching rule replaces all of it (sentencepiece would keep the rest); longer clusters go per
    // character.
    void followsTheReferencesGraphemeRules() {
        const PrecompiledCharsmap map = charsmap();
        QCOMPARE(map.transform("\xE1\xB5\xA2"), std::optional<std::string_view>("i"));              // ᵢ → i
        QCOMPARE(map.normalize("x\xE1\xB5\xA2\xCC\x86y"), std::string("xiy"));                      // ᵢ + breve: the breve goes
        QCOMPARE(map.normalize("\xEF\xBD\xB6\xEF\xBE\x9E"), std::string("\xE3\x82\xAB\xE3\x82\x99"));  // ｶﾞ: one 6-byte cluster, per character (sentencepiece: ガ)
        QCOMPARE(map.normalize(""), std::string());
    }

    // A T5-style tokenizer.json (Precompiled, whitespace split, Metaspace, Unigram) tokenizes as
    // sentencepiece does from the .model it was made from.
    void tokenizerJsonMatchesSpmEncode() {
        nlohmann::json vocab = nlohmann::json::array();
        for (const auto& [piece, score] : m_spm.pieces) vocab.push_back({piece, score});
        const nlohmann::json j = {
            {"version", "1.0"},
            {"added_tokens", nlohmann::json::array()},
            {"normalizer", {{"type", "Precompiled"}, {"precompiled_charsmap", encodeBase64(m_spm.charsmap)}}},
            {"pre_tokenizer",
             {{"type", "Sequence"},
              {"pretokenizers",
               {{{"type", "WhitespaceSplit"}}, {{"type", "Metaspace"}, {"replacement", "\xE2\x96\x81"}, {"prepend_scheme", "always"}, {"split", true}}}}}},
            {"post_processor", nullptr},
            {"decoder", nullptr},
            {"model", {{"type", "Unigram"}, {"unk_id", m_spm.unkId}, {"vocab", vocab}}}};
        const fs::path folder = fs::path(m_dir.path().toStdString()) / "t5_json_only";
        fs::create_directories(folder);
        std::ofstream(folder / "tokenizer.json") << j.dump();
        auto tok = Tokenizer::load(folder);
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.error().describe().c_str());

        const auto lines = toolLinesForTexts(QStringLiteral("spm_encode"), QStringLiteral("--output_format=id"));
        QCOMPARE(lines.size(), texts().size());
        for (size_t i = 0; i < texts().size(); ++i) {
            std::vector<int32_t> expected;
            std::istringstream in(lines[i]);
            for (int32_t id; in >> id;) expected.push_back(id);
            QCOMPARE(tok->encode(texts()[i]).ids, expected);
        }
    }

    void badCharsmapsAreClearErrors() {
        const auto load = [](const nlohmann::json& charsmap) {
            return makeNormalizer({{"type", "Precompiled"}, {"precompiled_charsmap", charsmap}}, "normalizer");
        };
        auto notBase64 = load("not base64!");
        QVERIFY(!notBase64);
        QCOMPARE(QString::fromStdString(notBase64.error().field), QStringLiteral("normalizer.precompiled_charsmap"));
        auto tooShort = load(encodeBase64("ab"));
        QVERIFY(!tooShort);
        QVERIFY(tooShort.error().message.find("4-byte header") != std::string::npos);
        auto oversized = load(encodeBase64(std::string("\xff\xff\x00\x00", 4) + "abcd"));  // claims 65535 trie bytes
        QVERIFY(!oversized);
        QVERIFY(oversized.error().message.find("does not fit") != std::string::npos);
        auto wrongType = load(42);
        QVERIFY(!wrongType);
        // No rules at all (a model trained with the identity rule): text passes unchanged.
        auto identity = load("");
        QVERIFY(identity.ok() && *identity);
        std::string text = "\xEF\xAC\x81 stays";
        (*identity)->normalize(text);
        QCOMPARE(text, std::string("\xEF\xAC\x81 stays"));
        // Replacement strings that are not UTF-8 would reach the pre-tokenizers' regexes: refused.
        auto notUtf8 = PrecompiledCharsmap::parse(std::string("\x04\x00\x00\x00\x00\x00\x00\x00", 8) + "\xC3(", "charsmap");
        QVERIFY(!notUtf8);
        QVERIFY(notUtf8.error().message.find("UTF-8") != std::string::npos);
        // A trie whose offsets lead outside itself does not read past its end.
        std::string corrupt(4, '\0');
        corrupt[0] = 8;  // two units
        corrupt += std::string("\xff\xff\xff\xff\xff\xff\xff\xff", 8) + "x";
        auto map = PrecompiledCharsmap::parse(corrupt, "charsmap");
        QVERIFY(map.ok());
        QCOMPARE(map->normalize("abc \xEF\xAC\x81"), std::string("abc \xEF\xAC\x81"));
    }
};

QTEST_GUILESS_MAIN(TestPrecompiledNormalizer)
#include "test_precompiled_normalizer.moc"
