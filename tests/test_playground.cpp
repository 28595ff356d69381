// The Playground step under -platform offscreen: tiny models generate side by side (streamed,
// stoppable) and a tiny classifier gives label probabilities, all on the Playground's thread.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "test_fixtures.h"
#include "ui/app_setup.h"
#include "ui/main_window.h"
#include "ui/panels/playground_panel.h"
#include "ui/playground_controller.h"

using ft::ui::PlaygroundPanel;
using ft::ui::PlaygroundSide;

namespace {

constexpr int kTimeoutMs = 120000;

// The tiny GPT-2 with a sequence-classification head (labels neg, pos); the head starts random.
QString makeClassifier(const QString& lm, const QString& folder) {
    QDir().mkpath(folder);
    for (const QString& name : QDir(lm).entryList(QDir::Files)) QFile::copy(lm + QLatin1Char('/') + name, folder + QLatin1Char('/') + name);
    const QString configFile = folder + QStringLiteral("/config.json");
    QJsonObject config = QJsonDocument::fromJson(fixtures::readAll(configFile).toUtf8()).object();
    config[QStringLiteral("architectures")] = QJsonArray{QStringLiteral("GPT2ForSequenceClassification")};
    config[QStringLiteral("id2label")] = QJsonObject{{QStringLiteral("0"), QStringLiteral("neg")}, {QStringLiteral("1"), QStringLiteral("pos")}};
    config[QStringLiteral("label2id")] = QJsonObject{{QStringLiteral("neg"), 0}, {QStringLiteral("pos"), 1}};
    QFile::remove(configFile);
    return fixtures::writeFile(configFile, QJsonDocument(config).toJson()) ? QString() : QStringLiteral("cannot write ") + configFile;
}

}  // namespace

