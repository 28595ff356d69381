#include "core/io/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace ft::io {

Result<MappedFile> MappedFile::open(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        return makeError(err == ENOENT ? "io.not_found" : "io.open_failed",
                         "Cannot open " + file.string() + ": " + std::strerror(err) + ".", file.string());
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return makeError("io.open_failed", "Cannot read " + file.string() + ": it is not a regular file.",
                         file.string());
    }
    MappedFile mapped;
    mapped.m_size = static_cast<size_t>(st.st_size);
    if (mapped.m_size > 0) {
        void* p = ::mmap(nullptr, mapped.m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            return makeError("io.mmap_failed",
                             "Cannot map " + file.string() + " into memory: " + std::strerror(err) + ".",
                             file.string());
        }
        mapped.m_data = static_cast<const unsigned char*>(p);
    }
    ::close(fd);  // the mapping keeps the file alive, even after a rename replaces it
    return mapped;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() {
    if (m_data) ::munmap(const_cast<unsigned char*>(m_data), m_size);
    m_data = nullptr;
    m_size = 0;
}

}  // namespace ft::io
