#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

namespace ft::io {
namespace {

Error writeError(const std::filesystem::path& file, const std::string& what, int err) {
    return makeError("io.write_failed",
                     "Cannot write " + file.string() + " (" + what + "): " + std::strerror(err) + ".",
                     file.string());
}

bool writeAll(int fd, const void* data, size_t size) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

std::filesystem::path tempSibling(const std::filesystem::path& file) {
    static std::atomic<unsigned> counter{0};
    std::string name = "." + file.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                       std::to_string(counter++);
    return file.parent_path() / name;
}

}  // namespace

Status writeFileAtomic(const std::filesystem::path& file, const std::vector<ByteChunk>& chunks) {
    const std::filesystem::path temp = tempSibling(file);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return writeError(file, "create temporary file", errno);

    for (const ByteChunk& chunk : chunks) {
        if (chunk.second > 0 && !writeAll(fd, chunk.first, chunk.second)) {
            const int err = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            return writeError(file, "write", err);
        }
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return writeError(file, "fsync", err);
    }
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return writeError(file, "close", err);
    }
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return writeError(file, "rename", err);
    }
    // Make the rename itself durable; failure here is not worth failing the write for.
    std::filesystem::path dir = file.parent_path().empty() ? "." : file.parent_path();
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return Status::success();
}

Status writeFileAtomic(const std::filesystem::path& file, std::string_view text) {
    return writeFileAtomic(file, std::vector<ByteChunk>{{text.data(), text.size()}});
}

}  // namespace ft::io
