// config.json: class defaults, alias keys, v4 vs v5 layouts, Qwen2 biases, labels round trip, errors.
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

#include "core/io/hf_config.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace ft::io;  // test file only

Q_DECLARE_METATYPE(std::string)

namespace {

ModelConfig parseOk(const json& j) {
    auto r = parseModelConfig(j, "config.json");
    if (!r.ok()) qFatal("unexpected error: %s", r.error().describe().c_str());
    return *r;
}

}  // namespace

class TestHfConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gpt2Defaults() {
        const ModelConfig m = parseOk(json{{"model_type", "gpt2"}, {"architectures", {"GPT2LMHeadModel"}}});
        const auto& c = std::get<Gpt2Config>(m.arch);
        QCOMPARE(c.vocabSize, int64_t(50257));
        QCOMPARE(c.nPositions, int64_t(1024));
        QCOMPARE(c.nEmbd, int64_t(768));
        QCOMPARE(c.nLayer, int64_t(12));
        QCOMPARE(c.nHead, int64_t(12));
        QCOMPARE(c.innerDim(), int64_t(3072));
        QCOMPARE(c.activationFunction, std::string("gelu_new"));
        QCOMPARE(c.layerNormEpsilon, 1e-5);
        QVERIFY(c.scaleAttnWeights);
        QVERIFY(c.tieWordEmbeddings);
        QCOMPARE(m.bosTokenId, std::optional<int64_t>(50256));
        QCOMPARE(m.eosTokenId, std::optional<int64_t>(50256));
        QCOMPARE(m.eosTokenIds, std::vector<int64_t>{50256});
        QVERIFY(!m.padTokenId);
        QVERIFY(m.id2label.empty());
        QCOMPARE(m.architectures, std::vector<std::string>{"GPT2LMHeadModel"});
        QCOMPARE(numLayers(m), int64_t(12));
        QCOMPARE(hiddenSize(m), int64_t(768));
        QCOMPARE(vocabSize(m), int64_t(50257));
        QCOMPARE(maxPositions(m), int64_t(1024));
    }

    void gpt2AliasKeys() {
        const ModelConfig m = parseOk(json{{"model_type", "gpt2"}, {"hidden_size", 64}, {"num_hidden_layers", 2},
                                           {"num_attention_heads", 4}, {"max_position_embeddings", 128}});
        const auto& c = std::get<Gpt2Config>(m.arch);
        QCOMPARE(c.nEmbd, int64_t(64));
        QCOMPARE(c.nLayer, int64_t(2));
        QCOMPARE(c.nHead, int64_t(4));
        QCOMPARE(c.nPositions, int64_t(128));
        // The canonical key wins over the alias.
        const ModelConfig both = parseOk(json{{"model_type", "gpt2"}, {"n_embd", 32}, {"hidden_size", 64}, {"n_head", 4}});
        QCOMPARE(std::get<Gpt2Config>(both.arch).nEmbd, int64_t(32));
        // Written back under the canonical key only.
        const json out = toConfigJson(m);
        QCOMPARE(out["n_embd"].get<int64_t>(), int64_t(64));
        QVERIFY(!out.contains("hidden_size"));
    }

    void bertAndDistilBert() {
        const ModelConfig b = parseOk(json{{"model_type", "bert"}, {"num_hidden_layers", 4}});
        const auto& bc = std::get<BertConfig>(b.arch);
        QCOMPARE(bc.numHiddenLayers, int64_t(4));
        QCOMPARE(bc.layerNormEps, 1e-12);
        QCOMPARE(bc.typeVocabSize, int64_t(2));
        QVERIFY(!bc.classifierDropout);
        QCOMPARE(b.padTokenId, std::optional<int64_t>(0));

        const ModelConfig d = parseOk(json{{"model_type", "distilbert"}, {"hidden_size", 256}, {"n_heads", 4},
                                           {"num_hidden_layers", 3}});
        const auto& dc = std::get<DistilBertConfig>(d.arch);
        QCOMPARE(dc.dim, int64_t(256));
        QCOMPARE(dc.nLayers, int64_t(3));
        QCOMPARE(dc.hiddenDim, int64_t(3072));
        QCOMPARE(dc.seqClassifDropout, 0.2);
        QCOMPARE(hiddenSize(d), int64_t(256));
    }

    void llamaV4AndV5Agree() {
        const json common = {{"architectures", {"LlamaForCausalLM"}}, {"model_type", "llama"},
                             {"hidden_size", 576}, {"num_hidden_layers", 30}, {"num_attention_heads", 9},
                             {"num_key_value_heads", 3}, {"intermediate_size", 1536}, {"vocab_size", 49152},
                             {"rms_norm_eps", 1e-5}, {"tie_word_embeddings", true}};
        json v4 = common;
        v4["rope_theta"] = 100000.0;
        v4["rope_scaling"] = nullptr;
        v4["torch_dtype"] = "bfloat16";
        json v5 = common;
        v5["rope_parameters"] = {{"rope_type", "default"}, {"rope_theta", 100000.0}};
        v5["dtype"] = "bfloat16";
        for (const json& j : {v4, v5}) {
            const ModelConfig m = parseOk(j);
            const auto& c = std::get<LlamaConfig>(m.arch);
            QCOMPARE(c.ropeTheta, 100000.0);
            QCOMPARE(c.ropeType, std::string("default"));
            QVERIFY(c.ropeScaling.is_null());
            QCOMPARE(c.numKeyValueHeads, int64_t(3));
            QCOMPARE(c.headDim, int64_t(64));
            QVERIFY(c.tieWordEmbeddings);
            QVERIFY(!c.qkvBias && !c.oBias);
            QVERIFY(!c.slidingWindow);
            QCOMPARE(m.dtype, std::string("bfloat16"));
            QCOMPARE(m.bosTokenId, std::optional<int64_t>(1));
            QCOMPARE(m.eosTokenId, std::optional<int64_t>(2));
            // Written once, readable as both layouts.
            const json out = toConfigJson(m);
            QCOMPARE(out["rope_theta"].get<double>(), 100000.0);
            QCOMPARE(out["rope_parameters"]["rope_theta"].get<double>(), 100000.0);
            QVERIFY(out["torch_dtype"] == json("bfloat16"));
            QVERIFY(out["dtype"] == json("bfloat16"));
            const ModelConfig again = parseOk(out);
            QCOMPARE(std::get<LlamaConfig>(again.arch).ropeTheta, 100000.0);
            QCOMPARE(std::get<LlamaConfig>(again.arch).numKeyValueHeads, int64_t(3));
        }
    }

    void llamaDefaultsAndScaling() {
        const ModelConfig m = parseOk(json{{"model_type", "llama"},
                                           {"rope_scaling", {{"type", "linear"}, {"factor", 2.0}}},
                                           {"eos_token_id", {128001, 128009}}, {"num_key_value_heads", nullptr}});
        const auto& c = std::get<LlamaConfig>(m.arch);
        QCOMPARE(c.hiddenSize, int64_t(4096));
        QCOMPARE(c.numKeyValueHeads, int64_t(32));
        QCOMPARE(c.headDim, int64_t(128));
        QCOMPARE(c.ropeTheta, 10000.0);
        QCOMPARE(c.ropeType, std::string("linear"));
        QCOMPARE(c.ropeScaling["factor"].get<double>(), 2.0);
        QCOMPARE(m.eosTokenId, std::optional<int64_t>(128001));
        QCOMPARE(m.eosTokenIds, (std::vector<int64_t>{128001, 128009}));
        const json out = toConfigJson(m);
        QVERIFY(out["eos_token_id"] == json({128001, 128009}));
        QVERIFY(out["rope_scaling"]["rope_type"] == json("linear"));
        const ModelConfig again = parseOk(out);
        QCOMPARE(std::get<LlamaConfig>(again.arch).ropeType, std::string("linear"));
    }

    void ropeScalingBesideRopeParametersWinsAsInTransformersV5() {
        // v5's convert_rope_params_to_dict: `rope_scaling or rope_parameters`; rope_theta from the chosen
        // dict, else the top level (checked against transformers 5.17 on the GPU machine).
        const ModelConfig m = parseOk(json{{"model_type", "llama"},
                                           {"rope_theta", 500000.0},
                                           {"rope_parameters", {{"rope_type", "default"}, {"rope_theta", 10000.0}}},
                                           {"rope_scaling", {{"rope_type", "linear"}, {"factor", 2.0}}}});
        const auto& c = std::get<LlamaConfig>(m.arch);
        QCOMPARE(c.ropeType, std::string("linear"));
        QCOMPARE(c.ropeTheta, 500000.0);
        // An empty rope_scaling is falsy there: rope_parameters counts.
        const ModelConfig e = parseOk(json{{"model_type", "llama"},
                                           {"rope_parameters", {{"rope_type", "llama3"}, {"rope_theta", 20000.0}, {"factor", 8.0},
                                                                {"low_freq_factor", 1.0}, {"high_freq_factor", 4.0},
                                                                {"original_max_position_embeddings", 8192}}},
                                           {"rope_scaling", json::object()}});
        QCOMPARE(std::get<LlamaConfig>(e.arch).ropeType, std::string("llama3"));
        QCOMPARE(std::get<LlamaConfig>(e.arch).ropeTheta, 20000.0);
    }

    void qwen2AndMistral() {
        const ModelConfig q = parseOk(json{{"model_type", "qwen2"}, {"hidden_size", 896}, {"num_attention_heads", 14},
                                           {"num_key_value_heads", 2}, {"sliding_window", 32768}});
        const auto& qc = std::get<LlamaConfig>(q.arch);
        QVERIFY(qc.qkvBias);
        QVERIFY(!qc.oBias);
        QCOMPARE(qc.vocabSize, int64_t(151936));
        QCOMPARE(qc.maxPositionEmbeddings, int64_t(32768));
        QCOMPARE(qc.headDim, int64_t(64));
        QVERIFY(!qc.slidingWindow);  // use_sliding_window defaults to false
        QVERIFY(!q.bosTokenId);

        const ModelConfig m = parseOk(json{{"model_type", "mistral"}});
        const auto& mc = std::get<LlamaConfig>(m.arch);
        QCOMPARE(mc.numKeyValueHeads, int64_t(8));
        QCOMPARE(mc.slidingWindow, std::optional<int64_t>(4096));
        QCOMPARE(mc.intermediateSize, int64_t(14336));
        QVERIFY(!mc.qkvBias);
        const ModelConfig m2 = parseOk(json{{"model_type", "mistral"}, {"sliding_window", nullptr}});
        QVERIFY(!std::get<LlamaConfig>(m2.arch).slidingWindow);

        const ModelConfig biased = parseOk(json{{"model_type", "llama"}, {"attention_bias", true}});
        QVERIFY(std::get<LlamaConfig>(biased.arch).qkvBias && std::get<LlamaConfig>(biased.arch).oBias);
    }

    void labelsRoundTrip() {
        json j = {{"model_type", "distilbert"}, {"architectures", {"DistilBertForSequenceClassification"}},
                  {"id2label", {{"0", "NEG"}, {"1", "NEU"}, {"2", "POS"}}},
                  {"label2id", {{"NEG", 0}, {"NEU", 1}, {"POS", 2}}},
                  {"problem_type", "single_label_classification"}, {"custom_key", {1, 2}}};
        const ModelConfig m = parseOk(j);
        QCOMPARE(m.id2label, (std::vector<std::string>{"NEG", "NEU", "POS"}));
        QCOMPARE(m.problemType, std::string("single_label_classification"));
        const json out = toConfigJson(m);
        QVERIFY(out["id2label"]["2"] == json("POS"));
        QVERIFY(out["label2id"]["NEU"] == json(1));
        QVERIFY(out["custom_key"] == json({1, 2}));  // unknown keys survive
        QVERIFY(out["model_type"] == json("distilbert"));
        const ModelConfig again = parseOk(out);
        QCOMPARE(again.id2label, m.id2label);
        QCOMPARE(again.problemType, m.problemType);
        QCOMPARE(again.architectures, m.architectures);

        const ModelConfig n = parseOk(json{{"model_type", "bert"}, {"num_labels", 3}});
        QCOMPARE(n.id2label, (std::vector<std::string>{"LABEL_0", "LABEL_1", "LABEL_2"}));
    }

    void modelTypeFromArchitectures() {
        const ModelConfig m = parseOk(json{{"architectures", {"BertForSequenceClassification"}}});
        QCOMPARE(m.modelType, std::string("bert"));
    }

    void errors_data() {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::string>("code");
        QTest::addColumn<std::string>("field");
        QTest::newRow("unknown model_type") << std::string(R"({"model_type":"bart"})") << std::string("config.unsupported_model_type") << std::string("model_type");
        QTest::newRow("no model_type") << std::string(R"({"vocab_size":10})") << std::string("config.unsupported_model_type") << std::string("model_type");
        QTest::newRow("string for int") << std::string(R"({"model_type":"gpt2","n_layer":"twelve"})") << std::string("config.invalid_field") << std::string("n_layer");
        QTest::newRow("float for int") << std::string(R"({"model_type":"bert","hidden_size":76.8})") << std::string("config.invalid_field") << std::string("hidden_size");
        QTest::newRow("string for bool") << std::string(R"({"model_type":"llama","tie_word_embeddings":"yes"})") << std::string("config.invalid_field") << std::string("tie_word_embeddings");
        QTest::newRow("bad eos") << std::string(R"({"model_type":"llama","eos_token_id":"</s>"})") << std::string("config.invalid_field") << std::string("eos_token_id");
        QTest::newRow("bad id2label") << std::string(R"({"model_type":"bert","id2label":{"a":"x"}})") << std::string("config.invalid_field") << std::string("id2label");
        QTest::newRow("heads do not divide") << std::string(R"({"model_type":"gpt2","n_embd":100,"n_head":3})") << std::string("config.invalid_field") << std::string("n_head");
        QTest::newRow("zero layers") << std::string(R"({"model_type":"bert","num_hidden_layers":0})") << std::string("config.invalid_field") << std::string("num_hidden_layers");
        QTest::newRow("not an object") << std::string("[1]") << std::string("config.invalid_json") << std::string();
    }
    void errors() {
        QFETCH(std::string, text);
        QFETCH(std::string, code);
        QFETCH(std::string, field);
        auto r = parseModelConfig(json::parse(text), "/models/x/config.json");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QCOMPARE(r.error().field, field);
        QVERIFY(r.error().message.find("/models/x/config.json") != std::string::npos);
        if (!field.empty()) QVERIFY2(r.error().message.find(field) != std::string::npos, r.error().message.c_str());
        if (code == "config.unsupported_model_type")
            QVERIFY(r.error().message.find("gpt2, bert, distilbert, llama, mistral, qwen2") != std::string::npos);
    }

    void readFileReportsLineAndColumn() {
        QTemporaryDir dir;
        const fs::path file = fs::path(dir.path().toStdString()) / "config.json";
        std::ofstream(file) << "{\n  \"model_type\": \"gpt2\",\n  \"n_layer\": 12,,\n}\n";
        auto r = readModelConfig(file);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, std::string("config.invalid_json"));
        QCOMPARE(r.error().line, int64_t(3));
        QVERIFY2(r.error().message.find("line 3, column 17") != std::string::npos, r.error().message.c_str());

        std::ofstream(file, std::ios::trunc) << R"({"model_type": "gpt2", "n_layer": 2})";
        auto ok = readModelConfig(file);
        QVERIFY(ok.ok());
        QCOMPARE(numLayers(*ok), int64_t(2));

        auto missing = readModelConfig(file.parent_path() / "nope.json");
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, std::string("config.not_found"));
    }
};

QTEST_GUILESS_MAIN(TestHfConfig)
#include "test_hf_config.moc"
