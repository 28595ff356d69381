// Data-parallel training through the real CLI: worker processes on loopback (c10d, Gloo), compared with
// one process training the combined batch; resume with the same world size; a worker that dies.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstring>

#include "core/api/distributed_launch.h"
#include "core/io/safetensors.h"
#include "core/train/sharding.h"
#include "test_fixtures.h"

using namespace ft;

namespace {

struct Outcome {
    int exitCode = -1;
    QString out, err;
};

Outcome runCli(const QStringList& args,
               const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
               int timeoutMs = 300000) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(FT_CLI_PATH), args);
    Outcome o;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        o.err = QStringLiteral("timed out");
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

QList<QJsonObject> events(const QString& jsonLines, const QString& kind) {
    QList<QJsonObject> out;
    for (const QString& line : jsonLines.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonObject e = QJsonDocument::fromJson(line.toUtf8()).object();
        if (e.value(QStringLiteral("event")).toString() == kind) out.push_back(e);
    }
    return out;
}

int freePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = -1;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    close(fd);
    return port;
}

// The newest complete checkpoint of a run folder.
QString latestCheckpoint(const QString& runDir) {
    QDir dir(runDir + QStringLiteral("/checkpoints"));
    QStringList steps = dir.entryList({QStringLiteral("step-*")}, QDir::Dirs, QDir::Name);
    while (!steps.isEmpty() && !dir.exists(steps.last() + QStringLiteral("/trainer_state.json")))
        steps.removeLast();
    return steps.isEmpty() ? QString() : dir.filePath(steps.last());
}

// Largest absolute difference between the F32 tensors of two safetensors files; returns a problem, or "".
// `common`: compare only the tensors both files have (a pretrained model against a fine-tuned one).
QString maxDifference(const QString& a, const QString& b, double* maxDiff, bool common = false) {
    auto fa = io::SafetensorsFile::open(a.toStdString());
    auto fb = io::SafetensorsFile::open(b.toStdString());
    if (!fa || !fb) return QStringLiteral("cannot open ") + a + QStringLiteral(" or ") + b;
    if (!common && fa->tensors().size() != fb->tensors().size())
        return QStringLiteral("different tensor counts");
    *maxDiff = 0;
    for (const auto& ta : fa->tensors()) {
        const io::TensorView* tb = fb->find(ta.name);
        if (common && !tb) continue;
        if (!tb || tb->shape != ta.shape || ta.dtype != io::DType::F32 || tb->dtype != io::DType::F32)
            return QStringLiteral("tensor %1 differs in name, shape or dtype")
                .arg(QString::fromStdString(ta.name));
        const auto* x = static_cast<const float*>(ta.data);
        const auto* y = static_cast<const float*>(tb->data);
        for (int64_t i = 0; i < ta.numel(); ++i)
            *maxDiff = std::max(*maxDiff, double(std::fabs(x[i] - y[i])));
    }
    return {};
}

}  // namespace

class TestDistributed : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A classification job; `batch` per worker. Constant learning rate so that a run extended by
    // max_steps continues exactly where a longer one would be.
    QString writeJob(const QString& name, int batch, int maxSteps, const QString& extraTraining = {},
                     const QString& task = QStringLiteral("sequence_classification")) {
        const QString file = m_dir.filePath(name + QStringLiteral(".json"));
        QFile f(file);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(QStringLiteral(R"({"version":1,"name":"%1","task":"%5","model":{"path":"model"},
            "data":{"train":"data.csv","group_columns":["group"],"max_length":16},
            "training":{"max_steps":%2,"batch_size":%3,"grad_accum_steps":2,"learning_rate":0.003,"schedule":"constant",
                        "max_grad_norm":0.5,"threads":1,"log_every_steps":1,"eval_every_steps":4%4},
            "output":{"run_dir":"%1"}})")
                    .arg(name)
                    .arg(maxSteps)
                    .arg(batch)
                    .arg(extraTraining)
                    .arg(task)
                    .toUtf8());
        return file;
    }

    QProcessEnvironment envWithDigests(const QString& dir) const {
        QDir().mkpath(dir);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FT_DEBUG_PARAM_DIGESTS"), dir);
        return env;
    }

