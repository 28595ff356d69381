// Downloads from a stand-in Hugging Face Hub (tests/hub_server.py on a free local port) through the
// torch-free facade and `finetune download`: the cache layout Python tools expect, no request for a
// cached model, resume after a dropped connection or a cancel, the 200-instead-of-206 rule, sha256
// checks, gated / missing repositories, HF_HUB_OFFLINE, the token kept from the CDN.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <filesystem>

#include "core/api/hub_download.h"
#include "core/api/model_info.h"
#include "hub_test_server.h"
#include "test_fixtures.h"

namespace fs = std::filesystem;

namespace {

const QString kRepo = QStringLiteral("org/tiny-gpt2");

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString sha256Hex(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

struct Outcome {
    int exitCode = -1;
    QString out, err;
};

Outcome runCli(const QStringList& args, int timeoutMs = 120000) {
    QProcess p;
    p.start(QStringLiteral(FT_CLI_PATH), args);
    Outcome o;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

}  // namespace

class TestHubDownload : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    HubTestServer m_server;
    QString m_source;  // the tiny model as served
    QString m_home;    // HF_HOME of the current test
    int m_homeCount = 0;

    QString hubCache() const { return m_home + QStringLiteral("/hub"); }
    QString repoFolder(const QString& repo = kRepo) const {
        return hubCache() + QStringLiteral("/models--") +
               QString(repo).replace(QLatin1Char('/'), QStringLiteral("--"));
    }
    QString weightsEtag() const {
        return sha256Hex(readBytes(m_source + QStringLiteral("/model.safetensors")));
    }
    QStringList blobNames(const QString& repo = kRepo) const {
        return QDir(repoFolder(repo) + QStringLiteral("/blobs")).entryList(QDir::Files, QDir::Name);
    }
    QList<QJsonObject> fileRequests() const {  // HEAD / GET of files, not the listing
        QList<QJsonObject> out;
        for (const QJsonObject& e : m_server.log())
            if (!e.value(QStringLiteral("path")).toString().startsWith(QStringLiteral("/api/")))
                out.append(e);
        return out;
    }
    QList<QJsonObject> cdnGets() const {
        QList<QJsonObject> out;
        for (const QJsonObject& e : m_server.log())
            if (e.value(QStringLiteral("method")).toString() == QStringLiteral("GET") &&
                e.value(QStringLiteral("path")).toString().startsWith(QStringLiteral("/cdn/")))
                out.append(e);
        return out;
    }

    ft::Result<std::string> download(const std::string& repo = kRepo.toStdString(),
                                     const std::string& revision = "main",
                                     ft::api::HubDownloadOptions options = {}) {
        return ft::api::downloadModel(repo, revision, options, {}, nullptr);
    }

    // Starts a download that the progress callback cancels once part of the weights arrived.
    ft::Result<std::string> cancelledDownload() {
        m_server.setModes(
            QJsonObject{{QStringLiteral("slow"),
                         QJsonObject{{QStringLiteral("chunk"), 2048}, {QStringLiteral("delay"), 0.01}}}});
        std::atomic<bool> cancel{false};
        auto onProgress = [&cancel](const ft::api::HubProgress& p) {
            if (p.file == "model.safetensors" && p.fileBytes > 0 && !p.fileDone) cancel = true;
        };
        auto result = ft::api::downloadModel(kRepo.toStdString(), "main", {}, onProgress, &cancel);
        m_server.setModes({});
        return result;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(ft::api::hubDownloadAvailable());
        m_source = m_dir.filePath(QStringLiteral("source"));
        const QString made = fixtures::makeTinyGpt2(m_source);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        QVERIFY(fixtures::writeFile(m_source + QStringLiteral("/README.md"), "# tiny-gpt2\n"));

        const QString why = m_server.start(m_dir.filePath(QStringLiteral("hub-root")));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(m_server.addRepo(kRepo, m_source));
        // What the default selection must leave on the server.
        QVERIFY(m_server.addFile(kRepo, QStringLiteral("pytorch_model.bin"), QByteArray(3000, 'p')));
        QVERIFY(m_server.addFile(kRepo, QStringLiteral("onnx/model.onnx"), QByteArray(2000, 'o')));
        QVERIFY(m_server.addFile(kRepo, QStringLiteral("original/params.json"), "{}"));
        QVERIFY(m_server.addRepo(QStringLiteral("org/gated"), m_source));
        QVERIFY(m_server.addFile(QStringLiteral("org/gated"), QStringLiteral(".gated"), "hf_secret"));
        QVERIFY(m_server.addFile(QStringLiteral("org/bin-only"), QStringLiteral("config.json"),
                                 "{\"model_type\":\"gpt2\"}"));
        QVERIFY(m_server.addFile(QStringLiteral("org/bin-only"), QStringLiteral("pytorch_model.bin"),
                                 QByteArray(100, 'b')));

        qputenv("HF_ENDPOINT", m_server.endpoint().toUtf8());
        for (const char* v : {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN",
                              "HF_TOKEN_PATH", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"})
            qunsetenv(v);
    }

    // Every test starts with an empty cache and an empty request log.
    void init() {
        m_home = m_dir.filePath(QStringLiteral("hf-home-%1").arg(++m_homeCount));
        QDir().mkpath(m_home);
        qputenv("HF_HOME", m_home.toUtf8());
        m_server.setModes({});
        m_server.clearLog();
    }

    void listsFilesWithSizesAndTheDefaultSelection() {
        auto files = ft::api::listHubFiles(kRepo.toStdString(), "main", {});
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().describe().c_str());
        QCOMPARE(files->commit.size(), size_t(40));
        QMap<QString, ft::api::HubRepoFile> byPath;
        for (const auto& f : files->files) byPath.insert(QString::fromStdString(f.path), f);
        QVERIFY(byPath.contains(QStringLiteral("model.safetensors")));
        QCOMPARE(byPath[QStringLiteral("model.safetensors")].sizeBytes,
                 QFileInfo(m_source + QStringLiteral("/model.safetensors")).size());
        QVERIFY(byPath[QStringLiteral("model.safetensors")].selected);
        QVERIFY(byPath[QStringLiteral("config.json")].selected);
        QVERIFY(byPath[QStringLiteral("README.md")].selected);
        QVERIFY(!byPath[QStringLiteral("pytorch_model.bin")].selected);
        QVERIFY(!byPath[QStringLiteral("onnx/model.onnx")].selected);
        QVERIFY(!byPath[QStringLiteral("original/params.json")].selected);
        int64_t selected = 0;
        for (const auto& f : files->files)
            if (f.selected) selected += f.sizeBytes;
        QCOMPARE(files->selectedBytes, selected);

        ft::api::HubDownloadOptions onlyBin;
        onlyBin.include = {"*.bin"};
        auto bin = ft::api::listHubFiles(kRepo.toStdString(), "main", onlyBin);
        QVERIFY(bin.ok());
        QCOMPARE(bin->selectedCount, 1);
        QCOMPARE(bin->selectedBytes, int64_t(3000));
    }

    // blobs/<etag>, snapshots/<commit>/ relative symlinks, refs/main = the commit; the Model step sees it.
    void downloadLaysOutTheCacheAsHuggingFaceHub() {
        auto snapshot = download();
        QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().describe().c_str());
        const QString commit = QString::fromUtf8(readBytes(repoFolder() + QStringLiteral("/refs/main")));
        QCOMPARE(commit.size(), 40);  // no newline
        QCOMPARE(QString::fromStdString(*snapshot), repoFolder() + QStringLiteral("/snapshots/") + commit);

        QStringList expected;
        for (const QString& name : QDir(m_source).entryList(QDir::Files)) expected << name;
        const QStringList got =
            QDir(QString::fromStdString(*snapshot)).entryList(QDir::Files | QDir::System, QDir::Name);
        expected.sort();
        QCOMPARE(got, expected);
        QVERIFY(!QFileInfo::exists(QString::fromStdString(*snapshot) + QStringLiteral("/pytorch_model.bin")));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(*snapshot) + QStringLiteral("/onnx")));
        for (const QString& name : got) {
            const fs::path entry = fs::path(snapshot->c_str()) / name.toStdString();
            QVERIFY2(fs::is_symlink(entry), qPrintable(name));
            const std::string target = fs::read_symlink(entry).string();
            QVERIFY2(target.rfind("../../blobs/", 0) == 0, target.c_str());
            QCOMPARE(readBytes(QString::fromStdString(entry.string())),
                     readBytes(m_source + QLatin1Char('/') + name));
        }
        // The weights' blob is named by its sha256 (the LFS ETag); no partial file is left.
        QVERIFY(blobNames().contains(weightsEtag()));
        for (const QString& blob : blobNames())
            QVERIFY2(!blob.endsWith(QStringLiteral(".incomplete")), qPrintable(blob));
        QCOMPARE(fs::read_symlink(fs::path(snapshot->c_str()) / "model.safetensors").string(),
                 "../../blobs/" + weightsEtag().toStdString());
        // LFS content came from the CDN location, the rest from resolve.
        QCOMPARE(cdnGets().size(), 1);

