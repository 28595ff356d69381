#pragma once
// An exclusive lock on `.locks/models--org--name/<etag>.lock`, the same file (and the same flock)
// huggingface_hub's filelock takes, so two downloads of one blob — ours or Python's — never interleave.

#include <atomic>
#include <filesystem>

#include "core/common/result.h"

namespace ft::hub {

class FileLock {
public:
    // Waits for the lock, polling so that `cancel` (may be null) can end the wait with hub.cancelled.
    static Result<FileLock> acquire(const std::filesystem::path& file, const std::atomic<bool>* cancel);

    FileLock(FileLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    FileLock& operator=(FileLock&&) = delete;
    FileLock(const FileLock&) = delete;
    ~FileLock();

private:
    explicit FileLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

}  // namespace ft::hub
