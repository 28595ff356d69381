// The `finetune` executable as a user runs it: exit codes, messages, and a full train → report.

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <functional>
#include <limits>

#include "core/io/safetensors.h"
#include "test_fixtures.h"

using namespace ft;

namespace {

struct Outcome {
    int exitCode = -1;
    QString out, err;
};

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray dataFile(const char* relative) {
    QFile f(QStringLiteral(FT_TEST_DATA_DIR "/") + QLatin1String(relative));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Outcome runCli(const QStringList& args, int timeoutMs = 300000) {
    QProcess p;
    p.start(QStringLiteral(FT_CLI_PATH), args);
    Outcome o;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

// Address space for the out-of-memory run: room for the program and the tiny model, far from
// the ~4 GB the job's attention needs at batch 1024 × 256 tokens.
constexpr int kOomAddressSpaceKb = 3 * 1024 * 1024;

}  // namespace

class TestCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void usage() {
        Outcome none = runCli({});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains(QStringLiteral("Usage: finetune")));
        Outcome unknown = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    }

    // `finetune data`: the report as text and as JSON; a single class exits 1, bad input names its position.
    void dataCommandReportsStatisticsAndProblems() {
        const QString csv = m_dir.filePath(QStringLiteral("data-cmd.csv"));
        writeFile(csv, "text,label\ngood film,pos\nbad film,neg\ngood film,pos\nfine film,pos\n");
        Outcome text = runCli({QStringLiteral("data"), csv});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("label column: label")), qPrintable(text.out));
        QVERIFY(text.out.contains(QStringLiteral("exact duplicates:       1 rows")));
        QVERIFY(text.out.contains(QStringLiteral("[data.duplicates]")));

        Outcome json = runCli({QStringLiteral("data"), csv, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("rows")).toInt(), 4);
        QCOMPARE(report.value(QStringLiteral("mapping")).toObject().value(QStringLiteral("text_column")).toString(), QStringLiteral("text"));
        QCOMPARE(report.value(QStringLiteral("statistics")).toObject().value(QStringLiteral("classes")).toArray().size(), 2);

        const QString single = m_dir.filePath(QStringLiteral("single.csv"));
        writeFile(single, "text,label\na film,x\nb film,x\n");
        Outcome one = runCli({QStringLiteral("data"), single, QStringLiteral("--label-column"), QStringLiteral("label")});
        QCOMPARE(one.exitCode, 1);
        QVERIFY(one.out.contains(QStringLiteral("[data.single_class]")));

        const QString bad = m_dir.filePath(QStringLiteral("bad.csv"));
        writeFile(bad, "text,label\nok,1\n\"never closed,0\n");
        Outcome broken = runCli({QStringLiteral("data"), bad});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.err.contains(bad + QStringLiteral(":3:1: ")), qPrintable(broken.err));
    }

    void makeModelTrainReport() {
        const QString model = m_dir.filePath(QStringLiteral("tiny"));
        Outcome made = runCli({QStringLiteral("make-tiny-model"), QStringLiteral("--arch"), QStringLiteral("gpt2"), QStringLiteral("--out"),
                               model, QStringLiteral("--layers"), QStringLiteral("1"), QStringLiteral("--hidden"), QStringLiteral("32"),
                               QStringLiteral("--vocab"), QStringLiteral("400")});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        for (const char* f : {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"})
            QVERIFY2(QFile::exists(model + QLatin1Char('/') + QLatin1String(f)), f);

        Outcome inspected = runCli({QStringLiteral("inspect"), model});
        QCOMPARE(inspected.exitCode, 0);
        QVERIFY(inspected.out.contains(QStringLiteral("gpt2")));
        QVERIFY(inspected.out.contains(QStringLiteral("ready to fine-tune")));
        Outcome verified = runCli({QStringLiteral("inspect"), model, QStringLiteral("--verify")});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.err + verified.out));
        QVERIFY2(verified.out.contains(QStringLiteral("Every weight is present, of the right shape and finite.")), qPrintable(verified.out));
        QVERIFY(verified.out.contains(QStringLiteral("GPT2LMHeadModel")));

        const QString csv = m_dir.filePath(QStringLiteral("data.csv"));
        fixtures::writeEasyCsv(csv, 60);
        const QString jobFile = m_dir.filePath(QStringLiteral("job.json"));
        QFile job(jobFile);
        QVERIFY(job.open(QIODevice::WriteOnly));
        job.write(R"({"version":1,"name":"cli","model":{"path":"tiny"},"data":{"train":"data.csv","group_columns":["group"],"max_length":16},
                     "training":{"epochs":1,"batch_size":8,"learning_rate":0.003,"threads":2},"output":{"run_dir":"run"}})");
        job.close();

        Outcome trained = runCli({QStringLiteral("train"), jobFile, QStringLiteral("--json")});
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err + trained.out));
        const QStringList lines = trained.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.first().startsWith(QStringLiteral("{\"event\":\"started\"")));
        QVERIFY(lines.last().startsWith(QStringLiteral("{\"event\":\"finished\"")));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("run/eval/report.json"))));
#if defined(__linux__)
        // The run's peak memory, of this process alone: more than LibTorch's libraries, less than 4 GiB here.
        const qint64 peak = QJsonDocument::fromJson(lines.last().toUtf8()).object().value(QStringLiteral("peak_rss_bytes")).toInteger();
        QVERIFY2(peak > (qint64(50) << 20) && peak < (qint64(4) << 30), qPrintable(lines.last()));
