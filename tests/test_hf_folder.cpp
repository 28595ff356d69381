// Checkpoints (single file and shards), model folder inspection and the HF hub cache scan.
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/io/checkpoint.h"
#include "core/io/hf_folder.h"

namespace fs = std::filesystem;
using ft::io::Checkpoint;
using ft::io::DType;
using ft::io::TensorView;

namespace {

// A handful of tensors with distinct contents: 5 x 1000 F32 values + a bias.
struct Weights {
    std::vector<std::vector<float>> data;
    std::vector<TensorView> views;
    Weights() {
        for (int i = 0; i < 5; ++i) {
            data.emplace_back(1000);
            for (size_t k = 0; k < 1000; ++k) data.back()[k] = float(i * 1000 + k);
        }
        data.emplace_back(std::vector<float>{0.5f, -0.5f});
        for (int i = 0; i < 5; ++i)
            views.push_back({"h." + std::to_string(i) + ".weight", DType::F32, {10, 100}, data[i].data(), 4000});
        views.push_back({"ln_f.bias", DType::F32, {2}, data[5].data(), 8});
    }
};

void writeText(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::string readText(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void makeUsableFolder(const fs::path& dir, const Weights& w) {
    fs::create_directories(dir);
    writeText(dir / "config.json", R"({"model_type":"gpt2","architectures":["GPT2LMHeadModel"],"n_layer":2})");
    writeText(dir / "tokenizer.json", "{}");
    QVERIFY(ft::io::writeCheckpoint(dir, w.views).ok());
}

}  // namespace

class TestHfFolder : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path root() const { return fs::path(m_dir.path().toStdString()); }

private Q_SLOTS:
    void singleFileCheckpoint() {
        Weights w;
        const fs::path dir = root() / "single";
        QVERIFY(ft::io::writeCheckpoint(dir, w.views).ok());
        QVERIFY(fs::exists(dir / "model.safetensors"));
        QVERIFY(!fs::exists(dir / "model.safetensors.index.json"));
        auto c = Checkpoint::open(dir);
        QVERIFY2(c.ok(), c.ok() ? "" : c.error().describe().c_str());
        QCOMPARE(c->parameterCount(), int64_t(5002));
        QCOMPARE(c->totalBytes(), int64_t(20008));
        QCOMPARE(c->names().front(), std::string("h.0.weight"));
    }

    void shardedRoundTrip() {
        Weights w;
        const fs::path dir = root() / "sharded";
        // 9000 bytes per shard: two 4000-byte tensors fit, the third starts a new shard -> 3 shards.
        QVERIFY(ft::io::writeCheckpoint(dir, w.views, 9000).ok());
        QVERIFY(!fs::exists(dir / "model.safetensors"));
        for (const char* shard : {"model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                                  "model-00003-of-00003.safetensors"})
            QVERIFY2(fs::exists(dir / shard), shard);
        const auto index = nlohmann::json::parse(readText(dir / "model.safetensors.index.json"));
        QVERIFY(index["metadata"]["total_size"] == 20008);
        QVERIFY(index["weight_map"]["h.0.weight"] == "model-00001-of-00003.safetensors");
        QVERIFY(index["weight_map"]["ln_f.bias"] == "model-00003-of-00003.safetensors");
        QVERIFY(readText(dir / "model.safetensors.index.json").find("\n  \"metadata\"") != std::string::npos);

        auto c = Checkpoint::open(dir);
        QVERIFY2(c.ok(), c.ok() ? "" : c.error().describe().c_str());
        QCOMPARE(c->files().size(), size_t(3));
        QCOMPARE(c->names().size(), w.views.size());
        for (const TensorView& want : w.views) {
            const TensorView* got = c->find(want.name);
            QVERIFY2(got, want.name.c_str());
            QCOMPARE(got->shape, want.shape);
            QCOMPARE(std::memcmp(got->data, want.data, want.nbytes), 0);
        }
        QCOMPARE(c->parameterCount(), int64_t(5002));

        // Saving again as one file removes the shards and the index (transformers would prefer them otherwise).
        QVERIFY(ft::io::writeCheckpoint(dir, w.views).ok());
        QVERIFY(fs::exists(dir / "model.safetensors"));
        QVERIFY(!fs::exists(dir / "model.safetensors.index.json"));
        QVERIFY(!fs::exists(dir / "model-00001-of-00003.safetensors"));
    }

    void oversizedTensorGetsOwnShard() {
        Weights w;
        const fs::path dir = root() / "oversized";
        QVERIFY(ft::io::writeCheckpoint(dir, w.views, 3000).ok());  // every 4000-byte tensor exceeds 3000
        auto c = Checkpoint::open(dir);
        QVERIFY(c.ok());
        QCOMPARE(c->files().size(), size_t(6));
    }

    void indexMismatch() {
        Weights w;
        const fs::path dir = root() / "mismatch";
        QVERIFY(ft::io::writeCheckpoint(dir, w.views, 9000).ok());
        auto index = nlohmann::json::parse(readText(dir / "model.safetensors.index.json"));
        index["weight_map"]["h.4.weight"] = "model-00001-of-00003.safetensors";  // lives in shard 3
        index["weight_map"]["ghost.weight"] = "model-00002-of-00003.safetensors";
        writeText(dir / "model.safetensors.index.json", index.dump(2));
        auto c = Checkpoint::open(dir);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, std::string("checkpoint.index_mismatch"));
        const std::string& msg = c.error().message;
        QVERIFY2(msg.find("\"ghost.weight\" is listed in model-00002-of-00003.safetensors") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("\"h.4.weight\"") != std::string::npos, msg.c_str());

        index["weight_map"]["ghost.weight"] = "../../etc/passwd";
        writeText(dir / "model.safetensors.index.json", index.dump(2));
        auto escape = Checkpoint::open(dir);
        QVERIFY(!escape.ok());
        QCOMPARE(escape.error().code, std::string("checkpoint.invalid_index"));

        writeText(dir / "model.safetensors.index.json", "{\"weight_map\": [");
        auto broken = Checkpoint::open(dir);
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().code, std::string("checkpoint.invalid_index"));
    }

    void missingShard() {
        Weights w;
        const fs::path dir = root() / "missing-shard";
        QVERIFY(ft::io::writeCheckpoint(dir, w.views, 9000).ok());
        fs::remove(dir / "model-00002-of-00003.safetensors");
        auto c = Checkpoint::open(dir);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, std::string("io.not_found"));
        QVERIFY(c.error().message.find("model-00002-of-00003.safetensors") != std::string::npos);
    }

