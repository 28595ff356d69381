// The Hugging Face Hub client's pure parts (formats.md §5), no network: repo ids, URLs, ETags, the
// file selection, SHA-256, error mapping, the model-info JSON, the token's sources and the cache layout.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/hub/file_selection.h"
#include "core/hub/hub_cache.h"
#include "core/hub/hub_errors.h"
#include "core/hub/hub_names.h"
#include "core/hub/hub_settings.h"
#include "core/hub/repo_listing.h"
#include "core/hub/sha256.h"

namespace fs = std::filesystem;
using namespace ft::hub;

namespace {

std::string sha256Of(const QByteArray& bytes, int chunk) {
    Sha256 h;
    for (int i = 0; i < bytes.size(); i += chunk)
        h.update(bytes.constData() + i, size_t(std::min(chunk, int(bytes.size()) - i)));
    return h.hexDigest();
}

HttpResponse answer(long status, const std::string& errorCode = {}) {
    HttpResponse r;
    r.status = status;
    if (!errorCode.empty()) r.headers["x-error-code"] = errorCode;
    return r;
}

}  // namespace

class TestHubProtocol : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sha256KnownVectors() {
        QCOMPARE(QString::fromStdString(sha256Of({}, 1)),
                 QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(QString::fromStdString(sha256Of("abc", 1)),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(
            QString::fromStdString(sha256Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 7)),
            QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(QString::fromStdString(sha256Of(QByteArray(1000000, 'a'), 4099)),
                 QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    // Any split of the input gives Qt's digest (block boundaries, 55/56/64-byte tails).
    void sha256MatchesQtForAnyChunking() {
        QRandomGenerator rng(7);
        for (int size : {0, 1, 55, 56, 63, 64, 65, 119, 128, 1000, 70001}) {
            QByteArray data(size, Qt::Uninitialized);
            for (char& c : data) c = char(rng.bounded(256));
            const QString expected =
                QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
            for (int chunk : {1, 3, 64, 1000, 100000})
                QCOMPARE(QString::fromStdString(sha256Of(data, chunk)), expected);
        }
    }

    void repoIds_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("org/name") << "openai-community/gpt2" << true;
        QTest::newRow("legacy name") << "gpt2" << true;
        QTest::newRow("dots and underscores") << "HuggingFaceTB/SmolLM2-135M_v1.5" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("two slashes") << "a/b/c" << false;
        QTest::newRow("empty org") << "/gpt2" << false;
        QTest::newRow("empty name") << "org/" << false;
        QTest::newRow("double dash") << "org/a--b" << false;
        QTest::newRow("double dot") << "org/a..b" << false;
        QTest::newRow("leading dash") << "org/-a" << false;
        QTest::newRow("trailing dot") << "org/a." << false;
        QTest::newRow("space") << "org/a b" << false;
        QTest::newRow("url") << "https://huggingface.co/gpt2" << false;
        QTest::newRow("97 characters") << QString(97, QLatin1Char('a')) << false;
    }
    void repoIds() {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        const ft::Status st = validateRepoId(id.toStdString());
        QCOMPARE(st.ok(), valid);
        if (!valid) {
            QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("hub.bad_repo_id"));
            QVERIFY(QString::fromStdString(st.error().message).contains(QStringLiteral("org/name")));
        }
    }

    void revisions() {
        QVERIFY(validateRevision("main").ok());
        QVERIFY(validateRevision("refs/pr/1").ok());
        QVERIFY(validateRevision("v1.0").ok());
        QVERIFY(!validateRevision("").ok());
        QVERIFY(!validateRevision("../../etc").ok());
        QVERIFY(!validateRevision("a b").ok());
        QVERIFY(!validateRevision("/main").ok());
    }

    void urls() {
        QCOMPARE(resolveUrl("https://huggingface.co/", "org/m", "refs/pr/1", "sub dir/a+b.json"),
                 std::string("https://huggingface.co/org/m/resolve/refs%2Fpr%2F1/sub%20dir/a%2Bb.json"));
        QCOMPARE(modelInfoUrl("http://h:1", "org/m", "main"),
                 std::string("http://h:1/api/models/org/m/revision/main?blobs=true"));
        QCOMPARE(percentEncode("a/b~c-d_e.f"), std::string("a%2Fb~c-d_e.f"));
        QCOMPARE(repoFolderName("org/name"), std::string("models--org--name"));
        QCOMPARE(repoFolderName("gpt2"), std::string("models--gpt2"));
    }

    void redirects_data() {
        QTest::addColumn<QString>("location");
        QTest::addColumn<bool>("absolute");
        QTest::addColumn<QString>("joined");  // against http://hub:8/org/m/resolve/main/config.json?x=1
        QTest::newRow("path") << "/api/resolve-cache/x" << false << "http://hub:8/api/resolve-cache/x";
        QTest::newRow("relative file")
            << "other.json" << false << "http://hub:8/org/m/resolve/main/other.json";
        QTest::newRow("https") << "https://cdn.example/x?sig=1" << true << "";
        QTest::newRow("scheme-relative") << "//cdn.example/x" << true << "";
        QTest::newRow("colon in path") << "/a:b" << false << "http://hub:8/a:b";
    }
    void redirects() {
        QFETCH(QString, location);
        QFETCH(bool, absolute);
        QFETCH(QString, joined);
        QCOMPARE(isAbsoluteUrl(location.toStdString()), absolute);
        if (!absolute)
            QCOMPARE(QString::fromStdString(
                         joinUrl("http://hub:8/org/m/resolve/main/config.json?x=1", location.toStdString())),
                     joined);
    }

    void etagsAndHashes() {
        QCOMPARE(normalizeEtag("W/\"abc\""), std::string("abc"));
        QCOMPARE(normalizeEtag("\"abc\""), std::string("abc"));
        QCOMPARE(normalizeEtag("abc"), std::string("abc"));
        QVERIFY(isSafeEtag("a1b2-c_3.d"));
        QVERIFY(!isSafeEtag("../x"));
        QVERIFY(!isSafeEtag(".."));
        QVERIFY(!isSafeEtag(""));
        QVERIFY(isCommitHash(std::string(40, 'a')));
        QVERIFY(!isCommitHash("main"));
        QVERIFY(isSha256Hex(std::string(64, 'f')));
        QVERIFY(!isSha256Hex(std::string(64, 'g')));
    }

    void repoPaths_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("safe");
        QTest::newRow("file") << "config.json" << true;
        QTest::newRow("nested") << "onnx/model.onnx" << true;
        QTest::newRow("absolute") << "/etc/passwd" << false;
        QTest::newRow("parent") << "../x" << false;
        QTest::newRow("inner parent") << "a/../../x" << false;
        QTest::newRow("dot") << "./x" << false;
        QTest::newRow("empty part") << "a//b" << false;
        QTest::newRow("backslash") << "a\\b" << false;
        QTest::newRow("empty") << "" << false;
    }
    void repoPaths() {
        QFETCH(QString, path);
        QFETCH(bool, safe);
        QCOMPARE(isSafeRepoPath(path.toStdString()), safe);
    }

