#pragma once
// Lists and downloads a Hugging Face repository off the GUI thread (QtConcurrent): progress arrives by
// queued signals, the outcome when the task ends. One task at a time; destroying the job cancels and
// waits for it.

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <optional>

#include "core/api/hub_download.h"
#include "core/common/result.h"

namespace ft::ui {

class HubDownloadJob : public QObject {
    Q_OBJECT
public:
    explicit HubDownloadJob(QObject* parent = nullptr);
    ~HubDownloadJob() override;

    bool isRunning() const { return m_running; }
    // The file list of the last successful check().
    const std::optional<ft::api::HubRepoFiles>& files() const { return m_files; }

    // `token`: an access token for gated or private repositories ("" = the environment's, if any).
    void check(const QString& repoId, const QString& revision, const QString& token = {});  // → listed() or failed()
    void download(const QString& repoId, const QString& revision,
                  const QString& token = {});  // → progress()…, downloaded(), failed() or cancelled()
    void cancel() { m_cancel = true; }       // any thread

Q_SIGNALS:
    void listed();
    // Emitted on the download thread (connections to GUI objects are queued), at most every 50 ms.
    void progress(qint64 bytes, qint64 totalBytes, const QString& file, int fileIndex, int fileCount);
    void downloaded(const QString& snapshotFolder);
    void cancelled();
    // `message` is worded for the user (errorText); `code` is the core's error code.
    void failed(const QString& message, const QString& code);
    void runningChanged(bool running);

private:
    struct Outcome {
        std::optional<ft::api::HubRepoFiles> files;
        std::string snapshot;
        ft::Error error;
    };
    void start(QFuture<Outcome> future, bool isDownload);
    void onFinished(bool isDownload);

    QFutureWatcher<Outcome> m_watcher;
    std::atomic<bool> m_cancel{false};
    std::optional<ft::api::HubRepoFiles> m_files;
    bool m_running = false;
    bool m_isDownload = false;
};

}  // namespace ft::ui