#endif

        Outcome report = runCli({QStringLiteral("report"), m_dir.filePath(QStringLiteral("run"))});
        QCOMPARE(report.exitCode, 0);
        QVERIFY(report.out.contains(QStringLiteral("Accuracy:")));
        QVERIFY(report.out.contains(QStringLiteral("group = a")));

        // Export the run's best model in float16 with a model card; the export verifies itself.
        const QString exported = m_dir.filePath(QStringLiteral("export-fp16"));
        Outcome ex = runCli({QStringLiteral("export"), m_dir.filePath(QStringLiteral("run")), QStringLiteral("--out"), exported,
                             QStringLiteral("--dtype"), QStringLiteral("float16")});
        QVERIFY2(ex.exitCode == 0, qPrintable(ex.err + ex.out));
        QVERIFY2(ex.out.contains(QStringLiteral("Verified")), qPrintable(ex.out));
        QVERIFY(fixtures::readAll(exported + QStringLiteral("/config.json")).contains(QStringLiteral("\"float16\"")));
        const QString card = fixtures::readAll(exported + QStringLiteral("/README.md"));
        QVERIFY2(card.startsWith(QStringLiteral("---\nlibrary_name: transformers\n")), qPrintable(card.left(200)));
        QVERIFY(card.contains(QStringLiteral("## Evaluation")) && card.contains(QStringLiteral("group = a")));
        QVERIFY(QFile::exists(exported + QStringLiteral("/tokenizer.json")));
        QVERIFY(!QFile::exists(exported + QStringLiteral(".partial")));

        Outcome badDtype = runCli({QStringLiteral("export"), m_dir.filePath(QStringLiteral("run")), QStringLiteral("--out"), exported,
                                   QStringLiteral("--dtype"), QStringLiteral("int8")});
        QCOMPARE(badDtype.exitCode, 1);
        QVERIFY(badDtype.err.contains(QStringLiteral("int8")));
        // The export replaces its output folder: never one that holds the run, never a non-export.
        Outcome unsafe = runCli({QStringLiteral("export"), m_dir.filePath(QStringLiteral("run")), QStringLiteral("--out"), m_dir.path()});
        QCOMPARE(unsafe.exitCode, 1);
        QVERIFY2(unsafe.err.contains(QStringLiteral("choose a folder outside it")), qPrintable(unsafe.err));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("run/job.json"))));
        Outcome notExport = runCli({QStringLiteral("export"), m_dir.filePath(QStringLiteral("run")), QStringLiteral("--out"),
                                    m_dir.filePath(QStringLiteral("run/eval"))});
        QCOMPARE(notExport.exitCode, 1);
        Outcome notLora = runCli({QStringLiteral("export"), m_dir.filePath(QStringLiteral("run")), QStringLiteral("--out"), exported,
                                  QStringLiteral("--adapter")});
        QCOMPARE(notLora.exitCode, 1);
        QVERIFY(notLora.err.contains(QStringLiteral("LoRA")));
    }

    // `finetune eval`: the run of makeModelTrainReport on a file it has not seen, as a run's report
    // with split "test"; a model folder needs the column mapping; a label the model does not know is named.
    void evalOnAHeldOutFile() {
        const QString test = m_dir.filePath(QStringLiteral("test.csv"));
        fixtures::writeEasyCsv(test, 30);
        const QString run = m_dir.filePath(QStringLiteral("run"));
        Outcome evaluated = runCli({QStringLiteral("eval"), run, QStringLiteral("--data"), test, QStringLiteral("--json")});
        QVERIFY2(evaluated.exitCode == 0, qPrintable(evaluated.err + evaluated.out));
        const QJsonObject o = QJsonDocument::fromJson(evaluated.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("examples")).toInt(), 30);
        const double accuracy = o.value(QStringLiteral("accuracy")).toDouble(-1);
        QVERIFY(accuracy >= 0 && accuracy <= 1);
        const QString reportFile = run + QStringLiteral("/evaluations/test/eval/report.json");
        QCOMPARE(o.value(QStringLiteral("report")).toString(), reportFile);
        const QJsonObject report = QJsonDocument::fromJson(fixtures::readAll(reportFile).toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("dataset")).toObject().value(QStringLiteral("split")).toString(), QStringLiteral("test"));
        QVERIFY(QFile::exists(run + QStringLiteral("/evaluations/test/eval/report.html")));

        Outcome shown = runCli({QStringLiteral("report"), run + QStringLiteral("/evaluations/test")});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(shown.out.contains(QStringLiteral("Test examples: 30")) && shown.out.contains(QStringLiteral("group = a")), qPrintable(shown.out));

        // The exported model folder: the same numbers once told the columns.
        const QString exported = m_dir.filePath(QStringLiteral("export-fp32"));
        QCOMPARE(runCli({QStringLiteral("export"), run, QStringLiteral("--out"), exported}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("eval"), exported, QStringLiteral("--data"), test}).exitCode, 2);  // --out is required
        Outcome folder = runCli({QStringLiteral("eval"), exported, QStringLiteral("--data"), test, QStringLiteral("--out"),
                                 m_dir.filePath(QStringLiteral("eval-folder")), QStringLiteral("--text-column"), QStringLiteral("text"),
                                 QStringLiteral("--label-column"), QStringLiteral("label"), QStringLiteral("--json")});
        QVERIFY2(folder.exitCode == 0, qPrintable(folder.err + folder.out));
        QCOMPARE(QJsonDocument::fromJson(folder.out.toUtf8()).object().value(QStringLiteral("accuracy")).toDouble(), accuracy);

        const QString unknown = m_dir.filePath(QStringLiteral("unknown-label.csv"));
        writeFile(unknown, "text,label,group\ngood movie,pos,a\nstrange film,meh,b\n");
        Outcome bad = runCli({QStringLiteral("eval"), run, QStringLiteral("--data"), unknown});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("unknown-label.csv:3")) && bad.err.contains(QStringLiteral("'meh' is not one of the model's labels")),
                 qPrintable(bad.err));
    }

    void loraRunExportsAdapterAndMergedModel() {
        const QString jobFile = m_dir.filePath(QStringLiteral("lora-job.json"));
        QFile job(jobFile);
        QVERIFY(job.open(QIODevice::WriteOnly));
        job.write(R"({"version":1,"name":"cli-lora","model":{"path":"tiny"},"data":{"train":"data.csv","max_length":16},
                     "training":{"epochs":1,"batch_size":8,"learning_rate":0.01,"threads":2},
                     "lora":{"enabled":true,"r":4,"alpha":8},"output":{"run_dir":"run-lora"}})");
        job.close();
        Outcome trained = runCli({QStringLiteral("train"), jobFile});
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err + trained.out));

        const QString adapter = m_dir.filePath(QStringLiteral("export-adapter"));
        Outcome a = runCli({QStringLiteral("export"), m_dir.filePath(QStringLiteral("run-lora")), QStringLiteral("--out"), adapter,
                            QStringLiteral("--adapter")});
        QVERIFY2(a.exitCode == 0, qPrintable(a.err + a.out));
        QVERIFY(a.out.contains(QStringLiteral("Exported the adapter")));
        QVERIFY(QFile::exists(adapter + QStringLiteral("/adapter_model.safetensors")));
        QVERIFY(fixtures::readAll(adapter + QStringLiteral("/README.md")).contains(QStringLiteral("library_name: peft")));

        const QString merged = m_dir.filePath(QStringLiteral("export-merged"));
        Outcome m = runCli({QStringLiteral("export"), m_dir.filePath(QStringLiteral("run-lora")), QStringLiteral("--out"), merged,
                            QStringLiteral("--dtype"), QStringLiteral("bfloat16")});
        QVERIFY2(m.exitCode == 0, qPrintable(m.err + m.out));
        const QString config = fixtures::readAll(merged + QStringLiteral("/config.json"));
        QVERIFY(config.contains(QStringLiteral("\"pos\"")) && config.contains(QStringLiteral("GPT2ForSequenceClassification")));
        QVERIFY(config.contains(QStringLiteral("\"bfloat16\"")));
        QVERIFY2(m.out.contains(QStringLiteral("Verified")), qPrintable(m.out));
    }

    void sigkillThenResumeMatchesAnUninterruptedRun() {
        // Uses the tiny model and data.csv of makeModelTrainReport. 48 training rows, batch 4:
        // 12 steps per epoch, 24 steps in all; a checkpoint every 2 steps.
        auto writeJob = [&](const QString& name, const QString& runDir) {
            const QString file = m_dir.filePath(name);
            QFile job(file);
            if (!job.open(QIODevice::WriteOnly)) return QString();
            job.write(QStringLiteral(R"({"version":1,"name":"kill","model":{"path":"tiny"},"data":{"train":"data.csv","max_length":16},
                     "training":{"epochs":2,"batch_size":4,"learning_rate":0.003,"threads":1,"save_every_steps":2,
                                 "eval_every_steps":6,"log_every_steps":1},
                     "evaluation":{"counterfactual":false},"output":{"run_dir":"%1"}})").arg(runDir).toUtf8());
            return file;
        };
        const QString straightJob = writeJob(QStringLiteral("kill-straight.json"), QStringLiteral("run-straight"));
        const QString killedJob = writeJob(QStringLiteral("kill-killed.json"), QStringLiteral("run-killed"));
        Outcome straight = runCli({QStringLiteral("train"), straightJob});
        QVERIFY2(straight.exitCode == 0, qPrintable(straight.err));

        // Kill -9 the real process right after a checkpoint: no chance to clean up.
        QProcess p;
        p.start(QStringLiteral(FT_CLI_PATH), {QStringLiteral("train"), killedJob, QStringLiteral("--json")});
        QVERIFY(p.waitForStarted());
        bool killed = false;
        QByteArray pending;
        while (!killed && p.waitForReadyRead(60000)) {
            pending += p.readAllStandardOutput();
            int newline;
            while (!killed && (newline = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(newline);
                pending.remove(0, newline + 1);
                if (line.contains("\"event\":\"checkpoint\"") && !line.contains("\"step\":2,")) {
                    p.kill();   // SIGKILL
                    killed = true;
                }
            }
        }
        QVERIFY2(killed, "the run ended before a checkpoint was seen");
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        // `finetune resume RUN_DIR` continues from the run's own job.json (as `train` with the same job would).
        Outcome resumed = runCli({QStringLiteral("resume"), m_dir.filePath(QStringLiteral("run-killed")), QStringLiteral("--json")});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err + resumed.out));
        QVERIFY2(resumed.out.section(QLatin1Char('\n'), 0, 0).contains(QStringLiteral("resumed from step-")), qPrintable(resumed.out.left(300)));
        const QString last = QStringLiteral("/checkpoints/step-0000024/model.safetensors");
        QFile a(m_dir.filePath(QStringLiteral("run-straight")) + last), b(m_dir.filePath(QStringLiteral("run-killed")) + last);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY2(a.readAll() == b.readAll(), "the resumed run must end with bit-identical weights");
    }

    // A full disk while a resumed run saves: the run stops with run.disk_full, nothing half-written
    // stays, the earlier checkpoint is intact, and resuming with room again ends exactly as an
    // uninterrupted run. The full disk is a file-size limit (ulimit -f, SIGXFSZ ignored), which
    // fails writes with EFBIG as a full file system fails them with ENOSPC.
    void diskFullWhileSavingKeepsThePreviousCheckpoint() {
        // Uses makeModelTrainReport's tiny model and the straight run of sigkillThenResumeMatchesAnUninterruptedRun.
        const QString runDir = m_dir.filePath(QStringLiteral("run-full"));
        const QString jobFile = m_dir.filePath(QStringLiteral("full.json"));
        writeFile(jobFile, QStringLiteral(R"({"version":1,"name":"kill","model":{"path":"tiny"},"data":{"train":"data.csv","max_length":16},
                     "training":{"epochs":2,"batch_size":4,"learning_rate":0.003,"threads":1,"save_every_steps":2,
                                 "eval_every_steps":6,"log_every_steps":1},
                     "evaluation":{"counterfactual":false},"output":{"run_dir":"%1"}})").arg(runDir).toUtf8());
        // Stop it after its step-4 checkpoint (SIGKILL, as in the test above).
        QProcess p;
        p.start(QStringLiteral(FT_CLI_PATH), {QStringLiteral("train"), jobFile, QStringLiteral("--json")});
        QVERIFY(p.waitForStarted());
        bool killed = false;
        QByteArray pending;
        while (!killed && p.waitForReadyRead(60000)) {
            pending += p.readAllStandardOutput();
            if (pending.contains("\"event\":\"checkpoint\"") && pending.contains("step-0000004")) {
                p.kill();
                killed = true;
            }
        }
        QVERIFY(killed);
        QVERIFY(p.waitForFinished(10000));
        // The kill may land a step or two later: the newest complete checkpoint is what resume starts from.
        const auto completeCheckpoints = [&] {
            QStringList complete;
            for (const QString& d : QDir(runDir + QStringLiteral("/checkpoints")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
                if (QFile::exists(runDir + QStringLiteral("/checkpoints/") + d + QStringLiteral("/trainer_state.json"))) complete << d;
            return complete;
        };
        const QStringList before = completeCheckpoints();
        QVERIFY(!before.isEmpty());
        const QString kept = runDir + QStringLiteral("/checkpoints/") + before.last();
        const QByteArray keptWeights = fixtures::readAll(kept + QStringLiteral("/model.safetensors")).toLatin1();

        QProcess full;
        full.start(QStringLiteral("bash"), {QStringLiteral("-c"), QStringLiteral("trap '' XFSZ; ulimit -f 32; exec \"$0\" resume \"$1\""),
                                           QStringLiteral(FT_CLI_PATH), runDir});
        QVERIFY(full.waitForFinished(300000));
        const QString err = QString::fromUtf8(full.readAllStandardError());
        QCOMPARE(full.exitStatus(), QProcess::NormalExit);
        QCOMPARE(full.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("the disk is full")) && err.contains(QStringLiteral("checkpoint %1 is intact").arg(before.last())) &&
                     err.contains(QStringLiteral("finetune resume ")),
                 qPrintable(err));
        // Nothing half-written: no new checkpoint, no folder without its trainer_state.json, no staging folder, no probe file.
        QCOMPARE(completeCheckpoints(), before);
        QCOMPARE(QDir(runDir + QStringLiteral("/checkpoints")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), before);
        for (const QString& entry : QDir(runDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
            QVERIFY2(!entry.endsWith(QStringLiteral(".partial")) && entry != QStringLiteral(".ft-space-probe"), qPrintable(entry));
        QCOMPARE(fixtures::readAll(kept + QStringLiteral("/model.safetensors")).toLatin1(), keptWeights);

        Outcome resumed = runCli({QStringLiteral("resume"), runDir});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err + resumed.out));
        const QString last = QStringLiteral("/checkpoints/step-0000024/model.safetensors");
        QFile a(m_dir.filePath(QStringLiteral("run-straight")) + last), b(runDir + last);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY2(a.readAll() == b.readAll(), "after the full disk, the resumed run must still end with the uninterrupted run's weights");
    }

    // Out of memory (an address-space limit the job's activations cannot fit in): the run stops
    // cleanly with advice instead of a crash.
    void outOfMemoryStopsWithAdvice() {
        const QString csv = m_dir.filePath(QStringLiteral("long.csv"));
        QByteArray rows = "text,label\n";
        for (int i = 0; i < 1024; ++i) {
            rows += (i % 2 ? "great" : "awful");
            for (int w = 0; w < 300; ++w) rows += " film";
            rows += i % 2 ? ",pos\n" : ",neg\n";
        }
        writeFile(csv, rows);
        const QString jobFile = m_dir.filePath(QStringLiteral("oom.json"));
        writeFile(jobFile, QStringLiteral(R"({"version":1,"name":"oom","model":{"path":"tiny"},"data":{"train":"long.csv","max_length":256},
                     "training":{"epochs":1,"batch_size":1024,"threads":1},
                     "evaluation":{"counterfactual":false,"before_training":false},"output":{"run_dir":"%1"}})")
                               .arg(m_dir.filePath(QStringLiteral("run-oom")))
                               .toUtf8());
        QProcess p;
        p.start(QStringLiteral("bash"), {QStringLiteral("-c"), QStringLiteral("ulimit -v %1; exec \"$0\" train \"$1\"").arg(kOomAddressSpaceKb),
                                        QStringLiteral(FT_CLI_PATH), jobFile});
        QVERIFY(p.waitForFinished(300000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("out of memory at step 1")) && err.contains(QStringLiteral("batch_size 512 with grad_accum_steps 2")),
                 qPrintable(err));
    }

    // `inspect --verify` on damaged copies of the tiny model: a NaN weight, an extra tensor, a tensor of the wrong shape.
    void inspectVerifyNamesDamagedWeights() {
        const QString model = m_dir.filePath(QStringLiteral("tiny"));
        auto original = io::SafetensorsFile::open((model + QStringLiteral("/model.safetensors")).toStdString());
        QVERIFY2(original.ok(), original.ok() ? "" : original.error().describe().c_str());
        const auto damagedCopy = [&](const QString& name, const std::function<void(std::vector<io::TensorView>&, std::vector<QByteArray>&)>& damage) {
            const QString folder = m_dir.filePath(name);
            QDir().mkpath(folder);
            for (const QString& f : QDir(model).entryList(QDir::Files))
                if (f != QStringLiteral("model.safetensors")) QFile::copy(model + QLatin1Char('/') + f, folder + QLatin1Char('/') + f);
            std::vector<io::TensorView> tensors = original->tensors();
            std::vector<QByteArray> storage;  // owns the bytes the views point at
            storage.reserve(tensors.size() + 1);
            for (auto& t : tensors) {
                storage.emplace_back(static_cast<const char*>(t.data), static_cast<int>(t.nbytes));
                t.data = storage.back().constData();
            }
            damage(tensors, storage);
            const Status st = io::writeSafetensors((folder + QStringLiteral("/model.safetensors")).toStdString(), tensors);
            return st.ok() ? folder : QString();
        };
        const QString nan = damagedCopy(QStringLiteral("tiny-nan"), [](std::vector<io::TensorView>& tensors, std::vector<QByteArray>& storage) {
            for (size_t i = 0; i < tensors.size(); ++i)
                if (tensors[i].name.find("c_attn.weight") != std::string::npos) {
                    const float value = std::numeric_limits<float>::quiet_NaN();
                    std::memcpy(storage[i].data() + 4 * 5, &value, 4);
                    tensors[i].data = storage[i].constData();
                    return;
                }
        });
        QVERIFY(!nan.isEmpty());
        Outcome bad = runCli({QStringLiteral("inspect"), nan, QStringLiteral("--verify")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("c_attn.weight: 1 of")) && bad.err.contains(QStringLiteral("NaN or infinite")), qPrintable(bad.err));

        const QString extra = damagedCopy(QStringLiteral("tiny-extra"), [](std::vector<io::TensorView>& tensors, std::vector<QByteArray>& storage) {
            io::TensorView t = tensors.front();
            t.name = "h.0.attn.surplus.weight";
            storage.push_back(QByteArray(static_cast<const char*>(t.data), static_cast<int>(t.nbytes)));
            t.data = storage.back().constData();
            tensors.push_back(t);
        });
        QVERIFY(!extra.isEmpty());
        Outcome unexpected = runCli({QStringLiteral("inspect"), extra, QStringLiteral("--verify")});
        QCOMPARE(unexpected.exitCode, 1);
        QVERIFY2(unexpected.err.contains(QStringLiteral("h.0.attn.surplus.weight")), qPrintable(unexpected.err));

        const QString shape = damagedCopy(QStringLiteral("tiny-shape"), [](std::vector<io::TensorView>& tensors, std::vector<QByteArray>&) {
            for (auto& t : tensors)
                if (t.name.find("ln_f.weight") != std::string::npos) {
                    t.shape = {t.shape[0] / 2};
                    t.nbytes /= 2;
                    return;
                }
        });
        QVERIFY(!shape.isEmpty());
        Outcome mismatched = runCli({QStringLiteral("inspect"), shape, QStringLiteral("--verify")});
        QCOMPARE(mismatched.exitCode, 1);
        QVERIFY2(mismatched.err.contains(QStringLiteral("ln_f.weight")), qPrintable(mismatched.err));
    }

    // `finetune estimate`: the breakdown, JSON, and exit 3 when the job cannot fit.
    void estimate() {
        const auto writeJob = [&](const QString& name, int batch) {
            const QString file = m_dir.filePath(name);
            writeFile(file, QStringLiteral(R"({"version":1,"model":{"path":"tiny"},"data":{"train":"data.csv","max_length":%1},
                                              "training":{"batch_size":%2,"device":"cpu"}})")
                                .arg(batch > 1000 ? 4096 : 16)
                                .arg(batch)
                                .toUtf8());
            return file;
        };
        Outcome small = runCli({QStringLiteral("estimate"), writeJob(QStringLiteral("estimate-small.json"), 8)});
        QVERIFY2(small.exitCode == 0, qPrintable(small.err + small.out));
        for (const char* line : {"Weights:", "Gradients:", "Optimizer state:", "Activations:", "Total:", "fits"})
            QVERIFY2(small.out.contains(QLatin1String(line)), line);
        Outcome json = runCli({QStringLiteral("estimate"), m_dir.filePath(QStringLiteral("estimate-small.json")), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QVERIFY(o.value(QStringLiteral("trainable_params")).toDouble() > 0);
        QCOMPARE(o.value(QStringLiteral("total")).toDouble(),
                 o.value(QStringLiteral("weights")).toDouble() + o.value(QStringLiteral("gradients")).toDouble() +
                     o.value(QStringLiteral("optimizer")).toDouble() + o.value(QStringLiteral("activations")).toDouble() +
                     o.value(QStringLiteral("cast_cache")).toDouble() + o.value(QStringLiteral("runtime")).toDouble());
        QVERIFY(o.value(QStringLiteral("fits")).toBool());

        Outcome huge = runCli({QStringLiteral("estimate"), writeJob(QStringLiteral("estimate-huge.json"), 2000000)});
        QCOMPARE(huge.exitCode, 3);
        QVERIFY2(huge.out.contains(QStringLiteral("does NOT fit")) && huge.out.contains(QStringLiteral("try: batch_size")), qPrintable(huge.out));
    }

    void badJobNamesTheProblem() {
        const QString jobFile = m_dir.filePath(QStringLiteral("bad.json"));
        QFile job(jobFile);
        QVERIFY(job.open(QIODevice::WriteOnly));
        job.write(R"({"version":1,"model":{"path":"tiny"},"data":{"train":"data.csv"},"trainig":{}})");
        job.close();
        Outcome o = runCli({QStringLiteral("train"), jobFile});
        QCOMPARE(o.exitCode, 1);
        QVERIFY2(o.err.contains(QStringLiteral("bad.json")) && o.err.contains(QStringLiteral("trainig")), qPrintable(o.err));

        Outcome missing = runCli({QStringLiteral("train"), m_dir.filePath(QStringLiteral("nope.json"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("nope.json")));

        Outcome badInt = runCli({QStringLiteral("make-tiny-model"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x")),
                                 QStringLiteral("--layers"), QStringLiteral("two")});
        QCOMPARE(badInt.exitCode, 1);
        QVERIFY(badInt.err.contains(QStringLiteral("--layers")));

        // resume: a folder that is no run, and a run without a checkpoint yet.
        const QString notARun = m_dir.filePath(QStringLiteral("not-a-run"));
        QVERIFY(QDir().mkpath(notARun));
        Outcome noJob = runCli({QStringLiteral("resume"), notARun});
        QCOMPARE(noJob.exitCode, 1);
        QVERIFY2(noJob.err.contains(QStringLiteral("not-a-run")) && noJob.err.contains(QStringLiteral("job.json")), qPrintable(noJob.err));
        const QString fresh = m_dir.filePath(QStringLiteral("fresh-run"));
        QVERIFY(QDir().mkpath(fresh));
        writeFile(fresh + QStringLiteral("/job.json"), R"({"version":1,"model":{"path":"tiny"},"data":{"train":"data.csv"}})");
        Outcome noCheckpoint = runCli({QStringLiteral("resume"), fresh});
        QCOMPARE(noCheckpoint.exitCode, 1);
        QVERIFY2(noCheckpoint.err.contains(QStringLiteral("no complete checkpoint")) && noCheckpoint.err.contains(QStringLiteral("finetune train")),
                 qPrintable(noCheckpoint.err));
    }

    // `finetune bundle`: a job file becomes a folder with job.json and the two launch scripts.
    void bundle() {
        const QString jobFile = m_dir.filePath(QStringLiteral("bundle-job.json"));
        QFile job(jobFile);
        QVERIFY(job.open(QIODevice::WriteOnly));
        job.write(R"({"version":1,"name":"b","model":{"path":"tiny"},"data":{"train":"data.csv"},"training":{"threads":1}})");
        job.close();
        const QString out = m_dir.filePath(QStringLiteral("bundle"));
        Outcome o = runCli({QStringLiteral("bundle"), jobFile, QStringLiteral("--out"), out, QStringLiteral("--nproc"), QStringLiteral("3")});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY(o.out.contains(QStringLiteral("run-local.sh")));
        QVERIFY(QFileInfo(out + QStringLiteral("/run-local.sh")).isExecutable());
        QVERIFY(QFileInfo(out + QStringLiteral("/run-slurm.sh")).isExecutable());
        QVERIFY(fixtures::readAll(out + QStringLiteral("/run-local.sh")).contains(QStringLiteral("launch --nproc 3 ")));
        QVERIFY(fixtures::readAll(out + QStringLiteral("/run-slurm.sh")).contains(QStringLiteral("--ntasks-per-node=3")));
        // The job's paths (relative to the job file) are absolute in the bundle, which lies elsewhere.
        const QString json = fixtures::readAll(out + QStringLiteral("/job.json"));
        QVERIFY2(json.contains(QStringLiteral("\"") + m_dir.filePath(QStringLiteral("tiny")) + QStringLiteral("\"")), qPrintable(json));

        Outcome again = runCli({QStringLiteral("bundle"), jobFile, QStringLiteral("--out"), out});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("not empty")), qPrintable(again.err));
        Outcome badCount = runCli({QStringLiteral("bundle"), jobFile, QStringLiteral("--out"), out + QStringLiteral("2"),
                                   QStringLiteral("--nproc"), QStringLiteral("0")});
        QCOMPARE(badCount.exitCode, 2);
        QVERIFY(badCount.err.contains(QStringLiteral("--nproc")));
        QCOMPARE(runCli({QStringLiteral("bundle"), jobFile}).exitCode, 2);
    }

    // `finetune tokenize` on a Qwen2-style folder: ids, tokens and offsets, pairs, decoding, and the
    // chat template (tests/data/chat_templates/qwen2_instruct.jinja inline in tokenizer_config.json).
    void tokenize() {
        const QString folder = m_dir.filePath(QStringLiteral("qwen-tokenizer"));
        QVERIFY(QDir().mkpath(folder));
        const QByteArray tokenizerJson = dataFile("tokenize/qwen2.json");
        QVERIFY(!tokenizerJson.isEmpty());
        writeFile(folder + QStringLiteral("/tokenizer.json"), tokenizerJson);
        QJsonObject config{{QStringLiteral("eos_token"), QStringLiteral("<|im_end|>")},
                           {QStringLiteral("pad_token"), QStringLiteral("<|endoftext|>")},
                           {QStringLiteral("chat_template"),
                            QString::fromUtf8(dataFile("chat_templates/qwen2_instruct.jinja"))}};
        writeFile(folder + QStringLiteral("/tokenizer_config.json"), QJsonDocument(config).toJson());
        const QString tok = QStringLiteral("tokenize");

        Outcome table = runCli({tok, folder, QStringLiteral("--text"), QStringLiteral("Hello world")});
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        QVERIFY2(table.out.contains(QStringLiteral("[0, ")) && table.out.contains(QStringLiteral(", 11)")), qPrintable(table.out));

        Outcome json = runCli({tok, folder, QStringLiteral("--text"), QStringLiteral("Hello world"), QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject enc = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QJsonArray ids = enc[QStringLiteral("ids")].toArray(), offsets = enc[QStringLiteral("offsets")].toArray();
        QVERIFY(!ids.isEmpty());
        QCOMPARE(enc[QStringLiteral("tokens")].toArray().size(), ids.size());
        QCOMPARE(offsets.size(), ids.size());
        int end = 0;
        for (const auto& o : offsets) {  // contiguous byte ranges covering the text
            QCOMPARE(o.toArray()[0].toInt(), end);
            end = o.toArray()[1].toInt();
        }
        QCOMPARE(end, 11);

        Outcome pair = runCli({tok, folder, QStringLiteral("--text"), QStringLiteral("a b"), QStringLiteral("--pair"),
                               QStringLiteral("c"), QStringLiteral("--json")});
        QVERIFY2(pair.exitCode == 0, qPrintable(pair.err));
        const QJsonArray seq = QJsonDocument::fromJson(pair.out.toUtf8()).object()[QStringLiteral("sequence_ids")].toArray();
        QVERIFY(seq.contains(0) && seq.contains(1));

        QStringList idText;
        for (const auto& id : ids) idText << QString::number(id.toInt());
        Outcome decoded = runCli({tok, folder, QStringLiteral("--decode"), idText.join(QLatin1Char(','))});
        QVERIFY2(decoded.exitCode == 0, qPrintable(decoded.err));
        QCOMPARE(decoded.out, QStringLiteral("Hello world\n"));

        const QString messages = m_dir.filePath(QStringLiteral("messages.json"));
        writeFile(messages, R"([{"role": "user", "content": "Hi there"}])");
        Outcome chat = runCli({tok, folder, QStringLiteral("--chat"), messages, QStringLiteral("--generation-prompt"),
                               QStringLiteral("--json")});
        QVERIFY2(chat.exitCode == 0, qPrintable(chat.err));
        const QJsonObject rendered = QJsonDocument::fromJson(chat.out.toUtf8()).object();
        QCOMPARE(rendered[QStringLiteral("text")].toString(),
                 QStringLiteral("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi there<|im_end|>\n"
                                "<|im_start|>assistant\n"));
        QCOMPARE(rendered[QStringLiteral("ids")].toArray().first().toInt(), 777);  // <|im_start|>
        Outcome chatText = runCli({tok, folder, QStringLiteral("--chat"), messages});
        QVERIFY2(chatText.exitCode == 0 && chatText.out.contains(QStringLiteral(" ids: 777")), qPrintable(chatText.out));
    }

    void tokenizeErrors() {
        const QString tok = QStringLiteral("tokenize");
        QCOMPARE(runCli({tok}).exitCode, 2);
        Outcome missing = runCli({tok, m_dir.filePath(QStringLiteral("no-such-dir")), QStringLiteral("--text"), QStringLiteral("x")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("no-such-dir")));

        const QString folder = m_dir.filePath(QStringLiteral("plain-tokenizer"));
        QVERIFY(QDir().mkpath(folder));
        writeFile(folder + QStringLiteral("/tokenizer.json"), dataFile("tokenize/gpt2.json"));
        Outcome badIds = runCli({tok, folder, QStringLiteral("--decode"), QStringLiteral("1,x")});
        QCOMPARE(badIds.exitCode, 1);
        QVERIFY(badIds.err.contains(QStringLiteral("--decode")));

        const QString messages = m_dir.filePath(QStringLiteral("one.json"));
        writeFile(messages, R"([{"role": "user", "content": "x"}])");
        Outcome noTemplate = runCli({tok, folder, QStringLiteral("--chat"), messages});
        QCOMPARE(noTemplate.exitCode, 1);
        QVERIFY2(noTemplate.err.contains(QStringLiteral("no chat template")), qPrintable(noTemplate.err));

        writeFile(folder + QStringLiteral("/chat_template.jinja"), "{% for m in messages %}\n{{ m.content | nope }}{% endfor %}");
        Outcome badTemplate = runCli({tok, folder, QStringLiteral("--chat"), messages});
        QCOMPARE(badTemplate.exitCode, 1);
        QVERIFY2(badTemplate.err.contains(QStringLiteral("chat_template.jinja:2")) && badTemplate.err.contains(QStringLiteral("nope")),
                 qPrintable(badTemplate.err));
    }
    // `finetune generate`: streamed text, the same text for the same settings (greedy, or sampled with
    // a seed), stop strings, the summary line, and usage errors.
    // A tiny T5 (sentencepiece spiece.model through the bridge) generates from its decoder start
    // token; the same seed samples the same text.
    void generateWithT5() {
        const QString model = m_dir.filePath(QStringLiteral("t5-model"));
        Outcome made = runCli({QStringLiteral("make-tiny-model"), QStringLiteral("--arch"), QStringLiteral("t5"), QStringLiteral("--out"), model});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QVERIFY(QFile::exists(model + QStringLiteral("/spiece.model")));
        QVERIFY(!QFileInfo::exists(model + QStringLiteral(".tokenizer-work")));  // the training folder is gone
        // T5 is fine-tunable (text to text): inspect --verify reads every weight and exits 0.
        Outcome inspected = runCli({QStringLiteral("inspect"), model, QStringLiteral("--verify")});
        QVERIFY2(inspected.exitCode == 0, qPrintable(inspected.out + inspected.err));
        QVERIFY(inspected.out.contains(QStringLiteral("ready to fine-tune")));
        QVERIFY(inspected.out.contains(QStringLiteral("Every weight is present")));
        const QStringList args = {QStringLiteral("generate"), model, QStringLiteral("--prompt"), QStringLiteral("summarize: the lamp is bright"),
                                  QStringLiteral("--max-new-tokens"), QStringLiteral("5"), QStringLiteral("--temperature"),
                                  QStringLiteral("1.0"), QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--json")};
        Outcome a = runCli(args), b = runCli(args);
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        const QStringList lines = a.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QJsonObject summary = QJsonDocument::fromJson(lines.last().toUtf8()).object();
        QVERIFY2(summary.value(QStringLiteral("done")).toBool(), qPrintable(a.out));
        QCOMPARE(summary.value(QStringLiteral("tokens")).toInt(), 5);
        const QStringList again = b.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(QJsonDocument::fromJson(again.last().toUtf8()).object().value(QStringLiteral("token_ids")),
                 summary.value(QStringLiteral("token_ids")));
    }

    void generate() {
        const QString model = m_dir.filePath(QStringLiteral("gen-model"));
        QCOMPARE(fixtures::makeTinyGpt2(model, 4), QString());
        const QString gen = QStringLiteral("generate"), prompt = QStringLiteral("--prompt"), max = QStringLiteral("--max-new-tokens");
        auto lastObject = [](const QString& out) {
            const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last().toUtf8()).object();
        };

        Outcome greedy = runCli({gen, model, prompt, QStringLiteral("the lamp is"), max, QStringLiteral("6"), QStringLiteral("--json")});
        QCOMPARE(greedy.exitCode, 0);
        const QJsonObject summary = lastObject(greedy.out);
        QVERIFY2(summary.value(QStringLiteral("done")).toBool(), qPrintable(greedy.out));
        QVERIFY(summary.value(QStringLiteral("tokens")).toInt() <= 6);
        const QString text = summary.value(QStringLiteral("text")).toString();
        QString streamed;  // the pieces add up to the text
        for (const QString& line : greedy.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            if (!o.contains(QStringLiteral("done"))) streamed += o.value(QStringLiteral("text")).toString();
        }
        QCOMPARE(streamed, text);
        Outcome plain = runCli({gen, model, prompt, QStringLiteral("the lamp is"), max, QStringLiteral("6")});
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(plain.out, text + QStringLiteral("\n"));
        QVERIFY(plain.err.contains(QStringLiteral("tokens")));

        const QStringList sampled = {gen, model, prompt, QStringLiteral("the lamp is"), max, QStringLiteral("8"), QStringLiteral("--temperature"),
                                     QStringLiteral("1.2"), QStringLiteral("--top-k"), QStringLiteral("50"), QStringLiteral("--top-p"),
                                     QStringLiteral("0.95"), QStringLiteral("--repetition-penalty"), QStringLiteral("1.1"),
                                     QStringLiteral("--seed"), QStringLiteral("11")};
        Outcome a = runCli(sampled), b = runCli(sampled);
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(a.out, b.out);

        if (text.size() >= 3) {
            const QString stop = text.mid(text.size() / 2, 2);
            Outcome stopped = runCli({gen, model, prompt, QStringLiteral("the lamp is"), max, QStringLiteral("6"), QStringLiteral("--stop"),
                                      QStringLiteral("never-generated"), QStringLiteral("--stop"), stop, QStringLiteral("--json")});
            QCOMPARE(stopped.exitCode, 0);
            const QJsonObject s = lastObject(stopped.out);
            QCOMPARE(s.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("stop_string"));
            QCOMPARE(s.value(QStringLiteral("text")).toString(), text.left(text.indexOf(stop)));
        }

        Outcome badTopP = runCli({gen, model, prompt, QStringLiteral("x"), QStringLiteral("--top-p"), QStringLiteral("2")});
        QCOMPARE(badTopP.exitCode, 2);
        QVERIFY(badTopP.err.contains(QStringLiteral("--top-p")));
        Outcome noPrompt = runCli({gen, model});
        QCOMPARE(noPrompt.exitCode, 2);
        const QString empty = m_dir.filePath(QStringLiteral("gen-empty"));
        QVERIFY(QDir().mkpath(empty));
        Outcome notAModel = runCli({gen, empty, prompt, QStringLiteral("x")});
        QCOMPARE(notAModel.exitCode, 1);
        QVERIFY(notAModel.err.contains(QStringLiteral("neither a run folder")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
