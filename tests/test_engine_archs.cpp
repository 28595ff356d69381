// The engine trains a classifier on every architecture of the model zoo: a few steps end to end.

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <vector>

#include "core/api/engine.h"
#include "core/api/tiny_model.h"
#include "test_fixtures.h"

using namespace ft;

namespace {

class Recorder : public api::EngineObserver {
public:
    void onEvent(const api::TrainEvent& e) override { events.push_back(e); }
    std::vector<api::TrainEvent> events;
};

}  // namespace

class TestEngineArchs : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_csv;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_csv = m_dir.filePath(QStringLiteral("easy.csv"));
        fixtures::writeEasyCsv(m_csv, 48);
    }

    void trainsAClassifier_data() {
        QTest::addColumn<QString>("arch");
        for (const char* arch : {"bert", "distilbert", "llama", "qwen2"}) QTest::newRow(arch) << QString::fromLatin1(arch);
    }

    void trainsAClassifier() {
        QFETCH(QString, arch);
        api::TinyModelSpec spec;
        spec.architecture = arch.toStdString();
        spec.outputFolder = m_dir.filePath(arch).toStdString();
        spec.layers = 2;
        spec.hidden = 32;
        spec.heads = 4;
        spec.vocabSize = 400;
        spec.maxPositions = 64;
        spec.seed = 1;
        Status made = api::makeTinyModel(spec);
        QVERIFY2(made.ok(), made.ok() ? "" : made.error().describe().c_str());

        api::JobConfig job;
        job.name = "archs";
        job.model.path = spec.outputFolder;
        job.data.train = m_csv.toStdString();
        job.data.maxLength = 16;
        job.training.maxSteps = 3;
        job.training.batchSize = 8;
        job.training.learningRate = 1e-3;
        job.training.logEverySteps = 1;
        job.training.threads = 2;
        job.output.runDir = m_dir.filePath(QStringLiteral("run-") + arch).toStdString();

        api::Engine engine;
        Recorder rec;
        Status st = engine.run(job, rec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        QVERIFY(!rec.events.empty());
        QCOMPARE(rec.events.back().kind, api::EventKind::Finished);
        int steps = 0;
        for (const auto& e : rec.events) {
            if (e.kind != api::EventKind::Step) continue;
            ++steps;
            QVERIFY2(std::isfinite(e.loss) && e.loss > 0, qPrintable(QString::number(e.loss)));
        }
        QCOMPARE(steps, 3);
    }
};

QTEST_GUILESS_MAIN(TestEngineArchs)
#include "test_engine_archs.moc"
