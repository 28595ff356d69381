#include "core/hub/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "core/hub/hub_cache.h"

namespace ft::hub {

Result<FileLock> FileLock::acquire(const std::filesystem::path& file, const std::atomic<bool>* cancel) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return diskError(file.parent_path(), "create the folder", ec.message());
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return diskError(file, "open the lock file", std::strerror(errno));
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const int err = errno;
            ::close(fd);
            return diskError(file, "lock", std::strerror(err));
        }
        if (cancel && cancel->load()) {
            ::close(fd);
            return makeError("hub.cancelled", "The download was cancelled.");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return FileLock(fd);
}

FileLock::~FileLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
}

}  // namespace ft::hub
