#include "ui/hub_download_job.h"

#include <QtConcurrent/QtConcurrentRun>

#include <chrono>

#include "ui/error_text.h"
#include "ui/qt_convert.h"

namespace ft::ui {

HubDownloadJob::HubDownloadJob(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this]() { onFinished(m_isDownload); });
}

HubDownloadJob::~HubDownloadJob() {
    m_cancel = true;  // the transfer checks it at least once a second
    m_watcher.waitForFinished();
}

void HubDownloadJob::check(const QString& repoId, const QString& revision, const QString& token) {
    if (m_running) return;
    m_cancel = false;  // before the task starts: it may look at the flag at once
    const std::string repo = toStd(repoId), rev = toStd(revision);
    ft::api::HubDownloadOptions options;
    options.token = toStd(token);
    start(QtConcurrent::run([repo, rev, options]() {
              Outcome out;
              auto files = ft::api::listHubFiles(repo, rev, options);
              if (files)
                  out.files = std::move(*files);
              else
                  out.error = files.error();
              return out;
          }),
          false);
}

void HubDownloadJob::download(const QString& repoId, const QString& revision, const QString& token) {
    if (m_running) return;
    m_cancel = false;
    const std::string repo = toStd(repoId), rev = toStd(revision);
    ft::api::HubDownloadOptions options;
    options.token = toStd(token);
    start(QtConcurrent::run([this, repo, rev, options]() {
              using Clock = std::chrono::steady_clock;
              Clock::time_point last{};
              auto onProgress = [this, &last](const ft::api::HubProgress& p) {
                  const auto now = Clock::now();
                  if (!p.fileDone && now - last < std::chrono::milliseconds(50)) return;
                  last = now;
                  Q_EMIT progress(p.bytes, p.totalBytes, toQ(p.file), p.fileIndex, p.fileCount);
              };
              Outcome out;
              auto snapshot = ft::api::downloadModel(repo, rev, options, onProgress, &m_cancel);
              if (snapshot)
                  out.snapshot = *snapshot;
              else
                  out.error = snapshot.error();
              return out;
          }),
          true);
}

void HubDownloadJob::start(QFuture<Outcome> future, bool isDownload) {
    m_running = true;
    m_isDownload = isDownload;
    m_watcher.setFuture(future);
    Q_EMIT runningChanged(true);
}

void HubDownloadJob::onFinished(bool isDownload) {
    const Outcome out = m_watcher.result();
    m_running = false;
    Q_EMIT runningChanged(false);
    if (!out.error.code.empty()) {
        if (out.error.code == "hub.cancelled")
            Q_EMIT cancelled();
        else
            Q_EMIT failed(errorText(out.error), toQ(out.error.code));
        return;
    }
    if (!isDownload) {
        m_files = out.files;
        Q_EMIT listed();
        return;
    }
    Q_EMIT downloaded(toQ(out.snapshot));
}

}  // namespace ft::ui