class TestPlayground : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_lm, m_otherLm, m_classifier;

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("finetune-studio-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_playground"));
        ft::ui::initResources();
        m_lm = m_dir.filePath(QStringLiteral("lm"));
        m_otherLm = m_dir.filePath(QStringLiteral("lm-base"));
        m_classifier = m_dir.filePath(QStringLiteral("classifier"));
        QCOMPARE(fixtures::makeTinyGpt2(m_lm, 1), QString());
        QCOMPARE(fixtures::makeTinyGpt2(m_otherLm, 2), QString());
        QCOMPARE(makeClassifier(m_lm, m_classifier), QString());
    }

    void generatesSideBySide() {
        PlaygroundPanel panel;
        panel.show();
        panel.setFineTunedModel(m_lm);
        panel.setBaseModel(m_otherLm);
        panel.setInputText(QStringLiteral("the lamp is"));
        ft::api::GenerationSettings settings;
        settings.maxNewTokens = 6;
        panel.setGenerationSettings(settings);
        QCOMPARE(panel.generationSettings().maxNewTokens, int64_t(6));
        QSignalSpy finished(&panel, &PlaygroundPanel::requestFinished);
        QVERIFY(panel.generate());
        QVERIFY(panel.isBusy());
        QVERIFY(!panel.generate());  // one request at a time
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY(!panel.isBusy());
        for (auto side : {PlaygroundSide::FineTuned, PlaygroundSide::Base}) {
            auto* column = panel.column(side);
            QVERIFY2(!column->text().isEmpty(), qPrintable(column->status()));
            QVERIFY2(column->status().contains(QStringLiteral("token")), qPrintable(column->status()));
        }
        QCOMPARE(panel.state(), ft::ui::StepState::Done);
        // Greedy twice: the same text.
        const QString first = panel.column(PlaygroundSide::FineTuned)->text();
        QVERIFY(panel.generate());
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(panel.column(PlaygroundSide::FineTuned)->text(), first);
    }

    void stopEndsGeneration() {
        PlaygroundPanel panel;
        panel.setFineTunedModel(m_lm);
        panel.setBaseModel(QString());
        panel.setInputText(QStringLiteral("the"));
        ft::api::GenerationSettings settings;
        settings.maxNewTokens = 4000;  // the 64-position model would stop at its context otherwise
        settings.temperature = 1.0;
        panel.setGenerationSettings(settings);
        // Stop as soon as the first text is generated: stop() is an atomic, callable from the worker thread.
        ft::ui::PlaygroundController* controller = panel.findChild<ft::ui::PlaygroundController*>();
        QVERIFY(controller);
        connect(controller->worker(), &ft::ui::PlaygroundWorker::textGenerated, &panel, [&panel]() { panel.stop(); },
                Qt::DirectConnection);
        QSignalSpy finished(&panel, &PlaygroundPanel::requestFinished);
        QVERIFY(panel.generate());
        QVERIFY(finished.wait(kTimeoutMs));
        const QString status = panel.column(PlaygroundSide::FineTuned)->status();
        QVERIFY2(status.contains(QStringLiteral("stopped")), qPrintable(status));
        QVERIFY(!panel.column(PlaygroundSide::FineTuned)->text().isEmpty());  // what came so far stays
    }

    void classifiesWithProbabilities() {
        PlaygroundPanel panel;
        panel.setFineTunedModel(m_classifier);
        panel.setBaseModel(m_lm);  // a causal LM: it cannot classify, and says so
        panel.setInputText(QStringLiteral("the kettle is great"));
        QSignalSpy finished(&panel, &PlaygroundPanel::requestFinished);
        QVERIFY(panel.classify());
        QVERIFY(finished.wait(kTimeoutMs));
        auto* tuned = panel.column(PlaygroundSide::FineTuned);
        QCOMPARE(tuned->labelCount(), 2);
        QCOMPARE(tuned->label(0), QStringLiteral("neg"));
        QCOMPARE(tuned->label(1), QStringLiteral("pos"));
        QVERIFY(std::abs(tuned->probability(0) + tuned->probability(1) - 1.0) < 1e-9);
        QVERIFY(panel.column(PlaygroundSide::Base)->status().contains(QStringLiteral("classification head")));
        QCOMPARE(panel.state(), ft::ui::StepState::Done);  // the base's missing head is a note, not a failure

        panel.setFineTunedModel(m_dir.filePath(QStringLiteral("no-such-model")));
        QVERIFY(panel.classify());
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY(!panel.column(PlaygroundSide::FineTuned)->status().isEmpty());
        QCOMPARE(panel.state(), ft::ui::StepState::NeedsAttention);
    }

    // Explain runs integrated gradients on the worker thread and shades the text; a causal LM says
    // it cannot be explained.
    void explainsAClassifier() {
        PlaygroundPanel panel;
        panel.show();
        QPushButton* button = nullptr;
        for (auto* b : panel.findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Explain")) button = b;
        QVERIFY(button && button->isVisible());
        panel.setFineTunedModel(m_classifier);
        panel.setBaseModel(m_lm);
        panel.setInputText(QStringLiteral("the caf\u00e9 is great"));
        QSignalSpy finished(&panel, &PlaygroundPanel::requestFinished);
        QVERIFY(button->isEnabled());
        button->click();
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY(panel.column(PlaygroundSide::FineTuned)->showsAttributions());
        QVERIFY2(panel.column(PlaygroundSide::FineTuned)->status().contains(QStringLiteral("no words")),
                 qPrintable(panel.column(PlaygroundSide::FineTuned)->status()));
        QVERIFY(!panel.column(PlaygroundSide::Base)->showsAttributions());
        QVERIFY(panel.column(PlaygroundSide::Base)->status().contains(QStringLiteral("classifiers")));
        // The slot also takes spans computed elsewhere.
        panel.showAttributions(PlaygroundSide::Base, QStringLiteral("the kettle is great"), {{0, 3, -0.1}, {4, 10, 0.2}, {14, 19, 0.9}});
        QVERIFY(panel.column(PlaygroundSide::Base)->showsAttributions());
    }

    void isAStepAfterExport() {
        ft::ui::MainWindowOptions options;
        options.runsDir = m_dir.filePath(QStringLiteral("runs"));
        ft::ui::MainWindow window(options);
        window.setCurrentStep(ft::ui::Step::Playground);
        QCOMPARE(window.currentStep(), ft::ui::Step::Playground);
        QCOMPARE(static_cast<int>(ft::ui::Step::Playground), static_cast<int>(ft::ui::Step::Export) + 1);
        QVERIFY(window.playgroundPanel());
    }
};

QTEST_MAIN(TestPlayground)
#include "test_playground.moc"
