// writeJobBundle: the folder's files, job.json's paths (relative inside the bundle, absolute outside),
// executable scripts with the right commands, all-or-nothing writing and clear errors.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/api/job_bundle.h"
#include "core/api/job_config.h"

namespace {

QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

std::string str(const QString& s) { return s.toStdString(); }

}  // namespace

class TestJobBundle : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    ft::api::JobConfig job(const QString& bundle) const {
        ft::api::JobConfig j;
        j.name = "tiny job";
        j.model.path = str(m_tmp.filePath(QStringLiteral("models/tiny")));         // outside the bundle
        j.data.train = str(bundle + QStringLiteral("/data/train.csv"));             // inside it
        j.data.validation = str(bundle + QStringLiteral("/./data/../data/val.csv"));  // inside, not normalised
        j.output.runsDir = str(m_tmp.filePath(QStringLiteral("runs")));
        return j;
    }

private Q_SLOTS:
    void writesAllFiles() {
        const QString bundle = m_tmp.filePath(QStringLiteral("bundle"));
        ft::Status st = ft::api::writeJobBundle(job(bundle), str(bundle), 3);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        QDir dir(bundle);
        QCOMPARE(dir.entryList(QDir::Files | QDir::Hidden, QDir::Name),
                 (QStringList{QStringLiteral("README.txt"), QStringLiteral("job.json"), QStringLiteral("run-local.sh"),
                              QStringLiteral("run-slurm.sh")}));
        // No staging folder is left beside it.
        QCOMPARE(QDir(m_tmp.path()).entryList(QStringList{QStringLiteral(".bundle.staging-*")}, QDir::Dirs | QDir::Hidden).size(), 0);

        // job.json as written: paths inside the bundle relative, others absolute.
        const QString json = readText(dir.filePath(QStringLiteral("job.json")));
        QVERIFY(json.contains(QStringLiteral("\"train\": \"data/train.csv\"")));
        QVERIFY(json.contains(QStringLiteral("\"validation\": \"data/val.csv\"")));
        QVERIFY(json.contains(QStringLiteral("\"path\": \"") + QDir::cleanPath(m_tmp.filePath(QStringLiteral("models/tiny"))) + QLatin1Char('"')));

        // ... and read back: relative paths resolve against the bundle, everything else is unchanged.
        auto back = ft::api::readJobConfig(str(dir.filePath(QStringLiteral("job.json"))));
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().describe().c_str());
        ft::api::JobConfig expected = job(bundle);
        expected.data.validation = str(QDir::cleanPath(bundle + QStringLiteral("/data/val.csv")));
        QCOMPARE(QString::fromStdString(ft::api::jobConfigToJson(*back)), QString::fromStdString(ft::api::jobConfigToJson(expected)));
    }

    void scriptsAreExecutableAndRunTheJob() {
        const QString bundle = m_tmp.filePath(QStringLiteral("scripts"));
        QVERIFY(ft::api::writeJobBundle(job(bundle), str(bundle), 4).ok());
        for (const char* name : {"run-local.sh", "run-slurm.sh"}) {
            const QFileInfo info(bundle + QLatin1Char('/') + QLatin1String(name));
            QVERIFY2(info.isExecutable(), name);
            QVERIFY(readText(info.filePath()).startsWith(QStringLiteral("#!/")));
            QCOMPARE(QProcess::execute(QStringLiteral("bash"), {QStringLiteral("-n"), info.filePath()}), 0);  // parses
        }
        QVERIFY(!QFileInfo(bundle + QStringLiteral("/job.json")).isExecutable());
        const QString local = readText(bundle + QStringLiteral("/run-local.sh"));
        QVERIFY2(local.contains(QStringLiteral("launch --nproc 4 \"$here/job.json\"")), qPrintable(local));

        const QString slurm = readText(bundle + QStringLiteral("/run-slurm.sh"));
        QVERIFY(slurm.contains(QStringLiteral("#SBATCH --ntasks-per-node=4\n")));
        QVERIFY(slurm.contains(QStringLiteral("#SBATCH --nodes=1\n")));
        QVERIFY(slurm.contains(QStringLiteral("#SBATCH --job-name=tiny_job\n")));
        for (const char* mapping : {"RANK=$SLURM_PROCID", "WORLD_SIZE=$SLURM_NTASKS", "LOCAL_RANK=$SLURM_LOCALID",
                                    "LOCAL_WORLD_SIZE=$SLURM_NTASKS_PER_NODE",
                                    "MASTER_ADDR=$(scontrol show hostnames $SLURM_JOB_NODELIST | head -1)", "MASTER_PORT=29500",
                                    "train \"$BUNDLE_DIR/job.json\"", "srun "})
            QVERIFY2(slurm.contains(QLatin1String(mapping)), mapping);
        const QString readme = readText(bundle + QStringLiteral("/README.txt"));
        QVERIFY(readme.contains(QStringLiteral("sbatch run-slurm.sh")));
        QVERIFY(readme.contains(QStringLiteral("finetune launch --nproc 4 job.json")));
    }

    void emptyFolderIsFilled() {
        const QString bundle = m_tmp.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(bundle));
        QVERIFY(ft::api::writeJobBundle(job(bundle), str(bundle) + "/", 1).ok());
        QVERIFY(QFileInfo::exists(bundle + QStringLiteral("/job.json")));
    }

    void badFolderIsAClearError() {
        // An existing, non-empty folder is left alone.
        const QString full = m_tmp.filePath(QStringLiteral("full"));
        QVERIFY(QDir().mkpath(full));
        QFile keep(full + QStringLiteral("/keep.txt"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.close();
        ft::Status st = ft::api::writeJobBundle(job(full), str(full), 2);
        QVERIFY(!st.ok());
        QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("bundle.folder_not_empty"));
        QCOMPARE(QString::fromStdString(st.error().file), full);
        QCOMPARE(QDir(full).entryList(QDir::Files).size(), 1);

        // A file where the folder should be, and a folder below a file.
        const QString file = full + QStringLiteral("/keep.txt");
        st = ft::api::writeJobBundle(job(file), str(file), 2);
        QVERIFY(!st.ok());
        QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("bundle.not_a_folder"));
        st = ft::api::writeJobBundle(job(file), str(file + QStringLiteral("/sub")), 2);
        QVERIFY(!st.ok());
        QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("bundle.write_failed"));
        QVERIFY(!st.error().message.empty());

        // A job that job.json cannot hold is refused with parseJobConfig's error.
        ft::api::JobConfig noModel = job(full);
        noModel.model.path.clear();
        st = ft::api::writeJobBundle(noModel, str(m_tmp.filePath(QStringLiteral("no-model"))), 2);
        QVERIFY(!st.ok());
        QCOMPARE(QString::fromStdString(st.error().field), QStringLiteral("model.path"));
        QVERIFY(!QFileInfo::exists(m_tmp.filePath(QStringLiteral("no-model"))));

        st = ft::api::writeJobBundle(job(full), str(m_tmp.filePath(QStringLiteral("zero"))), 0);
        QCOMPARE(QString::fromStdString(st.error().code), QStringLiteral("bundle.invalid_workers"));
        QVERIFY(!QFileInfo::exists(m_tmp.filePath(QStringLiteral("zero"))));
    }
};

QTEST_GUILESS_MAIN(TestJobBundle)
#include "test_job_bundle.moc"
