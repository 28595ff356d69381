#include "ui/hub_download_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/api/hub_catalog.h"
#include "ui/error_text.h"
#include "ui/hub_download_job.h"
#include "ui/hub_token_store.h"
#include "ui/qt_convert.h"

namespace ft::ui {

HubDownloadDialog::HubDownloadDialog(QWidget* parent) : QDialog(parent), m_job(new HubDownloadJob(this)) {
    setWindowTitle(tr("Download from Hugging Face"));
    auto* intro =
        new QLabel(tr("Downloads a model's configuration, safetensors weights and tokenizer into the shared "
                      "Hugging Face cache, where Python tools find it too. Gated and private models need an "
                      "access token: paste it below, or set HF_TOKEN."),
                   this);
    intro->setWordWrap(true);

    m_repo = new QLineEdit(this);
    m_repo->setPlaceholderText(tr("organisation/name, e.g. HuggingFaceTB/SmolLM2-135M"));
    m_repoHint = new QLabel(this);
    m_repoHint->setWordWrap(true);
    m_repoHint->setStyleSheet(QStringLiteral("color: #b34700;"));
    m_revision = new QLineEdit(QStringLiteral("main"), this);
    m_revision->setToolTip(tr("A branch, tag or commit of the repository"));
    m_check = new QPushButton(tr("Check"), this);
    m_check->setToolTip(tr("List the repository's files and the download size"));
    auto* repoRow = new QHBoxLayout;
    repoRow->addWidget(m_repo, 1);
    repoRow->addWidget(m_check);
    // Well-known models: choosing one fills in its repository (the size is the weights').
    m_catalog = new QComboBox(this);
    m_catalog->setObjectName(QStringLiteral("catalog"));
    m_catalog->addItem(tr("Choose a well-known model\u2026"), QString());
    for (const auto& m : ft::api::wellKnownModels()) {
        m_catalog->addItem(tr("%1 \u2014 %2 parameters, %3").arg(toQ(m.name), QLocale().toString(double(m.parameters) / 1e6, 'f', 0) + tr("M"),
                                                                   formatBytes(m.downloadBytes)),
                           toQ(m.repoId));
        m_catalog->setItemData(m_catalog->count() - 1, tr("%1: %2").arg(toQ(m.repoId), toQ(m.goodFor)), Qt::ToolTipRole);
    }
    m_catalog->setToolTip(tr("Models Finetune Studio trains well, from small classifiers to chat models"));
    connect(m_catalog, &QComboBox::activated, this, [this](int index) {
        const QString repo = m_catalog->itemData(index).toString();
        if (!repo.isEmpty()) m_repo->setText(repo);
    });
    auto* form = new QFormLayout;
    form->addRow(tr("Catalog:"), m_catalog);
    form->addRow(tr("Repository:"), repoRow);
    form->addRow(QString(), m_repoHint);
    form->addRow(tr("Revision:"), m_revision);
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("hf_\u2026 (only for gated or private models)"));
    m_token->setToolTip(tr("A Hugging Face access token (huggingface.co \u25b8 Settings \u25b8 Access Tokens). Empty: the "
                           "HF_TOKEN environment variable or the token `hf auth login` saved, if any."));
    m_rememberToken = new QCheckBox(tr("Remember in the system keychain"), this);
    m_rememberToken->setObjectName(QStringLiteral("rememberToken"));
    m_rememberToken->setEnabled(HubTokenStore::compiledIn());
    m_rememberToken->setToolTip(HubTokenStore::compiledIn()
                                    ? tr("Keep the token in the operating system's keychain for the next download, never in a file")
                                    : tr("This build has no keychain support: the token is used for this session only"));
    form->addRow(tr("Access token:"), m_token);
    form->addRow(QString(), m_rememberToken);
    m_tokenStore = new HubTokenStore(this);
    connect(m_tokenStore, &HubTokenStore::loaded, this, [this](const QString& token) {
        if (token.isEmpty() || !m_token->text().isEmpty()) return;
        m_token->setText(token);
        m_rememberToken->setChecked(true);
        m_tokenFromKeychain = true;
    });
    if (HubTokenStore::compiledIn()) m_tokenStore->load();

