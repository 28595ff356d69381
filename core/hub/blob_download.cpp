#include "core/hub/blob_download.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "core/hub/file_lock.h"
#include "core/hub/http.h"
#include "core/hub/hub_names.h"
#include "core/hub/sha256.h"

namespace fs = std::filesystem;

namespace ft::hub {
namespace {

// The .incomplete file, its length, and the sha256 of exactly the bytes in it.
class PartialFile {
public:
    ~PartialFile() {
        if (m_fd >= 0) ::close(m_fd);
    }

    Status open(const fs::path& path, bool hash) {
        m_path = path;
        m_hash = hash;
        m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0) return diskError(path, "open", std::strerror(errno));
        // Hash what an earlier run left, so that the check at the end covers the whole file.
        std::vector<char> buffer(1 << 20);
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer.data(), buffer.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return diskError(path, "read", std::strerror(errno));
            if (n == 0) break;
            if (m_hash) m_sha.update(buffer.data(), static_cast<size_t>(n));
            m_size += n;
        }
        return Status::success();
    }

    int64_t size() const { return m_size; }

    bool truncate() {
        m_sha = Sha256();
        m_size = 0;
        return ::ftruncate(m_fd, 0) == 0 && ::lseek(m_fd, 0, SEEK_SET) == 0;
    }

    bool append(const char* data, size_t size) {
        if (m_hash) m_sha.update(data, size);
        while (size > 0) {
            const ssize_t n = ::write(m_fd, data, size);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return m_errno = errno, false;
            data += n, size -= static_cast<size_t>(n), m_size += n;
        }
        return true;
    }

    Status finish() {
        if (::fsync(m_fd) != 0 || ::close(m_fd) != 0) {
            m_fd = -1;
            return diskError(m_path, "write", std::strerror(errno));
        }
        m_fd = -1;
        return Status::success();
    }

    std::string sha256() { return m_sha.hexDigest(); }
    int lastErrno() const { return m_errno; }

private:
    fs::path m_path;
    int m_fd = -1;
    bool m_hash = false;
    Sha256 m_sha;
    int64_t m_size = 0;
    int m_errno = 0;
};

int64_t contentRangeStart(const std::string& header) {  // "bytes 100-199/200" → 100
    const size_t space = header.find(' ');
    if (space == std::string::npos) return -1;
    char* end = nullptr;
    const long long v = std::strtoll(header.c_str() + space + 1, &end, 10);
    return end && *end == '-' ? v : -1;
}

bool retriable(long status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

}  // namespace

Status downloadBlob(HttpSession& http, const HubSettings& settings, const RepoCache& cache,
                    const BlobSource& source, const RequestContext& context,
                    const std::function<void(int64_t)>& onBytes, const std::atomic<bool>* cancel) {
    const std::string where = context.repoId + "/" + context.file;
    auto lock = FileLock::acquire(cache.lockFile(source.etag), cancel);
    if (!lock) return lock.error();
    const fs::path blob = cache.blob(source.etag), partialPath = cache.incompleteBlob(source.etag);
    std::error_code ec;
    if (fs::is_regular_file(blob, ec) &&
        (source.size < 0 || int64_t(fs::file_size(blob, ec)) == source.size)) {
        onBytes(source.size < 0 ? int64_t(fs::file_size(blob, ec)) : source.size);
        return Status::success();  // another process finished it while we waited for the lock
    }
    fs::create_directories(blob.parent_path(), ec);
    if (ec) return diskError(blob.parent_path(), "create the folder", ec.message());

    PartialFile partial;
    if (Status st = partial.open(partialPath, source.checkSha256); !st) return st;
    if (source.size >= 0 && partial.size() > source.size && !partial.truncate())
        return diskError(partialPath, "truncate", std::strerror(errno));
    onBytes(partial.size());

    Error diskFailure;
    bool rangeRejected = false;
    BodySink sink;
    int64_t requestedFrom = 0;
    sink.start = [&](const HttpResponse& head) {
        // "If we requested a Range but got 200 back": the server sends everything, so start over.
        if (head.status == 200 && requestedFrom > 0) {
            if (!partial.truncate())
                return diskFailure = diskError(partialPath, "truncate", std::strerror(errno)), false;
            onBytes(0);
        } else if (head.status == 206 && contentRangeStart(head.header("content-range")) != requestedFrom) {
            return rangeRejected = true, false;
        }
        return true;
    };
    sink.write = [&](const char* data, size_t size) {
        if (!partial.append(data, size))
            return diskFailure = diskError(partialPath, "write", std::strerror(partial.lastErrno())), false;
        onBytes(partial.size());
        return true;
    };

    HttpRequest request;
    request.url = source.url;
    bool sendToken = source.sendToken;
    request.connectTimeoutS = settings.metadataTimeoutS;
    request.stallTimeoutS = settings.downloadTimeoutS;
    int failures = 0, redirects = 0;
    while (source.size < 0 || partial.size() < source.size) {
        requestedFrom = partial.size();
        request.headers = requestHeaders(settings, sendToken);
        if (requestedFrom > 0)
            request.headers.push_back("Range: bytes=" + std::to_string(requestedFrom) + "-");
        auto response = http.perform(request, &sink, cancel);
        if (response && response->status >= 300 && response->status < 400 &&
            !response->header("location").empty()) {
            if (++redirects > 10)
                return makeError("hub.bad_response", "Too many redirects while downloading " + where + ".",
                                 {}, -1, where);
            const std::string location = response->header("location");
            if (isAbsoluteUrl(location)) sendToken = false;
            request.url = isAbsoluteUrl(location) ? location : joinUrl(request.url, location);
            continue;
        }
        if (response && response->status >= 200 && response->status < 300)
            break;  // the whole (rest of the) body
        if (!diskFailure.code.empty()) return diskFailure;
        if (rangeRejected)
            return makeError("hub.bad_response",
                             "The server sent the wrong part of " + where + " when resuming.", {}, -1, where);
        if (!response && response.error().code != "hub.network")
            return response.error();  // cancelled, unavailable
        if (response && !retriable(response->status)) {
            if (response->status == 416 && source.size < 0)
                break;  // asked past the end of a file of unknown size
            Status st = checkResponse(*response, context);
            return st ? makeError("hub.http", "Unexpected answer while downloading " + where + ".", {}, -1,
                                  where)
                      : st.error();
        }
        if (++failures > settings.downloadRetries)
            return response ? checkResponse(*response, context).error() : response.error();
        std::this_thread::sleep_for(
            std::chrono::milliseconds(250 * failures));  // then resume where it broke off
    }
    const int64_t got = partial.size();
    const std::string sha = source.checkSha256 ? partial.sha256() : std::string();
    if (Status st = partial.finish(); !st) return st;
    if (source.size >= 0 && got != source.size) {
        fs::remove(partialPath, ec);
        return makeError("hub.size_mismatch",
                         "Downloaded " + std::to_string(got) + " bytes of " + where +
                             " but the Hub announced " + std::to_string(source.size) +
                             "; the partial file was deleted, try again.",
                         {}, -1, where);
    }
    if (source.checkSha256 && sha != source.etag) {
        fs::remove(partialPath, ec);
        return makeError("hub.checksum",
                         "The download of " + where + " is damaged: its sha256 is " + sha +
                             " but the Hub says " + source.etag + "; the file was deleted, try again.",
                         {}, -1, where);
    }
    fs::rename(partialPath, blob, ec);
    if (ec) return diskError(blob, "move the finished download to", ec.message());
    return Status::success();
}

}  // namespace ft::hub