    void pickleRefusedAndNoWeights() {
        const fs::path dir = root() / "pickle";
        fs::create_directories(dir);
        writeText(dir / "pytorch_model.bin", "not really a pickle");
        auto c = Checkpoint::open(dir);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, std::string("checkpoint.pickle_refused"));
        QVERIFY(c.error().message.find("pytorch_model.bin") != std::string::npos);
        QVERIFY(c.error().message.find("safetensors") != std::string::npos);

        const fs::path empty = root() / "empty";
        fs::create_directories(empty);
        auto none = Checkpoint::open(empty);
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, std::string("checkpoint.no_weights"));
    }

    void inspectFolder() {
        Weights w;
        const fs::path dir = root() / "my-gpt2";
        makeUsableFolder(dir, w);
        auto info = ft::io::inspectModelFolder(dir);
        QVERIFY(info.ok());
        QCOMPARE(info->name, std::string("my-gpt2"));
        QCOMPARE(info->modelType, std::string("gpt2"));
        QCOMPARE(info->architectures, std::vector<std::string>{"GPT2LMHeadModel"});
        QCOMPARE(info->parameterCount, int64_t(5002));
        QCOMPARE(info->weightBytes, int64_t(20008));
        QVERIFY(info->hasTokenizer);
        QVERIFY2(info->problem.empty(), info->problem.c_str());
        QCOMPARE(info->files, (std::vector<std::string>{"config.json", "model.safetensors", "tokenizer.json"}));

        const fs::path bad = root() / "bart-model";
        fs::create_directories(bad);
        writeText(bad / "config.json", R"({"model_type":"bart"})");
        writeText(bad / "pytorch_model.bin", "x");
        auto badInfo = ft::io::inspectModelFolder(bad);
        QVERIFY(badInfo.ok());
        QCOMPARE(badInfo->problemCode, std::string("config.unsupported_model_type"));
        QVERIFY(!badInfo->problem.empty());

        auto missing = ft::io::inspectModelFolder(root() / "nope");
        QVERIFY(!missing.ok());
    }

    void scanCache() {
        Weights w;
        const fs::path hub = root() / "hub";
        const fs::path repo = hub / "models--openai-community--gpt2";
        const std::string sha = "607a30d783dfa663caf39e06633721c8d4cfcd7e";
        const std::string oldSha = "11c5a3d5811f50298f278a704980280950aedb10";
        // Real layout: blobs hold content, snapshots hold relative symlinks into them.
        const fs::path staging = root() / "staging";
        makeUsableFolder(staging, w);
        fs::create_directories(repo / "blobs");
        fs::create_directories(repo / "refs");
        for (const std::string& rev : {sha, oldSha}) fs::create_directories(repo / "snapshots" / rev);
        for (const char* f : {"config.json", "tokenizer.json", "model.safetensors"}) {
            const std::string blob = std::string("etag-") + f;
            fs::copy_file(staging / f, repo / "blobs" / blob);
            fs::create_symlink(fs::path("../../blobs") / blob, repo / "snapshots" / sha / f);
        }
        writeText(repo / "snapshots" / oldSha / "config.json", R"({"model_type":"bart"})");
        writeText(repo / "refs" / "main", sha);  // no newline, as huggingface_hub writes it
        fs::create_directories(hub / "datasets--org--data" / "snapshots" / sha);  // not a model
        fs::create_directories(hub / "models--gpt2" / "snapshots");               // never finished

        const auto models = ft::io::scanHfCache(hub);
        QCOMPARE(models.size(), size_t(1));
        QCOMPARE(models[0].name, std::string("openai-community/gpt2"));
        QCOMPARE(models[0].folder, repo / "snapshots" / sha);
        QCOMPARE(models[0].modelType, std::string("gpt2"));
        QCOMPARE(models[0].parameterCount, int64_t(5002));
        QVERIFY(models[0].hasTokenizer);
        QVERIFY2(models[0].problem.empty(), models[0].problem.c_str());

        QVERIFY(ft::io::scanHfCache(root() / "no-such-hub").empty());
    }

    void cacheDirFromEnvironment() {
        const char* vars[] = {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME", "HOME"};
        std::vector<std::pair<std::string, std::optional<std::string>>> saved;
        for (const char* v : vars) {
            const char* cur = std::getenv(v);
            saved.emplace_back(v, cur ? std::optional<std::string>(cur) : std::nullopt);
            ::unsetenv(v);
        }
        ::setenv("HOME", "/home/u", 1);
        QCOMPARE(ft::io::hfHubCacheDir(), fs::path("/home/u/.cache/huggingface/hub"));
        ::setenv("XDG_CACHE_HOME", "/xdg", 1);
        QCOMPARE(ft::io::hfHubCacheDir(), fs::path("/xdg/huggingface/hub"));
        ::setenv("HF_HOME", "~/hf", 1);
        QCOMPARE(ft::io::hfHubCacheDir(), fs::path("/home/u/hf/hub"));
        ::setenv("HUGGINGFACE_HUB_CACHE", "/legacy", 1);
        QCOMPARE(ft::io::hfHubCacheDir(), fs::path("/legacy"));
        ::setenv("HF_HUB_CACHE", "/new", 1);
        QCOMPARE(ft::io::hfHubCacheDir(), fs::path("/new"));
        for (const auto& [name, value] : saved) {
            if (value) ::setenv(name.c_str(), value->c_str(), 1);
            else ::unsetenv(name.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestHfFolder)
#include "test_hf_folder.moc"