    m_files = new QTreeWidget(this);
    m_files->setColumnCount(3);
    m_files->setHeaderLabels({tr("File"), tr("Size"), tr("Download")});
    m_files->setRootIsDecorated(false);
    m_files->setAlternatingRowColors(true);
    m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_files->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_files->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_summary = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_current = new QLabel(this);
    m_current->setTextFormat(Qt::PlainText);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(this);
    m_download = m_buttons->addButton(tr("Download"), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_download->setAutoDefault(false);
    m_cancel->setAutoDefault(false);
    m_check->setDefault(true);  // Enter in a field checks; downloading takes a click

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_files, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_current);
    layout->addWidget(m_status);
    m_keychainNote = new QLabel(this);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_keychainNote);
    layout->addWidget(m_buttons);

    connect(m_repo, &QLineEdit::textChanged, this, [this]() {
        m_files->clear();
        m_summary->clear();
        updateButtons();
    });
    connect(m_revision, &QLineEdit::textChanged, this, &HubDownloadDialog::updateButtons);
    connect(m_check, &QPushButton::clicked, this, [this]() {
        setStatus(tr("Asking the Hub for the file list\u2026"));
        m_job->check(m_repo->text().trimmed(), m_revision->text().trimmed(), m_token->text().trimmed());
    });
    connect(m_download, &QPushButton::clicked, this, [this]() {
        m_progress->setValue(0);
        setStatus(tr("Downloading\u2026"));
        rememberToken();
        m_job->download(m_repo->text().trimmed(), m_revision->text().trimmed(), m_token->text().trimmed());
    });
    connect(m_cancel, &QPushButton::clicked, this, [this]() {  // stops a download, else closes
        if (!m_job->isRunning()) return QDialog::reject();
        setStatus(tr("Stopping\u2026"));
        m_job->cancel();
    });
    connect(m_job, &HubDownloadJob::runningChanged, this, &HubDownloadDialog::updateButtons);
    connect(m_job, &HubDownloadJob::listed, this, &HubDownloadDialog::showFiles);
    connect(m_job, &HubDownloadJob::progress, this, &HubDownloadDialog::showProgress, Qt::QueuedConnection);
    connect(m_job, &HubDownloadJob::failed, this, &HubDownloadDialog::showError);
    connect(m_job, &HubDownloadJob::cancelled, this, [this]() {
        m_current->clear();
        setStatus(tr("Cancelled. The part already downloaded is kept; Download continues from there."));
        if (m_closeWhenStopped) QDialog::reject();
    });
    connect(m_job, &HubDownloadJob::downloaded, this, [this](const QString& folder) {
        m_progress->setValue(m_progress->maximum());
        setStatus(tr("Downloaded to %1").arg(folder));
        Q_EMIT modelDownloaded(folder);
        if (m_closeWhenStopped)
            QDialog::reject();
        else
            accept();
    });

    updateButtons();
    resize(620, 520);
}

void HubDownloadDialog::reject() {
    if (m_job->isRunning()) {
        m_closeWhenStopped = true;
        setStatus(tr("Stopping\u2026"));
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

// With "Remember" the token goes to the keychain (and leaves it when unticked). The request outlives
// the dialog, which closes when the download ends: its store belongs to the application.
void HubDownloadDialog::rememberToken() {
    const QString token = m_token->text().trimmed();
    const bool store = m_rememberToken->isChecked() && !token.isEmpty();
    if (!store && !m_tokenFromKeychain) return;
    auto* keychain = new HubTokenStore(QCoreApplication::instance());
    connect(keychain, &HubTokenStore::saved, keychain, &QObject::deleteLater);
    connect(keychain, &HubTokenStore::failed, keychain, &QObject::deleteLater);
    QPointer<QLabel> note = m_keychainNote;
    connect(keychain, &HubTokenStore::failed, this, [note](const QString& why) {
        if (note) note->setText(tr("The token could not be kept in the keychain (%1); it is used for this download only.").arg(why));
    });
    if (store) keychain->save(token);
    else keychain->remove();
    m_tokenFromKeychain = store;
}

void HubDownloadDialog::updateButtons() {
    const QString repo = m_repo->text().trimmed();
    const ft::Status valid = ft::api::validateHubRepoId(toStd(repo));
    m_repoHint->setText(repo.isEmpty() || valid
                            ? QString()
                            : tr("Not a repository id: it looks like organisation/name, letters, "
                                 "digits, '-', '_' and '.'."));
    m_repoHint->setVisible(!m_repoHint->text().isEmpty());
    const bool idle = !m_job->isRunning();
    const bool ready = idle && !repo.isEmpty() && valid && !m_revision->text().trimmed().isEmpty();
    m_repo->setEnabled(idle);
    m_revision->setEnabled(idle);
    m_check->setEnabled(ready);
    m_download->setEnabled(ready);
    m_cancel->setText(idle ? tr("Close") : tr("Cancel"));
}

void HubDownloadDialog::showFiles() {
    m_files->clear();
    const auto& listing = m_job->files();
    if (!listing) return;
    for (const ft::api::HubRepoFile& f : listing->files) {
        auto* item = new QTreeWidgetItem(m_files);
        item->setText(0, toQ(f.path));
        item->setText(1, f.sizeBytes >= 0 ? formatBytes(f.sizeBytes) : tr("unknown"));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(2, f.selected ? tr("yes") : tr("no"));
        if (!f.selected) {
            item->setForeground(0, palette().brush(QPalette::Disabled, QPalette::Text));
            item->setToolTip(0, tr("Not needed to train the model (other weight formats, extra folders)"));
        }
    }
    m_summary->setText(tr("%n file(s) to download, %1 in all (commit %2)", nullptr, listing->selectedCount)
                           .arg(formatBytes(listing->selectedBytes), toQ(listing->commit.substr(0, 10))));
    setStatus(listing->selectedCount > 0 ? QString() : tr("None of these files is needed for training."),
              listing->selectedCount == 0);
}

void HubDownloadDialog::showProgress(qint64 bytes, qint64 totalBytes, const QString& file, int fileIndex,
                                     int fileCount) {
    if (totalBytes > 0) m_progress->setValue(static_cast<int>(1000.0 * double(bytes) / double(totalBytes)));
    m_current->setText(tr("File %1 of %2: %3 \u2014 %4 of %5")
                           .arg(fileIndex + 1)
                           .arg(fileCount)
                           .arg(file, formatBytes(bytes), formatBytes(totalBytes)));
}

void HubDownloadDialog::showError(const QString& message) {
    m_current->clear();
    setStatus(message, true);
    if (m_closeWhenStopped) QDialog::reject();
}

void HubDownloadDialog::setStatus(const QString& text, bool error) {
    m_status->setStyleSheet(error ? QStringLiteral("color: #b34700;") : QString());
    m_status->setText(text);
}

}  // namespace ft::ui