        bool listed = false;
        for (const ft::api::ModelSummary& m : ft::api::discoverModels({}, {})) {
            if (m.name != kRepo.toStdString()) continue;
            listed = true;
            QCOMPARE(m.source, std::string("hf-cache"));
            QCOMPARE(m.path, *snapshot);
            QVERIFY2(m.supported, m.problem.c_str());
        }
        QVERIFY(listed);
        auto inspected = ft::api::inspectModel(*snapshot);
        QVERIFY(inspected.ok());
        QCOMPARE(inspected->modelType, std::string("gpt2"));
        QCOMPARE(inspected->numLayers, int64_t(2));
    }

    void secondDownloadMakesNoFileRequest() {
        auto first = download();
        QVERIFY(first.ok());
        m_server.clearLog();
        std::vector<ft::api::HubProgress> events;
        auto second = ft::api::downloadModel(
            kRepo.toStdString(), "main", {},
            [&events](const ft::api::HubProgress& p) { events.push_back(p); }, nullptr);
        QVERIFY(second.ok());
        QCOMPARE(*second, *first);
        QVERIFY(fileRequests().isEmpty());  // only the listing, to learn main's commit
        QVERIFY(!events.empty());
        for (const auto& e : events) QVERIFY(e.fileDone && e.fromCache);
        QCOMPARE(events.back().bytes, events.back().totalBytes);
    }

    void resumesAfterADroppedConnection() {
        m_server.setModes(
            QJsonObject{{QStringLiteral("drop_once"), QJsonArray{QStringLiteral("model.safetensors")}}});
        auto snapshot = download();
        QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().describe().c_str());
        const QList<QJsonObject> gets = cdnGets();
        QCOMPARE(gets.size(), 2);
        QVERIFY(gets[0].value(QStringLiteral("dropped")).toBool());
        const QString range = gets[1].value(QStringLiteral("range")).toString();
        QVERIFY2(range.startsWith(QStringLiteral("bytes=")) && range != QStringLiteral("bytes=0-"),
                 qPrintable(range));
        QCOMPARE(gets[1].value(QStringLiteral("status")).toInt(), 206);
        QCOMPARE(readBytes(QString::fromStdString(*snapshot) + QStringLiteral("/model.safetensors")),
                 readBytes(m_source + QStringLiteral("/model.safetensors")));
    }

    // Cancel keeps only blobs/<etag>.incomplete (no blob, no ref); the next run resumes it with a Range.
    void cancelKeepsAPartialFileThatTheNextRunResumes() {
        auto cancelled = cancelledDownload();
        QVERIFY(!cancelled.ok());
        QCOMPARE(QString::fromStdString(cancelled.error().code), QStringLiteral("hub.cancelled"));
        const QString partial = weightsEtag() + QStringLiteral(".incomplete");
        QVERIFY(blobNames().contains(partial));
        QVERIFY(!blobNames().contains(weightsEtag()));
        QVERIFY(!QFileInfo::exists(repoFolder() + QStringLiteral("/refs/main")));
        const qint64 kept = QFileInfo(repoFolder() + QStringLiteral("/blobs/") + partial).size();
        const qint64 total = QFileInfo(m_source + QStringLiteral("/model.safetensors")).size();
        QVERIFY2(kept > 0 && kept < total, qPrintable(QStringLiteral("%1 of %2").arg(kept).arg(total)));

        m_server.clearLog();
        auto resumed = download();
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().describe().c_str());
        const QList<QJsonObject> gets = cdnGets();
        QCOMPARE(gets.size(), 1);
        QCOMPARE(gets[0].value(QStringLiteral("range")).toString(), QStringLiteral("bytes=%1-").arg(kept));
        QCOMPARE(gets[0].value(QStringLiteral("status")).toInt(), 206);
        QCOMPARE(readBytes(QString::fromStdString(*resumed) + QStringLiteral("/model.safetensors")),
                 readBytes(m_source + QStringLiteral("/model.safetensors")));
        QVERIFY(!blobNames().contains(partial));
    }

    // A server that answers a Range request with 200 sends the whole file: start over, not append.
    void rangeAnsweredWith200StartsOver() {
        QVERIFY(!cancelledDownload().ok());
        m_server.clearLog();
        m_server.setModes(QJsonObject{{QStringLiteral("ignore_range"), true}});
        auto resumed = download();
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().describe().c_str());
        const QList<QJsonObject> gets = cdnGets();
        QCOMPARE(gets.size(), 1);
        QVERIFY(gets[0].value(QStringLiteral("range")).toString().startsWith(QStringLiteral("bytes=")));
        QCOMPARE(gets[0].value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(readBytes(QString::fromStdString(*resumed) + QStringLiteral("/model.safetensors")),
                 readBytes(m_source + QStringLiteral("/model.safetensors")));
    }

    void sha256MismatchIsAnErrorAndLeavesNoBlob() {
        m_server.setModes(
            QJsonObject{{QStringLiteral("corrupt"), QJsonArray{QStringLiteral("model.safetensors")}}});
        auto result = download();
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(result.error().code), QStringLiteral("hub.checksum"));
        QVERIFY2(result.error().message.find("org/tiny-gpt2/model.safetensors") != std::string::npos,
                 result.error().message.c_str());
        for (const QString& blob : blobNames()) QVERIFY2(!blob.startsWith(weightsEtag()), qPrintable(blob));
        QVERIFY(!QFileInfo::exists(repoFolder() + QStringLiteral("/refs/main")));
    }

    // Without a token: hub.gated saying what to do. With one (from $HF_TOKEN_PATH): it downloads, and
    // the token goes to the Hub but not to the CDN.
    void gatedRepositoryNeedsAToken() {
        auto refused = download("org/gated");
        QVERIFY(!refused.ok());
        QCOMPARE(QString::fromStdString(refused.error().code), QStringLiteral("hub.gated"));
        const QString message = QString::fromStdString(refused.error().message);
        QVERIFY2(message.contains(m_server.endpoint() + QStringLiteral("/org/gated")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("accept its licence")));
        QVERIFY(message.contains(QStringLiteral("HF_TOKEN")));

        qputenv("HF_TOKEN", "hf_wrong");
        auto wrong = download("org/gated");
        QVERIFY(!wrong.ok());
        QCOMPARE(QString::fromStdString(wrong.error().code), QStringLiteral("hub.gated"));
        QVERIFY(QString::fromStdString(wrong.error().message)
                    .contains(QStringLiteral("your access token has no access")));
        qunsetenv("HF_TOKEN");

        const QString tokenFile = m_home + QStringLiteral("/my-token");
        QVERIFY(fixtures::writeFile(tokenFile, "hf_secret\n"));
        qputenv("HF_TOKEN_PATH", tokenFile.toUtf8());
        m_server.clearLog();
        auto allowed = download("org/gated");
        qunsetenv("HF_TOKEN_PATH");
        QVERIFY2(allowed.ok(), allowed.ok() ? "" : allowed.error().describe().c_str());
        int hubRequests = 0, cdnRequests = 0;
        for (const QJsonObject& e : m_server.log()) {
            const QString auth = e.value(QStringLiteral("authorization")).toString();
            if (e.value(QStringLiteral("path")).toString().startsWith(QStringLiteral("/cdn/"))) {
                ++cdnRequests;
                QVERIFY2(auth.isEmpty(), qPrintable(auth));
            } else {
                ++hubRequests;
                QCOMPARE(auth, QStringLiteral("Bearer hf_secret"));
            }
        }
        QVERIFY(hubRequests > 0);
        QCOMPARE(cdnRequests, 1);
    }

    void missingThingsAreNamed() {
        auto repo = download("org/missing");
        QVERIFY(!repo.ok());
        QCOMPARE(QString::fromStdString(repo.error().code), QStringLiteral("hub.not_found"));
        QVERIFY(repo.error().message.find("org/missing") != std::string::npos);

        auto revision = download(kRepo.toStdString(), "v9");
        QVERIFY(!revision.ok());
        QCOMPARE(QString::fromStdString(revision.error().code), QStringLiteral("hub.revision_not_found"));
        QVERIFY(revision.error().message.find("'v9'") != std::string::npos);

        ft::api::HubDownloadOptions nothing;
        nothing.include = {"nothing-*"};
        auto none = download(kRepo.toStdString(), "main", nothing);
        QVERIFY(!none.ok());
        QCOMPARE(QString::fromStdString(none.error().code), QStringLiteral("hub.no_files"));

        auto bin = download("org/bin-only");
        QVERIFY(!bin.ok());
        QCOMPARE(QString::fromStdString(bin.error().code), QStringLiteral("hub.no_safetensors"));
        QVERIFY(bin.error().message.find("pytorch_model.bin") != std::string::npos);

        m_server.clearLog();
        for (const char* bad : {"a/b/c", "", "org/a--b", "../../etc"}) {
            auto r = download(bad);
            QVERIFY(!r.ok());
            QCOMPARE(QString::fromStdString(r.error().code), QStringLiteral("hub.bad_repo_id"));
        }
        auto badRevision = download(kRepo.toStdString(), "../../x");
        QCOMPARE(QString::fromStdString(badRevision.error().code), QStringLiteral("hub.bad_revision"));
        QVERIFY(m_server.log().isEmpty());  // refused before any request
        QVERIFY(!QFileInfo::exists(hubCache()));
    }

    void offlineAnswersFromTheCacheAlone() {
        auto online = download();
        QVERIFY(online.ok());
        m_server.clearLog();
        qputenv("HF_HUB_OFFLINE", "1");
        auto offline = download();
        QVERIFY(offline.ok());
        QCOMPARE(*offline, *online);
        auto missing = download("org/gated");
        qunsetenv("HF_HUB_OFFLINE");
        QVERIFY(!missing.ok());
        QCOMPARE(QString::fromStdString(missing.error().code), QStringLiteral("hub.offline"));
        QVERIFY(missing.error().message.find("org/gated") != std::string::npos);
        QVERIFY(m_server.log().isEmpty());
    }

    // A renamed repository answers with a relative redirect: followed, with the token (still the Hub).
    void relativeRedirectsAreFollowed() {
        m_server.setModes(
            QJsonObject{{QStringLiteral("renamed"), QJsonObject{{QStringLiteral("old/tiny"), kRepo}}}});
        qputenv("HF_TOKEN", "hf_any");
        auto snapshot = download("old/tiny");
        qunsetenv("HF_TOKEN");
        QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().describe().c_str());
        QVERIFY(QString::fromStdString(*snapshot).startsWith(repoFolder(QStringLiteral("old/tiny"))));
        int redirectedHeads = 0;
        for (const QJsonObject& e : m_server.log()) {
            const QString path = e.value(QStringLiteral("path")).toString();
            if (path.startsWith(QStringLiteral("/org/tiny-gpt2/resolve/")) &&
                e.value(QStringLiteral("method")).toString() == QStringLiteral("HEAD")) {
                ++redirectedHeads;
                QCOMPARE(e.value(QStringLiteral("authorization")).toString(),
                         QStringLiteral("Bearer hf_any"));
            }
        }
        QVERIFY(redirectedHeads > 0);
    }

    void cliDownloadsAndPrintsTheSnapshot() {
        Outcome text = runCli({QStringLiteral("download"), kRepo});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        const QString snapshot = text.out.trimmed();
        QVERIFY2(snapshot.startsWith(repoFolder() + QStringLiteral("/snapshots/")), qPrintable(text.out));
        QVERIFY(QFileInfo::exists(snapshot + QStringLiteral("/model.safetensors")));
        QVERIFY2(text.err.contains(QStringLiteral("model.safetensors")), qPrintable(text.err));

        Outcome json = runCli({QStringLiteral("download"), kRepo, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QStringList lines = json.out.trimmed().split(QLatin1Char('\n'));
        QStringList files;
        for (const QString& line : lines) {
            const QJsonObject e = QJsonDocument::fromJson(line.toUtf8()).object();
            QVERIFY2(!e.isEmpty(), qPrintable(line));
            if (e.value(QStringLiteral("event")).toString() == QStringLiteral("file")) {
                files << e.value(QStringLiteral("file")).toString();
                QVERIFY(e.value(QStringLiteral("cached")).toBool());  // the text run downloaded them
            }
        }
        QVERIFY(files.contains(QStringLiteral("model.safetensors")));
        const QJsonObject done = QJsonDocument::fromJson(lines.last().toUtf8()).object();
        QCOMPARE(done.value(QStringLiteral("event")).toString(), QStringLiteral("done"));
        QCOMPARE(done.value(QStringLiteral("snapshot")).toString(), snapshot);

        const QString elsewhere = m_dir.filePath(QStringLiteral("cli-cache"));
        Outcome cacheDir = runCli({QStringLiteral("download"), kRepo, QStringLiteral("--cache-dir"),
                                   elsewhere, QStringLiteral("--include"), QStringLiteral("*.json")});
        QCOMPARE(cacheDir.exitCode, 0);
        QVERIFY(cacheDir.out.trimmed().startsWith(elsewhere +
                                                  QStringLiteral("/models--org--tiny-gpt2/snapshots/")));
        QVERIFY(QFileInfo::exists(cacheDir.out.trimmed() + QStringLiteral("/config.json")));
        QVERIFY(!QFileInfo::exists(cacheDir.out.trimmed() + QStringLiteral("/model.safetensors")));
    }

    void cliErrorsAndExitCodes() {
        Outcome usage = runCli({QStringLiteral("download")});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY(usage.err.contains(QStringLiteral("usage: finetune download")));
        Outcome badId = runCli({QStringLiteral("download"), QStringLiteral("not/a/repo")});
        QCOMPARE(badId.exitCode, 2);
        QVERIFY(badId.err.contains(QStringLiteral("not a Hugging Face repository id")));
        Outcome unknownOption = runCli({QStringLiteral("download"), kRepo, QStringLiteral("--frobnicate")});
        QCOMPARE(unknownOption.exitCode, 2);

        Outcome missing = runCli({QStringLiteral("download"), QStringLiteral("org/missing")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("error: ")) &&
                     missing.err.contains(QStringLiteral("org/missing")),
                 qPrintable(missing.err));
        Outcome gated =
            runCli({QStringLiteral("download"), QStringLiteral("org/gated"), QStringLiteral("--json")});
        QCOMPARE(gated.exitCode, 1);
        const QJsonObject error = QJsonDocument::fromJson(gated.out.trimmed().toUtf8()).object();
        QCOMPARE(error.value(QStringLiteral("event")).toString(), QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("hub.gated"));
        QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("HF_TOKEN")));
    }

    // Ctrl-C: exit 130, the partial blob kept; the same command then finishes it.
    void cliInterruptKeepsThePartialFile() {
        m_server.setModes(
            QJsonObject{{QStringLiteral("slow"),
                         QJsonObject{{QStringLiteral("chunk"), 1024}, {QStringLiteral("delay"), 0.02}}}});
        QProcess p;
        p.start(QStringLiteral(FT_CLI_PATH), {QStringLiteral("download"), kRepo});
        QVERIFY(p.waitForStarted());
        const QString partial =
            repoFolder() + QStringLiteral("/blobs/") + weightsEtag() + QStringLiteral(".incomplete");
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partial).size() > 0, 30000);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("Cancelled")));
        QVERIFY(QFileInfo::exists(partial));
        QVERIFY(!QFileInfo::exists(repoFolder() + QStringLiteral("/blobs/") + weightsEtag()));

        m_server.setModes({});
        Outcome again = runCli({QStringLiteral("download"), kRepo});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(readBytes(again.out.trimmed() + QStringLiteral("/model.safetensors")),
                 readBytes(m_source + QStringLiteral("/model.safetensors")));
    }
};

QTEST_GUILESS_MAIN(TestHubDownload)
#include "test_hub_download.moc"
