#pragma once
// Model step ▸ "Download from Hugging Face…": a repository id and revision, "Check" lists its files
// with sizes (the ones to be downloaded, and the total), "Download" fetches them into the shared
// cache with a progress bar and Cancel. On success it emits modelDownloaded() and closes.

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace ft::ui {

class HubDownloadJob;
class HubTokenStore;

class HubDownloadDialog : public QDialog {
    Q_OBJECT
public:
    explicit HubDownloadDialog(QWidget* parent = nullptr);

    // For tests and the caller: the fields and buttons.
    QLineEdit* repoEdit() const { return m_repo; }
    QComboBox* catalogCombo() const { return m_catalog; }
    QLineEdit* tokenEdit() const { return m_token; }
    QCheckBox* rememberTokenBox() const { return m_rememberToken; }
    QLabel* keychainNote() const { return m_keychainNote; }
    QLineEdit* revisionEdit() const { return m_revision; }
    QPushButton* checkButton() const { return m_check; }
    QPushButton* downloadButton() const { return m_download; }
    QTreeWidget* fileList() const { return m_files; }
    QLabel* statusLabel() const { return m_status; }
    HubDownloadJob* job() const { return m_job; }

    void reject() override;  // Esc / close while downloading: cancel, then close once it has stopped

Q_SIGNALS:
    void modelDownloaded(const QString& snapshotFolder);

private:
    void updateButtons();
    void rememberToken();
    void showFiles();
    void showProgress(qint64 bytes, qint64 totalBytes, const QString& file, int fileIndex, int fileCount);
    void showError(const QString& message);
    void setStatus(const QString& text, bool error = false);

    QComboBox* m_catalog = nullptr;
    QLineEdit* m_token = nullptr;
    QCheckBox* m_rememberToken = nullptr;
    QLabel* m_keychainNote = nullptr;
    HubTokenStore* m_tokenStore = nullptr;
    bool m_tokenFromKeychain = false;   // the field holds the stored token (unticking forgets it)
    QLineEdit* m_repo = nullptr;
    QLineEdit* m_revision = nullptr;
    QLabel* m_repoHint = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_download = nullptr;
    QPushButton* m_cancel = nullptr;
    QTreeWidget* m_files = nullptr;
    QLabel* m_summary = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_current = nullptr;
    QLabel* m_status = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    HubDownloadJob* m_job = nullptr;
    bool m_closeWhenStopped = false;
};

}  // namespace ft::ui