private Q_SLOTS:
    void initTestCase() {
        if (!api::distributedTrainingAvailable())
            QSKIP(
                "built without LibTorch's c10d + Gloo (cmake/FtDistributed.cmake): no distributed training "
                "to test");
        QVERIFY(m_dir.isValid());
        const QString model = m_dir.filePath(QStringLiteral("model"));
        const QString error = fixtures::makeTinyGpt2(model);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // No dropout: one process and two must see the same function.
        QFile config(model + QStringLiteral("/config.json"));
        QVERIFY(config.open(QIODevice::ReadOnly));
        QJsonObject c = QJsonDocument::fromJson(config.readAll()).object();
        config.close();
        for (const char* key : {"resid_pdrop", "embd_pdrop", "attn_pdrop", "summary_first_dropout"})
            c[QLatin1String(key)] = 0.0;
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write(QJsonDocument(c).toJson());
        config.close();
        fixtures::writeEasyCsv(m_dir.filePath(QStringLiteral("data.csv")), 93);
    }

    // Rank r keeps positions r, r+W, ... of each global micro-batch: disjoint shards that cover the
    // step, weighted to add up to the single-process step (also at the uneven end of an epoch).
    void shardsCoverEachStepOnce_data() {
        QTest::addColumn<int>("world");
        QTest::addColumn<bool>("tokens");
        for (int world : {1, 2, 3})
            for (bool tokens : {false, true})
                QTest::newRow(
                    qPrintable(QStringLiteral("%1 ranks, %2").arg(world).arg(tokens ? "tokens" : "examples")))
                    << world << tokens;
    }

    void shardsCoverEachStepOnce() {
        QFETCH(int, world);
        QFETCH(bool, tokens);
        std::vector<int64_t> order(23);
        for (size_t i = 0; i < order.size(); ++i) order[i] = int64_t((i * 7) % order.size());
        // With tokens, some examples have none (a one-token text predicts nothing).
        const auto terms = [&](int64_t example) {
            return tokens ? (example % 5 == 0 ? 0 : example % 4 + 1) : int64_t(1);
        };
        train::ShardLayout layout{2, 2, 0, world};
        const int64_t steps = train::stepsPerEpoch(int64_t(order.size()), layout);
        QCOMPARE(steps, int64_t((23 + 4 * world - 1) / (4 * world)));
        for (int64_t step = 0; step < steps; ++step) {
            std::vector<int64_t> seen;
            double weight = 0;
            for (int rank = 0; rank < world; ++rank) {
                layout.rank = rank;
                const train::StepShard shard = train::shardStep(order, step, layout, terms);
                QCOMPARE(shard.samples, std::min<int64_t>(4 * world, 23 - step * 4 * world));
                for (const auto& micro : shard.micro) {
                    seen.insert(seen.end(), micro.indices.begin(), micro.indices.end());
                    weight += micro.weight;
                }
            }
            std::vector<int64_t> expected(order.begin() + step * 4 * world,
                                          order.begin() + std::min<int64_t>(23, (step + 1) * 4 * world));
            std::sort(seen.begin(), seen.end());
            std::sort(expected.begin(), expected.end());
            QCOMPARE(seen, expected);
            QVERIFY2(std::fabs(weight - 1.0) < 1e-12, qPrintable(QString::number(weight, 'g', 17)));
        }
    }

    // Two workers with batch 4 train exactly the batches of one process with batch 8.
    void twoWorkersMatchOneProcessWithTheCombinedBatch_data() {
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("classification") << QStringLiteral("sequence_classification") << QString();
        // Token-weighted: the workers' batches hold different numbers of tokens.
        QTest::newRow("causal LM") << QStringLiteral("causal_lm") << QStringLiteral("-lm");
    }

    void twoWorkersMatchOneProcessWithTheCombinedBatch() {
        QFETCH(QString, task);
        QFETCH(QString, suffix);
        Outcome single =
            runCli({QStringLiteral("train"), writeJob(QStringLiteral("single") + suffix, 8, 10, {}, task),
                    QStringLiteral("--json")});
        QVERIFY2(single.exitCode == 0, qPrintable(single.err + single.out));

        const QString digests = m_dir.filePath(QStringLiteral("digests") + suffix);
        Outcome two =
            runCli({QStringLiteral("launch"), QStringLiteral("--nproc"), QStringLiteral("2"),
                    writeJob(QStringLiteral("two") + suffix, 4, 10, {}, task), QStringLiteral("--json")},
                   envWithDigests(digests));
        QVERIFY2(two.exitCode == 0, qPrintable(two.err + two.out));

        // Rank 0 alone reports: one Started, one Finished, one line per step in metrics.jsonl.
        const auto started = events(two.out, QStringLiteral("started"));
        QCOMPARE(started.size(), 1);
        QVERIFY(started[0]
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("data-parallel over 2 processes")));
        QCOMPARE(events(two.out, QStringLiteral("finished")).size(), 1);
        const auto steps1 = events(single.out, QStringLiteral("step"));
        const auto steps2 = events(two.out, QStringLiteral("step"));
        QCOMPARE(steps2.size(), 10);
        QCOMPARE(steps1.size(), steps2.size());
        const QString metrics = fixtures::readAll(
            m_dir.filePath(QStringLiteral("two") + suffix + QStringLiteral("/metrics.jsonl")));
        QCOMPARE(int(metrics.count(QStringLiteral("\"event\":\"step\""))), 10);

        // Identical parameters on both ranks after every step (digests of the exact bytes).
        const QString d0 = fixtures::readAll(digests + QStringLiteral("/rank-0.txt"));
        const QString d1 = fixtures::readAll(digests + QStringLiteral("/rank-1.txt"));
        QCOMPARE(int(d0.count(QLatin1Char('\n'))), 10);
        QCOMPARE(d0, d1);

        // The same losses step by step, and the same final weights, as the single process.
        for (int i = 0; i < steps1.size(); ++i) {
            const double a = steps1[i].value(QStringLiteral("loss")).toDouble(),
                         b = steps2[i].value(QStringLiteral("loss")).toDouble();
            QVERIFY2(std::fabs(a - b) <= 1e-5 * std::max(1.0, std::fabs(a)),
                     qPrintable(QStringLiteral("step %1: loss %2 vs %3").arg(i + 1).arg(a).arg(b)));
        }
        const QString lastSingle = latestCheckpoint(m_dir.filePath(QStringLiteral("single") + suffix));
        const QString lastTwo = latestCheckpoint(m_dir.filePath(QStringLiteral("two") + suffix));
        QVERIFY(lastSingle.endsWith(QStringLiteral("step-0000010")));
        QVERIFY(lastTwo.endsWith(QStringLiteral("step-0000010")));
        double diff = 0, moved = 0;
        QString problem = maxDifference(lastSingle + QStringLiteral("/model.safetensors"),
                                        lastTwo + QStringLiteral("/model.safetensors"), &diff);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = maxDifference(m_dir.filePath(QStringLiteral("model/model.safetensors")),
                                lastTwo + QStringLiteral("/model.safetensors"), &moved, true);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo("max |single - two workers| = %g after 10 steps (weights moved by up to %g)", diff, moved);
        QVERIFY2(diff < 1e-4, qPrintable(QString::number(diff)));
        QVERIFY(moved > 1e-3);
        QVERIFY(QFile::exists(lastTwo + QStringLiteral("/rng-rank-1.pt")));
        QVERIFY(QFile::exists(
            m_dir.filePath(QStringLiteral("two") + suffix + QStringLiteral("/eval/report.json"))));
    }

    // A run stopped after 4 steps and resumed by 2 workers ends bit-identical to the uninterrupted one;
    // resuming it with another number of workers is refused.
    void resumeWithTheSameWorldSize() {
        const QString digests = m_dir.filePath(QStringLiteral("digests-resumed"));
        Outcome first = runCli({QStringLiteral("launch"), QStringLiteral("--nproc"), QStringLiteral("2"),
                                writeJob(QStringLiteral("resumed"), 4, 4)},
                               envWithDigests(digests));
        QVERIFY2(first.exitCode == 0, qPrintable(first.err + first.out));

        Outcome alone = runCli({QStringLiteral("train"), writeJob(QStringLiteral("resumed"), 4, 10)});
        QCOMPARE(alone.exitCode, 1);
        QVERIFY2(alone.err.contains(QStringLiteral("trained by 2 process")) &&
                     alone.err.contains(QStringLiteral("--nproc 2")),
                 qPrintable(alone.err));

        Outcome second = runCli({QStringLiteral("launch"), QStringLiteral("--nproc"), QStringLiteral("2"),
                                 writeJob(QStringLiteral("resumed"), 4, 10), QStringLiteral("--json")},
                                envWithDigests(digests));
        QVERIFY2(second.exitCode == 0, qPrintable(second.err + second.out));
        QVERIFY(events(second.out, QStringLiteral("started"))[0]
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("resumed from step-0000004")));
        QCOMPARE(fixtures::readAll(digests + QStringLiteral("/rank-0.txt")),
                 fixtures::readAll(m_dir.filePath(QStringLiteral("digests/rank-0.txt"))));
        QCOMPARE(fixtures::readAll(digests + QStringLiteral("/rank-1.txt")),
                 fixtures::readAll(m_dir.filePath(QStringLiteral("digests/rank-1.txt"))));
    }

    // Workers started by hand, as torchrun or srun would start them. When one dies, the other stops at
    // once with a clear message; when one hangs, after the timeout. The last checkpoint stays usable.
    void aDeadWorkerStopsTheOther_data() {
        QTest::addColumn<int>("victim");
        QTest::addColumn<bool>("hang");
        QTest::addColumn<int>("timeoutS");
        QTest::newRow("rank 1 dies") << 1 << false << 20;
        QTest::newRow("rank 0 (the store) dies") << 0 << false << 20;
        QTest::newRow("rank 1 hangs") << 1 << true << 8;
    }

    void aDeadWorkerStopsTheOther() {
        QFETCH(int, victim);
        QFETCH(bool, hang);
        QFETCH(int, timeoutS);
        const QString name = QStringLiteral("dead-%1-%2").arg(victim).arg(hang);
        const QString job =
            writeJob(name, 4, 100000,
                     QStringLiteral(R"(,"save_every_steps":5,"distributed_timeout_s":%1)").arg(timeoutS));
        const int port = freePort();
        QVERIFY(port > 0);
        QProcess workers[2];
        for (int rank = 0; rank < 2; ++rank) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("RANK"), QString::number(rank));
            env.insert(QStringLiteral("LOCAL_RANK"), QString::number(rank));
            env.insert(QStringLiteral("WORLD_SIZE"), QStringLiteral("2"));
            env.insert(QStringLiteral("LOCAL_WORLD_SIZE"), QStringLiteral("2"));
            env.insert(QStringLiteral("MASTER_ADDR"), QStringLiteral("127.0.0.1"));
            env.insert(QStringLiteral("MASTER_PORT"), QString::number(port));
            workers[rank].setProcessEnvironment(env);
            workers[rank].start(QStringLiteral(FT_CLI_PATH),
                                {QStringLiteral("train"), job, QStringLiteral("--json")});
            QVERIFY(workers[rank].waitForStarted());
        }
        // Let them train past a checkpoint or two.
        QString out0;
        QElapsedTimer clock;
        clock.start();
        while (!out0.contains(QStringLiteral("\"event\":\"step\",\"step\":12,")) &&
               clock.elapsed() < 120000 && workers[0].state() == QProcess::Running) {
            workers[0].waitForReadyRead(1000);
            out0 += QString::fromUtf8(workers[0].readAllStandardOutput());
        }
        QVERIFY2(out0.contains(QStringLiteral("\"step\":12,")),
                 qPrintable(out0 + QString::fromUtf8(workers[0].readAllStandardError())));

        QProcess& dead = workers[victim];
        QProcess& survivor = workers[1 - victim];
        if (hang) {
            QVERIFY(::kill(static_cast<pid_t>(dead.processId()), SIGSTOP) == 0);
        } else {
            dead.kill();  // SIGKILL: no goodbye
            QVERIFY(dead.waitForFinished(10000));
        }
        clock.restart();
        QVERIFY2(survivor.waitForFinished(40000), "the surviving worker hangs");
        const qint64 stoppedMs = clock.elapsed();
        if (hang) {
            dead.kill();
            QVERIFY(dead.waitForFinished(10000));
        }
        const QString out =
            (victim == 0 ? QString() : out0) + QString::fromUtf8(survivor.readAllStandardOutput());
        const QString err = QString::fromUtf8(survivor.readAllStandardError());
        qInfo("rank %d stopped %lld ms after rank %d %s (timeout %d s)", 1 - victim,
              static_cast<long long>(stoppedMs), victim, hang ? "hung" : "died", timeoutS);
        // A closed connection is noticed at once; silence after the timeout (give or take a step).
        QVERIFY(stoppedMs < (timeoutS + 5) * 1000);
        if (hang) QVERIFY(stoppedMs > (timeoutS - 1) * 1000);
        QCOMPARE(survivor.exitStatus(), QProcess::NormalExit);
        QVERIFY(survivor.exitCode() != 0);
        const auto failed = events(out, QStringLiteral("failed"));
        QVERIFY2(failed.size() == 1, qPrintable(out.right(2000) + err));
        const QString message = failed[0].value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QStringLiteral("rank %1 of 2").arg(1 - victim)) &&
                     message.contains(QStringLiteral("another worker stopped")),
                 qPrintable(message));

        const QString checkpoint = latestCheckpoint(m_dir.filePath(name));
        QVERIFY(!checkpoint.isEmpty());
        Outcome inspected = runCli({QStringLiteral("inspect"), checkpoint});
        QVERIFY2(inspected.exitCode == 0 && inspected.out.contains(QStringLiteral("ready to fine-tune")),
                 qPrintable(inspected.out));
    }

    // `finetune launch` does not wait for the timeout: a worker that dies takes the others down at once.
    void launchStopsWhenAWorkerDies() {
        QProcess launcher;
        launcher.start(QStringLiteral(FT_CLI_PATH),
                       {QStringLiteral("launch"), QStringLiteral("--nproc"), QStringLiteral("2"),
                        writeJob(QStringLiteral("launch-dies"), 4, 100000), QStringLiteral("--json")});
        QVERIFY(launcher.waitForStarted());
        QString out, err;
        QElapsedTimer clock;
        clock.start();
        while (!out.contains(QStringLiteral("\"step\":5,")) && clock.elapsed() < 120000 &&
               launcher.state() == QProcess::Running) {
            launcher.waitForReadyRead(1000);
            out += QString::fromUtf8(launcher.readAllStandardOutput());
            err += QString::fromUtf8(launcher.readAllStandardError());
        }
        const QRegularExpression pidOfRank1(QStringLiteral("worker rank 1 is pid (\\d+)"));
        const auto match = pidOfRank1.match(err);
        QVERIFY2(match.hasMatch(), qPrintable(err));
        QVERIFY(::kill(match.captured(1).toInt(), SIGKILL) == 0);
        QVERIFY2(launcher.waitForFinished(30000), "launch hangs after a worker died");
        err += QString::fromUtf8(launcher.readAllStandardError());
        QVERIFY(launcher.exitCode() != 0);
        QVERIFY2(err.contains(QStringLiteral("worker rank 1 failed")), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestDistributed)
#include "test_distributed.moc"
