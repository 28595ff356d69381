// The Model step's "Download from Hugging Face…" dialog against the stand-in Hub: repo id validation,
// Check lists the files with sizes, Download runs off the GUI thread with progress and Cancel, and the
// Model step selects the downloaded model.

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTreeWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QtTest>

#include "hub_test_server.h"
#include "test_fixtures.h"
#include "core/api/hub_catalog.h"
#include "ui/hub_download_dialog.h"
#include "ui/hub_download_job.h"
#include "ui/panels/model_panel.h"

using ft::ui::HubDownloadDialog;

namespace {

QTreeWidgetItem* row(QTreeWidget* list, const QString& file) {
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(0) == file) return list->topLevelItem(i);
    return nullptr;
}

}  // namespace

class TestHubDialog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    HubTestServer m_server;
    int m_homes = 0;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("finetune-studio-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_hub_dialog"));
        const QString source = m_dir.filePath(QStringLiteral("source"));
        const QString made = fixtures::makeTinyGpt2(source);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QString why = m_server.start(m_dir.filePath(QStringLiteral("hub-root")));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(m_server.addRepo(QStringLiteral("org/tiny-gpt2"), source));
        QVERIFY(m_server.addFile(QStringLiteral("org/tiny-gpt2"), QStringLiteral("pytorch_model.bin"),
                                 QByteArray(3000, 'p')));
        QVERIFY(m_server.addRepo(QStringLiteral("org/gated"), source));
        QVERIFY(m_server.addFile(QStringLiteral("org/gated"), QStringLiteral(".gated"), "hf_secret"));
        qputenv("HF_ENDPOINT", m_server.endpoint().toUtf8());
        for (const char* v : {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN",
                              "HF_TOKEN_PATH", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"})
            qunsetenv(v);
    }

    void init() {
        const QString home = m_dir.filePath(QStringLiteral("home-%1").arg(++m_homes));
        QDir().mkpath(home);
        qputenv("HF_HOME", home.toUtf8());
        m_server.setModes({});
    }

    void validatesTheRepositoryId() {
        HubDownloadDialog dialog;
        QVERIFY(!dialog.checkButton()->isEnabled());
        dialog.repoEdit()->setText(QStringLiteral("not a/repo/id"));
        QVERIFY(!dialog.checkButton()->isEnabled());
        QVERIFY(!dialog.downloadButton()->isEnabled());
        dialog.repoEdit()->setText(QStringLiteral("org/tiny-gpt2"));
        QVERIFY(dialog.checkButton()->isEnabled());
        QVERIFY(dialog.downloadButton()->isEnabled());
        dialog.revisionEdit()->clear();
        QVERIFY(!dialog.downloadButton()->isEnabled());
    }

    // The catalog fills in a valid repository id for each well-known model.
    void catalogFillsTheRepository() {
        HubDownloadDialog dialog;
        QComboBox* catalog = dialog.catalogCombo();
        QCOMPARE(catalog->count(), 1 + int(ft::api::wellKnownModels().size()));
        for (int i = 1; i < catalog->count(); ++i) {
            QVERIFY(catalog->itemText(i).contains(QStringLiteral("parameters")));
            Q_EMIT catalog->activated(i);
            QCOMPARE(dialog.repoEdit()->text(), catalog->itemData(i).toString());
            QVERIFY2(dialog.checkButton()->isEnabled(), qPrintable(dialog.repoEdit()->text()));
        }
        QCOMPARE(catalog->itemData(4).toString(), QStringLiteral("openai-community/gpt2"));
    }

    void checkListsFilesWithSizes() {
        HubDownloadDialog dialog;
        dialog.show();
        dialog.repoEdit()->setText(QStringLiteral("org/tiny-gpt2"));
        QSignalSpy listed(dialog.job(), &ft::ui::HubDownloadJob::listed);
        dialog.checkButton()->click();
        QVERIFY(listed.wait(20000));
        QTreeWidgetItem* weights = row(dialog.fileList(), QStringLiteral("model.safetensors"));
        QVERIFY(weights);
        QCOMPARE(weights->text(2), QStringLiteral("yes"));
        QVERIFY(!weights->text(1).isEmpty());
        QTreeWidgetItem* bin = row(dialog.fileList(), QStringLiteral("pytorch_model.bin"));
        QVERIFY(bin);
        QCOMPARE(bin->text(2), QStringLiteral("no"));
        const QLabel* summary = nullptr;
        for (QLabel* l : dialog.findChildren<QLabel*>())
            if (l->text().contains(QStringLiteral("to download"))) summary = l;
        QVERIFY(summary);
        if (const QByteArray dir = qgetenv("FT_SCREENSHOT_DIR"); !dir.isEmpty())
            dialog.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/hub-download-dialog.png"));
    }

    void gatedRepositoryShowsWhatToDo() {
        HubDownloadDialog dialog;
        dialog.repoEdit()->setText(QStringLiteral("org/gated"));
        QSignalSpy failed(dialog.job(), &ft::ui::HubDownloadJob::failed);
        dialog.downloadButton()->click();
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().at(1).toString(), QStringLiteral("hub.gated"));
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("HF_TOKEN")),
                 qPrintable(dialog.statusLabel()->text()));
        QVERIFY(dialog.repoEdit()->isEnabled());  // ready for another try
    }

    // Cancel stops the download (the dialog stays, ready to continue); Download then finishes it,
    // with progress reported on the GUI thread, and the dialog closes.
    void downloadsWithProgressAndCancel() {
        m_server.setModes(
            QJsonObject{{QStringLiteral("slow"),
                         QJsonObject{{QStringLiteral("chunk"), 1024}, {QStringLiteral("delay"), 0.02}}}});
        HubDownloadDialog dialog;
        dialog.show();
        dialog.repoEdit()->setText(QStringLiteral("org/tiny-gpt2"));
        QSignalSpy progress(dialog.job(), &ft::ui::HubDownloadJob::progress);
        QSignalSpy cancelled(dialog.job(), &ft::ui::HubDownloadJob::cancelled);
        QSignalSpy downloaded(&dialog, &HubDownloadDialog::modelDownloaded);
        dialog.downloadButton()->click();
        QVERIFY(!dialog.repoEdit()->isEnabled());
        auto* bar = dialog.findChild<QProgressBar*>();
        QTRY_VERIFY_WITH_TIMEOUT(bar->value() > 0, 30000);
        if (const QByteArray dir = qgetenv("FT_SCREENSHOT_DIR"); !dir.isEmpty())
            dialog.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/hub-download-progress.png"));
        QPushButton* cancel = nullptr;
        for (QPushButton* b : dialog.findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Cancel")) cancel = b;
        QVERIFY(cancel);
        cancel->click();
        QVERIFY(cancelled.wait(20000));
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("Cancelled")));
        QVERIFY(!progress.isEmpty());

        m_server.setModes({});
        QVERIFY(dialog.downloadButton()->isEnabled());
        dialog.downloadButton()->click();
        QVERIFY2(downloaded.wait(30000), qPrintable(dialog.statusLabel()->text()));
        const QString snapshot = downloaded.first().first().toString();
        QVERIFY(QFileInfo::exists(snapshot + QStringLiteral("/model.safetensors")));
        QVERIFY(!dialog.isVisible());  // accepted
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void closingWhileDownloadingCancelsFirst() {
        m_server.setModes(
            QJsonObject{{QStringLiteral("slow"),
                         QJsonObject{{QStringLiteral("chunk"), 1024}, {QStringLiteral("delay"), 0.02}}}});
        HubDownloadDialog dialog;
        dialog.show();
        dialog.repoEdit()->setText(QStringLiteral("org/tiny-gpt2"));
        QSignalSpy cancelled(dialog.job(), &ft::ui::HubDownloadJob::cancelled);
        dialog.downloadButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.findChild<QProgressBar*>()->value() > 0, 30000);
        dialog.reject();
        QVERIFY(dialog.isVisible());  // still stopping
        QVERIFY(cancelled.wait(20000));
        QVERIFY(!dialog.isVisible());
    }

    // A token typed into the dialog opens a gated repository; asking to remember it never stands in
    // the download's way, whether or not this system has a keychain to keep it.
    void gatedRepositoryWithATokenDownloads() {
        HubDownloadDialog dialog;
        dialog.repoEdit()->setText(QStringLiteral("org/gated"));
        dialog.tokenEdit()->setText(QStringLiteral("hf_secret"));
        QCOMPARE(dialog.tokenEdit()->echoMode(), QLineEdit::Password);
        dialog.rememberTokenBox()->setChecked(dialog.rememberTokenBox()->isEnabled());
        QSignalSpy done(&dialog, &HubDownloadDialog::modelDownloaded);
        QSignalSpy failed(dialog.job(), &ft::ui::HubDownloadJob::failed);
        dialog.downloadButton()->click();
        QVERIFY2(done.wait(30000), failed.isEmpty() ? "no download" : qPrintable(failed.first().first().toString()));
        QVERIFY(done.first().first().toString().contains(QStringLiteral("models--org--gated")));
        QTest::qWait(200);  // a keychain answer, if any, has time to arrive
        const QString note = dialog.keychainNote()->text();
        QVERIFY2(note.isEmpty() || note.contains(QStringLiteral("used for this download only")), qPrintable(note));
        if (const QByteArray dir = qgetenv("FT_SCREENSHOT_DIR"); !dir.isEmpty()) {
            dialog.resize(760, 560);
            dialog.show();
            dialog.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/hub-dialog.png"));
        }
    }

    void modelStepSelectsTheDownloadedModel() {
        ft::api::HubDownloadOptions options;
        auto snapshot = ft::api::downloadModel("org/tiny-gpt2", "main", options, {}, nullptr);
        QVERIFY(snapshot.ok());
        ft::ui::ModelPanel panel({});
        QSignalSpy scanned(&panel, &ft::ui::ModelPanel::scanFinished);
        QVERIFY(scanned.wait(20000));
        panel.showDownloadedModel(QString::fromStdString(*snapshot));
        QVERIFY(scanned.wait(20000));
        const auto selected = panel.selectedModel();
        QVERIFY(selected.has_value());
        QCOMPARE(selected->name, std::string("org/tiny-gpt2"));
        QCOMPARE(selected->source, std::string("hf-cache"));
        QCOMPARE(selected->path, *snapshot);
        QPushButton* hub = nullptr;
        for (QPushButton* b : panel.findChildren<QPushButton*>())
            if (b->text().startsWith(QStringLiteral("Download from Hugging Face"))) hub = b;
        QVERIFY(hub);
        QVERIFY(hub->isEnabled());
        if (const QByteArray dir = qgetenv("FT_SCREENSHOT_DIR"); !dir.isEmpty()) {
            panel.resize(1100, 560);
            panel.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/hub-model-step.png"));
        }
    }
};

QTEST_MAIN(TestHubDialog)
#include "test_hub_dialog.moc"