    void linkTargets() {
        QCOMPARE(blobLinkTarget("config.json", "e1"), std::string("../../blobs/e1"));
        QCOMPARE(blobLinkTarget("a/b/c.json", "e1"), std::string("../../../../blobs/e1"));
    }

    void globs_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("match");
        QTest::newRow("star") << "*.json"
                              << "config.json" << true;
        QTest::newRow("star crosses folders") << "*.json"
                                              << "sub/config.json" << true;
        QTest::newRow("no match") << "*.json"
                                  << "model.safetensors" << false;
        QTest::newRow("question") << "model-0000?.safetensors"
                                  << "model-00001.safetensors" << true;
        QTest::newRow("class") << "model-[0-9]*.bin"
                               << "model-1.bin" << true;
        QTest::newRow("negated class") << "[!m]*"
                                       << "model.bin" << false;
        QTest::newRow("folder") << "onnx/"
                                << "onnx/model.onnx" << true;
        QTest::newRow("folder only below") << "onnx/"
                                           << "model.onnx" << false;
        QTest::newRow("exact") << "README.md"
                               << "README.md" << true;
        QTest::newRow("unclosed class is literal") << "a[b"
                                                   << "a[b" << true;
        QTest::newRow("many stars") << "**a**b**"
                                    << "xxaxxbxx" << true;
    }
    void globs() {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, match);
        QCOMPARE(globMatch(pattern.toStdString(), path.toStdString()), match);
    }

    void defaultSelection_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("selected");
        for (const char* yes :
             {"config.json", "generation_config.json", "model.safetensors",
              "model-00001-of-00002.safetensors", "model.safetensors.index.json", "tokenizer.json",
              "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt", "vocab.txt",
              "tokenizer.model", "chat_template.jinja", "README.md"})
            QTest::newRow(yes) << QString::fromLatin1(yes) << true;
        for (const char* no : {"pytorch_model.bin", "model.pt", "consolidated.00.pth", "tf_model.h5",
                               "flax_model.msgpack", "model.onnx", "onnx/model.safetensors",
                               "original/tokenizer.model", ".gitattributes", "pytorch_model.bin.index.json"})
            QTest::newRow(no) << QString::fromLatin1(no) << false;
    }
    void defaultSelection() {
        QFETCH(QString, path);
        QFETCH(bool, selected);
        QCOMPARE(isSelected(path.toStdString(), {}), selected);
    }

    void includeReplacesDefaults() {
        QVERIFY(isSelected("pytorch_model.bin", {"*.bin"}));
        QVERIFY(!isSelected("config.json", {"*.bin"}));
        QVERIFY(isSelected("config.json", {"*.bin", "config.json"}));
    }

    void errorCodes_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("code");
        QTest::newRow("ok") << 200 << ""
                            << "config.json"
                            << "";
        QTest::newRow("redirect") << 302 << ""
                                  << "model.safetensors"
                                  << "";
        QTest::newRow("gated 401") << 401 << "GatedRepo"
                                   << "config.json"
                                   << "hub.gated";
        QTest::newRow("gated 403") << 403 << "GatedRepo"
                                   << "config.json"
                                   << "hub.gated";
        QTest::newRow("repo 401") << 401 << "RepoNotFound"
                                  << ""
                                  << "hub.not_found";
        QTest::newRow("repo 404 without code") << 404 << ""
                                               << ""
                                               << "hub.not_found";
        QTest::newRow("entry") << 404 << "EntryNotFound"
                               << "x.json"
                               << "hub.entry_not_found";
        QTest::newRow("entry without code") << 404 << ""
                                            << "x.json"
                                            << "hub.entry_not_found";
        QTest::newRow("revision") << 404 << "RevisionNotFound"
                                  << ""
                                  << "hub.revision_not_found";
        QTest::newRow("bad token") << 401 << ""
                                   << "config.json"
                                   << "hub.unauthorized";
        QTest::newRow("rate limit") << 429 << ""
                                    << "config.json"
                                    << "hub.rate_limited";
        QTest::newRow("server error") << 500 << ""
                                      << "config.json"
                                      << "hub.http";
    }
    void errorCodes() {
        QFETCH(int, status);
        QFETCH(QString, header);
        QFETCH(QString, file);
        QFETCH(QString, code);
        const RequestContext context{"https://huggingface.co", "org/m", "main", file.toStdString(), false};
        const ft::Status st = checkResponse(answer(status, header.toStdString()), context);
        QCOMPARE(st.ok(), code.isEmpty());
        if (st.ok()) return;
        QCOMPARE(QString::fromStdString(st.error().code), code);
        QVERIFY2(QString::fromStdString(st.error().message).contains(QStringLiteral("org/m")),
                 st.error().message.c_str());
    }

    // The gated message tells how to get in: accept the licence on the model's page, set HF_TOKEN.
    void gatedMessageSaysWhatToDo() {
        const RequestContext anonymous{"https://huggingface.co", "meta-llama/Llama-3.2-1B", "main",
                                       "config.json", false};
        const std::string m = checkResponse(answer(401, "GatedRepo"), anonymous).error().message;
        QVERIFY2(m.find("https://huggingface.co/meta-llama/Llama-3.2-1B") != std::string::npos, m.c_str());
        QVERIFY(m.find("accept its licence") != std::string::npos);
        QVERIFY(m.find("HF_TOKEN") != std::string::npos);
        const RequestContext withToken{"https://huggingface.co", "meta-llama/Llama-3.2-1B", "main",
                                       "config.json", true};
        const std::string t = checkResponse(answer(403, "GatedRepo"), withToken).error().message;
        QVERIFY2(t.find("your access token has no access") != std::string::npos, t.c_str());
    }

    void modelInfo() {
        const RequestContext c{"e", "org/m", "main", {}, false};
        const std::string sha(40, 'a');
        auto ok = parseModelInfo(R"({"sha":")" + sha + R"(","siblings":[{"rfilename":"config.json","size":12},
            {"rfilename":"model.safetensors","size":99,"lfs":{"size":99,"sha256":")" +
                                     std::string(64, 'b') + R"(","pointerSize":134}},
            {"rfilename":"README.md"}]})",
                                 c);
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().message.c_str());
        QCOMPARE(ok->commit, sha);
        QCOMPARE(ok->files.size(), size_t(3));
        QCOMPARE(ok->files[0].size, int64_t(12));
        QCOMPARE(ok->files[1].lfsSha256, std::string(64, 'b'));
        QCOMPARE(ok->files[2].size, int64_t(-1));
        // Anything else is an error naming the repository, never a crash.
        for (const char* bad :
             {"", "[]", "{", "{\"sha\":\"main\",\"siblings\":[]}", "{\"sha\":1}",
              "{\"sha\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
              "{\"sha\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"siblings\":[1]}",
              "{\"sha\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"siblings\":[{\"size\":1}]}"}) {
            auto r = parseModelInfo(bad, c);
            QVERIFY2(!r.ok(), bad);
            QCOMPARE(QString::fromStdString(r.error().code), QStringLiteral("hub.bad_response"));
            QVERIFY(r.error().message.find("org/m") != std::string::npos);
        }
    }

    void trueValues() {
        for (const char* yes : {"1", "ON", "yes", "True", " true "}) QVERIFY2(isTrueValue(yes), yes);
        for (const char* no : {"", "0", "off", "no", "false", "2"}) QVERIFY2(!isTrueValue(no), no);
    }

    // HF_TOKEN, then HUGGING_FACE_HUB_TOKEN, then $HF_TOKEN_PATH, then $HF_HOME/token.
    void tokenOrder() {
        QTemporaryDir dir;
        const QString home = dir.filePath(QStringLiteral("hf-home"));
        QDir().mkpath(home);
        QFile homeToken(home + QStringLiteral("/token"));
        QVERIFY(homeToken.open(QIODevice::WriteOnly));
        homeToken.write("hf_from_home\n");
        homeToken.close();
        QFile pathToken(dir.filePath(QStringLiteral("token-file")));
        QVERIFY(pathToken.open(QIODevice::WriteOnly));
        pathToken.write("  hf_from_path \n");
        pathToken.close();
        qputenv("HF_HOME", home.toUtf8());
        qunsetenv("HF_TOKEN");
        qunsetenv("HUGGING_FACE_HUB_TOKEN");
        qunsetenv("HF_TOKEN_PATH");
        QCOMPARE(tokenFromEnvironment(), std::string("hf_from_home"));
        qputenv("HF_TOKEN_PATH", pathToken.fileName().toUtf8());
        QCOMPARE(tokenFromEnvironment(), std::string("hf_from_path"));
        qputenv("HUGGING_FACE_HUB_TOKEN", "hf_legacy");
        QCOMPARE(tokenFromEnvironment(), std::string("hf_legacy"));
        qputenv("HF_TOKEN", "hf_first");
        QCOMPARE(tokenFromEnvironment(), std::string("hf_first"));
        for (const char* v : {"HF_HOME", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH"}) qunsetenv(v);
    }

    void settingsFromEnvironment() {
        qputenv("HF_ENDPOINT", "http://127.0.0.1:9/");
        qputenv("HF_HUB_OFFLINE", "yes");
        qputenv("HF_HUB_CACHE", "/tmp/some-hub-cache");
        qputenv("HF_HUB_DOWNLOAD_TIMEOUT", "3");
        const HubSettings s = HubSettings::fromEnvironment();
        QCOMPARE(s.endpoint, std::string("http://127.0.0.1:9"));
        QVERIFY(s.offline);
        QCOMPARE(s.cacheDir, fs::path("/tmp/some-hub-cache"));
        QCOMPARE(s.downloadTimeoutS, 3L);
        for (const char* v : {"HF_ENDPOINT", "HF_HUB_OFFLINE", "HF_HUB_CACHE", "HF_HUB_DOWNLOAD_TIMEOUT"})
            qunsetenv(v);
        QCOMPARE(HubSettings::fromEnvironment().endpoint, std::string("https://huggingface.co"));
        QVERIFY(requestHeaders(s, true) ==
                std::vector<std::string>{"Accept-Encoding: identity"});  // no token, no header
        HubSettings withToken = s;
        withToken.token = "hf_x";
        QCOMPARE(requestHeaders(withToken, true).back(), std::string("Authorization: Bearer hf_x"));
        QCOMPARE(requestHeaders(withToken, false).size(), size_t(1));
    }

    // Snapshot entries are relative symlinks into blobs/, replaced in place; refs/ hold the bare commit.
    void cacheLayout() {
        QTemporaryDir dir;
        const fs::path hub = dir.path().toStdString();
        const RepoCache cache(hub, "org/m");
        QCOMPARE(cache.folder(), hub / "models--org--m");
        const std::string commit(40, 'c');
        fs::create_directories(cache.folder() / "blobs");
        { std::ofstream(cache.blob("e1")) << "one"; }
        { std::ofstream(cache.blob("e2")) << "two!"; }
        QVERIFY(cache.linkFile(commit, "sub/dir/file.json", "e1").ok());
        const fs::path entry = cache.snapshot(commit) / "sub" / "dir" / "file.json";
        QVERIFY(fs::is_symlink(entry));
        QCOMPARE(fs::read_symlink(entry).string(), std::string("../../../../blobs/e1"));
        QVERIFY(cache.hasFile(commit, "sub/dir/file.json", 3));
        QVERIFY(!cache.hasFile(commit, "sub/dir/file.json", 4));
        QVERIFY(cache.linkFile(commit, "sub/dir/file.json", "e2").ok());  // replaced
        QCOMPARE(fs::read_symlink(entry).string(), std::string("../../../../blobs/e2"));
        QVERIFY(cache.hasFile(commit, "sub/dir/file.json", 4));
        QVERIFY(!cache.hasFile(commit, "missing.json", -1));

        QVERIFY(!cache.cachedSnapshot("main"));
        QVERIFY(cache.writeRef("main", commit).ok());
        QFile ref(QString::fromStdString((cache.folder() / "refs" / "main").string()));
        QVERIFY(ref.open(QIODevice::ReadOnly));
        QCOMPARE(ref.readAll(), QByteArray(commit.c_str()));
        QCOMPARE(*cache.cachedSnapshot("main"), cache.snapshot(commit));
        QCOMPARE(*cache.cachedSnapshot(commit), cache.snapshot(commit));  // a commit is its own ref
        QVERIFY(cache.writeRef("refs/pr/1", commit).ok());
        QCOMPARE(*cache.commitFor("refs/pr/1"), commit);
        QCOMPARE(cache.lockFile("e1"), hub / ".locks" / "models--org--m" / "e1.lock");
        // A ref that holds no commit is no ref.
        { std::ofstream(cache.folder() / "refs" / "broken") << "not a commit"; }
        QVERIFY(!cache.commitFor("broken"));
    }
};

QTEST_GUILESS_MAIN(TestHubProtocol)
#include "test_hub_protocol.moc"
